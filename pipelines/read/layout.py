"""A document file's positioned lines -> the report's text: reading order, no running headers or page
numbers, and lines joined back into paragraphs.

PDF, OFD and OCR all hand over text as runs placed on a page. A PDF breaks a paragraph wherever the
line is full, mid-sentence and without a hyphen (Chinese has none), and repeats a header and a page
number on every page; the evidence sentence of a figure must read as one, so the text is rebuilt the
way a reader sees it: lines in order top to bottom, the lines every page repeats at its top or bottom
set aside, a line that reaches the right margin joined to the next unless the next is indented or
opens a heading. Pure: the readers do the I/O.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from pipelines.text.normalize import nfkc_line

# Where a running header or footer can sit: the top and bottom bands of a page (share of its height).
BAND = 0.12
# A line the bands of this share of pages repeat (digits aside) is a running header or footer.
RUNNING_SHARE = 0.4

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_OR_PUNCT = re.compile(rf"[{_CJK}\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014]")
_SPACE_IN_CJK = re.compile(
    rf"(?<=[{_CJK}\u3000-\u303f\uff00-\uffef])[ \t\u00a0]+(?=[{_CJK}\u3000-\u303f\uff00-\uffef])"
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_~·\s]*[0-9０-９]{1,4}[-—–－_~·\s]*"
    r"|第\s*[0-9０-９]{1,4}\s*页(?:\s*[,，/]?\s*共\s*[0-9０-９]{1,4}\s*页)?"
    r"|共\s*[0-9０-９]{1,4}\s*页\s*第\s*[0-9０-９]{1,4}\s*页"
    r"|[0-9０-９]{1,4}\s*/\s*[0-9０-９]{1,4}"
    r"|page\s*[0-9]{1,4}(?:\s*of\s*[0-9]{1,4})?)$",
    re.IGNORECASE,
)
# Lines that open a paragraph of their own whatever the line before: headings and numbered items.
_OPENS = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9０-９]+[)）]|[0-9０-９]+[、.．](?!\d)"
    r"|第[一二三四五六七八九十百0-9]+[章节条部分]|附件|附表)"
)
_ENDS_SENTENCE = re.compile(r"[。！？!?；;：:]['\"”’」』）)]*$")


@dataclass(frozen=True)
class Line:
    """A run of text on a page, placed as a fraction of the page (0 = left/top, 1 = right/bottom)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1e-6)


@dataclass
class Assembled:
    text: str
    page_starts: list[int]  # where page 1, 2, ... begins in text
    removed: list[str] = field(default_factory=list)  # running headers, footers and page numbers set aside


def merge_runs(runs: list[Line]) -> list[Line]:
    """Runs that share a baseline are one line, in order left to right; lines in order top to bottom
    (a content stream may draw them in any order)."""
    rows: list[list[Line]] = []
    for run in sorted(runs, key=lambda r: (r.top + r.bottom) / 2):
        mid = (run.top + run.bottom) / 2
        if rows:
            last = rows[-1]
            top = min(r.top for r in last)
            bottom = max(r.bottom for r in last)
            if top <= mid <= bottom or abs(mid - (top + bottom) / 2) < 0.35 * run.height:
                last.append(run)
                continue
        rows.append([run])
    lines = []
    for row in rows:
        row.sort(key=lambda r: r.x0)
        text = ""
        for r in row:
            text = glue(text, r.text.strip(), sep=" ")
        if text:
            lines.append(
                Line(
                    text,
                    row[0].x0,
                    max(r.x1 for r in row),
                    min(r.top for r in row),
                    max(r.bottom for r in row),
                )
            )
    return lines


def glue(left: str, right: str, *, sep: str = "") -> str:
    """Join two pieces of a line or paragraph: no space beside Chinese, `sep` between two Latin words."""
    if not left or not right:
        return left + right
    if _CJK_OR_PUNCT.match(left[-1]) or _CJK_OR_PUNCT.match(right[0]):
        return left + right
    return left + sep + right


