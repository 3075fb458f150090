"""Date parsing: the many ways government pages write a date, to ISO yyyy-mm-dd (or None)."""

from __future__ import annotations

import re

from pipelines.text.numerals import DIGITS, digit_string

DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?")
CN_DATE_RE = re.compile(
    r"([〇○零Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
)


def _valid(y: int, m: int, d: int) -> str | None:
    if 1990 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def _cn_number(s: str) -> int:
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (DIGITS.get(tens, 1) if tens else 1) * 10 + (DIGITS.get(ones, 0) if ones else 0)
    return DIGITS.get(s, 0)


def to_iso(text: str | None) -> str | None:
    """First plausible date in `text` as yyyy-mm-dd; Arabic or Chinese numerals; None when absent."""
    if not text:
        return None
    m = DATE_RE.search(text)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = CN_DATE_RE.search(text)
    if m:
        year = int(digit_string(m.group(1)))
        return _valid(year, _cn_number(m.group(2)), _cn_number(m.group(3)))
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
            return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None
