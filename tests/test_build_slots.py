"""A killed build must not block the next one: its Dagster pool slot is released (issue 16, item 6).

Found on a clean CI run: `kill -9` of a `fazhi build` left its run STARTED and its `duckdb_writer`
slot claimed in the persistent instance (`make` exports DAGSTER_HOME), so the next build waited for
that slot forever. Tested on a real Dagster instance with the project's pool configuration."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from pipelines.build import PID_TAG, release_dead_runs_slots
from pipelines.paths import PROJECT_ROOT


@pytest.fixture
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from dagster import DagsterInstance

    shutil.copy(PROJECT_ROOT / "config" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    with DagsterInstance.get() as inst:
        yield inst


def _run(instance, pid: int, status: str = "STARTED") -> str:
    from dagster import DagsterRunStatus
    from dagster._core.storage.dagster_run import DagsterRun

    run_id = str(uuid.uuid4())
    instance.add_run(
        DagsterRun(
            job_name="fazhi_build", run_id=run_id, status=DagsterRunStatus[status], tags={PID_TAG: str(pid)}
        )
    )
    return run_id


def _dead_pid() -> int:
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def test_a_dead_builds_slot_is_freed_and_a_live_ones_kept(instance) -> None:
    storage = instance.event_log_storage
    storage.set_concurrency_slots("duckdb_writer", 1)
    dead = _run(instance, _dead_pid())
    assert storage.claim_concurrency_slot("duckdb_writer", dead, "ingest_files").is_claimed
    waiting = _run(instance, os.getpid())
    assert not storage.claim_concurrency_slot("duckdb_writer", waiting, "ingest_files").is_claimed

    assert release_dead_runs_slots(instance) == [dead]
    assert instance.get_run_by_id(dead).status.value == "FAILURE"
    # the live build now gets the slot; its own claim is never released behind its back
    assert storage.claim_concurrency_slot("duckdb_writer", waiting, "ingest_files").is_claimed
    assert release_dead_runs_slots(instance) == []
    assert waiting in storage.get_concurrency_run_ids()


def test_a_finished_runs_leftover_claim_is_freed(instance) -> None:
    storage = instance.event_log_storage
    storage.set_concurrency_slots("duckdb_writer", 1)
    done = _run(instance, os.getpid(), status="SUCCESS")
    storage.claim_concurrency_slot("duckdb_writer", done, "fazhi_dbt_models")
    assert release_dead_runs_slots(instance) == [done]
    assert done not in storage.get_concurrency_run_ids()
