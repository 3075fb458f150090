"""Run the whole asset graph in-process (what `fazhi build` and `make run` do).

The same definitions Dagster's UI loads are materialized here, so the command line and the
orchestrator can never disagree about what a build is.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

from pipelines.land.lock import WarehouseBusy, warehouse_write_lock
from pipelines.lifeline import command
from pipelines.paths import DBT_PROJECT_DIR, ensure_dagster_home, inbox_dir


def _dbt(args: list[str], db: Path) -> subprocess.CompletedProcess:
    from pipelines.assets.resources import dbt_executable

    env = {**os.environ, "FAZHI_DUCKDB_PATH": str(db)}
    # dbt dies with this process, even on kill -9 (pipelines/lifeline.py).
    cmd = command(
        dbt_executable(),
        *args,
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
    )
    return subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)


def manifest_is_fresh() -> bool:
    """True when target/manifest.json is newer than every file dbt parses (models, tests, config)."""
    manifest = DBT_PROJECT_DIR / "target" / "manifest.json"
    if not manifest.exists():
        return False
    inputs = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in ("models", "macros", "tests"):
        inputs += [p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file()]
    built = manifest.stat().st_mtime
    return all(p.stat().st_mtime < built for p in inputs)


def prepare_manifest(db: Path, *, force: bool = False) -> None:
    """`dbt parse` writes target/manifest.json, which the dbt assets need before the definitions load.

    Skipped when the manifest is newer than the project's files: a rebuild with nothing new should
    not pay for a parse.
    """
    if not force and manifest_is_fresh():
        return
    # Two processes parsing at once would interleave writes to dbt/target: parse one at a time.
    with warehouse_write_lock(DBT_PROJECT_DIR / "target" / "parse", timeout_s=600):
        proc = _dbt(["parse", "--quiet"], db)
    if proc.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}")


def generate_docs(db: Path) -> Path:
    proc = _dbt(["docs", "generate"], db)
    if proc.returncode != 0:
        raise RuntimeError(f"dbt docs generate failed:\n{proc.stdout[-3000:]}")
    return DBT_PROJECT_DIR / "target" / "index.html"


PID_TAG = "fazhi/pid"
QUIET_TAIL_LINES = 40  # of dbt's held-back log, printed when a quiet build fails


def _tail(text: str, n: int) -> str:
    lines = text.rstrip().splitlines()
    return "\n".join((["..."] if len(lines) > n else []) + lines[-n:])


def release_dead_runs_slots(instance) -> list[str]:
    """Free the pool slots held by builds that can no longer free them: a `fazhi build` killed with
    SIGKILL leaves its run STARTED and its `duckdb_writer` slot claimed in a persistent instance, and
    every later build would wait for that slot forever. A run qualifies when it has finished, or when
    it was started by `fazhi build` (tagged with its pid) and that process is gone; runs of the
    Dagster daemon are left to its run monitoring. Returns the run ids released."""
    from dagster import DagsterRunStatus

    from pipelines.lifeline import alive

    released = []
    storage = instance.event_log_storage
    for run_id in sorted(storage.get_concurrency_run_ids()):
        run = instance.get_run_by_id(run_id)
        finished = run is None or run.status in (
            DagsterRunStatus.SUCCESS,
            DagsterRunStatus.FAILURE,
            DagsterRunStatus.CANCELED,
        )
        pid = (run.tags.get(PID_TAG) if run is not None else None) or ""
        dead = pid.isdigit() and not alive(int(pid))
        if finished or dead:
            storage.free_concurrency_slots_for_run(run_id)
            if run is not None and dead and not finished:
                instance.report_run_failed(
                    run, "its fazhi build process died (killed); its pool slot was freed"
                )
            released.append(run_id)
    return released


def run_build(db: Path, *, include_samples: bool = True, docs: bool = False, quiet: bool = False) -> bool:
    """Run the build; False when it failed, WarehouseBusy when it gave up on a busy warehouse."""
    db = db.resolve()
    db.parent.mkdir(parents=True, exist_ok=True)
    os.environ["FAZHI_DUCKDB_PATH"] = str(db)
    prepare_manifest(db)

    from dagster import AssetSelection, DagsterInstance, Definitions, define_asset_job

    from pipelines.assets.automation import CRAWL_KEY
    from pipelines.assets.checks import ALL_CHECKS
    from pipelines.assets.resources import WarehouseResource, dbt_resource
    from pipelines.console import console_logger, event_busy_message
    from pipelines.definitions import defs
    from pipelines.progress import progress_logger

    # The same assets and checks the Dagster UI shows, bound to this warehouse file, as one job
    # (everything but the per-source crawl partitions) so the progress logger sees every step.
    selection = AssetSelection.all() - AssetSelection.assets(CRAWL_KEY)
    build_defs = Definitions(
        assets=list(defs.assets or []),
        asset_checks=ALL_CHECKS,
        jobs=[define_asset_job("fazhi_build", selection=selection)],
        resources={"warehouse": WarehouseResource(database=str(db)), "dbt": dbt_resource()},
        loggers={"console": console_logger, "progress": progress_logger},
    )
    job = build_defs.resolve_job_def("fazhi_build")
    # Quiet means the summary: no step lines, no warnings, and dbt's log (which dagster-dbt writes to
    # stdout) held back, shown only when the build fails, so a failure still says why.
    loggers = {
        "console": {"config": {"log_level": "ERROR" if quiet else "INFO"}},
        "progress": {"config": {"total_steps": len(job.graph.node_defs), "quiet": quiet}},
    }
    ensure_dagster_home()
    instance = DagsterInstance.get()
    release_dead_runs_slots(instance)
    held = io.StringIO()
    with contextlib.redirect_stdout(held) if quiet else contextlib.nullcontext():
        result = job.execute_in_process(
            tags={PID_TAG: str(os.getpid())},
            run_config={
                # The inbox as FAZHI_INBOX names it now, not when the asset module was imported.
                "ops": {
                    "ingest_files": {
                        "config": {"include_samples": include_samples, "inbox": str(inbox_dir())}
                    }
                },
                "loggers": loggers,
            },
            instance=instance,
            raise_on_error=False,
        )
    if not result.success and held.getvalue():
        print(_tail(held.getvalue(), QUIET_TAIL_LINES), file=sys.stderr)
    if not result.success:
        for event in result.all_events:
            message = event_busy_message(event)
            if message is not None:  # a step gave up on a busy warehouse: one line, exit 75 (cli)
                raise WarehouseBusy(message)
        return False
    if docs:
        index = generate_docs(db)
        if not quiet:
            print(f"dbt docs: {index}")
    return True
