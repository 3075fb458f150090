"""Landing pages in raw: one body stored once, every place it was seen kept, re-runs add nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.land.raw import add_page, add_pages
from pipelines.land.schema import ensure_raw_schema
from pipelines.records import Page


def page(body: bytes, location: str) -> Page:
    return Page.from_bytes(
        body, url=None, location=location, origin="inbox", media_type="text", fetched_at="2025-03-01T08:00:00"
    )


def test_one_body_at_two_places_is_one_page_with_two_locations(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_raw_schema(con)
    report, other = "2020年法治政府建设情况的报告".encode(), b"other page"
    assert (
        add_pages(con, [page(report, "a/report.txt"), page(report, "b/copy.txt"), page(other, "c.txt")]) == 2
    )
    assert add_pages(con, [page(report, "a/report.txt"), page(other, "c.txt")]) == 0
    assert add_page(con, page(report, "d/third.txt")) is False
    assert add_page(con, page(b"new", "e.txt")) is True
    assert con.execute("select count(*) from raw.pages").fetchone()[0] == 3
    locations = con.execute(
        "select location from raw.page_locations where page_id = ? order by 1", [page(report, "x").page_id]
    ).fetchall()
    assert [r[0] for r in locations] == ["a/report.txt", "b/copy.txt", "d/third.txt"]
    con.close()
