"""Normal forms of page text: display lines, lines for rules, and comparison keys.

Chinese pages pad labels and menus with ASCII, ideographic (U+3000) and no-break spaces ("索  引 号",
"首     页") and mix full-width and half-width punctuation (，/, （/( ：/:). Comparisons and rules
must not depend on that padding, while spaces that separate Latin words or numbers must survive in
what is displayed. Three forms, for three jobs:

- `normalise_line`: the display form the cleaner keeps (no NFKC, so the text stays as written);
- `nfkc_line`: NFKC with spaces collapsed, for rules that read a line (dates, part titles);
- `squash`: NFKC with no whitespace at all, for deciding that two texts are the same.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u202f\u205f]+")
# CJK ideographs, CJK and full-width punctuation: a space between two of these is padding, not a word gap.
_CJK_CLASS = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014"
_CJK_GAP = re.compile(rf"(?<=[{_CJK_CLASS}])\s+(?=[{_CJK_CLASS}])")
_LEFT_JUNK = re.compile(r"^[\s|｜•·●■◆▪►▶>»]+")
_ALL_WS = re.compile(r"\s+")
_NFKC_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_NFKC_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")


def normalise_line(line: str) -> str:
    """One display line: unify spaces, delete padding between CJK characters, trim bullets and cell bars."""
    line = line.translate(_ZERO_WIDTH)
    line = _SPACES.sub(" ", line)
    line = _CJK_GAP.sub("", line)
    # The right edge by rstrip: a regex anchored at $ backtracks over a long run of bars mid-line.
    return _LEFT_JUNK.sub("", line).rstrip(" \t\r\n\f\v|｜").strip()


def split_lines(text: str) -> list[str]:
    """Normalised non-empty lines of a text block."""
    out = []
    for raw in text.splitlines():
        line = normalise_line(raw)
        if line:
            out.append(line)
    return out


def stripped_lines(text: str) -> list[str]:
    """Lines split on "\\n" only, each stripped, empty ones kept: positions stay those of the text."""
    return [ln.strip() for ln in text.split("\n")]


def nfkc_line(text: str | None) -> str:
    """NFKC, with runs of whitespace collapsed to one space and spaces between CJK characters removed."""
    s = unicodedata.normalize("NFKC", text or "")
    s = _NFKC_SPACES.sub(" ", s)
    return _NFKC_CJK_GAP.sub("", s).strip()


def squash(text: str | None) -> str:
    """Comparison key: NFKC and no whitespace at all (the scorer's notion of 'same text')."""
    return _ALL_WS.sub("", unicodedata.normalize("NFKC", text or ""))


# --- Reading view: pages in traditional characters read with the simplified vocabulary -------------
#
# Rules, the chrome lexicon, date labels and the gazetteer are written in simplified characters. A page
# in 繁體 (a mirror, a Hong Kong or Taiwan aggregator, a wiki) is read through a *view*: the text
# converted to simplified characters (OpenCC's maintained t2s tables, in C++ with wheels for every
# platform we run on) with the pinyin glosses some mirrors insert after converted glyphs (區(qū)) taken
# out. The stored body, evidence and offsets stay the page's own text: the view remembers, for each of
# its characters, where it came from, so an offset found in the view maps back to the original.

_PINYIN_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[1-5]?[)）]")
_converter = None


def _t2s():
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s")
    return _converter


def to_simplified(text: str) -> str:
    """Traditional -> simplified, character for character (the result has the same length).

    OpenCC converts phrases; where a phrase changes length, that line is converted one character at a
    time instead, so positions always line up with the input.
    """
    if not text:
        return text
    conv = _t2s()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    lines = []
    for line in text.split("\n"):
        c = conv.convert(line)
        if len(c) != len(line):
            c = "".join(ch2 if len(ch2 := conv.convert(ch)) == 1 else ch for ch in line)
        lines.append(c)
    return "\n".join(lines)


@dataclass(frozen=True)
class TextView:
    """What rules read (`text`) and where each of its characters sits in the original (`origin`)."""

    text: str
    origin: tuple[int, ...] | None = None  # None: the view is position for position the original
    converted: bool = False  # traditional characters were converted

    def start(self, i: int) -> int:
        """Original offset of the view character at i (an offset at the end maps to the end)."""
        if self.origin is None:
            return i
        return self.origin[i] if i < len(self.origin) else (self.origin[-1] + 1 if self.origin else 0)

    def end(self, i: int) -> int:
        """Original offset just after the view character at i - 1 (for slice ends)."""
        if self.origin is None:
            return i
        return self.origin[i - 1] + 1 if i > 0 else 0


def reading_view(text: str) -> TextView:
    """The simplified reading view of a text (the text itself when it holds no traditional characters)."""
    if not text:
        return TextView(text or "")
    origin: tuple[int, ...] | None = None
    base = text
    if _PINYIN_GLOSS.search(text):
        keep: list[int] = []
        last = 0
        for m in _PINYIN_GLOSS.finditer(text):
            keep.extend(range(last, m.start()))
            last = m.end()
        keep.extend(range(last, len(text)))
        base = "".join(text[i] for i in keep)
        origin = tuple(keep)
    simple = to_simplified(base)
    converted = simple != base
    if origin is None and not converted:
        return TextView(text)
    return TextView(simple, origin, converted)


def simplified(text: str | None) -> str:
    """The reading view's text alone (for decisions that need no offsets: titles, dates, names)."""
    return reading_view(text or "").text


def display_width(text: str) -> int:
    """Columns the text takes on a terminal or in a spreadsheet: CJK (wide) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def whole_number(value):
    """A count stored as DOUBLE as the integer it is (7.0 -> 7), for display; other values unchanged."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value
