"""Where the crawler keeps what it saw: a small storage Protocol, its row types and an in-memory store.

The crawler knows nothing of DuckDB. It talks to a `CrawlStore`; the warehouse implements it over
`raw.fetches` (one row per `FetchRecord`) and `raw.pages` (one row per distinct `records.Page`), and
the tests use `MemoryStore`. Field names below are the column names of those tables: keep them stable.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

from pipelines.records import Page

Outcome = Literal["ok", "not_modified", "refused", "error", "challenge"]
Role = Literal["robots", "listing", "page"]

# error_kind values, by outcome:
#   refused (a policy decision; no request made, except too_large/content_type which stop reading):
#       "scheme" (not http/https, credentials in URL), "foreign_host" (not an allowed host; also a
#       redirect hop), "private_address" (host resolves to a loopback/private/link-local... address and
#       the source is not local), "robots" (robots.txt disallows), "crawl_delay" (the host's Crawl-delay
#       exceeds policy.max_crawl_delay), "budget" (page budget of the run or source spent),
#       "too_large" (body over policy.max_body_bytes, decoded), "content_type" (not HTML or text/plain)
#   error (the request failed; the first three are retried): "timeout", "connect", "http_5xx"
#       (500-599; 501/505 not retried), "http_429" (retried, honouring Retry-After), "http_4xx"
#       (never retried), "dns", "redirect_loop", "too_many_redirects", "bad_redirect" (3xx without
#       Location), "encoding" (unsupported Content-Encoding or corrupt compression), "protocol"
#   challenge (an anti-bot answer: HTTP 412/521 or a WAF/CAPTCHA page; never stored, never retried):
#       "anti_bot"
# No row is written for attachments (.pdf/.doc/.docx/.wps/.ofd: listed in CrawlReport.attachments,
# never fetched) nor for report pages skipped because they were fetched less than
# policy.revisit_after ago (counted in CrawlReport.skipped_fresh): no request, no attempt.
ERROR_KINDS_REFUSED = frozenset(
    {
        "scheme",
        "foreign_host",
        "private_address",
        "robots",
        "budget",
        "too_large",
        "content_type",
        "crawl_delay",
    }
)


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
    Attachments (.pdf/.doc/...) are not fetched and not rows: they are listed in the CrawlReport and
    the cleaner extracts them again from the stored page that links them.
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
    bytes: int  # body bytes received (decoded), 0 if none
    elapsed_ms: int  # wall time of the attempt, redirects included
    page_id: str | None  # sha256 of the body: set for ok (the page stored) and not_modified (the page held)
    fetched_at: str  # ISO 8601 UTC time the attempt started
    etag: str | None  # ETag response header
    last_modified: str | None  # Last-Modified response header
    content_type: str | None  # Content-Type response header, verbatim
    attempt: int  # 1 for the first try, 2.. for retries
    role: Role = "page"  # why the URL was fetched: robots.txt, a listing page, or a (report) page
    depth: int = 0  # link distance from a listing page (listings: 0)

    @property
    def sha256(self) -> str | None:
        return self.page_id


@runtime_checkable
class CrawlStore(Protocol):
    """What the crawler needs from storage. Implementations must be safe to call from one thread."""

    def last_fetch(self, url: str) -> FetchState | None:
        """The latest fetch of `url` with outcome ok or not_modified, or None."""
        ...

    def has_page(self, page_id: str) -> bool: ...

    def add_page(self, page: Page) -> bool:
        """Store a body; False (and nothing written) if a page with that page_id is already stored."""
        ...

    def add_fetch(self, fetch: FetchRecord) -> None:
        """Append one attempt. Never updates or deletes earlier rows."""
        ...

    def page_body(self, page_id: str) -> bytes | None:
        """The stored body of a page, or None: lets a 304 or a skipped page still yield its links."""
        ...


class MemoryStore:
    """A CrawlStore in memory (tests, dry runs). Thread-safe."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.fetches: list[FetchRecord] = []
        self._last: dict[str, FetchState] = {}
        self._lock = threading.Lock()

    def last_fetch(self, url: str) -> FetchState | None:
        with self._lock:
            return self._last.get(url)

    def has_page(self, page_id: str) -> bool:
        with self._lock:
            return page_id in self.pages

    def add_page(self, page: Page) -> bool:
        with self._lock:
            if page.page_id in self.pages:
                return False
            self.pages[page.page_id] = page
            return True

    def add_fetch(self, fetch: FetchRecord) -> None:
        with self._lock:
            self.fetches.append(fetch)
            if fetch.outcome in ("ok", "not_modified"):
                self._last[fetch.url] = FetchState(
                    url=fetch.url,
                    page_id=fetch.page_id,
                    etag=fetch.etag,
                    last_modified=fetch.last_modified,
                    fetched_at=fetch.fetched_at,
                )

    def page_body(self, page_id: str) -> bytes | None:
        with self._lock:
            page = self.pages.get(page_id)
            return page.body if page else None
