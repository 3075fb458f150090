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
from tests import sentence_sets

FIXTURES = Path(__file__).parent / "fixtures"
SET = sentence_sets.SentenceSet("sentences")
SENTENCES = SET.records
_doc = sentence_sets.report_doc
_mentions, _facts, _labelled = SET.mentions, SET.facts, SET.labelled


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
    return {(m.indicator_code, m.value) for m in extract_mentions(d) if m.is_region_result}


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


# --- law study: the leadership's collective study, in all its wordings ---------------------------

STUDY_PAGES = {
    # (page sentences, verbatim; the paragraph is kept where the topic is stated in an earlier sentence)
    "a021": "省政府将法治政府建设情况纳入各级政府各部门绩效考核,把增强干部法治思维能力纳入《2019—2022年福建省干部教育"
    "培训规划》,省政府举办2期专题法治讲座,学习外商投资法、重大行政决策程序暂行条例、行政执法“三项制度”等内容。",
    "a035": "2022年,县委常委会、县委理论学习中心组学习习近平法治思想4次,各部门单位党组集中学习163场次,县委党校开设专题"
    "讲授习近平法治思想讲座9场次,累计培训领导干部860余人次。",
    "a045": "组织开展2次市政府常务会议学法活动。",
    "a059": "带头学法、尊法、守法、用法,围绕法治政府建设、统计法等主题,组织省政府常务会议法治专题讲座2次,省政府新任命的"
    "国家工作人员全部进行宪法宣誓。",
    "b028": "今年以来,清波街道党工委将《习近平法治思想学习纲要》纳入年度学习计划,作为理论学习中心组、党员学习的重要内容,"
    "在机关支部、社区党委、企事业支部中持续推进习近平法治思想学习宣贯。以党政领导班子主动学,带动党员干部全员学,"
    "全年组织党工委专题学习4次。",
    "b039": "坚持将习近平法治思想和法律法规纳入局党组理论学习中心组学习内容,开展专题学法和党内法规学习、法治会议精神学习12次,"
    "邀请专家专题授课2次,以上率下树牢法治思维。",
    "b011": "2024年以来,全局共专题组织党组理论学习中心组学习林草法律法规2次,党组会专题学法4次,干部职工周一例会学法8次,"
    "支部党员大会学法6次,本机关“万名党员进党校”学法1期141人,15名党员参加市直机关工委“万名党员进党校”学法1期。",
    "a041": "今年以来,推动各政府部门学法116次。",
    "ob018": "今年来,街道主要领导亲自部署意识形态工作,组织开展中心组理论学习扩大会议10次。",
    "oa014": "印發《教育系統法治工作要點》《區委教育工委理論學習中心組學習計劃》,中心組、委務會理論學習6次,專題研究法治工作4次。",
    "ob013": "通过举办法治讲座4次、挂宣传横幅12条、宣传海报35张、发放小册子2000余册,进一步扩大法治宣传教育的影响力。",
}


def _study(key: str, year: int = 2022) -> set[float]:
    return {
        m.value
        for m in extract_mentions(_doc(STUDY_PAGES[key], year))
        if m.indicator_code == "law_study_sessions" and m.scope == "whole_region"
    }


@pytest.mark.parametrize(
    ("key", "sessions"),
    [
        ("a021", {2.0}),  # a government's own law lectures, the count before the noun
        ("a035", {4.0}),  # the theory group's study of 习近平法治思想, without the word 学法
        ("a045", {2.0}),  # the count before the executive meeting's study
        ("a059", {2.0}),  # an executive meeting's law lecture
        ("b028", {4.0}),  # the topic stated in an earlier sentence of the paragraph
        ("b039", {12.0}),  # a list of study kinds sharing one count
        (
            "b011",
            {2.0, 4.0},
        ),  # the party group's study; staff meetings and party branches are not the leadership
        ("a041", set()),  # each department's own study
        ("ob018", set()),  # 中心组理论学习 is theory study
        ("oa014", set()),
        ("ob013", set()),  # a law lecture among publicity means is publicity
    ],
)
def test_law_study_wordings(key: str, sessions: set[float]) -> None:
    assert _study(key) == sessions


@pytest.mark.parametrize("sid", ["s0038", "s0305", "s0307", "s0048"])
def test_law_study_sentences(sid: str) -> None:
    # 组织4次市政府常务会会前学法 / 省政府常务会议法治专题讲座2次 / 专题学习《…行政处罚法》等法律14次 /
    # 各级理论学习中心组开展习近平法治思想专题学习100余次
    want = {v for c, v in _labelled(sid) if c == "law_study_sessions"}
    assert want and want <= {v for c, v in _facts(sid) if c == "law_study_sessions"}


def test_a_law_lecture_among_publicity_is_a_publicity_event() -> None:
    found = {(m.indicator_code, m.value) for m in extract_mentions(_doc(STUDY_PAGES["ob013"], 2022))}
    assert ("law_publicity_events", 4.0) in found


# --- legislation, normative documents, terms broken by quotation marks ---------------------------

DOC_PAGES = {
    "a020": "全面梳理公布“一趟不用跑”和“最多跑一趟”办事清单2725项,在全国率先建立减权放权监管责任清单;始终坚持完善依法行政"
    "制度建设,加强重点领域立法,省政府、各设区市政府全年共完成67个立法项目,保障改革、促进发展、服务民生。",
    "b020": "完成21项部门规章立改废工作。",
    "b040": "对原有2件行政规范文件进行审核,决定保留1件、废止1件,并及时向社会进行公布。",
    "oa006": "健全公平竞争审查协查机制,召开公平竞争审查部门联席会议,公平竞争审查制度实现省市县三级全覆盖,推动修改、废止违背"
    "公平竞争原则的文件316份。",
}


def _doc_facts(key: str) -> set[tuple[str, float]]:
    return {
        (m.indicator_code, m.value)
        for m in extract_mentions(_doc(DOC_PAGES[key], 2021))
        if m.is_region_result
    }


def test_legislation_counted_as_projects_completed_rules_enacted_or_drafts_submitted() -> None:
    assert ("legislation_projects", 67.0) in _doc_facts("a020")  # 完成67个立法项目
    assert ("legislation_projects", 21.0) in _doc_facts("b020")  # 完成21项部门规章立改废工作
    for sid in ("s0153", "s0304"):  # 制定地方性法规386件 / 提请省人 大…审议地方性法规 11 件
        assert {v for c, v in _labelled(sid) if c == "legislation_projects"} <= {
            v for c, v in _facts(sid) if c == "legislation_projects"
        }
    assert not _facts("s0293")  # 参与制定出台政府规章9件: taking part is not enacting


def test_repealed_documents_only_when_counted_alone() -> None:
    assert ("normdoc_repealed", 1.0) in _doc_facts("b040")  # a review's outcome: 保留1件、废止1件
    assert not {c for c, _ in _doc_facts("oa006")} & {"normdoc_repealed"}  # 修改、废止…316份
    assert "normdoc_repealed" not in {c for c, _ in _facts("s0409")}  # 失效和废止38件


