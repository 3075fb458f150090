"""`fazhi export`: one warehouse table to CSV, Parquet or Excel, for people who work in spreadsheets.

CSV and Parquet are written by DuckDB's COPY (fast, streaming). Excel goes through pandas and
openpyxl. Nested values (lists such as doc_types or conflicting_values, JSON such as flags) become
JSON text in CSV and Excel, so a cell reads `["annual_report"]` rather than a Python repr; Parquet
keeps them typed because every Parquet reader understands lists.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

from pipelines.land.connect import WarehouseError, open_read_only, tables
from pipelines.land.lock import DEFAULT_READ_WAIT_S

Format = Literal["csv", "parquet", "xlsx"]
FORMATS: tuple[str, ...] = ("csv", "parquet", "xlsx")
EXCEL_MAX_CELL = 32767  # characters Excel accepts in one cell
EXCEL_MAX_ROWS = 1_048_575  # rows below the header


class ExportError(WarehouseError):
    """A table or format the user asked for does not exist: a one-line message with the choices."""


def _quote_ident(name: str) -> str:
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


def _select_list(con, relation: str, fmt: str) -> str:
    """Columns of the table, with nested and JSON values turned into JSON text for flat formats."""
    described = con.execute(f"describe select * from {relation}").fetchall()
    parts = []
    for column, col_type, *_ in described:
        ident = _quote_ident(column)
        t = col_type.upper()
        nested = t.endswith("[]") or t.startswith(("STRUCT", "MAP", "UNION")) or "[" in t
        if fmt != "parquet" and nested:
            parts.append(f"to_json({ident})::varchar as {ident}")
        elif t == "JSON":
            parts.append(f"{ident}::varchar as {ident}")
        elif fmt == "xlsx" and t.startswith("TIMESTAMP WITH TIME ZONE"):
            parts.append(f"{ident}::varchar as {ident}")  # Excel has no time zones
        elif fmt == "xlsx" and t == "BLOB":
            parts.append(f"'<' || octet_length({ident}) || ' bytes>' as {ident}")
        else:
            parts.append(ident)
    return ", ".join(parts)


def default_output(table: str, fmt: str) -> Path:
    return Path.cwd() / f"{table}.{fmt}"


def export_table(
    db: Path, table: str, fmt: Format = "csv", out: Path | None = None, *, wait_s: float = DEFAULT_READ_WAIT_S
) -> Path:
    """Write `table` of the warehouse `db` as `fmt` to `out` (a file, or a folder) and return the path.

    `out` defaults to `<table>.<fmt>` in the current folder. Raises ExportError for an unknown table
    or format and WarehouseError when the warehouse cannot be opened.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    bare = _qualified(table).partition(".")[2]
    target = Path(out) if out is not None else default_output(bare, fmt)
    if target.is_dir() or str(out).endswith(("/", os.sep)):
        target = target / f"{bare}.{fmt}"
    # The sandboxed connection may write this one file and nothing else (COPY without its
    # temporary sibling file, which the sandbox would refuse).
    con = open_read_only(Path(db), writable=target, wait_s=wait_s)
    try:
        schema, bare = resolve_table(tables(con), table)
        target.parent.mkdir(parents=True, exist_ok=True)
        relation = f"{_quote_ident(schema)}.{_quote_ident(bare)}"
        select = f"select {_select_list(con, relation, fmt)} from {relation}"
        if fmt == "csv":
            con.execute(
                f"copy ({select}) to {_quote_literal(str(target))} (format csv, header true, use_tmp_file false)"
            )
        elif fmt == "parquet":
            con.execute(
                f"copy ({select}) to {_quote_literal(str(target))} (format parquet, use_tmp_file false)"
            )
        else:
            _write_xlsx(con.execute(select).df(), target, sheet=bare)
    finally:
        con.close()
    return target


def _write_xlsx(frame, target: Path, *, sheet: str) -> None:
    try:
        import openpyxl  # noqa: F401  (pandas' Excel engine)
    except ImportError:
        raise ExportError(
            "xlsx export needs the openpyxl package (uv add openpyxl); csv works without it"
        ) from None
    import pandas as pd

    if len(frame) > EXCEL_MAX_ROWS:
        raise ExportError(f"{len(frame)} rows do not fit in one Excel sheet; export csv or parquet instead")
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(_excel_cell)
    with pd.ExcelWriter(
        target, engine="openpyxl", date_format="YYYY-MM-DD", datetime_format="YYYY-MM-DD HH:MM:SS"
    ) as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False, freeze_panes=(1, 0))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _excel_cell(value):
    """Cells Excel accepts: no control characters, over-long text cut with a visible marker."""
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("", value)
    if len(value) > EXCEL_MAX_CELL:
        marker = " …[truncated]"
        return value[: EXCEL_MAX_CELL - len(marker)] + marker
    return value
