"""Guarantees of docs/reliability.md (issue 16): readers and writers of the warehouse, what a query
can do, what the inbox reads, what a crawl follows and how long it waits, a crawl's attempt and its
page, a killed build's children, one huge page. Every test runs against real processes, real DuckDB
files, real links and real local servers."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.cli import main
from pipelines.land.connect import open_read_only

# ------------------------------------------------------------------------ item 2: query sandbox


@pytest.fixture
def small_warehouse(tmp_path: Path) -> Path:
    db = tmp_path / "w" / "fazhi.duckdb"
    db.parent.mkdir()
    con = duckdb.connect(str(db))
    con.execute("create schema raw; create schema marts")
    con.execute("create table raw.pages as select i as id, 'page ' || i as body from range(3) t(i)")
    con.execute("create table marts.dim_document as select id, body from raw.pages")
    con.close()
    return db


def _page_count(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select count(*) from raw.pages").fetchone()[0]
    finally:
        con.close()


def _files_beside(db: Path) -> list[str]:
    """The files of the warehouse's folder, but for the (empty) lock files every reader takes."""
    return sorted(p.name for p in db.parent.iterdir() if not p.name.endswith((".lock", ".lock.queue")))


def _escapes(db: Path, out: Path) -> list[str]:
    doubled = str(db).replace("/", "//", 1)
    return [
        f"attach '{db}' as w2 (read_only false); drop table w2.raw.pages",
        f"attach '{doubled}' as w2 (read_only false); drop table w2.raw.pages",
        f"attach '{doubled}' as w2",
        f"copy raw.pages to '{out / 'pages.csv'}'",
        f"copy raw.pages to '{db}.wal'",
        f"copy (select 1) to '{out / 'one.parquet'}' (format parquet)",
        f"export database '{out / 'dump'}'",
        "select * from read_text('/etc/passwd')",
        "select * from read_csv('/etc/passwd', sep = ':')",
        "select * from read_blob('/etc/hostname')",
        "select * from glob('/etc/*')",
        "set enable_external_access = true",
        "set lock_configuration = false",
        "reset lock_configuration",
        "pragma enable_profiling",
        "install httpfs",
        "load httpfs",
        "drop table raw.pages",
        "select 1; drop table raw.pages",
    ]


