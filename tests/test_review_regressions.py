"""Defects found in review, each pinned: rules that reached too far must not come back.

The strings are minimal reproductions of shapes real reports have (a clause naming an earlier
assessment, a twelve-month window across New Year, working-method phrases, cited cases with masked
parties, a quoted sentence before a list); they test the rule's reach, not a page.
"""

from __future__ import annotations

from pipelines.clean.lines import unglue
from pipelines.extract import extract_mentions
from pipelines.records import Document
from pipelines.understand.detect import judge


def _facts(body: str, year: int = 2023) -> set[tuple[str, float]]:
    doc = Document(
        document_id="d-0", page_id="d", part=0, is_report=True, doc_type="annual_report", title=None,
        issuer=None, issuer_kind=None, region=None, region_reason=None, report_year=year, year_reason=None,
        period="full_year", publish_date=None, written_date=None, body_text=body,
    )  # fmt: skip
    return {(m.indicator_code, m.value) for m in extract_mentions(doc) if m.scope == "whole_region"}


def test_an_earlier_clause_naming_another_year_does_not_take_the_figure() -> None:
    assert ("recon_cases_accepted", 98.0) in _facts(
        "2022年度考核中我市位列全省第一，全年共受理行政复议案件98件。"
    )


def test_a_twelve_month_window_across_new_year_is_the_years_figure() -> None:
    got = _facts("2022年12月至2023年11月，全市共受理行政复议案件120件，审结110件。")
    assert {("recon_cases_accepted", 120.0), ("recon_cases_concluded", 110.0)} <= got


def test_working_method_phrases_are_not_part_year_periods() -> None:
    assert ("recon_cases_concluded", 98.0) in _facts(
        "行政复议案件实行当月受理当月审结，共审结行政复议案件98件。"
    )
    assert ("recon_cases_accepted", 98.0) in _facts("建立一季度一通报制度，全市共受理行政复议案件98件。")


def test_cases_with_masked_parties_do_not_make_a_report_a_template() -> None:
    body = "2023年,宁波市坚持依法行政。" * 3 + "王某诉某区政府一案,某镇政府败诉,某市场主体。"
    assert judge("宁波市2023年法治政府建设年度报告", body).is_report


def test_news_quoting_an_official_is_not_an_untitled_report() -> None:
    body = "2023年以来，我区坚持以习近平法治思想为指导，深入推进法治政府建设，区司法局有关负责人表示，今年将继续努力。"
    assert not judge("我区法治政府建设取得新成效", body).is_report


def test_a_report_title_over_a_file_link_is_not_a_report() -> None:
    assert not judge("某某区2023年法治政府建设年度报告", "点击下载").is_report
    assert not judge("宁波市2023年法治政府建设年度报告", "附件：报告.pdf").is_report


def test_a_list_item_after_a_quoted_sentence_is_not_a_page_mark() -> None:
    lines = ["这是一个很长的段落" * 15 + "主体工程。”", "1、健全依法决策机制。"]
    assert unglue(lines) == lines
