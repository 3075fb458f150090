"""Records that cross stage boundaries (fetch -> clean -> understand -> extract -> land).

These dataclasses are the contract between stages: the stage modules take and return them and know
nothing of Dagster or DuckDB. Field names match the columns of the `raw` tables and the JSON output
of `fazhi extract` (see DESIGN.md), so landing and printing are plain `asdict` calls.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Origin = Literal["crawl", "inbox", "seed"]
MediaType = Literal["html", "text"]
DocType = Literal["annual_report", "half_year_report", "work_summary", "department_report", "not_report"]
IssuerKind = Literal["government", "department", "sub_district", "other"]
Measure = Literal["count", "amount", "rate", "change_pct"]
Scope = Literal["whole_region", "sub_unit"]

# Bump when a change to clean/understand/extract can change derived rows: every derived row carries
# it, so a warehouse can tell which rows an improvement has not reached yet.
EXTRACTOR_VERSION = "0.1.0"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Page:
    """One immutable body as fetched or dropped; page_id is the sha256 of the bytes."""

    page_id: str
    url: str | None
    source_id: str | None
    origin: Origin
    media_type: MediaType
    fetched_at: str  # ISO timestamp (UTC)
    encoding: str | None  # declared by the transport (HTTP header) if known; decoding is clean's job
    body: bytes
    location: str | None = None  # where it came from when not a URL (a file path)

    @classmethod
    def from_bytes(
        cls,
        body: bytes,
        *,
        url: str | None,
        origin: Origin,
        media_type: MediaType,
        fetched_at: str,
        source_id: str | None = None,
        encoding: str | None = None,
        location: str | None = None,
    ) -> Page:
        return cls(sha256_hex(body), url, source_id, origin, media_type, fetched_at, encoding, body, location)


@dataclass
class Attachment:
    url: str
    text: str
    ext: str


@dataclass
class CleanedPage:
    """What the cleaner keeps of a page: the main text without site chrome, plus page metadata.

    `error` is set (and body_text may be empty) when the page could not be read at all; `warnings`
    records best-effort decisions (detected encoding, density fallback, truncated HTML...).
    """

    title: str | None
    body_text: str  # paragraphs separated by "\n"
    page_meta: dict[str, Any] = field(default_factory=dict)
    publish_date: str | None = None  # ISO yyyy-mm-dd
    written_date: str | None = None  # 成文日期 / 产生日期, ISO
    attachments: list[Attachment] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # chrome lines/blocks removed, for audit
    page_shell: bool = False  # body is only a pointer to attachments
    encoding: str | None = None  # the encoding actually used to decode
    method: str = ""  # how the body was located (marker, container, density, lines, ...)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    # Page facts the cleaner found on lines it set aside, handed on so understanding need not re-read
    # `removed`: a date written with a publish label (发布时间: ...) there or in the body's first lines
    # (publish_date keeps only the metadata and URL dates, as raw.page_cleanings stores it), and the
    # site owner's imprint lines (主办/承办/地址/版权所有/网站标识码), cut like `removed`.
    labelled_date: str | None = None  # ISO
    owner_lines: list[str] = field(default_factory=list)


@dataclass
class Region:
    code: str
    name: str
    level: str  # province | prefecture | county | township | development_zone
    province_code: str | None
    prefecture_code: str | None
    confidence: float
    evidence: str  # which signal decided, with the text that shows it


@dataclass
class Document:
    """One report (or one non-report page) found on a page. Fields are decided or null with a reason."""

    document_id: str
    page_id: str
    part: int
    is_report: bool
    doc_type: DocType
    title: str | None
    issuer: str | None
    issuer_kind: IssuerKind | None
    region: Region | None
    region_reason: str | None  # why region is null, or candidates considered
    report_year: int | None
    year_reason: str | None
    period: str  # full_year | first_half | through_month_N | multi_year | unknown
    publish_date: str | None
    written_date: str | None
    body_text: str
    page_meta: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)  # decision -> evidence text
    extractor_version: str = EXTRACTOR_VERSION

    @staticmethod
    def make_id(page_id: str, part: int) -> str:
        return f"{page_id[:16]}-{part}"


@dataclass
class Mention:
    """One stated value of a catalog indicator, with the sentence that proves it."""

    mention_id: str
    document_id: str
    indicator_code: str
    value: float
    value_text: str
    unit: str
    approx: str | None  # the marker as written: 余 多 近 约 以上 左右 ...; None when exact
    measure: Measure
    scope: Scope
    scope_text: str | None
    period: str
    evidence: str
    start: int  # offsets of the value text in Document.body_text
    end: int
    sentence_start: int
    sentence_end: int
    flags: list[str] = field(default_factory=list)  # plausibility warnings (never a reason to drop)
    extractor_version: str = EXTRACTOR_VERSION

    @staticmethod
    def make_id(document_id: str, indicator_code: str, start: int) -> str:
        return f"{document_id}-{indicator_code}-{start}"
