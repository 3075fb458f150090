"""The codes the catalog grew by (seeds/indicators.csv, docs/indicators.md), each on real sentences.

Sentences are taken by id from tests/fixtures/sentences/labels.jsonl (whose name_zh/notes describe the
quantity; the labels predate these codes, so their code is null) or copied verbatim from the labelled
pages of /work/shared/dev/real, tests/fixtures/real_own and tests/fixtures/real_extract, whose
"uncatalogued" entries or distractors name the same quantities.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.extract import extract_mentions
from pipelines.records import Document

FIXTURES = Path(__file__).parent / "fixtures"
SENTENCES = {
    d["id"]: d for d in map(json.loads, (FIXTURES / "sentences/labels.jsonl").read_text("utf-8").splitlines())
}


def _doc(body: str, year: int) -> Document:
    return Document(
        document_id="d-0", page_id="d", part=0, is_report=True, doc_type="annual_report", title=None,
        issuer=None, issuer_kind=None, region=None, region_reason=None, report_year=year, year_reason=None,
        period="full_year", publish_date=None, written_date=None, body_text=body,
    )  # fmt: skip


def _facts(body: str, year: int) -> set[tuple[str, float]]:
    return {(m.indicator_code, m.value) for m in extract_mentions(_doc(body, year)) if m.is_region_result}


PAGES = {
    # page: verbatim sentence
    "a023": "省政府主要負責同志認真履行推進法治建設第一責任人職責,主持召開涉及法治政府建設事項的省政府常務會議33次,其中2次專題聽取"
    "法治政府建設情況匯報,研究法治政府建設議題79項。",
    "a034": "县委、县政府高度重视法治建设工作,建立健全了依法治县工作机构,专门召开县委全面依法治县委员会会议3次,研究部署依法治县工作。",
    "a046": "市委主要领导2次主持召开市委全面依法治市委员会会议,学习贯彻中央全面依法治国委员会和省委全面依法治省委员会会议精神,"
    "研究部署依法治市工作,提出了建设一流法治城市的工作目标。",
    "ob006": "强化依法治区具体工作统筹力度,周密组织召开3次区委全面依法治区委员会会议和3次区委依法治区办主任办公会,助力充分发挥区委"
    "依法治区委统筹协调推进法治建设的职能作用。",
    "r12": "先后召开2次全面依法治县委员会会议,安排部署法治政府建设工作,制定印发《2022年舟曲县法治政府建设工作要点》,进一步明确各乡镇"
    "和县直各部门主要负责人履行法治政府建设第一责任人职责。",
    "a034b": "县委书记主持召开了述法工作会议,12名乡镇党委书记进行了现场述法,各乡镇长、县直各单位主要领导提交了书面述法材料。",
    "a058": "充分发挥“关键少数”头雁效应,严格落实党政主要负责人法治首责,制定《党政主要负责人履行推进法治建设第一责任人职责述法清单》,"
    "采取“书面+现场”形式,推动110余名党政机关主要负责人述法与述责述廉同考评。",
    "oa027": "全面压实党政主要负责人履行推进法治建设第一责任人职责,将法治建设考评纳入全市领导班子和领导干部政绩考核,组织全市1858名"
    "领导干部参加年度述法。",
    "ob026": "开展党政领导干部向依法治市、县委员会年终述法、专题述法,各级党政主要负责人述法872人。",
    "a032": "印发领导干部应知应会党内法规和国家法律清单,组织新提任领导干部考试37人次、机关干部学法考试1.3万人次。",
    "b039": "将习近平法治思想纳入年度干部教育培训计划和学法用法考法工作安排,编制包含27部法律法规规章273条法条的个性学法清单和考法题库,"
    "组织3次全系统工作人员法律知识闭卷考试,组织1200余名干部参加天津市领导干部网上学法用法考试,参与率、通过率均为100%。",
    "ob022": "印發領導幹部應知應會黨內法規和法律法規規章清單制度,組織機關工作人員學法考試24.4萬人次。",
    "oa024": "各区(县)各部门认真履行法治政府建设责任,落实考法学法述法和宪法宣誓等制度,应知应会法律法规集中考试、领导干部任前考法"
    "合格率均达100%,“法治讲堂·逢九必讲”法治培训参学率同比增长12.2%,61名新任命的国家工作人员开展宪法宣誓。",
    "ob024": "开展拟提拔领导干部法律知识考试6场,174人参加,成绩合格率均达100%。",
    "r05": "二是干部全员学,把法治培训纳入干部年度培训必修课程,结合党纪学习教育,开展法治培训,覆盖镇村干部200余人,组织应知应会"
    "法律知识考试1次,参考率、合格率均达100%。",
    "oa029": "持續優化政務服務平臺功能,76404項政務服務事項納入平臺統一管理,691項高頻事項上線“秦務員”移動端應用,641項事項實現"
    "“秒批秒辦”,93項事項實現“跨省通辦”,政務服務事項網上可辦率97.4%,“最多跑一次”占比98.98%,平均“減時間”82.86%。",
    "a031": "全区共承接下放行政审批事项96项,对应取消和调整行政审批事项53项,保留区级审批事项341项,完善区级行政许可事项办理项694项,"
    "清理保留行政审批中介服务事项70项。",
    "a051": "共承接第三批市级赋权184项。",
    "a033": "扎实开展审批程序证明事项清理,对应取消区级证明事项11项,取消涉及村(社区)证明事项35项。",
    "oa023": "充分发挥法治督察“利剑”作用,对4家单位开展法治政府建设督察并及时反馈问题,以督察推进法治政府建设问题整改。",
    "a059": "按照中央依法治国办部署,组织对2个市州和4个省直部门开展了法治政府建设实地督察。",
    "b004": "纵深推进法治政府建设示范创建工作,向中央依法治国办推荐第三批全国法治政府建设综合候选地区4个、单项候选项目5个,统筹做好"
    "第一批全省法治政府建设示范创建活动,命名20个示范地区、10个示范项目、3个先行地区。",
    "oa029b": "堅持把黨的領導落實到法治政府建設各方面各環節,市委、市政府主要負責同志扎實履行推進法治建設第一責任人職責,市委常委會會議、"
    "市政府常務會議6次聽取法治政府建設有關工作匯報。",
}
YEARS = {"a023": 2019, "r12": 2022, "a051": 2020, "b004": 2021}


def _page(key: str) -> set[tuple[str, float]]:
    return _facts(PAGES[key], YEARS.get(key, 2022))


def _sentence(sid: str) -> set[tuple[str, float]]:
    s = SENTENCES[sid]
    return _facts(s["sentence"], s["year"] or 2020)


CASES = [
    # (code, source, value): the source is a page key or a sentence id
    ("rol_committee_meetings", "a034", 3.0),  # 专门召开县委全面依法治县委员会会议3次
    ("rol_committee_meetings", "a046", 2.0),  # 2次主持召开市委全面依法治市委员会会议
    ("rol_committee_meetings", "ob006", 3.0),  # 召开3次区委全面依法治区委员会会议和3次…办主任办公会
    ("rol_committee_meetings", "r12", 2.0),  # 先后召开2次全面依法治县委员会会议
    ("gov_executive_rol_meetings", "a023", 33.0),  # 涉及法治政府建設事項的省政府常務會議33次
    ("gov_executive_rol_meetings", "s0226", 3.0),  # 县政府常务会议3次专题研究部署法治政府建设工作
    ("officials_shufa_reports", "a034b", 12.0),  # 12名乡镇党委书记进行了现场述法
    ("officials_shufa_reports", "a058", 110.0),  # 推动110余名党政机关主要负责人述法
    ("officials_shufa_reports", "oa027", 1858.0),  # 1858名领导干部参加年度述法
    ("officials_shufa_reports", "ob026", 872.0),  # 各级党政主要负责人述法872人
    ("officials_shufa_reports", "s0190", 99.0),  # 99名党政主要负责人年终述法
    ("official_law_exam_takers", "a032", 13000.0),  # 机关干部学法考试1.3万人次
    ("official_law_exam_takers", "b039", 1200.0),  # 1200余名干部参加…网上学法用法考试
    ("official_law_exam_takers", "ob022", 244000.0),  # 機關工作人員學法考試24.4萬人次
    ("official_law_exam_takers", "s0148", 1000.0),  # 1000余名领导干部参加了法律知识考试
    ("official_law_exam_takers", "s0190", 142.0),  # 142名新任领导干部集中考法
    ("official_law_exam_takers", "s0235", 94.0),  # 94名新任市管领导干部参加任前法律知识考试
    ("official_law_exam_pass_rate", "oa024", 100.0),  # 领导干部任前考法合格率均达100%
    ("official_law_exam_pass_rate", "ob024", 100.0),  # 法律知识考试6场,174人参加,成绩合格率均达100%
    ("official_law_exam_pass_rate", "r05", 100.0),  # 法律知识考试1次,参考率、合格率均达100%
    ("official_law_exam_pass_rate", "s0016", 100.0),  # 参加学法用法考试,及格率达100%
    ("cross_province_items", "oa029", 93.0),  # 93項事項實現“跨省通辦”
    ("intermediary_service_items", "a031", 70.0),  # 清理保留行政审批中介服务事项70项
    ("power_items_received", "a031", 96.0),  # 全区共承接下放行政审批事项96项
    ("power_items_received", "a051", 184.0),  # 共承接第三批市级赋权184项
    ("power_items_received", "s0186", 184.0),
    ("proof_items_cancelled", "a033", 35.0),  # 取消涉及村(社区)证明事项35项
    ("proof_items_cancelled", "s0182", 34.0),  # 取消银行、社会组织相关证明34项
    ("supervision_units_inspected", "oa023", 4.0),  # 对4家单位开展法治政府建设督察
    ("rol_demo_areas_named", "b004", 20.0),  # 命名20个示范地区
    ("rol_demo_projects_named", "b004", 10.0),  # 10个示范项目
    ("legal_advisers", "s0233", 12.0),  # 市政府聘请新一届12名政府法律顾问
    ("legal_advisers", "s0454", 20.0),  # 聘请了20余名法律顾问委员
]


@pytest.mark.parametrize(("code", "source", "value"), CASES)
def test_new_code_phrasings(code: str, source: str, value: float) -> None:
    found = _sentence(source) if source in SENTENCES else _page(source)
    assert (code, value) in found, found


def test_a_figure_several_meetings_share_is_not_one_bodys() -> None:
    # 常委会会议、常务会议…N次 is rol_joint_meetings (catalog note): neither body's own count
    for found in (_page("oa029b"), _sentence("s0164"), _sentence("s0146")):
        assert not {c for c, _ in found} & {"gov_executive_rol_meetings", "party_committee_rol_meetings"}


def test_other_measures_of_meetings_are_not_meetings() -> None:
    assert "gov_executive_rol_meetings" not in {c for c, _ in _sentence("s0170")}  # 法律顾问列席常务会19次
    assert ("gov_executive_rol_meetings", 5.0) not in _sentence("s0226")  # 5次专题研究招商引资项目协议及合同
    assert ("rol_committee_meetings", 3.0) in _page("ob006")  # the 办主任办公会 are a lower body
    assert len({v for c, v in _page("ob006") if c == "rol_committee_meetings"}) == 1


def test_one_part_of_a_list_of_inspected_units_is_not_the_count() -> None:
    assert "supervision_units_inspected" not in {c for c, _ in _page("a059")}  # 对2个市州和4个省直部门…督察


def test_a_level_list_of_proofs_is_that_levels() -> None:
    assert ("proof_items_cancelled", 11.0) not in _page("a033")  # 取消区级证明事项11项
