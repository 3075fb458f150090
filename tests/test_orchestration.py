"""Schedules, sensors, the partitioned crawl and concurrent writers, evaluated with Dagster's own contexts."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from crawl_site.server import serve_site
from dagster import (
    AddDynamicPartitionsRequest,
    DeleteDynamicPartitionsRequest,
    RunRequest,
    SensorResult,
    build_schedule_context,
    build_sensor_context,
    instance_for_test,
    materialize,
)

from pipelines.paths import SAMPLE_PAGES_DIR

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def repository():
    from pipelines.definitions import defs

    return defs.get_repository_def()


@pytest.fixture
def instance_with_sources(dbt_manifest: Path):
    from pipelines.assets.crawl import sources_partitions

    with instance_for_test() as instance:
        instance.add_dynamic_partitions(sources_partitions.name, ["a-gov", "b-gov"])
        yield instance


def test_weekly_crawl_requests_every_source(instance_with_sources) -> None:
    from pipelines.assets.automation import weekly_crawl

    when = dt.datetime(2025, 6, 9, 3, 0, tzinfo=SHANGHAI)  # a Monday
    ctx = build_schedule_context(
        instance=instance_with_sources, scheduled_execution_time=when, repository_def=repository()
    )
    requests = list(weekly_crawl.evaluate_tick(ctx).run_requests or [])
    assert sorted(r.partition_key for r in requests) == ["a-gov", "b-gov"]


def test_season_crawl_runs_daily_in_march_but_not_in_june(instance_with_sources) -> None:
    from pipelines.assets.automation import reporting_season_crawl

    def context(when: dt.datetime):
        return build_schedule_context(
            instance=instance_with_sources, scheduled_execution_time=when, repository_def=repository()
        )

    march = context(dt.datetime(2025, 3, 11, 4, 0, tzinfo=SHANGHAI))  # a Tuesday
    june = context(dt.datetime(2025, 6, 11, 4, 0, tzinfo=SHANGHAI))
    assert len(reporting_season_crawl.evaluate_tick(march).run_requests or []) == 2
    june_tick = reporting_season_crawl.evaluate_tick(june)
    assert not june_tick.run_requests
    assert "outside the reporting season" in (june_tick.skip_message or "")


def test_source_partitions_follow_the_registry(dbt_manifest: Path, tmp_path: Path, monkeypatch) -> None:
    """One partition per enabled, verified source: an unverified or disabled row is not crawled on a
    schedule, and a partition whose source left the registry goes."""
    from pipelines.assets.automation import sync_source_partitions

    registry = tmp_path / "sources.csv"
    registry.write_text(
        "id,region_code,listing_urls,enabled,verified\n"
        "checked,320404,https://www.a.gov.cn/col/1.html,true,true\n"
        "unchecked,320404,https://www.b.gov.cn/col/1.html,true,false\n"
        "retired,320404,https://www.c.gov.cn/col/1.html,false,true\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FAZHI_SOURCES", str(registry))
    enabled = ["checked"]
    with instance_for_test() as instance:
        instance.add_dynamic_partitions("sources", ["retired-source"])
        result = sync_source_partitions(build_sensor_context(instance=instance, repository_def=repository()))
        assert isinstance(result, SensorResult)
        requests = result.dynamic_partitions_requests
        added = [k for r in requests if isinstance(r, AddDynamicPartitionsRequest) for k in r.partition_keys]
        deleted = [
            k for r in requests if isinstance(r, DeleteDynamicPartitionsRequest) for k in r.partition_keys
        ]
        assert sorted(added) == enabled
        assert deleted == ["retired-source"]


def _transform_assets():
    from pipelines.assets.ingest import ingest_files
    from pipelines.assets.transform import clean_and_understand, extract_indicators

    return [ingest_files, clean_and_understand, extract_indicators]


def test_inbox_files_are_ingested_once_and_failures_set_aside(
    tmp_path: Path, monkeypatch, dbt_manifest
) -> None:
    from pipelines.assets.automation import inbox_sensor
    from pipelines.assets.resources import WarehouseResource
    from pipelines.paths import SAMPLE_PAGES_DIR

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setenv("FAZHI_INBOX", str(inbox))
    (inbox / "report.txt").write_bytes((SAMPLE_PAGES_DIR / "003_4ee4734066258278.txt").read_bytes())
    (inbox / "empty.html").write_bytes(b"")

    with instance_for_test() as instance:
        first = inbox_sensor.evaluate_tick(
            build_sensor_context(instance=instance, repository_def=repository())
        )
        assert len(first.run_requests) == 1 and isinstance(first.run_requests[0], RunRequest)

        db = tmp_path / "w.duckdb"
        result = materialize(
            _transform_assets(),
            instance=instance,
            resources={"warehouse": WarehouseResource(database=str(db))},
            run_config={"ops": {"ingest_files": {"config": {"include_samples": False, "inbox": str(inbox)}}}},
        )
        assert result.success
        second = inbox_sensor.evaluate_tick(
            build_sensor_context(instance=instance, repository_def=repository())
        )
        assert not second.run_requests

    assert (inbox / "processed" / "report.txt").exists()
    assert (inbox / "failed" / "empty.html").exists()
    assert "empty" in (inbox / "failed" / "empty.html.error.txt").read_text()
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select origin, count(*) from raw.pages group by 1").fetchall() == [("inbox", 1)]
        assert con.execute("select count(*) from raw.ingest_errors").fetchone()[0] == 1
        assert con.execute("select count(*) from raw.documents where is_report").fetchone()[0] == 1
        # Each file is recorded where it now lies, not where it was dropped: the path must still open.
        (location,) = con.execute("select location from raw.page_locations").fetchone()
        (failed_at,) = con.execute("select location from raw.ingest_errors").fetchone()
    finally:
        con.close()
    assert Path(location).parts[-2:] == ("processed", "report.txt") and _exists(location)
    assert Path(failed_at).parts[-2:] == ("failed", "empty.html") and _exists(failed_at)


def _exists(location: str) -> bool:
    from pipelines.paths import PROJECT_ROOT

    return (PROJECT_ROOT / location).exists()  # a relative location is the project's


def test_partitioned_crawl_of_a_local_site(tmp_path: Path, dbt_manifest: Path) -> None:
    from pipelines.assets.crawl import crawl_source_pages, sources_partitions
    from pipelines.assets.resources import WarehouseResource

    db = tmp_path / "w.duckdb"
    with serve_site() as site, instance_for_test() as instance:
        sources = tmp_path / "sources.csv"
        sources.write_text(
            "id,region_code,name,listing_urls,allowed_hosts,link_rules,max_pages,enabled,verified,local,note\n"
            f"fake-gov,320404,测试,{site.url('/fzzfjs/index.html')},127.0.0.1,,100,true,true,true,test site\n",
            encoding="utf-8",
        )
        instance.add_dynamic_partitions(sources_partitions.name, ["fake-gov"])
        config = {
            "sources_file": str(sources),
            "delay_scale": 0.01,
            "read_timeout_s": 0.3,
            "max_request_s": 2.0,
        }

        def crawl():
            return materialize(
                [crawl_source_pages],
                partition_key="fake-gov",
                instance=instance,
                resources={"warehouse": WarehouseResource(database=str(db))},
                run_config={"ops": {"crawl_source_pages": {"config": config}}},
            )

        assert crawl().success
        con = duckdb.connect(str(db), read_only=True)
        first_pages = con.execute("select count(*) from raw.pages where origin = 'crawl'").fetchone()[0]
        outcomes = dict(con.execute("select outcome, count(*) from raw.fetches group by 1").fetchall())
        con.close()
        assert first_pages > 0
        assert outcomes["ok"] >= first_pages
        assert outcomes.get("refused", 0) > 0 and outcomes.get("challenge", 0) > 0

        assert crawl().success  # a second crawl finds nothing new
        con = duckdb.connect(str(db), read_only=True)
        assert con.execute("select count(*) from raw.pages").fetchone()[0] == first_pages
        con.close()


RUN_TRANSFORM = """
import sys
from dagster import DagsterInstance, materialize
from pipelines.assets.ingest import ingest_files
from pipelines.assets.resources import WarehouseResource
from pipelines.assets.transform import clean_and_understand, extract_indicators

db, inbox = sys.argv[1], sys.argv[2]
with DagsterInstance.ephemeral() as instance:
    result = materialize(
        [ingest_files, clean_and_understand, extract_indicators],
        instance=instance,
        resources={"warehouse": WarehouseResource(database=db)},
        run_config={"ops": {"ingest_files": {"config": {"inbox": inbox}}}},
    )
sys.exit(0 if result.success else 1)
"""


def test_two_runs_writing_one_warehouse_at_once_both_succeed(tmp_path: Path, dbt_manifest: Path) -> None:
    """Two processes write the same DuckDB file at the same time: the second waits, neither fails."""
    db = tmp_path / "w.duckdb"
    cmd = [sys.executable, "-c", RUN_TRANSFORM, str(db), str(tmp_path / "inbox")]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], "\n".join(o[-2000:] for o in outputs)
    con = duckdb.connect(str(db), read_only=True)
    try:
        n_files = len([p for p in SAMPLE_PAGES_DIR.iterdir() if p.is_file()])
        assert con.execute("select count(*) from raw.pages").fetchone()[0] == n_files
        assert con.execute("select count(*) from raw.page_cleanings").fetchone()[0] == n_files
    finally:
        con.close()
