"""The crawler downloads the attachments of report pages (PDF/Word/OFD files), against a real HTTP
server on 127.0.0.1: judged by their bytes, capped by max_attachment_bytes, fetched once per run with
the page that linked them, revalidated with a conditional GET, never by a dry run."""

from __future__ import annotations

import dataclasses
import html
import random
from collections import Counter
from collections.abc import Iterator
from functools import partial
from hashlib import sha256
from pathlib import Path

import duckdb
import pytest
from crawl_site.documents import doc_bytes, docx_bytes, pdf_bytes
from crawl_site.server import FakeSite, serve_site
from crawl_site.site import Route

from pipelines.crawl import CrawlPolicy, CrawlReport, MemoryStore, Source, crawl_source
from pipelines.records import FetchRecord

CAP = 50_000  # the test policy's max_attachment_bytes; pages keep max_body_bytes (1 MB here)
REPORT_PDF = pdf_bytes(["甲区2023年法治政府建设年度报告", "一、全年办理行政复议案件12件。"])
LISTING_PDF = pdf_bytes(["丙区2023年法治政府建设年度报告"])
HTML_TYPED_PDF = pdf_bytes(["甲区2023年法治政府建设工作总结"])
WPS_DOCX = docx_bytes(["甲区2023年依法行政工作计划"])
OLE_DOC = doc_bytes(6000)
HUGE_PDF = b"%PDF-1.4\n" + b"0" * (CAP + 1000)
SOFT_404 = b"<!DOCTYPE html><html><head><title>404</title></head><body>\xe9\xa1\xb5\xe9\x9d\xa2\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8</body></html>"

A = "/fzzfjs/2024/a.html"  # 甲区's report page: links every kind of attachment
B = "/fzzfjs/2024/b.html"  # 乙区's page: the same PDF again, and a redirect to a copy of it
LISTING = "/fzzfjs/index.html"
STORED = {  # attachment path -> (media_type, body, the page that linked it first, depth)
    "/files/report.pdf": ("pdf", REPORT_PDF, A, 2),  # application/octet-stream
    "/files/report.doc": ("doc", OLE_DOC, A, 2),  # application/msword, OLE bytes
    "/files/plan.wps": ("docx", WPS_DOCX, A, 2),  # a .wps that is a DOCX, octet-stream
    "/files/as_html.pdf": ("pdf", HTML_TYPED_PDF, A, 2),  # a PDF served as text/html
    "/files/listing.pdf": ("pdf", LISTING_PDF, LISTING, 1),  # report-looking link of the listing
    "/files/moved.pdf": ("pdf", REPORT_PDF, B, 2),  # 302 to /files/copy.pdf (the same bytes)
}
REFUSED = {
    "/files/missing.pdf": "content_type",  # a soft-404 HTML page at a .pdf URL
    "/files/huge.pdf": "too_large",  # Content-Length over the cap
    "/files/huge_stream.pdf": "too_large",  # no Content-Length: stopped while reading
    "/private/plan.pdf": "robots",
    "FOREIGN": "foreign_host",  # http://localhost:PORT/files/report.pdf
}


