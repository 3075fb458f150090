"""`fazhi export`: one warehouse table to CSV, Parquet or Excel, for people who work in spreadsheets.

CSV and Parquet are written by DuckDB's COPY (fast, streaming) and keep the table as it is: every
column, nested values as JSON text in CSV (typed in Parquet), counts stored as DOUBLE written
without ".0". `--excel` puts a UTF-8 byte-order mark before a CSV, without which Excel reads UTF-8
Chinese as mojibake.

An xlsx file is for reading, so it is shaped for a reader (see `pipelines/export_sheet.py`): the
name beside every code, lists as plain text, dates as dates, a frozen header with a filter, and
columns wide enough to read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pipelines.land.connect import WarehouseError, open_read_only, tables
from pipelines.land.lock import DEFAULT_READ_WAIT_S

Format = Literal["csv", "parquet", "xlsx"]
FORMATS: tuple[str, ...] = ("csv", "parquet", "xlsx")
BOM = "\ufeff"


class ExportError(WarehouseError):
    """A table or format the user asked for does not exist: a one-line message with the choices."""


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _qualified(table: str) -> str:
    name = table.strip().lower()
    return name if "." in name else f"marts.{name}"


def resolve_table(available: set[str], table: str) -> tuple[str, str]:
    """`marts.x`, `raw.x` or a bare name (looked up in marts) -> (schema, table), or ExportError."""
    qualified = _qualified(table)
    if qualified not in available:
        marts = sorted(t.split(".", 1)[1] for t in available if t.startswith("marts."))
        listing = ", ".join(marts) if marts else "none (run `fazhi build` first)"
        raise ExportError(f"no table {table!r} in the warehouse; marts tables: {listing}")
    schema, _, bare = qualified.partition(".")
    return schema, bare


def is_nested(col_type: str) -> bool:
    t = col_type.upper()
    return t.endswith("]") or t.startswith(("STRUCT", "MAP", "UNION"))


def whole_number_text(expr: str) -> str:
    """SQL: a DOUBLE as text, whole numbers without ".0" (a count of 7 is stored as 7.0)."""
    return (
        f"case when {expr} = trunc({expr}) and abs({expr}) < 1e15 "
        f"then cast(cast({expr} as bigint) as varchar) else cast({expr} as varchar) end"
    )


def _flat_select_list(con, relation: str, fmt: str, *, bom: bool) -> str:
    """The table's columns for COPY: nested and JSON values as JSON text in CSV, doubles without ".0"."""
    described = con.execute(f"describe select * from {relation}").fetchall()
    parts = []
    for i, (column, col_type, *_) in enumerate(described):
        ident = quote_ident(column)
        # The byte-order mark travels as the first header's first character: COPY writes it first,
        # so the file starts with the three bytes Excel looks for, and nothing is rewritten after.
        alias = quote_ident(BOM + column) if bom and i == 0 else ident
        t = col_type.upper()
        if fmt == "parquet":
            parts.append(f"{ident}::varchar as {alias}" if t == "JSON" else ident)
        elif is_nested(t):
            parts.append(f"to_json({ident})::varchar as {alias}")
        elif t == "JSON":
            parts.append(f"{ident}::varchar as {alias}")
        elif t in ("DOUBLE", "FLOAT", "REAL"):
            parts.append(f"{whole_number_text(ident)} as {alias}")
        else:
            parts.append(f"{ident} as {alias}")
    return ", ".join(parts)


def default_output(table: str, fmt: str) -> Path:
    return Path.cwd() / f"{table}.{fmt}"


def export_table(
    db: Path,
    table: str,
    fmt: Format = "csv",
    out: Path | None = None,
    *,
    excel: bool = False,
    wait_s: float = DEFAULT_READ_WAIT_S,
) -> Path:
    """Write `table` of the warehouse `db` as `fmt` to `out` (a file, or a folder) and return the path.

    `out` defaults to `<table>.<fmt>` in the current folder; `excel` (CSV only) starts the file with
    a UTF-8 byte-order mark. Raises ExportError for an unknown table or format, or `excel` with
    another format, and WarehouseError when the warehouse cannot be opened.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if excel and fmt != "csv":
        raise ExportError("--excel applies to csv only (an xlsx file is already Excel's own format)")
    bare = _qualified(table).partition(".")[2]
    target = Path(out) if out is not None else default_output(bare, fmt)
    if target.is_dir() or str(out).endswith(("/", os.sep)):
        target = target / f"{bare}.{fmt}"
    # The sandboxed connection may write this one file and nothing else (COPY without its
    # temporary sibling file, which the sandbox would refuse).
    con = open_read_only(Path(db), writable=target, wait_s=wait_s)
    try:
        available = tables(con)
        schema, bare = resolve_table(available, table)
        target.parent.mkdir(parents=True, exist_ok=True)
        relation = f"{quote_ident(schema)}.{quote_ident(bare)}"
        if fmt == "xlsx":
            from pipelines.export_sheet import write_sheet

            write_sheet(con, relation, available, target, sheet=bare)
        else:
            select = f"select {_flat_select_list(con, relation, fmt, bom=excel)} from {relation}"
            options = "format csv, header true" if fmt == "csv" else "format parquet"
            con.execute(f"copy ({select}) to {_quote_literal(str(target))} ({options}, use_tmp_file false)")
    finally:
        con.close()
    return target
