"""`fazhi extract URL`: one page fetched under the crawler's safety rules."""

from __future__ import annotations

from crawl_site.server import serve_site

from pipelines.crawl import CrawlPolicy
from pipelines.crawl.fetch_one import fetch_page
from pipelines.ingest import IngestError
from pipelines.process import process_page

FAST = CrawlPolicy(delay_scale=0.01, read_timeout=0.5, max_request_seconds=2.0, max_retries=0)


def test_a_loopback_url_is_refused_unless_allowed() -> None:
    with serve_site() as site:
        refused = fetch_page(site.url("/fzzfjs/index.html"), FAST)
        assert isinstance(refused, IngestError)
        assert "private_address" in refused.error
        assert site.paths() == []  # refused before any request


def test_a_fetched_report_page_goes_through_the_pipeline() -> None:
    with serve_site() as site:
        url = site.url("/fzzfjs/202012/t20201204_1001.html")
        page = fetch_page(url, FAST, allow_local=True)
        assert not isinstance(page, IngestError), page
        assert page.origin == "crawl" and page.url == url
        result = process_page(page)
        assert any(d.is_report for d in result.documents)
        assert any(result.mentions.values())


def test_a_missing_page_is_an_error_with_its_reason() -> None:
    with serve_site() as site:
        missing = fetch_page(site.url("/fzzfjs/missing.html"), FAST, allow_local=True)
        assert isinstance(missing, IngestError)
        assert "http_4xx" in missing.error


def test_a_pdf_url_is_fetched_and_read_as_a_document() -> None:
    with serve_site() as site:
        page = fetch_page(site.url("/fzzfjs/P020210301123456.pdf"), FAST, allow_local=True)
    assert not isinstance(page, IngestError), page
    assert page.media_type == "pdf"
    [doc] = process_page(page).documents
    # the file's text is the document (its few lines read like metadata: kept whole, not dropped)
    assert doc.body_text.startswith("钟楼区2021年法治政府建设年度报告\n")
    assert doc.page_starts == [0]
