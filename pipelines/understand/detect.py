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
from pipelines.text.vocabulary import PAGE_DESCRIPTION, TITLE_REPORT, TOPIC
from pipelines.understand.text import strip_book_titles

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
    ("policy interpretation", re.compile(r"解读|图解|答记者问")),
    ("court or procuratorate paper", re.compile(r"人民法院|人民检察院|法院工作报告|检察院工作报告")),
    ("personal duty report", re.compile(r"述法|述职")),
    ("academic", re.compile(r"论文|研究|浅谈|浅析|探析|探讨|思考|对策|刍议|路径|问题与|困境")),
    (
        "news",
        re.compile(
            r"召开|举行|举办|开展|部署|审议|听取|出席|调研|督察|督查|检查|考核|培训|会议|获评|荣获|入选|"
            r"点赞|启动|专题|走访|座谈|推进会|动员|亮相|发布会|新闻|记者"
        ),
    ),
]

# A title headed by the report itself, on a named piece of work: "关于…工作情况的报告", "…专项工作报告".
_OTHER_TOPIC_REPORT = re.compile(
    r"^关于.{4,60}?(?:工作)?(?:情况|开展情况|进展情况)?的(?:报告|汇报)$|^.{4,40}专项工作(?:报告|汇报)$"
)
_BODY_REPORT_VOICE = re.compile(
    r"(?:报告|汇报|总结|报告如下|汇报如下|总结如下)如下|特此报告|特此汇报|现将.{0,40}?(?:报告|汇报|总结)"
)
_BODY_TEMPLATE = re.compile(
    r"范文|篇一|篇二|第\d+篇|下载本文|本文由|字数|精选|模板|仅供参考|我要投稿|网友投稿"
)
_BODY_ACADEMIC = re.compile(r"摘要[:：]|关键词[:：]|参考文献|\[J\]")
_BODY_NEWS_OPENING = re.compile(
    r"记者|日前|近日|本报讯|讯\(|讯（|会议强调|会议指出|会议要求|会议听取|有关负责人表示|据了解|据介绍"
)
# Papers that state their own purpose ("制定本方案", "现印发给你们", "现解读如下") are rules, plans or
# interpretations, not reports.
_BODY_POLICY = re.compile(
    r"制定本(?:工作)?(?:方案|办法|规划|意见|细则|指引|计划|要点|规定|规则|制度)|现(?:印发|转发)给你们|解读如下|现(?:将[^。]{0,30})?解读"
)

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


def topic_profile(body: str) -> tuple[int, int]:
    """(distinct rule-of-law terms, total occurrences) in a body."""
    counts = [body.count(t) for t in _TOPIC_TERMS]
    return sum(1 for c in counts if c), sum(counts)


_HEAD_NOUN = re.compile(r"(?:报告|汇报|总结|情况|述职|述法)(?:[(（][^()（）]{0,20}[)）])?$")
# Verbs that make a title news *about* a report even when it ends with 报告.
_NEWS_ABOUT = re.compile(r"审议|听取|发布|公布|召开|举行|通过|出席|印发|转发|解读|亮相|晒出|出炉")
_ALWAYS_NEGATIVE = (
    "government work report",
    "template or essay",
    "academic",
    "policy interpretation",
    "court or procuratorate paper",
)


def title_kind(title: str | None) -> tuple[str, str]:
    """('report'|'not_report'|'neutral'|'none', evidence) judged from the title alone.

    A title whose head noun is the report (it ends with 报告/汇报/总结/情况) stays a report even when
    it contains words such as 开展 or 实施方案 ("...实施方案落实情况的报告"); other titles lose to
    any sign of another kind of paper.
    """
    if not title:
        return "none", "no title"
    # A column tag before the headline ("[权威发布]") says where the page was filed, not what it is.
    t = _COLUMN_TAG.sub("", strip_book_titles(squash(title)))
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


# Placeholders of model essays and document-sharing templates: the names and numbers are masked
# (XX县, ××市, *区, 20__年, ____思想, 20**年). A real report names its author and states its figures.
_PLACEHOLDER = re.compile(
    # a letter where a 范文 site took a leader's name out ("A新时代中国特色社会主义思想", "A法治思想")
    r"(?<![A-Za-z])[A-Z](?=新时代中国特色社会主义思想|法治思想|总书记)|"
    r"(?:XX|xx|ＸＸ|××|╳╳|\*{1,3}|○○)(?=[省市县区镇乡街局委办州旗])|(?:19|20)[Xx×＊*_]{1,2}年"
    r"|_{3,}|＿{2,}|(?<![\d*])\*{1,3}(?=[次件项个人场条家户])"
)
# 某 masks a name too, but real reports write 王某诉某区政府 about the parties of a case: it counts only
# where the page's own issuer stands (the title, the first words).
_MASKED_ISSUER = re.compile(r"(?<![a-zA-Z])某(?=[省市县区镇乡街局委办州旗])(?!场)")
# Lines a report may open with that are not its first paragraph: an addressee or a salutation
# ("市人民政府:", "主任、各位副主任:"), or a mirror's one-line description of the page ("《…》是…发布的…").
_ADDRESSEE = re.compile(r"^[^。,，;；]{2,40}[:：]$")
_DELEGATES = re.compile(r"^各位代表")