def test_a_term_broken_by_quotation_marks() -> None:
    assert _facts("s0337") == _labelled("s0337")  # 政务服务事项“一网通办”率达87.13%


# --- sub-units: one part of the whole, whatever the report -------------------------------------


def _codes(sid: str, year: int | None = None) -> set[str]:
    return {c for c, _ in _facts(sid, year)}


@pytest.mark.parametrize(
    "sid",
    [
        "s0070",  # 全省市场监管系统共查处各类违法案件5.41万件…罚没款11.04亿元
        "s0071",  # 全省市场监管系统共查办案件7256件…罚没款1.94亿元
        "s0456",  # 全国环保系统共下达环境行政处罚决定书…罚没款数额总计115.6亿元
    ],
)
def test_one_departments_system_is_not_the_region(sid: str) -> None:
    assert not _codes(sid) & {"admin_penalty_cases", "fines_confiscations_amount"}


def test_a_departments_system_does_not_narrow_another_clauses_subject() -> None:
    # dev/real b007: "在全省林草系统持续组织开展…学法活动,局党组会会前学法12次" - the system is not its subject
    body = "在全省林草系统持续组织开展“一月一主题”学法活动,局党组会会前学法12次。"
    found = {
        (m.indicator_code, m.value) for m in extract_mentions(_doc(body, 2024)) if m.scope == "whole_region"
    }
    assert ("law_study_sessions", 12.0) in found


@pytest.mark.parametrize(
    "sid",
    [
        "s0435",  # 北京市第四中级法院审理的民告官案件中,行政机关实体败诉率为11.4%
        "s0442",  # 北京四中院进入审理程序的一审行政案件达1593件
    ],
)
def test_one_court_among_several_is_not_the_region(sid: str) -> None:
    assert not _facts(sid)


def test_region_wide_courts_are_the_region() -> None:
    # the labels count 全省法院 / 两级法院 figures as the region's: only one court among several is a part
    for sid in ("s0106", "s0271", "s0280"):  # 该院(社旗县人民法院)共受理… / 青海省法院 / 全市法院新收…
        assert _facts(sid) and _facts(sid) <= _labelled(sid), sid


def test_the_courts_mediation_is_a_part_of_mediation() -> None:
    assert not _facts("s0134")  # 司法调解受理956件,调处612件(含撤诉),调处率达64%


def test_village_legal_advisers_figures_are_theirs() -> None:
    # dev/real a056 (和平县 2019), verbatim
    body = (
        "2019年1至12月,村(居)顾问律师为村(居)委和群众提供法律服务4166件次,服务群众47555人次,接待群众咨询服务2851人次,"
        "出具法律意见书56份,代书13份,参与法律援助65宗,开展法治讲座和法律培训1040场次,为推进覆盖全业务、全时空的法律服务"
        "网络,全面构建普惠均等、便捷高效、智能精准的公共法律服务体系尽快建成不断努力,受到了基层干部群众的普遍欢迎和好评。"
    )
    assert not [m for m in extract_mentions(_doc(body, 2019)) if m.scope == "whole_region"]


def test_a_township_named_as_that_township() -> None:
    assert not _facts("s0129", 2020)  # 该乡…共排查、化解矛盾纠纷15件…调解成功率100%


# --- 其中: a breakdown, unless it leads to a later stage of the pipeline -------------------------


@pytest.mark.parametrize(
    "sid",
    [
        "s0132",  # 其中,人民调解受理2345件,调处2283件
        "s0286",  # 其中,市政府收到行政复议申请24件,市政府工作部门、县区政府…收到行政复议申请39件
        "s0300",  # 其中,受理一审行政诉讼案件2210件 (一审: a part)
        "s0255",  # 其中每年定期組織評查的案卷76卷,主動調取執法單位的案卷15卷
        "s0392",  # 办结国务院行政复议案件2536件,其中符合法定受理条件的国务院裁决案件522件
        "s0438",  # 其中以国家部委为被告的一审案件1万件
    ],
)
def test_a_figure_after_which_is_a_part(sid: str) -> None:
    found = _facts(sid)
    assert found <= _labelled(sid), found


@pytest.mark.parametrize(
    "sid",
    [
        "s0005",  # 其中纠错(含撤销、确认违法)29件
        "s0006",  # 其中,依法受理4955件
        "s0280",  # 其中行政机关败诉228件
        "s0314",  # 其中,行政处罚7960宗,罚没收入5534.04万元
        "s0322",  # 其中,行政处罚137.07万宗…罚没金额2.92亿元
        "s0344",  # 其中主动公开各类政府信息2107条
    ],
)
def test_which_leading_to_a_later_stage_is_its_own_figure(sid: str) -> None:
    s = SENTENCES[sid]
    after = {
        (f["code"], f["value"])
        for f in s["figures"]
        if (f["code"], f["value"]) in _labelled(sid)
        and s["sentence"].find(f["value_text"]) > s["sentence"].find("其中")
    }
    assert after and after <= _facts(sid)


def test_which_with_certified_staff_is_the_certified_count() -> None:
    # tests/fixtures/real_extract r08 (a 涪陵区 town, 2025), verbatim
    body = "当前,我镇配备执法人员4名,其中持证执法人员4名,实现“一支队伍管执法”。"
    found = {
        (m.indicator_code, m.value) for m in extract_mentions(_doc(body, 2025)) if m.scope == "whole_region"
    }
    assert ("certified_enforcement_staff", 4.0) in found


# --- level_only: the government itself as a party or issuer -------------------------------------


@pytest.mark.parametrize(
    "sid",
    [
        "s0008",  # 市政府收到复议申请1186件
        "s0057",  # 代理市政府行政诉讼案件8起
        "s0110",  # 代理区政府作为当事人的行政诉讼案件40宗,审结27宗
        "s0222",  # 区政府行政规范性文件合法性审核率、备案率、备案通过率均达到100%
        "s0224",  # 区政府行政规范性文件合法性审核率、备案率均达到100%
    ],
)
def test_the_government_as_a_party_is_one_level(sid: str) -> None:
    assert not _facts(sid)


@pytest.mark.parametrize("sid", ["s0188", "s0236", "s0082", "s0179", "s0192"])
def test_the_governments_own_codes_are_the_region(sid: str) -> None:
    # 区政府常务会会前学法 / 市政府共收到政协提案 / 审核区政府文件 / 区政府法律顾问: the government's by definition
    assert _labelled(sid) <= _facts(sid)


# --- department: a bureau's own figures -----------------------------------------------------------


