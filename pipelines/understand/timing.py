"""Which year a report covers, over which period, and when it was written and published.

The covered year is not the publish year: annual reports are due before April 1 of the next year
(a report published 2020-03-27 covers 2019). Signals, strongest first: the year in the title
("2019年法治政府建设工作报告", "关于2022年度..."), the year that opens the body ("2019年,我区..." /
"2020年以来"), a relative opening ("今年以来") dated by the written or publish date, a next-year
plan ("2020年工作计划" => 2019), and the publish date alone (Jan-May => previous year).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipelines.text.dates import arabic_years, parse_date
from pipelines.text.normalize import squash, stripped_lines
from pipelines.text.numerals import small_int
from pipelines.text.period import FIRST_HALF, FULL_YEAR, MULTI_YEAR, UNKNOWN, Period, through_month
from pipelines.understand.detect import opening_lines
from pipelines.understand.text import strip_book_titles

_YEAR = r"((?:19|20)\d{2})"
_RANGE = re.compile(_YEAR + r"年?\s*[-—–~～至到]\s*" + _YEAR + r"年")
_PLAN_AFTER = re.compile(
    r"^(?:年度?)?(?:的)?(?:下一步|主要|重点)?工作(?:计划|打算|思路|安排|要点|目标)|^年?(?:度)?(?:工作)?(?:计划|打算|思路)"
)
_TITLE_YEAR = re.compile(_YEAR + r"\s*年")
_OPENING_YEAR = re.compile(
    r"^[^。]{0,40}?"
    + _YEAR
    + r"\s*年(?:度)?(?=以来|是|,|，|我|全|在|上半年|1|一|区|市|县|镇|街|各|，|初|全年|\d)"
)
# "现将2025年工作情况总结如下" / "现将我镇2022年度法治政府建设情况报告如下": the report says which year it reports.
_VOICE_YEAR = re.compile(
    r"现(?:将|对|就|把)[^。]{0,20}?"
    + _YEAR
    + r"\s*年(?:度)?(?!(?:的)?(?:主要|重点)?(?:工作)?(?:计划|打算|思路|安排|要点))"
    r"[^。]{0,40}?(?:报告|汇报|总结)如下"
)
_HEADING_YEAR = re.compile(
    r"^[一二三四五六七八九十]+[、.．]\s*"
    + _YEAR
    + r"\s*年(?:度)?(?!(?:的)?(?:主要|重点)?(?:工作)?(?:计划|打算|思路|安排|要点))"
)
_RELATIVE = re.compile(r"今年以来|今年上半年|今年|本年度")  # 一年来 looks back: no anchor
_PLAN_HEADING = re.compile(_YEAR + r"\s*年(?:度)?(?:的)?(?:主要|重点)?(?:工作)?(?:计划|打算|思路|安排|要点)")
_TITLE_MONTHS = re.compile(r"(?<!\d)1\s*[-—–~至到]\s*(\d{1,2})\s*月|1月(?:份)?至(\d{1,2})月|前三季度")
_CUTOFF = re.compile(
    r"(?:截至|截止)(?:到)?(?:今年|本年|当年|" + _YEAR + r"年)?\s*"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:底|末|份|\d{1,2}日|止)?"
    r"|(?<![\d年])1\s*[-—–~至到]\s*(\d{1,2})\s*月"
    r"|1月(?:份)?(?:至|到)(\d{1,2})月"
    r"|(前三季度|第三季度末|三季度末)"
)
_PLAN_PERIODS = {"十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025)}


@dataclass
class Timing:
    report_year: int | None
    year_reason: str
    period: Period
    period_reason: str


def _year_of(iso: str | None) -> int | None:
    return int(iso[:4]) if iso else None


def _month_of(iso: str | None) -> int | None:
    return int(iso[5:7]) if iso else None


def title_year(title: str | None) -> tuple[int | None, str, tuple[int, int] | None]:
    """(year, evidence, range) from a title; plan years ("及2017年工作计划") do not count."""
    if not title:
        return None, "", None
    t = strip_book_titles(arabic_years(squash(title)))
    rng = _RANGE.search(t)
    if rng:
        a, b = int(rng.group(1)), int(rng.group(2))
        if a < b:
            return b, f"title range {rng.group(0)!r} (end year)", (a, b)
    for m in _TITLE_YEAR.finditer(t):
        if _PLAN_AFTER.match(t[m.end() :]) and len(_TITLE_YEAR.findall(t)) > 1:
            continue
        return int(m.group(1)), f"title {m.group(0)!r}", None
    for word, (a, b) in _PLAN_PERIODS.items():
        if word in t and re.search(r"总结|情况|报告", t):
            return b, f"title {word!r} ({a}-{b}, end year)", (a, b)
    return None, "", None


def decide(
    title: str | None,
    body: str,
    *,
    publish_date: str | None,
    written_date: str | None,
    is_report: bool,
    half_year: bool,
) -> Timing:
    """Report year and period, each with its reason (or None/unknown with the reason)."""
    if not is_report:
        return Timing(None, "not a report", UNKNOWN, "not a report")
    body_n = strip_book_titles(arabic_years(squash(body)))
    head = body_n[:300]
    year, why, rng = title_year(title)
    dated = written_date or publish_date
    if year is None:
        # The opening proper: past an addressee ("中共高邑县委:") or a mirror's description line, and
        # a first section heading that names the year ("一、2018年法治政府建设基本情况").
        opening = strip_book_titles(arabic_years("".join(opening_lines(body, 2))))
        for text in (head, opening[:300]):
            m = _OPENING_YEAR.search(text) or _HEADING_YEAR.match(text)
            if m:
                year, why = int(m.group(1)), f"body opening {m.group(0)[-12:]!r}"
                break
    if year is None:
        m = _VOICE_YEAR.search(body_n[:1500])
        if m:
            year, why = int(m.group(1)), f"report voice {m.group(0)[:30]!r}"
    if year is None:
        m = _RELATIVE.search(head)
        if m and dated:
            base = _year_of(dated)
            month = _month_of(dated)
            if not written_date and month is not None and month <= 2 and base is not None:
                year, why = base - 1, f"body opening {m.group(0)!r}, published {dated} (Jan/Feb: year before)"
            else:
                year, why = base, f"body opening {m.group(0)!r} dated {dated}"
    if year is None:
        plans = [int(y) for y in _PLAN_HEADING.findall(body_n)]
        if plans:
            y = max(plans)
            year, why = y - 1, f"next-year plan '{y}年工作计划/安排' in the body"
    if year is None and dated and is_report:
        base, month = _year_of(dated), _month_of(dated)
        assert base is not None and month is not None
        if half_year and 6 <= month <= 10:
            year, why = base, f"half-year report dated {dated}"
        elif not half_year and month <= 5:
            year, why = base - 1, f"annual report dated {dated} (Jan-May covers the year before)"
        elif not half_year and month >= 11:
            year, why = base, f"annual report dated {dated} (Nov/Dec covers the same year)"
    if year is None and is_report:
        years = Counter(int(y) for y in re.findall(r"((?:19|20)\d{2})年", body_n))
        if years:
            (top, n), *rest = [*years.most_common(2), (0, 0)]
            second = rest[0][1] if rest else 0
            if n >= 3 and n >= 3 * second:
                year, why = top, f"most mentioned year in the body ({top}: {n} times)"
    if year is None:
        why = "no year in title or opening, and no usable date" if is_report else "not a report"
    period, preason = _period(title, body_n, year, rng, dated, is_report, half_year)
    return Timing(year, why, period, preason)


def _period(
    title: str | None,
    body_n: str,
    year: int | None,
    rng: tuple[int, int] | None,
    dated: str | None,
    is_report: bool,
    half_year: bool,
) -> tuple[Period, str]:
    if not is_report:
        return UNKNOWN, "not a report"
    t = strip_book_titles(squash(title))
    if rng:
        return MULTI_YEAR, f"title covers {rng[0]}-{rng[1]}"
    if half_year:
        return FIRST_HALF, "上半年 report"
    m = _TITLE_MONTHS.search(t)
    if m:
        n = int(m.group(1) or m.group(2) or 9)
        return through_month(n), f"title {m.group(0)!r}"
    if year is None:
        return UNKNOWN, "report year unknown"
    if dated and _year_of(dated) == year:
        cutoffs = _cutoffs(body_n, year)
        if cutoffs:
            n = max(cutoffs)
            return through_month(n), f"written {dated}, before the year ended; figures run to month {n}"
        return FULL_YEAR, f"written {dated} in the report year, no month cut-off in the figures"
    if dated:
        return FULL_YEAR, f"dated {dated}, after the report year"
    return FULL_YEAR, "annual report (no date to show it was written before the year ended)"


def _cutoffs(body_n: str, year: int) -> list[int]:
    out = []
    for m in _CUTOFF.finditer(body_n):
        if m.group(1) and int(m.group(1)) != year:
            continue
        if m.group(5):
            out.append(9)
            continue
        raw = m.group(2) or m.group(3) or m.group(4)
        n = small_int(raw) if raw else None
        if n is not None and 1 <= n <= 11:
            out.append(n)
    return out


def signature_date(body: str) -> str | None:
    """The date of the 落款 (signature) in the last lines of a body, if any."""
    tail = [ln for ln in stripped_lines(body) if ln][-4:]
    for ln in reversed(tail):
        s = squash(ln)
        if len(s) <= 40 and re.search(r"(?:19|20|二[〇零○])\S{2,3}年\S{1,3}月\S{1,3}日$", s):
            return parse_date(s)
    return None
