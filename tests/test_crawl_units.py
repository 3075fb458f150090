"""Pure pieces of the crawler, table-driven: registry, URL safety, challenges, discovery, HTTP limits."""

from __future__ import annotations

import csv
import gzip
import zlib
from pathlib import Path

import httpx
import pytest

from pipelines.crawl import MemoryStore, Source, load_sources, parse_source
from pipelines.crawl.challenge import challenge_reason
from pipelines.crawl.discover import Link, classify, is_sibling_page, parse_page
from pipelines.crawl.fetcher import _media_type, _retry_after
from pipelines.crawl.http import BodyTooLarge, UnsupportedEncoding, read_response
from pipelines.crawl.robots import HostThrottle, crawl_delay_for
from pipelines.crawl.safety import check_url
from pipelines.paths import SEEDS_DIR
from pipelines.records import FetchRecord, Page

# ---- registry ---------------------------------------------------------------------------------


def test_bundled_registry_is_valid_and_covers_the_sample_governments() -> None:
    sources = {s.id: s for s in load_sources()}
    hosts = {h for s in sources.values() for h in s.allowed_hosts}
    assert {
        "www.zhonglou.gov.cn",
        "www.yc.gov.cn",
        "www.ncdh.gov.cn",
        "www.dllsk.gov.cn",
        "www.zs.gov.cn",
    } <= hosts
    regions = {row["code"] for row in csv.DictReader((SEEDS_DIR / "regions.csv").open(encoding="utf-8"))}
    towns = {row["code"] for row in csv.DictReader((SEEDS_DIR / "towns.csv").open(encoding="utf-8"))}
    for source in sources.values():
        assert source.enabled and not source.local
        assert source.region_code in regions | towns
        assert "unverified" in source.note
        assert not source.verified and not source.scheduled  # no URL of them was ever checked


ROW = {
    "id": "x",
    "region_code": "320404",
    "listing_urls": "https://www.x.gov.cn/a/ ; https://www.x.gov.cn/b/index.html",
    "allowed_hosts": "",
    "link_rules": "",
    "max_pages": "10",
    "enabled": "true",
    "local": "",
}