def test_a_bureaus_figures_in_a_government_report_are_the_bureaus() -> None:
    import dataclasses

    for sid in ("s0324", "s0325", "s0365"):  # 2020年度我局实施行政处罚总数为293宗 …
        s = SENTENCES[sid]
        doc = dataclasses.replace(_doc(s["sentence"], s["year"]), issuer_kind="government")
        assert not [m for m in extract_mentions(doc) if m.scope == "whole_region"], sid


def test_a_bureaus_own_report_counts_its_figures() -> None:
    # a body that speaks as 我局 is the bureau's report (tests/fixtures/real_extract h02/h04 are labelled so)
    assert ("admin_penalty_cases", 293.0) in _facts("s0325")


def test_a_bureaus_major_decisions_are_not_the_governments() -> None:
    # tests/fixtures/real_own ob010 (武汉市生态环境局 2023), verbatim
    body = (
        "印发《市生态环境局2023年度重大行政决策事项目录》,明确我局重大行政决策事项2个,其中“加强生态环境保护推进美丽武汉"
        "建设行动方案”列入《武"
    )
    found = extract_mentions(_doc(body, 2023))
    assert not [m for m in found if m.indicator_code == "major_decisions" and m.scope == "whole_region"]


# --- phrasings the dev/real labels name: one general rule each -----------------------------------

PHRASES = {
    # (page, verbatim sentence, year): expected whole-region (code, value)
    "a031": (
        "编制完成区级、镇街、村(社区)审批服务事项“四办”(马上办、网上办、就近办、一次办)清单,公布区级审批服务事项大项698项、"
        "具体办理项1105项,其中“网上办”事项占91.22%。",
        2018,
        ("online_service_rate", 91.22),
    ),
    "a045": (
        "全市2563项审批服务事项中,“马上办”占57.1%,“网上办”占52.1%,“一次办”占82.9%。",
        2019,
        ("online_service_rate", 52.1),
    ),
    "a045b": (
        "全市2563项审批服务事项中,“马上办”占57.1%,“网上办”占52.1%,“一次办”占82.9%。",
        2019,
        ("gov_service_items", 2563.0),
    ),
    "a033": ("2018年,全区共办理各类行政审批事项140556件。", 2018, ("admin_license_cases", 140556.0)),
    "a054": (
        "我县印发了《蕲春县推行政府工作部门权力清单和责任清单制度实施方案》,将48个县政府部门保留行使的共3301项行政职权按照行"
        "“9+X”(行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决、其他类别)的分类方式,"
        "对每项职权的名称设定依据、实施主体、运行流程、履权责任、职责边界等,以权责清单形式在政府网站上公布,接受社会监督。",
        2016,
        ("power_list_items", 3301.0),
    ),
    "b008": (
        "设立公安服务事项“办不成”反映窗口108个,80项公安政务权力清单事项全量实现“前台受理、后台分类审核、综合窗口出件”,"
        "7个政务服务中心公安窗口、22个派出所实现了户政、交管、出入境高频服务事项“一网通办”。",
        2021,
        ("power_list_items", 80.0),
    ),
    "a057": (
        "2022年執法培訓累計覆蓋960人,進一步提升執法隊伍行政執法能力,有力規范行政執法行為,提升基層執法工作水平。",
        2022,
        ("enforcement_staff_trained", 960.0),
    ),
    "b007": (
        "始终把加强法治学习培训作为提升干部职工法律素养的重要途径,组织局机关和直属单位153名干部职工参加学法考法活动,"
        "12人申请考试取得行政执法资格,举办法治专题培训2期。",
        2024,
        ("enforcement_certificates_issued", 12.0),
    ),
    "b053": (
        "继续推进政府依法行政信息公开,政府网站累计公开信息45条,有效提升了全镇依法行政工作信息化水平。",
        2022,
        ("info_proactive_disclosures", 45.0),
    ),
    "a047": (
        "认真开展行政执法案卷评查,全年开展行政执法案卷评查2次,审查案件248起。",
        2023,
        ("case_files_reviewed", 248.0),
    ),
    "b005": ("2022年我镇新制发规范性文件1件,并报司法局备案。", 2022, ("normdoc_filed", 1.0)),
    "a020": (
        "始终坚持推进依法决策,县级以上政府共出台4195份规范性文件,均经合法性审查;",
        2017,
        ("normdoc_reviewed", 4195.0),
    ),
    "oa004": (
        "组织相应办所机关干部开展行政执法考试,目前全镇8名干部取得执法资格。",
        2020,
        ("certified_enforcement_staff", 8.0),
    ),
    "dev000": (
        "截止10月底,全区635项政务服务事项,可不见面591项,占比93.1%。",
        2018,
        ("online_service_rate", 93.1),
    ),
}


@pytest.mark.parametrize("key", sorted(PHRASES))
def test_labelled_phrasings(key: str) -> None:
    body, year, fact = PHRASES[key]
    found = {(m.indicator_code, m.value) for m in extract_mentions(_doc(body, year)) if m.is_region_result}
    assert fact in found, found


NOT_FACTS = {
    # a level named in the rate's own clause is that level's (sentence set s0196 is labelled level_only)
    "s0196": "刻制各部门和镇街电子印章183枚,完成955项政务服务事项电子文件归档配置,区级依申请政务服务事项100%支持“全程网办”。",
    # another programme's share (“最多跑一次”) is not the online rate: real_own oa029
    "oa029": "持續優化政務服務平臺功能,76404項政務服務事項納入平臺統一管理,691項高頻事項上線“秦務員”移動端應用,641項事項實現"
    "“秒批秒辦”,93項事項實現“跨省通辦”,政務服務事項網上可辦率97.4%,“最多跑一次”占比98.98%,平均“減時間”82.86%。",
    # 排查化解 merges screening and resolution: real_own oa010
    "oa010": "以网格化服务管理为核心,健全矛盾纠纷多元化解机制,利用“说法评理”平台,整合人民调解、司法调解、行政调解资源,全年排查化解"
    "矛盾纠纷391件,化解率达96%,实现“小事不出社区、大事不出街道”。",
    # a lecture for one's own staff is training, not publicity: dev/real b011
    "b011": "坚持落实法治讲堂进机关活动,局党政主要领导干部为干部职工开展林业政策普法讲座2场次。",
}


@pytest.mark.parametrize(
    ("key", "value"), [("s0196", 100.0), ("oa029", 98.98), ("oa010", 391.0), ("b011", 2.0)]
)
def test_labelled_non_facts(key: str, value: float) -> None:
    found = {
        m.value
        for m in extract_mentions(_doc(NOT_FACTS[key], 2022))
        if m.is_region_result and m.indicator_code not in OWN_CODE.get(key, ())
    }
    assert value not in found


# A figure that is not the code its sentence was labelled against, but another code's of the grown
# catalog: "“最多跑一次”占比98.98%" is one_visit_rate (docs/indicators.md), never the online rate.
OWN_CODE = {"oa029": ("one_visit_rate",)}


# --- requirements and targets are not results ----------------------------------------------------

