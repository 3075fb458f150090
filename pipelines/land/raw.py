"""Idempotent writes into the `raw` schema.

Each function takes an open DuckDB connection (the caller owns its lifetime, so no connection stays
open across a run) and does one job. Re-running any of them with the same input changes nothing:
pages are keyed by content hash, derived rows are replaced per page or document only when the
extractor version differs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

import duckdb
import pandas as pd

from pipelines.records import EXTRACTOR_VERSION, CleanedPage, Document, Mention, Page, Region


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def add_page(con: duckdb.DuckDBPyConnection, page: Page) -> bool:
    """Store one body (the crawler stores as it fetches). Returns True when the body is new."""
    return add_pages(con, [page]) == 1


def add_pages(con: duckdb.DuckDBPyConnection, pages: list[Page]) -> int:
    """Store a batch of bodies in one statement each for pages and locations. Returns bodies new to
    the warehouse (a body seen twice in the batch, or already stored, is stored once)."""
    unique = list({p.page_id: p for p in reversed(pages)}.values())  # first occurrence wins
    if not unique:
        return 0
    frame = pd.DataFrame.from_records(
        [
            {
                "page_id": p.page_id,
                "url": p.url,
                "location": p.location,
                "source_id": p.source_id,
                "origin": p.origin,
                "media_type": p.media_type,
                "fetched_at": p.fetched_at,
                "encoding": p.encoding,
                "n_bytes": len(p.body),
                "body": p.body,
            }
            for p in unique
        ]
    )
    locations = pd.DataFrame.from_records(
        [
            {
                "page_id": p.page_id,
                "location": p.url or p.location,
                "origin": p.origin,
                "first_seen": p.fetched_at,
            }
            for p in pages
            if p.url or p.location
        ],
        columns=["page_id", "location", "origin", "first_seen"],
    )
    con.register("_fazhi_pages", frame)
    con.register("_fazhi_locations", locations)
    try:
        before = con.execute("SELECT count(*) FROM raw.pages").fetchone()[0]
        con.execute(
            """INSERT INTO raw.pages BY NAME
               SELECT n.* FROM _fazhi_pages n ANTI JOIN raw.pages USING (page_id)"""
        )
        con.execute(
            """INSERT INTO raw.page_locations BY NAME
               SELECT DISTINCT ON (page_id, location) * FROM _fazhi_locations
               ON CONFLICT DO NOTHING"""
        )
        return con.execute("SELECT count(*) FROM raw.pages").fetchone()[0] - before
    finally:
        con.unregister("_fazhi_pages")
        con.unregister("_fazhi_locations")


def record_ingest_error(con: duckdb.DuckDBPyConnection, location: str, origin: str, error: str) -> None:
    con.execute(
        "INSERT INTO raw.ingest_errors VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [location, origin, error, _now()],
    )


def _page_from_row(row: tuple) -> Page:
    page_id, url, location, source_id, origin, media_type, fetched_at, encoding, body = row
    return Page(page_id, url, source_id, origin, media_type, str(fetched_at), encoding, bytes(body), location)


def pending_page_ids(con: duckdb.DuckDBPyConnection, version: str = EXTRACTOR_VERSION) -> list[str]:
    """Pages the current extractor version has not cleaned yet (new pages, or a new version)."""
    rows = con.execute(
        """SELECT p.page_id FROM raw.pages p
           WHERE NOT EXISTS (SELECT 1 FROM raw.page_cleanings c
                             WHERE c.page_id = p.page_id AND c.extractor_version = ?)
           ORDER BY p.fetched_at, p.page_id""",
        [version],
    ).fetchall()
    return [r[0] for r in rows]


def load_pages(con: duckdb.DuckDBPyConnection, page_ids: list[str]) -> list[Page]:
    rows = con.execute(
        """SELECT page_id, url, location, source_id, origin, media_type, fetched_at, encoding, body
           FROM raw.pages WHERE page_id IN (SELECT unnest(?::VARCHAR[]))
           ORDER BY fetched_at, page_id""",
        [page_ids],
    ).fetchall()
    return [_page_from_row(r) for r in rows]


def _region_fields(region: Region | None) -> dict[str, Any]:
    keys = (
        "region_code",
        "region_name",
        "region_level",
        "province_code",
        "prefecture_code",
        "region_confidence",
        "region_evidence",
    )
    if region is None:
        return dict.fromkeys(keys)
    values = (
        region.code,
        region.name,
        region.level,
        region.province_code,
        region.prefecture_code,
        region.confidence,
        region.evidence,
    )
    return dict(zip(keys, values, strict=True))


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Bulk insert by column name through a DataFrame: one statement per batch, not per row."""
    if not rows:
        return
    frame = pd.DataFrame.from_records(rows)
    con.register("_fazhi_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _fazhi_rows")
    finally:
        con.unregister("_fazhi_rows")


