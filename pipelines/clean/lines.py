"""Line classification: the text-dump cleaner, also the tidy-up pass for an HTML body.

A page reduced to lines (a WET text dump, or a rendered HTML body container) is classified line by
line: metadata ("发布日期:..."), chrome (footer, navigation, post-body tools), prose (sentence-bearing
lines) and short neutral lines (headings, titles, menus). The body
is the densest run of prose lines, bridging short headings, extended up through headings and down
through the 落款 (issuing body + date) and closing phrases, and cut at post-body anchors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pipelines.clean import lexicon as lx
from pipelines.clean.meta import harvest_footer, harvest_line, is_meta_line
from pipelines.clean.prose import cjk_count, is_prose
from pipelines.text.dates import dated_line, parse_date
from pipelines.text.normalize import simplified, squash
from pipelines.text.vocabulary import TITLE_REPORT

MAX_GAP = 6  # short neutral lines a body run may bridge (headings, table rows, blank-ish lines)
_SUMMARY_LABELS = ("内容概述", "摘要", "内容摘要")
_END_PUNCT = tuple("。；;，,、：:！!？?")


def is_chrome(line: str) -> bool:
    """Lexicon chrome; long sentences and structural lines are never chrome."""
    if len(line) > lx.MAX_CHROME_LINE:
        return False
    if lx.CHROME_TOKENS_ONLY.match(line) or lx.PAGINATION.match(line) or lx.DATETIME_ONLY.match(line):
        return True
    structural = lx.HEADING.match(line) or lx.DATE_LINE.match(line) or lx.ORG_LINE.match(line)
    if structural:
        return False
    if lx.CHROME_STRONG.search(line):
        return True
    return bool(lx.CHROME_ANYWHERE.search(line)) and not (
        is_prose(line) and line.endswith(("。", "；", "！", "？"))
    )


def kind_of(line: str) -> str:
    line = simplified(line)  # the lexicon is simplified; a 繁體 page's chrome and labels read the same
    if is_meta_line(line) and (len(line) <= 200 or line.startswith(_SUMMARY_LABELS)):
        return "meta"
    if lx.POST_BODY_ANCHOR.search(line) and len(line) <= lx.MAX_CHROME_LINE:
        return "anchor"
    if lx.WATERMARK.search(line) and len(line) <= lx.MAX_CHROME_LINE:
        return "watermark"
    if is_chrome(line):
        return "chrome"
    if is_prose(line):
        return "prose"
    return "short"


def title_like(line: str) -> bool:
    return (
        cjk_count(line) >= 4
        and len(line) <= 120
        and not line.endswith(_END_PUNCT)
        and not lx.HEADING.match(line)
        and not lx.DATE_LINE.match(line)
    )


def strip_title_lines(lines: list[str], title: str | None) -> tuple[list[str], list[str]]:
    """Drop leading lines that repeat the title (possibly split over several lines)."""
    tkey = squash(title)
    if not tkey or not lines:
        return lines, []
    acc = ""
    for i, line in enumerate(lines[:8]):
        acc += squash(line)
        if acc == tkey:
            return lines[i + 1 :], lines[: i + 1]
        if not tkey.startswith(acc):
            break
    return lines, []


def dedupe(lines: list[str]) -> tuple[list[str], list[str]]:
    """Keep the first copy of every substantial line (PC / mobile / reader copies of the body)."""
    seen: set[str] = set()
    out, dropped = [], []
    for line in lines:
        k = squash(line)
        if cjk_count(line) >= 10 and k in seen:
            dropped.append(line)
            continue
        seen.add(k)
        out.append(line)
    return out, dropped


@dataclass
class LineBody:
    title: str | None
    body: list[str]
    meta: dict[str, Any] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    start: int = -1  # index of the first body line in the input lines (-1: no body)
    end: int = -1
    title_reason: str | None = None  # how the title was chosen (or why there is none)


def _is_closing(lines: list[str], i: int) -> bool:
    line = lines[i]
    if lx.DATE_LINE.match(line) or lx.CLOSING_PHRASE.match(line):
        return True
    if lx.ORG_LINE.match(line):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        return bool(lx.DATE_LINE.match(nxt))
    return line.startswith(("（此件", "(此件")) or (cjk_count(line) >= 2 and line.endswith(("。", "！")))


def find_body(lines: list[str], kinds: list[str]) -> tuple[int, int]:
    """Indices (first, last) of the body run, or (-1, -1) when the lines hold no prose."""
    runs: list[tuple[int, int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if kinds[i] != "prose":
            i += 1
            continue
        start = end = i
        weight = cjk_count(lines[i])
        j = i + 1
        gap = 0
        while j < n and gap <= MAX_GAP:
            k = kinds[j]
            if k == "prose":
                end, gap = j, 0
                weight += cjk_count(lines[j])
            elif k in ("short", "watermark"):
                gap += 1
            else:
                break
            j += 1
        runs.append((weight, start, end))
        i = end + 1
    if not runs:
        return -1, -1
    _, start, end = max(runs)
    # Up: headings and salutations ("各位领导：") directly above the first paragraph.
    while start > 0 and kinds[start - 1] == "short":
        line = lines[start - 1]
        if lx.HEADING.match(line) or line.endswith(("：", ":")):
            start -= 1
        else:
            break
    # Down: the 落款, dates and closing phrases below the last paragraph (short, so not prose).
    j = end + 1
    while j < n and j <= end + 4 and kinds[j] in ("short", "prose") and _is_closing(lines, j):
        end = j
        j += 1
    return start, end


# Lines that stand between a title and its body but are not the title (each kept for what it says):
# the delivery line of a report to a people's congress, the speaker who delivered it, a document
# number or 签发人, an office-and-date byline, reading widgets and link rows, a bare date.
_DELIVERY = re.compile(
    r"^[—－\-–~～\s]*[(（]?\s*(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年.{1,12}日?在.{2,60}(?:会议|常委会|大会)上"
)
_SPEAKER = re.compile(
    r"^[\u4e00-\u9fff、，,（）()]{2,60}(?:主任|秘书长|局长|市长|县长|区长|省长|州长|旗长|镇长|乡长|主席|书记|厅长|部长|负责人)"
    r"[\u4e00-\u9fff]{2,3}$"
)
_DOC_NUMBER = re.compile(r"[〔\[［【(（](?:19|20)\d{2}[〕\]］】)）]\s*\d+\s*号|签发人|簽發人")
_BYLINE = re.compile(r"^[\u4e00-\u9fff]{2,30}\s*(?:19|20)\d{2}\s*(?:年|-|/|\.)\s*\d{1,2}")
_WIDGET = re.compile(r"字体|字號|字号|背景色|链接[:：]|点击查看|视力保护|阅读模式|朗读")


# The last words of a title: the report noun (a plan attached to a summary counts: "…及2016年工作打算").
_TITLE_END = re.compile(r"(?:报告|汇报|总结|情况|打算|计划|安排|思路)(?:[(（][^()（）]{0,20}[)）])?$")
# How the first lines of a title set over several lines end: an issuer waiting for its subject, or a
# subject cut mid-phrase ("…人民政府" / "…关于" / "…2022年度" / "…法治政府建设" / "…情况的").
_OPEN_END = re.compile(
    r"(?:人民政府|政府|委员会|办公室|办公厅|管委会|办事处|局|厅|委|街道|镇|乡|关于|的|年度|\d{4}年|建设|工作|依法行政)$"
)
_NOT_FRAGMENT = re.compile(r"[:：>|/＞]|^[•·\-]")


def line_role(line: str) -> str | None:
    """What a short line near the top is when it is not (part of) the title, or None."""
    s = simplified(line).strip()
    names_report = TITLE_REPORT.search(s) is not None
    if _DELIVERY.match(s):
        return "delivery"
    if s.startswith(("——", "--", "—")):
        return "subtitle"  # "——我省法治政府建设进入发展新阶段": the title stands above it
    if _DOC_NUMBER.search(s) and not names_report:
        return "document number"
    if _WIDGET.search(s):
        return "widget"
    if lx.DATE_LINE.match(s) or lx.DATETIME_ONLY.match(s) or dated_line(s):
        return "date"
    if _BYLINE.match(s) and not names_report:
        return "byline"
    if _SPEAKER.match(s) and not names_report:
        return "speaker"
    return None


def _fragment(line: str) -> bool:
    """A short line that may be a title or one line of a title set over several lines."""
    s = line.strip()
    return (
        bool(s)
        and len(s) <= 120
        and cjk_count(s) >= 1
        and not s.endswith(_END_PUNCT)
        and not lx.HEADING.match(s)
        and not _NOT_FRAGMENT.search(s)
        and not lx.INFO_BAR.search(s)
    )


def choose_title(lines: list[str], kinds: list[str], start: int) -> tuple[str | None, str]:
    """The title of the body that starts at `start`, with how it was chosen: a decision over the
    short lines above the body.

    Walking up from the body, lines that are something else (a delivery line, a speaker, a document
    number, a byline, widgets, dates, info bars, chrome) are passed over. A title may be set over
    several lines ("聊城市人民政府" / "关于2017年度…情况的" / "报告"): from a line that ends with the
    report noun, the lines directly above that do not end a title are its first parts. The nearest
    such block that names a rule-of-law report wins; otherwise the nearest title-like line, when it
    is the first short line above the body (a title that names no topic).
    """
    cands: list[int] = []
    passed: list[str] = []
    first_short: int | None = None
    i, steps = start - 1, 0
    while i >= 0 and steps < 12:
        line = lines[i]
        if line.strip():
            role = line_role(line)
            if role:
                passed.append(role)
            elif kinds[i] == "short" and _fragment(line):
                cands.append(i)
                if first_short is None:
                    first_short = i
            elif kinds[i] == "short" and first_short is None and not lx.INFO_BAR.search(line):
                first_short = -1  # the nearest short line is no title
        i -= 1
        steps += 1
    over = f" (passed over: {', '.join(dict.fromkeys(passed))})" if passed else ""
    for k, c in enumerate(cands):
        text = simplified(lines[c])
        if not _TITLE_END.search(text):
            continue
        parts, j = [c], k
        while j + 1 < len(cands) and _adjacent(lines, cands[j + 1], parts[0]):
            above = simplified(lines[cands[j + 1]]).strip()
            if not _OPEN_END.search(above) or len(above) > 40 or sum(len(lines[p]) for p in parts) > 100:
                break
            parts.insert(0, cands[j + 1])
            j += 1
        joined = "".join(lines[p].strip() for p in parts)
        if TITLE_REPORT.search(simplified(joined)):
            how = (
                f"report title set in {len(parts)} lines"
                if len(parts) > 1
                else "nearest line that names a report"
            )
            title = joined if len(parts) > 1 else _with_issuer_line(lines, c)
            return title, f"{how} above the body{over}"
    if first_short is not None and first_short >= 0 and title_like(lines[first_short]):
        return _with_issuer_line(lines, first_short), f"nearest title-like line above the body{over}"
    return None, f"no title-like line above the body{over}"


_TRAILING_DATE = re.compile(r"\s((?:19|20)\d{2}-\d{1,2}-\d{1,2})$")
_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def _date_under_title(lines: list[str], start: int, meta: dict[str, Any]) -> None:
    """The page's date when no label gives it, from the lines between the title and the body.

    A date stamped with a clock time ("18.03.2015 13:07") is the page's publish stamp and wins; a bare
    date in brackets under the issuer ("(2015年1月10日)") is the document's own date (written); any
    other lone date, a byline's date or a date at the end of the title line is the publish date;
    failing all, the date a report was delivered to a people's congress.
    """
    stamped = plain = delivered = None
    for line in reversed(lines[max(0, start - 8) : start]):
        s = simplified(line).strip()
        found = dated_line(s)
        if found:
            if _CLOCK.search(s):
                stamped = stamped or found[0]
            elif s.startswith(("(", "（")):
                meta.setdefault("written_date", found[0])
            else:
                plain = plain or found[0]
            continue
        tail = _TRAILING_DATE.search(s)
        if tail and TITLE_REPORT.search(s):
            plain = plain or parse_date(tail.group(1))
        if delivered is None and _DELIVERY.match(s):
            delivered = parse_date(s)
    if stamped or plain:
        meta["publish_date"], meta["publish_date_from"] = stamped or plain, "date line under the title"
    elif delivered:
        meta["publish_date"], meta["publish_date_from"] = (
            delivered,
            "date it was delivered to the people's congress",
        )


def _adjacent(lines: list[str], upper: int, lower: int) -> bool:
    """Only blank lines stand between line `upper` and line `lower`."""
    return all(not lines[j].strip() for j in range(upper + 1, lower))


_SUBJECT_ONLY = ("关于", "19", "20")


def _with_issuer_line(lines: list[str], i: int) -> str:
    """Title line i, prefixed by an issuer line directly above it when the title names no issuer."""
    title = lines[i]
    if not title.startswith(_SUBJECT_ONLY):
        return title
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j >= 0 and lx.ORG_LINE.match(lines[j]) and len(lines[j]) <= 30:
        return lines[j] + title
    return title


# A report title run into its first sentence on one line ("…情况的报告2023年,省政府坚持…").
_GLUED_TITLE = re.compile(
    r"^(?P<title>[^。,，;；:：]{6,80}?(?:报告|汇报|总结))(?=(?:19|20)\d{2}\s*年(?:度)?\s*[,，是以])"
)


_CJK_END = re.compile(r"[\u4e00-\u9fff]$")  # a line that stops on a character, mid-word


def unglue(lines: list[str]) -> list[str]:
    """Lines as a reader sees them: watermarks a copying site glued to a line's start or end taken
    off, and a report title run into its first sentence set on its own line."""
    out: list[str] = []
    for line in lines:
        line = lx.WATERMARK_INLINE.sub("", lx.WATERMARK_TAIL.sub("", line)).strip() or line
        cut = bool(out) and len(out[-1]) > 100 and _CJK_END.search(out[-1]) is not None
        if lx.PAGE_MARK.match(line) or (cut and lx.PAGE_MARK_LOOSE.match(line)):
            rest = line.split("、", 1)[1]
            if cut:
                out[-1] += rest  # the page break fell mid-word: the line goes on
                continue
            line = rest
        m = _GLUED_TITLE.match(line)
        if m and TITLE_REPORT.search(simplified(m.group("title"))):
            out += [m.group("title"), line[m.end() :]]
        else:
            out.append(line)
    return out


def clean_lines(lines: Iterable[str], *, title_hint: str | None = None) -> LineBody:
    """Text-dump mode: metadata, title and body from a page's normalised lines."""
    lines = unglue(list(lines))
    kinds = [kind_of(line) for line in lines]
    meta: dict[str, Any] = {}
    start, end = find_body(lines, kinds)
    # Metadata nearest the body first: the article's own info bar beats a sidebar further away.
    order = (
        list(range(start - 1, -1, -1)) + list(range(end + 1, len(lines))) if start >= 0 else range(len(lines))
    )
    for i in order:
        if kinds[i] == "meta":
            harvest_line(lines[i], meta)
    harvest_footer("\n".join(lines[end + 1 :] if start >= 0 else lines), meta)
    if title_hint or meta.get("title"):
        title = title_hint or meta.get("title")
        title_reason = "page title" if title_hint else "labelled title line (标题:)"
    elif start >= 0:
        title, title_reason = choose_title(lines, kinds, start)
    else:
        title, title_reason = None, "no body, so no title"
    if start >= 0 and not meta.get("publish_date"):
        _date_under_title(lines, start, meta)
    blurbs = [
        line
        for line, k in zip(lines, kinds, strict=True)
        if k == "watermark" and lx.EDITOR_BLURB.search(line)
    ]
    if blurbs:
        meta["site_blurbs"] = blurbs[:5]  # a document-sharing site's editor blurbs: a template signal
    removed = [line for i, line in enumerate(lines) if not (start <= i <= end)]
    if start < 0:
        return LineBody(title, [], meta, removed, title_reason=title_reason)
    body, dropped = [], []
    for i in range(start, end + 1):
        if kinds[i] in ("chrome", "anchor", "watermark") or (
            kinds[i] == "meta" and lx.CREDIT.match(lines[i])
        ):
            dropped.append(lines[i])
        else:
            body.append(lines[i])
    body, title_lines = strip_title_lines(body, title)
    body, dups = dedupe(body)
    return LineBody(title, body, meta, removed + dropped + title_lines + dups, start, end, title_reason)
