"""Opening the warehouse file: sandboxed read-only access for the user-facing outputs (report, export,
status, query).

They only read, so they open DuckDB read-only, and sandboxed (`open_read_only`): the connection reads
the warehouse and nothing else. External access is off (no other file, no network, no ATTACH of a
file, no COPY or EXPORT to a file, no INSTALL), extensions are neither installed nor loaded
automatically, and the configuration is locked so a query cannot turn any of that back on. The one
exception is the file an export was asked to write (`writable`), allowed by path before the lock.
`check_query` adds a statement allow-list on top for SQL typed by a user: DuckDB itself lets a
sandboxed connection re-attach its own file read-only and COPY over its own WAL, so only SELECT and
EXPLAIN statements run.

Readers and writers take turns (`pipelines.land.lock`): a reader holds the shared lock for as long
as its connection is open and waits at most `wait_s` for a writer's window to close, then gives up
with `WarehouseBusy` ("busy, retry"). Writers hold the exclusive lock only around their short write
windows. DuckDB's own lock error (a process outside fazhi holds the file) is retried on both sides
(`pipelines.land.retry`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import duckdb

from pipelines.land.lock import DEFAULT_READ_WAIT_S, lock_timeout_s, warehouse_read_lock, warehouse_write_lock
from pipelines.land.retry import connect_retrying
from pipelines.land.schema import ensure_raw_schema


class WarehouseError(Exception):
    """The warehouse cannot be read (missing, locked, or not built yet): a one-line user message."""


# Settings a sandboxed connection starts with (DuckDB 1.5: `allowed_paths` cannot be given here, it is
# set after start and before `enable_external_access` goes off, see open_read_only).
SANDBOX_CONFIG: dict[str, bool] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "allow_unsigned_extensions": False,
}

# Statement types a user's query may contain: reads only (DESCRIBE, SHOW, SUMMARIZE, FROM-first,
# VALUES and PRAGMA table_info parse as SELECT).
QUERY_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class ReadConnection:
    """A sandboxed read-only DuckDB connection that holds the shared warehouse lock until closed.

    Everything but `close` (and the context manager) is the DuckDB connection's own.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, lock: ExitStack) -> None:
        self._con = con
        self._lock = lock

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def close(self) -> None:
        try:
            self._con.close()
        finally:
            self._lock.close()

    def __enter__(self) -> ReadConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_read_only(
    db: Path, *, writable: Path | None = None, wait_s: float = DEFAULT_READ_WAIT_S
) -> ReadConnection:
    """The one way to read the warehouse: read-only, external access off, configuration locked.

    Waits at most `wait_s` for a writer (fazhi's, by the shared lock; anyone else's, by retrying
    DuckDB's lock error), then raises `WarehouseBusy`. `writable` is the single file the connection
    may also write (an export's output, written by COPY with `use_tmp_file false`, because COPY's
    temporary sibling file would not be allowed).
    """
    db = Path(db)
    if not db.exists():
        raise WarehouseError(f"no warehouse at {db}: run `make run` (or `fazhi build`) first")
    deadline = time.monotonic() + wait_s
    lock = ExitStack()
    try:
        lock.enter_context(warehouse_read_lock(db, timeout_s=wait_s))
        left = max(0.0, deadline - time.monotonic())
        try:
            con = connect_retrying(db, read_only=True, config=SANDBOX_CONFIG, timeout_s=left, reader=True)
        except duckdb.IOException as exc:
            raise WarehouseError(f"cannot open {db}: {exc}") from None
    except BaseException:
        lock.close()
        raise
    try:
        if writable is not None:
            con.execute(f"set allowed_paths = [{_quote_literal(str(Path(writable).absolute()))}]")
        # the marts are what users query: `from fct_rule_of_law_indicators` finds marts.fct_… (a
        # warehouse whose marts are not built yet has no such schema, and keeps the default path)
        has_marts = con.execute(
            "select count(*) from information_schema.schemata where schema_name = 'marts'"
        ).fetchone()[0]
        if has_marts:
            con.execute("set search_path = 'main,marts'")
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
    except BaseException:
        con.close()
        lock.close()
        raise
    return ReadConnection(con, lock)


def check_query(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse (WarehouseError) any statement of `sql` that is not a read: ATTACH, COPY, EXPORT,
    INSTALL/LOAD, SET/RESET/USE, PRAGMA, CALL, CREATE, DROP, INSERT, ... A parse error passes through
    as duckdb.Error for the caller to report."""
    statements = con.extract_statements(sql)
    if not statements:
        raise WarehouseError("the query is empty")
    for statement in statements:
        if statement.type not in QUERY_STATEMENTS:
            kind = statement.type.name.replace("_", " ")
            words = statement.query.split()
            head = f" ({words[0].upper()} …)" if words else ""
            raise WarehouseError(f"fazhi query only reads the warehouse: a {kind} statement is refused{head}")


@contextmanager
def write_connection(db: Path, *, memory_limit: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writing connection for a caller that already holds the write lock (the dbt asset holds it
    across the dbt run and writes its bookkeeping rows in between).

    A process outside fazhi holding the file (a plain read-only connection) is waited for, up to
    FAZHI_LOCK_TIMEOUT_S, then `WarehouseBusy` names it."""
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    con = connect_retrying(
        db, read_only=False, config={"memory_limit": memory_limit}, timeout_s=lock_timeout_s(), reader=False
    )
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
