"""A saved page's real address: read from what browsers, archivers and CMSs write into the page."""

from __future__ import annotations

import pytest

from pipelines.clean import clean_page

REPORT = (
    "<h1>某某区2022年法治政府建设年度报告</h1>"
    "<p>2022年,我区深入学习贯彻习近平法治思想,全面推进法治政府建设。全年共办理行政复议案件35件。</p>"
)


def saved(head: str = "", top: str = "") -> bytes:
    return f"{top}<html><head><meta charset='utf-8'>{head}</head><body>{REPORT}</body></html>".encode()


def declared(body: bytes, media_type: str = "html") -> tuple[str | None, str | None]:
    meta = clean_page(body, media_type).page_meta
    return meta.get("source_url"), meta.get("source_url_from")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            saved(top="<!-- saved from url=(0053)http://www.example.gov.cn/art/2023/3/1/art_1_2.html -->\n"),
            ("http://www.example.gov.cn/art/2023/3/1/art_1_2.html", "saved-page comment"),
        ),
        (
            saved(
                top="<!--\n Page saved with SingleFile \n url: https://sfj.example.gov.cn/a/b.html \n"
                " saved date: Mon Mar 06 2023\n-->"
            ),
            ("https://sfj.example.gov.cn/a/b.html", "SingleFile header"),
        ),
        (
            saved(head='<link rel="canonical" href="https://www.example.gov.cn/zwgk/t20230301_9.html">'),
            ("https://www.example.gov.cn/zwgk/t20230301_9.html", "canonical link"),
        ),
        (
            saved(head='<meta property="og:url" content="http://www.example.gov.cn/col/art_5.html">'),
            ("http://www.example.gov.cn/col/art_5.html", "<meta og:url>"),
        ),
    ],
    ids=["browser comment", "SingleFile", "canonical", "og:url"],
)
def test_a_saved_page_keeps_the_address_it_declares(body: bytes, expected) -> None:
    assert declared(body) == expected


def test_a_warc_text_dump_keeps_its_target_uri() -> None:
    dump = (
        "WARC/1.0\nWARC-Type: response\nWARC-Target-URI: http://sfj.example.gov.cn/zwgk/2023/0301.html\n\n"
        + REPORT.replace("<h1>", "").replace("</h1>", "\n").replace("<p>", "").replace("</p>", "\n")
    )
    assert declared(dump.encode(), "text") == (
        "http://sfj.example.gov.cn/zwgk/2023/0301.html",
        "WARC-Target-URI",
    )


@pytest.mark.parametrize(
    "head",
    [
        '<link rel="canonical" href="http://www.example.gov.cn/">',  # the site's home: every page says it
        '<link rel="canonical" href="http://www.example.gov.cn/index.html">',
        '<link rel="canonical" href="/zwgk/t20230301_9.html">',  # relative: no host to resolve it against
        '<meta property="og:url" content="file:///C:/Users/me/Desktop/report.html">',
        '<meta property="og:url" content="http://localhost/report.html">',
    ],
)
def test_addresses_that_do_not_name_the_page_are_not_taken(head: str) -> None:
    assert declared(saved(head=head)) == (None, None)


def test_the_fetched_address_is_kept_apart_from_the_declared_one() -> None:
    """A crawled page's fetch URL is the record; what it declares is metadata beside it (the marts take
    the fetch URL first: `url_source` = 'fetched')."""
    body = saved(head='<link rel="canonical" href="http://www.example.gov.cn/old/t1.html">')
    cleaned = clean_page(body, "html", url="http://www.example.gov.cn/new/t1.html")
    assert cleaned.page_meta["source_url"] == "http://www.example.gov.cn/old/t1.html"