def _delete_where_in(con: duckdb.DuckDBPyConnection, table: str, column: str, keys: list[str]) -> None:
    if keys:
        con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [keys])


def cleaning_row(page_id: str, cleaned: CleanedPage, n_documents: int) -> dict[str, Any]:
    return {
        "page_id": page_id,
        "extractor_version": EXTRACTOR_VERSION,
        "title": cleaned.title,
        "method": cleaned.method,
        "encoding": cleaned.encoding,
        "page_shell": cleaned.page_shell,
        "publish_date": cleaned.publish_date,
        "written_date": cleaned.written_date,
        "body_chars": len(cleaned.body_text),
        "n_documents": n_documents,
        "error": cleaned.error,
        "warnings": _json(cleaned.warnings),
        "attachments": _json([asdict(a) for a in cleaned.attachments]),
        "removed": _json(cleaned.removed),
        "page_meta": _json(cleaned.page_meta),
    }


def document_row(d: Document) -> dict[str, Any]:
    return {
        "document_id": d.document_id,
        "page_id": d.page_id,
        "part": d.part,
        "is_report": d.is_report,
        "doc_type": d.doc_type,
        "title": d.title,
        "issuer": d.issuer,
        "issuer_kind": d.issuer_kind,
        **_region_fields(d.region),
        "region_reason": d.region_reason,
        "report_year": d.report_year,
        "year_reason": d.year_reason,
        "period": d.period,
        "publish_date": d.publish_date,
        "written_date": d.written_date,
        "body_text": d.body_text,
        "page_meta": _json(d.page_meta),
        "evidence": _json(d.evidence),
        "extractor_version": d.extractor_version,
    }


def replace_page_results(
    con: duckdb.DuckDBPyConnection, results: Iterable[tuple[str, CleanedPage, list[Document]]]
) -> int:
    """Replace what was derived from a batch of pages (cleaning records, documents, and the mentions of
    their old documents). Returns the number of documents written."""
    results = list(results)
    page_ids = [page_id for page_id, _, _ in results]
    old_docs = [
        r[0]
        for r in con.execute(
            "SELECT document_id FROM raw.documents WHERE page_id IN (SELECT unnest(?::VARCHAR[]))", [page_ids]
        ).fetchall()
    ]
    _delete_where_in(con, "raw.indicator_mentions", "document_id", old_docs)
    _delete_where_in(con, "raw.document_extractions", "document_id", old_docs)
    _delete_where_in(con, "raw.documents", "page_id", page_ids)
    _delete_where_in(con, "raw.page_cleanings", "page_id", page_ids)
    _insert_rows(con, "raw.page_cleanings", [cleaning_row(pid, c, len(docs)) for pid, c, docs in results])
    doc_rows = [document_row(d) for _, _, docs in results for d in docs]
    _insert_rows(con, "raw.documents", doc_rows)
    return len(doc_rows)


