"""Opening the warehouse file: read-only access for the user-facing outputs (report, export, status, query).

They only read, so they open DuckDB read-only: a reader never blocks or corrupts a build, and a
clear error replaces DuckDB's lock message when a build holds the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipelines.land.lock import warehouse_write_lock
from pipelines.land.schema import ensure_raw_schema


class WarehouseError(Exception):
    """The warehouse cannot be read (missing, locked, or not built yet): a one-line user message."""


def open_read_only(db: Path) -> duckdb.DuckDBPyConnection:
    db = Path(db)
    if not db.exists():
        raise WarehouseError(f"no warehouse at {db}: run `make run` (or `fazhi build`) first")
    try:
        return duckdb.connect(str(db), read_only=True)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseError(
                f"the warehouse {db} is locked by a writing process (a build or dagster run); "
                "retry when it finishes"
            ) from None
        raise WarehouseError(f"cannot open {db}: {exc}") from None


@contextmanager
def write_connection(db: Path, *, memory_limit: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writing connection for a caller that already holds the write lock (the dbt asset holds it
    across the dbt run and writes its bookkeeping rows in between)."""
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), config={"memory_limit": memory_limit})
    try:
        ensure_raw_schema(con)
        yield con
    finally:
        con.close()


@contextmanager
def open_writer(db: Path, *, memory_limit: str, lock_timeout_s: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """The one way to write the warehouse: take the cross-process lock, then a short-lived connection."""
    with (
        warehouse_write_lock(Path(db), timeout_s=lock_timeout_s),
        write_connection(db, memory_limit=memory_limit) as con,
    ):
        yield con


def tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Every `schema.table` (tables and views) in the warehouse, lower-cased."""
    rows = con.execute("select table_schema, table_name from information_schema.tables").fetchall()
    return {f"{s}.{t}".lower() for s, t in rows}


def require(con: duckdb.DuckDBPyConnection, *names: str) -> None:
    """Fail with a hint to build when the marts a command needs are missing."""
    missing = [n for n in names if n.lower() not in tables(con)]
    if missing:
        raise WarehouseError(
            f"the warehouse has no {', '.join(missing)}: run `fazhi build` to create the marts"
        )
