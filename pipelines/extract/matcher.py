"""Which catalog indicator(s) a number states, from the words around it. Pure functions.

For one quantity the matcher sees three texts: `left` (its clause, from the previous number or the
clause start up to the number), `right` (after it, up to the next number or the clause end) and the
anchor windows (sentence / paragraph before it). A rule matches when its trigger ends the left text
(or starts the right text), the counter fits, no exclusion applies and its topic anchor is present.
Among matching count rules the nearest trigger wins, then the nearest anchor; rates keep every
matching name, because one value is often shared by a list of rates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pipelines.extract.numbers import Quantity
from pipelines.extract.rules import NEAR, RULES, Rule


@dataclass(frozen=True)
class QuantityContext:
    left: str
    right: str
    clause: str
    sentence_before: str  # sentence text before the number
    paragraph_before: str  # up to a few hundred characters of the paragraph before the number
    sentence_after: str = ""  # sentence text after the number


@dataclass(frozen=True)
class Match:
    codes: tuple[str, ...]
    rule: Rule
    distance: int  # characters between the trigger and the number
    anchor_distance: int


_PARAGRAPH_WINDOW = 240
_QUOTES_RE = re.compile("[“”]")


def _anchor_distance(rule: Rule, ctx: QuantityContext) -> int | None:
    """Distance back to the nearest anchor occurrence, or None if the anchor is absent."""
    if rule.anchor_re is None:
        return 0
    if rule.anchor_scope == "clause":
        return 0 if rule.anchor_re.search(ctx.clause) else None
    window = (
        ctx.sentence_before if rule.anchor_scope == "sentence" else ctx.paragraph_before[-_PARAGRAPH_WINDOW:]
    )
    last = None
    for m in rule.anchor_re.finditer(window):
        last = m
    if last is not None:
        return len(window) - last.end()
    if rule.anchor_re.search(ctx.right):
        return 0
    if rule.anchor_scope == "around" and rule.anchor_re.search(ctx.sentence_after):
        return 0
    return None


def _match_rule(rule: Rule, q: Quantity | None, ctx: QuantityContext) -> Match | None:
    distance = None
    if rule.left_re is not None:
        m = rule.left_re.match(ctx.left)
        if m is not None:
            distance = len(ctx.left) - m.start("t")
        elif "“" in ctx.left or "”" in ctx.left:
            # a term broken by quotation marks: 政务服务事项“一网通办”率达87.13%
            unquoted = _QUOTES_RE.sub("", ctx.left)
            m = rule.left_re.match(unquoted)
            if m is not None:
                distance = len(unquoted) - m.start("t")
    if rule.left_re is not None and rule.right_re is not None:
        # both sides given: the words before and after the number must both be there
        if distance is None or q is None or rule.right_re.match(ctx.right) is None:
            return None
    elif distance is None and rule.right_re is not None and q is not None:
        m2 = rule.right_re.match(ctx.right)
        if m2 is not None:
            distance = m2.end()
    if distance is None:
        return None
    if rule.exclude_re is not None and rule.exclude_re.search(ctx.clause):
        return None
    if rule.exclude_left_re is not None and rule.exclude_left_re.search(ctx.left):
        return None
    if rule.exclude_near_re is not None and rule.exclude_near_re.search(ctx.sentence_before[-NEAR:]):
        return None
    if rule.exclude_sentence_re is not None and rule.exclude_sentence_re.search(ctx.sentence_before):
        return None
    anchor = _anchor_distance(rule, ctx)
    if anchor is None:
        return None
    return Match(rule.codes, rule, distance, anchor)


_CANDIDATES: dict[
    tuple[int, frozenset[str] | None, str | None, str | None], tuple[tuple[Rule, ...], tuple[Rule, ...]]
] = {}


def _candidates(
    rules: tuple[Rule, ...], allowed: frozenset[str] | None, kind: str | None, unit: str | None
) -> tuple[Rule, ...]:
    """Rules that could apply to a quantity of this kind and counter (computed once per pair).

    Keyed by id(rules): callers pass long-lived tuples (RULES, or the per-catalog tuples), which
    the cached value keeps alive, so an id is never reused for another tuple.
    """
    key = (id(rules), allowed, kind, unit)
    hit = _CANDIDATES.get(key)
    if hit is not None and hit[0] is rules:
        return hit[1]
    out = []
    for rule in rules:
        if allowed is not None and not set(rule.codes) <= allowed:
            continue
        if kind is not None:
            if {"count": "count", "amount": "amount", "percent": "percent"}.get(kind) != rule.kind:
                continue
            if rule.kind == "count" and rule.units is not None and unit not in rule.units:
                continue
        out.append(rule)
    _CANDIDATES[key] = (rules, tuple(out))
    return tuple(out)


def match_quantity(
    q: Quantity | None,
    ctx: QuantityContext,
    allowed: Iterable[str] | None = None,
    rules: tuple[Rule, ...] = RULES,
) -> list[Match]:
    """The indicator(s) a quantity states: [] when none, several only for a shared rate value.

    q None asks which indicator a subject names (for a change without its own level).
    """
    allowed_set = None if allowed is None else frozenset(allowed)
    found: list[Match] = []
    kind, unit = (None, None) if q is None else (q.kind, q.unit_raw)
    for rule in _candidates(rules, allowed_set, kind, unit):
        hit = _match_rule(rule, q, ctx)
        if hit is not None:
            found.append(hit)
    if not found:
        return []
    if q is not None and q.kind == "percent":
        seen: set[tuple[str, ...]] = set()
        out = []
        for hit in sorted(found, key=lambda h: (h.distance, h.anchor_distance)):
            if hit.codes not in seen:
                seen.add(hit.codes)
                out.append(hit)
        return out
    best = min(enumerate(found), key=lambda ih: (ih[1].distance, ih[1].anchor_distance, ih[0]))[1]
    return [best]
