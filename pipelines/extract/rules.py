"""Per-indicator phrasings: how a report names each catalog indicator next to its number.

Each rule is grounded in the catalog's keywords_zh and the sentence templates of indicators.md §5.1,
written as the *shape* of the phrase, never a sample's wording: a trigger that ends right before the
number ("行政处罚" + "1873件"), or starts right after it ("116宗" + "…案件进行评查"), the counters the
indicator is counted in, and for stage words shared by several case pipelines (受理, 办结, 审结, 化解)
the topic anchor (复议, 诉讼, 信访...) that must be nearby - the nearest anchor decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pipelines.extract.numbers import RANK_UNIT, SCORE_UNIT

# sentence: before the number in its sentence (or right after it); around: anywhere in its sentence
AnchorScope = Literal["clause", "sentence", "around", "paragraph"]

# Filler allowed between a trigger and the number: no clause break, no digit.
NOGAP = r"[^,，;；:：。\d]"
# After a trigger that names the counted item itself, a list conjunction hands the number to the next
# item ("3600余项政务服务事项和266项便民服务事项", "63件人大代表建议、291件政协提案").
ITEM_GAP = r"[^,，;；:：。\d、和及与]"


def G(n: int) -> str:
    return rf"{NOGAP}{{0,{n}}}"


def GI(n: int) -> str:
    """G for an item's own name: no list conjunction in the filler."""
    return rf"{ITEM_GAP}{{0,{n}}}"


# What may stand between a rate's name and its value, including a list of other rates sharing it:
# "前置审查率、备案率、合法率达100%" gives the value to every named rate.
RATE_TAIL = r"(?:[、和及与][^,，;；:：。\d、]{1,12}率)*(?:“[^”\d]{1,6}”)?(?:均|都|全部|分别)?(?:就|也|已|已经)?(?:达到|达|为|是|实现|保持|提高到|提升至|提升到|(?:下降|降低|降|上升|提高|提升|升|蹿升|攀升|回落)(?:至|到))?了?(?:约|近)?"

CASES = frozenset({"件", "宗", "起", "个", "件次", "批次", "批"})
# Licence and penalty decisions are counted in 件/宗/起; "行政许可28个、行政处罚18个" counts item types.
CASE_COUNTS = CASES - {"个"}
# "实施行政处罚总数为293宗": a total named between the noun and its number.
TOTAL = r"(?:总数|总量|数量|数)?(?:为|是|达到|达)?"
DOCS = frozenset({"件", "份", "宗", "条", "个", "篇", "卷", "部"})
ITEMS = frozenset({"项", "件", "条", "个", "宗", "部"})
INFO = frozenset({"条", "件", "宗", "篇", "项"})
TIMES = frozenset({"次", "场", "场次", "期"})
PERSONS = frozenset({"人", "名", "位", "人次"})

# A change to a list is not its size: "取消/下放/调整/承接/划转/移交/新增 N项" count the items moved, and of
# "由X项精简到Y项" only Y (the new size) is a size. "动态调整公布1464项" publishes the revised list.
LIST_CHANGE = (
    r"取消|下放|承接|划转|移交|新增|增加(?!(?:为|到|至)\d)|扩大(?!(?:为|到|至)\d)|赋权|赋予|委托|消减|削减"
    r"|调整(?!公布|后|(?:为|到|至)\d)"
    r"|(?:精简|压减|减少|缩减)(?!到|至|后|为)"
)
LIST_FROM = r"由$"  # the old size, just before the number
LIST_TO = r"(?:调整|精简|压减|缩减|减少|减|增加|扩大)(?:为|到|至)"  # the new size, just before the number
# A class picked out of a list is not the list: items named by a programme in quotation marks
# ("“一证即办”高频政务服务事项93项", "629个政务服务事项“跨省通办”") or 高频 / 通办 / 告知承诺 items.
LIST_SUBSET = r"“[^”]{1,12}”|高频|通办|跨(?:省|区|市|域)(?:协同)?办理|告知承诺|秒批|秒办"
NOT_LIST_SIZE = rf"{LIST_SUBSET}|{LIST_FROM}"
# Items an action works on are not the list: "对20项政务服务事项逐项编制办事指南", "对…10项行政职权进行梳理".
LIST_OBJECT = rf"{LIST_FROM}|对[^,，;；。\d]{{0,10}}$"

# Law study (law_study_sessions): its words, the collective bodies that hold it, and the study that is
# not the leadership's (staff meetings, party branches, each department or township on its own).
STUDY = r"学法|法律知识学习|学习法律法规|法治(?:专题)?学习|法律(?:专题)?学习"
STUDY_LIST = r"(?:[、和及与][^,，;；:：。\d、]{1,10}?学习)*"
STUDY_BODY = r"常务会(?:议)?|中心组|党组|党委|党工委|领导班子"
# A lecture for one's own staff ("为干部职工开展林业政策普法讲座2场") is their training, not publicity to the public.
FOR_STAFF = r"为[^,，;；。\d]{0,8}?(?:干部职工|机关干部|工作人员)"
STAFF_GROUPS = r"干部职工|职工|例会|支部|党员|各(?:政府)?部门|各乡镇|各街道|各单位|考试"
STAFF_STUDY = rf"{STAFF_GROUPS}|培训"
# ... also when the clause just before names them ("列入村居党支部学习第一议题,开展法治学习18场")
STAFF_NEAR = r"支部|村居|村\(居\)"
NEAR = 24
# A collective body's own study ("中心组集中学习习近平法治思想和相关法律法规4次"; 理论学习 is theory, not law), and
# what makes it another's: staff, or a law study the clause counts apart ("专题学习13次、专题法治学习11次").
BODY_STUDY = (
    rf"(?:{STUDY_BODY})[^,，;；。\d]{{0,16}}?(?<!理论)(?:学习|讲座|专题辅导|集体学法)"
    rf"(?:习近平法治思想(?:[和及与、](?:相关)?(?:法律法规|法律|党内法规))?)?{G(8)}"
)
BODY_STUDY_NOT = (
    rf"{STAFF_STUDY}|\d+次[^,，;；。\d]{{0,4}}[、和及与][^,，;；。\d]{{0,8}}(?:法治学习|学法|法律学习)"
)

# Counts of several outcomes at once ("修改、废止", "失效和废止") are not the repealed count.
REVISED_AND_REPEALED = r"(?:修改|修订|失效)[、和及与]废止|废止[、和及与](?:修改|修订|失效)"

RECON = r"复议"
LITIGATION = r"行政诉讼|诉讼案件|应诉|被告|一审|二审|行政案件"
PETITION = r"信访|来信来访|上访|进京|赴省|交办"
# A court's caseload is not the government's cases, even the courts of the whole region (全市法院审理…
# 败诉6件 is not labelled litigation_cases_lost in the samples; the catalog lists 全市法院审理 as a scope
# of its own): the litigation rules do not read a clause whose subject is a court.
ONE_COURT = r"法院(?:共)?(?:审理|受理|审结|新收)"
PUBLICITY = r"普法|法治宣传|法制宣传|宣传|送法|法律进|宪法|民法典|法治文化"


@dataclass(frozen=True)
class Rule:
    """One way an indicator is written. codes: usually one; "受理并办结" names two stages at once."""

    codes: tuple[str, ...]
    kind: Literal["count", "amount", "percent"]
    left: str | None = None  # must match at the end of the text before the number
    right: str | None = None  # must match at the start of the text after the number (with left: both)
    units: frozenset[str] | None = None  # allowed counters for counts
    anchor: str | None = None  # topic that must precede within anchor_scope
    anchor_scope: AnchorScope = "sentence"
    exclude: str | None = None  # anywhere in the clause: the rule does not apply
    exclude_left: str | None = None  # in the text before the number (since the previous number)
    exclude_near: str | None = None  # in the NEAR characters of its sentence before the number
    exclude_sentence: str | None = None  # anywhere in its sentence before the number
    left_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    right_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    anchor_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    exclude_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    exclude_left_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    exclude_near_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    exclude_sentence_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)


def R(code: str | tuple[str, ...], kind: Literal["count", "amount", "percent"], **kw: object) -> Rule:
    codes = (code,) if isinstance(code, str) else tuple(code)
    rule = Rule(codes, kind, **kw)  # type: ignore[arg-type]
    comp = {
        # Greedy ".*" puts the trigger as far right as possible: its span is then the distance.
        "left_re": re.compile(rf"(?s:.*)(?P<t>{rule.left})$") if rule.left else None,
        "right_re": re.compile(rf"(?:{rule.right})") if rule.right else None,
        "anchor_re": re.compile(rule.anchor) if rule.anchor else None,
        "exclude_re": re.compile(rule.exclude) if rule.exclude else None,
        "exclude_left_re": re.compile(rule.exclude_left) if rule.exclude_left else None,
        "exclude_near_re": re.compile(rule.exclude_near) if rule.exclude_near else None,
        "exclude_sentence_re": re.compile(rule.exclude_sentence) if rule.exclude_sentence else None,
    }
    return Rule(**{**rule.__dict__, **comp})


def rate(code: str, names: str, **kw: object) -> Rule:
    """A rate named by `names` ("调解成功率|调解率"), possibly inside a list of rates."""
    return R(code, "percent", left=rf"(?:{names}){RATE_TAIL}", **kw)


