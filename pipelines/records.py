"""Records that cross stage boundaries (fetch -> clean -> understand -> extract -> land).

These dataclasses are the contract between stages: the stage modules take and return them and know
nothing of Dagster or DuckDB. Field names match the columns of the `raw` tables and the JSON output
of `fazhi extract` through `contract.py` (see docs/architecture.md, "The row contract").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from pipelines.contract import BigInt, IsoDate, IsoTimestamp

Origin = Literal["crawl", "inbox", "seed"]
# What a body is: a web page, plain text, or a document file (the format its bytes are in, sniffed by
# `ingest.sniff.document_format`): pdf, docx (OOXML), doc (an OLE Word file: legacy .doc and most .wps),
# ofd (the national e-document format).
MediaType = Literal["html", "text", "pdf", "docx", "doc", "ofd"]
DOCUMENT_MEDIA_TYPES: frozenset[str] = frozenset({"pdf", "docx", "doc", "ofd"})
DocType = Literal["annual_report", "half_year_report", "work_summary", "department_report", "not_report"]
IssuerKind = Literal["government", "department", "sub_district", "other"]
# What a stated figure is (docs/indicators.md, "Qualifiers"). A quantity (every figure of a body) is a
# result of the year (count, amount, rate), a change to one (同比增长28%, 取消12项, 由X项精简到Y项) or a
# target or requirement (不少于4次, 力争, 每年…一次 as a rule). A catalog mention is a result, or a change
# in percent tied to an indicator (change_pct, the name the extract JSON contract gives it); targets
# never become mentions. Only results reach the fact table.
QuantityMeasure = Literal["count", "amount", "rate", "change", "target"]
Measure = Literal["count", "amount", "rate", "change_pct"]
RESULT_MEASURES: frozenset[str] = frozenset({"count", "amount", "rate"})
# Whose figure it is: the reporting government's whole region, one level's own (本级, 市级清单, 区政府
# as the party of a case), one named department's own (教育部门, 我局, 全省市场监管系统), or another part
# (a street or township, a court, a project, a case type, a subset after 其中). Only whole_region
# reaches the fact table; the others are kept, with scope_text naming the part.
Scope = Literal["whole_region", "level_only", "department", "sub_unit"]
Outcome = Literal["ok", "not_modified", "refused", "error", "challenge"]  # of one fetch attempt
Role = Literal["robots", "listing", "page", "attachment"]  # why a URL was fetched

# Bump when a change to clean/understand/extract can change derived rows: every derived row carries
# it, so a warehouse can tell which rows an improvement has not reached yet.
EXTRACTOR_VERSION = "0.2.0"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, kw_only=True)
class Page:
    """One immutable body as fetched or dropped; page_id is the sha256 of the bytes (a row of raw.pages)."""

    page_id: str
    url: str | None
    location: str | None = None  # where it came from when not a URL (a file path)
    source_id: str | None
    origin: Origin
    media_type: MediaType
    fetched_at: IsoTimestamp  # ISO timestamp (UTC)
    encoding: str | None  # declared by the transport (HTTP header) if known; decoding is clean's job
    n_bytes: BigInt = field(init=False)
    body: bytes

    def __post_init__(self) -> None:
        object.__setattr__(self, "n_bytes", len(self.body))

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
        return cls(
            page_id=sha256_hex(body),
            url=url,
            location=location,
            source_id=source_id,
            origin=origin,
            media_type=media_type,
            fetched_at=fetched_at,
            encoding=encoding,
            body=body,
        )


@dataclass(frozen=True)
class PageLocation:
    """One place a body was seen (a URL or a file path): a report posted at several places keeps all."""

    page_id: str
    location: str
    origin: Origin
    first_seen: IsoTimestamp


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
    publish_date: IsoDate | None = None
    written_date: IsoDate | None = None  # 成文日期 / 产生日期
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
    title_reason: str | None = None  # how the title was chosen among the lines above the body
    # A document file's pages (pipelines/read): where page 1, 2, ... begins in body_text (empty for a
    # web page or text), and the reader's confidence when the text came from OCR (0-1, else None).
    page_starts: list[int] = field(default_factory=list)
    read_confidence: float | None = None


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
    publish_date: IsoDate | None
    written_date: IsoDate | None
    body_text: str
    page_meta: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)  # decision -> evidence text
    report_reason: str | None = None  # why it is (or is not) a report: "<class>: <evidence>"
    title_reason: str | None = None  # how the title was chosen
    # Where page 1, 2, ... of the document file begins in body_text (non-decreasing; a page before this
    # part starts at 0): the page a figure is on is bisect_right(page_starts, offset). Empty for pages.
    page_starts: list[int] = field(default_factory=list)
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
    source_page: int | None = (
        None  # the page of the document file the value is on (1-based); None for web pages
    )
    extractor_version: str = EXTRACTOR_VERSION

    @staticmethod
    def make_id(document_id: str, indicator_code: str, start: int) -> str:
        return f"{document_id}-{indicator_code}-{start}"

    @property
    def is_region_result(self) -> bool:
        """The whole region's result for the period: what the fact table holds (the same filter as
        fct_rule_of_law_indicators)."""
        return self.scope == "whole_region" and self.measure in RESULT_MEASURES


@dataclass
class QuantityMention:
    """Every number with a counter in a report's body (件, 项, 次, 人, %, 元 ...), typed or not, with the
    qualifiers its words give it (the same reading the mentions use).

    `indicator_code` is the catalog code a mention gave it, or None: the untyped ones are the figures
    the catalog has no code for (or the rules do not know yet), kept with their sentence so an analyst
    can find them and so coverage (the share of a report's figures that got a code) is measured.
    """

    quantity_id: str
    document_id: str
    value: float
    value_text: str
    unit: str  # the counter as written (件, 项, %, 万元 -> 元)
    kind: str  # count | amount | percent
    approx: str | None
    indicator_code: str | None  # the code a rule gave it (a mention): what can reach the fact table
    measure: QuantityMeasure  # count | amount | rate | change | target
    scope: Scope
    scope_text: str | None
    period: str  # the figure's own period (a marker in its sentence or paragraph, else the report's)
    other_year: bool  # its clause names another year than the report's
    words_before: str  # its clause before it (at most 24 characters): what it counts, its verb
    words_after: str  # its clause after it (at most 24 characters)
    suggested_code: str | None  # untyped only: the indicator its words suggest (extract/typing.py)
    suggestion_score: float | None
    suggestion_reason: str | None
    evidence: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    source_page: int | None = (
        None  # the page of the document file the figure is on (1-based); None for web pages
    )
    extractor_version: str = EXTRACTOR_VERSION

    @staticmethod
    def make_id(document_id: str, start: int) -> str:
        return f"{document_id}-q{start}"


@dataclass(frozen=True)
class IngestError:
    """A local file that could not be ingested (unreadable, too large...): recorded, never lost."""

    location: str
    error: str


@dataclass(frozen=True)
class IngestErrorRecord:
    """An `IngestError` as recorded in raw.ingest_errors: with the origin and when it was seen."""

    location: str
    origin: Origin
    error: str
    seen_at: IsoTimestamp


@dataclass(frozen=True)
class PageCleaning:
    """What the cleaner made of one page, for audit (a row of raw.page_cleanings; the body goes to the
    documents)."""

    page_id: str
    extractor_version: str
    title: str | None
    method: str
    encoding: str | None
    page_shell: bool
    publish_date: IsoDate | None
    written_date: IsoDate | None
    body_chars: int
    n_documents: int
    error: str | None
    warnings: list[str]
    attachments: list[Attachment]
    removed: list[str]
    page_meta: dict[str, Any]
    page_starts: list[int] = field(default_factory=list)
    read_confidence: float | None = None

    @classmethod
    def of(cls, page_id: str, cleaned: CleanedPage, n_documents: int) -> PageCleaning:
        return cls(
            page_id=page_id,
            extractor_version=EXTRACTOR_VERSION,
            title=cleaned.title,
            method=cleaned.method,
            encoding=cleaned.encoding,
            page_shell=cleaned.page_shell,
            publish_date=cleaned.publish_date,
            written_date=cleaned.written_date,
            body_chars=len(cleaned.body_text),
            n_documents=n_documents,
            error=cleaned.error,
            warnings=cleaned.warnings,
            attachments=cleaned.attachments,
            removed=cleaned.removed,
            page_meta=cleaned.page_meta,
            page_starts=cleaned.page_starts,
            read_confidence=cleaned.read_confidence,
        )


@dataclass(frozen=True)
class DocumentExtraction:
    """Extraction ran for a document at an extractor version (a report may state no number at all)."""

    document_id: str
    extractor_version: str
    n_mentions: int


@dataclass(frozen=True)
class DbtBuild:
    """A successful dbt build and the fingerprint of the inputs it read."""

    fingerprint: str
    built_at: IsoTimestamp


@dataclass(frozen=True)
class FetchState:
    """The latest successful fetch of a URL (outcome ok or not_modified): what a conditional GET needs."""

    url: str
    page_id: str | None  # the body we hold for this URL (for a 304: the body the 304 confirmed)
    etag: str | None
    last_modified: str | None  # the server's Last-Modified header, verbatim (an HTTP date)
    fetched_at: str  # ISO 8601 UTC, e.g. "2024-03-01T08:00:00+00:00"


@dataclass(frozen=True)
class FetchRecord:
    """One attempt to fetch one URL (one row of raw.fetches). Retries are separate rows (`attempt`).

    A refused URL (robots, foreign host, budget, ...) is also a row (status None when no request was
    made), so a run can always be audited: what was asked for, what happened and why.
    An attachment (.pdf/.doc/...) of a report page is fetched with role "attachment" and `linked_from`
    naming that page: page -> attachment -> document -> fact.
    """

    fetch_id: str  # uuid4 hex, unique per attempt
    run_id: str  # one crawl run (shared by every source of a crawl_sources call)
    source_id: str
    url: str  # the URL asked for (before redirects)
    final_url: str | None  # where the redirect chain ended: the last URL requested, or the redirect
    #                        target that was refused/looped; None when nothing was requested
    status: int | None  # HTTP status of the last response; None when no response
    outcome: Outcome
    error_kind: str | None  # see the table above; None for ok / not_modified
    error: str | None  # human-readable message
    bytes: BigInt  # body bytes received (decoded), 0 if none
    elapsed_ms: float  # wall time of the attempt, redirects included
    page_id: str | None  # sha256 of the body: set for ok (the page stored) and not_modified (the page held)
    fetched_at: IsoTimestamp  # ISO 8601 UTC time the attempt started
    etag: str | None  # ETag response header
    last_modified: str | None  # Last-Modified response header
    content_type: str | None  # Content-Type response header, verbatim
    attempt: int  # 1 for the first try, 2.. for retries
    role: Role = "page"  # why the URL was fetched: robots.txt, a listing page, a (report) page, or an
    #                      attachment (.pdf/.docx/.doc/.wps/.ofd) of a report page
    depth: int = 0  # link distance from a listing page (listings: 0)
    linked_from: str | None = None  # the page URL whose link led here (attachments: the page they hang on)

    @property
    def sha256(self) -> str | None:
        return self.page_id
