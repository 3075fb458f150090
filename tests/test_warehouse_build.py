"""End to end: the sample pages become marts rows; a re-run changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from pipelines.paths import SAMPLE_PAGES_DIR

TABLES = [
    "raw.pages",
    "raw.page_locations",
    "raw.page_cleanings",
    "raw.documents",
    "raw.indicator_mentions",
    "marts.dim_region",
    "marts.dim_indicator",
    "marts.dim_document",
    "marts.fct_indicator_mentions",
    "marts.fct_rule_of_law_indicators",
    "marts.fct_report_coverage",
]


def snapshot(db: Path) -> dict[str, tuple[int, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for t in TABLES:
            n, digest = con.execute(
                f"select count(*), md5(coalesce(string_agg(x::varchar, '|' order by x::varchar), '')) from {t} x"
            ).fetchone()
            out[t] = (n, digest)
        return out
    finally:
        con.close()


def query(db: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_every_sample_page_is_ingested_once(built_warehouse: Path) -> None:
    n_files = len([p for p in SAMPLE_PAGES_DIR.iterdir() if p.is_file()])
    assert query(built_warehouse, "select count(*) from raw.pages")[0][0] == n_files
    assert query(built_warehouse, "select count(distinct page_id) from raw.page_cleanings")[0][0] == n_files


def test_marts_hold_facts_for_the_sample_regions_and_years(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        "select distinct region_code, year from marts.fct_rule_of_law_indicators order by 1, 2",
    )
    assert ("320404", 2018) in rows  # 钟楼区, 2018 依法行政工作情况汇报
    assert ("230700", 2020) in rows  # 伊春市, first half of 2020


def test_zhonglou_2018_reconsideration_cases_accepted(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select value, period, evidence from marts.fct_rule_of_law_indicators
           where region_code = '320404' and year = 2018 and indicator_code = 'recon_cases_accepted'""",
    )
    assert len(rows) == 1
    value, period, evidence = rows[0]
    assert value == 34
    assert period == "through_month_10"
    assert "34" in evidence


def test_every_fact_points_back_to_its_sentence_in_the_document(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        """select m.value_text, m.start_offset, m.end_offset, d.body_text
           from marts.fct_indicator_mentions m join raw.documents d using (document_id)""",
    )
    assert rows
    for value_text, start, end, body in rows:
        assert body[start:end] == value_text


def test_non_reports_are_kept_but_yield_no_facts(built_warehouse: Path) -> None:
    rows = query(
        built_warehouse,
        "select count(*), sum(n_mentions) from marts.dim_document where not is_report",
    )
    n_non_reports, n_mentions = rows[0]
    assert n_non_reports >= 3  # the three HTML pages in seeds/pages are not reports
    assert (n_mentions or 0) == 0


def test_rebuilding_with_nothing_new_changes_nothing(built_warehouse: Path) -> None:
    from pipelines.build import run_build

    before = snapshot(built_warehouse)
    os.environ["FAZHI_INBOX"] = str(built_warehouse.parent / "inbox")
    try:
        assert run_build(built_warehouse, quiet=True)
    finally:
        os.environ.pop("FAZHI_INBOX", None)
    assert snapshot(built_warehouse) == before


@pytest.mark.parametrize("schema", ["staging", "intermediate", "marts"])
def test_dbt_writes_exact_schema_names(built_warehouse: Path, schema: str) -> None:
    rows = query(
        built_warehouse,
        "select count(*) from information_schema.tables where table_schema = ?",
        [schema],
    )
    assert rows[0][0] > 0


def test_no_fact_is_taken_from_cases_assigned_from_above_or_another_year(built_warehouse: Path) -> None:
    """旅顺口区 2019: "其中2018年省交办122件减存案件…;2019年省交办62件" — neither is petitions received."""
    rows = query(
        built_warehouse,
        "select value from marts.fct_rule_of_law_indicators "
        "where region_code = '210212' and year = 2019 and indicator_code = 'petitions_received'",
    )
    assert rows == []


def test_the_readme_sql_returns_every_fact(built_warehouse: Path) -> None:
    """Every ```sql block of the README runs on the built warehouse, and the region query keeps every
    fact: validity is total (no null valid_from), so the temporal join to dim_region drops none."""
    import re

    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", readme, re.S)
    assert blocks
    for sql in blocks:
        query(built_warehouse, sql)
    n_facts = query(built_warehouse, "select count(*) from marts.fct_rule_of_law_indicators")[0][0]
    joined = query(
        built_warehouse,
        """select count(*) from marts.fct_rule_of_law_indicators f
           left join marts.dim_region r on r.code = f.region_code
            and r.valid_from <= f.year and f.year < coalesce(r.valid_to, 9999)
           where r.code is not null""",
    )[0][0]
    assert n_facts > 0 and joined == n_facts
    assert query(built_warehouse, "select count(*) from marts.dim_region where valid_from is null")[0][0] == 0
    nameless = query(
        built_warehouse,
        """select count(*) from marts.fct_rule_of_law_indicators
           where region_name is null or indicator_name_zh is null or unit is null""",
    )[0][0]
    assert nameless == 0


def test_published_by_deadline_has_one_definition(built_warehouse: Path) -> None:
    """A region-year is on time in fct_report_coverage exactly when one of its annual documents is on
    time in dim_document (the dbt test assert_deadline_one_definition checks the same in every build)."""
    rows = query(
        built_warehouse,
        """with d as (select region_code, report_year as year, bool_or(published_by_deadline) as on_time
                      from marts.dim_document where is_report group by 1, 2)
           select count(*) filter (where c.published_by_deadline is distinct from d.on_time),
                  count(*) filter (where c.published_by_deadline is not null)
           from marts.fct_report_coverage c join d using (region_code, year)""",
    )[0]
    assert rows[0] == 0 and rows[1] > 0


def test_urls_are_web_addresses_and_locations_are_files_that_exist(built_warehouse: Path) -> None:
    """`url` is a link a reader can follow (fetched, or declared by a saved page) or null; where the
    stored copy lies is `location`, and for a file it is the path it lies at now."""
    from pipelines.paths import PROJECT_ROOT

    rows = query(built_warehouse, "select url, url_source, location, origin from marts.dim_document")
    assert rows
    for url, url_source, location, origin in rows:
        assert url is None or url.startswith(("http://", "https://")), url
        assert (url is None) == (url_source is None)
        if origin != "crawl":
            assert location and (PROJECT_ROOT / location).is_file(), location
    # The one sample page that declares its address (<meta name="url">) carries it as its url.
    declared = {(u, s) for u, s, _, _ in rows if s and s != "fetched"}
    assert declared == {(u, "<meta url>") for u, s, _, _ in rows if s == "<meta url>"} and declared
    facts = query(
        built_warehouse,
        """select count(*) filter (where f.location is distinct from d.location)
           from marts.fct_rule_of_law_indicators f join marts.dim_document d using (document_id)""",
    )[0][0]
    assert facts == 0