RULES: tuple[Rule, ...] = (
    # --- org_leadership -------------------------------------------------------------------------
    # Study of law by the leadership: 学法 and its synonyms, a list of study kinds sharing one count
    # ("专题学法和党内法规学习、法治会议精神学习12次"), the study of named laws ("专题学习《…行政处罚法》等法律14次").
    R("law_study_sessions", "count", left=rf"(?:{STUDY}){STUDY_LIST}{G(4)}", units=TIMES, exclude=STAFF_STUDY, exclude_near=STAFF_NEAR),
    # the theory group's themed study in a sentence about 习近平法治思想 ("…纳入…理论学习中心组学习重要内容,全年开展专题学习
    # 18次"), unless a law study of its own is counted beside it (专题学习13次、专题法治学习11次)
    R("law_study_sessions", "count", left=rf"(?:开展|组织)(?:开展)?(?:专题|集中)学习{G(2)}", units=TIMES, anchor=rf"习近平法治思想[^。]*?(?:{STUDY_BODY})|(?:{STUDY_BODY})[^。]*?习近平法治思想", exclude=rf"法治学习|学法|{STAFF_GROUPS}", exclude_left="培训"),
    R("law_study_sessions", "count", left=rf"学习(?:《[^》]{{1,40}}》[、和及]?)+(?:等)?(?:法律法规|法律|法规|条例)?{G(2)}", units=TIMES, exclude=STAFF_STUDY, exclude_near=STAFF_NEAR),
    # The collective bodies' own study - the theory group, the executive meeting, the party group - of
    # 习近平法治思想, of laws, or in a lecture form, with law the topic of its paragraph when the clause
    # does not say it ("…习近平法治思想学习宣贯。…全年组织党工委专题学习4次"); 理论学习 is theory, not law.
    # A clause that counts its law study apart ("党委中心组专题学习13次、专题法治学习11次") leaves the general study alone.
    # General study summed over every level's bodies ("全年系统各级开展…中心组学习178次") is not the leadership's,
    # unless its own clause names the law it studied ("各级理论学习中心组开展习近平法治思想专题学习100余次").
    R("law_study_sessions", "count", left=BODY_STUDY, units=TIMES, anchor=r"法", anchor_scope="paragraph", exclude=rf"{BODY_STUDY_NOT}|各级", exclude_near=STAFF_NEAR),
    R("law_study_sessions", "count", left=BODY_STUDY, units=TIMES, anchor=r"法", anchor_scope="clause", exclude=BODY_STUDY_NOT, exclude_near=STAFF_NEAR),
    # The count before the noun: "组织开展2次市政府常务会议学法活动", "组织4次市政府常务会会前学法".
    R("law_study_sessions", "count", right=rf"{GI(8)}?(?:{STUDY_BODY}){GI(6)}?(?:学法|法治(?:专题)?讲座)", units=TIMES, exclude=STAFF_STUDY, exclude_near=STAFF_NEAR),
    # the theory group's meetings on a rule-of-law theme, the count before them: "组织7场以法治建设为主题的区委理论学习中心组(扩大)报告会"
    R("law_study_sessions", "count", right=r"以[^,，;；。\d]{0,8}(?:法治|依法行政|法律)[^,，;；。\d]{0,8}为主题的[^,，;；。\d]{0,8}?中心组(?:\(扩大\))?(?:学习|报告会|专题学习|集体学习)", units=TIMES, exclude=STAFF_STUDY),
    # Lectures on law for the leading officials: "开展全县领导干部法治专题讲座3场次".
    R("law_study_sessions", "count", left=rf"领导干部[^,，;；。\d]{{0,8}}?(?:法治|法律|学法)[^,，;；。\d]{{0,4}}?讲座{G(2)}", units=TIMES, exclude=STAFF_STUDY),
    # A government's own law lectures: "省政府举办2期专题法治讲座".
    R("law_study_sessions", "count", right=r"(?:专题)?法治(?:专题)?讲座", units=TIMES, anchor=r"(?:省|市|区|县|州|旗)(?:人民)?政府(?:举办|组织|开展)", anchor_scope="clause"),
    # the government's own law lectures, named before the count: "举办市政府专题法律讲座3次"
    R("law_study_sessions", "count", left=rf"(?:省|市|区|县|州|旗)(?:人民)?政府(?:专题)?(?:法律|法治)(?:知识)?(?:专题)?讲座{G(2)}", units=TIMES, exclude=FOR_STAFF),
    # --- government_functions -------------------------------------------------------------------
    R("power_list_items", "count", left=rf"(?:权责|权力|责任|职权)(?:清单)?事项{GI(4)}", units=ITEMS, exclude=LIST_CHANGE, exclude_left=NOT_LIST_SIZE),
    # the list's size after a change is its size: "县级权力事项由2019年的3180项调整为3200项", "由X项精简到Y项"
    R("power_list_items", "count", left=LIST_TO, units=ITEMS, anchor=r"(?:权责|权力|责任|职权)(?:清单)?事项|(?:权责|权力)清单", anchor_scope="clause"),
    R("gov_service_items", "count", left=LIST_TO, units=ITEMS, anchor=r"政务服务事项", anchor_scope="clause"),
    # "73个行政权力事项的服务指南", "116.3万项权责事项的数据汇聚": the items head another noun, a subset's count.
    R("power_list_items", "count", right=r"(?:的)?(?:(?:权责|行政权力)(?:清单)?事项|(?:权责|行政权力)清单)(?!的)", units=ITEMS, exclude=LIST_CHANGE, exclude_left=LIST_OBJECT),
    # the list named by its powers or by the department that holds it: "保留行使的共3301项行政职权",
    # "80项公安政务权力清单事项"
    R("power_list_items", "count", right=r"(?:的)?(?:行政职权(?!事项的|的)|(?:(?![省市区县州]级)[\u4e00-\u9fa5]){2,4}?权力清单事项(?!的))", units=ITEMS, exclude=LIST_CHANGE, exclude_left=LIST_OBJECT),
    R("gov_service_items", "count", left=rf"(?<!类)政务服务事项(?:共|总数|总量)?{GI(3)}", units=ITEMS, exclude=LIST_CHANGE, exclude_left=NOT_LIST_SIZE),
    # items that head another noun ("完成955项政务服务事项电子文件归档配置") count the items treated, not the list
    R("gov_service_items", "count", right=r"政务服务事项(?!的|中|电子|数据|办事指南|指南|标准|要素|材料|信息)", units=ITEMS, exclude=rf"占[^,，;；。]{{0,16}}(?:总数|总量|比重)|{LIST_CHANGE}|{LIST_SUBSET}", exclude_left=LIST_OBJECT),
    # the total a breakdown is taken of: "全市2563项审批服务事项中,“马上办”占57.1%,“网上办”占52.1%"
    R("gov_service_items", "count", right=r"(?:审批服务|政务服务)事项中", units=ITEMS, exclude=rf"{LIST_CHANGE}|{LIST_SUBSET}", exclude_left=r"[省市区县州]级"),
    rate("online_service_rate", r"网办率|网上(?:可办|办理|办结)率|全程网办率|不见面(?:审批|办理)?(?:率|比例)|一网通办率"),
    R("online_service_rate", "percent", left=rf"占比{RATE_TAIL}", anchor=r"不见面|网上可办|网上办理|全程网办|网办|一网通办", anchor_scope="sentence", exclude_near=r"即办|当场办结|秒批|最多跑一次|一次办|跑一次", exclude_left=r"“(?!不见面|网上|网办|全程网办|一网通办)[^”]{1,12}”"),
    # the share of a list's items done online: "其中“网上办”事项占91.22%", "“网上办”事项占比达到93.9%"
    R("online_service_rate", "percent", left=rf"(?:网上办|全程网办|网上可办)”?(?:的)?(?:事项)?(?:占比|占)(?:总数的|全部事项的)?{RATE_TAIL}"),
    R("admin_license_cases", "count", left=rf"(?:(?:^[、和及]?|实施|办理|受理|作出|准予|办结|审批|共|全区|全市|全县)行政许可(?:决定|案件|办件)?{TOTAL}|(?:予以|准予)(?:行政)?许可){G(2)}", units=CASE_COUNTS, exclude_left=r"事项|清单|申请"),
    # the statistical return's total of applications: "行政许可申请总数59195宗,予以许可58223宗"
    R("admin_license_cases", "count", left=rf"(?:行政许可申请(?:总数|总量|件数)(?:为|是|达|共)?|受理{G(6)}?行政许可申请){G(1)}", units=CASE_COUNTS),
    # approvals processed, counted in cases: "全区共办理各类行政审批事项140556件" (items are counted in 项)
    R("admin_license_cases", "count", left=rf"(?:办理|办结|受理)(?:各类)?(?:行政审批|许可审批|行政许可审批)(?:事项)?{G(2)}", units=frozenset({"件", "宗"})),
    # --- institutional_system -------------------------------------------------------------------
    R("legislation_projects", "count", left=rf"立法(?:计划|项目){G(10)}", units=frozenset({"个", "项", "件", "部"})),
    # legislation counted as the projects completed, the rules enacted or the drafts submitted:
    # "完成67个立法项目", "完成21项部门规章立改废工作", "制定地方性法规386件", "提请省人大…审议地方性法规 11 件"
    R("legislation_projects", "count", right=r"(?:的)?(?:立法项目|(?:部门|政府)?规章立改废)", units=frozenset({"个", "项", "件", "部"})),
    R("legislation_projects", "count", left=rf"(?:制定|出台|审议通过|提请[^,，;；。\d]{{0,14}}?审议)(?:地方性法规|政府规章|规章){G(2)}", units=frozenset({"个", "项", "件", "部"}), exclude=r"参与|配合|协助"),
    R("legislative_consultations", "count", left=rf"立法(?:调研|座谈|论证|听证)(?:会|活动)?{G(3)}", units=TIMES),
    # drafts commented on: "协助市司法局立法征求意见7件"
    R("legislative_consultations", "count", left=rf"立法征求意见{G(2)}", units=frozenset({"件", "次", "份", "条"})),
    R("legislative_consultations", "count", right=r"(?:的)?立法(?:调研|座谈|论证|听证|征求意见)", units=TIMES),
    # comments the legislative contact points pass on ("各基层立法联系点反映了400多条人民群众的意见建议")
    R("legislative_consultations", "count", right=rf"{G(10)}?意见(?:和|、)?建议", units=frozenset({"条", "件"}), anchor=r"立法联系点", anchor_scope="clause"),
    R("legislative_consultations", "count", left=rf"反馈(?:修改)?意见(?:和建议)?{G(2)}", units=frozenset({"份", "条", "件", "次"}), anchor=r"法规|规章|立法|条例|征求意见稿|征询意见稿"),
    # documents counted together with agreements or contracts ("规范性文件及协议314件") are not normative documents alone
    R("normdoc_reviewed", "count", left=rf"(?:审核|审查|审核制发|合法性审核|合法性审查|前置审查){G(8)}规范性文件{G(3)}", units=DOCS, exclude_left=r"废止|清理|失效|备案|规范性文件[及和与、](?:协议|合同)"),
    # the step named after the noun: "完成行政规范性文件审查20件"
    R("normdoc_reviewed", "count", left=rf"规范性文件(?:合法性)?(?:审查|审核){G(3)}", units=DOCS, exclude_left=r"废止|清理|失效|备案"),
    R("normdoc_filed", "count", left=rf"(?:已?备案|报备|报送备案){G(8)}规范性文件{G(3)}", units=DOCS, exclude_left=r"废止|清理|失效"),
    # the next step in a list of a normative-document sentence: "审核行政规范性文件27件、备案18件"
    R("normdoc_filed", "count", left=r"(?:(?<![\u4e00-\u9fa5])|向[^,，;；。\d]{1,12}?)(?:报送|报)?备案", units=DOCS, anchor=r"规范性文件", anchor_scope="sentence"),
    # files filed with the people's congress or the government above ("向市政府和区人大备案文件5件"), and
    # departments' files filed with the government ("备案部门文件13件")
    R("normdoc_filed", "count", left=rf"(?:报送|向[^,，;；。\d]{{1,12}}?)?备案(?:部门)?文件{G(2)}", units=DOCS),
    R("normdoc_filed", "count", left=rf"规范性文件{G(6)}(?:报送备案|报备|已备案){G(3)}", units=DOCS),
    # Only 废止 maps here: "修改、废止…文件316份" counts both (catalog note).
    R("normdoc_repealed", "count", left=rf"废止{G(16)}(?:规范性文件|文件){G(3)}", units=DOCS, exclude=REVISED_AND_REPEALED),
    # the outcome of a review of normative documents: "对原有2件行政规范文件进行审核,决定保留1件、废止1件"
    R("normdoc_repealed", "count", left=rf"废止{G(2)}", units=DOCS, anchor=rf"(?:规范(?:性)?文件[,，]?{G(8)}(?:清理|审核|审查|评估))|(?:(?:清理|审核|审查|评估){G(8)}规范(?:性)?文件)", exclude=REVISED_AND_REPEALED),
    # the count before the verb: "…的规范性文件5件宣布废止"
    R("normdoc_repealed", "count", right=r"(?:予以|宣布|决定)?废止", units=DOCS, anchor=r"规范性文件", anchor_scope="clause", exclude=REVISED_AND_REPEALED),
    rate("normdoc_review_rate", r"(?:合法性审核|合法性审查|前置审查|审核|审查)率", anchor=r"规范性文件|文件"),
    rate("normdoc_filing_rate", r"(?:报备及时|报备|备案及时|备案通过|备案|报备规范)率", anchor=r"规范性文件", anchor_scope="paragraph"),
    # filing with the government above and the people's congress is the filing of normative documents:
    # "及时向市人民政府、区人大常委会进行备案,备案率100%"
    rate("normdoc_filing_rate", r"(?:报备及时|报备|备案及时|备案)率", anchor=r"向[^,，;；。]{0,16}人大常委会[^,，;；。]{0,6}(?:进行)?(?:报送)?备案", anchor_scope="sentence"),
    rate("normdoc_filing_rate", r"规范率", anchor=r"规范性文件"),
    # the filing rates' own names say what is filed: "备案及时率51%", "备案规范率73%"
    rate("normdoc_filing_rate", r"(?:备案|报备)(?:及时|规范)率"),
    # --- decision_making --------------------------------------------------------------------------
    # decisions counted by their legality reviews: "组织行政决策合法性审查13次"
    R("major_decisions", "count", left=rf"(?:重大)?(?:行政)?决策(?:事项)?(?:的)?合法性(?:审查|审核){G(2)}", units=ITEMS | {"次"}),
    R("major_decisions", "count", left=rf"(?:重大行政决策|重大决策|涉法重大事项|重大事项|“?三重一大”?决策)(?:事项)?{G(4)}", units=ITEMS, exclude_left=r"后评估|评估"),
    # the count before the noun ("纳入5个重大行政决策事项", "筛选出…4项决策事项") and the catalogue's items
    # ("区政府公布目录事项4个" in a sentence on the 重大行政决策 catalogue); a post-evaluation is not a decision.
    R("major_decisions", "count", right=r"(?:的)?(?:重大行政决策|重大决策)?决策事项(?!目录|的)", units=ITEMS, exclude=r"后评估"),
    R("major_decisions", "count", right=r"(?:的)?(?:重大行政决策|重大决策)(?:事项)?(?!目录|的|程序)", units=ITEMS, exclude=r"后评估"),
    R("major_decisions", "count", left=rf"目录(?:内)?事项{G(2)}", units=ITEMS, anchor=r"重大行政决策|重大决策", anchor_scope="sentence"),
    # the items a published catalogue takes in: "公布2024年度重大行政决策事项目录,纳入4个事项"
    R("major_decisions", "count", left=r"(?:纳入|列入)(?:目录)?", right=r"(?:决策)?事项", units=ITEMS, anchor=r"重大(?:行政)?决策(?:事项)?目录", anchor_scope="sentence"),
    R("doc_legality_reviews", "count", left=rf"(?:审核|审查)(?:(?!规范性){NOGAP}){{0,24}}?(?:发文|文件){G(10)}", units=DOCS | {"件次"}, exclude_left=r"法律意见"),
    R("doc_legality_reviews", "count", left=rf"(?<!规范性)(?<!规范)文件合法性(?:审查|审核){G(3)}", units=DOCS | {"件次"}),
    # normative documents and agreements counted together are the legality reviews of documents:
    # "全年审核区级行政规范性文件及协议314件"
    R("doc_legality_reviews", "count", left=rf"(?:审核|审查){G(8)}规范性文件[及和与、](?:协议|合同){G(2)}", units=DOCS | {"件次"}),
    R("contract_legality_reviews", "count", left=rf"(?:审核|审查)(?:(?!发文|文件){NOGAP}){{0,16}}?(?:合同|协议){G(4)}", units=DOCS),
    # the count before the contracts: "对9份重大行政合同进行合法性审查"
    R("contract_legality_reviews", "count", right=r"(?:重大)?(?:行政)?(?:合同|协议)(?:进行|开展)?了?合法性(?:审查|审核)", units=DOCS),
    R("legal_advisor_opinions", "count", left=rf"法律意见(?:书)?{G(3)}", units=frozenset({"份", "件", "条", "篇", "次", "件次"}), anchor=r"法律顾问|公职律师|律师", anchor_scope="paragraph"),
    # the advisers' written opinions under another name: "法律顾问审查合同超185份、出具专业审查意见书143份"
    R("legal_advisor_opinions", "count", left=rf"出具(?:[^,，;；。\d]{{0,6}})?意见书{G(3)}", units=frozenset({"份", "件", "篇"}), anchor=r"法律顾问|公职律师", anchor_scope="sentence"),
    # the opinions the advisers offered: "市政府法律顾问…提出意见和建议290多条"
    R("legal_advisor_opinions", "count", left=rf"(?:提出|提供|出具)(?:法律)?意见(?:和|及|、)?(?:建议)?{G(2)}", units=frozenset({"份", "件", "条", "篇"}), anchor=r"法律顾问|公职律师", anchor_scope="sentence"),
    # --- law_enforcement --------------------------------------------------------------------------
    R("admin_penalty_cases", "count", left=rf"(?:^[、和及]?|(?:作出|实施|办理|查处)[^,，;；。\d]{{0,2}}|共|全区|全市|全县)行政处罚(?:案件|决定)?{TOTAL}{G(2)}", units=CASE_COUNTS),
    R("admin_penalty_cases", "count", left=rf"(?:立案)?查处(?:各类)?(?:违法|行政违法)?案件{G(2)}", units=CASES),
    # cases opened and dealt with, counted in 起/件 without the noun: "打击…违法违规行为,全年共立案查处19起"
    R("admin_penalty_cases", "count", left=rf"立案查处(?:了)?{G(2)}", units=CASE_COUNTS, anchor=r"违法|违规|处罚", anchor_scope="sentence"),
    R("fines_confiscations_amount", "amount", left=rf"(?:罚没款|罚没收入|罚没金额|罚没|罚款|处罚金额){G(4)}"),
    # a grade picked out of the files ("评出优秀案卷310宗") is not the files reviewed
    R("case_files_reviewed", "count", left=rf"案卷{G(4)}", units=DOCS | {"宗", "本"}, anchor=r"评查|检查|抽查", exclude_left=r"优秀|合格|良好|不合格|较差"),
    R("case_files_reviewed", "count", right=rf"{G(24)}?(?:进行|开展)?(?:案卷)?评查", units=DOCS | {"宗", "本"}),
    R("case_files_reviewed", "count", right=r"(?:行政执法|执法)?案卷(?!评查)", units=DOCS | {"宗", "本"}, anchor=r"评查|抽查", anchor_scope="sentence", exclude_left=r"优秀|合格|良好|不合格|较差|典型"),
    # the cases examined in a review of case files: "开展行政执法案卷评查2次,审查案件248起"
    R("case_files_reviewed", "count", left=rf"(?:审查|评查|抽查)(?:执法)?案件{G(2)}", units=CASES, anchor=r"案卷评查", anchor_scope="sentence"),
    R("case_file_pass_rate", "percent", left=rf"合格率{RATE_TAIL}", anchor=r"评查|案卷", exclude=r"考试|成绩|及格"),
    # the share of files graded pass or better: "及格以上案卷占总案卷的95.31%" (the 合格 grade alone, in a
    # breakdown beside 优秀, is a share of one grade)
    R("case_file_pass_rate", "percent", left=rf"(?:合格|及格)(?:等次)?以上(?:等次)?(?:的)?案卷(?:数)?(?:占(?:总|全部|评查)?(?:案卷)?(?:数|总数)?的?|占比|比例){RATE_TAIL}"),
    R("enforcement_staff_trained", "count", left=rf"(?:培训|轮训)(?:各类)?(?:行政)?执法(?:人员|队伍)?{G(2)}", units=PERSONS),
    # "执法培训累计覆盖960人"
    R("enforcement_staff_trained", "count", left=rf"执法(?:人员)?(?:培训|轮训)(?:累计|共|全年)?(?:覆盖|参训){G(2)}", units=PERSONS),
    R("enforcement_staff_trained", "count", right=rf"{G(20)}?(?:参加|参与|接受|进行了?){G(16)}?(?:培训|轮训)", units=PERSONS, anchor=r"执法人员", anchor_scope="clause"),
    # every officer holds the certificate: a stock, not this year's issues ("全乡3名执法人员全部取得行政执法证")
    R("certified_enforcement_staff", "count", right=r"(?:行政)?执法人员(?:全部|均已|均|全员)(?:已)?(?:取得|持有)了?(?:行政)?执法(?:证|资格)", units=PERSONS),
    R("enforcement_certificates_issued", "count", right=r"(?:行政)?(?:执法)?(?:人员)?(?:已|均|全部|均已)?(?:(?:申请|参加|通过)(?:行政执法资格)?考试(?:并|后)?)?(?:取得|领取|获得|新领|换发|申领)了?(?:新的?)?(?:行政)?执法(?:证|资格)", units=PERSONS),
    R("enforcement_certificates_issued", "count", left=rf"(?:(?:取得|领取|换发|新领|申领)(?:行政)?执法证(?:件|资格)?|领取新证|(?:年审)?换证){G(3)}", units=PERSONS),
    R("certified_enforcement_staff", "count", right=r"(?:持有|持)(?:行政)?执法证", units=PERSONS),
    # a stock stated as people who hold the qualification now: "目前全镇8名干部取得执法资格"
    R("certified_enforcement_staff", "count", right=r"(?:干部|人员|执法人员)(?:均|已)?(?:取得|持有)了?(?:行政)?执法(?:证|资格)", units=PERSONS, anchor=r"目前|现有|当前|共有", anchor_scope="clause"),
    # the staff on post, stated as a stock with nothing done to them: "在岗执法人员:19人", "…,执法人员27人;"
    R("certified_enforcement_staff", "count", left=r"(?:^|在岗|在编|现有|共有|正式)(?:行政)?执法(?:人员|队员)(?:共|总数为?)?[:：]?\s*", right=r"\s*(?:[,，;；。)）]|$)", units=frozenset({"人", "名"})),
    R("certified_enforcement_staff", "count", left=rf"(?:持证(?:执法)?人员|持有(?:行政)?执法证(?:件)?的?(?:人员)?|执法人员总数){G(3)}", units=PERSONS),
    R("criminal_case_transfers", "count", left=rf"移送(?:涉嫌犯罪)?(?:案件|线索)?{G(3)}", units=CASES, anchor=r"公安|检察|司法机关|涉嫌犯罪|两法衔接|行刑衔接|刑事"),
    # --- oversight ----------------------------------------------------------------------------------
    R("npc_suggestions_handled", "count", left=rf"(?:人大代表(?:建议|议案)|人大建议|代表建议){GI(2)}", units=ITEMS),
    R("cppcc_proposals_handled", "count", left=rf"(?:政协(?:委员)?提案|委员提案){GI(2)}", units=ITEMS),
    # the count before the noun: "63件人大代表建议、291件政协提案交给各承办单位办理"
    R("npc_suggestions_handled", "count", right=r"(?:的)?(?:人大代表建议|人大建议|代表建议)", units=ITEMS),
    R("cppcc_proposals_handled", "count", right=r"(?:的)?(?:政协(?:委员)?)?提案", units=ITEMS),
    # proposals named alone in a sentence on the CPPCC ("交由市政府办理的提案共92件"); those submitted or
    # received are not those handled; NPC motions (议案) are handled like suggestions.
    # 提案 named beside 建议 ("代表建议、提案"): the pair of the people's congress and the CPPCC
    # proposals put on file (立案) after the count of those submitted: "共提出提案491件,立案466件"
    R("cppcc_proposals_handled", "count", left=r"^(?:提案)?立案", units=ITEMS, anchor=r"提出提案|提案[^,，;；。\d]{0,4}\d", exclude=r"复议|处罚|查处|诉讼|违法"),
    R("cppcc_proposals_handled", "count", left=rf"提案(?:共|总数为?)?{GI(2)}", units=ITEMS, anchor=r"政协|建议[、和及与]提案", exclude_left=r"提出|收到|征集"),
    # those passed to the government to handle: "共收到提案835件,其中交由市政府及有关部门和单位办理的801件"
    R("cppcc_proposals_handled", "count", left=r"交由[^,，;；。\d]{0,20}?办理的", units=ITEMS, anchor=r"政协|提案", anchor_scope="sentence", exclude_left=r"建议"),
    R("npc_suggestions_handled", "count", left=rf"议案{GI(2)}", units=ITEMS, anchor=r"人大", exclude_left=r"提出|收到"),
    R("npc_suggestions_handled", "count", left=rf"议案(?:和|及|、)?建议(?:共|总数为?)?{GI(2)}", units=ITEMS, anchor=r"人大", exclude_left=r"提出|收到"),
    # cases settled or withdrawn (调撤一审行政诉讼案件102件) are an outcome, not the caseload
    R("litigation_cases", "count", left=rf"(?:行政诉讼|行政应诉|应诉|一审|二审)(?:行政)?案件{G(2)}", units=CASES, exclude=ONE_COURT, exclude_left=r"调撤|撤诉|调解|和解|负责人(?:亲自)?出庭"),
    # the cases all the region's courts received ("全省法院受理各类行政诉讼案件35687件", "两级法院新收一审行政案件240件"):
    # the region's litigation, unlike one court's caseload (ONE_COURT)
    R("litigation_cases", "count", left=rf"(?:全(?:国|省|市|区|县|州|盟)|各级|[两三]级)(?:人民)?法院(?:共|全年)?(?:受理|新收)(?:各类)?(?:一审)?(?:行政诉讼|行政)案件{G(2)}", units=CASES),
    # cases tried at a hearing (开庭审结) are a part of those concluded
    R("litigation_cases_concluded", "count", left=rf"(?:审结|结案|判决|裁定){G(4)}", units=CASES, anchor=LITIGATION, anchor_scope="paragraph", exclude=ONE_COURT, exclude_left=r"开庭"),
    R("litigation_cases_lost", "count", left=rf"败诉(?:案件)?{G(2)}", units=CASES, exclude=ONE_COURT),
    rate("litigation_loss_rate", r"败诉率|败诉比例"),
    # the agency's staff in court (工作人员出庭应诉率) is not its head
    rate("head_court_appearance_rate", r"出庭(?:应诉)?率|出庭应诉比例", exclude_left=r"工作人员"),
    R("head_court_appearances", "count", left=rf"出庭(?:应诉)?{G(3)}", units=frozenset({"次", "人次", "场次", "件次"}), exclude=r"旁听"),
    # counted as the cases a head attended: "行政机关负责人出庭应诉案件14665件"
    R("head_court_appearances", "count", left=rf"负责人(?:亲自)?出庭(?:应诉)?(?:的)?(?:行政)?案件{G(2)}", units=CASES, exclude=r"旁听"),
    R("info_proactive_disclosures", "count", left=rf"主动{G(24)}?(?:公开|发布){G(24)}?信息{G(4)}", units=INFO),
    # what a government website published: "政府网站累计公开信息45条"
    R("info_proactive_disclosures", "count", left=rf"政府(?:门户)?网站(?:累计|共|全年)?(?:公开|发布)(?:各类)?(?:政府)?信息{G(2)}", units=INFO, exclude=r"通过"),
    R("info_proactive_disclosures", "count", left=rf"(?:累计|共|全年)(?:公开|发布)(?:各类)?(?:政府)?信息{G(2)}", units=INFO, exclude_left=r"依申请|不予|申请"),
    # requests carried over from last year (上年结转) are not this year's
    R("info_disclosure_requests", "count", left=rf"(?:依申请公开|政府信息公开申请|(?:收到|受理|接到)(?:各类)?申请公开){G(4)}", units=CASES, exclude_left=r"结转|转结|上年"),
    # in 条, information items classed as on-request ("依申请公开信息459条") are items, not requests
    R("info_disclosure_requests", "count", left=rf"(?:依申请公开|政府信息公开申请|(?:收到|受理|接到)(?:各类)?申请公开){G(4)}", units=frozenset({"条"}), exclude_left=r"结转|转结|上年|依申请公开(?:政府)?信息(?!公开)(?!申请)"),
    # the count before the noun: "共收到8份政府信息公开申请"
    R("info_disclosure_requests", "count", right=r"(?:的)?(?:政府信息公开申请|依申请公开申请)", units=CASES | {"条", "份"}, anchor=r"收到|受理|接到|接收", anchor_scope="clause"),
    # --- dispute_resolution: reconsideration (anchor 复议) -----------------------------------------
    R("recon_applications_received", "count", left=rf"(?:(?:收到|接到|接收){G(12)}?复议(?:申请|案件)?|复议(?:事务|申请)){G(3)}", units=CASES, exclude_left=r"受理|立案|审结|办结|结案|作出|驳回|撤回|终止"),
    R("recon_cases_accepted", "count", left=rf"(?:受理|立案|新收)(?!前){G(12)}", units=CASES, anchor=RECON, exclude_left=r"不予受理|收到|依申请|受理前|立案前"),
    # cases closed by mediation or settlement (调解结案) are a part of those concluded
    R("recon_cases_concluded", "count", left=rf"(?:审结|办结|结案|作出(?:复议)?决定){G(8)}", units=CASES, anchor=RECON, anchor_scope="paragraph", exclude_left=r"(?:调解|和解)(?:方式)?(?:结案|办结)|未(?:审结|办结|结案)"),
    R("recon_cases_pending", "count", left=rf"(?:在办|正在办理|未结|尚未审结|未审结|正在审理){G(3)}", units=CASES, anchor=RECON),
    R("recon_cases_pending", "count", right=r"(?:案件)?(?:正在办理|在办|尚在办理|正在审理|未结|尚未审结)", units=CASES, anchor=RECON),
    R("recon_corrections", "count", right=r"(?:案件)?(?:作出|予以|被|依法)?(?:撤销|变更|确认违法|责令履行)", units=CASES, anchor=RECON),
    R("recon_corrections", "count", left=rf"(?:撤销|变更|确认违法|责令履行|纠错|纠正){G(6)}", units=CASES, anchor=RECON),
    # the act corrected or the duty ordered named after the verb: "撤销被申请机关具体行政行为2件",
    # "责令被申请人依法履职4件", "纠正违法和不当行政行为3.4万件"
    R("recon_corrections", "count", left=rf"(?:撤销|变更|确认|纠正|责令)[^,，;；。\d]{{0,14}}?(?:行政行为|履职|履行(?:法定)?职责){G(2)}", units=CASES, anchor=RECON),
    # the reconsideration's own list of decisions, without the word 复议 ("通过撤销、变更、确认违法、责令履行等方式纠正
    # 违法和不当行政行为3.4万件"); a court's judgements (判决撤销…) are litigation, not reconsideration
    R("recon_corrections", "count", left=rf"(?:撤销|变更)、(?:变更|确认违法)[^,，;；。\d]{{0,16}}纠正[^,，;；。\d]{{0,10}}行政行为{G(2)}", units=CASES, exclude=r"判决|判令|法院"),
    rate("recon_correction_rate", r"(?:直接|综合)?纠错率|错案率|纠错(?=为)", anchor=RECON, anchor_scope="paragraph"),
    rate("recon_on_time_rate", r"法定期限内(?:结案|办结|审结)率|(?:按期|按时)(?:结案|办结|审结)率", anchor=RECON, anchor_scope="paragraph"),
    # --- dispute_resolution: mediation, disputes, petitions, legal aid ------------------------------
    # "受理795件,调处673件": the cases are those received; the ones handled after them are an outcome
    R("mediation_cases", "count", left=rf"(?<!协)(?:调解|调处)(?:(?![室员会站所组]|成功|协议){NOGAP}){{0,10}}", units=CASES, exclude_left=r"成功|协议|复议", exclude_near=r"复议调解|受理[^,，;；。\d]{0,6}\d[\d.]*万?(?:件|宗|起)[,，](?:调处|调结)$"),
    R("mediation_successes", "count", left=rf"(?:(?:调解|调处)成功|达成(?:调解)?协议){G(2)}", units=CASES),
    rate("mediation_success_rate", r"(?:调解|调处)成功率|调解率", exclude_left=r"复议"),
    # "调解成功6217件,成功率达97.6%": the success rate named alone after a mediation figure
    rate("mediation_success_rate", r"(?<![\u4e00-\u9fa5])成功率", anchor=r"调解|调处"),
    R("disputes_screened", "count", left=rf"(?:排查|摸排)(?![、和及与]?化解){G(8)}?纠纷{G(2)}", units=CASES),
    R("disputes_resolved", "count", left=rf"化解(?:(?!信访){NOGAP}){{0,8}}?纠纷{G(2)}", units=CASES, exclude_left=r"(?:排查|摸排)[、和及与]?化解"),
    # the next stage named alone after disputes screened: "排查出各类矛盾纠纷4190件,化解4043件"
    R("disputes_resolved", "count", left=r"(?<![\u4e00-\u9fa5])(?:成功)?化解", units=CASES, anchor=r"纠纷"),
    R(("petitions_received", "petitions_resolved"), "count", left=rf"受理(?:并|和|及)办结{G(8)}", units=CASES, anchor=PETITION),
    R("petitions_received", "count", left=rf"(?:受理|接待|登记|接收|收到){G(6)}?(?:信访|来信来访|群众来信){G(4)}", units=CASES | {"人次"}, exclude_left=r"办结"),
    R("petitions_received", "count", left=rf"接待(?:来访|上访)?群众{G(2)}", units=CASES | {"人次"}, anchor=PETITION),
    R("petitions_received", "count", left=rf"(?:信访总量|来信来访总量|信访量){G(3)}", units=CASES | {"人次"}),
    # Cases assigned from above (交办) are not the year's total received (catalog note): no rule.
    R("petitions_resolved", "count", left=rf"(?:化解|办结|息访){G(10)}", units=CASES, anchor=PETITION, anchor_scope="paragraph", exclude_left=r"受理(?:并|和|及)"),
    R("legal_aid_cases", "count", left=rf"法律援助(?:案件)?{G(3)}", units=CASES),
    # --- capacity -----------------------------------------------------------------------------------
    # activities are publicity when their clause says so (a law named earlier in the sentence is not enough:
    # "组织学习《民法典》…5次,开展警示教育、执法实务培训等活动3场")
    R("law_publicity_events", "count", left=rf"活动{G(2)}", units=TIMES, anchor=PUBLICITY, anchor_scope="clause", exclude=FOR_STAFF),
    # a law lecture among publicity means ("举办法治讲座4次、挂宣传横幅12条"); the leadership's own lectures are study
    R("law_publicity_events", "count", left=rf"(?:法治|法律|普法)(?:知识)?讲座{G(2)}", units=TIMES, anchor=rf"{PUBLICITY}|受众|受教育", exclude=rf"{STUDY_BODY}|学法|{FOR_STAFF}"),
    # 习近平法治思想 宣讲 (lectures on the doctrine) are counted apart from law publicity (labels of
    # ../shared/dev/real and tests/fixtures/real_own), so 宣讲 alone is not read as a publicity event.
    R("law_publicity_events", "count", left=rf"(?:普法|法治宣传|法制宣传)(?:{G(6)}?(?:宣传|活动))?{G(3)}", units=TIMES, exclude=FOR_STAFF, exclude_left=r"宣传栏|板报|专栏|出刊|简报"),
    R("law_publicity_events", "count", right=r"(?:的)?(?:普法|法治宣传|法制宣传)(?:宣传)?活动", units=TIMES),
    # publicity of a law or of 习近平法治思想 by name: "开展习近平法治思想宣传300余次"
    R("law_publicity_events", "count", left=rf"(?:习近平法治思想|宪法|民法典|法律法规)(?:{G(4)}?主题)?(?:宣传|宣讲){G(2)}", units=TIMES, exclude=rf"{FOR_STAFF}|学习"),
)  # fmt: skip


