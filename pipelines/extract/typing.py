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


_KEYWORDS: dict[int, tuple[Catalog, _KeywordIndex]] = {}


@dataclass(frozen=True)
class _KeywordIndex:
    """The catalog's keywords, by text: a figure's few words are looked up by their substrings, not
    every keyword searched in them."""

    rank: dict[str, int]  # keyword -> its place in the order (longest first, then by text)
    codes: dict[str, tuple[tuple[str, str], ...]]  # keyword -> (code, unit), by code
    lengths: tuple[int, ...]  # the keywords' lengths, longest first


def _keywords(catalog: Catalog) -> _KeywordIndex:
    """Worked out once per catalog (the cached value keeps the catalog alive, so its id is not reused)."""
    hit = _KEYWORDS.get(id(catalog))
    if hit is not None and hit[0] is catalog:
        return hit[1]
    found = {
        (kw, ind.code, ind.unit)
        for ind in catalog.indicators.values()
        for kw in (*ind.keywords_zh, *ind.name_zh.replace("(", "/").replace(")", "/").split("/"))
        if len(kw) >= MIN_KEYWORD
    }
    ordered = sorted(found, key=lambda t: (-len(t[0]), t[0], t[1]))
    codes: dict[str, list[tuple[str, str]]] = {}
    for kw, code, unit in ordered:
        codes.setdefault(kw, []).append((code, unit))
    index = _KeywordIndex(
        rank={kw: i for i, kw in enumerate(codes)},
        codes={kw: tuple(v) for kw, v in codes.items()},
        lengths=tuple(sorted({len(kw) for kw in codes}, reverse=True)),
    )
    _KEYWORDS[id(catalog)] = (catalog, index)
    return index


def _present(text: str, index: _KeywordIndex) -> set[str]:
    return {
        text[i : i + n]
        for n in index.lengths
        for i in range(len(text) - n + 1)
        if text[i : i + n] in index.rank
    }


def suggest(
    words_before: str, words_after: str, kind: str, counter: str, catalog: Catalog
) -> Suggestion | None:
    """The indicator whose longest keyword stands in the figure's words, when its unit fits."""
    index = _keywords(catalog)
    before = _present(words_before, index)
    for kw in sorted(before | _present(words_after, index), key=index.rank.__getitem__):
        where = "before" if kw in before else "after"
        for code, unit in index.codes[kw]:
            if not _fits(unit, kind, counter):
                continue
            score = min(1.0, len(kw) / 6)
            if score < THRESHOLD:
                return None
            return Suggestion(
                code, round(score, 2), f"keyword {kw} {where} the figure, counter {counter} fits {unit}"
            )
    return None
