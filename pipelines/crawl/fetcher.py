"""Fetch one URL politely and safely, and log every attempt.

A logical fetch = budget check, then attempts (first try + retries); an attempt = a chain of requests
following redirects by hand, each hop checked (scheme, allowed host, public address, robots.txt) and
paced (HostThrottle). Every attempt becomes one FetchRecord; a refusal made before any request is a
row too. Successful HTML/text bodies are stored as records.Page (page_id = sha256 of the bytes), in
the same store call (one transaction) as the attempt that fetched them: a crash never leaves a body
without the row that says where and when it came from, nor a row pointing at a body that is not there.

An attachment (role "attachment") is judged by its bytes, not its Content-Type (servers send PDFs as
application/octet-stream, application/msword, even text/html): a body `document_format` recognises
(pdf, docx, doc, ofd) is stored as a Page of that media type, anything else (a soft-404 HTML page at a
.pdf URL) is refused ("content_type"). Its size cap is policy.max_attachment_bytes.
"""

from __future__ import annotations

import threading
import time
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import cast
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx

from pipelines.crawl.breaker import HostBreaker
from pipelines.crawl.challenge import challenge_reason
from pipelines.crawl.http import BodyTooLarge, RawResponse, RequestTooSlow, UnsupportedEncoding, read_response
from pipelines.crawl.policy import ROBOTS_AGENT, CrawlPolicy
from pipelines.crawl.robots import HostThrottle, RobotsRules
from pipelines.crawl.safety import Resolver, check_url, resolve_host
from pipelines.crawl.sources import Source
from pipelines.crawl.store import ERROR_KINDS_REFUSED, CrawlStore, FetchRecord, FetchState, Outcome, Role
from pipelines.ingest.sniff import document_format
from pipelines.records import MediaType, Page

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MAX_ROBOTS_BYTES = 512 * 1024


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Budget:
    """A thread-safe countdown of requests (None = unlimited)."""

    def __init__(self, limit: int | None) -> None:
        self.remaining = limit
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self.remaining is None:
                return True
            if self.remaining <= 0:
                return False
            self.remaining -= 1
            return True


@dataclass
class RunContext:
    """What the sources of one run share: the HTTP client, pacing, robots rules and the page budget."""

    policy: CrawlPolicy
    client: httpx.Client
    run_id: str
    throttle: HostThrottle
    budget: Budget
    resolver: Resolver = resolve_host
    robots: dict[str, RobotsRules] = field(default_factory=dict)
    requests: int = 0  # HTTP requests sent (retries, redirect hops and robots.txt included)
    breaker: HostBreaker | None = None  # per-host circuit breaker; made from the policy when None

    def __post_init__(self) -> None:
        if self.breaker is None:
            self.breaker = HostBreaker(self.policy.host_timeout_limit)


@dataclass
class FetchResult:
    url: str
    outcome: Outcome
    error_kind: str | None = None
    error: str | None = None
    status: int | None = None
    final_url: str | None = None
    body: bytes | None = None  # the body to read links from: fetched, or the stored one after a 304
    page_id: str | None = None
    new_page: bool = False
    media_type: MediaType | None = None
    content_type: str | None = None
    records: list[FetchRecord] = field(default_factory=list)
    page: Page | None = None  # the body to store with this attempt's record (outcome ok)


@dataclass
class _Attempt:
    final_url: str | None
    response: RawResponse | None = None
    outcome: Outcome | None = None  # set when the attempt ended without a usable response
    error_kind: str | None = None
    error: str | None = None
    status: int | None = None


