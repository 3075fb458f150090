"""Paragraphs, sentences and clauses of a report body, with offsets, plus the parts to leave alone.

The matcher reads a number in the light of its clause (the phrase that names it), its sentence (the
period marker, the subject that sets the scope) and its paragraph (the topic a bare "办结30件" belongs
to). Two kinds of text never yield values: asides in brackets and titles (《…》, short “…” names such as
“三项制度”, "(含上一年结转案件5件)" components), and the next-year plan section, whose figures are
targets (下一步 / 2020年工作计划 / 明年工作思路 headings or a "2019年,我们将…以下…工作" opening).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

SENTENCE_END = "。！？!?\n"
CLAUSE_END = SENTENCE_END + ",，;；:："
_NEWLINE_RE = re.compile("\n")
_SENTENCE_RE = re.compile("[" + re.escape(SENTENCE_END) + "]")
_CLAUSE_RE = re.compile("[" + re.escape(CLAUSE_END) + "]")
_OPEN_CLOSE = {"(": ")", "（": "）", "《": "》", "“": "”", "〔": "〕", "[": "]", "【": "】"}
_MAX_BRACKET = {"“": 16}  # a longer quotation is speech, not a name
_DEFAULT_MAX_BRACKET = 120

_TOP_HEADING_RE = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]")
_ANY_HEADING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}\s*[、.．](?!\d))"
)
_PLAN_WORDS_RE = re.compile(
    r"下一步|下一年度?|明年|今后(?:工作|一个时期)|工作(?:计划|打算|思路|设想|安排)|主要安排|努力方向"
)
_PLAN_YEAR_RE = re.compile(r"(\d{4})年(?:度)?[^。，,]{0,12}(?:计划|安排|打算|思路|设想|重点|要点)")
_PLAN_INTRO_RE = re.compile(
    r"^\s*(?:(?P<year>\d{4})年|下一步|明年|下一年度?|今后)[^。]{0,50}?(?:将|(?<!主)要|拟|计划)[^。]{0,50}?(?:以下|如下)"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Segmentation:
    text: str
    paragraphs: list[Span]
    sentences: list[Span]
    clauses: list[Span]
    protected: list[Span]  # sorted, non-overlapping
    plan: list[Span]

    def __post_init__(self) -> None:
        self._par_starts = [s.start for s in self.paragraphs]
        self._sent_starts = [s.start for s in self.sentences]
        self._clause_starts = [s.start for s in self.clauses]
        self._prot_starts = [s.start for s in self.protected]

    @staticmethod
    def _find(starts: list[int], spans: list[Span], pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        return max(i, 0) if spans else -1

    def paragraph_index(self, pos: int) -> int:
        return self._find(self._par_starts, self.paragraphs, pos)

    def sentence_index(self, pos: int) -> int:
        return self._find(self._sent_starts, self.sentences, pos)

    def clause_index(self, pos: int) -> int:
        return self._find(self._clause_starts, self.clauses, pos)

    def is_protected(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._prot_starts, start) - 1
        return i >= 0 and self.protected[i].start <= start and end <= self.protected[i].end

    def in_plan(self, pos: int) -> bool:
        return any(s.start <= pos < s.end for s in self.plan)


def _split(text: str, start: int, end: int, stop_re: re.Pattern[str]) -> list[Span]:
    """Cut [start, end) after every stop character of text (protected interiors already masked)."""
    spans: list[Span] = []
    begin = start
    for m in stop_re.finditer(text, start, end):
        i = m.start()
        if i + 1 > begin:
            spans.append(Span(begin, i + 1))
        begin = i + 1
    if end > begin:
        spans.append(Span(begin, end))
    return spans


def _mask(text: str, protected: list[Span]) -> str:
    """text with the inside of every protected bracket blanked (same length), so stops there vanish."""
    if not protected:
        return text
    parts, pos = [], 0
    for p in protected:
        parts.append(text[pos : p.start + 1])
        parts.append("\x00" * max(p.end - p.start - 2, 0))
        pos = p.end - 1
    parts.append(text[pos:])
    return "".join(parts)


_OPEN_RE = re.compile("[" + re.escape("".join(_OPEN_CLOSE)) + "]")


def _brackets(text: str) -> list[Span]:
    """Bracketed spans (outermost only), closing within a length limit and before a line break."""
    out: list[Span] = []
    pos, n = 0, len(text)
    while True:
        m = _OPEN_RE.search(text, pos)
        if m is None:
            return out
        i = m.start()
        close = _OPEN_CLOSE[text[i]]
        limit = _MAX_BRACKET.get(text[i], _DEFAULT_MAX_BRACKET)
        j = text.find(close, i + 1, min(n, i + 2 + limit))
        if j < 0 or text.find("\n", i + 1, j) >= 0:
            pos = i + 1
            continue
        out.append(Span(i, j + 1))
        pos = j + 1


def _plan_spans(text: str, paragraphs: list[Span], report_year: int | None) -> list[Span]:
    spans: list[Span] = []
    plan_start: int | None = None
    for par in paragraphs:
        line = text[par.start : par.end]
        top = bool(_TOP_HEADING_RE.match(line))
        if plan_start is not None:
            if top and not _is_plan_heading(line, report_year):
                spans.append(Span(plan_start, par.start))
                plan_start = None
            continue
        if _ANY_HEADING_RE.match(line) and _is_plan_heading(line, report_year):
            plan_start = par.start
            continue
        m = _PLAN_INTRO_RE.match(line)
        if m and (not m.group("year") or report_year is None or int(m.group("year")) > report_year):
            plan_start = par.start
    if plan_start is not None:
        spans.append(Span(plan_start, len(text)))
    return spans


def _is_plan_heading(line: str, report_year: int | None) -> bool:
    head = line.strip()
    if len(head) > 60:
        return False
    if _PLAN_WORDS_RE.search(head):
        return True
    m = _PLAN_YEAR_RE.search(head)
    return bool(m and report_year is not None and int(m.group(1)) > report_year)


def segment(text: str, report_year: int | None = None) -> Segmentation:
    """Split text (already half-width) into paragraphs, sentences and clauses with offsets."""
    protected = _brackets(text)
    masked = _mask(text, protected)
    paragraphs = _split(text, 0, len(text), _NEWLINE_RE)
    # Newlines are sentence and clause stops too, so one pass over the whole text gives both levels.
    sentences = _split(masked, 0, len(text), _SENTENCE_RE)
    clauses = _split(masked, 0, len(text), _CLAUSE_RE)
    return Segmentation(
        text, paragraphs, sentences, clauses, protected, _plan_spans(text, paragraphs, report_year)
    )
