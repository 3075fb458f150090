"""The Dagster code location: `dagster dev` (or `make dev`) loads `defs` from here.

Graph: raw/fetches (crawl, one partition per source) -> raw/pages (+ inbox and sample files)
-> raw/documents -> raw/indicator_mentions -> dbt staging -> intermediate -> marts.
"""

from dagster import Definitions

from pipelines.assets.automation import JOBS, SCHEDULES, SENSORS
from pipelines.assets.checks import ALL_CHECKS
from pipelines.assets.crawl import crawl_source_pages
from pipelines.assets.ingest import ingest_files
from pipelines.assets.resources import WarehouseResource, dbt_resource
from pipelines.assets.transform import clean_and_understand, extract_indicators
from pipelines.assets.warehouse import fazhi_dbt_models

defs = Definitions(
    assets=[crawl_source_pages, ingest_files, clean_and_understand, extract_indicators, fazhi_dbt_models],
    asset_checks=ALL_CHECKS,
    jobs=JOBS,
    schedules=SCHEDULES,
    sensors=SENSORS,
    resources={"warehouse": WarehouseResource(), "dbt": dbt_resource()},
)