# --- codes added with the grown catalog (docs/indicators.md) ------------------------------------
# Rule-of-law committees and the meetings of the government and party that deliberate rule-of-law work.
# A figure several bodies share (常委会会议、常务会议…30余次, 常务会议、专题会议等5次) is rol_joint_meetings
# and is left alone here; 学法 at such a meeting is law_study_sessions; ordinals (第三次会议) are not counts.
COMMITTEE = (
    r"(?:全面)?依法治(?:省|市|区|县|州|旗|盟)委员会(?:第?[一二三四五六七八九十\d]*次)?(?:全体|扩大)?(?:会议)"
)
JOINT = r"(?:常委会|常务会|专题会)(?:会议|议)?[、和及与][^,，;；。\d]{0,12}(?:常委会|常务会|专题会)|书记|主要领导同志分别"
ROL_TOPIC = r"法治|依法行政|依法治"
MEETING_NOT = rf"学法|讲座|合同|协议|招商|直播|列席|{JOINT}"
# A rule-of-law assessment named in the sentence: 法治政府建设考核, 依法行政考核, 法治建设满意度调查, or the
# CUPL 法治政府评估, often called 评估 alone (not a risk or post-decision 评估). A work's own 考核 or ranking
# (信访, 营商环境, 扫黑除恶) ranks that work, and a rank of a count (入选数量位居全国第六) is no assessment.
ASSESSMENT = (
    r"(?:法治|依法行政)[^,，;；。\d]{0,10}(?:考核|评估|测评|考评|满意度|调查|指数)|(?<!风险)(?<!后)评估"
)
ASSESSMENT_NOT = r"营商|政务服务|网上|数字|压缩|指标|信用|单项"
RANK_NOT = r"数量|总数|总量|个数|入选|获评"
# The lists whose items are moved: powers, approvals, licences ("行政许可事项", "行政审批项目", "行政职权").
POWER_ITEMS = r"(?:行政)?(?:许可|审批|权力|职权|处罚权|执法权|管理权|权限|权责)(?:事项|项目|子项)?"
MOVED_UNITS = frozenset({"项", "个", "条"})
# The opening of one part of a decision that moves items: after the previous part's gloss and 、, or after 其中.
PART_OPEN = r"^(?:[(（][^()（）]{0,20}[)）])?[、]?(?:其中[:：]?)?"
MOVED_BUNDLE = r"(?:取消|下放|调整|委托|承接)[、和及与]|(?:取消|下放|调整)(?:调整|承接)"
# Public legal service sites by level, and the place words that name their level ("市(县、区)", "乡镇(街道)").
LEGAL_SERVICE_SITE = r"(?:公共)?法律服务(?:中心|工作站|服务站|站点|站|工作室|室|联系点|实体平台|平台)"
PLACE_NAME = rf"(?:\([^()\d]{{0,8}}\)|{ITEM_GAP})"
SITE_UNITS = frozenset({"个", "家", "处"})
SUPERVISION = r"督察|督查|巡察"
PROBLEM_UNITS = frozenset({"条", "个", "项", "处"})
TRAINING_NOT = r"执法|法律明白人|明白人|群众|村民|居民|学生|青少年|企业|律师|调解员|网格员|党员"
# Rule-of-law meetings that both the Party committee and the government held: both bodies, or their leaders.
JOINT_BODIES = (
    r"(?:常委会|常务会)(?:会议|议)?[、和及与][^,，;；。\d]{0,24}?(?:常委会|常务会|专题会)(?:会议|议)?(?:等)?"
)
JOINT_LEADERS = (
    r"(?:省|市|区|县|州|旗)委[、和及与](?:省|市|区|县|州|旗)?(?:人民)?政府(?:主要)?(?:负责同志|领导(?:同志)?)"
)
ROL_DELIBERATION = (
    rf"(?:专题|先后|多次)?(?:研究|听取|审议)[^,，;；。\d]{{0,20}}?(?:{ROL_TOPIC})[^,，;；。\d]{{0,14}}?"
)
JOINT_NOT = r"学法|讲座|合同|协议|招商|直播|列席|批示|调研"
# A rule-of-law meeting named by its topic alone (法治建设专题会议), unless a body's meeting is named.
ROL_MEETING = rf"(?:{ROL_TOPIC})(?:政府)?(?:建设|工作)?专题会(?:议)?"
ROL_MEETING_NOT = rf"{JOINT_NOT}|常委会|常务会|党委会|党工委会|党组会"
ONE_VISIT = r"(?:最多跑一次|只跑一次|最多跑一趟|一次办)"
DEMO_STAGE = r"命名|推荐|申报|入选|获评|评为|名单"
ONE_THING = r"(?:高效办成)?一件事(?:一次办)?"