def test_parse_source_defaults_allowed_hosts_to_listing_hosts() -> None:
    source = parse_source(ROW)
    assert source.listing_urls == ("https://www.x.gov.cn/a/", "https://www.x.gov.cn/b/index.html")
    assert source.allowed_hosts == ("www.x.gov.cn",)
    assert (source.max_pages, source.enabled, source.local) == (10, True, False)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": ""}, "id"),
        ({"listing_urls": ""}, "listing_urls"),
        ({"listing_urls": "ftp://www.x.gov.cn/"}, "http"),
        ({"allowed_hosts": "www.y.gov.cn"}, "allowed_hosts"),
        ({"region_code": "3204"}, "region_code"),
        ({"link_rules": "年度报告("}, "link rule"),
        ({"max_pages": "many"}, "max_pages"),
        ({"enabled": "maybe"}, "enabled"),
        ({"verified": "checked"}, "verified"),
    ],
)
def test_parse_source_rejects_bad_rows(change: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_source({**ROW, **change})


def _registry(path: Path, *rows: dict[str, str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=sorted({k for r in rows for k in r}))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_region_code_that_names_no_division_is_refused_with_its_row(tmp_path: Path) -> None:
    path = _registry(tmp_path / "sources.csv", ROW, {**ROW, "id": "typo", "region_code": "999999"})
    with pytest.raises(
        ValueError, match=r"sources\.csv:3 \(typo\): region_code 999999 is not a known division"
    ):
        load_sources(path)


def test_only_enabled_and_verified_sources_are_scheduled(tmp_path: Path) -> None:
    rows = [
        {**ROW, "id": "checked", "verified": "true"},
        {**ROW, "id": "unchecked", "verified": "false"},
        {**ROW, "id": "off", "verified": "true", "enabled": "false"},
        {**ROW, "id": "blank", "verified": ""},
    ]
    sources = load_sources(_registry(tmp_path / "sources.csv", *rows))
    assert [s.id for s in sources if s.scheduled] == ["checked"]


def test_load_sources_rejects_duplicate_ids(tmp_path: Path) -> None:
    path = tmp_path / "sources.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ROW))
        writer.writeheader()
        writer.writerows([ROW, ROW])
    with pytest.raises(ValueError, match="duplicate"):
        load_sources(path)


# ---- URL safety -------------------------------------------------------------------------------

PUBLIC = Source(id="s", listing_urls=("https://www.x.gov.cn/",), allowed_hosts=("www.x.gov.cn", "*.y.gov.cn"))


def resolver_to(*addresses: str):
    return lambda host: list(addresses)


@pytest.mark.parametrize(
    ("url", "addresses", "kind"),
    [
        ("https://www.x.gov.cn/a.html", ("202.102.1.1",), None),
        ("https://fzb.y.gov.cn/a.html", ("202.102.1.1",), None),
        ("https://y.gov.cn/a.html", ("202.102.1.1",), None),
        ("https://evil-y.gov.cn/a.html", ("202.102.1.1",), "foreign_host"),
        ("https://www.x.gov.cn.evil.com/", ("202.102.1.1",), "foreign_host"),
        ("file:///etc/passwd", (), "scheme"),
        ("javascript:alert(1)", (), "scheme"),
        ("https://user:pw@www.x.gov.cn/", ("202.102.1.1",), "scheme"),
        ("https://www.x.gov.cn/", ("127.0.0.1",), "private_address"),
        ("https://www.x.gov.cn/", ("202.102.1.1", "10.1.2.3"), "private_address"),
        ("https://www.x.gov.cn/", ("169.254.169.254",), "private_address"),
        ("https://www.x.gov.cn/", ("::1",), "private_address"),
        ("https://www.x.gov.cn/", ("::ffff:192.168.1.1",), "private_address"),
        ("https://www.x.gov.cn/", ("100.64.0.7",), "private_address"),
        ("https://www.x.gov.cn/", (), "dns"),
    ],
)
def test_check_url(url: str, addresses: tuple[str, ...], kind: str | None) -> None:
    refusal = check_url(url, PUBLIC, resolver_to(*addresses))
    assert (refusal.kind if refusal else None) == kind


def test_local_sources_may_use_loopback_but_not_other_hosts() -> None:
    local = Source(id="t", listing_urls=("http://127.0.0.1:8000/",), local=True)
    assert check_url("http://127.0.0.1:8000/x", local, resolver_to("127.0.0.1")) is None
    assert check_url("http://localhost:8000/x", local, resolver_to("127.0.0.1")).kind == "foreign_host"
    # origins, not host names (issue 16 item 7): another port of the same host is another site
    assert check_url("http://127.0.0.1:9999/x", local, resolver_to("127.0.0.1")).kind == "foreign_host"


# ---- anti-bot answers -------------------------------------------------------------------------

REPORT_TEXT = "<p>" + "二、推进严格规范公正文明执法。全年办理行政复议案件34件。" * 40 + "</p>"


@pytest.mark.parametrize(
    ("status", "body", "is_challenge"),
    [
        (412, b"<html><script>x</script></html>", True),
        (521, b"", True),
        (200, b'<script>document.cookie="__jsl_clearance=1;path=/";location.reload()</script>', True),
        (200, b"<html><script>var x=1;document.cookie='acw_sc__v2='+x;</script></html>", True),
        (200, "<html><body>请输入验证码后继续访问</body></html>".encode(), True),
        (200, "<html><body>安全验证</body></html>".encode("gbk"), True),
        (200, b"<html><head><script>document.cookie='a=1';location.href='/x'</script></head></html>", True),
        (200, f"<html><body>{REPORT_TEXT}<form>留言 验证码<input></form></body></html>".encode(), False),
        (200, f"<html><body>{REPORT_TEXT}</body></html>".encode(), False),
        (404, b"<html><body>Not Found</body></html>", False),
    ],
)
def test_challenge_reason(status: int, body: bytes, is_challenge: bool) -> None:
    assert (challenge_reason(status, body) is not None) == is_challenge


# ---- discovery --------------------------------------------------------------------------------


def test_trs_create_page_html_announces_numbered_pages() -> None:
    html = b'<html><script>createPageHTML(4, 0, "index", "shtml");</script></html>'
    found = parse_page(html, "https://www.x.gov.cn/fzzf/index.shtml")
    assert found.pagination == [
        "https://www.x.gov.cn/fzzf/index_1.shtml",
        "https://www.x.gov.cn/fzzf/index_2.shtml",
        "https://www.x.gov.cn/fzzf/index_3.shtml",
    ]
    newer = b"<script>createPageHTML('page_div',2, 1,'index','html',38);</script>"
    assert parse_page(newer, "https://www.x.gov.cn/c/index_1.html").pagination == [
        "https://www.x.gov.cn/c/index.html"
    ]


@pytest.mark.parametrize(
    ("url", "listing", "sibling"),
    [
        ("https://x.gov.cn/c/index_2.html", "https://x.gov.cn/c/index.html", True),
        ("https://x.gov.cn/c/index_2.html", "https://x.gov.cn/c/", True),
        ("https://x.gov.cn/c/list_3.htm", "https://x.gov.cn/c/list.htm", True),
        ("https://x.gov.cn/c/list.jsp?page=2", "https://x.gov.cn/c/list.jsp", True),
        ("https://x.gov.cn/c/list.jsp?cat=5&pageNo=3", "https://x.gov.cn/c/list.jsp?cat=5", True),
        ("https://x.gov.cn/c/t20200327_1003.html", "https://x.gov.cn/c/index.html", False),
        ("https://x.gov.cn/d/index_2.html", "https://x.gov.cn/c/index.html", False),
        ("https://y.gov.cn/c/index_2.html", "https://x.gov.cn/c/index.html", False),
        ("https://x.gov.cn/c/list.jsp?id=7", "https://x.gov.cn/c/list.jsp", False),
    ],
)
def test_is_sibling_page(url: str, listing: str, sibling: bool) -> None:
    assert is_sibling_page(url, listing) == sibling


@pytest.mark.parametrize(
    ("url", "text", "kind"),
    [
        ("https://x.gov.cn/t1.html", "某区人民政府关于2022年度法治政府建设情况的报告", "report"),
        ("https://x.gov.cn/t2.html", "2018年依法行政工作情况汇报", "report"),
        ("https://x.gov.cn/t3.html", "某街道2016年工作总结及2017年工作计划", "report"),
        ("https://x.gov.cn/t4.html", "法 治 政 府 建 设", "report"),
        ("https://x.gov.cn/t5.html", "区领导调研安全生产工作", "other"),
        ("https://x.gov.cn/P0201.PDF", "附件1", "attachment"),
        ("https://x.gov.cn/a.wps?t=1", "报告", "attachment"),
        ("https://x.gov.cn/a.ofd", "", "attachment"),
        ("https://x.gov.cn/sqjd/t6.html", "石岐街道开展普法宣传", "other"),
    ],
)
def test_classify(url: str, text: str, kind: str) -> None:
    assert classify(Link(url, text), []) == kind


def test_source_link_rules_add_report_links() -> None:
    import re

    assert (
        classify(Link("https://x.gov.cn/sqjd/t6.html", "石岐街道开展普法宣传"), [re.compile("石岐")])
        == "report"
    )
    assert classify(Link("https://x.gov.cn/fzzf/t7.html", "通知"), [re.compile(r"/fzzf/")]) == "report"


def test_parse_page_reads_script_records_titles_base_and_gbk() -> None:
    html = """<html><head><meta charset="gbk"><base href="https://www.x.gov.cn/col/"></head><body>
    <a href="art_1.html" title="2021年法治政府建设年度报告（全文）">2021年法治政府建设年…</a>
    <a href="#top">顶部</a><a href="javascript:void(0)">打印</a>
    <script type="text/xml"><record><![CDATA[<li><a href="/art/2/art_2.html" title="依法行政工作总结">依法行政</a></li>]]></record></script>
    </body></html>""".encode("gbk")
    links = parse_page(html, "https://www.x.gov.cn/other/page.html").links
    assert [(link.url, link.text) for link in links] == [
        ("https://www.x.gov.cn/col/art_1.html", "2021年法治政府建设年度报告（全文）"),
        ("https://www.x.gov.cn/art/2/art_2.html", "依法行政工作总结"),
    ]


# ---- HTTP details ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("text/html; charset=GBK", b"<html>", ("html", "gbk")),
        ('text/html; charset="utf-8"', b"<html>", ("html", "utf-8")),
        ("text/html", b"<html>", ("html", None)),
        ("text/plain;charset=gb2312", b"x", ("text", "gb2312")),
        (None, b"  <!DOCTYPE html>", ("html", None)),
        ("application/pdf", b"%PDF", (None, None)),
    ],
)
def test_media_type(content_type: str | None, body: bytes, expected: tuple[str | None, str | None]) -> None:
    assert _media_type(content_type, body) == expected


