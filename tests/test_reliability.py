"""Guarantees of docs/reliability.md (issue 16): what a query can do, what the inbox reads, what a
crawl follows. Every test runs against real files, real links and real local servers."""

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
    before = sorted(p.name for p in small_warehouse.parent.iterdir())
    assert main(["query", sql, "--db", str(small_warehouse)]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith("fazhi: error:") and "\n" not in err and "Traceback" not in err
    assert "root:" not in captured.out
    assert list(out.iterdir()) == []
    assert sorted(p.name for p in small_warehouse.parent.iterdir()) == before
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
