"""The `raw` schema, derived from the record types. Python writes only here; dbt reads it as sources.

Each table is one record type of `pipelines.records` (its fields are the columns, in order), plus
the explicit renames below where a column name differs from the field's. Tables are append-mostly
and keyed so that every write is idempotent: a page body is stored once (`page_id` = sha256), derived
rows are replaced per page/document when the extractor version changes, and nothing is rewritten when
nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from pipelines import records
from pipelines.contract import Column, columns

# The only column names that differ from their record's field names.
RENAMES: dict[type, dict[str, str]] = {
    records.FetchRecord: {"bytes": "n_bytes"},
    records.Document: {
        "region.code": "region_code",
        "region.name": "region_name",
        "region.level": "region_level",
        "region.province_code": "province_code",
        "region.prefecture_code": "prefecture_code",
        "region.confidence": "region_confidence",
        "region.evidence": "region_evidence",
    },
    records.Mention: {"start": "start_offset", "end": "end_offset"},
    records.QuantityMention: {"start": "start_offset", "end": "end_offset"},
}


@dataclass(frozen=True)
class RawTable:
    name: str  # schema-qualified
    record: type
    primary_key: tuple[str, ...] = ()
    # Raw is a landing zone that older rows and hand-planted audit rows also reach: beyond the key,
    # only these columns are NOT NULL (a record's own types are stricter; the loaders rely on them).
    not_null: tuple[str, ...] = ()
    why: str = ""

    @property
    def renames(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(RENAMES.get(self.record, {}).items()))

    @property
    def columns(self) -> tuple[Column, ...]:
        return columns(self.record, self.renames)

    def ddl(self) -> str:
        single_key = self.primary_key[0] if len(self.primary_key) == 1 else None
        required = set(self.not_null) | set(self.primary_key)

        def spec(c: Column) -> str:
            constraint = " PRIMARY KEY" if c.name == single_key else " NOT NULL" if c.name in required else ""
            return f"{c.name} {c.sql_type}{constraint}"

        cols = [spec(c) for c in self.columns]
        if len(self.primary_key) > 1:
            cols.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        body = ",\n    ".join(cols)
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n    {body}\n)"


RAW_TABLES: tuple[RawTable, ...] = (
    RawTable(
        "raw.pages",
        records.Page,
        ("page_id",),
        ("origin", "media_type", "fetched_at", "n_bytes", "body"),
        "every distinct body once, exactly as fetched or dropped (never modified by a normal run)",
    ),
    RawTable(
        "raw.page_locations",
        records.PageLocation,
        ("page_id", "location"),
        ("origin", "first_seen"),
        "every place a body was seen: one report posted at several places keeps all",
    ),
    RawTable(
        "raw.fetches",
        records.FetchRecord,
        ("fetch_id",),
        ("url", "outcome", "fetched_at"),
        "every crawl attempt, successful or not",
    ),
    RawTable(
        "raw.ingest_errors",
        records.IngestErrorRecord,
        ("location", "error"),
        ("origin", "seen_at"),
        "failures of the local ingest, recorded with their reason",
    ),
    RawTable(
        "raw.page_cleanings",
        records.PageCleaning,
        ("page_id", "extractor_version"),
        (),
        "what the cleaner made of each page, per extractor version (audit trail)",
    ),
    RawTable(
        "raw.documents",
        records.Document,
        ("document_id",),
        ("page_id", "part", "is_report", "doc_type", "period", "body_text", "extractor_version"),
        "one row per document found on a page (a page may hold 0, 1 or several reports)",
    ),
    RawTable(
        "raw.document_extractions",
        records.DocumentExtraction,
        ("document_id", "extractor_version"),
        ("n_mentions",),
        "extraction ran for a document at a version (a report may state no number)",
    ),
    RawTable(
        "raw.dbt_builds",
        records.DbtBuild,
        (),
        ("fingerprint", "built_at"),
        "each successful dbt build and its inputs' fingerprint (a rebuild with nothing new is skipped)",
    ),
    RawTable(
        "raw.quantities",
        records.QuantityMention,
        ("quantity_id",),
        ("document_id", "value", "value_text", "evidence", "start_offset", "end_offset", "extractor_version"),
        "every figure of a report's body, typed with an indicator code or not (coverage, uncatalogued figures)",
    ),
    RawTable(
        "raw.indicator_mentions",
        records.Mention,
        ("mention_id",),
        (
            "document_id",
            "indicator_code",
            "value",
            "value_text",
            "measure",
            "scope",
            "evidence",
            "start_offset",
            "end_offset",
            "extractor_version",
        ),
        "every stated value of a catalog indicator, with its evidence and offsets",
    ),
)
TABLE_OF: dict[type, RawTable] = {t.record: t for t in RAW_TABLES}

RAW_DDL: tuple[str, ...] = ("CREATE SCHEMA IF NOT EXISTS raw", *(t.ddl() for t in RAW_TABLES))


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables; a warehouse made by an older version gains the columns added since
    (nullable, so its old rows stay valid and are re-derived from the raw pages on the next run)."""
    for stmt in RAW_DDL:
        con.execute(stmt)
    existing = {
        (s, t, c)
        for s, t, c in con.execute(
            "select table_schema, table_name, column_name from information_schema.columns where table_schema = 'raw'"
        ).fetchall()
    }
    for table in RAW_TABLES:
        schema, name = table.name.split(".")
        for c in table.columns:
            if (schema, name, c.name) not in existing:
                con.execute(f"ALTER TABLE {table.name} ADD COLUMN {c.name} {c.sql_type}")
