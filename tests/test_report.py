"""The HTML report: what a journalist opens. Rendered in headless Chromium when it is installed."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from pipelines.paths import PROJECT_ROOT
from pipelines.publish import WarehouseError, fmt, load, write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _text(dom: str) -> str:
    """Visible text of an HTML document (tags dropped, entities decoded)."""
    dom = re.sub(r"<(style|script)\b.*?</\1>", "", dom, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", dom))


@pytest.fixture(scope="module")
def report(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(built_warehouse, tmp_path_factory.mktemp("report") / "report.html")


def _with_later_years(built: Path, db: Path, years: list[tuple[int, float, str | None, int | None]]) -> Path:
    """A copy of the warehouse where one region's first full-year count is also reported `step`
    years later, times `factor`, over `period` (None: the same period as the original)."""
    shutil.copy(built, db)
    con = duckdb.connect(str(db))
    try:
        (mention,) = con.execute(
            "select chosen_mention_id from marts.fct_rule_of_law_indicators "
            "where unit <> 'percent' and value > 0 and is_full_year order by region_code, indicator_code limit 1"
        ).fetchone()
        for step, factor, period, months in years:
            new_id = f"{mention}-{step}"
            con.execute(
                "insert into marts.fct_indicator_mentions select * replace (? as mention_id, report_year + ? as "
                "report_year, value * ? as value) from marts.fct_indicator_mentions where mention_id = ?",
                [new_id, step, factor, mention],
            )
            con.execute(
                "insert into marts.fct_rule_of_law_indicators select * replace (? as chosen_mention_id, year + ? "
                "as year, value * ? as value, coalesce(?, period) as period, coalesce(?, period_months) as "
                "period_months) from marts.fct_rule_of_law_indicators where chosen_mention_id = ?",
                [new_id, step, factor, period, months, mention],
            )
    finally:
        con.close()
    return db


@pytest.fixture(scope="module")
def two_years(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One region also reports the next year: +50% on one count."""
    return _with_later_years(
        built_warehouse, tmp_path_factory.mktemp("two_years") / "w.duckdb", [(1, 1.5, None, None)]
    )


