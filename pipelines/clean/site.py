"""Site-level template learning: lines that recur on several pages of one site are chrome.

Menus and footers that no lexicon lists (a county's own column names, its address line) repeat on
every page of the site; report sentences do not. Structural lines that legitimately recur across one
site's reports (headings such as "二、存在的问题", the 落款 "XX市人民政府", dates) are never learnt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pipelines.clean import lexicon as lx
from pipelines.clean.prose import is_prose
from pipelines.text.normalize import split_lines, squash


def learn_site_chrome(texts: Iterable[str], min_pages: int = 3) -> frozenset[str]:
    """Normalised keys of lines found on at least `min_pages` of the given page texts (one text per page)."""
    counts: Counter[str] = Counter()
    for text in texts:
        seen = set()
        for line in split_lines(text or ""):
            if (
                is_prose(line)
                or lx.HEADING.match(line)
                or lx.DATE_LINE.match(line)
                or lx.ORG_LINE.match(line)
            ):
                continue
            if lx.CLOSING_PHRASE.match(line):
                continue
            seen.add(squash(line))
        counts.update(seen)
    return frozenset(k for k, c in counts.items() if c >= min_pages and k)
