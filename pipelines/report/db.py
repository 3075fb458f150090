"""Read-only access to the warehouse for the user-facing outputs (report, export, status).

They only read, so they open DuckDB read-only: a reader never blocks or corrupts a build, and a
clear error replaces DuckDB's lock message when a build holds the file.
"""

from __future__ import annotations

from pathlib import Path

import duckdb


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