def test_report_is_self_contained_utf8_html(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "Noto Sans CJK SC" in page and "Microsoft YaHei" in page
    # nothing fetched from elsewhere: no external stylesheet, script, font or image
    assert not re.search(r"<(link|script|img|iframe)\b", page)
    assert "@import" not in page and "url(" not in page


def test_every_number_links_to_its_evidence_sentence(report: Path, built_warehouse: Path) -> None:
    page = report.read_text(encoding="utf-8")
    anchors = set(re.findall(r'<li id="(ev-[^"]+)"', page))
    links = set(re.findall(r'<a class="v" href="#(ev-[^"]+)"', page))
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        n_facts = con.execute("select count(*) from marts.fct_rule_of_law_indicators").fetchone()[0]
        evidence = con.execute("select evidence from marts.fct_rule_of_law_indicators").fetchall()
    assert len(anchors) == n_facts
    assert links == anchors
    text = _text(page)
    assert all(sentence in text for (sentence,) in evidence)


def test_coverage_lists_only_regions_with_a_report(built_warehouse: Path) -> None:
    data = load(built_warehouse)
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        found = {
            r[0]
            for r in con.execute(
                "select region_code from marts.fct_report_coverage where report_found"
            ).fetchall()
        }
    assert {r.code for r in data.regions} == found
    statuses = {data.cells[(code, year)].status for (code, year) in data.cells if code in found}
    assert "on_time" in statuses and "missing" in statuses


def test_sparse_data_says_there_are_no_changes_yet(report: Path, built_warehouse: Path) -> None:
    data = load(built_warehouse)
    if any(len({f.year for f in s}) > 1 for s in data.series().values()):
        pytest.skip("the sample warehouse now has multi-year series")
    assert "No region has two years of this indicator yet" in _text(report.read_text(encoding="utf-8"))


def test_two_years_give_a_change_row_and_a_sparkline(two_years: Path, tmp_path: Path) -> None:
    data = load(two_years)
    changes, _ = data.changes()
    assert len(changes) == 1 and changes[0].relative == pytest.approx(0.5)
    page = write_report(two_years, tmp_path).read_text(encoding="utf-8")
    assert page.count('<svg class="spark"') == 1
    assert "+50%" in page
    assert "No region has two years" not in page


@pytest.fixture(scope="module")
def four_years(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One region's count over four years, the third from a report through October only."""
    years = [(1, 1.2, "full_year", 12), (2, 0.8, "through_month_10", 10), (3, 1.5, "full_year", 12)]
    return _with_later_years(built_warehouse, tmp_path_factory.mktemp("four_years") / "w.duckdb", years)


def test_trend_lines_join_only_years_of_comparable_periods(four_years: Path, tmp_path: Path) -> None:
    """Full, full, Jan-Oct, full: one line (the two full years); the Jan-Oct year stands alone and
    is not joined to the next full year, which would look like a fall and a rise."""
    data = load(four_years)
    changes, skipped = data.changes()
    assert len(changes) == 1 and skipped == 2
    assert changes[0].after.year == changes[0].before.year + 1 and changes[0].after.period_months == 12
    page = write_report(four_years, tmp_path).read_text(encoding="utf-8")
    (spark,) = re.findall(r'<svg class="spark".*?</svg>', page, flags=re.S)
    lines = re.findall(r'<polyline points="([^"]+)"', spark)
    assert len(lines) == 1 and len(lines[0].split()) == 2
    assert spark.count("<circle") == 4


def test_one_rule_says_which_report_is_the_years_annual_report(report: Path, built_warehouse: Path) -> None:
    """The 2018 钟楼区 report through October is the year's annual report, on time like any other and
    marked with the months it covers; the 伊春市 half-year report alone is 'part of the year'."""
    data = load(built_warehouse)
    zhonglou, yichun = data.cells[("320404", 2018)], data.cells[("230700", 2020)]
    assert (zhonglou.status, zhonglou.annual_period_months) == ("on_time", 10)
    assert (yichun.status, yichun.annual_period_months) == ("partial", None)
    page = report.read_text(encoding="utf-8")
    (cell,) = re.findall(r'<td class="cell on_time" title="钟楼区 2018:[^"]*">.*?</td>', page)
    assert "<sup>1–10</sup>" in cell and "covers Jan–Oct only" in cell


def test_values_read_as_a_chinese_report_writes_them() -> None:
    cases = [
        (11321800.0, "yuan", None, "1,132.18万元"),
        (2.5e8, "yuan", None, "2.5亿元"),
        (93.1, "percent", None, "93.1%"),
        (1873.0, "cases", None, "1,873件"),
        (1200.0, "cases", "余", "1,200余件"),
        (100.0, "times", "约", "约100次"),
    ]
    for value, unit, approx, expected in cases:
        assert fmt.value(value, unit, approx) == expected
    assert fmt.change(3.0, 0.04, "percent") == "+3 pp"
    assert fmt.change(-5.0, -0.25, "cases") == "−25%"
    assert fmt.period("through_month_10") == "Jan–Oct"


def test_missing_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WarehouseError, match="fazhi build"):
        write_report(tmp_path / "none.duckdb", tmp_path / "r.html")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")
def test_report_renders_in_headless_chromium(report: Path, built_warehouse: Path, tmp_path: Path) -> None:
    artifacts = PROJECT_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    screenshot = artifacts / "report.png"
    screenshot.unlink(missing_ok=True)
    base = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,2000",
    ]
    url = report.resolve().as_uri()
    dom = subprocess.run(
        [*base, f"--user-data-dir={tmp_path / 'dom'}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    subprocess.run(
        [*base, f"--user-data-dir={tmp_path / 'shot'}", f"--screenshot={screenshot}", url],
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert 'id="coverage-heatmap"' in dom
    text = _text(dom)
    assert "钟楼区" in text
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        (sentence,) = con.execute(
            "select f.evidence from marts.fct_rule_of_law_indicators f join marts.dim_document d "
            "using (document_id) where d.region_name = '钟楼区' order by f.indicator_code limit 1"
        ).fetchone()
    assert sentence in text
    assert screenshot.exists() and screenshot.stat().st_size > 10_000
