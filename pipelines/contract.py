"""How a record's fields become table columns, row values and JSON keys: derived, never respelled.

A record type (a dataclass in `records.py`) is the one place a row is written down. The `raw` DDL,
the row writers, the loaders and `fazhi extract`'s JSON are all derived here from its fields, plus an
explicit map of the names that differ between the record and the table or the JSON. Adding a field
to a record therefore adds the column, the value written, the value read back and the JSON key.

Rules, so the derivation needs no per-table code:
- SQL types come from the type hints: str VARCHAR, int INTEGER, float DOUBLE, bool BOOLEAN, bytes BLOB,
  dict/list JSON (as text), Literal[...] VARCHAR; `Annotated[..., SqlType("DATE")]` overrides.
- A field whose hint admits None is nullable; every other column is NOT NULL.
- A field whose type is itself a dataclass (a `Region`) is flattened into its fields' columns; the
  rename map gives their column names (`region.code` -> `region_code`), and None writes nulls.
- A field declared with `init=False` is derived from the others (`Page.n_bytes`): written, never
  read back (the record computes it again).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal, get_args, get_origin, get_type_hints


@dataclass(frozen=True)
class SqlType:
    """Marks the SQL type of a field whose Python type does not say it (an ISO string stored as DATE)."""

    name: str


IsoDate = Annotated[str, SqlType("DATE")]  # yyyy-mm-dd
IsoTimestamp = Annotated[str, SqlType("TIMESTAMP")]  # ISO 8601, UTC
BigInt = Annotated[int, SqlType("BIGINT")]

_PY_SQL = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN", bytes: "BLOB"}


@dataclass(frozen=True)
class Column:
    name: str  # the column's name in the table
    path: tuple[str, ...]  # the field path in the record: ("region", "code")
    sql_type: str
    nullable: bool
    derived: bool  # an init=False field: written, not read back


def _unwrap(hint: Any) -> tuple[Any, bool, str | None]:
    """(base type, admits None, SQL type override) of a type hint."""
    nullable, override = False, None
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        nullable = len(args) != len(get_args(hint))
        hint = args[0] if len(args) == 1 else str
        origin = get_origin(hint)
    if origin is Annotated:
        base, *extras = get_args(hint)
        override = next((e.name for e in extras if isinstance(e, SqlType)), None)
        hint, origin = base, get_origin(base)
    return hint, nullable, override


def _sql_type(base: Any, override: str | None) -> str:
    if override:
        return override
    origin = get_origin(base)
    if origin is Literal:
        return "VARCHAR"
    if base in (dict, list) or origin in (dict, list):
        return "JSON"
    return _PY_SQL[base]


@cache
def columns(record: type, renames: tuple[tuple[str, str], ...] = ()) -> tuple[Column, ...]:
    """The columns of `record`, in field order, nested dataclasses flattened (renames: path -> name)."""
    names = dict(renames)
    out: list[Column] = []

    def walk(rec: type, prefix: tuple[str, ...], parent_nullable: bool) -> None:
        hints = get_type_hints(rec, include_extras=True)
        for f in dataclasses.fields(rec):
            base, nullable, override = _unwrap(hints[f.name])
            path = (*prefix, f.name)
            if dataclasses.is_dataclass(base):
                walk(base, path, parent_nullable or nullable)
                continue
            dotted = ".".join(path)
            out.append(
                Column(
                    name=names.get(dotted, path[-1]),
                    path=path,
                    sql_type=_sql_type(base, override),
                    nullable=nullable or parent_nullable,
                    derived=not f.init,
                )
            )

    walk(record, (), False)
    return tuple(out)


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _plain(value: Any) -> Any:
    """Dataclasses inside JSON columns (a list of `Attachment`) become dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _get(record: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if record is None:
            return None
        record = getattr(record, name)
    return record


def to_row(record: Any, renames: tuple[tuple[str, str], ...] = ()) -> dict[str, Any]:
    """Column name -> value to write (JSON columns as text)."""
    row = {}
    for c in columns(type(record), renames):
        value = _get(record, c.path)
        row[c.name] = _json_text(_plain(value)) if c.sql_type == "JSON" else value
    return row


def _read_value(value: Any, sql_type: str) -> Any:
    if value is None or (sql_type == "JSON" and not value):
        return None
    if sql_type == "JSON":
        return json.loads(value)
    if sql_type == "DATE" and isinstance(value, dt.date):
        return value.isoformat()
    if sql_type == "TIMESTAMP":
        return str(value)
    if sql_type == "BLOB":
        return bytes(value)
    return value


def from_row(record: type, row: Mapping[str, Any], renames: tuple[tuple[str, str], ...] = ()) -> Any:
    """Rebuild a record from a row keyed by column name (the inverse of `to_row`)."""
    cols = columns(record, renames)

    def build(rec: type, prefix: tuple[str, ...]) -> Any:
        kwargs: dict[str, Any] = {}
        hints = get_type_hints(rec, include_extras=True)
        for f in dataclasses.fields(rec):
            if not f.init:
                continue
            path = (*prefix, f.name)
            base, _, _ = _unwrap(hints[f.name])
            if dataclasses.is_dataclass(base):
                nested = [c for c in cols if c.path[: len(path)] == path]
                # A nested record exists when its first column (its key: Region.code) is set.
                kwargs[f.name] = build(base, path) if row.get(nested[0].name) is not None else None
                continue
            col = next(c for c in cols if c.path == path)
            value = row.get(col.name)
            if value is None and f.default_factory is not dataclasses.MISSING:
                kwargs[f.name] = f.default_factory()  # an absent JSON column: the field's empty default
            else:
                kwargs[f.name] = _read_value(value, col.sql_type)
        return rec(**kwargs)

    return build(record, ())


def column_names(record: type, renames: tuple[tuple[str, str], ...] = ()) -> list[str]:
    return [c.name for c in columns(record, renames)]


def to_json(
    record: Any, *, renames: Mapping[str, str] | None = None, omit: frozenset[str] = frozenset()
) -> dict:
    """The record as a JSON object: its fields in order, nested records as objects, `omit` left out and
    `renames` (field -> key) applied. Derived fields (init=False) are left out: they repeat others."""
    renames = renames or {}
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name in omit or not f.init:
            continue
        value = getattr(record, f.name)
        out[renames.get(f.name, f.name)] = _plain(value)
    return out