# Real rules and plans: 雅安市档案局《领导干部会前学法制度》(hcv8jop6ns1r.cn/home/category/detail/id/28172.html,
# traditional script as published) and 宜宾县 学法用法直通车 (gcdr.gov.cn/content.html?id=22100).
REQUIREMENTS = (
    "每年領導干部專題學法不少于2次,領導干部及職工會前學法不少于24次,每月不少于2次,學習內容包括憲法、社會主義法治理念、"
    "行政許可法、行政處罰法、行政復議法、民法、刑法等綜合性法律及涉及本部門檔案法律法規等方面的知識。",
    "由县委带头,县委中心组每年至少进行1次法治专题集中学习,中心组成员每年底结合年终述职专题汇报学法用法守法情况;科级以上领导"
    "干部每年参加法制讲座或报告会不少于1次;在县委常委会议、县政府常务会议、乡镇和部门办公会议前,学习相关法律法规;在重大事项"
    "决策之前进行广泛的法律咨询和论证,各乡镇和部门要落实至少1名法律顾问。",
)


@pytest.mark.parametrize("body", REQUIREMENTS)
def test_a_requirement_is_not_a_result(body: str) -> None:
    assert extract_mentions(_doc(body, 2014)) == []


def test_a_target_named_after_the_number_is_not_a_result() -> None:
    # s0033: "全年200件目标任务已超额完成" sits beside the 245 cases actually handled (through September)
    assert ("legal_aid_cases", 200.0) not in _facts("s0033")


def test_requirements_and_changes_are_listed_with_their_measure() -> None:
    from pipelines.extract.quantities import extract_figures

    _, quantities = extract_figures(_doc(REQUIREMENTS[0], 2014))
    assert [q.measure for q in quantities] == ["target", "target", "target"]
    _, quantities = extract_figures(_doc(SENTENCES["s0001"]["sentence"], 2024))
    assert [(q.value, q.measure) for q in quantities] == [(151.0, "count"), (128.78, "change")]

    def measures(sid: str) -> list[tuple[float, str]]:
        return [(q.value, q.measure) for q in extract_figures(_doc(SENTENCES[sid]["sentence"], 2022))[1]]

    # a change after a one-character comparison (同比增14.57%), a second change in a list (…增长36.8%和128.6%),
    # items moved out of a list (精简…140项)
    assert measures("s0301") == [(10623.0, "count"), (14.57, "change")]
    assert measures("s0074")[-2:] == [(36.8, "change"), (128.6, "change")]
    assert measures("s0036") == [(140.0, "change")]


# --- whose figure: the scope named ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sid", "code", "value", "scope"),
    [
        # one level: 区本级
        ("s0143", "recon_cases_accepted", 16.0, "level_only"),
        # one department's offices across the region (全市公安13个分局…)
        ("s0267", "petitions_received", 1711.0, "department"),
        # cases picked out by their kind or by a frame "在…案件中,"
        ("s0441", "litigation_loss_rate", 11.8, "sub_unit"),
        ("s0445", "litigation_cases_lost", 76.0, "sub_unit"),
        # the lower governments as the subject (各盟行政公署、市人民政府共制发…)
        ("s0418", "normdoc_filing_rate", 100.0, "sub_unit"),
        # one campaign's enforcement (打击…, 以…为重点)
        ("s0069", "fines_confiscations_amount", 2.63e9, "sub_unit"),
        ("s0074", "fines_confiscations_amount", 983000.0, "sub_unit"),
        # one group of actors (网格员)
        ("s0136", "disputes_screened", 2330.0, "sub_unit"),
    ],
)
def test_a_part_is_named_with_its_kind_of_scope(sid: str, code: str, value: float, scope: str) -> None:
    label = next(f for f in SENTENCES[sid]["figures"] if f["code"] == code and abs(f["value"] - value) < 1)
    assert label["scope"] == scope  # the label says so, the extractor must agree
    found = [m for m in _mentions(sid) if m.indicator_code == code and abs(m.value - value) < 1]
    assert found and {m.scope for m in found} == {scope}, [(m.scope, m.scope_text) for m in found]


def test_the_whole_of_the_lower_governments_and_the_departments_is_the_region() -> None:
    # s0414: "各盟行政公署、市人民政府及自治区各部门和有关单位共制发规范性文件198件" is everyone's
    assert not [
        m for m in _mentions("s0414") if m.scope == "sub_unit" and m.indicator_code.startswith("normdoc")
    ]


def test_the_governments_own_documents_rate_is_that_levels() -> None:
    # dev sample 001: the city government's own normative documents, not every organ's in the city
    body = (
        "市政府所有行政规范性文件均能依照法定权限、程序制定,合法性审核率100%,并全部通过了上级机关的备案审查。"
    )
    found = [m for m in extract_mentions(_doc(body, 2019)) if m.indicator_code == "normdoc_review_rate"]
    assert found and {m.scope for m in found} == {"level_only"}


def test_a_court_that_co_hosts_a_meeting_does_not_narrow_the_figure() -> None:
    # s0282: "铁岭市中级人民法院和铁岭市司法局联合召开的…" then the region's appearance rate
    assert ("head_court_appearance_rate", 100.0) in _facts("s0282")


@pytest.mark.parametrize(
    ("sid", "code", "value"),
    [
        ("s0061", "case_files_reviewed", 310.0),  # 评出优秀案卷310宗: a grade, not the files reviewed
        ("s0242", "head_court_appearance_rate", 91.87),  # 工作人员出庭应诉率: staff, not the head
        ("s0193", "major_decisions", 3.0),  # 重大行政决策后评估3项: evaluations, not decisions
        ("s0360", "info_disclosure_requests", 0.0),  # 上年转结…0件: carried over, not this year's
        ("s0118", "mediation_cases", 27.0),  # 行政复议调解: the reconsideration's own mediation
        ("s0118", "recon_cases_concluded", 17.0),  # 调解结案: a part of the cases concluded
        ("s0230", "recon_cases_concluded", 37000.0),  # 通过调解、和解方式结案: a part, by how they ended
        ("s0018", "litigation_cases_concluded", 803.0),  # 市中级法院共受理…: one court among several
        ("s0103", "head_court_appearance_rate", 85.1),  # quoted from another year's report
        ("s0120", "mediation_success_rate", 100.0),  # 调处率: the share handled, not the success rate
    ],
)
def test_related_but_different_measures_are_not_the_indicator(sid: str, code: str, value: float) -> None:
    assert (code, value) not in _facts(sid, 2022)


