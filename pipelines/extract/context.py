"""Scope and period of a stated value, read from the sentence that states it.

Scope: 市本级 or a level's list (区级…事项) make the value one level's (level_only); a named department
(教育部门), a bureau as the sentence's subject (区综合行政执法局共…) or one department's system a
department's; a street (北港街道), a town or a court a sub-unit's. None of them may be added to the
region total; everything else is the reporting government's own, whole-region figure. The
coordinating organs that report for the whole government (政府, 司法局, 法制办) do not narrow it.

Period: the nearest marker before the number in its sentence (截至10月底, 1-10月, 上半年, 前三季度,
全年, 2011年至今 ...), else the paragraph's last marker, else the document's period. A single quarter,
week or month is PART_OF_YEAR (not a stored period); a span of years is multi_year.
"""

from __future__ import annotations

import re

from pipelines.text.numerals import parse_chinese_int
from pipelines.text.period import FIRST_HALF, FULL_YEAR, MULTI_YEAR, Period, through_month

# A part of the year that no stored period names (one quarter, a week, a month): never the year's figure.
PART_OF_YEAR = Period("part_of_year")

_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_PERIOD_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"截[至止到](?:今年|本年|\d{{4}}年)?(?P<m>{_NUM})月(?:底|末|份|\d{{1,2}}日)?"), "month"),
    (re.compile(rf"(?<![\d.])(?:1|一)\s*(?:月份?)?\s*(?:-|—|–|~|至|到)\s*(?P<m>{_NUM})\s*月"), "month"),
    (
        re.compile(
            r"(?:截[至止到](?:今年|本年)?)?(?:(?<!提)前(?P<q>[一二三1-3])(?:个)?季度|第(?P<q_end>[一二三1-3])季度末)"
        ),
        "quarter",
    ),
    (re.compile(rf"(?:今年|本年)?前(?P<m>{_NUM})个月"), "month"),
    (re.compile(r"上半年"), FIRST_HALF),
    # A window that starts after January and runs to the year's end ("2015年5月至当年底") is part of the year.
    (
        re.compile(
            rf"(?<![\d.-])(?P<m>{_NUM})月(?:\d{{1,2}}日)?起?(?:至|到)(?:当年|今年|本年|年)?(?:年底|年末|底)"
        ),
        "from_month",
    ),
    # One quarter, week or month on its own ("2020年一季度", "第三季度", "本周") is a part of the year that
    # no through-month period describes.
    (
        re.compile(r"(?<![前至到-])(?:第|今年|\d{4}年)(?:[一二三四1-4])季度(?!末|一)|本周|上周|当周"),
        PART_OF_YEAR,
    ),
    (
        re.compile(r"(?:\d{4}年)?(?:以来|至今)(?:累计)?|创办以来|成立以来|开通以来|上线以来|历年累计"),
        "multi_year_maybe",
    ),
    # Several years: "近几年来", "两年来", "近三年", "2020年-2022年", "2021年8月1日至2022年7月31日".
    (
        re.compile(
            r"近(?:几|[两二三四五六七八九十])年|(?<![一\d])(?:几|[两二三四五六七八九十])年(?:来|以来|间)|实施以来|施行以来"
        ),
        MULTI_YEAR,
    ),
    (
        re.compile(
            r"(?P<y1>(?:19|20)\d{2})年?(?:(?P<m1>\d{1,2})月(?:\d{1,2}日)?)?起?\s*[-—–~至到]\s*(?:(?P<y2>(?:19|20)\d{2})年|今年|本年)"
        ),
        "year_range",
    ),
    (re.compile(r"全年|年内|全年度|本年度"), FULL_YEAR),
)
_SINCE_YEAR_RE = re.compile(r"(?P<y>\d{4})年(?:以来|至今)")