class Fetcher:
    def __init__(self, source: Source, store: CrawlStore, ctx: RunContext, source_budget: Budget) -> None:
        self.source = source
        self.store = store
        self.ctx = ctx
        self.policy = ctx.policy
        self.source_budget = source_budget
        self._stored_new = False  # whether the last stored attempt's page was new to the store
        self._deadline = float("inf")  # monotonic time the current URL's fetch must end by
        self._linked_from: str | None = None  # the current URL's linking page (FetchRecord.linked_from)

    # ---- public -------------------------------------------------------------------------------
    def fetch(
        self, url: str, *, role: Role, depth: int, conditional: bool, linked_from: str | None = None
    ) -> FetchResult:
        """Fetch `url` (retrying transient failures) and store its body; never raises for HTTP trouble.

        `linked_from` is the page whose link led here (recorded on every attempt's row)."""
        self._linked_from = linked_from
        if not (self.source_budget.take() and self.ctx.budget.take()):
            record = self._record(
                url,
                1,
                role,
                depth,
                time.monotonic(),
                utc_now(),
                outcome="refused",
                error_kind="budget",
                error="page budget of this run exhausted",
            )
            return FetchResult(url, "refused", "budget", record.error, records=[record])
        state = self._conditional_state(url) if conditional else None
        headers = self._conditional_headers(state)
        records: list[FetchRecord] = []
        attempt = 0
        self._deadline = time.monotonic() + self.policy.url_deadline
        while True:
            attempt += 1
            result, retry_after = self._attempt_once(url, headers, state, attempt, role, depth)
            records.extend(result.records)
            result.records = records
            if not self._retryable(result) or attempt > self.policy.max_retries:
                return self._count_timeout(result)
            wait = min(
                retry_after if retry_after is not None else self.policy.backoff(attempt),
                self.policy.retry_after_max,
            )
            if time.monotonic() + max(0.0, wait * self.policy.delay_scale) >= self._deadline:
                return self._count_timeout(result)  # no time left for another try within the deadline
            self.policy.wait(wait)

    def _count_timeout(self, result: FetchResult) -> FetchResult:
        """A URL that ended in a timeout counts once against its host's circuit breaker."""
        if result.error_kind == "timeout":
            assert self.ctx.breaker is not None
            self.ctx.breaker.timed_out((urlsplit(result.final_url or result.url).hostname or "").lower())
        return result

    # ---- one attempt --------------------------------------------------------------------------
    def _attempt_once(
        self,
        url: str,
        headers: dict[str, str],
        state: FetchState | None,
        attempt: int,
        role: Role,
        depth: int,
    ) -> tuple[FetchResult, float | None]:
        """One try: follow the redirect chain, judge what came back, and log it as one FetchRecord.

        Returns the result and the wait a Retry-After header asked for (None when it asked none).
        """
        started, fetched_at = time.monotonic(), utc_now()
        cap = self.policy.max_attachment_bytes if role == "attachment" else self.policy.max_body_bytes
        chain = self._follow(url, headers, check_robots=True, max_bytes=cap)
        result, retry_after = self._judge(url, chain, state, fetched_at, attachment=role == "attachment")
        result.records.append(
            self._record(
                url,
                attempt,
                role,
                depth,
                started,
                fetched_at,
                outcome=result.outcome,
                error_kind=result.error_kind,
                error=result.error,
                status=result.status,
                final_url=chain.final_url,
                size=len(result.body or b"") if result.outcome == "ok" else 0,
                page_id=result.page_id,
                headers=chain.response.headers if chain.response else None,
                fallback=state if result.outcome == "not_modified" else None,
                page=result.page,
            )
        )
        if result.page is not None:
            result.new_page = self._stored_new
        return result, retry_after

    def _judge(
        self,
        url: str,
        chain: _Attempt,
        state: FetchState | None,
        fetched_at: str,
        *,
        attachment: bool = False,
    ) -> tuple[FetchResult, float | None]:
        """What an attempt amounts to, and the Retry-After wait it asked for.

        Checked in this order: a failed chain, a 304, an anti-bot challenge, an HTTP error status, a
        body that is not a page (for an attachment: not a document), and last a page to store.
        """
        if chain.response is None:
            assert chain.outcome is not None
            failed = FetchResult(
                url, chain.outcome, chain.error_kind, chain.error, chain.status, final_url=chain.final_url
            )
            return failed, None
        if chain.response.status == 304:
            return self._not_modified(url, chain, chain.response, state, read_body=not attachment), None
        document = document_format(chain.response.body) if attachment else None
        refused = _refused_by_status(url, chain, chain.response, document=document is not None)
        if refused is not None:
            return refused
        if attachment:
            return self._attachment(url, chain, chain.response, fetched_at, document), None
        return self._page(url, chain, chain.response, fetched_at), None

    def _not_modified(
        self, url: str, chain: _Attempt, response: RawResponse, state: FetchState | None, *, read_body: bool
    ) -> FetchResult:
        """A 304 confirms the stored body, whose links are read again (`read_body`: not for an
        attachment, whose body has no links to read); unasked for, it is an error."""
        status = response.status
        if state is None or state.page_id is None:
            return FetchResult(
                url,
                "error",
                error_kind="protocol",
                error="304 to an unconditional request",
                status=status,
                final_url=chain.final_url,
            )
        return FetchResult(
            url,
            "not_modified",
            status=status,
            final_url=chain.final_url,
            page_id=state.page_id,
            body=self.store.page_body(state.page_id) if read_body else None,
            content_type=response.headers.get("content-type"),
        )

    def _page(self, url: str, chain: _Attempt, response: RawResponse, fetched_at: str) -> FetchResult:
        """Store a 2xx body as a Page when it is HTML or text; any other media type is refused."""
        status = response.status
        content_type = response.headers.get("content-type")
        media_type, charset = _media_type(content_type, response.body)
        if media_type is None:
            return FetchResult(
                url,
                "refused",
                error_kind="content_type",
                status=status,
                final_url=chain.final_url,
                content_type=content_type,
                error=f"not a page: {content_type!r}",
            )
        return self._stored(url, chain, response, fetched_at, media_type, charset)

    def _attachment(
        self, url: str, chain: _Attempt, response: RawResponse, fetched_at: str, document: str | None
    ) -> FetchResult:
        """Store a 2xx attachment body as a Page when its bytes are a PDF/Word/OFD document, whatever
        the Content-Type said; anything else (a soft-404 page at a .pdf URL) is refused."""
        status = response.status
        content_type = response.headers.get("content-type")
        if document is None:
            return FetchResult(
                url,
                "refused",
                error_kind="content_type",
                status=status,
                final_url=chain.final_url,
                content_type=content_type,
                error=f"attachment is not a PDF/Word/OFD document: {_describe(content_type, response.body)}",
            )
        return self._stored(url, chain, response, fetched_at, cast(MediaType, document), None)

    def _stored(
        self,
        url: str,
        chain: _Attempt,
        response: RawResponse,
        fetched_at: str,
        media_type: MediaType,
        charset: str | None,
    ) -> FetchResult:
        """An accepted 2xx body as a Page (a page, or an attachment with no charset to declare)."""
        page = Page.from_bytes(
            response.body,
            url=chain.final_url,
            origin="crawl",
            media_type=media_type,
            fetched_at=fetched_at,
            source_id=self.source.id,
            encoding=charset,
        )
        return FetchResult(
            url,
            "ok",
            status=response.status,
            final_url=chain.final_url,
            body=response.body,
            page_id=page.page_id,
            media_type=media_type,
            content_type=response.headers.get("content-type"),
            page=page,  # stored with the attempt's record, in one transaction (_record)
        )

    # ---- one redirect chain -------------------------------------------------------------------
    def _follow(
        self, url: str, headers: dict[str, str], *, check_robots: bool, max_bytes: int | None = None
    ) -> _Attempt:
        """Request `url`, following redirects by hand; each hop passes the safety and robots checks."""
        current, seen, hops = url, {url}, 0
        status: int | None = None
        while True:
            reached = current if hops else None
            interval = self._admit(current, reached, status, check_robots=check_robots)
            if isinstance(interval, _Attempt):
                return interval
            response = self._send(current, headers, interval, max_bytes, status)
            if isinstance(response, _Attempt):
                return response
            status = response.status
            if status not in REDIRECT_STATUSES:
                return _Attempt(current, response, status=status)
            target = self._next_hop(current, response, seen, hops)
            if isinstance(target, _Attempt):
                return target
            hops += 1
            seen.add(target)
            current = target

    def _admit(
        self, current: str, reached: str | None, status: int | None, *, check_robots: bool
    ) -> float | _Attempt:
        """The pacing interval for a hop, or why it may not be requested.

        Safety first (scheme, allowed host, public address), then robots.txt and its Crawl-delay,
        so a refused hop is never requested.
        """
        refusal = check_url(current, self.source, self.ctx.resolver)
        if refusal is not None:
            outcome: Outcome = "refused" if refusal.kind in ERROR_KINDS_REFUSED else "error"
            return _Attempt(reached, None, outcome, refusal.kind, refusal.message, status)
        rules = self._robots(current) if check_robots else None
        if rules is not None and not rules.allows(ROBOTS_AGENT, current):
            return _Attempt(reached, None, "refused", "robots", f"robots.txt disallows {current}", status)
        delay = rules.crawl_delay if rules is not None and rules.crawl_delay else 0.0
        if delay > self.policy.max_crawl_delay:
            return _Attempt(
                reached,
                None,
                "refused",
                "crawl_delay",
                f"Crawl-delay {delay}s exceeds {self.policy.max_crawl_delay}s",
                status,
            )
        return max(self.policy.min_delay, delay) * self.policy.delay_scale

    def _send(
        self,
        current: str,
        headers: dict[str, str],
        interval: float,
        max_bytes: int | None,
        status: int | None,
    ) -> RawResponse | _Attempt:
        """One paced, bounded request; transport trouble becomes an _Attempt naming its kind."""
        host = (urlsplit(current).hostname or "").lower()
        breaker = self.ctx.breaker
        assert breaker is not None
        if breaker.is_open(host):
            return _Attempt(current, None, "refused", "host_unresponsive", breaker.reason(host), status)
        try:
            with self.ctx.throttle.slot(host, interval):
                left = self._deadline - time.monotonic()
                if left <= 0:
                    message = f"the URL's deadline of {self.policy.url_deadline:g}s passed"
                    return _Attempt(current, None, "error", "timeout", message, status)
                self.ctx.requests += 1
                response = read_response(
                    self.ctx.client,
                    current,
                    headers,
                    max_bytes=max_bytes or self.policy.max_body_bytes,
                    max_seconds=min(self.policy.max_request_seconds, left),
                    timeout=httpx.Timeout(
                        min(self.policy.read_timeout, left), connect=min(self.policy.connect_timeout, left)
                    ),
                )
        except (httpx.TimeoutException, RequestTooSlow) as exc:
            return _Attempt(current, None, "error", "timeout", _message(exc), status)
        except BodyTooLarge as exc:
            return _Attempt(current, None, "refused", "too_large", str(exc), status)
        except (UnsupportedEncoding, zlib.error, httpx.DecodingError) as exc:
            return _Attempt(current, None, "error", "encoding", _message(exc), status)
        except (httpx.ConnectError, httpx.NetworkError) as exc:
            return _Attempt(current, None, "error", "connect", _message(exc), status)
        except httpx.HTTPError as exc:
            return _Attempt(current, None, "error", "protocol", _message(exc), status)
        breaker.answered(host)
        return response

    def _next_hop(self, current: str, response: RawResponse, seen: set[str], hops: int) -> str | _Attempt:
        """Where a redirect points, or why the chain stops there (no Location, a loop, too many hops)."""
        status = response.status
        location = response.headers.get("location", "").strip()
        if not location:
            return _Attempt(current, None, "error", "bad_redirect", f"HTTP {status} without Location", status)
        target = urldefrag(urljoin(current, location))[0]
        if target in seen:
            return _Attempt(target, None, "error", "redirect_loop", f"redirect loop back to {target}", status)
        if hops + 1 > self.policy.max_redirects:
            return _Attempt(
                target,
                None,
                "error",
                "too_many_redirects",
                f"more than {self.policy.max_redirects} redirects",
                status,
            )
        return target

    def refusal(self, url: str) -> str | None:
        """Why `url` would be refused unsent (scheme, host, address, robots.txt, Crawl-delay), or
        None: what a dry run tells about a link without requesting it (robots.txt may be fetched)."""
        admitted = self._admit(url, None, None, check_robots=True)
        if isinstance(admitted, _Attempt):
            return f"{admitted.error_kind}: {admitted.error}"
        return None

    # ---- robots.txt ---------------------------------------------------------------------------
    def _robots(self, url: str) -> RobotsRules:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        rules = self.ctx.robots.get(origin)
        if rules is not None:
            return rules
        if not self.policy.obey_robots:
            rules = RobotsRules.unrestricted("robots.txt not consulted (policy)")
        else:
            rules = self._fetch_robots(origin + "/robots.txt")
        self.ctx.robots[origin] = rules
        return rules

    def _fetch_robots(self, robots_url: str) -> RobotsRules:
        started, fetched_at = time.monotonic(), utc_now()
        chain = self._follow(robots_url, {}, check_robots=False, max_bytes=MAX_ROBOTS_BYTES)
        response = chain.response
        if response is None:
            rules = RobotsRules.forbidden(f"robots.txt unavailable ({chain.error_kind}): host not crawled")
            outcome, kind, error, status = (
                chain.outcome or "error",
                chain.error_kind,
                chain.error,
                chain.status,
            )
        else:
            status = response.status
            if 200 <= status <= 299:
                rules = RobotsRules.parse(response.body.decode("utf-8", "replace"), ROBOTS_AGENT)
                outcome, kind, error = "ok", None, None
            elif 400 <= status <= 499:
                rules = RobotsRules.unrestricted(f"robots.txt HTTP {status}: no restrictions")
                outcome, kind, error = "error", "http_4xx", f"HTTP {status}"
            else:
                rules = RobotsRules.forbidden(f"robots.txt HTTP {status}: host not crawled")
                outcome, kind, error = "error", "http_5xx" if status >= 500 else "protocol", f"HTTP {status}"
        self._record(
            robots_url,
            1,
            "robots",
            0,
            started,
            fetched_at,
            outcome=outcome,
            error_kind=kind,
            error=error,
            status=status,
            final_url=chain.final_url,
            size=len(response.body) if response is not None else 0,
            headers=response.headers if response is not None else None,
        )
        return rules

    # ---- helpers ------------------------------------------------------------------------------
    def _conditional_state(self, url: str) -> FetchState | None:
        state = self.store.last_fetch(url)
        if state is None or state.page_id is None or not self.store.has_page(state.page_id):
            return None  # nothing to revalidate against: fetch the body
        if not (state.etag or state.last_modified):
            return None
        return state

    @staticmethod
    def _conditional_headers(state: FetchState | None) -> dict[str, str]:
        headers: dict[str, str] = {}
        if state is not None:
            if state.etag:
                headers["If-None-Match"] = state.etag
            if state.last_modified:
                headers["If-Modified-Since"] = state.last_modified
        return headers

    @staticmethod
    def _retryable(result: FetchResult) -> bool:
        if result.error_kind in ("timeout", "connect", "http_429"):
            return True
        return result.error_kind == "http_5xx" and result.status not in (501, 505)

    def _record(
        self,
        url: str,
        attempt: int,
        role: Role,
        depth: int,
        started: float,
        fetched_at: str,
        *,
        outcome: Outcome,
        error_kind: str | None = None,
        error: str | None = None,
        status: int | None = None,
        final_url: str | None = None,
        size: int = 0,
        page_id: str | None = None,
        headers: httpx.Headers | None = None,
        fallback: FetchState | None = None,
        page: Page | None = None,
    ) -> FetchRecord:
        """Build the attempt's row and store it, with `page` (its body) in the same transaction."""
        etag = headers.get("etag") if headers is not None else None
        last_modified = headers.get("last-modified") if headers is not None else None
        if fallback is not None:  # a 304 may omit validators: keep the ones it confirmed
            etag = etag or fallback.etag
            last_modified = last_modified or fallback.last_modified
        record = FetchRecord(
            fetch_id=uuid.uuid4().hex,
            run_id=self.ctx.run_id,
            source_id=self.source.id,
            url=url,
            final_url=final_url,
            status=status,
            outcome=outcome,
            error_kind=error_kind,
            error=error,
            bytes=size,
            elapsed_ms=int((time.monotonic() - started) * 1000),
            page_id=page_id,
            fetched_at=fetched_at,
            etag=etag,
            last_modified=last_modified,
            content_type=headers.get("content-type") if headers is not None else None,
            attempt=attempt,
            role=role,
            depth=depth,
            linked_from=self._linked_from if role != "robots" else None,
        )
        self._stored_new = self.store.add_fetch(record, page)
        return record


