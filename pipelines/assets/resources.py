"""Side effects live here: the warehouse connection and the dbt project/CLI."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from dagster import ConfigurableResource
from dagster_dbt import DbtCliResource, DbtProject

from pipelines.land.connect import open_writer
from pipelines.land.lock import warehouse_write_lock
from pipelines.paths import DBT_PROJECT_DIR, warehouse_path

# Every asset that writes the warehouse (dbt included) runs in this pool. Its limit is one (see
# dagster.yaml), so a run that starts while another writes waits instead of failing on DuckDB's lock.
WAREHOUSE_POOL = "duckdb_writer"


class WarehouseResource(ConfigurableResource):
    """The DuckDB warehouse. Connections are opened per step and closed at once (one writer per file)."""

    database: str = str(warehouse_path())
    lock_timeout_s: float = 1800.0
    # DuckDB's own buffers in the writing process (it spills beyond): memory stays flat with the corpus.
    memory_limit: str = os.environ.get("FAZHI_DUCKDB_MEMORY_LIMIT", "256MB")

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        with warehouse_write_lock(Path(self.database), timeout_s=self.lock_timeout_s):
            yield

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One short write window: the exclusive lock and a connection, both released on exit."""
        with open_writer(
            Path(self.database), memory_limit=self.memory_limit, lock_timeout_s=self.lock_timeout_s
        ) as con:
            yield con


dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def dbt_executable() -> str:
    """The dbt installed next to this interpreter (the project venv), so PATH need not contain it."""
    local = Path(sys.executable).with_name("dbt")
    return str(local) if local.exists() else "dbt"


# dbt through a wrapper that makes it die with the process that started it (pipelines/lifeline.py).
DBT_WITH_LIFELINE = Path(__file__).resolve().parents[1] / "bin" / "dbt-with-lifeline"


def dbt_resource() -> DbtCliResource:
    """Dagster's dbt resource; dbt is killed with its parent when the wrapper can run here."""
    dbt = dbt_executable()
    if sys.platform.startswith("linux") and os.access(DBT_WITH_LIFELINE, os.X_OK):
        os.environ["FAZHI_PYTHON"] = sys.executable
        os.environ["FAZHI_DBT"] = dbt
        dbt = str(DBT_WITH_LIFELINE)
    return DbtCliResource(project_dir=dbt_project, profiles_dir=str(DBT_PROJECT_DIR), dbt_executable=dbt)
