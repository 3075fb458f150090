"""Jobs, schedules and sensors: fazhi keeps itself up to date once the Dagster daemon runs.

- Every registered source is crawled weekly, and daily in March and April, when annual reports
  appear (they are due before 1 April).
- The warehouse is rebuilt daily and after every successful crawl run.
- Files dropped into the inbox are ingested once; the sources registry is synced into partitions.
"""

import hashlib
from pathlib import Path

from dagster import (
    AssetKey,
    AssetSelection,
    DagsterRunStatus,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunRequest,
    ScheduleEvaluationContext,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    define_asset_job,
    run_status_sensor,
    schedule,
    sensor,
)

from pipelines.assets.crawl import sources_partitions
from pipelines.crawl import load_sources
from pipelines.ingest.files import inbox_files
from pipelines.paths import inbox_dir

CRAWL_KEY = AssetKey(["raw", "fetches"])
REPORTING_SEASON_MONTHS = (3, 4)  # annual reports are due before 1 April

crawl_job = define_asset_job(
    "crawl_sources",
    selection=AssetSelection.assets(CRAWL_KEY),
    partitions_def=sources_partitions,
    description="Crawl one registered source (a partition) into raw.fetches and raw.pages.",
)

transform_job = define_asset_job(
    "transform",
    selection=AssetSelection.all() - AssetSelection.assets(CRAWL_KEY),
    description="Ingest inbox/sample pages, clean, understand, extract, and rebuild the dbt marts.",
)


def crawl_requests(context: ScheduleEvaluationContext, tag: str) -> list[RunRequest]:
    keys = context.instance.get_dynamic_partitions(sources_partitions.name)
    stamp = context.scheduled_execution_time.strftime("%Y%m%d")
    return [
        RunRequest(run_key=f"{tag}-{key}-{stamp}", partition_key=key, tags={"fazhi/trigger": tag})
        for key in keys
    ]


@schedule(
    job=crawl_job,
    cron_schedule="0 3 * * 1",
    execution_timezone="Asia/Shanghai",
    default_status=DefaultScheduleStatus.RUNNING,
    description="Every Monday 03:00 (Beijing): crawl every registered source.",
)
def weekly_crawl(context: ScheduleEvaluationContext):
    return crawl_requests(context, "weekly")


@schedule(
    job=crawl_job,
    cron_schedule="0 4 * 3,4 *",
    execution_timezone="Asia/Shanghai",
    default_status=DefaultScheduleStatus.RUNNING,
    description="Daily 04:00 in March and April, when annual reports are published (due before 1 April).",
)
def reporting_season_crawl(context: ScheduleEvaluationContext):
    when = context.scheduled_execution_time
    if when.month not in REPORTING_SEASON_MONTHS:
        return SkipReason(f"{when:%B}: outside the reporting season (March-April)")
    if when.weekday() == 0:
        return SkipReason("Monday: the weekly crawl already covers every source")
    return crawl_requests(context, "season")


@schedule(
    job=transform_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=DefaultScheduleStatus.RUNNING,
    description="Daily 06:00: process new pages and rebuild the marts.",
)
def daily_transform(context: ScheduleEvaluationContext):
    return RunRequest(run_key=f"transform-{context.scheduled_execution_time:%Y%m%d}")


@sensor(
    minimum_interval_seconds=3600,
    default_status=DefaultSensorStatus.RUNNING,
    description="Keep one crawl partition per enabled, verified source of the registry (seeds/sources.csv).",
)
def sync_source_partitions(context: SensorEvaluationContext):
    wanted = {s.id for s in load_sources() if s.scheduled}
    have = set(context.instance.get_dynamic_partitions(sources_partitions.name))
    requests = []
    if wanted - have:
        requests.append(sources_partitions.build_add_request(sorted(wanted - have)))
    if have - wanted:
        requests.append(sources_partitions.build_delete_request(sorted(have - wanted)))
    if not requests:
        return SkipReason(f"{len(have)} source partitions already in sync")
    return SensorResult(dynamic_partitions_requests=requests)


def inbox_fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for f in files:
        stat = f.lstat()  # a link is fingerprinted (and refused by the ingest), never followed
        digest.update(f"{f.name}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:20]


@sensor(
    job=transform_job,
    minimum_interval_seconds=30,
    default_status=DefaultSensorStatus.RUNNING,
    description="Files dropped into warehouse/inbox/ are ingested once (then moved to processed/ or failed/).",
)
def inbox_sensor(context: SensorEvaluationContext):
    files = inbox_files(inbox_dir())
    if not files:
        return SkipReason("inbox is empty")
    return RunRequest(run_key=f"inbox-{inbox_fingerprint(files)}", tags={"fazhi/trigger": "inbox"})


@run_status_sensor(
    run_status=DagsterRunStatus.SUCCESS,
    monitored_jobs=[crawl_job],
    request_job=transform_job,
    default_status=DefaultSensorStatus.RUNNING,
    description="After a successful crawl, process what it fetched and rebuild the marts.",
)
def transform_after_crawl(context):
    return RunRequest(run_key=f"after-crawl-{context.dagster_run.run_id}")


SCHEDULES = [weekly_crawl, reporting_season_crawl, daily_transform]
SENSORS = [sync_source_partitions, inbox_sensor, transform_after_crawl]
JOBS = [crawl_job, transform_job]