def _refused_by_status(
    url: str, chain: _Attempt, response: RawResponse, *, document: bool = False
) -> tuple[FetchResult, float | None] | None:
    """The result for an anti-bot challenge or a non-2xx status, or None for a usable 2xx.

    The challenge goes first: WAFs answer with 412/521 or with a 200 page that only sets a cookie.
    A body that is a document (`document`: an attachment's PDF/Word/OFD bytes) is not searched for
    challenge words: a compressed stream could spell a token by chance. A 429/5xx also returns the
    wait its Retry-After header asks for.
    """
    status = response.status
    content_type = response.headers.get("content-type")
    reason = challenge_reason(status, b"" if document else response.body)
    if reason is not None:
        return FetchResult(
            url,
            "challenge",
            error_kind="anti_bot",
            error=reason,
            status=status,
            final_url=chain.final_url,
            content_type=content_type,
        ), None
    if status == 429 or 500 <= status <= 599:
        kind = "http_429" if status == 429 else "http_5xx"
        failed = FetchResult(url, "error", kind, f"HTTP {status}", status, final_url=chain.final_url)
        return failed, _retry_after(response.headers.get("retry-after"))
    if 400 <= status <= 499:
        return FetchResult(
            url, "error", "http_4xx", f"HTTP {status}", status, final_url=chain.final_url
        ), None
    if not 200 <= status <= 299:
        failed = FetchResult(
            url, "error", "protocol", f"unexpected HTTP {status}", status, final_url=chain.final_url
        )
        return failed, None
    return None


def _media_type(content_type: str | None, body: bytes) -> tuple[MediaType | None, str | None]:
    """("html"|"text"|None, the charset declared in Content-Type, lower-cased, or None)."""
    mime, charset = "", None
    if content_type:
        parts = [p.strip() for p in content_type.split(";")]
        mime = parts[0].lower()
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip().strip("\"'"):
                charset = value.strip().strip("\"'").lower()
    if mime in HTML_TYPES:
        return "html", charset
    if mime == "text/plain":
        return "text", charset
    if not mime and body.lstrip()[:1] == b"<":
        return "html", charset
    return None, charset


def _describe(content_type: str | None, body: bytes) -> str:
    """What came back instead of a document, for a refusal message: its Content-Type and first bytes."""
    declared = content_type or "no Content-Type"
    head = body.lstrip()[:16]
    if not head:
        return f"{declared}, empty body"
    shown = head.decode("utf-8", "replace") if head.isascii() else head.hex(" ")
    return f"{declared}, starts with {shown!r}"


def _retry_after(value: str | None) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _message(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
