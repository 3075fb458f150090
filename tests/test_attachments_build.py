"""Attachments through the whole warehouse: dropped in the inbox, or crawled from a shell page on a
local site, they end as facts whose evidence names the file, its page and the page it hangs on.

One warehouse, built once for the module (`fazhi build --no-samples`): the inbox holds sample 001 as
a PDF, sample 003 as a DOCX, an encrypted PDF and a zip-bomb DOCX; the site on 127.0.0.1 has a
listing, a shell page for sample 000 ("附件: ...pdf", the text only in the PDF) and that PDF.
"""

from __future__ import annotations

import os
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from tests import docgen

SHELL_TITLE = "2018年钟楼区依法行政工作情况汇报"
SHELL = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{SHELL_TITLE}_钟楼区人民政府</title>
<meta name="PubDate" content="2018-12-04 09:00"></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/list.html">法治政府建设</a></div>
<div class="article"><h1>{SHELL_TITLE}</h1>
<p>附件：<a href="/files/zhonglou_2018.pdf">{SHELL_TITLE}.pdf</a></p></div>
<div class="footer">版权所有：钟楼区人民政府 苏ICP备00000000号</div></body></html>"""
LISTING = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>法治政府建设</title></head><body>
<ul><li><a href="/shell.html">{SHELL_TITLE}</a></li></ul></body></html>"""


