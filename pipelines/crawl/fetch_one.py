"""One URL fetched with the crawler's rules, for `fazhi extract URL` (no warehouse involved).

The same politeness and safety apply as in a crawl: robots.txt, http(s) only, the URL's own host
only (redirects included), public addresses only, size and time limits, anti-bot answers refused.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from pipelines.crawl.crawler import make_client, new_run_id
from pipelines.crawl.discover import is_attachment
from pipelines.crawl.fetcher import Budget, Fetcher, RunContext
from pipelines.crawl.policy import CrawlPolicy
from pipelines.crawl.robots import HostThrottle
from pipelines.crawl.sources import Source
from pipelines.crawl.store import MemoryStore
from pipelines.records import IngestError, Page


def fetch_page(
    url: str, policy: CrawlPolicy | None = None, *, allow_local: bool = False
) -> Page | IngestError:
    """The page (or document file) at `url`, or why not. `allow_local` admits loopback/private hosts (tests only)."""
    policy = policy or CrawlPolicy(max_retries=1)
    host = urlsplit(url).hostname
    if not host:
        return IngestError(url, "not a URL with a host")
    source = Source(id="extract", listing_urls=(url,), allowed_hosts=(host,), max_pages=1, local=allow_local)
    store = MemoryStore()
    with make_client(policy) as client:
        ctx = RunContext(policy, client, new_run_id(), HostThrottle(sleep=policy.sleep), Budget(1))
        # A .pdf/.docx/.doc/.wps/.ofd URL is fetched as an attachment: accepted by its bytes' format.
        role = "attachment" if is_attachment(url) else "page"
        result = Fetcher(source, store, ctx, Budget(1)).fetch(url, role=role, depth=0, conditional=False)
    if result.outcome != "ok" or result.page_id is None:
        return IngestError(url, f"{result.outcome}: {result.error_kind or ''} {result.error or ''}".strip())
    return store.pages[result.page_id]
