"""How much Chinese prose a line holds: the cleaner's measure of body text against chrome.

Report sentences are long runs of CJK characters broken by clause punctuation; menus, labels and
footers are short and unpunctuated. Counting both is enough to tell them apart line by line.
"""

from __future__ import annotations

import re

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CJK_PUNCT = re.compile(r"[，。；：！？、,;!?]")


def cjk_count(text: str) -> int:
    # runs, not single characters: a line holds a few runs and many characters
    return sum(map(len, _CJK_RUN.findall(text)))


def punct_count(text: str) -> int:
    return len(_CJK_PUNCT.findall(text))


def is_prose(line: str, min_cjk: int = 20) -> bool:
    """A sentence-bearing line: enough CJK characters and at least one clause punctuation mark."""
    return cjk_count(line) >= min_cjk and _CJK_PUNCT.search(line) is not None
