"""Idempotent writes into the `raw` schema.

Each function takes an open DuckDB connection (the caller owns its lifetime, so no connection stays
open across a run) and does one job. Re-running any of them with the same input changes nothing:
pages are keyed by content hash, derived rows are replaced per page or document only when the
extractor version differs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

import duckdb

from pipelines.records import EXTRACTOR_VERSION, CleanedPage, Document, Mention, Page, Region


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def add_page(con: duckdb.DuckDBPyConnection, page: Page) -> bool:
    """Store a body once and remember where it was seen. Returns True when the body is new."""
    location = page.url or page.location or ""
    new = con.execute("SELECT 1 FROM raw.pages WHERE page_id = ?", [page.page_id]).fetchone() is None
    if new:
        con.execute(
            "INSERT INTO raw.pages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                page.page_id,
                page.url,
                page.location,
                page.source_id,
                page.origin,
                page.media_type,
                page.fetched_at,
                page.encoding,
                len(page.body),
                page.body,
            ],
        )
    if location:
        con.execute(
            "INSERT INTO raw.page_locations VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [page.page_id, location, page.origin, page.fetched_at],
        )
    return new


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


def load_pages(con: duckdb.DuckDBPyConnection, page_ids: list[str]) -> Iterator[Page]:
    for page_id in page_ids:
        row = con.execute(
            """SELECT page_id, url, location, source_id, origin, media_type, fetched_at, encoding, body
               FROM raw.pages WHERE page_id = ?""",
            [page_id],
        ).fetchone()
        if row:
            yield _page_from_row(row)


def _region_columns(region: Region | None) -> list[Any]:
    if region is None:
        return [None] * 7
    return [
        region.code,
        region.name,
        region.level,
        region.province_code,
        region.prefecture_code,
        region.confidence,
        region.evidence,
    ]


def replace_page_results(
    con: duckdb.DuckDBPyConnection, page_id: str, cleaned: CleanedPage, documents: Iterable[Document]
) -> int:
    """Replace what was derived from one page (its cleaning record and documents). Returns documents written."""
    documents = list(documents)
    con.execute("DELETE FROM raw.page_cleanings WHERE page_id = ?", [page_id])
    old_docs = [
        r[0]
        for r in con.execute("SELECT document_id FROM raw.documents WHERE page_id = ?", [page_id]).fetchall()
    ]
    for document_id in old_docs:
        con.execute("DELETE FROM raw.indicator_mentions WHERE document_id = ?", [document_id])
        con.execute("DELETE FROM raw.document_extractions WHERE document_id = ?", [document_id])
    con.execute("DELETE FROM raw.documents WHERE page_id = ?", [page_id])
    con.execute(
        "INSERT INTO raw.page_cleanings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            page_id,
            EXTRACTOR_VERSION,
            cleaned.title,
            cleaned.method,
            cleaned.encoding,
            cleaned.page_shell,
            cleaned.publish_date,
            cleaned.written_date,
            len(cleaned.body_text),
            len(documents),
            cleaned.error,
            _json(cleaned.warnings),
            _json([asdict(a) for a in cleaned.attachments]),
            _json(cleaned.removed),
            _json(cleaned.page_meta),
        ],
    )
    for d in documents:
        con.execute(
            "INSERT INTO raw.documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                d.document_id,
                d.page_id,
                d.part,
                d.is_report,
                d.doc_type,
                d.title,
                d.issuer,
                d.issuer_kind,
                *_region_columns(d.region),
                d.region_reason,
                d.report_year,
                d.year_reason,
                d.period,
                d.publish_date,
                d.written_date,
                d.body_text,
                _json(d.page_meta),
                _json(d.evidence),
                d.extractor_version,
            ],
        )
    return len(documents)


def pending_documents(con: duckdb.DuckDBPyConnection, version: str = EXTRACTOR_VERSION) -> list[Document]:
    """Documents whose indicators the current extractor version has not extracted yet."""
    rows = con.execute(
        """SELECT document_id, page_id, part, is_report, doc_type, title, issuer, issuer_kind,
                  region_code, region_name, region_level, province_code, prefecture_code,
                  region_confidence, region_evidence, region_reason, report_year, year_reason, period,
                  publish_date, written_date, body_text, page_meta, evidence, extractor_version
           FROM raw.documents d
           WHERE NOT EXISTS (SELECT 1 FROM raw.document_extractions e
                             WHERE e.document_id = d.document_id AND e.extractor_version = ?)
           ORDER BY document_id""",
        [version],
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


def replace_mentions(con: duckdb.DuckDBPyConnection, document_id: str, mentions: Iterable[Mention]) -> int:
    mentions = list(mentions)
    con.execute("DELETE FROM raw.indicator_mentions WHERE document_id = ?", [document_id])
    con.execute("DELETE FROM raw.document_extractions WHERE document_id = ?", [document_id])
    if mentions:
        con.executemany(
            "INSERT INTO raw.indicator_mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    m.mention_id,
                    m.document_id,
                    m.indicator_code,
                    m.value,
                    m.value_text,
                    m.unit,
                    m.approx,
                    m.measure,
                    m.scope,
                    m.scope_text,
                    m.period,
                    m.evidence,
                    m.start,
                    m.end,
                    m.sentence_start,
                    m.sentence_end,
                    _json(m.flags),
                    m.extractor_version,
                ]
                for m in mentions
            ],
        )
    con.execute(
        "INSERT INTO raw.document_extractions VALUES (?, ?, ?)",
        [document_id, EXTRACTOR_VERSION, len(mentions)],
    )
    return len(mentions)
