"""The Dagster code location: `dagster dev` (or `make dev`) loads `defs` from here."""

from __future__ import annotations

from dagster import Definitions, define_asset_job

from pipelines.assets.checks import ALL_CHECKS
from pipelines.assets.ingest import ingest_files
from pipelines.assets.resources import WarehouseResource, dbt_resource
from pipelines.assets.transform import clean_and_understand, extract_indicators
from pipelines.assets.warehouse import fazhi_dbt_models

build_all = define_asset_job("build_all", selection="*", description="Ingest, clean, extract and rebuild the marts.")

defs = Definitions(
    assets=[ingest_files, clean_and_understand, extract_indicators, fazhi_dbt_models],
    asset_checks=ALL_CHECKS,
    jobs=[build_all],
    resources={"warehouse": WarehouseResource(), "dbt": dbt_resource()},
)