@pytest.fixture(scope="module")
def sample_facts(built_warehouse):
    """The facts the warehouse of the bundled sample pages holds: what each file must give again."""
    con = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        rows = con.execute(
            "select region_code, year, indicator_code, value from marts.fct_rule_of_law_indicators"
        ).fetchall()
    finally:
        con.close()
    out: dict[tuple[str, int], dict[str, float]] = {}
    for region, year, code, value in rows:
        out.setdefault((region, year), {})[code] = value
    return out


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, dbt_manifest):
    from pipelines.build import run_build
    from pipelines.crawl import CrawlPolicy, crawl_sources, load_sources
    from pipelines.land.connect import open_writer
    from pipelines.land.crawl_store import DuckDBCrawlStore

    root = tmp_path_factory.mktemp("attachments_build")
    db, inbox = root / "w.duckdb", root / "inbox"
    inbox.mkdir()
    title, paragraphs = docgen.sample_report("001_10e73418a0569e5a.txt")
    docgen.text_pdf(inbox / "yichun_2020h1.pdf", title, paragraphs, header="伊春市人民政府文件")
    title, paragraphs = docgen.sample_report("003_4ee4734066258278.txt")
    docgen.docx_file(inbox / "lvshunkou_2019.docx", title, paragraphs, header="旅顺口区人民政府")
    docgen.encrypted_pdf(inbox / "locked.pdf", title, paragraphs)
    docgen.zip_bomb_docx(inbox / "bomb.docx")
    title, paragraphs = docgen.sample_report("000_bdf0fc9054b6607e.txt")
    pdf = root / "zhonglou_2018.pdf"
    docgen.text_pdf(pdf, title, paragraphs, header="常州市钟楼区人民政府")
    routes = {
        "/list.html": ("text/html; charset=utf-8", LISTING.encode()),
        "/shell.html": ("text/html; charset=utf-8", SHELL.encode()),
        "/files/zhonglou_2018.pdf": ("application/octet-stream", pdf.read_bytes()),
        "/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n"),
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            kind, body = routes.get(self.path, ("text/html", b"<html>not found</html>"))
            self.send_response(200 if self.path in routes else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    sources = root / "sources.csv"
    sources.write_text(
        "id,region_code,name,listing_urls,allowed_hosts,link_rules,max_pages,enabled,verified,local,note\n"
        f"zhonglou,320404,钟楼区,{base}/list.html,127.0.0.1,,20,true,true,true,attachment test site\n",
        encoding="utf-8",
    )
    try:
        connect = partial(open_writer, db, memory_limit="256MB", lock_timeout_s=30.0)
        [report] = crawl_sources(
            load_sources(sources), DuckDBCrawlStore(connect), CrawlPolicy(delay_scale=0.01)
        )
    finally:
        server.shutdown()
    previous = os.environ.get("FAZHI_INBOX")
    os.environ["FAZHI_INBOX"] = str(inbox)
    try:
        assert run_build(db, include_samples=False, quiet=True)
    finally:
        if previous is None:
            os.environ.pop("FAZHI_INBOX", None)
        else:
            os.environ["FAZHI_INBOX"] = previous
    con = duckdb.connect(str(db), read_only=True)
    yield con, base, report
    con.close()


def _rows(con, sql: str, *params) -> list[dict]:
    cur = con.execute(sql, list(params))
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def test_an_inbox_pdf_lands_its_facts_with_file_and_page(warehouse, sample_facts):
    con, _, _ = warehouse
    rows = _rows(con, "select * from marts.facts_with_evidence where region_code = '230700' and year = 2020")
    assert {r["indicator_code"]: r["value"] for r in rows} == sample_facts["230700", 2020]
    assert all(r["location"].endswith("yichun_2020h1.pdf") and r["source_page"] >= 1 for r in rows)
    assert all(r["evidence"] for r in rows)


def test_an_inbox_docx_lands_its_facts_without_pages(warehouse, sample_facts):
    con, _, _ = warehouse
    rows = _rows(con, "select * from marts.facts_with_evidence where region_code = '210212' and year = 2019")
    assert {r["indicator_code"]: r["value"] for r in rows} == sample_facts["210212", 2019]
    assert {r["source_page"] for r in rows} == {None}
    assert "petitions_received" not in {
        r["indicator_code"] for r in rows
    }  # the sample's year-qualified fix holds


def test_a_crawled_shell_page_and_its_attachment_are_one_report_with_lineage(warehouse, sample_facts):
    con, base, report = warehouse
    assert report.attachments_fetched == 1
    [fetch] = _rows(con, "select * from raw.fetches where role = 'attachment'")
    assert (fetch["url"], fetch["linked_from"], fetch["outcome"]) == (
        f"{base}/files/zhonglou_2018.pdf",
        f"{base}/shell.html",
        "ok",
    )
    [link] = _rows(con, "select * from intermediate.int_attachment_links")
    assert link["attachment_page_id"] == fetch["page_id"]
    # one document for the two pages: the attachment's, naming the page it hangs on and its date
    docs = _rows(
        con,
        "select * from marts.dim_document where page_id in (?, ?)",
        link["page_id"],
        link["attachment_page_id"],
    )
    [doc] = docs
    assert doc["page_id"] == fetch["page_id"] and doc["media_type"] == "pdf"
    assert (doc["region_code"], doc["report_year"], doc["is_report"]) == ("320404", 2018, True)
    assert doc["attached_to_url"] == f"{base}/shell.html"
    assert doc["attachment_link_text"] == f"{SHELL_TITLE}.pdf"
    assert (str(doc["publish_date"]), doc["publish_date_from"]) == ("2018-12-04", "attached_to_page")
    facts = _rows(con, "select * from marts.facts_with_evidence where region_code = '320404' and year = 2018")
    assert {r["indicator_code"]: r["value"] for r in facts} == sample_facts["320404", 2018]
    assert {(r["url"], r["attached_to_url"]) for r in facts} == {
        (f"{base}/files/zhonglou_2018.pdf", f"{base}/shell.html")
    }
    assert all(r["source_page"] >= 1 for r in facts)


def test_bad_files_are_recorded_with_their_reason(warehouse):
    con, _, _ = warehouse
    errors = dict(
        con.execute(
            """select l.location, c.error from raw.page_cleanings c
               join raw.page_locations l using (page_id) where c.error is not null"""
        ).fetchall()
    )
    by_name = {Path(k).name: v for k, v in errors.items()}
    assert by_name["locked.pdf"].startswith("encrypted: the PDF cannot be opened without its password")
    assert by_name["bomb.docx"].startswith("refused: the archive would inflate to 1024 MB")
