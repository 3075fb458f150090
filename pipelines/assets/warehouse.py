"""Group `warehouse`: the dbt project (staging -> intermediate -> marts) as Dagster assets."""

import os
from collections.abc import Mapping
from typing import Any

from dagster import AssetExecutionContext
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from pipelines.assets.resources import WAREHOUSE_POOL, WarehouseResource, dbt_project


class FazhiDbtTranslator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "warehouse"


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=FazhiDbtTranslator(),
    pool=WAREHOUSE_POOL,
)
def fazhi_dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    """Seeds, models and tests (`dbt build`) against the same DuckDB file the Python assets write."""
    os.environ["FAZHI_DUCKDB_PATH"] = warehouse.database
    with warehouse.write_lock():
        yield from dbt.cli(["build"], context=context).stream()