@pytest.mark.parametrize(
    ("sid", "code", "value"),
    [
        ("s0021", "mediation_cases", 29757.0),  # thousands set apart by a space: "29 757件"
        ("s0122", "mediation_success_rate", 97.6),  # 成功率 named alone after a mediation figure
        ("s0131", "disputes_resolved", 4043.0),  # 化解 named alone after disputes screened
        ("s0169", "power_list_items", 1464.0),  # 1464项行政权力清单: the list after its count
        ("s0198", "normdoc_filed", 18.0),  # 审核…27件、备案18件: the next step in the list
        ("s0200", "enforcement_certificates_issued", 1200.0),  # 全部申领了新的执法证件
        ("s0210", "major_decisions", 4.0),  # 4项决策事项
        ("s0217", "major_decisions", 5.0),  # 纳入5个重大行政决策事项
        ("s0214", "major_decisions", 4.0),  # 公布目录事项4个 (a 重大行政决策 sentence)
        ("s0212", "contract_legality_reviews", 9.0),  # 对9份重大行政合同进行合法性审查
        ("s0262", "enforcement_staff_trained", 280.0),  # 280余名行政执法人员参与培训
        ("s0327", "doc_legality_reviews", 295.0),  # 审核决策、文件等295件次
        ("s0333", "normdoc_reviewed", 20.0),  # 行政规范性文件审查20件
        ("s0333", "doc_legality_reviews", 145.0),  # 文件合法性审查145件
        ("s0356", "info_proactive_disclosures", 21597.0),  # 累计公开政府信息21597条
        ("s0064", "case_files_reviewed", 27.0),  # 27本案卷: files counted in 本
        ("s0108", "litigation_loss_rate", 16.4),  # 败诉率下降至16.4%: the level after the change
        ("s0080", "cppcc_proposals_handled", 92.0),  # 交由市政府办理的提案共92件 (a CPPCC sentence)
        ("s0088", "npc_suggestions_handled", 1.0),  # 議案1件: NPC motions
        ("s0048", "law_publicity_events", 36.0),  # 法治讲座36场受众4万余人: a lecture with an audience
        ("s0009", "recon_correction_rate", 4.1),  # 纠错为4.1%: the rate named by its stage
        ("s0328", "normdoc_filed", 5.0),  # 向市政府和区人大备案文件5件
        ("s0328", "normdoc_filed", 13.0),  # 备案部门文件13件
        ("s0328", "legislative_consultations", 7.0),  # 立法征求意见7件
        ("s0415", "normdoc_filing_rate", 51.0),  # 其中,…备案及时率51%: a rate naming its topic is the whole's
        ("s0415", "normdoc_filing_rate", 73.0),  # 备案规范率73%
    ],
)
def test_more_real_phrasings(sid: str, code: str, value: float) -> None:
    assert (code, value) in _labelled(sid)
    assert (code, value) in _facts(sid, 2022)


# --- held-out pages (tests/fixtures/real_held): classes found there ---------------------------------


@pytest.mark.parametrize(
    ("body", "year", "fact"),
    [
        # a zero stated as 零败诉 (rh003)
        ("坚持柔性执法,文明公正执法,严格规范执法,创新执法方式,让执法有力度、有温度、有尺度,未发生一起涉暴力执法等社会负面舆情事件,"
         "实现执法零舆情、办案零败诉。", 2023, ("litigation_cases_lost", 0.0)),
        # lectures on law for the leading officials are their study (rh023; dev/real a021 counts 专题法治讲座)
        ("开展全县领导干部法治专题讲座3场次。", 2023, ("law_study_sessions", 3.0)),
    ],
)  # fmt: skip
def test_held_out_phrasings(body: str, year: int, fact: tuple[str, float]) -> None:
    assert fact in {
        (m.indicator_code, m.value) for m in extract_mentions(_doc(body, year)) if m.is_region_result
    }


def test_a_lists_size_after_a_change_is_its_size() -> None:
    # rh009: the new size after "由…调整为"; the old size is another year's. The county-level list of
    # a county report is read as that level's (as dev/real a031 reads 区级…事项 in a district's report).
    body = "本年度对29个县直部门权责清单进行动态调整,县级权力事项由2019年的3180项调整为3200项。"
    found = {(m.indicator_code, m.value) for m in extract_mentions(_doc(body, 2020))}
    assert ("power_list_items", 3200.0) in found and ("power_list_items", 3180.0) not in found


def test_study_by_village_branches_and_solving_problems_are_not_indicators() -> None:
    # rh002: 村居党支部's law study is not the government's; rh019: 协调解决 is not 调解
    branch = "将学习习近平法治思想列入村居党支部学习第一议题,开展法治学习18场,旁听庭审1场。"
    solving = "持续开展“邻州夜话·企业沙龙”“千名干部访千企”等专项活动,走访服务企业、个体户等1.5万余人次,协调解决企业困难128个。"
    assert not [m for m in extract_mentions(_doc(branch, 2022)) if m.indicator_code == "law_study_sessions"]
    assert not [m for m in extract_mentions(_doc(solving, 2024)) if m.indicator_code == "mediation_cases"]


def test_a_sentence_that_opens_with_an_aim_states_targets() -> None:
    # sentences_extended x0071: "力爭到2017年底,…上網辦理率達80%以上,…": every figure is the aim's
    s = next(
        json.loads(line)
        for line in (FIXTURES / "sentences_extended/labels.jsonl").read_text("utf-8").splitlines()
        if json.loads(line)["id"] == "x0071"
    )
    from pipelines.extract.quantities import extract_figures

    mentions, quantities = extract_figures(_doc(s["sentence"], 2016))
    assert mentions == []
    assert {q.measure for q in quantities} == {"target"}


def test_a_cut_off_in_another_year_is_that_years_figure() -> None:
    # sentences_thin t0004: the stock at the end of 2019 is 2019's, not a 2020 report's
    thin = sentence_sets.load("sentences_thin")
    record = thin["t0004"]
    assert ("proof_items_cancelled", 13000.0) not in sentence_sets.facts(record, 2020)
    assert ("proof_items_cancelled", 13000.0) in sentence_sets.facts(record, 2019)


# --- narrower figures a careful reader sets apart (2026-12-03) -----------------------------------


@pytest.mark.parametrize(
    ("sid", "code", "value"),
    [
        ("s0429", "disputes_resolved", 53.0),  # 化解重大疑难纠纷53件: one kind of dispute
        ("s0427", "disputes_screened", 452.0),  # 排查出一般民事纠纷452件
        (
            "s0380",
            "criminal_case_transfers",
            1852.0,
        ),  # 督促监管部门移送涉嫌犯罪案件: a procuratorate's supervision
        ("s0118", "mediation_cases", 17.0),  # 行政复议调解27件,调解结案17件: mediation inside reconsideration
        ("s0172", "normdoc_reviewed", 314.0),  # 审核…规范性文件及协议314件: not normative documents alone
        ("s0281", "head_court_appearance_rate", 38.0),  # 2015年5月至当年底: part of the year
        ("s0196", "gov_service_items", 955.0),  # 955项政务服务事项电子文件归档: items treated, not the list
        ("s0273", "litigation_cases_concluded", 662.0),  # 开庭审结662件: tried at a hearing, a part
        ("s0100", "info_disclosure_requests", 459.0),  # 依申请公开信息459条: items classed so, not requests
    ],
)
def test_a_narrower_figure_is_not_the_regions(sid: str, code: str, value: float) -> None:
    assert (code, value) not in _facts(sid)


