"""The crawler against a real HTTP server on 127.0.0.1 serving a fake government site (tests/crawl_site)."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from hashlib import sha256

import pytest
from crawl_site.server import FakeSite, serve_site
from crawl_site.site import encode_body

from pipelines.crawl import (
    USER_AGENT,
    CrawlPolicy,
    MemoryStore,
    Source,
    crawl_source,
    crawl_sources,
)

REPORT_PAGES = {
    "/fzzfjs/202012/t20201204_1001.html",  # UTF-8 TRS page
    "/fzzfjs/202008/t20200820_1002.html",  # served gzip-compressed
    "/fzzfjs/202003/t20200327_1003.html",  # GBK legacy page, Last-Modified only
    "/fzzfjs/202103/t20210301_1004.html",  # 503 twice, then 200
    "/fzzfjs/report.txt",  # text/plain
    "/art/2017/2/9/art_4521_30001.html",  # Hanweb record inside a <script>
    "/art/2016/3/1/art_4521_29001.html",  # on the Hanweb column's page 2 (?pageNum=2)
    "/fzzfjs/201801/t20180110_900.html",  # linked from a report page (depth 2)
}
LISTINGS = {
    "/fzzfjs/index.html",
    "/fzzfjs/index_1.html",  # announced by createPageHTML(3, ...)
    "/fzzfjs/index_2.html",
    "/col/col4521/index.html",
    "/col/col4521/index.html?uid=1&pageNum=2",
}
ATTACHMENTS = {  # fetched after the report pages, role "attachment"; path -> (media_type, linked from)
    "/fzzfjs/P020210301123456.pdf": ("pdf", "/fzzfjs/index.html"),  # application/octet-stream
    "/fzzfjs/202012/P020201204.docx": ("docx", "/fzzfjs/202012/t20201204_1001.html"),
    "/fzzfjs/202012/P020201204.ofd": ("ofd", "/fzzfjs/202012/t20201204_1001.html"),  # no ETag
}
NEVER_REQUESTED = {
    "/fzzfjs/202012/t20201201_999.html",  # news item: not a report link
    "/fzzfjs/202012/t20201130_998.html",  # news item linked from a report
    "/private/draft.html",  # robots.txt Disallow
    "/fzzfjs/201701/t20170105_800.html",  # depth 3 > max_depth
    "/fzzfjs/W020210301.xls",  # not an attachment type we keep
}


class RecordingSleep:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def make_policy(**changes: object) -> CrawlPolicy:
    policy = CrawlPolicy(
        delay_scale=0.01,
        connect_timeout=0.5,
        read_timeout=0.2,
        max_request_seconds=2.0,
        max_body_bytes=1_000_000,
        max_retries=2,
        backoff_base=0.5,
        rng=random.Random(7),
    )
    return dataclasses.replace(policy, **changes)


@pytest.fixture
def site() -> FakeSite:
    with serve_site() as fake:
        yield fake


def fake_source(site: FakeSite, **changes: object) -> Source:
    source = Source(
        id="fake-gov",
        region_code="320404",
        listing_urls=(site.url("/fzzfjs/index.html"), site.url("/col/col4521/index.html")),
        allowed_hosts=("127.0.0.1",),
        local=True,
    )
    return dataclasses.replace(source, **changes)


def rel(site: FakeSite, url: str | None) -> str | None:
    return url.removeprefix(site.base) if url else url


def by_outcome(
    site: FakeSite, store: MemoryStore, role: str = "page"
) -> dict[str, set[tuple[str, str | None]]]:
    """outcome -> {(path, error_kind)} of the final attempt for each URL."""
    last = {}
    for record in store.fetches:
        if record.role == role:
            last[record.url] = record
    out: dict[str, set[tuple[str, str | None]]] = {}
    for url, record in last.items():
        out.setdefault(record.outcome, set()).add((rel(site, url), record.error_kind))
    return out


def test_first_crawl_fetches_reports_and_refuses_the_rest(site: FakeSite) -> None:
    store = MemoryStore()
    report = crawl_source(fake_source(site), store, policy=make_policy())

    outcomes = by_outcome(site, store)
    assert {path for path, _ in outcomes["ok"]} == REPORT_PAGES
    assert outcomes["refused"] == {
        ("/private/draft.html", "robots"),
        ("/fzzfjs/moved.html", "foreign_host"),
        ("http://www.foreign.gov.cn/fzzf/report.html", "foreign_host"),
        ("ftp://127.0.0.1/fzzf/report.html", "scheme"),
        ("/fzzfjs/big.html", "too_large"),
        ("/fzzfjs/bomb.html", "too_large"),
    }
    assert outcomes["error"] == {
        ("/fzzfjs/slow.html", "timeout"),
        ("/fzzfjs/loop_a.html", "redirect_loop"),
        ("/fzzfjs/missing.html", "http_4xx"),
    }
    assert outcomes["challenge"] == {
        ("/fzzfjs/challenge.html", "anti_bot"),
        ("/fzzfjs/captcha.html", "anti_bot"),
    }
    assert {path for path, _ in by_outcome(site, store, "listing")["ok"]} == LISTINGS
    assert by_outcome(site, store, "attachment") == {"ok": {(path, None) for path in ATTACHMENTS}}

    requested = set(site.paths())
    assert not requested & NEVER_REQUESTED
    assert site.paths().count("/robots.txt") == 1
    assert all(r.headers.get("user-agent") == USER_AGENT for r in site.log)

    assert report.fetched == len(REPORT_PAGES) + len(LISTINGS) + len(ATTACHMENTS)
    assert report.attachments_fetched == len(ATTACHMENTS)
    assert report.new_pages == len(store.pages) == len(REPORT_PAGES) + len(LISTINGS) + len(ATTACHMENTS)
    assert report.refused == Counter({"foreign_host": 2, "robots": 1, "scheme": 1, "too_large": 2})
    assert report.errors == Counter({"timeout": 1, "redirect_loop": 1, "http_4xx": 1})
    assert report.challenges == 2
    assert {rel(site, a.url): a.text for a in report.attachments} == {
        "/fzzfjs/P020210301123456.pdf": "钟楼区2021年法治政府建设年度报告.pdf",
        "/fzzfjs/202012/P020201204.docx": "2018年依法行政工作情况汇报.docx",
        "/fzzfjs/202012/P020201204.ofd": "版式文件",
    }  # the listing's "表格下载" .xls is neither a report nor an attachment type we keep
    assert {rel(site, u) for u in report.report_urls} >= REPORT_PAGES | {"/private/draft.html"}
    assert "/fzzfjs/index.html" not in {rel(site, u) for u in report.report_urls}


def test_pages_are_stored_exactly_as_served(site: FakeSite) -> None:
    store = MemoryStore()
    crawl_source(fake_source(site), store, policy=make_policy())
    by_url = {rel(site, page.url): page for page in store.pages.values()}

    for path in REPORT_PAGES:
        page = by_url[path]
        assert page.body == site.routes[path].body  # gzip removed, bytes otherwise untouched
        assert page.page_id == sha256(page.body).hexdigest()
        assert (page.origin, page.source_id) == ("crawl", "fake-gov")
    gzipped = "/fzzfjs/202008/t20200820_1002.html"
    assert encode_body(site.routes[gzipped]) != by_url[gzipped].body
    gbk = by_url["/fzzfjs/202003/t20200327_1003.html"]
    assert (gbk.media_type, gbk.encoding) == ("html", "gbk")
    assert "旅顺口区法治政府建设" in gbk.body.decode("gb18030")
    assert (by_url["/fzzfjs/report.txt"].media_type, by_url["/fzzfjs/report.txt"].encoding) == (
        "text",
        "utf-8",
    )
    assert by_url["/art/2017/2/9/art_4521_30001.html"].encoding == "utf-8"
    # anti-bot answers and refused bodies are never pages
    stored_paths = set(by_url)
    for path, (media_type, linked_from) in ATTACHMENTS.items():
        page = by_url[path]
        assert page.body == site.routes[path].body and page.media_type == media_type
        (record,) = [f for f in store.fetches if f.url == site.url(path)]
        assert (record.role, rel(site, record.linked_from), record.page_id) == (
            "attachment",
            linked_from,
            page.page_id,
        )
    assert {f.linked_from for f in store.fetches if f.role in ("robots", "listing")} == {None}
    assert not stored_paths & {
        "/fzzfjs/challenge.html",
        "/fzzfjs/captcha.html",
        "/fzzfjs/big.html",
        "/fzzfjs/bomb.html",
    }


def test_every_attempt_is_logged_with_retries_and_backoff(site: FakeSite) -> None:
    store = MemoryStore()
    sleep = RecordingSleep()
    crawl_source(fake_source(site), store, policy=make_policy(sleep=sleep, retry_after_max=5.0))

    def attempts(path: str) -> list[tuple[int, str, int | None]]:
        return [(f.attempt, f.outcome, f.status) for f in store.fetches if f.url == site.url(path)]

    assert attempts("/fzzfjs/202103/t20210301_1004.html") == [
        (1, "error", 503),
        (2, "error", 503),
        (3, "ok", 200),
    ]
    assert attempts("/fzzfjs/slow.html") == [(1, "error", None), (2, "error", None), (3, "error", None)]
    assert attempts("/fzzfjs/missing.html") == [(1, "error", 404)]  # no retry on 4xx
    assert attempts("/fzzfjs/challenge.html") == [(1, "challenge", 412)]  # no retry, no bypass
    assert site.paths().count("/fzzfjs/202103/t20210301_1004.html") == 3
    # Retry-After: 1 was honoured (scaled by delay_scale) before each retry of the flaky page
    assert sleep.calls.count(1 * 0.01) >= 2
    # the robots.txt row is logged too, and every row is complete
    robots = [f for f in store.fetches if f.role == "robots"]
    assert [(rel(site, f.url), f.outcome, f.status) for f in robots] == [("/robots.txt", "ok", 200)]
    assert len({f.fetch_id for f in store.fetches}) == len(store.fetches)
    assert {f.run_id for f in store.fetches} == {store.fetches[0].run_id}
    ok = [f for f in store.fetches if f.outcome == "ok" and f.role != "robots"]
    assert all(f.page_id in store.pages and f.bytes == len(store.pages[f.page_id].body) for f in ok)


def test_redirects_are_checked_hop_by_hop(site: FakeSite) -> None:
    store = MemoryStore()
    crawl_source(fake_source(site), store, policy=make_policy())
    moved = next(f for f in store.fetches if f.url == site.url("/fzzfjs/moved.html"))
    assert (moved.outcome, moved.error_kind, moved.status) == ("refused", "foreign_host", 302)
    assert moved.final_url == f"http://localhost:{site.port}/fzzfjs/202012/t20201204_1001.html"
    assert not [r for r in site.log if r.headers.get("host", "").startswith("localhost")]
    loop = next(f for f in store.fetches if f.url == site.url("/fzzfjs/loop_a.html"))
    assert (loop.outcome, loop.error_kind) == ("error", "redirect_loop")
    assert site.paths().count("/fzzfjs/loop_a.html") == 1 and site.paths().count("/fzzfjs/loop_b.html") == 1


def test_second_crawl_fetches_nothing_new(site: FakeSite) -> None:
    store = MemoryStore()
    crawl_source(fake_source(site), store, policy=make_policy())
    pages_before = dict(store.pages)
    site.clear_log()
    rows_before = len(store.fetches)

    report = crawl_source(fake_source(site), store, policy=make_policy())

    assert store.pages == pages_before
    assert (report.fetched, report.new_pages) == (0, 0)
    assert report.not_modified == len(LISTINGS)  # listings are always revalidated, and answer 304
    # report pages and attachments fetched minutes ago are not requested
    assert report.skipped_fresh == len(REPORT_PAGES) + len(ATTACHMENTS)
    assert not set(site.paths()) & (REPORT_PAGES | set(ATTACHMENTS))
    second_run = store.fetches[rows_before:]
    assert not [f for f in second_run if f.outcome == "ok" and f.role != "robots"]
    assert all(r.headers.get("if-none-match") for r in site.log if r.path in LISTINGS)
    # links are still discovered from the stored bodies, so nothing is lost
    assert {rel(site, u) for u in report.report_urls} >= REPORT_PAGES


def test_stale_pages_are_revalidated_with_conditional_get(site: FakeSite) -> None:
    store = MemoryStore()
    crawl_source(fake_source(site), store, policy=make_policy())
    site.clear_log()

    report = crawl_source(fake_source(site), store, policy=make_policy(revisit_after=None))

    assert report.fetched == 0 and report.new_pages == 0
    assert report.not_modified == len(REPORT_PAGES) + len(LISTINGS) + len(ATTACHMENTS)
    requests = {r.path: r.headers for r in site.log}
    assert "if-none-match" not in requests["/fzzfjs/202012/P020201204.ofd"]  # no ETag: by date
    assert requests["/fzzfjs/202012/P020201204.ofd"]["if-modified-since"] == "Wed, 01 Mar 2023 08:00:00 GMT"
    assert requests["/fzzfjs/202012/t20201204_1001.html"]["if-none-match"].startswith('"')
    gbk = requests["/fzzfjs/202003/t20200327_1003.html"]  # no ETag: revalidated by date
    assert "if-none-match" not in gbk and gbk["if-modified-since"] == "Wed, 01 Mar 2023 08:00:00 GMT"
    not_modified = [f for f in store.fetches if f.outcome == "not_modified"]
    assert all(f.page_id in store.pages and f.status == 304 for f in not_modified)


def test_a_changed_page_is_a_new_version_and_the_old_one_is_kept(site: FakeSite) -> None:
    path = "/fzzfjs/202012/t20201204_1001.html"
    store = MemoryStore()
    crawl_source(fake_source(site), store, policy=make_policy())
    old_id = sha256(site.routes[path].body).hexdigest()
    site.routes[path].body = site.routes[path].body.replace(b"</body>", "<p>（更正）</p></body>".encode())

    report = crawl_source(fake_source(site), store, policy=make_policy(revisit_after=None))

    versions = {p.page_id for p in store.pages.values() if p.url == site.url(path)}
    assert versions == {old_id, sha256(site.routes[path].body).hexdigest()}
    assert report.new_pages == 1 and report.fetched == 1
    assert store.last_fetch(site.url(path)).page_id != old_id


def test_an_interrupted_crawl_resumes_without_refetching_or_duplicating(site: FakeSite) -> None:
    full = MemoryStore()
    crawl_source(fake_source(site), full, policy=make_policy())
    site.clear_log()

    store = MemoryStore()
    first = crawl_source(
        fake_source(site), store, policy=make_policy(max_pages=9)
    )  # "interrupted" by the budget
    assert first.refused["budget"] > 0
    assert next(f for f in store.fetches if f.error_kind == "budget").status is None
    fetched_first = {rel(site, f.url) for f in store.fetches if f.outcome == "ok" and f.role == "page"}
    site.clear_log()

    crawl_source(fake_source(site), store, policy=make_policy())

    assert set(store.pages) == set(full.pages)
    assert not set(site.paths()) & fetched_first  # what the first run got is not requested again
    ok_rows = Counter(f.url for f in store.fetches if f.outcome == "ok" and f.role == "page")
    assert set(ok_rows.values()) == {1}


def test_page_budget_counts_urls_not_retries(site: FakeSite) -> None:
    store = MemoryStore()
    report = crawl_source(fake_source(site, max_pages=3), store, policy=make_policy())
    requested_urls = {f.url for f in store.fetches if f.status is not None and f.role != "robots"}
    assert len(requested_urls) == 3
    assert report.refused["budget"] >= 1


def test_private_addresses_are_refused_unless_the_source_is_local(site: FakeSite) -> None:
    store = MemoryStore()
    report = crawl_source(fake_source(site, local=False), store, policy=make_policy())
    assert report.refused == Counter({"private_address": 2})
    assert report.fetched == 0 and not store.pages
    assert site.log == []  # not even robots.txt


def test_crawl_sources_picks_enabled_sources_and_shares_one_run(site: FakeSite) -> None:
    enabled = fake_source(site, id="a", listing_urls=(site.url("/col/col4521/index.html"),))
    disabled = fake_source(site, id="b", enabled=False)
    store = MemoryStore()
    reports = crawl_sources([enabled, disabled], store, make_policy())
    assert [r.source_id for r in reports] == ["a"]
    assert reports[0].fetched == 4

    only_b = crawl_sources([enabled, disabled], store, make_policy(), source_id="b")
    assert [r.source_id for r in only_b] == ["b"]
    assert len({f.run_id for f in store.fetches if f.source_id == "b"}) == 1
    with pytest.raises(KeyError):
        crawl_sources([enabled], store, make_policy(), source_id="nope")


def test_robots_rules_and_crawl_delay_are_applied(site: FakeSite) -> None:
    sleep = RecordingSleep()
    report = crawl_source(fake_source(site), MemoryStore(), policy=make_policy(sleep=sleep, min_delay=0.0))
    assert report.crawl_delays == {site.base: 0.5}
    assert report.robots == {site.base: "robots.txt"}
    assert "/private/draft.html" not in site.paths()
    # a site asking for a longer Crawl-delay than the policy accepts is not crawled at all
    store = MemoryStore()
    refused = crawl_source(fake_source(site), store, policy=make_policy(max_crawl_delay=0.1))
    assert refused.refused == Counter({"crawl_delay": 2}) and not store.pages