def test_retry_after() -> None:
    assert _retry_after("120") == 120.0
    assert _retry_after("Wed, 01 Mar 2000 08:00:00 GMT") == 0.0  # in the past: no wait
    assert _retry_after("soon") is None and _retry_after(None) is None


def _client(body: bytes, headers: dict[str, str]) -> httpx.Client:
    return httpx.Client(
        transport=httpx.MockTransport(
            lambda request: httpx.Response(200, headers=headers, stream=httpx.ByteStream(body))
        )
    )


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (gzip.compress("法治政府".encode() * 100), "gzip"),
        (zlib.compress("法治政府".encode() * 100), "deflate"),
        (zlib.compress("法治政府".encode() * 100)[2:-4], "deflate"),  # raw deflate, as some servers send
    ],
)
def test_compressed_bodies_are_decoded(encoded: bytes, encoding: str) -> None:
    with _client(encoded, {"Content-Encoding": encoding}) as client:
        response = read_response(client, "http://x.gov.cn/", {}, max_bytes=10_000, max_seconds=5)
    assert response.body == "法治政府".encode() * 100


def test_decompression_bombs_and_big_bodies_are_cut() -> None:
    bomb = gzip.compress(b"\0" * 50_000_000)
    assert len(bomb) < 100_000
    with _client(bomb, {"Content-Encoding": "gzip"}) as client, pytest.raises(BodyTooLarge):
        read_response(client, "http://x.gov.cn/", {}, max_bytes=1_000_000, max_seconds=5)
    with _client(b"x" * 2_000, {}) as client, pytest.raises(BodyTooLarge):
        read_response(client, "http://x.gov.cn/", {}, max_bytes=1_000, max_seconds=5)
    with _client(b"x", {"Content-Encoding": "br"}) as client, pytest.raises(UnsupportedEncoding):
        read_response(client, "http://x.gov.cn/", {}, max_bytes=1_000, max_seconds=5)