def test_a_kind_of_dispute_narrows_only_its_own_clause() -> None:
    # s0427: 排查出一般民事纠纷452件,调处452件,…调处成功433件: the mediation figures after it are the whole's
    assert {("mediation_cases", 452.0), ("mediation_successes", 433.0)} <= _facts("s0427")


@pytest.mark.parametrize("year", [2021, 2022])
def test_a_twelve_month_window_across_new_year_is_neither_years_total(year: int) -> None:
    # s0208: 2021年8月1日至2022年7月31日,…共办理行政复议申请案件11533件
    assert not _facts("s0208", year)


# --- phrasings read since 2026-12-03: one general rule each -------------------------------------


@pytest.mark.parametrize(
    ("sid", "expected"),
    [
        # the caseload all the region's courts received (全省法院 / 各级法院 / 两级法院 受理|新收)
        ("s0298", {("litigation_cases", 35687.0)}),
        ("s0283", {("litigation_cases", 240.0), ("recon_cases_accepted", 709.0)}),
        ("s0272", {("litigation_cases", 1480.0), ("litigation_cases_concluded", 1253.0)}),
        # corrections named by the act corrected or the duty ordered
        ("s0144", {("recon_corrections", 2.0), ("recon_corrections", 4.0)}),
        # opinions the advisers offered
        ("s0292", {("legal_advisor_opinions", 290.0)}),
        # requests counted before their noun, and 申请公开 as the noun
        ("s0347", {("info_disclosure_requests", 8.0)}),
        ("s0355", {("info_disclosure_requests", 21.0)}),
        # the items a published decision catalogue takes in
        ("s0223", {("major_decisions", 4.0)}),
        # documents declared repealed after their count
        ("s0407", {("normdoc_repealed", 5.0)}),
        # motions and suggestions named together
        ("s0084", {("npc_suggestions_handled", 17.0)}),
        # one value shared by a list of long rate names, and more verbs before a rate
        ("s0216", {("normdoc_review_rate", 100.0), ("head_court_appearance_rate", 100.0)}),
        ("s0020", {("litigation_loss_rate", 62.5)}),
        # proposals passed to the government to handle; documents and agreements reviewed together
        ("s0089", {("cppcc_proposals_handled", 801.0)}),
        ("s0172", {("doc_legality_reviews", 314.0)}),
        # filing with the people's congress is the filing of normative documents
        ("s0219", {("normdoc_filing_rate", 100.0)}),
        # read since 2026-12-04
        # names listed, 分别, then their numbers in the same order (代表建议、提案分别为592件、759件)
        ("s0094", {("npc_suggestions_handled", 592.0), ("cppcc_proposals_handled", 759.0)}),
        # the statistical return's total of licence applications
        ("s0317", {("admin_license_cases", 59195.0)}),
        ("s0324", {("admin_license_cases", 2207.0)}),
        # the enforcement staff on post, stated as a stock
        ("s0383", {("certified_enforcement_staff", 27.0)}),
        ("s0382", {("certified_enforcement_staff", 157.0)}),
        # documents repealed in a clean-up whose noun is set off by a comma (…规范性文件,经清理,…废止45777件)
        ("s0160", {("normdoc_repealed", 45777.0)}),
        # the reconsideration's own list of decisions, without the word 复议
        ("s0115", {("recon_corrections", 34000.0)}),
        # “三重一大” decisions reported to the party committee
        ("s0197", {("major_decisions", 8.0)}),
        # comments the legislative contact points pass on
        ("s0401", {("legislative_consultations", 400.0)}),
        # publicity of 习近平法治思想 by name
        ("s0049", {("law_publicity_events", 300.0)}),
        # proposals put on file after the count of those submitted
        ("s0086", {("cppcc_proposals_handled", 466.0)}),
    ],
)
def test_phrasings_of_the_sentence_set(sid: str, expected: set[tuple[str, float]]) -> None:
    assert expected <= _facts(sid)
    assert expected <= _labelled(sid)  # the label says so too: the test checks the reading, not a guess


# --- classes found on tests/fixtures/real_held2 (labelled blind, 2026-12-03) --------------------

HELD2 = [
    # two counts of one sentence are two statements, even when equal (rhh001)
    ("全年组织政府常务会议学法1次,领导干部学法1次,组织7场以法治建设为主题的区委理论学习中心组(扩大)报告会,参与率100%。", 2016,
     [("law_study_sessions", 1.0), ("law_study_sessions", 1.0), ("law_study_sessions", 7.0)]),
    # a verb before a bare 街道 is no street's name (rhh004, a street office's own report)
    ("班子成员履行“一岗双责”,通过街道理论中心组、班子会等载体开展专题学法4次,带头崇法学法用法守法。", 2023,
     [("law_study_sessions", 4.0)]),
    # advisers' opinions under another name (rhh005)
    ("实现法律顾问全覆盖,保证每天有律师为群众免费提供法律服务;法律顾问审查合同超185份、出具专业审查意见书143份。", 2023,
     [("legal_advisor_opinions", 143.0)]),
    # every officer certified is the stock of certified staff (rhh009)
    ("全乡3名执法人员全部取得行政执法证,法律知识在线考试通过率100%。", 2024, [("certified_enforcement_staff", 3.0)]),
    # a campaign against every kind of violation of a field is the field's enforcement; cases opened in 起;
    # no litigation at all is a zero (rhh021, traditional characters)
    ("嚴厲打擊醫療領域各類違法違規行為,全年共立案查處19起,罰沒金額8.18萬元,無行政訴訟案件。", 2025,
     [("admin_penalty_cases", 19.0), ("fines_confiscations_amount", 81800.0), ("litigation_cases", 0.0)]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "year", "expected"), HELD2)
def test_phrasings_of_the_second_held_out_set(
    body: str, year: int, expected: list[tuple[str, float]]
) -> None:
    from collections import Counter

    found = Counter(
        (m.indicator_code, m.value) for m in extract_mentions(_doc(body, year)) if m.is_region_result
    )
    assert not Counter(expected) - found, found  # every expected statement, as many times as stated


def test_general_study_counted_beside_law_study_is_not_law_study() -> None:
    # rhh017: "党委中心组专题学习13次、专题法治学习11次": only the 11 is law study
    body = "积极开展党委中心组专题学习13次、专题法治学习11次,进一步提升领导干部的法治思维和能力。"
    found = {(m.indicator_code, m.value) for m in extract_mentions(_doc(body, 2024)) if m.is_region_result}
    assert found == {("law_study_sessions", 11.0)}


