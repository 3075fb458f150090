"""The 34 codes the catalog grew by, read on the real sentences labelled for them.

Sentences are taken by id from tests/fixtures/sentences_extended/labels.jsonl (labelled before any rule
was tuned on them); each is read as the body of an annual report of its year. A case names the class
of phrasing, never a page: the rule it checks is one a careful reader of these reports would state.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.extract.numbers import RANK_UNIT, SCORE_UNIT, scan_quantities
from tests import sentence_sets

FIXTURES = Path(__file__).parent / "fixtures"
SET = sentence_sets.SentenceSet("sentences_extended")
SENTENCES = SET.records
_doc = sentence_sets.report_doc
_mentions, _facts, _labelled = SET.mentions, SET.facts, SET.labelled


READ = [
    # (sentence id, code, value): the phrasing class
    ("x0001", "cross_province_items", 426.0),  # 发布“跨省通办”事项426项
    ("x0004", "cross_province_items", 69.0),  # 跨省通办事项69项
    (
        "x0007",
        "public_legal_service_sites",
        78.0,
    ),  # 78个市(县、区)公共法律服务中心: the count before the site, by level
    ("x0007", "public_legal_service_sites", 1033.0),  # 1033个乡镇(街道)法律服务站
    ("x0007", "public_legal_service_sites", 14492.0),  # 14492个村(社区)法律服务联系点
    (
        "x0010",
        "public_legal_service_sites",
        1.0,
    ),  # 1个市级、7个县区级公共法律服务实体平台: a level before a shared name
    ("x0010", "public_legal_service_sites", 7.0),
    (
        "x0010",
        "public_legal_service_sites",
        116.0,
    ),  # 建成乡镇(街道)法律服务工作站116个: the count after the site
    ("x0010", "public_legal_service_sites", 1541.0),  # 设立村(社区)公共法律服务工作室1541个
    ("x0011", "assessment_rank", 3.0),  # 在全部参与评估的100个城市中排名第3位
    ("x0011", "assessment_score", 770.83),  # 总分770.83分
    ("x0015", "assessment_rank", 41.0),  # 列第41位 (not 从…第90位, not 上升49位)
    ("x0015", "assessment_rank", 4.0),  # 在西部区域16个城市排名第4位: a peer group's rank
    ("x0015", "assessment_rank", 1.0),
    ("x0016", "assessment_rank", 1.0),  # 排名第一, the Chinese ordinal
    ("x0016", "assessment_score", 677.78),  # 评估总分为677.78分
    ("x0018", "supervision_units_inspected", 16.0),  # 赴…16个乡镇(街道)开展专项督察
    ("x0021", "supervision_units_inspected", 18.0),  # 开展法治督察的18家单位
    ("x0020", "supervision_problems_found", 16.0),  # 梳理出…4大类16条共性问题
    ("x0021", "supervision_problems_found", 40.0),  # 书面反馈问题40余条
    ("x0023", "rol_demo_areas_named", 72.0),  # 名单包括72个全国法治政府建设示范市(县、区)
    ("x0023", "rol_demo_projects_named", 33.0),  # 和33个全国法治政府建设示范项目
    ("x0078", "rol_demo_areas_named", 100.0),  # 各省推荐的100多个综合示范地区
    ("x0078", "rol_demo_projects_named", 150.0),  # 150多个单项示范项目
    ("x0031", "integrated_service_items", 200.0),  # 省定200个“一件事一次办”事项
    ("x0047", "integrated_service_items", 60.0),  # “一件事”60个集成办事场景上线
    ("x0035", "service_transactions", 602000000.0),  # 总办件量6.02亿件
    ("x0037", "proof_items_cancelled", 30.0),  # 共取消证明事项30项 (not 保留…111项)
    ("x0085", "power_items_cancelled", 60.0),  # 取消60项…行政审批事项: the moved items are the count
    ("x0056", "public_legal_service_matters", 2100.0),  # 接受相关法律咨询2100余人次
    ("x0063", "legal_advisers", 380.0),  # 聘请了法律顾问380多人 (not 其中市政府聘请了9人)
    ("x0074", "official_rol_training_sessions", 3.0),  # 举办全县领导干部法治专题培训班 3 期
    ("x0074", "official_rol_trainees", 680.0),  # 覆盖科级以上干部 680余人次
    ("x0086", "official_law_exam_pass_rate", 99.52),  # 通过率达到99.52% (not 参学率, 参考率)
]


@pytest.mark.parametrize(("sid", "code", "value"), READ)
def test_labelled_phrasings_of_the_grown_catalog_are_read(sid: str, code: str, value: float) -> None:
    assert (code, value) in _labelled(sid)
    assert (code, value) in _facts(sid), _facts(sid)


NOT_FACTS = [
    # (sentence id, code, value): a labelled figure that is not the code's region result
    ("x0080", "power_items_cancelled", 41.0),  # 取消和下放41项: a bundle is neither part
    ("x0080", "power_items_devolved", 41.0),
    ("x0005", "proof_items_cancelled", 97.0),  # 证明事项从135项减少到97项: stocks, not a cancellation
    ("x0037", "proof_items_cancelled", 111.0),  # 保留证明事项111项: the remaining stock
    ("x0038", "intermediary_service_items", 323.0),  # 清理规范…中介服务事项323项: a clean-up is a change
    ("x0040", "intermediary_service_items", 15.0),
    ("x0042", "intermediary_service_items", 68.0),
    ("x0043", "intermediary_service_items", 254.0),
    ("x0046", "intermediary_service_items", 281.0),
    ("x0049", "integrated_service_items", 42.0),  # 42个“高效办成一件事”…落地案例: cases, not themes
    ("x0012", "assessment_rank", 1.0),  # 一级指标在全国排名第一: one sub-indicator
    ("x0014", "assessment_rank", 9.0),  # 其中,…潍坊市…位列第九: a named city of a provincial news item
    ("x0014", "assessment_score", 816.33),
    ("x0016", "assessment_rank", 49.0),  # (西安第49位…): another city's rank
    ("x0015", "assessment_rank", 90.0),  # 从2015年的第90位: the earlier rank
    ("x0051", "assessment_rank", 1.0),  # 营商环境考核荣获全市第一: not a rule-of-law assessment
    ("x0052", "assessment_rank", 1.0),  # 营商指数排名全省第一
    ("x0070", "assessment_score", 85.0),  # 得分均在85分以上: an exam's score
    ("x0077", "supervision_units_inspected", 7.0),  # 通报问题单位 7 个: units named for problems
    ("x0077", "supervision_problems_found", 7.0),
    ("x0077", "supervision_units_inspected", 2.0),  # 实地督察 2 轮: rounds
    ("x0018", "supervision_units_inspected", 4.0),  # 4个督察组: teams
    ("x0018", "supervision_units_inspected", 8.0),  # 8个县(市、区): where the inspected towns lie
    ("x0022", "supervision_problems_found", 84.0),  # 开展以来…累计反馈问题84个: a tally of several rounds
    ("x0022", "supervision_units_inspected", 29.0),  # 对29个市直部门、9个镇街: one part of a list
    (
        "x0024",
        "rol_demo_areas_named",
        50.0,
    ),  # 公布50个全国…示范市(县、区): national totals, no naming of the region
    ("x0079", "rol_demo_areas_named", 40.0),  # 第一批评选出40个: an earlier batch
    ("x0034", "service_transactions", 221900.0),  # 12345热线…来电来信22.19万件: hotline calls
    ("x0047", "service_transactions", 320000.0),  # 17个场景共产生32万余件办件量: the scenes' share
    ("x0072", "service_transactions", 380000000.0),  # 线上办件量…接近3.8亿件: one province, online only
    ("x0036", "public_legal_service_sites", 3058.0),  # 政务大厅3058个: service halls
    ("x0057", "legal_advisers", 13397.0),  # 担任村(居)法律顾问: village advisers
    ("x0061", "legal_advisers", 96.0),
    ("x0088", "legal_adviser_coverage_rate", 91.25),  # 县(市、区)政府…建 立率: one level of a province
    ("x0089", "legal_adviser_coverage_rate", 80.0),  # 80%的…法律顾问工作由…负责: a composition share
    ("x0026", "official_rol_trainees", 50.0),  # 50余名学员参加培训班: one named class
    (
        "x0027",
        "official_rol_training_sessions",
        1.0,
    ),  # 水利部…1期处级领导干部法治专题培训班: a ministry's own
    ("x0028", "official_rol_trainees", 153.0),
    ("x0019", "official_law_exam_takers", 210.0),  # 210名行政执法人员进行法治知识测试: enforcement officers
    ("x0086", "official_law_exam_pass_rate", 99.55),  # 参考率99.55%: who sat, not who passed
    ("x0032", "service_time_cut_rate", 76.0),  # 65个基层事项…压减时限76%: one domain
    ("x0048", "service_time_cut_rate", 60.0),  # 以书店、电影院行业为例…缩短办结时限60%以上
    ("x0031", "cross_province_items", 65.0),  # 跨域通办: inside the province
    ("x0003", "cross_province_items", 128.0),  # 包含…128项和…20项: parts of a joint list
    ("x0076", "rol_agenda_items", 56.0),  # 明确年度重点任务 56 项: planned tasks
    ("x0075", "party_committee_rol_meetings", 12.0),  # 常委会、常务会…会前学法 12 次: study, not meetings
    ("x0075", "rol_joint_meetings", 12.0),
]


@pytest.mark.parametrize(("sid", "code", "value"), NOT_FACTS)
def test_labelled_traps_of_the_grown_catalog_are_not_facts(sid: str, code: str, value: float) -> None:
    assert (code, value) not in _labelled(sid)
    assert any(abs(f["value"] - value) < 0.01 for f in SENTENCES[sid]["figures"])  # the figure is labelled
    assert (code, value) not in _facts(sid)


def test_no_sentence_yields_a_fact_its_labels_do_not_hold_for_the_grown_codes() -> None:
    grown = {code for _, code, _ in READ + NOT_FACTS}
    wrong = {
        (sid, code, value)
        for sid in SENTENCES
        for code, value in _facts(sid) - _labelled(sid)
        if code in grown
    }
    assert not wrong


def test_moved_items_are_counted_while_the_list_sizes_stay_shielded() -> None:
    found = {(m.indicator_code, m.value, m.scope) for m in _mentions("x0083")}
    assert (
        "power_items_devolved",
        39.0,
        "level_only",
    ) in found  # 下放省级行政许可事项39项 (scope: see report)
    assert not {c for c, _, _ in found} & {"power_list_items", "gov_service_items"}
    parts = {(c, v) for c, v, s in found if s == "whole_region"}
    assert not parts  # 其中,完全下放7项…: parts of the 39
    adjusted = {(m.indicator_code, m.value) for m in _mentions("x0084")}
    assert ("power_items_adjusted", 25.0) in adjusted
    assert not {c for c, _ in adjusted} & {"power_list_items", "admin_license_cases"}


def test_ranks_and_scores_are_scanned_only_after_their_words() -> None:
    def read(text: str) -> list[tuple[float, str]]:
        return [(q.value, q.unit_raw) for q in scan_quantities(text)]

    assert read("排名全省第26位") == [(26.0, RANK_UNIT)]
    assert read("位居全市第一") == [(1.0, RANK_UNIT)]
    assert read("评估总分为677.78分") == [(677.78, SCORE_UNIT)]
    # ordinals and other 分 are not figures: batches, meetings, a previous rank without its verb
    for text in ("列第一批", "第三次会议", "从2015年的第90位", "十分重要", "得分均在85分以上", "5分钟"):
        assert all(unit not in (RANK_UNIT, SCORE_UNIT) for _, unit in read(text)), text
