"""Small text helpers shared by the understanding modules: normalisation, dates, Chinese numerals.

Pages mix full-width and half-width punctuation (，/, （/( ：/:) and write dates as 2020-08-20,
2017/2/9, 2020年3月27日 or 二〇二〇年三月一日; every rule works on the NFKC form so it is written once.
"""

from __future__ import annotations

import re
import unicodedata

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})


def norm(text: str | None) -> str:
    """NFKC, with runs of whitespace collapsed to one space and spaces between CJK characters removed."""
    s = unicodedata.normalize("NFKC", text or "")
    s = re.sub(r"[ \t\u3000\xa0]+", " ", s)
    return re.sub(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])", "", s).strip()


def squash(text: str | None) -> str:
    """NFKC without any whitespace: for comparing titles and lines."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def cn_number(s: str) -> int | None:
    """一 .. 九十九 (and digit strings) as an int; None when it is not a small number."""
    if s.isdigit():
        return int(s)
    if not s or any(ch not in _CN_DIGITS and ch != "十" for ch in s):
        return None
    if "十" not in s:
        return _CN_DIGITS.get(s) if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    t = _CN_DIGITS.get(tens) if tens else 1
    o = _CN_DIGITS.get(ones) if ones else 0
    return None if t is None or o is None else t * 10 + o


_CN_YEAR = re.compile(r"([二一][〇零○Ｏ一二三四五六七八九]{3})年")


def arabic_years(text: str) -> str:
    """二〇二〇年 -> 2020年 (signature dates and some titles write years in Chinese digits)."""
    return _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[c]) for c in m.group(1)) + "年", text)


_DATE_PATTERNS = (
    re.compile(r"((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})"),
    re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
)
_CN_DATE = re.compile(r"((?:19|20)\d{2})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")


def parse_date(text: str | None) -> str | None:
    """The first date written in `text`, as ISO yyyy-mm-dd; None when there is no valid one."""
    if not text:
        return None
    s = arabic_years(norm(text))
    best: tuple[int, str] | None = None
    for pat in _DATE_PATTERNS:
        m = pat.search(s)
        if m:
            iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
    m = _CN_DATE.search(s)
    if m:
        month, day = cn_number(m.group(2)), cn_number(m.group(3))
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


def lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n")]