def test_activities_are_publicity_only_when_their_clause_says_so() -> None:
    # rhh009: a law named earlier in the sentence does not make training activities publicity
    body = "组织学习《民法典》《信访工作条例》等法律法规5次,开展酒驾醉驾警示教育、执法实务培训等活动3场。"
    assert not [m for m in extract_mentions(_doc(body, 2024)) if m.indicator_code == "law_publicity_events"]


# --- narrower figures and other years, read since 2026-12-04 ---------------------------------------


@pytest.mark.parametrize(
    ("sid", "code", "value"),
    [
        ("s0422", "disputes_resolved", 45.0),  # 共化解此類矛盾糾紛45件: only the kind named before
        ("s0315", "recon_corrections", 2.0),  # 行政处罚被申请行政复议9宗,…撤销…2宗: one class of act
        ("s0264", "petitions_received", 2584.0),  # 在为期14天的公开接访中: a bounded event's tally
        ("s0140", "petitions_resolved", 19800.0),  # 针对涉农领域等信访问题,…督察化解: one field's problems
        ("s0025", "disputes_resolved", 71800.0),  # 通過“三調對接”累計化解: one mechanism's share
        ("s0072", "admin_penalty_cases", 40.0),  # 加强…相关违法行为查处,…查处违法案件40件: one campaign
        ("s0309", "fines_confiscations_amount", 179520.0),  # 罚款…,没收违法所得…: fines stated apart
        ("s0189", "contract_legality_reviews", 224.0),  # 审查冬奥赛事合同224份: one event's contracts
        ("s0335", "gov_service_items", 26.0),  # 26項政務服務事項跨區協同辦理: a class of the list
        ("s0384", "certified_enforcement_staff", 47.0),  # 综合执法支队…执法人员47人: a subordinate unit
        ("s0385", "certified_enforcement_staff", 27.0),  # 不动产登记中心…执法人员27人
    ],
)
def test_a_narrower_figure_read_since_december_4_is_not_the_regions(
    sid: str, code: str, value: float
) -> None:
    assert (code, value) not in _facts(sid)
    assert (code, value) not in _labelled(sid)


@pytest.mark.parametrize("sid", ["s0278", "s0102", "s0103"])
def test_a_series_or_a_cited_dated_report_is_no_result_when_the_year_is_unknown(sid: str) -> None:
    # "2020年…败诉率为13.5%、2021年为20.2%…"; "《浙江省司法厅2021年法治政府建设年度报告》提及…达92.7%"
    mentions = extract_mentions(_doc(SENTENCES[sid]["sentence"], None))
    assert not [m for m in mentions if m.is_region_result]


def test_a_series_keeps_the_report_years_value() -> None:
    found = {(m.indicator_code, m.value) for m in _mentions("s0278", 2021) if m.is_region_result}
    assert ("litigation_loss_rate", 13.5) not in found  # 2020's, in a 2021 report


def test_respectively_over_places_sharing_one_noun_is_not_distributed() -> None:
    # s0270: 济南、临沂…受理行政一审案件数分别为3595件、…1998件: places, each a sub-unit's count
    assert not _facts("s0270")


def test_mediations_handled_after_those_received_are_not_the_cases() -> None:
    # s0133: 行政调解受理795件,调处673件: 673 is an outcome of the 795, never a second caseload
    assert ("mediation_cases", 673.0) not in {(m.indicator_code, m.value) for m in _mentions("s0133")}


def test_suits_with_the_disclosure_tables_outcome_are_the_disclosure_cases() -> None:
    # s0364: 行政诉讼案件1件,为其他结果 (the GIO report's table): not the county's litigation total
    assert not _facts("s0364")
    assert ("litigation_cases", 1.0) in {(m.indicator_code, m.value) for m in _mentions("s0364")}


# --- classes from the held-out and thin sets (2026-12-04) ----------------------------------------

EXTENDED = sentence_sets.SentenceSet("sentences_extended")
THIN = sentence_sets.SentenceSet("sentences_thin")


@pytest.mark.parametrize(
    ("body", "year", "expected"),
    [
        # advisers of the town and its villages named together are the town's (rh021)
        ("镇、村(社区)法律顾问全年起草、审查、修改各种法律文书32份,出具法律意见书1次,制作和送达律师回函1次。", 2022,
         ("legal_advisor_opinions", 1.0)),
        # decisions counted by their legality reviews (rh001)
        ("研究制定市2022年全面依法治市工作要点;今年组织行政决策合法性审查13次,确保决策合法合规。", 2022,
         ("major_decisions", 13.0)),
        # licence applications received (rhh021, traditional characters)
        ("政務窗口共受理衛生行政許可申請270件,辦結270件。", 2024, ("admin_license_cases", 270.0)),
    ],
)  # fmt: skip
def test_phrasings_of_the_held_out_pages(body: str, year: int, expected: tuple[str, float]) -> None:
    found = {(m.indicator_code, m.value) for m in extract_mentions(_doc(body, year)) if m.is_region_result}
    assert expected in found


def test_activities_for_one_group_of_people_are_that_groups() -> None:
    # rhh009: 针对青少年、老年人等特殊群体,开展…活动2场 (labelled as a special-groups count, not the publicity total)
    body = "针对青少年、老年人等特殊群体,开展“校园法治小院”“银发普法专场”活动2场,覆盖群众300余人。"
    assert not [m for m in extract_mentions(_doc(body, 2024)) if m.is_region_result]


def test_themed_study_of_the_theory_group_on_xi_jinpings_thought_on_law_is_law_study() -> None:
    # x0074: …纳入各级党委(党组)理论学习中心组学习重要内容,全年开展专题学习 18 次
    assert ("law_study_sessions", 18.0) in EXTENDED.facts("x0074")
    assert ("law_study_sessions", 18.0) in EXTENDED.labelled("x0074")


def test_a_stock_at_a_dated_cut_off_is_no_result_when_the_year_is_unknown() -> None:
    # t0004: 截至2019年年底,各地區各部門已取消證明事項13000多項
    assert not [
        m for m in extract_mentions(_doc(THIN.records["t0004"]["sentence"], None)) if m.is_region_result
    ]


def test_a_later_batch_of_a_list_is_not_the_list() -> None:
    assert ("one_visit_items", 3860.0) not in THIN.facts("t0009")  # 新公布了第二批共3860项
    assert ("one_visit_items", 194.0) in THIN.facts("t0012")  # 公布了第一批194项: the list as it stands
    assert ("integrated_service_items", 60.0) in EXTENDED.facts("x0047")  # 首批、第二批…60个: both together


@pytest.mark.parametrize(
    ("sid", "expected"),
    [
        ("t0005", ("proof_items_cancelled", 91.0)),  # 清理證明事項201件,保留110件,取消91件
        ("t0010", ("one_visit_rate", 90.2)),  # 8596个事项实现了“最多跑一次”,达到总数的90.2%
    ],
)
def test_phrasings_of_the_thin_set(sid: str, expected: tuple[str, float]) -> None:
    assert expected in THIN.facts(sid)
    assert expected in THIN.labelled(sid)


