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

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u202f\u205f]+")
# CJK ideographs, CJK and full-width punctuation: a space between two of these is padding, not a word gap.
_CJK_CLASS = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014"
_CJK_GAP = re.compile(rf"(?<=[{_CJK_CLASS}])\s+(?=[{_CJK_CLASS}])")
_EDGE_JUNK = re.compile(r"^[\s|｜•·●■◆▪►▶>»]+|[\s|｜]+$")
_ALL_WS = re.compile(r"\s+")
_NFKC_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_NFKC_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")

# Traditional -> simplified characters (臺灣 -> 台湾) is not done yet. When pages in traditional
# characters must match the simplified vocabulary, the conversion belongs here, as one function that
# the comparison forms (squash, nfkc_line) apply after NFKC; the display form keeps the text as written.


def normalise_line(line: str) -> str:
    """One display line: unify spaces, delete padding between CJK characters, trim bullets and cell bars."""
    line = line.translate(_ZERO_WIDTH)
    line = _SPACES.sub(" ", line)
    line = _CJK_GAP.sub("", line)
    return _EDGE_JUNK.sub("", line).strip()


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
