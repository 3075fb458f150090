"""Numbers as Chinese pages write them: Chinese numerals and full-width digits, read into ints.

Reports write counts in Chinese (六场, 两个, 三万二千), dates and years digit by digit (二〇二〇年,
with 〇 typed as ○, Ｏ or even the Latin letter O), and figures in full-width digits (１２件). One digit
table serves every reader here, so a zero variant or a digit added once is known everywhere.
"""

from __future__ import annotations

import re

# Every way a page writes a Chinese digit. ○/Ｏ/O are zeros typed by hand in dates; 两 is the 2 of counts.
DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
BIG: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

# The characters a count is written in (the hand-typed zeros ○/Ｏ/O occur only in dates).
_COUNT_CHARS = "零〇一二两三四五六七八九十百千万亿"


def digit_string(text: str) -> str:
    """Chinese digits read one by one as ASCII digits: 二〇二〇 -> "2020". Every character must be a digit."""
    return "".join(str(DIGITS[c]) for c in text)


def parse_chinese_int(text: str) -> int | None:
    """Value of a Chinese numeral: 六 -> 6, 十二 -> 12, 两百零五 -> 205, 三万二千 -> 32000.

    A run of bare digits with no unit character (二〇一八) reads digit by digit. Returns None for an
    empty string or any character that is not a numeral.
    """
    if not text or any(c not in _COUNT_CHARS for c in text):
        return None
    if not any(c in UNITS or c in BIG for c in text):
        if len(text) == 1:
            return DIGITS[text]
        return int(digit_string(text))
    total = 0  # completed 万/亿 sections
    section = 0  # within the current section
    digit: int | None = None
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in UNITS:
            section += (1 if digit is None else digit) * UNITS[c]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            if section == 0:
                section = 1
            if BIG[c] > 10_000 and total:
                total = (total + section) * BIG[c]
            else:
                total += section * BIG[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def small_int(text: str) -> int | None:
    """一 .. 九十九 (and digit strings) as an int; None when it is not a small number.

    Stricter than parse_chinese_int on purpose: a month or a day is one digit or one 十 with a digit
    either side, so 一二 or 十十 are not read as 12 or 20.
    """
    if text.isdigit():
        return int(text)
    if not text or any(ch not in DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    t = DIGITS.get(tens) if tens else 1
    o = DIGITS.get(ones) if ones else 0
    return None if t is None or o is None else t * 10 + o


# Full-width digits and punctuation map one-to-one onto ASCII, so offsets survive the translation.
_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９％，．"}
_FULLWIDTH[0x3000] = 0x20
_HAS_FULLWIDTH_RE = re.compile("[０-９％，．\u3000]")


def to_halfwidth(text: str) -> str:
    """Translate full-width digits, %, comma and point to ASCII; the length never changes."""
    return text.translate(_FULLWIDTH) if _HAS_FULLWIDTH_RE.search(text) else text
