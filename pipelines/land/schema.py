"""DDL of the `raw` schema. Python writes only here; dbt reads it as sources.

Tables are append-mostly and keyed so that every write is idempotent: a page body is stored once
(`page_id` = sha256), derived rows are replaced per page/document when the extractor version changes,
and nothing is rewritten when nothing changed.
"""

from __future__ import annotations

import duckdb

RAW_DDL: tuple[str, ...] = (
    "CREATE SCHEMA IF NOT EXISTS raw",
    # Every distinct body once, exactly as fetched or dropped (never modified by a normal run).
    """CREATE TABLE IF NOT EXISTS raw.pages (
        page_id VARCHAR PRIMARY KEY,
        url VARCHAR,
        location VARCHAR,
        source_id VARCHAR,
        origin VARCHAR NOT NULL,
        media_type VARCHAR NOT NULL,
        fetched_at TIMESTAMP NOT NULL,
        encoding VARCHAR,
        n_bytes BIGINT NOT NULL,
        body BLOB NOT NULL
    )""",
    # Every place a body was seen (URL or file path): one report posted at several places keeps all.
    """CREATE TABLE IF NOT EXISTS raw.page_locations (
        page_id VARCHAR NOT NULL,
        location VARCHAR NOT NULL,
        origin VARCHAR NOT NULL,
        first_seen TIMESTAMP NOT NULL,
        PRIMARY KEY (page_id, location)
    )""",
    # Every crawl attempt, successful or not (the crawl stage fills it).
    """CREATE TABLE IF NOT EXISTS raw.fetches (
        fetch_id VARCHAR PRIMARY KEY,
        run_id VARCHAR,
        source_id VARCHAR,
        url VARCHAR NOT NULL,
        final_url VARCHAR,
        status INTEGER,
        outcome VARCHAR NOT NULL,
        error_kind VARCHAR,
        error VARCHAR,
        n_bytes BIGINT,
        elapsed_ms DOUBLE,
        page_id VARCHAR,
        fetched_at TIMESTAMP NOT NULL,
        etag VARCHAR,
        last_modified VARCHAR,
        content_type VARCHAR,
        attempt INTEGER,
        role VARCHAR,
        depth INTEGER
    )""",
    # Failures of the local ingest (unreadable file, ...): recorded with their reason, never lost.
    """CREATE TABLE IF NOT EXISTS raw.ingest_errors (
        location VARCHAR NOT NULL,
        origin VARCHAR NOT NULL,
        error VARCHAR NOT NULL,
        seen_at TIMESTAMP NOT NULL,
        PRIMARY KEY (location, error)
    )""",
    # What the cleaner made of each page (one row per page and extractor version): audit trail.
    """CREATE TABLE IF NOT EXISTS raw.page_cleanings (
        page_id VARCHAR NOT NULL,
        extractor_version VARCHAR NOT NULL,
        title VARCHAR,
        method VARCHAR,
        encoding VARCHAR,
        page_shell BOOLEAN,
        publish_date DATE,
        written_date DATE,
        body_chars INTEGER,
        n_documents INTEGER,
        error VARCHAR,
        warnings JSON,
        attachments JSON,
        removed JSON,
        page_meta JSON,
        PRIMARY KEY (page_id, extractor_version)
    )""",
    """CREATE TABLE IF NOT EXISTS raw.documents (
        document_id VARCHAR PRIMARY KEY,
        page_id VARCHAR NOT NULL,
        part INTEGER NOT NULL,
        is_report BOOLEAN NOT NULL,
        doc_type VARCHAR NOT NULL,
        title VARCHAR,
        issuer VARCHAR,
        issuer_kind VARCHAR,
        region_code VARCHAR,
        region_name VARCHAR,
        region_level VARCHAR,
        province_code VARCHAR,
        prefecture_code VARCHAR,
        region_confidence DOUBLE,
        region_evidence VARCHAR,
        region_reason VARCHAR,
        report_year INTEGER,
        year_reason VARCHAR,
        period VARCHAR NOT NULL,
        publish_date DATE,
        written_date DATE,
        body_text VARCHAR NOT NULL,
        page_meta JSON,
        evidence JSON,
        extractor_version VARCHAR NOT NULL
    )""",
    # One row per document and extractor version once extraction ran (a report may state no number).
    """CREATE TABLE IF NOT EXISTS raw.document_extractions (
        document_id VARCHAR NOT NULL,
        extractor_version VARCHAR NOT NULL,
        n_mentions INTEGER NOT NULL,
        PRIMARY KEY (document_id, extractor_version)
    )""",
    # One row per successful dbt build: the inputs' fingerprint, so a rebuild with nothing new is skipped.
    """CREATE TABLE IF NOT EXISTS raw.dbt_builds (
        fingerprint VARCHAR NOT NULL,
        built_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS raw.indicator_mentions (
        mention_id VARCHAR PRIMARY KEY,
        document_id VARCHAR NOT NULL,
        indicator_code VARCHAR NOT NULL,
        value DOUBLE NOT NULL,
        value_text VARCHAR NOT NULL,
        unit VARCHAR,
        approx VARCHAR,
        measure VARCHAR NOT NULL,
        scope VARCHAR NOT NULL,
        scope_text VARCHAR,
        period VARCHAR,
        evidence VARCHAR NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        sentence_start INTEGER,
        sentence_end INTEGER,
        flags JSON,
        extractor_version VARCHAR NOT NULL
    )""",
)


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    for stmt in RAW_DDL:
        con.execute(stmt)
