"""Classes of phrasing the extractor reads right, each shown on real sentences.

The sentences are copied from tests/fixtures/sentences/labels.jsonl (by id) or from the labelled pages
of /work/shared/dev/real and tests/fixtures/real_own; each is read as the body of an annual report of
its year. A test names the class, never a page: the rule it checks is one a careful reader would state.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.extract import extract_mentions
from pipelines.records import Document, Mention

FIXTURES = Path(__file__).parent / "fixtures"
SENTENCES = {
    d["id"]: d for d in map(json.loads, (FIXTURES / "sentences/labels.jsonl").read_text("utf-8").splitlines())
}


def _doc(body: str, year: int | None, period: str = "full_year") -> Document:
    return Document(
        document_id="d-0", page_id="d", part=0, is_report=True, doc_type="annual_report", title=None,
        issuer=None, issuer_kind=None, region=None, region_reason=None, report_year=year, year_reason=None,
        period=period, publish_date=None, written_date=None, body_text=body,
    )  # fmt: skip


def _mentions(sid: str, year: int | None = None, period: str = "full_year") -> list[Mention]:
    s = SENTENCES[sid]
    return extract_mentions(_doc(s["sentence"], year or s["year"] or 2020, period))


def _facts(sid: str, year: int | None = None) -> set[tuple[str, float]]:
    """(code, value) of what reaches the fact table: whole-region levels."""
    return {
        (m.indicator_code, m.value)
        for m in _mentions(sid, year)
        if m.scope == "whole_region" and m.measure != "change_pct"
    }


def _labelled(sid: str) -> set[tuple[str, float]]:
    """The sentence's labelled whole-region results."""
    return {
        (f["code"], f["value"])
        for f in SENTENCES[sid]["figures"]
        if f["code"] and f["scope"] == "whole_region" and f["measure"] in ("count", "rate", "amount")
        and not f["year_qualifier"]
    }  # fmt: skip


# --- periods -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sid",
    [
        "s0029",  # 今年上半年,全市共办理法律援助案件1835件
        "s0251",  # 仅今年前8个月,全市就受理法律援助案件6670件
        "s0075",  # 通報了2020年一季度…共查處各類違法案件12704件
        "s0142",  # 本周化解45件
        "s0239",  # 2022年上半年,全区各行政机关共受理政府信息公开申请267件
        "s0432",  # 第三季度,…共收到群眾來信553件
    ],
)
def test_a_part_of_the_year_is_not_the_annual_reports_figure(sid: str) -> None:
    assert not _facts(sid)


def test_a_part_of_the_year_is_kept_in_a_report_of_that_period() -> None:
    found = {(m.indicator_code, m.value, m.period) for m in _mentions("s0239", 2022, period="first_half")}
    assert ("info_disclosure_requests", 267.0, "first_half") in found


@pytest.mark.parametrize(
    "sid",
    [
        "s0227",  # 近几年来,…共收到行政复议申请16件,立案受理15件
        "s0207",  # 兩年來,上海各級行政複議機關共收到行政複議申請16830件
        "s0277",  # 2020年-2022年,合肥市两级法院受理行政案件11544件
        "s0208",  # 2021年8月1日至2022年7月31日,…共办理行政复议申请案件11533件
        "s0377",  # 自2018年1月1日起至今年8月底,…移送涉嫌犯罪案件22492件
    ],
)
def test_a_span_of_years_is_not_the_report_years_figure(sid: str) -> None:
    assert not _facts(sid, 2022)


def test_a_year_inside_a_title_does_not_date_the_sentence() -> None:
    # dev/real b007 (四川省林草局 2024): the 2021—2025 of a plan's title said the zero was a tally
    body = (
        "三是积极开展普法宣传。认真贯彻执行《林草系统法治宣传教育第八个五年规划》(2021—2025年),积极开展野生动物保护法、"
        "湿地保护法、草原法等法律法规宣传,积极做好2024年“法治四川行”一月一主题“森林草原防灭火宣传活动”,深入开展森林草原"
        "防灭火等普法宣传。四是始终坚持依法办事。严格执行重大行政决策程序及合法性审查要求,有效规范行政行为。"
        "积极应对行政复议及行政诉讼,无败诉案件。"
    )
    found = {
        (m.indicator_code, m.value) for m in extract_mentions(_doc(body, 2024)) if m.scope == "whole_region"
    }
    assert ("litigation_cases_lost", 0.0) in found


def test_a_cut_off_at_octobers_end_is_the_years_figure() -> None:
    # dev sample 004 (2016 report): "1-10月份,全区受理并办结信访案件355宗"
    body = "1-10月份,全区受理并办结信访案件355宗,办结率100%。"
    found = {(m.indicator_code, m.value) for m in extract_mentions(_doc(body, 2016))}
    assert ("petitions_received", 355.0) in found