def pending_document_ids(con: duckdb.DuckDBPyConnection, version: str = EXTRACTOR_VERSION) -> list[str]:
    """Documents whose indicators the current extractor version has not extracted yet."""
    rows = con.execute(
        """SELECT document_id FROM raw.documents d
           WHERE NOT EXISTS (SELECT 1 FROM raw.document_extractions e
                             WHERE e.document_id = d.document_id AND e.extractor_version = ?)
           ORDER BY document_id""",
        [version],
    ).fetchall()
    return [r[0] for r in rows]


def load_documents(con: duckdb.DuckDBPyConnection, document_ids: list[str]) -> list[Document]:
    rows = con.execute(
        """SELECT document_id, page_id, part, is_report, doc_type, title, issuer, issuer_kind,
                  region_code, region_name, region_level, province_code, prefecture_code,
                  region_confidence, region_evidence, region_reason, report_year, year_reason, period,
                  publish_date, written_date, body_text, page_meta, evidence, extractor_version
           FROM raw.documents
           WHERE document_id IN (SELECT unnest(?::VARCHAR[]))
           ORDER BY document_id""",
        [document_ids],
    ).fetchall()
    docs = []
    for r in rows:
        region = Region(r[8], r[9], r[10], r[11], r[12], r[13], r[14]) if r[8] else None
        docs.append(
            Document(
                document_id=r[0],
                page_id=r[1],
                part=r[2],
                is_report=r[3],
                doc_type=r[4],
                title=r[5],
                issuer=r[6],
                issuer_kind=r[7],
                region=region,
                region_reason=r[15],
                report_year=r[16],
                year_reason=r[17],
                period=r[18],
                publish_date=r[19].isoformat() if r[19] else None,
                written_date=r[20].isoformat() if r[20] else None,
                body_text=r[21],
                page_meta=json.loads(r[22]) if r[22] else {},
                evidence=json.loads(r[23]) if r[23] else {},
                extractor_version=r[24],
            )
        )
    return docs


def mention_row(m: Mention) -> dict[str, Any]:
    return {
        "mention_id": m.mention_id,
        "document_id": m.document_id,
        "indicator_code": m.indicator_code,
        "value": m.value,
        "value_text": m.value_text,
        "unit": m.unit,
        "approx": m.approx,
        "measure": m.measure,
        "scope": m.scope,
        "scope_text": m.scope_text,
        "period": m.period,
        "evidence": m.evidence,
        "start_offset": m.start,
        "end_offset": m.end,
        "sentence_start": m.sentence_start,
        "sentence_end": m.sentence_end,
        "flags": _json(m.flags),
        "extractor_version": m.extractor_version,
    }


def replace_mentions(con: duckdb.DuckDBPyConnection, found: dict[str, list[Mention]]) -> int:
    """Replace the mentions of a batch of documents and mark them extracted. Returns mentions written."""
    document_ids = list(found)
    _delete_where_in(con, "raw.indicator_mentions", "document_id", document_ids)
    _delete_where_in(con, "raw.document_extractions", "document_id", document_ids)
    rows: dict[str, dict[str, Any]] = {}
    for mentions in found.values():
        for m in mentions:
            rows.setdefault(m.mention_id, mention_row(m))  # one row per id, first statement wins
    _insert_rows(con, "raw.indicator_mentions", list(rows.values()))
    _insert_rows(
        con,
        "raw.document_extractions",
        [
            {"document_id": d, "extractor_version": EXTRACTOR_VERSION, "n_mentions": len(ms)}
            for d, ms in found.items()
        ],
    )
    return len(rows)


def last_dbt_build(con: duckdb.DuckDBPyConnection) -> str | None:
    """The inputs' fingerprint of the latest successful dbt build, or None."""
    row = con.execute("select fingerprint from raw.dbt_builds order by built_at desc limit 1").fetchone()
    return row[0] if row else None


def record_dbt_build(con: duckdb.DuckDBPyConnection, fingerprint: str) -> None:
    con.execute("insert into raw.dbt_builds values (?, ?)", [fingerprint, _now()])
