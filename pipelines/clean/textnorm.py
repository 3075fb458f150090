"""Text normalisation shared by the HTML and text-dump paths.

Chinese pages pad labels and menus with ASCII, ideographic (U+3000) and no-break spaces ("索  引 号",
"首     页"); comparisons and line classification must not depend on that padding, while spaces that
separate Latin words or numbers must survive.
"""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u202f\u205f]+")
# CJK ideographs, CJK and full-width punctuation: a space between two of these is padding, not a word gap.
_CJK_CLASS = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014"
_CJK_GAP = re.compile(rf"(?<=[{_CJK_CLASS}])\s+(?=[{_CJK_CLASS}])")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_PUNCT = re.compile(r"[，。；：！？、,;!?]")
_EDGE_JUNK = re.compile(r"^[\s|｜•·●■◆▪►▶>»]+|[\s|｜]+$")
_ALL_WS = re.compile(r"\s+")


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


def key(text: str | None) -> str:
    """Comparison key: NFKC and no whitespace at all (the scorer's notion of 'same text')."""
    return _ALL_WS.sub("", unicodedata.normalize("NFKC", text or ""))


def cjk_count(text: str) -> int:
    return len(_CJK_CHAR.findall(text))


def punct_count(text: str) -> int:
    return len(_CJK_PUNCT.findall(text))


def is_prose(line: str, min_cjk: int = 20) -> bool:
    """A sentence-bearing line: enough CJK characters and at least one clause punctuation mark."""
    return cjk_count(line) >= min_cjk and _CJK_PUNCT.search(line) is not None