def _key(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "0", re.sub(r"\s+", "", nfkc_line(text)))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def _running(pages: list[list[Line]]) -> set[str]:
    """The keys of lines that the top or bottom band of many pages repeat."""
    if len(pages) < 2:
        return set()
    counts: dict[str, int] = {}
    for lines in pages:
        seen = {_key(ln.text) for ln in lines if ln.top < BAND or ln.bottom > 1 - BAND}
        for k in seen:
            counts[k] = counts.get(k, 0) + 1
    need = max(2, RUNNING_SHARE * len(pages))
    return {k for k, n in counts.items() if n >= need and k}


def _margins(lines: list[Line], aspect: float) -> tuple[float, float, float]:
    """Body left and right margins and a character's width (as a share of the page's width).

    The width comes from the lines' heights; some PDF engines report text boxes without height (the
    glyphs' boxes of a CID font, flat), so when the heights say less than half of what the lines'
    widths per character say, the widths are used."""
    lefts = sorted(ln.x0 for ln in lines)
    rights = sorted(ln.x1 for ln in lines)
    left = lefts[len(lefts) // 10] if len(lefts) >= 10 else lefts[0]
    right = rights[(len(rights) * 9) // 10] if len(rights) >= 10 else rights[-1]
    char = statistics.median(ln.height for ln in lines) * aspect
    per_char = [(ln.x1 - ln.x0) / n for ln in lines if (n := len(ln.text.strip())) >= 8]
    if per_char:
        by_width = statistics.median(per_char)
        if char < 0.5 * by_width:
            char = by_width
    return left, right, char


def assemble(pages: list[list[Line]], aspect: float = 297 / 210) -> Assembled:
    """The text of a document file from its pages' runs (see the module docstring). `aspect` is the
    page's height over its width (A4 portrait by default): a character as wide as it is high spans
    `aspect` times more of the width than of the height."""
    pages = [merge_runs(runs) for runs in pages]
    running = _running(pages)
    removed: list[str] = []
    body_pages: list[list[Line]] = []
    for lines in pages:
        kept = []
        for ln in lines:
            in_band = ln.top < BAND or ln.bottom > 1 - BAND
            if in_band and (is_page_number(ln.text) or _key(ln.text) in running):
                removed.append(ln.text)
            else:
                kept.append(ln)
        body_pages.append(kept)
    every = [ln for lines in body_pages for ln in lines]
    left, right, char = _margins(every, aspect) if every else (0.0, 1.0, 0.02 * aspect)
    paragraphs: list[str] = []
    page_starts: list[int] = []
    text_len = 0  # length of "\n".join(paragraphs) so far, with the open paragraph
    prev: Line | None = None
    for lines in body_pages:
        page_starts.append(text_len)  # an empty page starts where the text stands
        for k, ln in enumerate(lines):
            text = _SPACE_IN_CJK.sub("", ln.text.strip())
            if prev is not None and _continues(prev, ln, left, right, char):
                joined = glue(paragraphs[-1], text, sep=" ")
                text_len += len(joined) - len(paragraphs[-1])
                paragraphs[-1] = joined
                start = text_len - len(text)
            else:
                start = text_len + (1 if paragraphs else 0)
                text_len = start + len(text)
                paragraphs.append(text)
            if k == 0:
                page_starts[-1] = start
            prev = ln
    return Assembled("\n".join(paragraphs), page_starts, removed)


def _continues(prev: Line, cur: Line, left: float, right: float, char: float) -> bool:
    """Does `cur` carry on the paragraph `prev` ends? Yes when `prev` runs to the right margin and
    `cur` is neither indented nor a heading; a line that stops short ends its paragraph."""
    if _OPENS.match(cur.text.strip()):
        return False
    # Ragged right edges (digits are half as wide, a line may not start with punctuation) leave a
    # full line up to about three characters short; a paragraph's last line that ends a sentence is
    # let off at one. A new paragraph is mostly indented (two characters in Chinese documents).
    short = right - prev.x1
    ends = bool(_ENDS_SENTENCE.search(prev.text.strip()))
    if short > 3 * char or (ends and short > char) or cur.x0 > left + 1.2 * char:
        return False
    return not (ends and _centred(prev, left, right))


def _centred(line: Line, left: float, right: float) -> bool:
    return abs((line.x0 - left) - (right - line.x1)) < 0.02 and line.x0 > left + 0.05