# ---- robots.txt and pacing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "delay"),
    [
        ("User-agent: *\nCrawl-delay: 5\n", 5.0),
        ("User-agent: *\nDisallow: /a\nCrawl-delay: 0.5\n", 0.5),
        ("User-agent: fazhi\nCrawl-delay: 2\n\nUser-agent: *\nCrawl-delay: 10\n", 2.0),
        ("User-agent: Baiduspider\nCrawl-delay: 2\n\nUser-agent: *\nDisallow:\n", None),
        ("User-agent: *\nDisallow: /private/\n", None),
    ],
)
def test_crawl_delay_for(text: str, delay: float | None) -> None:
    assert crawl_delay_for(text, "fazhi") == delay


def test_host_throttle_spaces_requests_per_host() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    throttle = HostThrottle(sleep=sleep, clock=lambda: now[0])
    with throttle.slot("a.gov.cn", 2.0):
        now[0] += 0.5
    with throttle.slot("b.gov.cn", 2.0):  # another host: no wait
        pass
    with throttle.slot("a.gov.cn", 2.0):
        pass
    assert slept == [2.0]
    now[0] += 5
    with throttle.slot("a.gov.cn", 2.0):  # long enough since the last request
        pass
    assert slept == [2.0]


# ---- the in-memory store ----------------------------------------------------------------------


def _fetch(url: str, outcome: str, page_id: str | None, etag: str | None) -> FetchRecord:
    return FetchRecord(
        fetch_id=f"{url}-{outcome}", run_id="r", source_id="s", url=url, final_url=url, status=200,
        outcome=outcome, error_kind=None, error=None, bytes=0, elapsed_ms=1, page_id=page_id,
        fetched_at="2024-03-01T00:00:00+00:00", etag=etag, last_modified=None, content_type=None, attempt=1,
    )  # fmt: skip


def test_memory_store_keeps_each_body_once_and_the_last_good_fetch() -> None:
    store = MemoryStore()
    page = Page.from_bytes(b"<html>1</html>", url="u", origin="crawl", media_type="html", fetched_at="t")
    assert store.add_page(page) is True and store.add_page(page) is False
    assert store.has_page(page.page_id) and store.page_body(page.page_id) == page.body
    store.add_fetch(_fetch("u", "ok", page.page_id, '"e1"'))
    store.add_fetch(_fetch("u", "error", None, None))
    assert store.last_fetch("u").etag == '"e1"'
    assert store.last_fetch("v") is None
    assert len(store.fetches) == 2
