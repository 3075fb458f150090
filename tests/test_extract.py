"""Indicator extraction: sentences that state (or only seem to state) catalog indicators, and the
five development reports scored against their hand labels and distractors."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from pipelines.extract import extract_mentions, load_catalog
from pipelines.extract.rules import RULE_CODES
from pipelines.extract.segment import segment
from pipelines.paths import PROJECT_ROOT, SAMPLE_PAGES_DIR
from pipelines.records import Document, Mention

DEV = PROJECT_ROOT / "tests" / "dev"


def make_doc(
    body: str, *, year: int | None = 2019, period: str = "full_year", is_report: bool = True
) -> Document:
    return Document(
        document_id="doc-0", page_id="p", part=0, is_report=is_report,
        doc_type="annual_report" if is_report else "not_report", title=None, issuer=None, issuer_kind=None,
        region=None, region_reason=None, report_year=year, year_reason=None, period=period,
        publish_date=None, written_date=None, body_text=body,
    )  # fmt: skip


def facts(body: str, **kw: object) -> set[tuple[str, float, str, str]]:
    ms = extract_mentions(make_doc(body, **kw))  # type: ignore[arg-type]
    return {(m.indicator_code, round(m.value, 2), m.measure, m.scope) for m in ms}


W = "whole_region"
S = "sub_unit"
L = "level_only"
D = "department"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # reconsideration stages: 收到 >= 受理, 审结 may include carried-over cases, a bare 办结 inherits the topic
        ("全年收到行政复议申请38件,1件正在办理,其他已办结。",
         {("recon_applications_received", 38, "count", W), ("recon_cases_pending", 1, "count", W),
          ("recon_cases_concluded", 37, "count", W)}),
        ("共处理有关行政复议事务20件,立案4件,审结案件9件(含上一年结转案件5件),对2件作出撤销决定。",
         {("recon_applications_received", 20, "count", W), ("recon_cases_accepted", 4, "count", W),
          ("recon_cases_concluded", 9, "count", W), ("recon_corrections", 2, "count", W)}),
        ("区政府共受理行政复议案件34件,与去年同期相比增长200%。办结30件,法定期限内结案率为100%。",
         {("recon_cases_accepted", 34, "count", W), ("recon_cases_accepted", 200, "change_pct", W),
          ("recon_cases_concluded", 30, "count", W), ("recon_on_time_rate", 100, "rate", W)}),
        ("全年审结行政复议案件7304件,直接纠错率13.8%。",
         {("recon_cases_concluded", 7304, "count", W), ("recon_correction_rate", 13.8, "rate", W)}),
        # litigation: 一审 and 二审 stay separate; negation zero; courts' statistics are not the government's
        ("代理政府行政一审案件11件、二审案件9件。",
         {("litigation_cases", 11, "count", W), ("litigation_cases", 9, "count", W)}),
        ("以区政府为被告的行政诉讼案件12件,目前已审结4件。已审结案件中,未有区政府败诉情况发生。",
         {("litigation_cases", 12, "count", W), ("litigation_cases_concluded", 4, "count", W),
          ("litigation_cases_lost", 0, "count", W)}),
        ("行政机关负责人出庭率100%,全市法院审理行政诉讼案件败诉6件。", {("head_court_appearance_rate", 100, "rate", W)}),
        ("区政府领导出庭19次,出庭应诉率100%。",
         {("head_court_appearances", 19, "count", W), ("head_court_appearance_rate", 100, "rate", W)}),
        ("市级行政机关败诉率11.8%,败诉率同比下降7.01个百分点。", {("litigation_loss_rate", 11.8, "rate", W)}),
        # enforcement, money in yuan, sub-units kept apart
        ("截至10月底,全区共实施行政许可38248件,行政处罚1873件,罚没款1132.18万元。",
         {("admin_license_cases", 38248, "count", W), ("admin_penalty_cases", 1873, "count", W),
          ("fines_confiscations_amount", 11321800, "amount", W)}),
        ("截至目前,北港街道办事处共开具行政处罚决定书31份,共罚款8600元。",
         {("fines_confiscations_amount", 8600, "amount", S)}),
        ("年内,区综合行政执法局共召开案审会议10次,审理通过案件32宗、处罚金额323.64万元。",
         {("fines_confiscations_amount", 3236400, "amount", D)}),
        ("市本级完成录入权责事项3301项。", {("power_list_items", 3301, "count", L)}),
        ("教育部门所有行政审批事项全部实现网上可办,网办率达100%。", {("online_service_rate", 100, "rate", D)}),
        ("全区635项政务服务事项,可不见面591项,占比93.1%。",
         {("gov_service_items", 635, "count", W), ("online_service_rate", 93.1, "rate", W)}),
        ("全区各行政执法机关向区公安分局移送案件18件。", {("criminal_case_transfers", 18, "count", W)}),
        ("116宗行政许可及行政处罚案件进行评查,评查结果合格率100%。",
         {("case_files_reviewed", 116, "count", W), ("case_file_pass_rate", 100, "rate", W)}),
        ("组织全区行政执法人员约170人参加公共法律知识集中培训,结业考试及格率100%。",
         {("enforcement_staff_trained", 170, "count", W)}),
        ("组织64人参加行政执法考试,54人已取得执法证资格。", {("enforcement_certificates_issued", 54, "count", W)}),
        ("对128名持有执法证人员进行执法资格清理。", {("certified_enforcement_staff", 128, "count", W)}),
        # rule-making, decisions, legal review
        ("今年我市纳入立法计划的立法项目有两个。", {("legislation_projects", 2, "count", W)}),
        ("区政府配合市立法机关,共组织六场立法调研会。", {("legislative_consultations", 6, "count", W)}),
        ("上半年共审核制发规范性文件13件,已经全部报送备案。", set()),  # a first half, in an annual report
        ("共审核制发规范性文件13件,已经全部报送备案。",
         {("normdoc_reviewed", 13, "count", W), ("normdoc_filed", 13, "count", W)}),
        ("2019年全区已备案规范性文件1宗,前置审查率、备案率、合法率达100%。",
         {("normdoc_filed", 1, "count", W), ("normdoc_review_rate", 100, "rate", W),
          ("normdoc_filing_rate", 100, "rate", W)}),
        ("经清理,失效规范性文件2件;废止规范性文件5件;现行有效的规范性文件25件。",
         {("normdoc_repealed", 5, "count", W)}),
        ("区法制办审核区政府发文和相关合同等1100多件,区政府常务会议审议涉法重大事项40余项。",
         {("doc_legality_reviews", 1100, "count", W), ("major_decisions", 40, "count", W)}),
        ("审查拟以区政府、政府办名义作出的文件25份,审查各类招商合同、框架协议30份。",
         {("doc_legality_reviews", 25, "count", W), ("contract_legality_reviews", 30, "count", W)}),
        ("区政府法律顾问向政府提供法律意见书50余件,并提出法制意见26次。", {("legal_advisor_opinions", 50, "count", W)}),
        # oversight, disclosure
        ("办理人大建议67件、政协提案105件。",
         {("npc_suggestions_handled", 67, "count", W), ("cppcc_proposals_handled", 105, "count", W)}),
        ("主动公开各类政府信息2万余条,受理政府信息依申请公开88件。",
         {("info_proactive_disclosures", 20000, "count", W), ("info_disclosure_requests", 88, "count", W)}),
        ("累计主动公开政府信息和服务信息18484条,公开政策解读信息13条。", {("info_proactive_disclosures", 18484, "count", W)}),
        # disputes, petitions, legal aid, publicity, study
        ("全区各行政机关共调解案件263件,结案240件,调解成功率90%。",
         {("mediation_cases", 263, "count", W), ("mediation_success_rate", 90, "rate", W)}),
        ("全市排查矛盾纠纷785件,调解矛盾纠纷118件,其中化解信访纠纷46件。",
         {("disputes_screened", 785, "count", W), ("mediation_cases", 118, "count", W),
          ("petitions_resolved", 46, "count", W)}),
        ("1-10月份,全区受理并办结信访案件355宗,办结率100%。",
         {("petitions_received", 355, "count", W), ("petitions_resolved", 355, "count", W)}),
        ("坚持信访接待日制度,全年接待群众658人次。全年信访总量同比下降28.3%,赴京非访同比下降85%。",
         {("petitions_received", 658, "count", W), ("petitions_received", -28.3, "change_pct", W)}),
        ("今年以来全区共受理法律援助案件43件,其中刑事案件8件、民事案件35件。区中心窗口接待来访咨询50人。",
         {("legal_aid_cases", 43, "count", W)}),
        ("全市开展各类线上线下宣传活动百余场次,印发各类宣传手册6000册。", {("law_publicity_events", 100, "count", W)}),
        ("区政府常务会集中学法8次,明确22项重点工作任务。", {("law_study_sessions", 8, "count", W)}),
        ("开展各类法律知识学习10余次,约1000多人次领导干部接受教育,开设执法培训班4期,培训执法人员90余人次。",
         {("law_study_sessions", 10, "count", W), ("enforcement_staff_trained", 90, "count", W)}),
    ],
)  # fmt: skip
def test_sentence_table(sentence: str, expected: set) -> None:
    assert facts(sentence) == {(c, round(float(v), 2), m, s) for c, v, m, s in expected}


@pytest.mark.parametrize(
    "sentence",
    [
        "全年立案56件,处分45人;查处作风问题122个。",  # discipline inspection, not reconsideration
        "12345政府服务热线受理群众诉求2.1万条,群众满意率达99.75%。",
        "全区受理12345热线业务总量4203件次,按时办结率100%。",
        "完成评审项目106个,核减资金8043万元,为消费者挽回经济损失273万元。",
        "因程序违法导致败诉的案件占败诉案件总数的26.8%。",
        "承担全区28个部门650项政务服务事项的受理和咨询业务,占全区政务服务事项总数的79%。",
        "全区136项行政审批事项、205项公共服务事项、24项街道(镇)公共服务事项全部公示到位。",
        "全市填报依申请类政务服务事项5454项、“互联网+监管”事项3869项。",
        "全区共处置各类社会事件103,098件,较去年上涨41%。",
        "落实行政执法“三项制度”,推进“两法衔接”工作。",
        "钟楼区政府第六次常务会议审议通过了决定,根据常政复〔2017〕49号文件。",
        "共计321项行政处罚权的内容进行公示。",
        "新建个人调解室7个,区、街道、村公共法律服务中心、站点挂牌率100%。",
        "处理各类劳资纠纷485宗,涉案人数2525人,涉案金额5521.16万元。",
        "2011年至今(截至2016年10月),全区累计依法受理涉农股权纠纷申请546宗,受理率为100%。",
        "与去年同期相比,发案数下降22.74%,破案率上升11个百分点。",
        "钟楼区出庭应诉工作名列全市第一,全市排名第六。",
        "未有确认违法案件发生。",
    ],
)
def test_distractor_sentences_yield_nothing(sentence: str) -> None:
    assert facts(sentence) == set()


def test_plan_section_targets_are_not_extracted() -> None:
    body = (
        "一、2016年工作情况\n全区已备案规范性文件1宗。\n"
        "三、2017年工作计划\n规范性文件的报备率和报备及时率、规范率达100%;调解成功率95%以上。"
    )
    assert facts(body, year=2016) == {("normdoc_filed", 1, "count", W)}
    intro = (
        "办理人大建议67件。\n2019年,我们将按照实施方案,着重做好以下几个方面的工作:\n一是出庭应诉率达到100%。"
    )
    assert facts(intro, year=2018) == {("npc_suggestions_handled", 67, "count", W)}


def test_plan_heading_detection_keeps_result_sections() -> None:
    text = (
        "一、2020年工作推进情况\n全年收到行政复议申请38件。\n二、存在问题及明年工作思路\n下一步,将重点抓好。"
    )
    seg = segment(text, 2020)
    assert not seg.in_plan(text.index("38件"))
    assert seg.in_plan(text.index("下一步"))


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("截至10月底,区政府共受理行政复议案件34件。", "through_month_10"),
        ("截止10月底,依申请公开15件。", "through_month_10"),
        ("1-10月份,全区受理并办结信访案件355宗。", "through_month_10"),
        ("2019年1至10月,办理法律援助案件12件。", "through_month_10"),
        ("上半年共审核制发规范性文件13件。", "first_half"),
        ("截至今年第三季度末,办理人大建议12件。", "through_month_9"),
        ("全年收到行政复议申请38件。", "full_year"),
        ("办理人大建议67件。", "full_year"),  # the document's period
    ],
)
def test_period_from_the_sentence(sentence: str, period: str) -> None:
    # a part of the year is kept, with its own period, in a report whose own period is not known
    # (in an annual report it is left out: tests/test_extract_classes.py)
    ms = extract_mentions(make_doc(sentence, period="full_year" if period == "full_year" else "unknown"))
    assert ms and {m.period for m in ms} == {period}


def test_mention_fields_and_offsets() -> None:
    body = "截至10月底,全区共实施行政许可38248件,行政处罚1873件,罚没款1132.18万元。\n区政府常务会议审议涉法重大事项40余项。"
    ms = extract_mentions(make_doc(body, period="through_month_10"))
    assert [m.value_text for m in ms] == ["38248件", "1873件", "1132.18万元", "40余项"]
    for m in ms:
        assert body[m.start : m.end] == m.value_text
        assert body[m.sentence_start : m.sentence_end].strip() == m.evidence
        assert m.mention_id == Mention.make_id("doc-0", m.indicator_code, m.start)
        assert m.unit == load_catalog()[m.indicator_code].unit
    assert ms[2].unit == "yuan" and ms[2].measure == "amount"
    assert ms[3].approx == "余" and ms[0].approx is None


def test_flags_implausible_rate_without_dropping_it() -> None:
    ms = extract_mentions(make_doc("行政机关负责人出庭应诉率达到120%。"))
    assert [(m.indicator_code, m.value, m.flags) for m in ms] == [
        ("head_court_appearance_rate", 120.0, ["rate_above_100"])
    ]


def test_negation_and_derived_values_are_flagged() -> None:
    ms = extract_mentions(
        make_doc(
            "以区政府为被告的行政诉讼案件12件,未有区政府败诉。全年收到行政复议申请38件,1件正在办理,其他已办结。"
        )
    )
    flags = {m.indicator_code: m.flags for m in ms}
    assert flags["litigation_cases_lost"] == ["negation"]
    assert flags["recon_cases_concluded"] == ["derived"]


def test_repeated_fact_is_kept_once() -> None:
    body = "受理人民调解案件456起,调解成功率100%。\n精准普法,已受理法律援助440件、人民调解456件、公证388件。"
    ms = extract_mentions(make_doc(body))
    assert sorted((m.indicator_code, m.value) for m in ms) == [
        ("legal_aid_cases", 440), ("mediation_cases", 456), ("mediation_success_rate", 100)
    ]  # fmt: skip
    assert ms[0].start == body.index("456起")


def test_full_width_text_keeps_offsets() -> None:
    body = "全年共办理法律援助案件１，２３４件，调解成功率９５％。"
    ms = extract_mentions(make_doc(body))
    assert [(m.indicator_code, m.value, m.value_text) for m in ms] == [
        ("legal_aid_cases", 1234, "１，２３４件"), ("mediation_success_rate", 95, "９５％")
    ]  # fmt: skip


def test_non_report_and_empty_give_nothing() -> None:
    assert extract_mentions(make_doc("办理人大建议67件。", is_report=False)) == []
    assert extract_mentions(make_doc("")) == []


def test_catalog_subset_limits_codes() -> None:
    full = load_catalog()
    from pipelines.extract.catalog import Catalog

    only = Catalog({"legal_aid_cases": full["legal_aid_cases"]})
    ms = extract_mentions(make_doc("办理人大建议67件,办理法律援助案件43件。"), only)
    assert [m.indicator_code for m in ms] == ["legal_aid_cases"]


def test_every_rule_reads_a_catalog_code_and_the_first_catalog_is_covered() -> None:
    """Rules never invent codes; every code of the catalog the labelled sets were made with has rules
    (codes added since may still wait for theirs: their figures stay untyped quantities)."""
    catalog = load_catalog()
    first = set((Path(__file__).parent / "fixtures/real_own/catalog_codes.txt").read_text().split())
    assert len(first) == 50 and first <= catalog.codes
    assert catalog.codes >= RULE_CODES
    assert first <= RULE_CODES
    assert load_catalog() is catalog


# --- the development reports ------------------------------------------------------------------------


@cache
def dev_reports() -> list[tuple[dict, dict, Document]]:
    labels = [
        json.loads(x) for x in (DEV / "labels.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()
    ]
    seed = {
        (f := json.loads(x))["file"]: f
        for x in (DEV / "seed_facts.jsonl").read_text(encoding="utf-8").splitlines()
        if x.strip()
    }
    out = []
    for label in labels:
        gold = label["documents"][0]
        if not gold.get("is_report") or label["file"] not in seed:
            continue
        raw = Path(SAMPLE_PAGES_DIR / label["file"]).read_text(encoding="utf-8")
        start = raw.find(gold["body_first"])
        end = raw.find(gold["body_last"], start) + len(gold["body_last"])
        assert start >= 0 and end > start
        doc = make_doc(raw[start:end], year=gold["report_year"], period=gold["period"])
        out.append((gold, seed[label["file"]], doc))
    return out


def _value_match(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.5, 0.005 * abs(b))


def test_dev_reports_precision_and_recall() -> None:
    tp = fp = fn = 0
    for gold, _, doc in dev_reports():
        labelled = list(gold["indicators"])
        used: set[int] = set()
        for m in extract_mentions(doc):
            if not m.is_region_result:
                continue
            k = next((i for i, g in enumerate(labelled) if i not in used and g["code"] == m.indicator_code
                      and _value_match(m.value, g["value"])), None)  # fmt: skip
            if k is None:
                fp += 1
            else:
                tp += 1
                used.add(k)
        fn += len(labelled) - len(used)
    assert tp / (tp + fp) >= 0.98, (tp, fp, fn)
    assert tp / (tp + fn) >= 0.95, (tp, fp, fn)


def test_dev_reports_extract_no_distractor() -> None:
    for _, seed, doc in dev_reports():
        true_values = {(v["code"], float(v["value"])) for v in seed["values"]}
        mentions = extract_mentions(doc)
        for d in seed["distractors"]:
            pos = doc.body_text.find(d["text"])
            if pos < 0:
                continue
            inside = [m for m in mentions if pos <= m.start and m.end <= pos + len(d["text"])]
            wrong = [m for m in inside if (m.indicator_code, m.value) not in true_values]
            assert wrong == [], (d["text"], [(m.indicator_code, m.value) for m in wrong])


def test_dev_reports_whole_region_seed_facts_found_with_scope_and_period() -> None:
    """Every hand-labelled whole-region level/rate fact is found; sub-unit facts never come out whole-region."""
    for _, seed, doc in dev_reports():
        mentions = extract_mentions(doc)
        for v in seed["values"]:
            if v.get("value_kind") not in ("level", "rate"):
                continue
            same = [
                m
                for m in mentions
                if m.indicator_code == v["code"] and _value_match(m.value, float(v["value"]))
            ]
            if v["scope"] == "region":
                assert any(m.scope == "whole_region" for m in same), (doc.body_text[:10], v["evidence"])
            else:
                assert all(
                    m.scope != "whole_region"
                    for m in same
                    if m.indicator_code
                    in ("admin_penalty_cases", "fines_confiscations_amount", "power_list_items")
                ), v


def test_dev_reports_changes_are_change_pct() -> None:
    for _, seed, doc in dev_reports():
        mentions = extract_mentions(doc)
        for v in seed["values"]:
            if v.get("value_kind") != "yoy_pct_change":
                continue
            hits = [m for m in mentions if m.indicator_code == v["code"] and m.measure == "change_pct"]
            assert any(_value_match(m.value, float(v["value"])) for m in hits), v["evidence"]
            assert not any(
                m.measure != "change_pct"
                and m.value == abs(float(v["value"]))
                and m.indicator_code == v["code"]
                for m in mentions
            )


def test_a_change_does_not_borrow_its_subject_from_the_previous_paragraph() -> None:
    doc = make_doc("开展行政复议工作。\n办结案件同比增长20%。")
    assert extract_mentions(doc) == []