# --- classes from the thin codes' set and the third held-out pages (2026-12-04, later) --------------

MORE = sentence_sets.SentenceSet("sentences_more")


@pytest.mark.parametrize(
    ("sid", "expected"),
    [
        ("md030", ("power_items_cancelled", 58.0)),  # 再取消调整132项行政职权,其中取消58项、下放26项…
        ("md030", ("power_items_devolved", 26.0)),
        ("md030", ("power_items_adjusted", 7.0)),  # 调整管理方式7项
        ("md001", ("power_items_received", 3.0)),  # 应取消行政审批项目4项,承接3项
        ("md008", ("power_items_devolved", 169.0)),  # 赋予鹰潭高新区169项市级经济社会管理权限
        ("ma001", ("gov_executive_rol_meetings", 5.0)),  # 区政府常务会…,专题研究法治政府建设工作5次
        ("mb010", ("gov_executive_rol_meetings", 2.0)),  # 县政府常务会议2次听取专题汇报并研究部署法治…
        ("mb019", ("party_committee_rol_meetings", 4.0)),  # 全年召开法治专题党委会议4次
        ("mb022", ("party_committee_rol_meetings", 4.0)),  # 党工委专题会议4次,专题研究法治宣传…
        ("mb020", ("rol_joint_meetings", 2.0)),  # 主持召开法治建设专题会议2次 (no body named)
        ("mb023", ("rol_joint_meetings", 4.0)),  # 先后召开4次法治建设专题会议
        ("ma012", ("rol_joint_meetings", 12.0)),  # 市委常委会会议、…委员会会议、市政府常务会议…研究…议题12次
        ("mb005", ("officials_shufa_reports", 6.0)),  # 等6家单位的主要负责人…进行现场述法
        ("mb009", ("officials_shufa_reports", 10.0)),  # 10位述法主体进行了现场述法
        ("mb008", ("officials_shufa_reports", 4.0)),  # 金鸡镇、市委编办…等4个单位的党政主要负责人
        ("mb021", ("law_study_sessions", 2.0)),  # 纳入乡党委理论学习中心组…,全年组织专题学习2次
        ("ma013", ("law_study_sessions", 3.0)),  # 举办市政府专题法律讲座3次
        ("mb027", ("law_study_sessions", 3.0)),  # 将法治建设纳入镇党委重要议事日程,召开党委会开展专题学法3次
        ("mc004", ("supervision_units_inspected", 11.0)),  # 对11个乡镇(街道)…进行书面和实地督查
        ("mc019", ("supervision_units_inspected", 8.0)),  # 对全国八个省区市启动实地督察
        ("mb025", ("official_law_exam_pass_rate", 100.0)),  # 法治理论知识学习考试,参考率和通过率均达100%
        ("mf005", ("head_court_appearances", 1611.0)),  # 行政機關負責人出庭應訴1611件次
        ("mf003", ("case_file_pass_rate", 95.31)),  # 及格以上案卷占总案卷的95.31%
        ("me002", ("legal_adviser_coverage_rate", 100.0)),  # 法律顾问制度已100%建立
        (
            "me014",
            ("public_legal_service_sites", 1372.0),
        ),  # 公共法律服务中心96个、工作站1372个、工作室13754个
        ("mc022", ("case_files_reviewed", 240.0)),  # 开展行政执法案卷评查,抽查57个执法单位4大类240余宗案卷
        ("mc001", ("official_rol_training_sessions", 3.0)),  # 法治建设轮训班分三期举行
        ("me009", ("public_legal_service_matters", 34000.0)),  # “12348”公共法律服务热线服务群众3.4万人次
        ("me030", ("one_visit_rate", 87.9)),  # “最多跑一次”改革实现率达到87.9%
        ("ma008", ("law_study_sessions", 4.0)),  # 中心组集中学习习近平法治思想和相关法律法规4次
        ("mb025", ("official_law_exam_takers", 121.0)),  # 121名干部职工参加2025年度全区法治理论知识学习考试
    ],
)
def test_phrasings_of_the_thin_codes(sid: str, expected: tuple[str, float]) -> None:
    assert expected in MORE.labelled(sid)
    assert expected in MORE.facts(sid)


def test_a_proposed_move_is_a_plan_not_a_result() -> None:
    # md041: 我市拟取消调整承接行政职权事项主项931项,其中,…拟承接下放事项主项718项
    assert not MORE.facts("md041")


def test_a_figure_followed_by_the_rest_is_a_part() -> None:
    body = "公布重大行政决策事项6项;已出台重大行政决策1项,其余5项均按法定程序稳步推进。"
    found = {(m.indicator_code, m.value) for m in extract_mentions(_doc(body, 2023)) if m.is_region_result}
    assert found == {("major_decisions", 6.0)}


@pytest.mark.parametrize(
    "body",
    [
        # rhk008: suits settled or withdrawn are an outcome, not the caseload
        "目前,调撤一审行政诉讼案件102件,调撤率44.35%。",
        # rhk027: issues of a bulletin board are not publicity events
        "全街共有法治宣传栏14个,2020年度共出刊法治宣传栏56期。",
        # rhk017: the items guides were written for are not the list
        "全面梳理政务服务事项清单,并对20项政务服务事项逐项编制办事指南。",
        # rhk002: general study summed over every level's bodies, the law named only in an earlier clause
        "把学习贯彻习近平法治思想作为重大政治任务,纳入局党组理论学习中心组学习重点,全年系统各级开展党委(党组)理论学习中心组学习178次。",
    ],
)
def test_outcomes_objects_and_sums_are_not_indicators(body: str) -> None:
    assert not [m for m in extract_mentions(_doc(body, 2023)) if m.is_region_result]


def test_a_rate_with_a_quoted_adverb() -> None:
    body = "行政诉讼败诉率“断崖式”下降至5.22%。"
    found = {(m.indicator_code, m.value) for m in extract_mentions(_doc(body, 2023)) if m.is_region_result}
    assert ("litigation_loss_rate", 5.22) in found


def test_a_partial_move_is_not_the_count() -> None:
    # md013: 取消行政許可項目10項,取消部分內容的行政許可項目8項
    assert ("power_items_cancelled", 8.0) not in MORE.facts("md013")


def test_the_share_after_the_items_handled_at_once_is_theirs() -> None:
    body = "我区1169个事项实现了“不见面审批”,占比99.7%;全区即办事项达647项,占比55.1%。"
    found = {(m.indicator_code, m.value) for m in extract_mentions(_doc(body, 2023)) if m.is_region_result}
    assert ("online_service_rate", 99.7) in found and ("on_the_spot_rate", 55.1) in found
    assert ("online_service_rate", 55.1) not in found