def _month_value(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return parse_chinese_int(token)


def period_markers(text: str, report_year: int | None) -> list[tuple[int, Period]]:
    """(end offset, period) of every period marker in text, sorted by end offset."""
    found: list[tuple[int, Period]] = []
    for rx, kind in _PERIOD_RES:
        for m in rx.finditer(text):
            value = _period_of(m, kind, report_year)
            if value is not None:
                found.append((m.end(), value))
    found.sort(key=lambda t: t[0])
    return found


def _period_of(m: re.Match[str], kind: str, report_year: int | None) -> Period | None:
    if kind == "month":
        month = _month_value(m.group("m"))
        if month is None or not 1 <= month <= 12:
            return None
        return FULL_YEAR if month == 12 else through_month(month)
    if kind == "from_month":
        month = _month_value(m.group("m"))
        return PART_OF_YEAR if month is not None and 2 <= month <= 12 else None
    if kind == "year_range":
        first, last = int(m.group("y1")), int(m.group("y2") or report_year or 0)
        if last - first >= 2 or (last - first == 1 and not m.group("m1")):
            return MULTI_YEAR
        # "2022年12月至2023年11月" is the statistical year across New Year; a window from any other month
        # ("2021年8月1日至2022年7月31日") straddles two calendar years and is neither year's total.
        if last - first == 1 and int(m.group("m1")) < 11:
            return PART_OF_YEAR
        return None
    if kind == "quarter":
        q = m.group("q") or m.group("q_end")
        n = int(q) if q.isdigit() else parse_chinese_int(q)
        return None if not n else (FULL_YEAR if n == 4 else through_month(3 * n))
    if kind == "multi_year_maybe":
        text = m.group(0)
        since = _SINCE_YEAR_RE.search(text)
        if since:
            year = int(since.group("y"))
            return MULTI_YEAR if report_year is None or year < report_year else None
        return MULTI_YEAR if "以来" in text and not text.startswith("以来") else None
    return Period(kind)  # first_half, full_year: the marker names the period


_SUB_BENIGN_NAMES = (
    "乡镇",
    "城镇",
    "村镇",
    "街镇",
    "城乡",
    "各",
    "全",
    "等",
    "和",
    "的",
    "个",
    "及",
    "与",
    "所有",
)
_STREET_RE = re.compile(
    # a verb before a bare 街道/乡/镇 ("通过街道理论中心组", "纳入镇党委重要议事日程") is no place name
    r"(?P<name>(?![年月日度的在和与及对由向将])(?!通过|组织|开展|推进|推动|深入|依托|围绕|指导|督促|联合|会同|协调|全面)"
    r"[\u4e00-\u9fa5]{2,4}?(?:街道办事处|街道|镇|乡))(?![区村镇街政长])"
)
# ... nor one whose words hold a verb: "将法治建设纳入镇党委重要议事日程" names the town's own committee.
_VERB_IN_NAME_RE = re.compile(r"纳入|列入|召开|经过|按照|根据|提交|报请")
# ... nor one listed as an example of what the number counts (the list closes with 等 right before it).
_EXAMPLES_END_RE = re.compile(r"^[^,，;；。:：]*等$")
_BENJI_RE = re.compile(r"(?:市|区|县|州|旗)?本级")
_DEPT_RE = re.compile(
    r"(?<![各等和及与有相])(?P<name>(?:教育|公安|税务|财政|卫生|卫健|民政|人社|住建|交通|交通运输|环保|生态环境|市场监管|"
    r"农业|农业农村|水利|文旅|文化|自然资源|应急|城管|商务|林业|统计|审计|医保)部门)"
)
_BUREAU_RE = re.compile(
    r"(?:^|[,，:：;；])\s*(?:年内|今年|全年|目前|同时)?[,，]?\s*"
    r"(?P<name>(?:区|市|县)[\u4e00-\u9fa5]{1,10}?(?:局|分局))(?:共|今年|全年|年内|累计|已|在|对|开展|办理|查处|召开|受理|审理|实施|作出|完成)"
)
_COORDINATING = ("司法局", "法制办", "政府办", "政府")


# A level word qualifying a list or its departments ("州级部门权责清单", "区级保留的政务服务事项",
# "市级行政权力事项") makes the list that level's, not the whole region's; levels named together
# ("区级部门及各乡镇", "市、区两级") are the whole.
_LEVEL_RE = re.compile(
    r"(?<![、和及与两三四五各])(?P<name>(?:省|市|州|区|县|旗|盟)级)(?![、和及与])"
    r"[^,，;；:：。、和及与\d]{0,8}?(?:清单|事项|部门)(?![^,，;；:：。\d]{0,4}[及和、与])"
)


# Subjects that are one part of the whole whatever the report: one department's system across the region
# (全省市场监管系统, 全国环保系统) or its offices (全市公安13个分局), one court among several as the subject
# (市中级法院共受理…, 四中院, 铁路法院) and the procuratorate, the courts' own mediation (司法调解), village and community
# legal advisers (村(居)顾问律师), one group of actors (网格员, 法治副校长, 志愿者), the lower governments as subject (各盟行政公署、市人民政府), a
# township a county report names as 该乡 / 该镇, and a subordinate unit as the sentence's subject.
_DOMAIN = r"公安|税务|市场监管|生态环境|交通运输|城管|综合执法|应急管理|自然资源|卫生健康|教育"
_PART_SUBJECT_RE = re.compile(
    r"(?:全国|全省|全市|全区|全县|全州)(?P<system>(?:(?!政府|行政)[\u4e00-\u9fa5]){2,6}?系统)"
    r"(?=共|累计|全年|今年|已|查处|查办|办理|受理|下达|实施|作出|立案)"
    rf"|(?:全国|全省|全市|全区|全县|全州)(?P<offices>(?:{_DOMAIN})(?:机关)?)(?=\d|[一二三四五六七八九十]+个|各)"
    r"|(?P<court>第[一二三四五六七八九十\d]{1,2}中级(?:人民)?法院|[一二三四五六七八九]中院|铁路(?:运输)?法院|海事法院|知识产权法院|互联网法院"
    r"|(?:(?<![各两三全级])(?:市|州|区|县)?中级(?:人民)?法院|(?<![各两三全级])中院)(?=[^,，;；。和及与]{0,6}(?:共|受理|审理|审结|新收|一审|二审|全年|今年|\d)))"
    r"|(?P<procuratorate>(?:各级|全省|全市|全国)?检察(?:机关|院))(?=[^,，;；。]{0,30}(?:督促|监督|建议|起诉|办理|共|立案))"
    r"|(?P<judicial>司法调解)(?=受理|调解|调处|共|案件)"
    r"|(?P<village>(?<![、和及与])村\(?(?:居|社区)?\)?(?:委会|委员会)?(?:法律顾问|顾问律师))"
    r"|(?P<lower>各(?:盟|市|州|县|区|旗|县区|县市区|市县|乡镇|乡镇街道)(?:行政公署|人民政府|政府))(?![^,，;；。]{0,16}(?:和|及|与)[^,，;；。]{0,8}(?:部门|单位|本级))"
    r"|(?P<town>该(?:乡|镇|街道))"
    # a subordinate unit opening the sentence ("自然资源综合执法支队…", "不动产登记中心…", "某司法所…")
    r"|(?P<unit>^\s*[\u4e00-\u9fa5]{2,14}(?:支队|大队|中队|登记中心|司法所|派出所))(?![^,，;；。]{0,3}(?:和|及|与|、))"
    r"|(?P<actors>网格员|法治副校长|志愿者|宣讲团|讲师团)(?=[^,，;；。]{0,20}(?:共|开展|排查|化解|调解|深入|累计))"
)
# A subset of cases picked out by its kind or by how they ended: "政府信息公开类案件" (not 各类), "通过调解、
# 和解方式结案", "以移送方式结案的", or a frame "在作出实体判决的一审行政案件中,".
_SUBSET_RE = re.compile(
    r"(?P<kind>[\u4e00-\u9fa5]{1,7}[^\W\d各此该两三多几等]类(?:案件|纠纷))"
    # one kind of dispute named by its gravity or its field in the number's own clause (重大疑难纠纷,
    # 一般民事纠纷, 劳资纠纷), not 矛盾纠纷 or 民间纠纷
    r"|(?P<dispute_kind>(?:重大|疑难|一般民事|可能影响社会稳定的|劳资|劳动争议|医患|医疗|婚姻家庭|邻里|土地|物业|欠薪|涉企)[^,，;；。\d]{0,4}?纠纷)(?=[^,，;；。]*$)"
    # transfers to the police that a procuratorate urged (督促…移送): its supervision, not the agencies' own
    r"|(?P<prompted>督促[^,，;；。\d]{0,10}移送)"
    r"|(?P<means>(?:通过|以)[^,，;；。\d]{1,12}?方式(?:结案|办结|审结|化解))"
    r"|(?:^|[,，;；:：])\s*(?P<frame>在[^,，;；。]{2,30}(?:案件|事项|纠纷)中)[,，]"
    # a kind named before ("此类矛盾纠纷", "该类案件"): the figure counts only that kind
    r"|(?P<anaphor>(?:此|该|这)类(?:[\u4e00-\u9fa5]{0,4}(?:案件|纠纷|事项|问题)))"
    # reconsideration or suits of one class of act ("行政处罚被申请行政复议9宗", "政府信息公开被诉")
    r"|(?P<act_kind>(?:行政处罚|行政许可|行政强制|行政征收|政府信息公开)(?:决定|类)?(?:案件)?被(?:申请)?(?:行政)?(?:复议|起诉|诉))"
    # a bounded event ("在为期14天的公开接访中"): its own tally, not the year's
    r"|(?P<event>为期[^,，;；。]{1,6}(?:天|日|周|个月)的[^,，;；。]{0,20}?(?:中|期间))"
    # one field's problems or one group of people as the topic ("针对涉农领域等信访问题,", "针对青少年、老年人等
    # 特殊群体,"), or one mechanism in quotation marks
    # ("通过“三调对接”化解")
    r"|(?:^|[。;；])\s*(?P<topic>针对[^,，;；。]{1,12}(?:领域|行业)[^,，;；。]{0,8}问题|针对[^,，;；。]{1,16}(?:群体|人群))[,，]"
    # one event's or project's contracts ("审查冬奥赛事合同224份"), in the number's own clause
    r"|(?P<project>[\u4e00-\u9fa5]{1,6}(?:赛事|项目|工程)(?:建设)?(?:合同|协议))(?=[^,，;；。]*$)"
    r"|(?P<mechanism>(?:通过|依托|借助)“[^”]{2,10}”(?:机制|平台|模式)?[^,，;；。\d]{0,4}化解)"
)


# A later batch added to a list ("新公布了第二批共3860项…事项"), in the number's own clause: of a stock, a part.
# The first batch is the list as it stands, batches named together ("首批、第二批") are their sum, and a batch
# of a flow (承接第三批市级赋权184项) is that flow's.
LATER_BATCH_RE = re.compile(
    r"(?<![、和及与])第(?:[二三四五六七八九]|十[一二三四五六七八九]?)批(?![、和及与])(?=[^,，;；。]*$)"
)


# A bureau writing as itself (我局, 本局, 我委…): a department's own figures, which a government report
# does not count as the region's; in the department's own report they are the issuer's.
OWN_BUREAU_RE = re.compile(r"(?:我|本)(?:局|委|办|厅|中心)(?![\u4e00-\u9fa5]{0,2}(?:指导|要求|统一))")


def find_scope(
    prefix: str, own: tuple[str, ...] = (), department_report: bool = False
) -> tuple[str, str | None]:
    """(scope, the words that set it) from the sentence before the number: level_only for 本级 or a
    level's list, department for a named department or bureau (我局 in a government's report),
    sub_unit for a street or township, a court, a village's advisers; whole_region otherwise.
    own: names of the reporting unit itself (a township's own report names its town: "2022年增福镇…" is
    the whole); department_report: the issuer is a department, whose own figures (我局…) are the whole."""
    m = _BENJI_RE.search(prefix)
    if m:
        return "level_only", m.group(0)
    m = _PART_SUBJECT_RE.search(prefix)
    if m:
        return ("department" if m.group("system") or m.group("offices") else "sub_unit"), m.group(0)
    m = _SUBSET_RE.search(prefix)
    if m:
        return "sub_unit", m.group(m.lastgroup or 0)
    if not department_report:
        m = OWN_BUREAU_RE.search(prefix)
        if m:
            return "department", m.group(0)
    m = _LEVEL_RE.search(prefix)
    if m:
        return "level_only", m.group("name")
    for m in _STREET_RE.finditer(prefix):
        name = m.group("name")
        if any(name in o or o in name for o in own if o):
            continue
        if _VERB_IN_NAME_RE.search(name):
            continue
        if _EXAMPLES_END_RE.search(prefix[m.end() :]):
            continue  # an example of what is counted: "金鸡镇、市委编办…等4个单位的主要负责人"
        if not any(b in name for b in _SUB_BENIGN_NAMES):
            return "sub_unit", name
    m = _DEPT_RE.search(prefix)
    if m:
        return "department", m.group("name")
    m = _BUREAU_RE.search(prefix)
    if m and not any(m.group("name").endswith(c) for c in _COORDINATING):
        return "department", m.group("name")
    return "whole_region", None
