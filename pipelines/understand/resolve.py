"""Resolve the region a report belongs to, from every signal a page offers, and say which decided.

Order of signals: the issuer as named (title, 落款, the opening's "XX区人民政府", page metadata), whose
name chain ("常州市钟楼区") is resolved first. Names are ambiguous (鼓楼区 x4, 东城街道 x43), so the
candidates are narrowed, step by step, by: the year (only divisions valid in the report year; old
names follow region_changes to their successor), the other names the page gives for its owner (site
name, 主办单位, address lines), the 网站标识码 (its first six digits are the owning government's code,
possibly stale), the parents named in the body ("我区" + "常州"), and the level word the report uses
for itself (我区/我市/我县). A candidate is chosen only when one remains; otherwise the region is null
and the reason lists the candidates.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipelines.levels import LEVELS
from pipelines.records import Region
from pipelines.text.normalize import squash
from pipelines.understand.regions import Division, NameMatch, RegionIndex
from pipelines.understand.text import strip_book_titles

_ORGAN = re.compile(r"人民政府|政府|区委|县委|市委|旗委|党工委")
_TOWN_TOKEN = re.compile(r"([\u4e00-\u9fff]{2,6}?)(街道办事处|街道办|区办事处|办事处|街道|镇|乡|苏木|区)")
_SELF_WORD = re.compile(r"(?:我|全)(省|市|区|县|旗|州|盟|镇|乡|街道)")


@dataclass
class Signals:
    """What a page says about its issuer and owner; all optional."""

    year: int | None
    issuer_texts: list[tuple[str, str]]  # (label, text), strongest first
    context_texts: list[tuple[str, str]] = field(default_factory=list)  # site name, 主办单位, address...
    site_code: str | None = None
    body: str = ""


@dataclass
class Resolution:
    region: Region | None
    reason: str
    issuer_label: str | None = None  # which issuer text named the region
    issuer_text: str | None = None
    township: bool = False


def _label(index: RegionIndex, d: Division) -> str:
    parent = index.get(d.prefecture_code or d.province_code or "") if d.level != "province" else None
    where = parent.short_name if parent and parent.code != d.code else ""
    return f"{d.code} {d.name}" + (f" ({where})" if where else "")


def _region(d: Division, confidence: float, evidence: str) -> Region:
    level = d.level if d.level in LEVELS else "county"
    pref = d.prefecture_code if d.level != "province" else None
    return Region(
        code=d.code,
        name=d.name,
        level=level,
        province_code=d.province_code,
        prefecture_code=pref,
        confidence=confidence,
        evidence=evidence,
    )


def _dedupe(cands: list[Division]) -> list[Division]:
    seen: dict[str, Division] = {}
    for c in cands:
        seen.setdefault(c.code, c)
    return list(seen.values())


def _in_year(index: RegionIndex, cands: list[Division], year: int | None) -> tuple[list[Division], str]:
    valid = [c for c in cands if c.valid_in(year)]
    if valid:
        return _dedupe(valid), ""
    if year is None:
        return _dedupe(cands), ""
    moved, notes = [], []
    for c in cands:
        succ, note = index.current(c.code, year)
        if succ is not None:
            moved.append(succ)
            notes.append(f"{c.name} not valid in {year}: {note}")
    return _dedupe(moved), "; ".join(notes)


def _chain_filter(principal: NameMatch, others: list[NameMatch], cands: list[Division]) -> list[Division]:
    """Keep candidates lying inside a division named earlier in the same chain ("常州市" + "钟楼区")."""
    out = cands
    for m in others:
        codes = {c.code for c in m.candidates}
        kept = [c for c in out if any(c.within(code) and code != c.code for code in codes)]
        if kept:
            out = kept
    return out


def _town_matches(index: RegionIndex, text: str, after: int) -> list[tuple[str, list[Division], bool]]:
    """Township tokens in `text` after position `after`: (token, candidates, written in full)."""
    rest = _ORGAN.sub("|", text[after:])
    out = []
    for m in _TOWN_TOKEN.finditer(rest):
        token = m.group(0)
        if token in index.names:
            continue
        cands = index.towns_named(token)
        if cands:
            full = token in index.town_names
            out.append((token, cands, full))
    return out


def _principal(index: RegionIndex, text: str) -> tuple[list[Division], str, bool, bool] | None:
    """(candidates, what matched, short-name match, township) for the most specific division named."""
    t = strip_book_titles(squash(text))
    matches = index.find_names(t, towns=True)
    last_end = matches[-1].end if matches else 0
    towns = _town_matches(index, t, last_end)
    if towns:
        token, cands, _full = towns[-1]
        if matches:
            parents = {c.code for m in matches for c in m.candidates}
            kept = [c for c in cands if any(c.within(p) for p in parents)]
            if not kept:
                return _from_matches(matches, t)
            return kept, f"{''.join(m.text for m in matches)}{token}", False, True
        return cands, token, True, True
    if not matches:
        return None
    return _from_matches(matches, t)


def _from_matches(matches: list[NameMatch], text: str = "") -> tuple[list[Division], str, bool, bool]:
    principal = max(matches, key=lambda m: (max(c.rank for c in m.candidates), m.start))
    others = [m for m in matches if m is not principal]
    cands = _chain_filter(principal, others, list(principal.candidates))
    shown = "".join(m.text for m in matches)
    town = all(c.level == "township" for c in cands)
    organ_follows = text[principal.end :].startswith(("人民政府", "政府", "司法局"))
    weak = not others and ((principal.short and not organ_follows) or town)
    return cands, shown, weak, town


def _self_word(body: str) -> str | None:
    counts = Counter(m.group(1) for m in _SELF_WORD.finditer(body[:20000]))
    if not counts:
        return None
    word, n = counts.most_common(1)[0]
    return word if n >= 2 else None


def _fits_word(d: Division, word: str) -> bool:
    if word == "街道":
        return d.name.endswith("街道")
    if word == "区" and d.level == "development_zone":
        return True
    return d.name.endswith(word)


def _context_groups(
    index: RegionIndex, texts: list[tuple[str, str]], year: int | None
) -> list[tuple[tuple[str, ...], str]]:
    """(candidate codes, where) for every division named in the page's owner strings.

    An ambiguous name gives one group with all its candidates, so it can never pick one of them.
    """
    out = []
    for label, text in texts:
        for m in index.find_names(strip_book_titles(squash(text)), towns=True):
            codes = tuple(c.code for c in m.candidates if year is None or c.valid_in(year))
            if codes:
                out.append((codes, f"{label} {m.text!r}"))
    return out


def _site_division(
    index: RegionIndex, site_code: str | None, year: int | None
) -> tuple[Division | None, str]:
    if not site_code:
        return None, ""
    digits = re.sub(r"\D", "", site_code)
    if len(digits) < 6:
        return None, ""
    div, note = index.current(digits[:6], year)
    if div is None:
        return None, ""
    return div, f"网站标识码 {site_code} -> {div.code} {div.name}" + (f" ({note})" if note else "")


def resolve(index: RegionIndex, sig: Signals) -> Resolution:
    """The region of one report, or None with the reason."""
    year = sig.year
    body_sq = squash(sig.body)
    site_div, site_note = _site_division(index, sig.site_code, year)
    ctx = _context_groups(index, sig.context_texts, year)
    word = _self_word(body_sq)
    issuer_groups = [_context_groups(index, [(label, text)], year) for label, text in sig.issuer_texts]

    pending: Resolution | None = None  # a weak failure, reported only if no later string resolves
    for i, (label, text) in enumerate(sig.issuer_texts):
        if not text:
            continue
        # The other strings that may name the issuer ("南京市鼓楼区人民政府" in the 落款) count as context.
        others = [g for j, groups in enumerate(issuer_groups) if j != i for g in groups]
        found = _principal(index, text)
        if not found:
            continue
        cands, shown, weak, township = found
        cands, year_note = _in_year(index, cands, year)
        if not cands:
            return Resolution(
                None, f"{label} {shown!r}: no division of that name valid in {year}", label, text
            )
        steps = [f"{label} {shown!r}" + (f" ({year_note})" if year_note else "")]
        need = weak
        cands, decided, conf = _narrow(
            index, cands, steps, ctx + others, site_div, site_note, body_sq, word, need
        )
        if len(cands) == 1 and (decided or not need):
            d = cands[0]
            if not decided:
                conf = 0.95 if not township else 0.8
                steps.append(
                    f"-> {d.code} {d.name}, the only {'town' if township else 'division'} of that name"
                )
            return Resolution(_region(d, conf, "; ".join(steps)), "", label, text, township)
        if len(cands) == 1:
            failure = Resolution(
                None,
                f"{label} {shown!r} -> {_label(index, cands[0])} only through a short or township name, "
                "with no parent, site code or body clue to confirm it",
                label,
                text,
            )
        else:
            listed = ", ".join(_label(index, c) for c in cands[:8])
            more = f" (+{len(cands) - 8} more)" if len(cands) > 8 else ""
            failure = Resolution(None, f"ambiguous: {shown} -> {listed}{more}", label, text)
        # A name met in passing (a short name, the opening sentence) must not block a clearer
        # string later on; an ambiguous issuer name does.
        if weak or label == "opening sentence":
            pending = pending or failure
            continue
        return failure

    # No issuer names a division: fall back to the site's owner, if it fits how the report speaks.
    owner = site_div
    how = site_note
    if owner is None:
        owners: list[tuple[Division, str]] = []
        for label, text in sig.context_texts:
            found = _principal(index, text)
            if found and not found[2]:
                cands = _in_year(index, found[0], year)[0]
                if len(cands) == 1:
                    owners.append((cands[0], f"{label} {squash(text)[:30]!r}"))
        if owners:
            deepest, where = max(owners, key=lambda o: o[0].rank)
            if all(deepest.within(o.code) for o, _ in owners):
                owner, how = deepest, f"site owner named in {where}"
    if owner is None and pending is not None:
        return pending
    if owner is None:
        return Resolution(None, "no region named (no issuer name, site code or owner line)")
    if word and not _fits_word(owner, word):
        return Resolution(
            None, f"{how}, but the report calls itself 我{word}: site owner may not be the author"
        )
    if owner.level == "province" and word != "省":
        return Resolution(None, f"{how}: a provincial site, the report's own level is not stated")
    speaks = f"report speaks as 我{word}" if word else "report does not name its own level"
    if pending is not None:
        speaks += f"; passing name ignored: {pending.reason[:60]}"
    return Resolution(_region(owner, 0.6, f"{how} (no issuer name; {speaks})"), "")


def _narrow(
    index: RegionIndex,
    cands: list[Division],
    steps: list[str],
    ctx: list[tuple[tuple[str, ...], str]],
    site_div: Division | None,
    site_note: str,
    body_sq: str,
    word: str | None,
    need_support: bool,
) -> tuple[list[Division], bool, float]:
    """Narrow candidates with the owner strings, the site code, the body's parents and the level word.

    Returns (candidates, decided by a clue, confidence). With `need_support` a single candidate (found
    through a short or township name) must also be confirmed by one of the clues.
    """

    def by_context(cs: list[Division]) -> tuple[list[Division], str, float]:
        for codes, where in ctx:
            kept = [c for c in cs if any(c.within(code) for code in codes)]
            if (kept and len(kept) < len(cs)) or (len(cs) == 1 and kept):
                return kept, f"{where} -> {', '.join(c.code for c in kept)}", 0.9
        return [], "", 0.0

    def by_site(cs: list[Division]) -> tuple[list[Division], str, float]:
        if site_div is None:
            return [], "", 0.0
        kept = [c for c in cs if c.within(site_div.code) or site_div.within(c.code)]
        return kept, f"{site_note} -> {', '.join(c.code for c in kept)}", 0.9

    def by_body(cs: list[Division]) -> tuple[list[Division], str, float]:
        scores = {c.code: _parent_score(index, c, body_sq) for c in cs}
        best = max(scores.values())
        if best[0] <= 0:
            return [], "", 0.0
        if any(s[0] > 0 and s[0] * 2 > best[0] and s != best for s in scores.values()):
            return [], "", 0.0
        kept = [c for c in cs if scores[c.code] == best]
        return kept, f"body names the parent {best[1]} -> {', '.join(c.code for c in kept)}", 0.8

    def by_word(cs: list[Division]) -> tuple[list[Division], str, float]:
        if not word or len(cs) == 1:
            return [], "", 0.0
        kept = [c for c in cs if _fits_word(c, word)]
        return kept, f"report calls itself 我{word}/全{word} -> {', '.join(c.code for c in kept)}", 0.7

    for step in (by_context, by_site, by_body, by_word):
        if len(cands) == 1 and not need_support:
            break
        kept, note, conf = step(cands)
        if not kept:
            continue
        if len(kept) < len(cands) or len(cands) == 1:
            cands = kept
            steps.append(note)
            if len(cands) == 1:
                return cands, True, conf
    return cands, False, 0.0


def _parent_score(index: RegionIndex, d: Division, body_sq: str) -> tuple[int, str]:
    score, seen = 0, []
    for level, name in index.ancestor_names(d):
        n = body_sq.count(name)
        if n:
            weight = 1 if level == "province" else 2
            score += weight * n
            seen.append(f"{name!r} x{n}")
    return score, ", ".join(seen)
