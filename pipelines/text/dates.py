"""Dates as government pages write them, to ISO yyyy-mm-dd (or None).

Pages write 2020-08-20, 2017/2/9, 2020.3.5, 2020年3月27日, 2020年三月一日 or 二〇二〇年三月一日, in
metadata values ("发布日期: 2020-08-20 10:15"), in info bars, in CMS article URLs and in the 落款 at
the end of a body. Two readers, because the two jobs differ and their results are stored:

- `to_iso` reads a metadata *value*: the first date-shaped string decides (a value such as
  "2020-13-01" is no date even when a valid one follows), its digits must not run on into a longer
  number, and only years 1990-2100 pass;
- `parse_date` reads free *text*: after NFKC and with Chinese-digit years made Arabic, the earliest
  valid date of any written form wins.
"""

from __future__ import annotations

import re

from pipelines.text.normalize import nfkc_line, squash
from pipelines.text.numerals import DIGITS, digit_string, small_int

# The dates of metadata values; clean/meta also uses it to spot an info bar that opens with a date.
DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?")
_CN_DIGIT_DATE_RE = re.compile(
    r"([〇○零Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
)


def _iso(year: int, month: int, day: int) -> str | None:
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _plausible(year: int, month: int, day: int) -> str | None:
    """_iso, for a year a page of this corpus can carry (1990-2100)."""
    return _iso(year, month, day) if 1990 <= year <= 2100 else None


def _month_or_day(s: str) -> int:
    """一 .. 三十一 as to_iso has always read it: 0 (no date) for a run without 十, and a malformed run
    around 十 read leniently (十十 -> 10). Kept as it is because the dates it yields are stored."""
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (DIGITS.get(tens, 1) if tens else 1) * 10 + (DIGITS.get(ones, 0) if ones else 0)
    return DIGITS.get(s, 0)


def to_iso(text: str | None) -> str | None:
    """First plausible date in a metadata value as yyyy-mm-dd; Arabic or Chinese numerals; None when absent."""
    if not text:
        return None
    m = DATE_RE.search(text)
    if m:
        return _plausible(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _CN_DIGIT_DATE_RE.search(text)
    if m:
        year = int(digit_string(m.group(1)))
        return _plausible(year, _month_or_day(m.group(2)), _month_or_day(m.group(3)))
    return None


_URL_DATE = [
    re.compile(r"/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+"),  # TRS: t20220417_974894.shtml
    re.compile(r"/art/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/"),  # Hanweb: /art/2016/11/22/art_...
    re.compile(r"/((?:19|20)\d{2})-(\d{2})/(\d{2})/content_"),  # xinhua-style: 2005-08/16/content_
]


def date_from_url(url: str | None) -> str | None:
    """Publish date encoded in CMS article URLs (TRS, Hanweb, Xinhua patterns); None otherwise."""
    if not url:
        return None
    for pat in _URL_DATE:
        m = pat.search(url)
        if m:
            return _plausible(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


_CN_YEAR = re.compile(r"([二一][〇零○Ｏ一二三四五六七八九]{3})年")


def arabic_years(text: str) -> str:
    """二〇二〇年 -> 2020年 (signature dates and some titles write years in Chinese digits)."""
    return _CN_YEAR.sub(lambda m: digit_string(m.group(1)) + "年", text)


_TEXT_DATES = (
    re.compile(r"((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})"),
    re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
)
_TEXT_CN_DATE = re.compile(
    r"((?:19|20)\d{2})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)


def parse_date(text: str | None) -> str | None:
    """The first date written in free text, as ISO yyyy-mm-dd; None when there is no valid one."""
    if not text:
        return None
    s = arabic_years(nfkc_line(text))
    best: tuple[int, str] | None = None
    for pat in _TEXT_DATES:
        m = pat.search(s)
        if m:
            iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
    m = _TEXT_CN_DATE.search(s)
    if m:
        month, day = small_int(m.group(2)), small_int(m.group(3))
        iso = _iso(int(m.group(1)), month or 0, day or 0)
        if iso and (best is None or m.start() < best[0]):
            best = (m.start(), iso)
    return best[1] if best else None


_DATE_LABEL = re.compile(
    r"(发布日期|发布时间|发表日期|发表时间|发文日期|编辑日期|更新日期|日期|时间)[:：]?\s*"
)
# A bare 日期/时间 right after these is another date of the document (成文日期, 废止时间 ...), not its publication.
_NOT_PUBLISHED = ("成文", "产生", "废止", "失效", "有效")


def labelled_date(texts: list[str]) -> str | None:
    """A publish date written with its label (发布日期: 2020-08-20), from the first of `texts` that has one."""
    for text in texts:
        for m in _DATE_LABEL.finditer(line := squash(text)):
            if m.group(1) in ("日期", "时间") and line[max(0, m.start() - 2) : m.start()] in _NOT_PUBLISHED:
                continue
            d = parse_date(line[m.end() : m.end() + 24])
            if d:
                return d
    return None


# A line that is only a date, perhaps with a clock time, an office before it or a site name after it:
# "2022-05-12 14:44", "19.01.2017  09:32" (DD.MM.YYYY, as some CMSs print), "省政府办公厅 2022-03-15",
# "2025-04-27 10:14 黑龙江省人民政府网", "(2015年1月10日)". Under a title it is the page's date.
_DMY = r"(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>(?:19|20)\d{2})"
_YMD = r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
_DATED_LINE = re.compile(
    rf"^[(（]?\s*(?P<office>[\u4e00-\u9fff]{{2,30}})?\s*(?:{_YMD}|{_DMY})\s*(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*"
    r"(?P<site>[\u4e00-\u9fff]{2,20})?\s*[)）]?$"
)


def dated_line(line: str) -> tuple[str, str | None] | None:
    """(ISO date, the office named before it) when the line is nothing but a date, else None."""
    m = _DATED_LINE.match(line.strip())
    if not m:
        return None
    if m.group("y"):
        iso = _plausible(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    else:
        iso = _plausible(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
    return (iso, m.group("office")) if iso else None
