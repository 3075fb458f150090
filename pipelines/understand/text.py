"""Small text helpers shared by the understanding modules: normalisation, dates, Chinese numerals.

Pages mix full-width and half-width punctuation (，/, （/( ：/:) and write dates as 2020-08-20,
2017/2/9, 2020年3月27日 or 二〇二〇年三月一日; every rule works on the NFKC form so it is written once.
"""

from __future__ import annotations

import re

from pipelines.text.normalize import nfkc_line
from pipelines.text.numerals import digit_string, small_int

_CN_YEAR = re.compile(r"([二一][〇零○Ｏ一二三四五六七八九]{3})年")


def arabic_years(text: str) -> str:
    """二〇二〇年 -> 2020年 (signature dates and some titles write years in Chinese digits)."""
    return _CN_YEAR.sub(lambda m: digit_string(m.group(1)) + "年", text)


_DATE_PATTERNS = (
    re.compile(r"((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})"),
    re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
)
_CN_DATE = re.compile(r"((?:19|20)\d{2})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")


def parse_date(text: str | None) -> str | None:
    """The first date written in `text`, as ISO yyyy-mm-dd; None when there is no valid one."""
    if not text:
        return None
    s = arabic_years(nfkc_line(text))
    best: tuple[int, str] | None = None
    for pat in _DATE_PATTERNS:
        m = pat.search(s)
        if m:
            iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
    m = _CN_DATE.search(s)
    if m:
        month, day = small_int(m.group(2)), small_int(m.group(3))
        iso = _iso(int(m.group(1)), month or 0, day or 0)
        if iso and (best is None or m.start() < best[0]):
            best = (m.start(), iso)
    return best[1] if best else None


def _iso(year: int, month: int, day: int) -> str | None:
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def strip_book_titles(text: str) -> str:
    """Drop 《...》 spans: names of cited documents carry years and places that are not the report's."""
    return re.sub(r"《[^《》]{0,80}》", "《》", text)
