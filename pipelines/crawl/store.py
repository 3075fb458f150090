"""Where the crawler keeps what it saw: a small storage Protocol, its row types and an in-memory store.

The crawler knows nothing of DuckDB. It talks to a `CrawlStore`; the warehouse implements it over
`raw.fetches` (one row per `FetchRecord`) and `raw.pages` (one row per distinct `records.Page`: pages
and attachment files alike, keyed by the sha256 of their bytes), and
the tests use `MemoryStore`. Field names below are the column names of those tables: keep them stable.
"""

from __future__ import annotations

import threading
from typing import Protocol, runtime_checkable

from pipelines.records import FetchRecord, FetchState, Outcome, Page, Role

__all__ = ["ERROR_KINDS_REFUSED", "CrawlStore", "FetchRecord", "FetchState", "MemoryStore", "Outcome", "Role"]


# error_kind values, by outcome:
#   refused (a policy decision; no request made, except too_large/content_type which stop reading):
#       "scheme" (not http/https, credentials in URL), "foreign_host" (not an allowed host; also a
#       redirect hop), "private_address" (host resolves to a loopback/private/link-local... address and
#       the source is not local), "robots" (robots.txt disallows), "crawl_delay" (the host's Crawl-delay
#       exceeds policy.max_crawl_delay), "budget" (page budget of the run or source spent),
#       "too_large" (body over policy.max_body_bytes, decoded; an attachment's over
#       policy.max_attachment_bytes), "content_type" (a page that is not HTML or text/plain; an
#       attachment whose bytes are not a PDF/Word/OFD document, whatever its Content-Type),
#       "host_unresponsive" (policy.host_timeout_limit URLs of the host in a row timed out in this run:
#       the rest of its requests are not sent)
#   error (the request failed; the first three are retried, within policy.url_deadline): "timeout"
#       (also: the URL's deadline passed), "connect", "http_5xx"
#       (500-599; 501/505 not retried), "http_429" (retried, honouring Retry-After), "http_4xx"
#       (never retried), "dns", "redirect_loop", "too_many_redirects", "bad_redirect" (3xx without
#       Location), "encoding" (unsupported Content-Encoding or corrupt compression), "protocol"
#   challenge (an anti-bot answer: HTTP 412/521 or a WAF/CAPTCHA page; never stored, never retried):
#       "anti_bot"
# Attachments (.pdf/.doc/.docx/.wps/.ofd links of report pages, and report-looking ones of listings:
# CrawlReport.attachments) are fetched after the report pages, role "attachment", linked_from the
# page that linked them, and stored as a Page whose media_type is the document format of its bytes
# (pdf, docx, doc, ofd): lineage runs page -> attachment -> document -> fact. A dry run
# (policy.listings_only) lists them without fetching. No row is written for report pages or
# attachments skipped because they were fetched less than policy.revisit_after ago (counted in
# CrawlReport.skipped_fresh): no request, no attempt.
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
        "host_unresponsive",
    }
)


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

    def add_fetch(self, fetch: FetchRecord, page: Page | None = None) -> bool:
        """Append one attempt and, in the same transaction, the body it fetched (if any): both land
        or neither does. True when that body was new. Never updates or deletes earlier rows."""
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

    def add_fetch(self, fetch: FetchRecord, page: Page | None = None) -> bool:
        with self._lock:
            new = page is not None and page.page_id not in self.pages
            if page is not None and new:
                self.pages[page.page_id] = page
            self.fetches.append(fetch)
            if fetch.outcome in ("ok", "not_modified"):
                self._last[fetch.url] = FetchState(
                    url=fetch.url,
                    page_id=fetch.page_id,
                    etag=fetch.etag,
                    last_modified=fetch.last_modified,
                    fetched_at=fetch.fetched_at,
                )
            return new

    def page_body(self, page_id: str) -> bytes | None:
        with self._lock:
            page = self.pages.get(page_id)
            return page.body if page else None