@dataclass
class Verdict:
    is_report: bool
    reason: str
    kind: str = ""  # the class of the decision, for counting rejections by reason

    @property
    def labelled(self) -> str:
        return f"{self.kind}: {self.reason}" if self.kind else self.reason


def opening_lines(body: str, n: int = 3) -> list[str]:
    """The first n paragraphs of a body, past an addressee, a salutation or a page description."""
    out: list[str] = []
    for ln in body.splitlines():
        s = squash(ln)
        if not s or (not out and (_ADDRESSEE.match(s) or PAGE_DESCRIPTION.match(s))):
            continue
        out.append(s)
        if len(out) >= n:
            break
    return out


_COLUMN_TAG = re.compile(r"^[\[【](?:权威发布|重要|置顶|头条|最新|要闻|发布)[\]】]")
_SELF_PUBLISHED = re.compile(r"^[\u4e00-\u9fff]{2,20}(?:人民政府|政府)(?:办公厅|办公室)?(?:公布|发布)")
_WRITING_ADVICE = re.compile(r"怎么写|如何写|写作|范文|模板|例文|篇")


def blurb_weight(blurbs: list[str]) -> int:
    """How much a document-sharing site's editor blurbs say the page is a model essay: a blurb that
    talks about writing ("很多人不知道怎么写报告") counts twice; a plain "小编为大家整理" once."""
    return sum(2 if _WRITING_ADVICE.search(b) else 1 for b in blurbs)


def placeholders(text: str) -> list[str]:
    return [m.group(0) for m in _PLACEHOLDER.finditer(text)]


# A year whose four digits a reposting site replaced by asterisks ("****年", "(****—****年)").
_MASKED_YEAR = re.compile(r"(?<![\d*])\*{4}年")
_CONCRETE_YEAR = re.compile(r"(?:19|20)\d{2}年")


def digits_masked(title: str | None, body: str) -> bool:
    """Whether a page is a report whose digits a reposting site masked (every year written ****年),
    under a concrete title ("松阳县竹源乡人民政府2025年法治政府建设年度报告"): the figures are hidden, the names
    are not. A template masks names and years (XX县, 20XX年) and has no concrete title."""
    t = squash(title)
    return bool(t and _CONCRETE_YEAR.search(t) and not placeholders(t) and _MASKED_YEAR.search(body[:3000]))