RULES_NEW: tuple[Rule, ...] = (
    R("rol_committee_meetings", "count", left=rf"{COMMITTEE}{G(3)}", units=TIMES, exclude_left=r"第$"),
    R("rol_committee_meetings", "count", right=rf"{GI(8)}?{COMMITTEE}", units=TIMES),
    # "常务会议專題研究法治政府建設有關議題12次", "组织召开县政府常务会议3次专题研究部署法治政府建设工作",
    # "主持召开涉及法治政府建设事项的省政府常务会议33次"
    R("gov_executive_rol_meetings", "count", left=rf"常务会(?:议)?(?:专题)?(?:研究|审议|听取)[^,，;；。\d]{{0,20}}?(?:{ROL_TOPIC})[^,，;；。\d]{{0,16}}?{G(2)}", units=TIMES, exclude=MEETING_NOT),
    R("gov_executive_rol_meetings", "count", left=rf"(?:{ROL_TOPIC})[^,，;；。\d]{{0,16}}?(?:的)?(?:省|市|区|县|州|旗)?(?:人民)?政府常务会(?:议)?{G(2)}", units=TIMES, exclude=MEETING_NOT),
    R("gov_executive_rol_meetings", "count", left=rf"(?:省|市|区|县|州|旗)(?:人民)?政府常务会(?:议)?{G(2)}", right=rf"(?:专题)?(?:研究|审议|听取)(?:部署)?[^,，;；。\d]{{0,14}}?(?:{ROL_TOPIC})", units=TIMES, exclude=MEETING_NOT),
    R("party_committee_rol_meetings", "count", left=rf"(?:省|市|区|县|州|旗)委常委会(?:会议)?(?:专题)?(?:研究|审议|听取)[^,，;；。\d]{{0,20}}?(?:{ROL_TOPIC})[^,，;；。\d]{{0,16}}?{G(2)}", units=TIMES, exclude=rf"{MEETING_NOT}|人大|常务会"),
    # a township's 党委 or a street's 党工委, its meetings on rule-of-law work: "全年召开法治专题党委会议4次",
    # "全年召开党工委专题会议4次,专题研究法治宣传、执法规范…" (the topic may follow in the sentence)
    R("party_committee_rol_meetings", "count", left=rf"(?:(?:{ROL_TOPIC})[^,，;；。\d]{{0,4}}?专题)?(?:党委|党工委)(?:专题)?会(?:议)?{G(2)}", units=TIMES, anchor=ROL_TOPIC, anchor_scope="around", exclude=rf"{MEETING_NOT}|学习|常委会|常务会|理论"),
    # 述法: the persons who reported ("99名党政主要负责人年终述法", "组织全市1858名领导干部参加年度述法",
    # "各级党政主要负责人述法872人"); 述法考核 / 述法清单 / 述法会议 are not persons.
    R("officials_shufa_reports", "count", right=rf"{GI(20)}?(?:进行了?|参加了?|开展|作)?(?:年度|年终|现场|书面|会议|专题)?(?:述职)?述法(?!考核|清单|会议|报告会|工作|制度)", units=PERSONS),
    R("officials_shufa_reports", "count", left=rf"(?:负责人|负责同志|领导干部|书记)(?:年度|年终|现场|书面)?(?:述职)?述法{G(2)}", units=PERSONS),
    # one head per unit named: "长丰县政府…等6家单位的主要负责人就…情况进行现场述法", "8个行政村党支部书记全部完成年度述法"
    R("officials_shufa_reports", "count", right=rf"(?:单位|部门|机关|行政村|村|乡镇|街道){GI(4)}?的?(?:党政)?(?:主要负责人|主要负责同志|党支部书记|党组织书记|书记){GI(24)}?(?:依次|分别|全部|均)?(?:进行了?|参加了?|开展|作|完成)?了?(?:年度|年终|现场|书面|专题)?(?:述职)?述法(?!考核|清单|会议|报告会|工作|制度)", units=frozenset({"家", "个"})),
    # Law exams of cadres: takers and the pass rate; the enforcement-qualification exam is enforcement's.
    R("official_law_exam_takers", "count", right=rf"{GI(20)}?(?:参加|参与)了?(?:(?:19|20)\d{{2}}年度?)?{GI(16)}?(?:学法用法|法律知识|法治|学法|任前|法律法规)[^,，;；。\d]{{0,8}}?(?:考试|考法)", units=PERSONS, exclude=r"执法资格|执法证|资格考试"),
    R("official_law_exam_takers", "count", right=rf"{GI(12)}?(?:集中|任前)?考法", units=PERSONS, exclude=r"执法资格|执法证|资格考试"),
    R("official_law_exam_takers", "count", left=rf"(?:学法|考法|法律知识)(?:用法)?考试{G(3)}", units=PERSONS, exclude=r"执法资格|执法证|资格考试"),
    R("official_law_exam_takers", "count", left=r"覆盖(?:各级)?(?:公职人员|领导干部|国家工作人员)(?:近|约)?", units=PERSONS, anchor=r"学法用法考试|法律知识考试|考法", anchor_scope="sentence"),
    rate("official_law_exam_pass_rate", r"(?:成绩|考试)?(?:合格|及格|通过)率", anchor=r"考法|(?:法律知识|学法用法|法律法规|学法|法治)[^,，;；。\d]{0,10}考试", exclude=r"执法资格|资格考试|案卷|评查"),
    # Lists of items: 跨省通办 items, the retained intermediary-service list, items received, proofs cancelled.
    R("cross_province_items", "count", right=rf"{GI(10)}?(?:事项)?(?:实现了?)?“?(?:跨省通办|全国通办)(?![、和及与])", units=ITEMS, exclude=r"\d+项[^,，;；。]{0,24}、[^,，;；。]{0,8}\d+项"),
    R("cross_province_items", "count", left=rf"跨省通办”?(?:事项|服务事项)?{GI(3)}", units=ITEMS),
    R("intermediary_service_items", "count", left=rf"(?:保留|规范|公布|梳理)(?:[^,，;；。\d]{{0,6}})?中介服务事项{GI(3)}", units=ITEMS, exclude=r"收费|不属于|再次"),
    R("power_items_received", "count", left=rf"承接[^,，;；。\d]{{0,12}}?(?:赋权|下放|事项|项目|权限){G(3)}", units=ITEMS, exclude=r"平均|每个"),
    R("proof_items_cancelled", "count", left=rf"取消[^,，;；。\d]{{0,12}}?证明(?:事项|材料)?{G(2)}", units=ITEMS),
    # the count between the verb and the proofs: "一举取消…证明298项" is above; "取消298项证明事项"
    # the outcome of a clean-up of proof items: "全市共清理证明事项201件,保留110件,取消91件"
    R("proof_items_cancelled", "count", left=r"^取消了?$", units=ITEMS, anchor=r"清理[^,，;；。\d]{0,6}证明(?:事项|材料)", anchor_scope="sentence"),
    R("proof_items_cancelled", "count", left=r"取消(?:了)?$", right=r"(?:各类|村\(?社区\)?)?证明(?:事项|材料)?", units=ITEMS),
    # Supervision of lower units: the units inspected ("对4家单位开展法治政府建设督察"); one part of a list of
    # inspected kinds ("对2个市州和4个省直部门…") is not the count.
    R("supervision_units_inspected", "count", right=rf"{GI(20)}?(?:进行|开展|启动|实施)了?(?:法治政府建设|法治建设|法治)?(?:工作)?(?:(?:书面|实地|专项|现场)(?:[和及、](?:书面|实地|专项|现场))?)?(?:法治)?(?:督察|督查|督导)", units=frozenset({"个", "家"}), exclude_left=r"^(?:个|家)?[^,，;；。\d]{0,12}[和及与、]$"),
    # The demonstration programme: areas and projects named or recommended (not promoted, not 民主法治示范村).
    # "名单包括72个全国法治政府建设示范市(县、区)和33个全国法治政府建设示范项目", "各省推荐的100多个综合示范地区和150多个单项示范项目"
    R("rol_demo_areas_named", "count", right=r"(?:全国|省级|市级)?(?:法治政府建设)?(?:综合)?示范(?:地区|区|市|县)(?!村)", units=frozenset({"个", "家"}), anchor=DEMO_STAGE, anchor_scope="clause", exclude=r"民主法治示范"),
    R("rol_demo_projects_named", "count", right=r"(?:全国|省级|市级)?(?:法治政府建设)?(?:单项)?示范项目", units=frozenset({"个", "项"}), anchor=DEMO_STAGE, anchor_scope="clause", exclude=r"推广"),
    # Government legal advisers as persons: "市政府聘请新一届12名政府法律顾问", "聘请了20余名法律顾问委员".
    R("legal_advisers", "count", right=r"(?:政府)?(?:法律顾问|公职律师)(?:委员)?(?!的|服务|工作|出具|参与|提供|为)", units=frozenset({"名", "人", "位"}), exclude=r"村|社区|居"),
    # the persons after the hiring verb and the noun: "各级政府和部门聘请了法律顾问380多人"
    R("legal_advisers", "count", left=rf"(?:聘请|聘用|选聘|配备)了?{G(8)}?(?:法律顾问|公职律师){G(2)}", units=frozenset({"名", "人", "位"}), exclude=r"村|社区|居"),
    # A figure the Party and the government meetings share (rol_joint_meetings, never split): the count after
    # both bodies, the topic after it ("市委常委会会议、市政府常务会议6次听取法治政府建设有关工作汇报"), the topic
    # between ("区委常委会会议、区政府常务会议专题听取法治工作汇报10余次"), or the bodies in an earlier clause of
    # the sentence ("…分别主持召开省委常委会会议、省政府常务会议,先后研究法治政府建设工作30余次"), and the leaders of
    # both ("县委、县政府主要负责同志专题研究法治工作9次").
    R("rol_joint_meetings", "count", left=rf"{JOINT_BODIES}(?:先后|共|累计)?", units=TIMES, anchor=rf"(?:研究|听取|审议)[^,，;；。\d]{{0,20}}?(?:{ROL_TOPIC})", anchor_scope="clause", exclude=JOINT_NOT),
    R("rol_joint_meetings", "count", left=rf"(?:{JOINT_BODIES}|{JOINT_LEADERS}){G(6)}?{ROL_DELIBERATION}", units=TIMES, exclude=JOINT_NOT),
    R("rol_joint_meetings", "count", left=rf"^(?:先后|共|累计|多次|专题)*{ROL_DELIBERATION}", units=TIMES, anchor=JOINT_BODIES, exclude=JOINT_NOT),
    # the executive meeting named in an earlier clause, its deliberation in the number's: "区政府常务会定期听取工作
    # 汇报,专题研究法治政府建设工作5次" (both bodies named: the joint rules above)
    R("gov_executive_rol_meetings", "count", left=rf"^(?:先后|共|累计|多次|专题)*{ROL_DELIBERATION}", units=TIMES, anchor=r"政府常务会", exclude=JOINT_NOT, exclude_sentence=rf"{JOINT_BODIES}|{JOINT_LEADERS}|常委会|党委|党工委|党组"),
    # a rule-of-law meeting with no body named (the first responsible persons hold it): "主持召开法治建设专题会议2次",
    # "先后召开4次法治建设专题会议"
    R("rol_joint_meetings", "count", left=rf"{ROL_MEETING}{G(2)}", units=TIMES, exclude=ROL_MEETING_NOT),
    R("rol_joint_meetings", "count", right=ROL_MEETING, units=TIMES, exclude=ROL_MEETING_NOT),
    # topics, not meetings: "研究法治政府建设议题79项"
    R("rol_agenda_items", "count", left=rf"(?:研究|审议|听取)[^,，;；。\d]{{0,12}}?(?:{ROL_TOPIC})[^,，;；。\d]{{0,10}}?议题{G(2)}", units=frozenset({"项", "个", "件"}), exclude=r"学法|传达学习"),
    # problems rectified after supervision: "反馈问题40条,已整改到位38条"; measures and enforcement's 停工整改 are not.
    R("supervision_problems_fixed", "count", left=rf"(?:已|均已)?(?:完成整改|整改(?:到位|完成|销号)){G(2)}", units=PROBLEM_UNITS, anchor=SUPERVISION, anchor_scope="paragraph", exclude=r"措施|停工|停产|隐患|累计"),
    # --- assessment: a rank (counter 名次) or a score (counter 分) of a rule-of-law assessment -----------
    # "在全部参与评估的100个城市中排名第3位", "列第41位", "在西北5个省会城市中排名第一"; the business
    # environment, one sub-indicator (一级指标) or a cut rate ranked first are other rankings.
    R("assessment_rank", "count", left=r"(?:排名|排在|排|列|居)(?:全国|全省|全市|全区|全县|全州|全盟)?", units=frozenset({RANK_UNIT}), anchor=ASSESSMENT, exclude=ASSESSMENT_NOT, exclude_left=RANK_NOT),
    # "广州市总分770.83分", "西宁市评估总分为677.78分"; an exam's or a self-check's score is not the assessment's.
    R("assessment_score", "count", left=r"(?:总分|得分|评分|总得分)(?:为|是|达到|达)?", units=frozenset({SCORE_UNIT}), anchor=ASSESSMENT, exclude=rf"{ASSESSMENT_NOT}|考试|考法|自查|自评|满分"),
    # --- moved items: the count moved IS the figure (unlike the list-size codes, which LIST_CHANGE shields) ---
    # the verb, the list's kind, the count: "取消省级行政许可事项6项", "下放省级行政许可事项39项",
    # "调整省级行政许可事项25项"; a bundle (取消和下放41项) is neither part.
    R("power_items_cancelled", "count", left=rf"取消{G(12)}?{POWER_ITEMS}{G(2)}", units=MOVED_UNITS, exclude_left=rf"{MOVED_BUNDLE}|证明|中介|部分"),
    R("power_items_devolved", "count", left=rf"(?:下放|委托|赋权){G(12)}?{POWER_ITEMS}{G(2)}", units=MOVED_UNITS, exclude_left=rf"{MOVED_BUNDLE}|承接|接收|部分"),
    R("power_items_adjusted", "count", left=rf"(?:调整|合并|变更|划转)(?!后|公布){G(12)}?{POWER_ITEMS}{G(2)}", units=MOVED_UNITS, exclude_left=MOVED_BUNDLE),
    # the count right after the verb, the list's kind after it: "取消60项中央指定我省实施的行政审批事项"
    R("power_items_cancelled", "count", left=r"取消了?", units=MOVED_UNITS, anchor=POWER_ITEMS, anchor_scope="clause", exclude=r"证明|中介", exclude_left=MOVED_BUNDLE),
    R("power_items_devolved", "count", left=r"(?:下放|委托|赋权)了?", units=MOVED_UNITS, anchor=POWER_ITEMS, anchor_scope="clause", exclude_left=rf"{MOVED_BUNDLE}|承接|接收"),
    # the powers given to a named receiver: "市政府决定赋予鹰潭高新区169项市级经济社会管理权限"
    R("power_items_devolved", "count", left=rf"(?:赋予|下放(?:至|到|给)){GI(10)}?", units=MOVED_UNITS, anchor=POWER_ITEMS, anchor_scope="clause", exclude_left=rf"{MOVED_BUNDLE}|承接|接收"),
    # a decision's parts after the list it moves: "决定再取消调整132项行政职权,其中取消58项、下放26项、
    # 调整管理方式7项…、承接41项"; "其中:取消9项,部分取消14项,下放管理层级3项" (部分 parts are left alone)
    R("power_items_cancelled", "count", left=rf"{PART_OPEN}取消了?$", units=MOVED_UNITS, anchor=POWER_ITEMS, exclude=r"证明|中介"),
    R("power_items_devolved", "count", left=rf"{PART_OPEN}(?:下放|委托)(?:管理层级|(?:至|到)[^,，;；。\d、]{{1,4}})?了?$", units=MOVED_UNITS, anchor=POWER_ITEMS, exclude=r"证明|中介"),
    R("power_items_adjusted", "count", left=rf"{PART_OPEN}(?:调整|合并)(?:管理方式|审批部门|实施部门|实施主体|管理层级)?了?$", units=MOVED_UNITS, anchor=POWER_ITEMS, exclude=r"证明|中介"),
    R("power_items_received", "count", left=rf"{PART_OPEN}(?:承接|接收)了?$", units=MOVED_UNITS, anchor=POWER_ITEMS, exclude=r"证明|中介"),
    # --- service process: rates and the 最多跑一次 list --------------------------------------------------------
    # "承诺事项办理时限平均压缩率达65.73%", "承诺提速率65.1%"; a cut of documents or of travel time is not it.
    rate("service_time_cut_rate", r"(?:办理|办结|审批)?(?:时限|时间)(?:平均)?压缩率|提速率", exclude=r"材料|跑动|跑腿"),
    # "即办件占比达45%", "当场办结率98%"
    rate("on_the_spot_rate", r"即办件(?:占比|比例|比率|率)|即办率|(?:当场|即时|现场)办结(?:率|比例|占比)"),
    # the share right after the items handled at once: "全区即办事项达647项,占比55.1%"
    R("on_the_spot_rate", "percent", left=rf"占比{RATE_TAIL}", anchor=r"即办(?:件|事项)[^,，;；。\d]{0,6}\d+(?:\.\d+)?[项个件][,，]占比", anchor_scope="sentence"),
    # "“最多跑一次”占比98.98%", "一次办事项比例82.9%", and the share before it: "90.6%实现最多跑一次"
    rate("one_visit_rate", rf"{ONE_VISIT}”?(?:改革)?(?:事项)?(?:占比|比例|比率|实现率)", exclude=r"平均"),
    R("one_visit_rate", "percent", right=rf"(?:的)?(?:事项)?(?:实现|达到)了?“?{ONE_VISIT}(?!改革)"),
    # the share the items just counted make of all: "共有8596个事项实现了“最多跑一次”,达到总数的90.2%"
    R("one_visit_rate", "percent", left=r"^(?:达到|占)(?:事项)?总数的", anchor=rf"事项实现了?“?{ONE_VISIT}”?[,，](?:达到|占)", anchor_scope="sentence"),
    # the list: "梳理出第一批只跑一次事项289项"; averages per level and bundles with 零跑动 are not one list.
    R("one_visit_items", "count", left=rf"{ONE_VISIT}”?(?:事项)(?:清单)?(?:共)?{GI(3)}", units=ITEMS, exclude=r"平均|零跑|不用跑|一趟不跑"),
    # the count before the items or the programme: "8596个事项实现了“最多跑一次”", "第一批194项“最多跑一次”事项",
    # "“一次办好”事项清单共1127项" (a batch of a list is a part: 第一批 is read, its scope decided elsewhere)
    R("one_visit_items", "count", right=rf"(?:的)?(?:事项|政务服务事项)?(?:实现了?|纳入|具备)?“?{ONE_VISIT}(?!改革|占比|比例)", units=ITEMS, exclude=r"平均|零跑|不用跑|一趟不跑|占比|比例"),
    R("one_visit_items", "count", left=rf"{ONE_VISIT}”?事项清单(?:共|总数)?{GI(3)}", units=ITEMS, exclude=r"平均|零跑|不用跑|一趟不跑"),
    # "法律顾问覆盖率达到85%"; village coverage (一村(社区)一法律顾问) is public legal service.
    rate("legal_adviser_coverage_rate", r"法律顾问(?:制度)?(?:覆盖率|建立率|配备率)", exclude=r"村|社区|居"),
    # "省市县政府的法律顾问制度已100%建立"
    R("legal_adviser_coverage_rate", "percent", left=r"法律顾问制度(?:已|已经)?(?:实现)?", right=r"(?:建立|覆盖)", exclude=r"村|社区|居"),
    # --- public legal service --------------------------------------------------------------------------
    # sites by level, the count before its name: "78个市(县、区)公共法律服务中心、1033个乡镇(街道)法律服务站",
    # "14492个村(社区)法律服务联系点"; and after it: "建成乡镇(街道)法律服务工作站116个"
    R("public_legal_service_sites", "count", right=rf"{PLACE_NAME}{{0,10}}?{LEGAL_SERVICE_SITE}", units=SITE_UNITS),
    R("public_legal_service_sites", "count", left=rf"{LEGAL_SERVICE_SITE}(?:共|总数为?)?{G(2)}", units=SITE_UNITS),
    R("public_legal_service_sites", "count", left=rf"^[、和及与]?(?:工作站|服务站|工作室|联系点|站点){G(2)}", units=SITE_UNITS, anchor=LEGAL_SERVICE_SITE, anchor_scope="clause"),
    # one level named before a shared name: "全市共建1个市级、7个县区级公共法律服务实体平台"
    R("public_legal_service_sites", "count", right=r"(?:省|市|县|区|县区|县级|区县|乡镇|村)级[、和及与]?$", units=SITE_UNITS, anchor=rf"^[^,，;；。]*?{LEGAL_SERVICE_SITE}", anchor_scope="clause"),
    # consultations of the legal service network: "接受相关法律咨询2100余人次", "解答法律咨询3.2万人次"
    R("public_legal_service_matters", "count", left=rf"(?:接受|提供|解答|受理|办理|接待)(?:群众|相关|各类)?法律咨询(?:服务)?{G(2)}", units=frozenset({"人次", "件", "件次", "次", "条", "人"})),
    # the hotline's or platform's service: "“12348”公共法律服务热线服务群众3.4万人次"
    R("public_legal_service_matters", "count", left=r"(?:12348|公共法律服务)”?[^,，;；。\d]{0,10}?(?:热线|平台|网络|中心)[^,，;；。\d]{0,6}?(?:服务群众|接听|解答|受理|接待|办理)(?:来电|咨询|电话|群众)?(?:共|累计)?", units=frozenset({"人次", "件", "件次", "次", "人"}), exclude=r"12345"),
    # --- supervision of lower units ----------------------------------------------------------------------
    # the units after the supervision named before them: "对结合…巡察开展法治督察的18家单位"
    R("supervision_units_inspected", "count", left=r"(?:法治|法治政府建设|法治建设|依法行政)(?:工作)?(?:专项|实地)?(?:督察|督查)的", units=frozenset({"个", "家"})),
    # problems found or fed back: "书面反馈问题40余条", "梳理出…4大类16条共性问题"; units named for their
    # problems (通报问题单位7个) and rectification measures (整改措施102条) are not problems.
    R("supervision_problems_found", "count", left=rf"(?:反馈|发现|查找|查摆|梳理出?|指出)(?:存在)?(?:的)?(?:各类|共性|突出|主要)?问题(?:共)?{G(2)}", units=PROBLEM_UNITS, anchor=SUPERVISION, anchor_scope="paragraph", exclude_left=r"单位|措施|整改|累计"),
    R("supervision_problems_found", "count", right=r"(?:共性|突出|主要|具体)?问题(?!单位|线索|整改)", units=PROBLEM_UNITS, anchor=rf"{SUPERVISION}|梳理出", anchor_scope="paragraph", exclude=r"整改措施|单位|累计"),
    # --- integrated services and transactions ------------------------------------------------------------
    # 一件事 themes: "省定200个“一件事一次办”事项", "“一件事”60个集成办事场景上线"; implementation cases
    # ("42个“高效办成一件事”法人事项业态落地案例") and the 一业一证 reform are not themes.
    R("integrated_service_items", "count", right=rf"“?{ONE_THING}”?(?:集成服务|集成办事场景|主题|场景|事项|套餐)(?![^,，;；。]{{0,12}}案例)", units=frozenset({"个", "项"})),
    R("integrated_service_items", "count", left=rf"{ONE_THING}”?(?:集成服务|主题|事项)?(?:共)?", units=frozenset({"个", "项"}), exclude=r"案例|一业一证"),
    # the transactions of the service platform: "全国政务大厅总办件量6.02亿件"; the 12345 hotline is not it.
    R("service_transactions", "count", left=rf"(?:总)?办件(?:总)?量(?:共|达到?|为)?{G(2)}", units=frozenset({"件", "件次"}), exclude=r"12345|热线|来电|线上|网上|累计|告知承诺"),
    # --- officials' training ------------------------------------------------------------------------------
    # classes after the rule-of-law class named: "举办全县领导干部法治专题培训班 3 期", "开展习近平法治思想专题
    # 研讨班5期"; the training of enforcement officers, of 法律明白人 and of the public, and lectures, are not.
    R("official_rol_training_sessions", "count", left=rf"(?:举办|开办|组织|开展){G(12)}?(?:法治|依法行政){G(6)}?(?:培训班|研讨班|专题班|培训){G(2)}", units=frozenset({"期", "场", "次", "场次", "班"}), exclude=TRAINING_NOT, exclude_left=r"讲座|宣讲"),
    R("official_rol_training_sessions", "count", left=rf"(?:法治|依法行政){G(6)}?(?:培训班|轮训班|研讨班|专题班)(?:共)?分", units=frozenset({"期", "场", "次", "场次", "班"}), exclude=TRAINING_NOT),
    # the trainees the classes reached: "…培训班 3 期,覆盖科级以上干部 680余人次"
    R("official_rol_trainees", "count", left=rf"(?:覆盖|培训|参训){G(6)}?(?:干部|领导干部|公职人员|国家工作人员)(?:近|约|共)?", units=PERSONS, anchor=r"(?:法治|依法行政)[^,，;；。\d]{0,8}(?:培训|研讨)", exclude=rf"{TRAINING_NOT}|考试|考法"),
)  # fmt: skip

RULES = RULES + RULES_NEW

RULE_CODES = frozenset(c for r in RULES for c in r.codes)
