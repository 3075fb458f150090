"""Crawl one registered source: revalidate its listings, discover report pages, keep every body once.

Order of work: listing pages first (all pagination pages, always revalidated: new reports appear
there), then report pages breadth-first, then the attachments those pages link (role "attachment",
`linked_from` the first page that linked it, depth that page's + 1; each URL once per run). A report
page or attachment fetched successfully less than its source's `fresh_hours` (default
`policy.revisit_after`, 20 hours) ago is not requested again (a page's stored body is still read for
links; an attachment's never is), so a crawl interrupted at any point resumes where it stopped; older
ones, and every one when `policy.revalidate` (`fazhi crawl --revalidate`), are revalidated with a
conditional GET and cost a 304 when unchanged. A dry run (`policy.listings_only`) fetches listings
only: report pages and attachments are listed, not requested.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from pipelines.crawl.discover import Link, PageLinks, classify, looks_like_report, parse_page
from pipelines.crawl.fetcher import Budget, Fetcher, FetchResult, RunContext
from pipelines.crawl.policy import CrawlPolicy
from pipelines.crawl.robots import HostThrottle
from pipelines.crawl.safety import Resolver, resolve_host
from pipelines.crawl.sources import Source
from pipelines.crawl.store import CrawlStore, FetchState, Role


@dataclass(frozen=True)
class AttachmentLink:
    url: str
    text: str
    found_on: str  # the page that links it


@dataclass
class CrawlReport:
    """What one crawl of one source did. Counts are of logical fetches (a retried URL counts once)."""

    source_id: str
    run_id: str
    started_at: str
    elapsed_s: float = 0.0
    fetched: int = 0  # answered 200 with a stored body (attachments included)
    not_modified: int = 0  # answered 304
    skipped_fresh: int = 0  # report pages and attachments fetched recently enough: not requested
    attachments_fetched: int = 0  # of `fetched`: attachments (PDF/Word/OFD files) answered 200 and stored
    new_pages: int = 0  # bodies stored for the first time
    challenges: int = 0  # anti-bot answers (outcome "challenge")
    refused: Counter[str] = field(default_factory=Counter)  # error_kind -> URLs
    errors: Counter[str] = field(default_factory=Counter)  # error_kind -> URLs (after retries)
    attempts: int = 0  # fetch rows written (retries and robots.txt included)
    listing_pages: list[str] = field(default_factory=list)
    report_urls: list[str] = field(default_factory=list)  # report-looking links discovered, in order
    attachments: list[AttachmentLink] = field(default_factory=list)  # attachment links seen (fetched or not)
    page_ids: list[str] = field(default_factory=list)  # bodies held for fetched/304/skipped pages
    robots: dict[str, str] = field(default_factory=dict)  # origin -> how its robots.txt was applied
    crawl_delays: dict[str, float] = field(default_factory=dict)  # origin -> Crawl-delay obeyed (s)
    would_refuse: dict[str, str] = field(default_factory=dict)  # dry run: report link -> why it is refused

    @property
    def reached_anything(self) -> bool:
        """Some page of the source answered (fetched, unchanged, or held fresh): a source for which
        every request was refused or failed did not crawl, whatever the exit of the run."""
        return bool(self.fetched or self.not_modified or self.skipped_fresh)

    def problems(self) -> str:
        """The refusals and errors by kind, as the summary and the dry run print them."""
        refused = ", ".join(f"{k} {v}" for k, v in sorted(self.refused.items())) or "none"
        errors = ", ".join(f"{k} {v}" for k, v in sorted(self.errors.items())) or "none"
        return f"refused: {refused}; errors: {errors}"

    def summary(self) -> str:
        return (
            f"{self.source_id}: {self.fetched} fetched ({self.new_pages} new; {self.attachments_fetched} of "
            f"them attachments), {self.not_modified} not modified, "
            f"{self.skipped_fresh} fresh, {self.challenges} challenges; {self.problems()}; "
            f"{len(self.report_urls)} report links, {len(self.attachments)} attachment links; {self.elapsed_s:.1f} s"
        )


def make_client(policy: CrawlPolicy) -> httpx.Client:
    timeout = httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout)
    # trust_env=False: no proxy or netrc from the environment, so the address checks see the real peer.
    return httpx.Client(headers={"User-Agent": policy.user_agent}, timeout=timeout, trust_env=False)


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]


def crawl_source(
    source: Source,
    store: CrawlStore,
    *,
    policy: CrawlPolicy = CrawlPolicy(),  # noqa: B008 - frozen, safe as a default
    run_id: str | None = None,
    resolver: Resolver = resolve_host,
) -> CrawlReport:
    """Crawl one source into `store` and say what happened. Never raises for network trouble."""
    return crawl_sources([source], store, policy, source.id, run_id=run_id, resolver=resolver)[0]


def crawl_sources(
    sources: list[Source],
    store: CrawlStore,
    policy: CrawlPolicy = CrawlPolicy(),  # noqa: B008
    source_id: str | None = None,
    *,
    run_id: str | None = None,
    resolver: Resolver = resolve_host,
) -> list[CrawlReport]:
    """Crawl every enabled source (or only `source_id`, enabled or not), one after the other, sharing
    one run id, one page budget (policy.max_pages), robots.txt rules and per-host pacing."""
    if source_id is not None:
        chosen = [s for s in sources if s.id == source_id]
        if not chosen:
            raise KeyError(f"no source {source_id!r}")
    else:
        chosen = [s for s in sources if s.enabled]
    with make_client(policy) as client:
        ctx = RunContext(
            policy,
            client,
            run_id or new_run_id(),
            HostThrottle(sleep=policy.sleep),
            Budget(policy.max_pages),
            resolver,
        )
        return [_SourceCrawl(source, store, ctx).run() for source in chosen]


class _SourceCrawl:
    def __init__(self, source: Source, store: CrawlStore, ctx: RunContext) -> None:
        self.source = source
        self.store = store
        self.policy = ctx.policy
        self.fetcher = Fetcher(source, store, ctx, Budget(source.max_pages))
        self.rules = source.link_patterns()
        self.report = CrawlReport(source.id, ctx.run_id, datetime.now(UTC).isoformat(timespec="seconds"))
        self.queued: set[str] = set()
        self.pages: deque[tuple[str, int]] = deque()  # (url, depth)
        self.attachment_urls: set[str] = set()
        self.pending_attachments: list[tuple[AttachmentLink, int]] = []  # (link, depth), fetched last
        # Membership sets beside the report's ordered lists: link checks stay O(1) on large sites.
        self.listing_urls: set[str] = set()
        self.report_urls: set[str] = set()

    def run(self) -> CrawlReport:
        started = time.monotonic()
        for root in self.source.listing_urls:
            self._crawl_listing(root)
        while self.pages and not self.policy.listings_only:
            url, depth = self.pages.popleft()
            self._crawl_page(url, depth)
        if not self.policy.listings_only:
            for link, depth in self.pending_attachments:
                self._crawl_attachment(link, depth)
        if self.policy.listings_only:
            for url in self.report.report_urls:
                if (why := self.fetcher.refusal(url)) is not None:
                    self.report.would_refuse[url] = why
        for origin, rules in self.fetcher.ctx.robots.items():
            if not self.source.allows_url(origin):
                continue  # another source's host in a shared run
            self.report.robots[origin] = rules.note
            if rules.crawl_delay is not None:
                self.report.crawl_delays[origin] = rules.crawl_delay
        self.report.elapsed_s = round(time.monotonic() - started, 3)
        return self.report

    # ---- listings -----------------------------------------------------------------------------
    def _crawl_listing(self, root: str) -> None:
        todo, seen = deque([root]), {root}
        while todo and len(seen) - len(todo) < self.policy.max_listing_pages:
            url = todo.popleft()
            if url in self.queued:
                continue
            self.queued.add(url)
            self.report.listing_pages.append(url)
            self.listing_urls.add(url)
            result = self._fetch(url, role="listing", depth=0)
            found = self._links(result)
            if found is None:
                continue
            for page_url in found.pagination:
                if page_url not in seen:
                    seen.add(page_url)
                    todo.append(page_url)
            self._take_links(found, url, depth=0, listing=True)

    # ---- report pages -------------------------------------------------------------------------
    def _crawl_page(self, url: str, depth: int) -> None:
        state = self.store.last_fetch(url)
        if self._fresh(state):
            assert state is not None and state.page_id is not None
            body = self.store.page_body(state.page_id)
            if body is not None:
                self.report.skipped_fresh += 1
                self.report.page_ids.append(state.page_id)
                self._follow_from(body, url, depth)
                return
        result = self._fetch(url, role="page", depth=depth)
        found = self._links(result)
        if found is not None:
            self._take_links(found, url, depth=depth, listing=False)

    # ---- attachments --------------------------------------------------------------------------
    def _crawl_attachment(self, link: AttachmentLink, depth: int) -> None:
        """Fetch one attachment (never parsed for links); held fresh like a report page."""
        state = self.store.last_fetch(link.url)
        if self._fresh(state):
            assert state is not None and state.page_id is not None
            if self.store.has_page(state.page_id):
                self.report.skipped_fresh += 1
                self.report.page_ids.append(state.page_id)
                return
        result = self._fetch(link.url, role="attachment", depth=depth, linked_from=link.found_on)
        if result.outcome == "ok":
            self.report.attachments_fetched += 1

    def _fresh(self, state: FetchState | None) -> bool:
        """Fetched (200 or 304) less than the source's window (fresh_hours, else policy.revisit_after)
        ago, with a body we hold; never when the policy revalidates."""
        after = self.source.revisit_after(self.policy.revisit_after)
        if self.policy.revalidate or after is None or state is None or state.page_id is None:
            return False
        try:
            fetched = datetime.fromisoformat(state.fetched_at)
        except ValueError:
            return False
        if fetched.tzinfo is None:
            fetched = fetched.replace(tzinfo=UTC)
        return datetime.now(UTC) - fetched < after

    def _follow_from(self, body: bytes, url: str, depth: int) -> None:
        # The HTTP charset is not at hand here: parse_page sniffs (utf-8, <meta>, detection).
        self._take_links(parse_page(body, url), url, depth=depth, listing=False)

    # ---- shared -------------------------------------------------------------------------------
    def _fetch(self, url: str, *, role: Role, depth: int, linked_from: str | None = None) -> FetchResult:
        result = self.fetcher.fetch(url, role=role, depth=depth, conditional=True, linked_from=linked_from)
        report = self.report
        report.attempts += len(result.records)
        if result.outcome == "ok":
            report.fetched += 1
            report.new_pages += int(result.new_page)
        elif result.outcome == "not_modified":
            report.not_modified += 1
        elif result.outcome == "challenge":
            report.challenges += 1
        elif result.outcome == "refused":
            report.refused[result.error_kind or "unknown"] += 1
        else:
            report.errors[result.error_kind or "unknown"] += 1
        if result.page_id and result.outcome in ("ok", "not_modified"):
            report.page_ids.append(result.page_id)
        return result

    def _links(self, result: FetchResult) -> PageLinks | None:
        if result.body is None or result.outcome not in ("ok", "not_modified"):
            return None
        if result.media_type == "text":
            return None
        charset = None
        if result.content_type and "charset=" in result.content_type.lower():
            charset = result.content_type.lower().split("charset=", 1)[1].split(";")[0].strip().strip("\"'")
        return parse_page(result.body, result.final_url or result.url, charset)

    def _take_links(self, found: PageLinks, page_url: str, *, depth: int, listing: bool) -> None:
        pagination = set(found.pagination)
        for link in found.links:
            if link.url in pagination:
                continue
            kind = classify(link, self.rules)
            if kind == "attachment":
                # On a listing only report-looking attachments; on a report page all of them.
                wanted = not listing or looks_like_report(link.text) or self._rule_match(link)
                if wanted and link.url not in self.attachment_urls:
                    self.attachment_urls.add(link.url)
                    attachment = AttachmentLink(link.url, link.text, page_url)
                    self.report.attachments.append(attachment)
                    self.pending_attachments.append((attachment, depth + 1))
                continue
            if kind != "report":
                continue
            if link.url in self.listing_urls:
                continue  # a column of the site (a nav link), already crawled as a listing
            if link.url not in self.report_urls:
                self.report_urls.add(link.url)
                self.report.report_urls.append(link.url)
            next_depth = depth + 1
            if next_depth > self.policy.max_depth + 1 or link.url in self.queued:
                continue
            self.queued.add(link.url)
            self.pages.append((link.url, next_depth))

    def _rule_match(self, link: Link) -> bool:
        return any(rule.search(link.url) or rule.search(link.text) for rule in self.rules)
