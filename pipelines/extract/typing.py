"""Typing a figure the rules left untyped: which catalog indicator its words suggest, with a score and
the reason, from the catalog's own names and keywords (`keywords_zh`).

The rules (extract/rules.py) are the typing that reaches the fact table: each is a phrasing checked on
real sentences. A keyword next to a number is much weaker evidence (a topic word in the clause is
not the thing counted), so a suggestion only helps an analyst search `fct_quantities` for figures
the rules miss, and its measured precision (tests.score_sentences) decides whether it may ever do
more. A suggestion needs a counter that fits the indicator's unit and a keyword of at least
`MIN_KEYWORD` characters in the figure's own words.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.extract.catalog import Catalog

MIN_KEYWORD = 3
THRESHOLD = 0.5

# Counters that can count each catalog unit (rank and points are not read from counters).
_UNIT_COUNTERS: dict[str, frozenset[str]] = {
    "times": frozenset({"次", "场", "场次", "期", "批次", "轮"}),
    "persons": frozenset({"人", "名", "人次", "位", "余人"}),
    "cases": frozenset({"件", "宗", "起", "个", "件次", "批次", "批"}),
    "items": frozenset({"项", "件", "个", "条", "类"}),
    "documents": frozenset({"件", "份", "部", "条", "篇", "本", "卷", "个"}),
}


@dataclass(frozen=True)
class Suggestion:
    code: str
    score: float
    reason: str


def _fits(unit: str, kind: str, counter: str) -> bool:
    if unit == "percent":
        return kind == "percent"
    if unit == "yuan":
        return kind == "amount"
    return kind == "count" and counter in _UNIT_COUNTERS.get(unit, frozenset())


_KEYWORDS: dict[int, tuple[Catalog, tuple[tuple[str, str, str], ...]]] = {}


def _keywords(catalog: Catalog) -> tuple[tuple[str, str, str], ...]:
    """(keyword, code, unit), longest keywords first (then by keyword and code: no order left to chance); worked out once per catalog (the cached value
    keeps the catalog alive, so its id is not reused)."""
    hit = _KEYWORDS.get(id(catalog))
    if hit is not None and hit[0] is catalog:
        return hit[1]
    out = {
        (kw, ind.code, ind.unit)
        for ind in catalog.indicators.values()
        for kw in (*ind.keywords_zh, *ind.name_zh.replace("(", "/").replace(")", "/").split("/"))
        if len(kw) >= MIN_KEYWORD
    }
    ordered = tuple(sorted(out, key=lambda t: (-len(t[0]), t[0], t[1])))
    _KEYWORDS[id(catalog)] = (catalog, ordered)
    return ordered


def suggest(
    words_before: str, words_after: str, kind: str, counter: str, catalog: Catalog
) -> Suggestion | None:
    """The indicator whose longest keyword stands in the figure's words, when its unit fits."""
    for kw, code, unit in _keywords(catalog):
        where = "before" if kw in words_before else "after" if kw in words_after else None
        if where is None or not _fits(unit, kind, counter):
            continue
        score = min(1.0, len(kw) / 6)
        if score < THRESHOLD:
            return None
        return Suggestion(
            code, round(score, 2), f"keyword {kw} {where} the figure, counter {counter} fits {unit}"
        )
    return None