def _page(title: str, links: list[tuple[str, str]], padding: int = 0) -> bytes:
    anchors = "\n".join(f'<a href="{href}">{html.escape(text)}</a>' for href, text in links)
    filler = "<p>" + "法治政府建设工作稳步推进。" * padding + "</p>"
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<h1>{title}</h1><div class="TRS_Editor"><p>全文见附件。</p>{filler}</div>
<div class="fj">附件：{anchors}</div></body></html>""".encode()


def build_routes(port: int) -> dict[str, Route]:
    routes = [
        Route("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain"),
        Route(
            LISTING,
            _page(
                "法治政府建设",
                [
                    ("2024/a.html", "甲区2023年法治政府建设年度报告"),
                    ("2024/b.html", "乙区2023年法治政府建设年度报告"),
                    ("/files/listing.pdf", "丙区2023年法治政府建设年度报告.pdf"),
                    ("/files/form.doc", "报名表.doc"),  # on a listing, not report-looking: not taken
                ],
            ),
        ),
        Route(
            A,
            _page(
                "甲区2023年法治政府建设年度报告",
                [
                    ("/files/report.pdf", "甲区2023年法治政府建设年度报告.pdf"),
                    ("/files/report.doc", "甲区2023年法治政府建设年度报告.doc"),
                    ("/files/plan.wps", "工作计划.wps"),
                    ("/files/as_html.pdf", "工作总结.pdf"),
                    ("/files/missing.pdf", "已删除.pdf"),
                    ("/files/huge.pdf", "扫描件.pdf"),
                    ("/files/huge_stream.pdf", "扫描件（续）.pdf"),
                    ("/private/plan.pdf", "内部稿.pdf"),
                    (f"http://localhost:{port}/files/report.pdf", "镜像.pdf"),
                ],
                padding=6000,  # a page over the attachment cap: pages keep their own cap
            ),
        ),
        Route(
            B,
            _page(
                "乙区2023年法治政府建设年度报告",
                [("/files/report.pdf", "全文.pdf"), ("/files/moved.pdf", "全文（旧址）.pdf")],
            ),
        ),
        Route("/files/report.pdf", REPORT_PDF, "application/octet-stream"),
        Route("/files/copy.pdf", REPORT_PDF, "application/pdf"),
        Route("/files/moved.pdf", status=302, headers=(("Location", "/files/copy.pdf"),)),
        Route("/files/report.doc", OLE_DOC, "application/msword"),
        Route("/files/plan.wps", WPS_DOCX, "application/octet-stream"),
        Route("/files/as_html.pdf", HTML_TYPED_PDF, "text/html; charset=utf-8"),
        Route("/files/listing.pdf", LISTING_PDF, "application/pdf", etag=False),  # Last-Modified only
        Route("/files/form.doc", OLE_DOC, "application/msword"),
        Route("/files/missing.pdf", SOFT_404, "text/html; charset=utf-8"),
        Route("/files/huge.pdf", HUGE_PDF, "application/pdf"),
        Route("/files/huge_stream.pdf", HUGE_PDF, "application/pdf", send_length=False),
        Route("/private/plan.pdf", REPORT_PDF, "application/pdf"),
    ]
    return {route.path: route for route in routes}


@pytest.fixture
def site() -> Iterator[FakeSite]:
    with serve_site(routes={}) as fake:
        fake.routes.update(build_routes(fake.port))
        yield fake


def make_policy(**changes: object) -> CrawlPolicy:
    policy = CrawlPolicy(
        delay_scale=0.0,
        connect_timeout=0.5,
        read_timeout=0.5,
        max_request_seconds=2.0,
        max_body_bytes=1_000_000,
        max_attachment_bytes=CAP,
        max_retries=1,
        rng=random.Random(7),
    )
    return dataclasses.replace(policy, **changes)


def source_of(site: FakeSite, **changes: object) -> Source:
    source = Source(id="jiaqu", listing_urls=(site.url(LISTING),), allowed_hosts=("127.0.0.1",), local=True)
    return dataclasses.replace(source, **changes)


def path_of(site: FakeSite, url: str | None) -> str | None:
    if url is None:
        return None
    if url.startswith(f"http://localhost:{site.port}"):
        return "FOREIGN"
    return url.removeprefix(site.base)


def attachment_rows(site: FakeSite, fetches: list[FetchRecord]) -> dict[str, list[FetchRecord]]:
    rows: dict[str, list[FetchRecord]] = {}
    for record in fetches:
        if record.role == "attachment":
            rows.setdefault(path_of(site, record.url), []).append(record)  # type: ignore[arg-type]
    return rows


def crawl(site: FakeSite, store: MemoryStore, **changes: object) -> CrawlReport:
    return crawl_source(source_of(site), store, policy=make_policy(**changes))


def test_attachments_are_fetched_judged_by_their_bytes_and_linked_to_their_page(site: FakeSite) -> None:
    store = MemoryStore()
    report = crawl(site, store)

    rows = attachment_rows(site, store.fetches)
    assert set(rows) == set(STORED) | set(REFUSED)  # form.doc (a listing's non-report link) not taken
    assert "/files/form.doc" not in site.paths()
    for path, (media_type, body, linked_from, depth) in STORED.items():
        (record,) = rows[path]  # once, though report.pdf is linked from two pages
        assert (record.outcome, record.status, record.error_kind) == ("ok", 200, None), path
        assert (path_of(site, record.linked_from), record.depth) == (linked_from, depth), path
        page = store.pages[record.page_id]
        assert page.page_id == sha256(body).hexdigest() and page.body == body, path
        assert (page.media_type, page.origin, page.source_id) == (media_type, "crawl", "jiaqu"), path
        assert record.bytes == len(body)
    assert site.paths().count("/files/report.pdf") == 1
    # the served Content-Type is kept on the row, whatever the bytes turned out to be
    assert rows["/files/report.pdf"][0].content_type == "application/octet-stream"
    assert rows["/files/as_html.pdf"][0].content_type.startswith("text/html")
    # content-addressed: the moved copy is the same page as report.pdf, stored once under the URL served
    by_url = {path_of(site, p.url): p for p in store.pages.values() if p.media_type != "html"}
    assert set(by_url) == {
        "/files/report.pdf",
        "/files/report.doc",
        "/files/plan.wps",
        "/files/as_html.pdf",
        "/files/listing.pdf",
    }
    moved = rows["/files/moved.pdf"][0]
    assert moved.page_id == rows["/files/report.pdf"][0].page_id
    assert path_of(site, moved.final_url) == "/files/copy.pdf"

    for path, kind in REFUSED.items():
        (record,) = rows[path]
        assert (record.outcome, record.error_kind) == ("refused", kind), path
        assert record.page_id is None and path_of(site, record.linked_from) == A
    soft = rows["/files/missing.pdf"][0].error
    assert (
        soft
        == "attachment is not a PDF/Word/OFD document: text/html; charset=utf-8, starts with '<!DOCTYPE html><'"
    )
    assert rows["/files/huge.pdf"][0].error == f"Content-Length {len(HUGE_PDF)} exceeds {CAP} bytes"
    assert rows["/files/huge_stream.pdf"][0].error == f"body exceeds {CAP} bytes (decoded)"
    assert not [r for r in site.log if r.headers.get("host", "").startswith("localhost")]
    assert "/private/plan.pdf" not in site.paths()
    assert not {p.page_id for p in store.pages.values()} & {
        sha256(SOFT_404).hexdigest(),
        sha256(HUGE_PDF).hexdigest(),
    }

    # report pages: stored as HTML (a.html is over the attachment cap, under the page cap), never
    # given a linked_from; attachments are requested only after every report page
    pages = {path_of(site, f.url): f for f in store.fetches if f.role == "page"}
    assert {p: (f.outcome, f.linked_from) for p, f in pages.items()} == {A: ("ok", None), B: ("ok", None)}
    assert store.pages[pages[A].page_id].n_bytes > CAP
    order = site.paths()
    assert max(order.index(A), order.index(B)) < min(
        order.index(p) for p in STORED if p != "/files/moved.pdf"
    )

    assert report.attachments_fetched == len(STORED)
    assert report.fetched == 1 + 2 + len(STORED)  # the listing, two report pages, the attachments
    assert report.new_pages == len(store.pages) == 1 + 2 + len(STORED) - 1  # moved.pdf's body is report.pdf's
    assert report.refused == Counter({"too_large": 2, "content_type": 1, "robots": 1, "foreign_host": 1})
    assert "9 fetched (8 new; 6 of them attachments)" in report.summary()
    assert "11 attachment links" in report.summary()
    assert {path_of(site, a.url): path_of(site, a.found_on) for a in report.attachments} == {
        **{p: linked for p, (_, _, linked, _) in STORED.items()},
        **{p: A for p in REFUSED},
    }


def test_a_second_crawl_revalidates_attachments_and_stores_nothing_new(site: FakeSite) -> None:
    store = MemoryStore()
    crawl(site, store)
    pages_before = dict(store.pages)
    rows_before = len(store.fetches)
    site.clear_log()

    report = crawl(site, store, revisit_after=None)

    assert store.pages == pages_before
    assert (report.fetched, report.new_pages, report.attachments_fetched) == (0, 0, 0)
    rows = attachment_rows(site, store.fetches[rows_before:])
    for path in STORED:
        (record,) = rows[path]
        assert (record.outcome, record.status) == ("not_modified", 304), path
        assert record.page_id == sha256(STORED[path][1]).hexdigest() and record.bytes == 0
    headers = {r.path: r.headers for r in site.log}
    assert headers["/files/report.pdf"]["if-none-match"].startswith('"')
    assert "if-none-match" not in headers["/files/listing.pdf"]  # no ETag: revalidated by date
    assert headers["/files/listing.pdf"]["if-modified-since"] == "Wed, 01 Mar 2023 08:00:00 GMT"
    assert report.not_modified == 1 + 2 + len(STORED)
    # refused ones are asked for again (a fixed server is picked up), and refused again
    assert {p: rows[p][0].error_kind for p in REFUSED} == REFUSED


def test_attachments_fetched_recently_are_not_requested(site: FakeSite) -> None:
    store = MemoryStore()
    crawl(site, store)
    site.clear_log()

    report = crawl(site, store)  # within revisit_after: report pages and attachments held fresh

    assert report.skipped_fresh == 2 + len(STORED)
    assert not set(site.paths()) & (set(STORED) | {A, B})
    assert report.page_ids.count(sha256(REPORT_PDF).hexdigest()) == 2  # report.pdf and moved.pdf


def test_a_dry_run_lists_attachments_without_fetching_them(site: FakeSite) -> None:
    store = MemoryStore()
    report = crawl(site, store, listings_only=True)

    assert set(site.paths()) == {"/robots.txt", LISTING}
    assert [path_of(site, a.url) for a in report.attachments] == ["/files/listing.pdf"]
    assert report.attachments_fetched == 0
    assert not [f for f in store.fetches if f.role == "attachment"]


def test_attachments_spend_the_page_budget(site: FakeSite) -> None:
    store = MemoryStore()
    report = crawl_source(source_of(site, max_pages=4), store, policy=make_policy())

    rows = attachment_rows(site, store.fetches)
    fetched = [p for p, (r,) in rows.items() if r.status is not None]
    assert len(fetched) == 1  # listing + two pages + one attachment
    budget = [r for (r,) in rows.values() if r.error_kind == "budget"]
    assert len(budget) == len(rows) - 1 and all(r.outcome == "refused" and r.linked_from for r in budget)
    assert report.refused["budget"] == len(budget)


def test_the_warehouse_store_lands_attachments_with_their_lineage(site: FakeSite, tmp_path: Path) -> None:
    from pipelines.land.connect import open_writer
    from pipelines.land.crawl_store import DuckDBCrawlStore

    db = tmp_path / "fazhi.duckdb"
    store = DuckDBCrawlStore(partial(open_writer, db, memory_limit="256MB", lock_timeout_s=10))
    crawl_source(source_of(site), store, policy=make_policy())
    second = crawl_source(source_of(site), store, policy=make_policy(revisit_after=None))

    con = duckdb.connect(str(db), read_only=True)
    try:
        pages = {
            path_of(site, url): (media_type, bytes(body))
            for url, media_type, body in con.execute(
                "select url, media_type, body from raw.pages where media_type <> 'html'"
            ).fetchall()
        }
        fetches = con.execute(
            """select url, outcome, linked_from, depth from raw.fetches
               where role = 'attachment' and outcome in ('ok', 'not_modified') order by fetched_at"""
        ).fetchall()
    finally:
        con.close()
    assert pages == {
        path: (media_type, body)
        for path, (media_type, body, _, _) in STORED.items()
        if path != "/files/moved.pdf"
    }
    assert sorted({(path_of(site, u), o, path_of(site, f), d) for u, o, f, d in fetches}) == sorted(
        (path, outcome, linked, depth)
        for path, (_, _, linked, depth) in STORED.items()
        for outcome in ("ok", "not_modified")
    )
    assert second.new_pages == 0 and second.not_modified == 1 + 2 + len(STORED)
