"""One warehouse table as an Excel sheet a person can read without reformatting it.

A spreadsheet reader sees codes, not joins: every `*_code` column gets its name in the next column
(the table's own name column moved there, or looked up in `marts.dim_region_name` and
`marts.dim_indicator`). Lists read as text ("a; b"), not JSON; dates are Excel dates; timestamps
with a time zone are written in UTC and say so in their format; the header is frozen with a filter;
columns are as wide as their contents (Chinese characters counted double), within a cap.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from pipelines.export import ExportError, is_nested, quote_ident
from pipelines.text.normalize import display_width, whole_number

EXCEL_MAX_CELL = 32767  # characters Excel accepts in one cell
EXCEL_MAX_ROWS = 1_048_575  # rows below the header
MAX_WIDTH = 60  # characters; longer text (an evidence sentence) is cut off on screen, not in the cell
WIDTH_SAMPLE_ROWS = 2000
DATE_FORMAT = "yyyy-mm-dd"
TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm:ss"
UTC_FORMAT = 'yyyy-mm-dd hh:mm:ss "UTC"'

# code column -> (its name column, where names of that kind of code live)
NAME_FOR_CODE: dict[str, tuple[str, str]] = {
    "region_code": ("region_name", "region"),
    "parent_code": ("parent_name", "region"),
    "prefecture_code": ("prefecture_name", "region"),
    "province_code": ("province_name", "region"),
    "indicator_code": ("indicator_name_zh", "indicator"),
    "suggested_code": ("suggested_name_zh", "indicator"),
}
NAME_LOOKUPS = {
    "region": ("marts.dim_region_name", "code", "name"),
    "indicator": ("marts.dim_indicator", "indicator_code", "name_zh"),
}


@dataclass(frozen=True)
class Column:
    name: str
    sql: str  # the expression that selects it
    kind: str  # "date", "timestamp", "timestamptz", "nested", "json", "blob", "other"


def _kind(col_type: str) -> str:
    t = col_type.upper()
    if is_nested(t):
        return "nested"
    if t == "JSON":
        return "json"
    if t == "DATE":
        return "date"
    if t.startswith("TIMESTAMP WITH TIME ZONE") or t == "TIMESTAMPTZ":
        return "timestamptz"
    if t.startswith("TIMESTAMP"):
        return "timestamp"
    if t == "BLOB":
        return "blob"
    return "other"


def sheet_columns(described: list[tuple[str, str]], available: set[str]) -> tuple[list[Column], list[str]]:
    """The sheet's columns in order, each code followed by its name, and the joins that find names."""
    present = {name for name, _ in described}
    moved = {NAME_FOR_CODE[c][0] for c in present if c in NAME_FOR_CODE and NAME_FOR_CODE[c][0] in present}
    columns: list[Column] = []
    joins: list[str] = []
    types = dict(described)
    for name, col_type in described:
        if name in moved:
            continue  # placed after its code below
        columns.append(Column(name, f"t.{quote_ident(name)}", _kind(col_type)))
        if name not in NAME_FOR_CODE:
            continue
        name_column, lookup = NAME_FOR_CODE[name]
        if name_column in present:
            columns.append(Column(name_column, f"t.{quote_ident(name_column)}", _kind(types[name_column])))
            continue
        table, key, label = NAME_LOOKUPS[lookup]
        if table not in available:
            continue  # a warehouse without marts yet: codes alone
        alias = f"n{len(joins)}"
        joins.append(f"left join {table} {alias} on {alias}.{key} = t.{quote_ident(name)}")
        columns.append(Column(name_column, f"{alias}.{label}", "other"))
    return columns, joins


def as_text(value) -> str:
    """A list, a struct or a JSON value as the words a reader expects: "a; b", "key: value"."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(as_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {as_text(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(whole_number(value))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _excel_text(value: str) -> str:
    """Text Excel accepts: no control characters, over-long text cut with a visible marker."""
    value = _CONTROL.sub("", value)
    if len(value) > EXCEL_MAX_CELL:
        marker = " …[truncated]"
        return value[: EXCEL_MAX_CELL - len(marker)] + marker
    return value


def cell_value(value, kind: str):
    """A warehouse value as the cell openpyxl writes."""
    if value is None:
        return None
    if kind == "nested":
        return _excel_text(as_text(value)) or None
    if kind == "json":
        try:
            parsed = json.loads(value)
        except (TypeError, ValueError):
            parsed = value
        return _excel_text(as_text(parsed)) or None
    if kind == "timestamptz" and isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)  # Excel has no time zones: UTC, said in the format
    if kind == "blob":
        return f"<{len(value)} bytes>"
    if isinstance(value, str):
        return _excel_text(value)
    return whole_number(value)


def _width(column: Column, values: list) -> float:
    shown = {"date": 10, "timestamp": 19, "timestamptz": 23}  # as the number formats print them
    if column.kind in shown:
        longest = max(shown[column.kind], len(column.name))
    else:
        longest = max([display_width(column.name), *(display_width(str(v)) for v in values if v is not None)])
    return min(MAX_WIDTH, max(6, longest)) + 2


def write_sheet(con, relation: str, available: set[str], target: Path, *, sheet: str) -> None:
    """Write `relation` to the xlsx file `target` as one sheet named `sheet`."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise ExportError(
            "xlsx export needs the openpyxl package (uv add openpyxl); csv works without it"
        ) from None

    described = [(r[0], r[1]) for r in con.execute(f"describe select * from {relation}").fetchall()]
    columns, joins = sheet_columns(described, available)
    n_rows = con.execute(f"select count(*) from {relation}").fetchone()[0]
    if n_rows > EXCEL_MAX_ROWS:
        raise ExportError(f"{n_rows} rows do not fit in one Excel sheet; export csv or parquet instead")
    select = ", ".join(f"{c.sql} as {quote_ident(c.name)}" for c in columns)
    # keep the table's own row order: the joins must not reorder it
    rows = con.execute(
        f"select {select} from (select *, row_number() over () as _row from {relation}) t "
        f"{' '.join(joins)} order by t._row"
    ).fetchall()
    cells = [[cell_value(v, c.kind) for v, c in zip(row, columns, strict=True)] for row in rows]

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    for i, column in enumerate(columns, start=1):
        sample = [r[i - 1] for r in cells[:WIDTH_SAMPLE_ROWS]]
        ws.column_dimensions[get_column_letter(i)].width = _width(column, sample)
    ws.freeze_panes = "A2"
    last = f"{get_column_letter(len(columns))}{len(cells) + 1}"
    ws.auto_filter.ref = f"A1:{last}"
    bold = Font(bold=True)
    header = []
    for column in columns:
        c = WriteOnlyCell(ws, value=column.name)
        c.font = bold
        header.append(c)
    ws.append(header)
    formats = {"date": DATE_FORMAT, "timestamp": TIMESTAMP_FORMAT, "timestamptz": UTC_FORMAT}
    dated = [(i, formats[c.kind]) for i, c in enumerate(columns) if c.kind in formats]
    for row in cells:
        for i, fmt in dated:
            value = row[i]
            if isinstance(value, date):
                c = WriteOnlyCell(ws, value=value)
                c.number_format = fmt
                row[i] = c
        ws.append(row)
    book.save(target)