def judge(title: str | None, body: str, *, site_blurbs: int = 0) -> Verdict:
    """Decide whether (title, body) is one rule-of-law report, with the reason.

    A text under a report title is a report however short the excerpt; without a title, the opening
    must read as one (see `untitled_report_opening`). Papers of other kinds, templates with masked
    names and news about a report are rejected, each with the reason. `site_blurbs` counts the editor
    blurbs of a document-sharing site the cleaner took out of the page (one alone proves nothing: real
    reports are copied there too).
    """
    kind, why = title_kind(title)
    sq = squash(body)
    head = sq[:400]
    masked = placeholders(squash(title) + sq[:3000])
    # A masked name where the title or the issuer stands (the page's first words) is enough alone.
    own = squash(title) + "|" + sq[:12]
    if (len(masked) >= 2 and not digits_masked(title, sq)) or placeholders(own) or _MASKED_ISSUER.search(own):
        return Verdict(
            False,
            kind="template placeholders",
            reason=f"template placeholders for names or figures: {masked[:3]}",
        )
    if _BODY_ACADEMIC.search(sq[:3000]) and len(_BODY_ACADEMIC.findall(sq)) >= 2:
        return Verdict(False, "academic paper markers (摘要/关键词/参考文献)", "academic paper")
    if len(_BODY_TEMPLATE.findall(sq)) + site_blurbs >= 2:
        return Verdict(
            False, "template/范文 site markers in the body and the site's editor blurbs", "template site"
        )
    if kind == "not_report" and _SELF_PUBLISHED.search(squash(title)) and untitled_report_opening(body):
        # "湖南省人民政府公布2017年度法治政府建设情况" over a body that is the report itself: the
        # government publishing its own report, not news about it.
        kind, why = "report", f"{why}, but the government publishes its own report and the body is it"
    if kind == "not_report":
        return Verdict(False, why, "title names another kind of paper")
    distinct, total = topic_profile(sq)
    voice = _BODY_REPORT_VOICE.search(sq[:1500]) or _BODY_REPORT_VOICE.search(sq[-400:])
    news = _BODY_NEWS_OPENING.search(head)
    first = (opening_lines(body, 1) or [""])[0]
    if _DELEGATES.match(first) and "法治" not in (title or ""):
        return Verdict(
            False,
            "body opens with the delegates' salutation (各位代表): a 政府工作报告",
            "government work report",
        )
    if kind == "report":
        if len(re.findall(r"[\u4e00-\u9fff]", sq)) < 20:
            return Verdict(
                False, f"{why}, but the page holds no report text (a link, a file name)", "no body"
            )
        if news and not voice:
            return Verdict(False, f"{why}, but the body opens as news ({news.group(0)!r})", "news")
        return Verdict(True, why, "report title")
    # A title that is itself a report, on another topic ("关于2024年政府规章和行政规范性文件备案审查工作情况的
    # 报告" to the people's congress): that report, however much its body speaks of 依法行政.
    other = _OTHER_TOPIC_REPORT.search(_COLUMN_TAG.sub("", strip_book_titles(squash(title))))
    if kind == "neutral" and other:
        return Verdict(
            False, f"{why}: the title is a report on another topic ({other.group(0)!r})", "other report"
        )
    # No usable title: the body must speak as a report and be about rule of law.
    if news and not voice:
        return Verdict(False, f"{why}; body opens as news ({news.group(0)!r})", "news")
    if voice and distinct >= 6 and total >= 12 and len(sq) >= 800:
        return Verdict(
            True,
            f"{why}; body speaks as a report ({voice.group(0)!r}) with {distinct} rule-of-law terms",
            "report voice",
        )
    opening = untitled_report_opening(body)
    if opening:
        return Verdict(True, f"{why}; {opening}", "report opening")
    return Verdict(
        False,
        f"{why}; body: report voice {'yes' if voice else 'no'}, {distinct} rule-of-law terms",
        "no report title or opening",
    )


# How the review of a year opens: "2024年,在市委…", "2021年以来", "2022年度,", "2020年是…收官之年",
# "今年以来", "2023年上半年,".
_REVIEW_OPENING = re.compile(
    r"^(?:[^。]{0,12}?)(?:(?:19|20)\d{2}年(?:度|以来|来|上半年|1[-—至~]\d{1,2}月)?[,，、是]|今年(?:以来|上半年)|"
    r"(?:19|20)\d{2}年(?:度)?(?:全[省市区县])?[^。]{0,6}(?:坚持|深入|认真|紧紧|围绕|以)|"
    # "2022年在县委、县政府的坚强领导下…" (the comma after the year left out)
    r"(?:19|20)\d{2}年(?:度|以来)?[,，]?在[^。]{0,30}?(?:领导|指导)下)"
)
_SELF_VOICE = re.compile(r"我(?:省|市|区|县|旗|州|镇|乡|街道|局|委|厅|办)|全(?:省|市|区|县|旗|州|镇|乡)")


def untitled_report_opening(body: str) -> str | None:
    """Why an untitled body reads as a rule-of-law report from its opening, or None.

    Pages that carry only the body (the title sits in an image, a lost header or the list page) still
    open the way reports do, even in a short excerpt: past any addressee, the first paragraph reviews
    the year ("2024年,在市委…", "今年以来…", "2020年是…") or reports in the first person ("现将…情况报告
    如下"), or the excerpt starts at a section heading; and the opening is about rule-of-law
    government (法治政府建设, 依法行政…, or several of its working terms). Plans and rules ("制定本方案")
    are excluded.
    """
    sq = squash(body)
    if len(sq) < 60 or _BODY_POLICY.search(sq[:1500]):
        return None
    paras = opening_lines(body, 3)
    if not paras:
        return None
    first = paras[0][:400]
    window = "".join(paras)[:800]
    topic = re.search(TOPIC, first) or re.search(TOPIC, window)
    distinct, _ = topic_profile(window)
    if not topic and distinct < 3:
        return None
    subject = topic.group(0) if topic else f"{distinct} rule-of-law terms"
    voice = _BODY_REPORT_VOICE.search(sq[:1500])
    if voice:
        return f"opening names {subject!r} and speaks as a report ({voice.group(0)!r})"
    if _REVIEW_OPENING.match(first):
        return f"opening names {subject!r} and reviews the year"
    if _ENUMERATOR.match(first) and len(paras) > 1 and (_SELF_VOICE.search(window) or topic):
        return f"excerpt starts at a section heading of a report on {subject!r}"
    self_voice = _SELF_VOICE.search(first[:60])
    if self_voice and re.search(TOPIC, first):
        return f"opening speaks for its government ({self_voice.group(0)!r}) on {subject!r}"
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
