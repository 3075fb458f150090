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


# --- lists: a change or a class of items is not the list's size ----------------------------------

PAGE_SENTENCES = {
    # /work/shared/dev/real and tests/fixtures/real_own pages, copied verbatim
    "a016": "市政府办公室印发了《聊城市深化重点领域行政审批制度改革实施方案》,着力深化市场准入、投资项目两个重点领域"
    "行政审批制度改革,进一步释放了改革红利,消减行政权力事项 42 项,清理规范中介服务收费项目3 项,精简审批过程中的"
    "各类证明、盖章环节和申请材料,有效地精简了行政审批事项。",
    "a033": "动态管理权力清单,根据法律、法规和规章的立改废以及行政审批事项取消、下放和承接情况,调整行政权力事项26项。",
    "oa007": "共取消15项(其中2项为子项),新增17项、扩大权限37项、部门间移交1项行政权力事项。",
    "b039": "将2项行政许可和2项政务服务事项经办权限由市级调整为区级,政务服务",
    "a051": "建立“区域通办”联动工作机制,实现北京市3600余项政务服务事项和266项便民服务事项、河北省2239项、天津市545项"
    "政务服务事项跨省通办。",
    "a026a": "在全省率先推行“一证即办”政务服务新模式,公布实施了“一证即办”高频政务服务事项93项。",
    "b010": "整合“一制三化”政务服务事项174项,平均办结时限压缩在4个工作",
    "oa013": "建立标准化工作体系,编制了73个行政权力事项的服务指南、办事流程图,明确了审查内容、审查标准、审查时限等事项。",
    "a021": "完成机构改革后省、市、县三级涉改部门权责清单的调整完善,完成全省116.3万项权责事项的数据汇聚云平台工作。",
    "a026b": "持续加大简政放权力度,向社会公布州级部门权责清单,涉及行政职权事项共10类5181项,责任事项41396项,"
    "追责情形42828项,调整公布行政许可事项369项。",
    "b005": "2022年增福镇组织开展行政执法检查220余次,检查后作出行政处罚7件,罚没金额0.5万余元;实施行政许可98件,"
    "其中林业采伐许可17件,建设规划许可81件。",
}

LIST_CODES = {"power_list_items", "gov_service_items"}


def _page_facts(key: str, year: int = 2020, **doc: object) -> set[tuple[str, float]]:
    d = _doc(PAGE_SENTENCES[key], year)
    if doc:
        import dataclasses

        d = dataclasses.replace(d, **doc)  # type: ignore[arg-type]
    return {
        (m.indicator_code, m.value)
        for m in extract_mentions(d)
        if m.scope == "whole_region" and m.measure != "change_pct"
    }


@pytest.mark.parametrize("key", ["a016", "a033", "oa007", "b039"])
def test_a_change_to_a_list_is_not_its_size(key: str) -> None:
    # 消减 / 调整 / 取消、新增、移交 / 由市级调整为区级 N项: the items moved, not the list
    assert not {c for c, _ in _page_facts(key)} & LIST_CODES


@pytest.mark.parametrize("key", ["a051", "a026a", "b010", "oa013", "a021"])
def test_a_class_of_items_is_not_the_list(key: str) -> None:
    # 跨省通办 / “一证即办”高频 / “一制三化” items, items heading another noun (…事项的服务指南)
    assert not {c for c, _ in _page_facts(key)} & LIST_CODES


def test_a_list_of_one_level_is_that_levels() -> None:
    assert ("power_list_items", 41396.0) not in _page_facts("a026b")  # 州级部门权责清单
    assert not _facts("s0015")  # 现区级保留的政务服务事项515项
    assert not {c for c, _ in _facts("s0403", 2016)} & LIST_CODES  # 市级行政权力事项5268项


def test_a_townships_own_report_names_its_town_as_the_whole() -> None:
    from pipelines.records import Region

    town = Region("500102108", "增福镇", "township", "500000", "500100", 0.9, "test")
    assert {("admin_penalty_cases", 7.0), ("admin_license_cases", 98.0)} <= _page_facts(
        "b005", 2022, region=town
    )
    # in another unit's report the town is a sub-unit
    assert not _page_facts("b005", 2022)


def test_the_count_before_the_suggestion_or_proposal_noun() -> None:
    # s0091: "63件人大代表建议、291件政协提案交给各承办单位办理"
    assert _facts("s0091", 2012) == _labelled("s0091")
