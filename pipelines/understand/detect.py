"""Is this text a rule-of-law report, and where does each report on a page start?

Reports are recognised the way a reader does: by the title (法治政府建设 + 报告/汇报/总结/情况), or,
when there is no title, by the body's report voice ("现将...情况汇报如下", "特此报告") together with a
body dense in rule-of-law vocabulary. Titles that name another kind of paper (实施方案, 工作要点,
政府工作报告, 通知, news verbs, 范文 sites, academic papers) make a page `not_report` even though they
share the vocabulary.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pipelines.text.normalize import squash
from pipelines.understand.text import strip_book_titles

TOPIC = r"(?:法治政府|依法行政|法治建设|法制建设|依法治(?:省|市|区|县|旗|州|镇|街)|法治[^\s,，。、]{0,8}建设|法治工作|法制工作)"
REPORT_WORD = r"(?:报告|汇报|总结|情况)"
TITLE_REPORT = re.compile(TOPIC + r".{0,30}?" + REPORT_WORD)
# Plans attached to a summary ("...总结及2017年工作计划") are part of the report, not a plan page.
_PLAN_TAIL = re.compile(
    r"(及|和|暨|与)(?:(?:19|20)\d{2}年(?:度)?)?(?:下一步|下步)?(?:工作)?(?:计划|打算|思路|安排|要点)$"
)

_NEG_TITLE = [
    (
        "plan",
        re.compile(r"实施方案|工作要点|工作方案|行动方案|规划|工作计划|责任清单|任务分工|考核办法|细则"),
    ),
    ("government work report", re.compile(r"(?<!法治)(?<!法制)政府工作报告")),
    (
        "official notice",
        re.compile(r"通知|通告|公告|公示|通报|批复|决定|意见|办法|规定|答复|复函|函$|纪要|提案|建议"),
    ),
    (
        "template or essay",
        re.compile(r"范文|模板|范例|精选|例文|\d+篇|篇[一二三四五]|怎么写|写作|心得|体会|演讲|发言稿|讲话"),
    ),
    ("academic", re.compile(r"论文|研究|浅谈|浅析|探析|探讨|思考|对策|刍议|路径|问题与|困境")),
    (
        "news",
        re.compile(
            r"召开|举行|举办|开展|部署|审议|听取|出席|调研|督察|督查|检查|考核|培训|会议|获评|荣获|入选|"
            r"点赞|启动|专题|走访|座谈|推进会|动员|亮相|发布会|新闻|记者"
        ),
    ),
]

_BODY_REPORT_VOICE = re.compile(
    r"(?:报告|汇报|总结|报告如下|汇报如下|总结如下)如下|特此报告|特此汇报|现将.{0,40}?(?:报告|汇报|总结)"
)
_BODY_TEMPLATE = re.compile(r"范文|篇一|篇二|下载本文|本文由|字数|精选|模板")
_BODY_ACADEMIC = re.compile(r"摘要[:：]|关键词[:：]|参考文献|\[J\]")
_BODY_NEWS_OPENING = re.compile(r"记者|日前|近日|本报讯|讯\(|讯（|会议强调|会议指出|会议要求|会议听取")
_BODY_GOV_WORK_REPORT = re.compile(r"^各位代表|政府工作报告")
# How an untitled annual report opens: the year it covers leads the first sentence ("2024年,在市委…",
# "2021年以来…", "2022年度,…"), and the opening paragraph names the rule-of-law topic.
_YEAR_LED_OPENING = re.compile(r"^(?:[^。]{0,12}?)(?:19|20)\d{2}年(?:度|以来|来)?[,，、]")
# Papers that state their own purpose ("制定本方案", "现印发给你们") are rules and plans, not reports.
_BODY_POLICY = re.compile(
    r"制定本(?:工作)?(?:方案|办法|规划|意见|细则|指引|计划|要点|规定|规则|制度)|现(?:印发|转发)给你们"
)
_BODY_HEADING = re.compile(r"(?:^|\n)\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")

_TOPIC_TERMS = (
    "法治政府",
    "依法行政",
    "行政执法",
    "行政复议",
    "行政诉讼",
    "行政应诉",
    "规范性文件",
    "普法",
    "法律顾问",
    "重大行政决策",
    "合法性审查",
    "合法性审核",
    "政务公开",
    "出庭应诉",
    "执法监督",
    "放管服",
    "法治宣传",
    "人民调解",
    "公共法律服务",
    "权责清单",
)

_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+)"
)


@dataclass
class Verdict:
    is_report: bool
    reason: str


def topic_profile(body: str) -> tuple[int, int]:
    """(distinct rule-of-law terms, total occurrences) in a body."""
    counts = [body.count(t) for t in _TOPIC_TERMS]
    return sum(1 for c in counts if c), sum(counts)


_HEAD_NOUN = re.compile(r"(?:报告|汇报|总结|情况|述职|述法)(?:[(（][^()（）]{0,20}[)）])?$")
# Verbs that make a title news *about* a report even when it ends with 报告.
_NEWS_ABOUT = re.compile(r"审议|听取|发布|公布|召开|举行|通过|出席|印发|转发|解读|亮相|晒出|出炉")
_ALWAYS_NEGATIVE = ("government work report", "template or essay", "academic")


def title_kind(title: str | None) -> tuple[str, str]:
    """('report'|'not_report'|'neutral'|'none', evidence) judged from the title alone.

    A title whose head noun is the report (it ends with 报告/汇报/总结/情况) stays a report even when
    it contains words such as 开展 or 实施方案 ("...实施方案落实情况的报告"); other titles lose to
    any sign of another kind of paper.
    """
    if not title:
        return "none", "no title"
    t = strip_book_titles(squash(title))
    core = _PLAN_TAIL.sub("", t)
    positive = TITLE_REPORT.search(core)
    headed = positive is not None and _HEAD_NOUN.search(core) is not None
    if headed:
        m = _NEWS_ABOUT.search(core)
        if m:
            return "not_report", f"title is news about a report: {m.group(0)!r}"
    for label, pat in _NEG_TITLE:
        if headed and label not in _ALWAYS_NEGATIVE:
            continue
        m = pat.search(core)
        if m:
            return "not_report", f"title names a {label}: {m.group(0)!r}"
    if positive:
        return "report", f"title: {positive.group(0)!r}"
    return "neutral", "title does not name a rule-of-law report"


def judge(title: str | None, body: str) -> Verdict:
    """Decide whether (title, body) is one rule-of-law report, with the reason."""
    kind, why = title_kind(title)
    sq = squash(body)
    head = sq[:400]
    if _BODY_ACADEMIC.search(sq[:3000]) and len(_BODY_ACADEMIC.findall(sq)) >= 2:
        return Verdict(False, "academic paper markers (摘要/关键词/参考文献)")
    if len(_BODY_TEMPLATE.findall(sq)) >= 2:
        return Verdict(False, "template/范文 site markers in the body")
    if kind == "not_report":
        return Verdict(False, why)
    distinct, total = topic_profile(sq)
    voice = _BODY_REPORT_VOICE.search(sq[:1500]) or _BODY_REPORT_VOICE.search(sq[-400:])
    news = _BODY_NEWS_OPENING.search(head)
    if _BODY_GOV_WORK_REPORT.search(head) and "法治" not in (title or ""):
        return Verdict(False, "body reads as a 政府工作报告 (各位代表)")
    if kind == "report":
        if len(sq) < 150:
            return Verdict(False, f"{why}, but the body is too short to be the report ({len(sq)} chars)")
        if news and not voice:
            return Verdict(False, f"{why}, but the body opens as news ({news.group(0)!r})")
        return Verdict(True, why)
    # No usable title: the body must speak as a report and be about rule of law.
    if news and not voice:
        return Verdict(False, f"{why}; body opens as news ({news.group(0)!r})")
    if voice and distinct >= 6 and total >= 12 and len(sq) >= 800:
        return Verdict(
            True, f"{why}; body speaks as a report ({voice.group(0)!r}) with {distinct} rule-of-law terms"
        )
    opening = untitled_report_opening(body)
    if opening:
        return Verdict(True, f"{why}; {opening}")
    return Verdict(
        False, f"{why}; body: report voice {'yes' if voice else 'no'}, {distinct} rule-of-law terms"
    )


def untitled_report_opening(body: str) -> str | None:
    """Why an untitled body reads as a rule-of-law report from its opening, or None.

    Pages that carry only the body (the title sits in an image, a lost header or the list page) still
    open the way reports do: the first paragraph names the topic (法治政府建设, 依法行政, 法治建设) and
    either reports in the first person ("现将…情况报告如下") or leads with the year reviewed ("2024年,在
    市委…"); numbered section headings (一、 / (一)) follow. Plans and rules ("制定本方案") are excluded.
    """
    sq = squash(body)
    if len(sq) < 300 or _BODY_POLICY.search(sq[:1500]):
        return None
    first_para = squash(next((ln for ln in body.splitlines() if ln.strip()), ""))[:400]
    topic = re.search(TOPIC, strip_book_titles(first_para))
    if not topic or not _BODY_HEADING.search(body[:3000]):
        return None
    voice = _BODY_REPORT_VOICE.search(sq[:1500])
    if voice:
        return f"opening names {topic.group(0)!r} and speaks as a report ({voice.group(0)!r})"
    led = _YEAR_LED_OPENING.match(first_para)
    if led:
        return f"opening names {topic.group(0)!r} and leads with the year reviewed"
    return None


def doc_type(title: str | None, body: str, issuer_kind: str | None) -> tuple[str, str]:
    """annual_report | half_year_report | work_summary | department_report, with the reason."""
    t = squash(title)
    head = squash(body)[:300]
    if "上半年" in t or (not t and re.search(r"上半年.{0,30}(?:汇报|报告)如下", head)):
        return "half_year_report", "上半年 in the title" if t else "上半年 in the opening"
    if issuer_kind == "department":
        return "department_report", "issued by a department"
    if "总结" in t and "报告" not in t:
        return "work_summary", "title says 总结"
    return "annual_report", "annual rule-of-law report"


def report_headings(lines: list[str]) -> list[int]:
    """Indexes of lines that start a separate report (a page listing several bureaus' reports)."""
    out = []
    for i, ln in enumerate(lines):
        s = squash(ln)
        if not 8 <= len(s) <= 60 or _ENUMERATOR.match(s) or s[-1] in "。;；:：,，":
            continue
        if "。" in s or ":" in s or "：" in s or s.startswith("附件") or not re.search(r"报告|汇报|总结", s):
            continue
        kind, _ = title_kind(s)
        if kind != "report":
            continue
        if out and squash(lines[out[-1]]) == s:
            continue
        out.append(i)
    # A lone heading (usually the page title repeated) is not a split, nor are headings without a
    # report's worth of text under them (a list of titles, an appendix list).
    if len(out) < 2:
        return []
    bounds = [*out, len(lines)]
    if any(len(squash("".join(lines[a + 1 : b]))) < 300 for a, b in itertools.pairwise(bounds)):
        return []
    return out
