"""How a record's fields become table columns, row values and JSON keys: derived, never respelled.

A record type (a dataclass in `records.py`) is the one place a row is written down. The `raw` DDL,
the row writers, the loaders and `fazhi extract`'s JSON are all derived here from its fields, plus an
explicit map of the names that differ between the record and the table or the JSON. Adding a field
to a record therefore adds the column, the value written, the value read back and the JSON key.

Rules, so the derivation needs no per-table code:
- SQL types come from the type hints: str VARCHAR, int INTEGER, float DOUBLE, bool BOOLEAN, bytes BLOB,
  dict/list JSON (as text), Literal[...] VARCHAR; `Annotated[..., SqlType("DATE")]` overrides.
- Which columns are NOT NULL is the table's decision (`land/schema.RawTable.not_null`), not the hint's:
  raw is a landing zone that older rows also reach.
- A field whose type is itself a dataclass (a `Region`) is flattened into its fields' columns; the
  rename map gives their column names (`region.code` -> `region_code`), and None writes nulls.
- A field declared with `init=False` is derived from the others (`Page.n_bytes`): written, never
  read back (the record computes it again).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import operator
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
    derived: bool  # an init=False field: written, not read back


def _unwrap(hint: Any) -> tuple[Any, str | None]:
    """(base type, SQL type override) of a type hint; `X | None` reads as X."""
    override = None
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        hint = args[0] if len(args) == 1 else str
        origin = get_origin(hint)
    if origin is Annotated:
        base, *extras = get_args(hint)
        override = next((e.name for e in extras if isinstance(e, SqlType)), None)
        hint = base
    return hint, override


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

    def walk(rec: type, prefix: tuple[str, ...]) -> None:
        hints = get_type_hints(rec, include_extras=True)
        for f in dataclasses.fields(rec):
            base, override = _unwrap(hints[f.name])
            path = (*prefix, f.name)
            if dataclasses.is_dataclass(base):
                walk(base, path)
                continue
            dotted = ".".join(path)
            out.append(
                Column(
                    name=names.get(dotted, path[-1]),
                    path=path,
                    sql_type=_sql_type(base, override),
                    derived=not f.init,
                )
            )

    walk(record, ())
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


@cache
def _writers(record: type, renames: tuple[tuple[str, str], ...]) -> tuple[tuple[str, Any, bool], ...]:
    """(column name, how to read its value, JSON or not) for each column of a record type: worked out
    once per type, since the warehouse writes tens of thousands of rows of each."""
    out = []
    for c in columns(record, renames):
        get = operator.attrgetter(c.path[0]) if len(c.path) == 1 else (lambda r, p=c.path: _get(r, p))
        out.append((c.name, get, c.sql_type == "JSON"))
    return tuple(out)


def to_row(record: Any, renames: tuple[tuple[str, str], ...] = ()) -> dict[str, Any]:
    """Column name -> value to write (JSON columns as text)."""
    row = {}
    for name, get, is_json in _writers(type(record), renames):
        value = get(record)
        row[name] = _json_text(_plain(value)) if is_json else value
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


@dataclass(frozen=True)
class _Read:
    """How one field of a record is read back: from its column, or as a nested record."""

    field: str
    column: Column | None  # None for a nested record
    nested: tuple[type, tuple[_Read, ...], str] | None  # (record type, its fields, its key column)
    default: Any  # the field's default_factory, for an absent JSON column


@cache
def _reader(record: type, renames: tuple[tuple[str, str], ...]) -> tuple[_Read, ...]:
    """The read plan of a record, worked out once per type (not once per row)."""
    by_path = {c.path: c for c in columns(record, renames)}

    def plan(rec: type, prefix: tuple[str, ...]) -> tuple[_Read, ...]:
        hints = get_type_hints(rec, include_extras=True)
        steps = []
        for f in dataclasses.fields(rec):
            if not f.init:
                continue
            path = (*prefix, f.name)
            base, _ = _unwrap(hints[f.name])
            default = f.default_factory if f.default_factory is not dataclasses.MISSING else None
            if dataclasses.is_dataclass(base):
                inner = plan(base, path)
                # A nested record exists when its first column (its key: Region.code) is set.
                key = next(c.name for p, c in by_path.items() if p[: len(path)] == path)
                steps.append(_Read(f.name, None, (base, inner, key), default))
            else:
                steps.append(_Read(f.name, by_path[path], None, default))
        return tuple(steps)

    return plan(record, ())


def _build(rec: type, steps: tuple[_Read, ...], row: Mapping[str, Any]) -> Any:
    kwargs: dict[str, Any] = {}
    for step in steps:
        if step.nested is not None:
            inner_type, inner, key = step.nested
            kwargs[step.field] = _build(inner_type, inner, row) if row.get(key) is not None else None
            continue
        assert step.column is not None
        value = row.get(step.column.name)
        if value is None and step.default is not None:
            kwargs[step.field] = step.default()  # an absent JSON column: the field's empty default
        else:
            kwargs[step.field] = _read_value(value, step.column.sql_type)
    return rec(**kwargs)


def from_row(record: type, row: Mapping[str, Any], renames: tuple[tuple[str, str], ...] = ()) -> Any:
    """Rebuild a record from a row keyed by column name (the inverse of `to_row`)."""
    return _build(record, _reader(record, renames), row)


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