@pytest.mark.parametrize("index", range(19))
def test_query_refuses_every_escape_with_one_line_and_writes_nothing(
    small_warehouse: Path, tmp_path: Path, capsys, index: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    sql = _escapes(small_warehouse, out)[index]
    before = _files_beside(small_warehouse)
    assert main(["query", sql, "--db", str(small_warehouse)]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith("fazhi: error:") and "\n" not in err and "Traceback" not in err
    assert "root:" not in captured.out
    assert list(out.iterdir()) == []
    assert _files_beside(small_warehouse) == before
    assert _page_count(small_warehouse) == 3


def test_the_sandboxed_connection_itself_refuses_files_and_settings(
    small_warehouse: Path, tmp_path: Path
) -> None:
    """The DuckDB settings hold without the statement allow-list (report and export use them)."""
    con = open_read_only(small_warehouse)
    try:
        for sql in (
            f"copy raw.pages to '{tmp_path / 'x.csv'}'",
            f"export database '{tmp_path / 'dump'}'",
            "select * from read_text('/etc/passwd')",
            "install httpfs",
        ):
            with pytest.raises(duckdb.PermissionException):
                con.execute(sql)
        with pytest.raises(duckdb.InvalidInputException, match="locked"):
            con.execute("set enable_external_access = true")
        with pytest.raises(duckdb.Error):
            con.execute(f"attach '{small_warehouse}' as w2 (read_only false)")
    finally:
        con.close()
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "dump").exists()


@pytest.mark.parametrize(
    "sql",
    [
        "select count(*) as n from raw.pages",
        "from marts.dim_document order by id",
        "describe raw.pages",
        "show tables",
        "summarize raw.pages",
        "pragma table_info('raw.pages')",
        "with t as (select 1 as n) select * from t; select 2 as n",
        "explain select * from raw.pages",
    ],
)
def test_ordinary_reads_still_work(small_warehouse: Path, capsys, sql: str) -> None:
    assert main(["query", sql, "--db", str(small_warehouse), "--format", "json"]) == 0
    assert capsys.readouterr().out.strip().startswith("[")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_writes_only_the_file_it_was_given(small_warehouse: Path, tmp_path: Path, fmt: str) -> None:
    from pipelines.export import export_table

    target = tmp_path / "exports" / f"pages.{fmt}"
    for _ in range(2):  # the second run overwrites in place (no temporary sibling file)
        assert export_table(small_warehouse, "raw.pages", fmt, target) == target
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    con = open_read_only(small_warehouse, writable=target)
    try:
        with pytest.raises(duckdb.PermissionException):
            con.execute(f"copy raw.pages to '{tmp_path / 'other.csv'}'")
    finally:
        con.close()
    reader = duckdb.connect()
    assert reader.execute(f"select count(*) from '{target}'").fetchone()[0] == 3


# ------------------------------------------------------------------ item 3: the inbox reads only files


def _ingest_inbox(inbox: Path, db: Path):
    """Run the real ingest asset on `inbox` (no samples) into the warehouse `db`."""
    from dagster import materialize

    from pipelines.assets.ingest import ingest_files
    from pipelines.assets.resources import WarehouseResource

    result = materialize(
        [ingest_files],
        resources={"warehouse": WarehouseResource(database=str(db))},
        run_config={"ops": {"ingest_files": {"config": {"include_samples": False, "inbox": str(inbox)}}}},
    )
    assert result.success
    con = duckdb.connect(str(db), read_only=True)
    try:
        pages = con.execute(
            "select l.location, p.body from raw.pages p join raw.page_locations l using (page_id)"
        )
        pages = pages.fetchall()
        errors = dict(con.execute("select location, error from raw.ingest_errors").fetchall())
    finally:
        con.close()
    return pages, errors


@pytest.fixture
def sample_text() -> bytes:
    from pipelines.paths import SAMPLE_PAGES_DIR

    return (SAMPLE_PAGES_DIR / "003_4ee4734066258278.txt").read_bytes()


def test_inbox_refuses_links_fifos_and_escapes_and_records_why(
    tmp_path: Path, sample_text: bytes, monkeypatch
) -> None:
    import os

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("outside the inbox 秘密\n", encoding="utf-8")
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    monkeypatch.setenv("FAZHI_INBOX", str(inbox))
    (inbox / "report.txt").write_bytes(sample_text)
    (inbox / "hostname.txt").symlink_to("/etc/hostname")  # a link to a real file outside
    (inbox / "sub" / "escape.txt").symlink_to("../../outside/secret.txt")
    (inbox / "inside_link.txt").symlink_to("report.txt")  # even a link that stays inside
    (inbox / "etc").symlink_to("/etc")  # a link to a folder is not descended
    (inbox / "dangling.txt").symlink_to(tmp_path / "nowhere")
    os.mkfifo(inbox / "pipe.txt")

    pages, errors = _ingest_inbox(inbox, tmp_path / "w.duckdb")

    assert [loc.rsplit("/", 1)[-1] for loc, _ in pages] == ["report.txt"]
    assert all(body == sample_text for _, body in pages)
    names = {loc.rsplit("/", 1)[-1]: why for loc, why in errors.items()}
    assert set(names) == {"hostname.txt", "escape.txt", "inside_link.txt", "etc", "dangling.txt", "pipe.txt"}
    for name in ("hostname.txt", "escape.txt", "inside_link.txt", "etc", "dangling.txt"):
        assert "symbolic link" in names[name], names[name]
    assert "/etc/hostname" in names["hostname.txt"]
    assert "FIFO" in names["pipe.txt"]
    # refused entries are set aside as they are (the link itself moves, its target is untouched)
    failed = inbox / "failed"
    assert (failed / "hostname.txt").is_symlink() and Path("/etc/hostname").is_file()
    assert (failed / "pipe.txt").exists() and "FIFO" in (failed / "pipe.txt.error.txt").read_text()
    assert (outside / "secret.txt").read_text(encoding="utf-8").startswith("outside")
    assert (inbox / "processed" / "report.txt").is_file()
    assert sorted(p.name for p in inbox.iterdir()) == ["failed", "processed", "sub"]


def test_a_file_below_a_linked_folder_or_swapped_for_a_link_is_refused(tmp_path: Path) -> None:
    from pipelines.ingest.files import read_page_file, refusal

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.txt").write_text("outside\n", encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "linked").symlink_to(outside)
    assert "outside the folder" in refusal(inbox / "linked" / "x.txt", inbox)
    # listed as a file, replaced by a link before it is opened: O_NOFOLLOW refuses it
    (inbox / "late.txt").symlink_to(outside / "x.txt")
    item = read_page_file(inbox / "late.txt", origin="inbox", follow_symlinks=False)
    assert "symbolic link" in item.error
    # a path the user names on the command line (`fazhi extract`) may still be a link
    assert read_page_file(inbox / "late.txt", origin="inbox").body == b"outside\n"


def test_the_inbox_sensor_sees_links_without_following_them(tmp_path: Path, monkeypatch) -> None:
    from pipelines.assets.automation import inbox_fingerprint
    from pipelines.ingest.files import inbox_files

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "dangling.txt").symlink_to(tmp_path / "nowhere")
    (inbox / "etc").symlink_to("/etc")
    files = inbox_files(inbox)
    assert [p.name for p in files] == ["dangling.txt", "etc"]
    assert inbox_fingerprint(files)  # lstat: a dangling link does not break the sensor


