"""Group `warehouse`: the dbt project (staging -> intermediate -> marts) as Dagster assets."""

import hashlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
from dagster import AssetExecutionContext, RetryPolicy
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from pipelines.assets.resources import WAREHOUSE_POOL, WarehouseResource, dbt_project
from pipelines.console import colour_wanted
from pipelines.land.connect import write_connection
from pipelines.land.raw import last_dbt_build, record_dbt_build
from pipelines.paths import DBT_PROJECT_DIR, SEEDS_DIR

# Identity of every raw row dbt reads: a new page, document version or mention changes it.
RAW_IDENTITY = {
    "raw.pages": "page_id",
    "raw.page_locations": "page_id || location",
    "raw.fetches": "fetch_id",
    "raw.page_cleanings": "page_id || extractor_version",
    "raw.documents": "document_id || extractor_version",
    "raw.indicator_mentions": "mention_id || extractor_version",
    "raw.quantities": "quantity_id || extractor_version",
}
MARTS = ("dim_region", "dim_indicator", "dim_document", "fct_rule_of_law_indicators", "fct_report_coverage")


class FazhiDbtTranslator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "warehouse"


def inputs_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """Hash of what a dbt build reads: raw row identities, the seeds (CSVs and their yml) and the dbt project's files.

    Computed in SQL over ids only (no per-page Python work), so checking costs little at any size.
    """
    digest = hashlib.sha256()
    for table, identity in RAW_IDENTITY.items():
        row = con.execute(f"select count(*), coalesce(bit_xor(hash({identity})), 0) from {table}").fetchone()
        digest.update(f"{table}:{row[0]}:{row[1]}\n".encode())
    files = (
        sorted(SEEDS_DIR.glob("*.csv"))
        + sorted(SEEDS_DIR.glob("*.yml"))
        + sorted(
            p
            for folder in ("models", "macros", "tests")
            for p in (DBT_PROJECT_DIR / folder).rglob("*")
            if p.is_file()
        )
    )
    for path in [*files, DBT_PROJECT_DIR / "dbt_project.yml"]:
        digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def marts_present(con: duckdb.DuckDBPyConnection) -> bool:
    n = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'marts' and table_name in "
        f"({', '.join(repr(m) for m in MARTS)})"
    ).fetchone()[0]
    return n == len(MARTS)


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=FazhiDbtTranslator(),
    pool=WAREHOUSE_POOL,
    retry_policy=RetryPolicy(max_retries=1, delay=30),
)
def fazhi_dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    """Seeds, models and tests (`dbt build`) against the same DuckDB file the Python assets write.

    A full build whose inputs have not changed since the last successful one is skipped: re-running
    with nothing new does no work (and changes nothing).
    """
    os.environ["FAZHI_DUCKDB_PATH"] = warehouse.database
    full_build = not context.is_subset
    with warehouse.write_lock():
        with write_connection(Path(warehouse.database), memory_limit=warehouse.memory_limit) as con:
            fingerprint = inputs_fingerprint(con)
            if full_build and last_dbt_build(con) == fingerprint and marts_present(con):
                context.log.info("dbt build skipped: no input changed since the last successful build")
                return
        # dbt colours its log whenever it likes; here colour follows NO_COLOR and the terminal.
        colours = [] if colour_wanted(sys.stdout) else ["--no-use-colors"]
        yield from dbt.cli(["build", *colours], context=context).stream()
        with write_connection(Path(warehouse.database), memory_limit=warehouse.memory_limit) as con:
            record_dbt_build(con, fingerprint)
