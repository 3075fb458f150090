"""Every knob of the crawler in one frozen dataclass, so tests can shrink delays and limits.

All waiting goes through `sleep(seconds * delay_scale)`: a test sets delay_scale=0.01 (or injects a
fake sleep) and the same code paths run in milliseconds.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

USER_AGENT = "fazhi/0.1 (+https://github.com/fazhi; rule-of-law report research)"
ROBOTS_AGENT = "fazhi"  # the token robots.txt groups are matched against

# Words of link texts/titles that point at rule-of-law reports (法治政府建设年度报告, 依法行政工作情况汇报,
# 工作总结...). Generic: how such reports are titled everywhere, not one site's wording.
REPORT_KEYWORDS: tuple[str, ...] = (
    "法治政府建设",
    "法治建设",
    "依法行政",
    "依法治",
    "年度报告",
    "工作总结",
    "情况报告",
    "工作报告",
    "情况汇报",
    "述法",
)
ATTACHMENT_EXTENSIONS: tuple[str, ...] = (".pdf", ".doc", ".docx", ".wps", ".ofd")


@dataclass(frozen=True)
class CrawlPolicy:
    user_agent: str = USER_AGENT
    # per request
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    max_request_seconds: float = 60.0  # whole request, body streaming included
    max_body_bytes: int = 8 * 1024 * 1024  # decoded bytes; bigger bodies are aborted ("too_large")
    # The same for an attachment (a PDF/Word/OFD file of a report page): scanned reports run large.
    max_attachment_bytes: int = 40 * 1024 * 1024
    max_redirects: int = 5
    # politeness
    min_delay: float = 1.0  # seconds between two requests to one host (robots Crawl-delay can raise it)
    max_crawl_delay: float = 120.0  # a host asking for more than this is not crawled ("crawl_delay")
    obey_robots: bool = True
    max_retries: int = 3  # extra attempts after the first, on timeout/connect/429/5xx
    # A URL's attempts, waits and redirect hops together stop after this many seconds (wall time,
    # not scaled): a hanging server costs one deadline per URL, not read_timeout x (1 + max_retries).
    url_deadline: float = 30.0
    # After this many URLs of one host in a row ended in a timeout (retries spent), the rest of its URLs
    # in the run are refused unsent ("host_unresponsive"); 0 = never.
    host_timeout_limit: int = 3
    backoff_base: float = 2.0  # seconds; attempt n waits between half and all of base * 2**(n-1)
    backoff_max: float = 60.0
    retry_after_max: float = 120.0  # a longer Retry-After is capped to this
    # scope
    max_pages: int = 500  # requests per run (all sources of a crawl_sources call), robots excluded
    max_listing_pages: int = 30  # pagination pages followed per listing URL
    max_depth: int = 1  # follow report-looking links found on report pages this many hops
    # Report pages fetched more recently are skipped (a source's fresh_hours overrides it)...
    revisit_after: timedelta | None = timedelta(hours=20)
    # ...unless revalidate: every stored page is asked for again with a conditional GET (304 if unchanged).
    revalidate: bool = False
    # A dry run reads the listing pages only: it shows which report pages the link rules would
    # fetch, without fetching them nor any attachment (and the caller gives it a store that writes
    # nothing).
    listings_only: bool = False
    # testing hooks
    delay_scale: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)

    def wait(self, seconds: float) -> None:
        """Sleep `seconds` scaled by delay_scale (no-op for non-positive values)."""
        if seconds > 0 and self.delay_scale > 0:
            self.sleep(seconds * self.delay_scale)

    def backoff(self, attempt: int) -> float:
        """Unscaled wait before retry number `attempt` (1-based): "equal jitter" over an exponential cap."""
        cap = min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1))
        return self.rng.uniform(cap / 2, cap)