# ------------------------------------------------------ item 4: files no reader understands fail


def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _tar(members: dict[str, bytes]) -> bytes:
    import io
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _not_understood_files() -> dict[str, bytes]:
    import gzip
    import random

    noise = random.Random(16).randbytes(8192)
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
        + noise[:300]
    )
    return {
        "photo.png": png,
        "photo_renamed.html": png,  # the suffix does not make it a page
        "scan.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + noise[:500],
        "anim.gif": b"GIF89a\x10\x00\x10\x00" + noise[:200],
        "noise.bin": noise,
        "noise.txt": noise[:2000],
        "pictures.zip": _zip({"a.png": png, "notes/b.bin": noise[:100]}),
        "backup.tar": _tar({"x.dat": noise[:700]}),
        "page.html.gz": gzip.compress("<html><body>法治政府建设</body></html>".encode()),
        "tool": b"\x7fELF\x02\x01\x01\x00" + noise[:400],
    }


def _understood_files(sample_text: bytes) -> dict[str, bytes]:
    chinese = "<html><head><meta charset='gbk'></head><body>2023年法治政府建设年度报告</body></html>"
    return {
        "report.txt": sample_text,
        "gbk.html": chinese.encode("gbk"),
        "utf16.txt": "\ufeff法治政府建设年度报告\n".encode("utf-16-le"),
        "utf16_nobom.txt": "法治政府建设年度报告 2023 annual\n".encode("utf-16-le"),
        "report.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
        + bytes(range(256)),
        "report.docx": _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
        "report.odt": _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
        "report.ofd": _zip({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"}),
        "report.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4,
    }


def test_files_no_reader_understands_fail_with_their_reason(
    tmp_path: Path, sample_text: bytes, monkeypatch
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setenv("FAZHI_INBOX", str(inbox))
    bad = _not_understood_files()
    good = _understood_files(sample_text)
    for name, data in {**bad, **good}.items():
        (inbox / name).write_bytes(data)

    pages, errors = _ingest_inbox(inbox, tmp_path / "w.duckdb")

    stored = {loc.rsplit("/", 1)[-1] for loc, _ in pages}
    assert stored == set(good)  # documents and text in any encoding are stored as today
    reasons = {loc.rsplit("/", 1)[-1]: why for loc, why in errors.items()}
    assert set(reasons) == set(bad)
    assert all(why.startswith("no reader understands this file") for why in reasons.values())
    assert "PNG image" in reasons["photo.png"] and "PNG image" in reasons["photo_renamed.html"]
    assert (
        "zip archive that is not a document" in reasons["pictures.zip"] and "a.png" in reasons["pictures.zip"]
    )
    assert "tar archive" in reasons["backup.tar"] and "gzip" in reasons["page.html.gz"]
    assert "binary data" in reasons["noise.bin"] and "binary data" in reasons["noise.txt"]
    for name in bad:
        assert (inbox / "failed" / name).is_file()
        assert "no reader understands" in (inbox / "failed" / f"{name}.error.txt").read_text(encoding="utf-8")
        assert not (inbox / "processed" / name).exists()
    assert sorted(p.name for p in (inbox / "processed").iterdir()) == sorted(good)


def test_every_bundled_page_and_fixture_is_still_understood() -> None:
    from pipelines.ingest.sniff import not_understood
    from pipelines.paths import PROJECT_ROOT, SAMPLE_PAGES_DIR

    files = [p for p in SAMPLE_PAGES_DIR.iterdir() if p.is_file()]
    files += [p for p in (PROJECT_ROOT / "tests" / "fixtures").rglob("*") if p.is_file()]
    assert len(files) > 50
    assert {str(p): not_understood(p.read_bytes()) for p in files if not_understood(p.read_bytes())} == {}


# ------------------------------------------------------- item 7: the crawl allow-list holds origins


def test_a_redirect_to_another_port_of_an_allowed_host_is_refused_and_recorded() -> None:
    """Two real servers on 127.0.0.1: the source's site on one port redirects to the other port."""
    from crawl_site.server import serve_site
    from crawl_site.site import Route

    from pipelines.crawl import CrawlPolicy, MemoryStore, Source, crawl_source

    with serve_site() as site, serve_site() as other:
        report_path = "/fzzfjs/202012/t20201204_1001.html"
        target = other.url(report_path)
        site.routes["/fzzfjs/elsewhere.html"] = Route(
            "/fzzfjs/elsewhere.html", status=302, headers=(("Location", target),)
        )
        source = Source(
            id="fake-gov",
            listing_urls=(site.url("/fzzfjs/elsewhere.html"), site.url("/fzzfjs/index.html")),
            allowed_hosts=("127.0.0.1",),
            local=True,
        )
        store = MemoryStore()
        policy = CrawlPolicy(delay_scale=0.0, connect_timeout=0.5, read_timeout=0.5, max_retries=0)
        crawl_source(source, store=store, policy=policy)
        assert other.paths() == []  # not one request reached the other port
        assert report_path in site.paths()  # the site's own port is crawled as before
    refused = [r for r in store.fetches if r.url == site.url("/fzzfjs/elsewhere.html")]
    assert [(r.outcome, r.error_kind, r.status) for r in refused] == [("refused", "foreign_host", 302)]
    assert f"127.0.0.1:{other.port}" in (refused[0].error or "")


def test_allowed_hosts_admit_origins_not_host_names() -> None:
    from pipelines.crawl.safety import check_url
    from pipelines.crawl.sources import Source

    def public(host: str) -> list[str]:
        return ["1.2.4.8"] if host.endswith("gov.cn") else []

    source = Source(
        id="s",
        listing_urls=("https://www.x.gov.cn/fzzf/",),
        allowed_hosts=("www.x.gov.cn", "*.y.gov.cn", "data.x.gov.cn:8443", "http://old.x.gov.cn:8080"),
    )
    admitted = [
        "https://www.x.gov.cn/a.html",
        "http://www.x.gov.cn/a.html",  # the default port of each scheme
        "https://www.x.gov.cn:443/a.html",
        "https://sub.y.gov.cn/a.html",
        "https://data.x.gov.cn:8443/a.html",
        "http://old.x.gov.cn:8080/a.html",
    ]
    refused = [
        "https://www.x.gov.cn:8443/a.html",
        "http://www.x.gov.cn:443/a.html",
        "http://www.x.gov.cn:8080/a.html",
        "https://sub.y.gov.cn:8080/a.html",
        "https://data.x.gov.cn/a.html",
        "https://old.x.gov.cn:8080/a.html",  # the entry names http
    ]
    assert [check_url(u, source, resolver=public) for u in admitted] == [None] * len(admitted)
    for url in refused:
        refusal = check_url(url, source, resolver=public)
        assert refusal is not None and refusal.kind == "foreign_host", url
        assert "origin" in refusal.message


# ------------------------------------------------- item 1: readers and writers never break each other

PLAIN_READER = """
import os, sys, time, duckdb
db, stop = sys.argv[1], sys.argv[2]
answered = busy = 0
while not os.path.exists(stop):
    try:
        con = duckdb.connect(db, read_only=True)
    except duckdb.IOException as exc:
        if "Could not set lock" not in str(exc):
            raise
        busy += 1
    else:
        try:
            con.execute("select count(*) from information_schema.tables").fetchone()
        finally:
            con.close()
        answered += 1
    time.sleep(0.02)
print(answered, busy)
"""


def _fazhi() -> list[str]:
    import sys

    return [str(Path(sys.executable).with_name("fazhi"))]


def _sources_csv(path: Path, listing: str) -> Path:
    path.write_text(
        "id,region_code,name,listing_urls,allowed_hosts,link_rules,max_pages,enabled,verified,local,note\n"
        f"fake-gov,320404,Fake,{listing},127.0.0.1,,200,true,true,true,a local test site\n",
        encoding="utf-8",
    )
    return path


def test_readers_never_break_a_build_or_a_crawl_and_are_answered_or_told_busy(
    tmp_path: Path, dbt_manifest: Path
) -> None:
    """A whole `fazhi build` (bundled samples) and a whole `fazhi crawl` (a local site) run at once,
    while a loop of `fazhi query` processes and a plain-duckdb read-only loop hammer the file."""
    import os
    import subprocess
    import sys
    import time

    from crawl_site.server import serve_site

    db = tmp_path / "w" / "fazhi.duckdb"
    db.parent.mkdir()
    stop = tmp_path / "stop"
    env = {**os.environ, "FAZHI_INBOX": str(tmp_path / "inbox")}
    logs = {name: (tmp_path / f"{name}.log").open("w+") for name in ("build", "crawl", "plain")}
    queries: list[subprocess.CompletedProcess[str]] = []
    query_args = ["--db", str(db), "--format", "csv", "--wait", "2"]
    with serve_site() as site:
        sources = _sources_csv(tmp_path / "sources.csv", site.url("/fzzfjs/index.html"))
        writers = {
            "build": subprocess.Popen(
                [*_fazhi(), "build", "--db", str(db), "--quiet"],
                env=env,
                stdout=logs["build"],
                stderr=subprocess.STDOUT,
            ),
            "crawl": subprocess.Popen(
                [*_fazhi(), "crawl", "--sources", str(sources), "--db", str(db)],
                env=env,
                stdout=logs["crawl"],
                stderr=subprocess.STDOUT,
            ),
        }
        while not db.exists() and all(w.poll() is None for w in writers.values()):
            time.sleep(0.05)
        plain = subprocess.Popen(
            [sys.executable, "-c", PLAIN_READER, str(db), str(stop)],
            stdout=logs["plain"],
            stderr=subprocess.STDOUT,
        )
        try:
            while any(w.poll() is None for w in writers.values()):
                queries.append(
                    subprocess.run(
                        [*_fazhi(), "query", "select count(*) from information_schema.tables", *query_args],
                        capture_output=True,
                        text=True,
                        timeout=120,
                    )
                )
        finally:
            stop.touch()
            plain.wait(timeout=30)
            for w in writers.values():
                if w.poll() is None:
                    w.kill()
                w.wait()
    text = {name: (log.seek(0), log.read())[1] for name, log in logs.items()}
    for name, writer in writers.items():
        assert writer.returncode == 0, f"{name} failed:\n{text[name][-3000:]}"
        assert "Traceback" not in text[name] and "Could not set lock" not in text[name], text[name][-3000:]
    assert "fazhi build finished" in text["build"]
    assert "fake-gov:" in text["crawl"] and site.paths(), text["crawl"]
    assert plain.returncode == 0, text["plain"]
    answered, _busy = (int(n) for n in text["plain"].split())
    assert answered > 0
    for q in queries:
        if q.returncode == 0:
            assert q.stdout.splitlines()[0] == "count_star()", q.stdout
        else:
            assert q.returncode == 75, (q.returncode, q.stderr)
            assert q.stderr.startswith("fazhi: busy, retry: ") and q.stderr.count("\n") == 1, q.stderr
    assert any(q.returncode == 0 for q in queries) and len(queries) >= 5


# --------------------------------------------------- item 9: an attempt and its page land together


def test_an_attempt_and_its_page_land_together_or_not_at_all(tmp_path: Path) -> None:
    """A real DuckDB refusal (a CHECK on raw.fetches) strikes between the page and its row: the page
    must not stay behind. A clean attempt stores both."""
    from dataclasses import replace
    from functools import partial

    from crawl_site.server import serve_site

    from pipelines.crawl import CrawlPolicy, Source, crawl_source
    from pipelines.land.connect import open_writer
    from pipelines.land.crawl_store import DuckDBCrawlStore
    from pipelines.land.schema import RAW_TABLES

    db = tmp_path / "fazhi.duckdb"
    poisoned_path = "/fzzfjs/poisoned.html"  # linked from nowhere: only the first crawl asks for it
    ddl = next(t for t in RAW_TABLES if t.name == "raw.fetches").ddl()
    con = duckdb.connect(str(db))
    con.execute("create schema raw")
    con.execute(ddl[: ddl.rindex(")")] + f", CHECK (url NOT LIKE '%{poisoned_path}')\n)")
    con.close()
    store = DuckDBCrawlStore(partial(open_writer, db, memory_limit="256MB", lock_timeout_s=10))
    policy = CrawlPolicy(delay_scale=0.0, max_retries=0, connect_timeout=2, read_timeout=2)
    with serve_site() as site:
        site.routes[poisoned_path] = replace(
            site.routes["/fzzfjs/202012/t20201204_1001.html"], path=poisoned_path
        )

        def source(path: str) -> Source:
            return Source(
                id="fake-gov", listing_urls=(site.url(path),), allowed_hosts=("127.0.0.1",), local=True
            )

        with pytest.raises(duckdb.ConstraintException):
            crawl_source(source(poisoned_path), store, policy=policy)
        assert poisoned_path in site.paths()  # the body was fetched...
        crawl_source(source("/fzzfjs/202008/t20200820_1002.html"), store, policy=policy)
    con = duckdb.connect(str(db), read_only=True)
    try:
        pages = dict(con.execute("select url, page_id from raw.pages").fetchall())
        rows = con.execute(
            "select page_id from raw.fetches where outcome = 'ok' and page_id is not null"
        ).fetchall()
    finally:
        con.close()
    # ...but neither it nor its row landed; the clean attempts stored each page with its row.
    assert site.url(poisoned_path) not in pages and site.url("/fzzfjs/202008/t20200820_1002.html") in pages
    assert set(pages.values()) == {page_id for (page_id,) in rows}


@pytest.mark.parametrize("command", ["crawl", "build"])
def test_a_writer_gives_up_on_an_outside_holder_with_one_line_naming_it(
    tmp_path: Path, dbt_manifest: Path, command: str
) -> None:
    """A plain duckdb reader (which knows nothing of our lock) keeps the file: `fazhi crawl` and
    `fazhi build` wait FAZHI_LOCK_TIMEOUT_S, then one line names the holder's PID, exit 75, no
    traceback (the build's steps retry first, as their retry policy says)."""
    import os
    import subprocess
    import sys

    from crawl_site.server import serve_site

    db = tmp_path / "fazhi.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(db)!r}, read_only=True); print('held', flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    env = {**os.environ, "FAZHI_LOCK_TIMEOUT_S": "1", "FAZHI_INBOX": str(tmp_path / "inbox")}
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with serve_site() as site:
            sources = _sources_csv(tmp_path / "sources.csv", site.url("/fzzfjs/index.html"))
            args = ["crawl", "--sources", str(sources)] if command == "crawl" else ["build", "--quiet"]
            run = subprocess.run(
                [*_fazhi(), *args, "--db", str(db)], env=env, capture_output=True, text=True, timeout=120
            )
    finally:
        holder.kill()
        holder.wait()
    assert run.returncode == 75, run.stderr
    for marker in ("Traceback", "Stack Trace"):
        assert marker not in run.stderr and marker not in run.stdout
    last = run.stderr.splitlines()[-1]
    assert (
        last.startswith("fazhi: busy, retry: ")
        and f"PID {holder.pid}" in last
        and "FAZHI_LOCK_TIMEOUT_S" in last
    )
    if command == "crawl":
        assert run.stderr.count("\n") == 1


# ------------------------------------------- item 8: a per-URL deadline and a per-host circuit breaker


def _hanging_site(site, n: int, delay: float = 5.0) -> list[str]:
    """Add a listing linking `n` report pages that accept the request and then hang for `delay` s."""
    from crawl_site.site import Route

    paths = [f"/fzzfjs/hang_{i}.html" for i in range(n)]
    links = "".join(
        f'<li><a href="{p}">{2015 + i}年法治政府建设年度报告</a></li>' for i, p in enumerate(paths)
    )
    listing = f"<html><head><title>法治政府建设</title></head><body><ul>{links}</ul></body></html>"
    site.routes["/hang/index.html"] = Route("/hang/index.html", listing.encode())
    for p in paths:
        site.routes[p] = Route(p, b"<html><body>never</body></html>", delay=delay)
    return paths


def _hang_policy(**changes: object):
    from pipelines.crawl import CrawlPolicy

    base = {"delay_scale": 0.0, "connect_timeout": 0.3, "read_timeout": 0.3, "max_request_seconds": 5.0}
    return CrawlPolicy(**{**base, **changes})


def test_a_hanging_url_stops_at_its_deadline_not_after_every_retry() -> None:
    from crawl_site.server import serve_site

    from pipelines.crawl import MemoryStore, Source, crawl_source

    with serve_site() as site:
        (path,) = _hanging_site(site, 1)
        source = Source(
            id="hang", listing_urls=(site.url("/hang/index.html"),), allowed_hosts=("127.0.0.1",), local=True
        )
        store = MemoryStore()
        # Five retries allowed, and the breaker out of the way: only the deadline can stop them.
        crawl_source(
            source, store, policy=_hang_policy(max_retries=5, url_deadline=0.5, host_timeout_limit=0)
        )
        tries = site.paths().count(path)
    rows = [r for r in store.fetches if r.url == site.url(path)]
    assert {(r.outcome, r.error_kind) for r in rows} == {("error", "timeout")}
    assert 1 <= len(rows) <= 2 and tries == len(rows)  # 0.5 s leaves room for two 0.3 s reads, not six


def test_a_host_that_keeps_timing_out_is_skipped_for_the_rest_of_the_run_with_a_reason() -> None:
    from crawl_site.server import serve_site

    from pipelines.crawl import MemoryStore, Source, crawl_source

    with serve_site() as site:
        paths = _hanging_site(site, 6)
        source = Source(
            id="hang", listing_urls=(site.url("/hang/index.html"),), allowed_hosts=("127.0.0.1",), local=True
        )
        store = MemoryStore()
        report = crawl_source(source, store, policy=_hang_policy(max_retries=1, host_timeout_limit=3))
        requested = [p for p in site.paths() if p in paths]
    pages = [r for r in store.fetches if r.role == "page"]
    timeouts = [r for r in pages if r.error_kind == "timeout"]
    skipped = [r for r in pages if r.error_kind == "host_unresponsive"]
    assert (
        len({r.url for r in timeouts}) == 3 and len(requested) == len(timeouts) == 6
    )  # 3 URLs, 2 tries each
    assert {r.url for r in timeouts} | {r.url for r in skipped} == {site.url(p) for p in paths}
    assert {r.outcome for r in skipped} == {"refused"} and len(skipped) == len({r.url for r in skipped}) == 3
    assert all("127.0.0.1: 3 URLs in a row timed out" in (r.error or "") for r in skipped)
    assert report.refused["host_unresponsive"] == 3 and report.errors["timeout"] == 3


# ----------------------------------------------------- item 6: children die with a killed build


def _session(sid: int) -> list[tuple[int, str]]:
    """Live (not zombie) processes of session `sid`, with their command lines, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        state, _ppid, _pgrp, session = stat[stat.rindex(")") + 2 :].split()[:4]
        if int(session) == sid and state != "Z":
            found.append((int(entry.name), cmdline))
    return found


@pytest.mark.parametrize("stage", ["pool", "dbt"])
def test_a_killed_build_leaves_no_child_running(tmp_path: Path, dbt_manifest: Path, stage: str) -> None:
    """`kill -9` of a real `fazhi build` while its process pool works (enough inbox pages to start one)
    or while dbt runs: within seconds no process of its session is left."""
    import os
    import signal
    import subprocess
    import time

    from pipelines.paths import SAMPLE_PAGES_DIR

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    if stage == "pool":
        samples = sorted(p for p in SAMPLE_PAGES_DIR.iterdir() if p.suffix == ".txt")
        for i in range(80):  # over transform.PARALLEL_THRESHOLD distinct pages
            text = samples[i % len(samples)].read_text(encoding="utf-8")
            (inbox / f"page_{i:03d}.txt").write_text(f"{text}\n附：第{i}号\n", encoding="utf-8")
    db = tmp_path / "fazhi.duckdb"
    log = (tmp_path / "build.log").open("w+")
    build = subprocess.Popen(
        [*_fazhi(), "build", "--db", str(db), "--quiet"],
        env={**os.environ, "FAZHI_INBOX": str(inbox)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its session id is its pid: the children keep it after it dies
    )

    def ready() -> bool:
        members = [cmd for pid, cmd in _session(build.pid) if pid != build.pid]
        if stage == "pool":
            return sum("multiprocessing.forkserver" in cmd for cmd in members) >= 2  # server + a worker
        return any("/dbt build" in cmd for cmd in members)

    try:
        deadline = time.monotonic() + 180
        while not ready():
            assert build.poll() is None, (
                f"the build ended before its {stage} started:\n{log.seek(0) or log.read()}"
            )
            assert time.monotonic() < deadline, f"no {stage} seen"
            time.sleep(0.05)
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 5
        while _session(build.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = _session(build.pid)
    finally:
        for pid, _ in _session(build.pid):
            os.kill(pid, signal.SIGKILL)
    assert left == []


# ------------------------------------------ item 11: --revalidate and a freshness window per source


def test_revalidate_and_a_per_source_freshness_window_ask_again_with_a_conditional_get(
    tmp_path: Path, capsys
) -> None:
    """A real server answering ETag/If-None-Match: a page fetched a moment ago is fresh (not asked
    for); `fazhi crawl --revalidate`, or a source whose fresh_hours is 0, asks again and gets a 304."""
    from crawl_site.server import serve_site
    from crawl_site.site import Route, etag_of

    db = tmp_path / "fazhi.duckdb"
    with serve_site() as site:
        report = "/rv/t20240301_1.html"
        body = "<html><head><title>2023年法治政府建设年度报告</title></head><body><p>全年办理行政复议案件12件。</p></body></html>"
        site.routes[report] = Route(report, body.encode())
        link = (
            f'<html><body><ul><li><a href="{report}">2023年法治政府建设年度报告</a></li></ul></body></html>'
        )
        site.routes["/rv/index.html"] = Route("/rv/index.html", link.encode())
        registry = _sources_csv(tmp_path / "sources.csv", site.url("/rv/index.html"))
        zero = tmp_path / "zero.csv"
        lines = registry.read_text(encoding="utf-8").splitlines()
        zero.write_text(f"{lines[0]},fresh_hours\n{lines[1]},0\n", encoding="utf-8")

        def crawl(*extra: str, sources: Path = registry) -> list[dict[str, str]]:
            """Crawl through the CLI; the requests the report page received."""
            site.clear_log()
            assert main(["crawl", "--sources", str(sources), "--db", str(db), *extra]) == 0
            with site.lock:
                return [r.headers for r in site.log if r.path == report]

        assert [h.get("if-none-match") for h in crawl()] == [None]  # first crawl: fetched
        assert crawl() == []  # fetched a moment ago: fresh, not asked for
        assert [h.get("if-none-match") for h in crawl("--revalidate")] == [etag_of(body.encode())]
        assert [h.get("if-none-match") for h in crawl(sources=zero)] == [etag_of(body.encode())]
    capsys.readouterr()
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select outcome, status from raw.fetches where url = ? order by fetched_at, attempt",
            [site.url(report)],
        ).fetchall()
    finally:
        con.close()
    assert rows == [("ok", 200), ("not_modified", 304), ("not_modified", 304)]


def test_fresh_hours_is_read_from_the_registry() -> None:
    from pipelines.crawl.sources import parse_source

    row = {"id": "s", "listing_urls": "https://www.x.gov.cn/", "enabled": "true"}
    assert parse_source(row).fresh_hours is None
    assert parse_source({**row, "fresh_hours": ""}).fresh_hours is None
    assert parse_source({**row, "fresh_hours": "0.5"}).fresh_hours == 0.5
    for bad in ("soon", "-1"):
        with pytest.raises(ValueError, match="fresh_hours"):
            parse_source({**row, "fresh_hours": bad})


# ------------------------------------------------------- item 10: one huge page is cleaned in part


def test_a_20_mb_page_is_cleaned_from_its_first_part_with_a_recorded_warning(
    tmp_path: Path, monkeypatch
) -> None:
    """The real ingest, clean and extract assets over an inbox holding a generated 20 MB page: the
    run succeeds, the page keeps its report (the first part) and says what was set aside. The
    ceiling is set to 2 MB here (FAZHI_MAX_MARKUP_MB) to keep the test short; 5 MB by default."""
    monkeypatch.setenv("FAZHI_MAX_MARKUP_MB", "2")
    from dagster import DagsterInstance, materialize

    from pipelines.assets.ingest import ingest_files
    from pipelines.assets.resources import WarehouseResource
    from pipelines.assets.transform import clean_and_understand, extract_indicators
    from pipelines.paths import SAMPLE_PAGES_DIR

    sample = sorted(p for p in SAMPLE_PAGES_DIR.iterdir() if p.suffix == ".txt")[0]
    lines = [
        line.strip() for line in sample.read_text(encoding="utf-8").splitlines() if len(line.strip()) >= 30
    ]
    title, paragraphs = lines[0], lines[1:40]
    head = (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><h1>{title}</h1>"
        "<div class='TRS_Editor'>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>\n"
    )
    filler = "".join(
        f"<div class='related'><a href='/x/{i}.html'>相关链接第{i}条</a></div>\n" for i in range(2000)
    )
    body = head + filler * (20 * 1024 * 1024 // len(filler.encode())) + "</body></html>"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "huge.html").write_text(body, encoding="utf-8")
    db = tmp_path / "fazhi.duckdb"
    with DagsterInstance.ephemeral() as instance:
        result = materialize(
            [ingest_files, clean_and_understand, extract_indicators],
            instance=instance,
            resources={"warehouse": WarehouseResource(database=str(db))},
            run_config={"ops": {"ingest_files": {"config": {"inbox": str(inbox), "include_samples": False}}}},
        )
    assert result.success
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored, warnings = con.execute(
            "select octet_length(p.body), c.warnings from raw.pages p join raw.page_cleanings c using (page_id)"
        ).fetchone()
        bodies = [b for (b,) in con.execute("select body_text from raw.documents").fetchall()]
    finally:
        con.close()
    assert stored == len(body.encode())  # the raw body is kept whole
    assert "page of 20.0 MB: only its first 2.0 MB of markup cleaned" in str(warnings), warnings
    assert any(paragraphs[2][:20] in b for b in bodies)
    from pipelines.clean.bound import max_markup_bytes

    monkeypatch.delenv("FAZHI_MAX_MARKUP_MB")
    assert max_markup_bytes() == 5 * 1024 * 1024
