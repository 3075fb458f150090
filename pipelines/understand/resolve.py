"""Resolve the region a report belongs to, from every signal a page offers, and say which decided.

Order of signals: the issuer as named (title, 落款, the opening's "XX区人民政府", page metadata), whose
name chain ("常州市钟楼区") is resolved first. Names are ambiguous (鼓楼区 x4, 东城街道 x43), so the
candidates are narrowed, step by step, by: the year (only divisions valid in the report year; old
names follow region_changes to their successor), the other names the page gives for its owner (site
name, 主办单位, address lines), the 网站标识码 (its first six digits are the owning government's code,
possibly stale), the parents named in the body ("我区" + "常州"), and the level word the report uses
for itself (我区/我市/我县), and last the page's host (seeds/hosts.csv, a tie-breaker only). A
candidate is chosen only when one remains; otherwise the region is null and the reason lists the
candidates.

When no issuer string names a division, the body is read (`_body_region`): the level the report
speaks from (a department subject, 我县, "县人民政府坚持", 全市), the names, brand phrases and,
last, cited titles of the opening, bounded by any superior it names (addressee line, "在…领导下").
A region is never given above the level the report speaks from: a 我县 report that names only its
province gets null with the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from pipelines.levels import LEVELS
from pipelines.records import Region
from pipelines.text.normalize import squash
from pipelines.understand.hosts import region_for_url
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
    url: str | None = None  # the page's address: its host breaks ties (seeds/hosts.csv)


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


_PASSING = ("opening", "opening sentence")


def _passing_superior(cands: list[Division], speaks: str | None, body_sq: str) -> bool:
    if speaks:
        return not any(_fits_level(c, speaks, body_sq) for c in cands)
    return all(c.level == "province" for c in cands)


def _host_division(index: RegionIndex, url: str | None, year: int | None) -> tuple[Division | None, str]:
    found = region_for_url(url)
    if found is None:
        return None, ""
    div, note = index.current(found[0], year)
    return (div, found[1] + (f" ({note})" if note else "")) if div is not None else (None, "")


@dataclass
class _Clues:
    """What the page says besides the issuer strings, read once for every step of `resolve`."""

    year: int | None
    body_sq: str
    site_div: Division | None
    site_note: str
    ctx: list[tuple[tuple[str, ...], str]]  # the owner strings' divisions (_context_groups)
    word: str | None  # the level word the report uses for itself most (我区 -> 区)
    issuer_groups: list[list[tuple[tuple[str, ...], str]]]  # each issuer string's divisions
    speaks: str | None  # the level the report speaks from (_speaker)
    speaks_how: str
    host_div: Division | None
    host_note: str


@dataclass
class _Reading:
    """What one issuer string gave: at most one of the three is set."""

    final: Resolution | None = None  # the answer, or a failure that ends the search
    weak: Resolution | None = None  # a weak failure, reported only if no later string resolves
    passed: str = ""  # a superior met in the opening, kept for the reason


def resolve(index: RegionIndex, sig: Signals) -> Resolution:
    """The region of one report, or None with the reason."""
    clues = _gather(index, sig)
    final, pending, passed = _from_issuers(index, sig, clues)
    if final is not None:
        return final
    # No issuer names a division: read the opening the way a person would.
    body_res, pending = _from_body(index, sig, clues, pending, passed)
    if body_res is not None:
        return body_res
    # Nor does the body: fall back to the site's owner, if it fits how the report speaks.
    owner, how = _site_owner(index, sig, clues)
    if owner is None and pending is not None:
        return pending
    if owner is None:
        return Resolution(None, "no region named (no issuer name, site code or owner line)")
    return _owner_resolution(owner, how, clues.word, pending)


def _gather(index: RegionIndex, sig: Signals) -> _Clues:
    """Read every clue besides the issuer strings once, before any of them is weighed."""
    year = sig.year
    body_sq = squash(sig.body)
    site_div, site_note = _site_division(index, sig.site_code, year)
    ctx = _context_groups(index, sig.context_texts, year)
    word = _self_word(body_sq)
    issuer_groups = [_context_groups(index, [(label, text)], year) for label, text in sig.issuer_texts]
    speaks, speaks_how, _dept = _speaker(sig.body, body_sq, index)
    host_div, host_note = _host_division(index, sig.url, year)
    return _Clues(
        year, body_sq, site_div, site_note, ctx, word, issuer_groups, speaks, speaks_how, host_div, host_note
    )


def _from_issuers(
    index: RegionIndex, sig: Signals, clues: _Clues
) -> tuple[Resolution | None, Resolution | None, list[str]]:
    """Weigh the issuer strings, strongest first.

    Returns (the answer or a failure that ends the search, the first weak failure held back, the
    superiors met in passing).
    """
    passed: list[str] = []
    pending: Resolution | None = None
    for i, (label, text) in enumerate(sig.issuer_texts):
        if not text:
            continue
        # The other strings that may name the issuer ("南京市鼓楼区人民政府" in the 落款) count as context.
        others = [g for j, groups in enumerate(clues.issuer_groups) if j != i for g in groups]
        found = _principal(index, text)
        if not found:
            continue
        reading = _read_issuer(index, clues, label, text, found, others)
        if reading.final is not None:
            return reading.final, pending, passed
        if reading.weak is not None:
            pending = pending or reading.weak
        if reading.passed:
            passed.append(reading.passed)
    return None, pending, passed


def _read_issuer(
    index: RegionIndex,
    clues: _Clues,
    label: str,
    text: str,
    found: tuple[list[Division], str, bool, bool],
    others: list[tuple[tuple[str, ...], str]],
) -> _Reading:
    """Narrow the divisions one issuer string names down to the report's own, or say why not."""
    cands, shown, weak, township = found
    cands, year_note = _in_year(index, cands, clues.year)
    if not cands:
        why = f"{label} {shown!r}: no division of that name valid in {clues.year}"
        return _Reading(final=Resolution(None, why, label, text))
    steps = [f"{label} {shown!r}" + (f" ({year_note})" if year_note else "")]
    cands, decided, conf = _narrow(
        index,
        cands,
        steps,
        clues.ctx + others,
        clues.site_div,
        clues.site_note,
        clues.body_sq,
        clues.word,
        weak,
        clues.host_div,
        clues.host_note,
    )
    if label in _PASSING and cands and _passing_superior(cands, clues.speaks, clues.body_sq):
        # "湖北省" in the opening of a report that speaks as 我市 is its superior, not its author;
        # a province met there when the report never states its level may be one too.
        if clues.speaks:
            return _Reading(passed=f"{label} {shown!r} is above a report that {clues.speaks_how[:40]}")
        return _Reading(
            passed=f"{label} {shown!r}: a province named in passing, the report's own level unstated"
        )
    if len(cands) == 1 and (decided or not weak):
        return _Reading(final=_issuer_answer(cands[0], decided, conf, township, steps, label, text))
    failure = _issuer_failure(index, cands, label, text, shown)
    # A name met in passing (a short name, the opening sentence) must not block a clearer
    # string later on; an ambiguous issuer name does.
    if weak or label == "opening sentence":
        return _Reading(weak=failure)
    return _Reading(final=failure)


def _issuer_answer(
    d: Division, decided: bool, conf: float, township: bool, steps: list[str], label: str, text: str
) -> Resolution:
    """The issuer's division; when no clue decided, it is the only division (or town) of its name."""
    if not decided:
        conf = 0.95 if not township else 0.8
        steps.append(f"-> {d.code} {d.name}, the only {'town' if township else 'division'} of that name")
    return Resolution(_region(d, conf, "; ".join(steps)), "", label, text, township)


def _issuer_failure(
    index: RegionIndex, cands: list[Division], label: str, text: str, shown: str
) -> Resolution:
    """Why an issuer string gives no region: one unconfirmed weak match, or several namesakes."""
    if len(cands) == 1:
        return Resolution(
            None,
            f"{label} {shown!r} -> {_label(index, cands[0])} only through a short or township name, "
            "with no parent, site code or body clue to confirm it",
            label,
            text,
        )
    listed = ", ".join(_label(index, c) for c in cands[:8])
    more = f" (+{len(cands) - 8} more)" if len(cands) > 8 else ""
    return Resolution(None, f"ambiguous: {shown} -> {listed}{more}", label, text)


def _from_body(
    index: RegionIndex, sig: Signals, clues: _Clues, pending: Resolution | None, passed: list[str]
) -> tuple[Resolution | None, Resolution | None]:
    """The body's region (noting a passing name it overrode), else None and the failure so far."""
    breakers = [
        (d, n)
        for d, n in ((clues.site_div, clues.site_note), (clues.host_div, clues.host_note))
        if d is not None
    ]
    body_res, body_why = _body_region(index, sig, clues.body_sq, breakers)
    if body_res is not None and body_res.region is not None:
        if pending is not None:
            body_res.region.evidence += f"; passing name ignored: {pending.reason[:60]}"
        return body_res, pending
    if body_why and pending is None:
        pending = Resolution(None, body_why + (f" ({passed[0]})" if passed else ""))
    elif pending is None and passed:
        pending = Resolution(None, f"no region at the report's own level: {passed[0]}")
    return None, pending


def _site_owner(index: RegionIndex, sig: Signals, clues: _Clues) -> tuple[Division | None, str]:
    """The site's owner: the 网站标识码's division, else the deepest of one chain the owner lines name."""
    if clues.site_div is not None:
        return clues.site_div, clues.site_note
    owners: list[tuple[Division, str]] = []
    for label, text in sig.context_texts:
        found = _principal(index, text)
        if found and not found[2]:
            cands = _in_year(index, found[0], clues.year)[0]
            if len(cands) == 1:
                owners.append((cands[0], f"{label} {squash(text)[:30]!r}"))
    if owners:
        deepest, where = max(owners, key=lambda o: o[0].rank)
        if all(deepest.within(o.code) for o, _ in owners):
            return deepest, f"site owner named in {where}"
    return None, clues.site_note


def _owner_resolution(owner: Division, how: str, word: str | None, pending: Resolution | None) -> Resolution:
    """The site owner as the region, unless the report's own level word says it is not the author."""
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


_Step = tuple[list[Division], str, float]  # (kept candidates, the note for the evidence, confidence)


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
    host_div: Division | None = None,
    host_note: str = "",
) -> tuple[list[Division], bool, float]:
    """Narrow candidates with the owner strings, the site code, the body's parents and the level word.

    Returns (candidates, decided by a clue, confidence). With `need_support` a single candidate (found
    through a short or township name) must also be confirmed by one of the clues.
    """
    clues: list[Callable[[list[Division]], _Step]] = [
        lambda cs: _by_context(cs, ctx),
        lambda cs: _by_within(cs, site_div, site_note, 0.9),
        lambda cs: _by_body(index, cs, body_sq),
        lambda cs: _by_word(cs, word),
        # Last: the host only settles what the text leaves open, or confirms a weak name.
        lambda cs: _by_within(cs, host_div, host_note, 0.75),
    ]
    for step in clues:
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


def _by_context(cs: list[Division], ctx: list[tuple[tuple[str, ...], str]]) -> _Step:
    """The first owner string that narrows the candidates (or confirms a single one) decides."""
    for codes, where in ctx:
        kept = [c for c in cs if any(c.within(code) for code in codes)]
        if (kept and len(kept) < len(cs)) or (len(cs) == 1 and kept):
            return kept, f"{where} -> {', '.join(c.code for c in kept)}", 0.9
    return [], "", 0.0


def _by_within(cs: list[Division], div: Division | None, note: str, conf: float) -> _Step:
    """Candidates on the same branch as a division known otherwise (the site code's, the host's)."""
    if div is None:
        return [], "", 0.0
    kept = [c for c in cs if c.within(div.code) or div.within(c.code)]
    return kept, f"{note} -> {', '.join(c.code for c in kept)}", conf


def _by_body(index: RegionIndex, cs: list[Division], body_sq: str) -> _Step:
    """The candidates whose parents the body names most, unless a rival comes close (over half)."""
    scores = {c.code: _parent_score(index, c, body_sq) for c in cs}
    best = max(scores.values())
    if best[0] <= 0:
        return [], "", 0.0
    if any(s[0] > 0 and s[0] * 2 > best[0] and s != best for s in scores.values()):
        return [], "", 0.0
    kept = [c for c in cs if scores[c.code] == best]
    return kept, f"body names the parent {best[1]} -> {', '.join(c.code for c in kept)}", 0.8


def _by_word(cs: list[Division], word: str | None) -> _Step:
    """Among namesakes, those whose kind fits the word the report calls itself by (我区 -> a 区)."""
    if not word or len(cs) == 1:
        return [], "", 0.0
    kept = [c for c in cs if _fits_word(c, word)]
    return kept, f"report calls itself 我{word}/全{word} -> {', '.join(c.code for c in kept)}", 0.7


def _parent_score(index: RegionIndex, d: Division, body_sq: str) -> tuple[int, str]:
    score, seen = 0, []
    for level, name in index.ancestor_names(d):
        n = body_sq.count(name)
        if n:
            weight = 1 if level == "province" else 2
            score += weight * n
            seen.append(f"{name!r} x{n}")
    return score, ", ".join(seen)


# ------------------------------------------------------------------ the body as the last witness
#
# Many reports carry no title naming their issuer: the page opens "2022年,我县坚持…". A careful
# reader then takes the level from how the report speaks of itself (我县, 全市, 县人民政府坚持…,
# 市市场监管局 for a department) and the place from the names in the opening: plain names, brand
# phrases (法治武汉, 模范兴国, 考察绍兴) and, only as a last resort, the authors of cited documents
# (《武汉市法治政府建设实施方案》). Names standing in a superior's place (the addressee line
# "中共湖北省委、湖北省人民政府:", "在XX市委、市政府的领导下") bound the author from above; they are
# the author's own region only for a department, whose government they are.

_BODY_HEAD = 1500
_UNDER_PARENT = re.compile(r"在[^,，。;；]{0,40}?(?:领导|指导|监督|支持|关心|部署|帮助)下")
_LEVEL_WORDS = ("省", "市", "区", "县", "旗", "州", "盟", "镇", "乡", "街道")
_SPEAKS = re.compile(r"(?:我|全|本)(省|市|区|县|旗|州|盟|镇|乡|街道)(?!委|政府|人民政府|人大|政协|级)")
_DEPT_SELF = re.compile(r"(?:我|本)(?:局|委|厅|办)(?![\u4e00-\u9fff]{0,1}(?:员会)?领导)")
_DEPT_SUBJECT = re.compile(
    r"(?:^|[,，。:：;；、]|现将|年|以来)(省|市|区|县|州|旗)(?!委|政府|人民政府|人大|政协|级|场|属|直)"
    r"([\u4e00-\u9fff]{1,12}?(?:局|委员会|委|办公室|厅))"
    r"(?=坚持|认真|在|始终|全面|深入|紧紧|按照|以|围绕|把|严格|积极|扎实|法治|依法|关于|\d|\|)"
)
_SUBJECT_VERB = (
    r"(?=坚持|认真|始终|全面|深入|紧紧|高度|切实|扎实|着力|持续|不断|积极|严格|围绕|以|在|把|按照|紧扣|"
    r"牢固|聚焦|立足|贯彻|\|)"
)
_GOV_SUBJECT = re.compile(
    r"(?:^|[,，。:：;；|、]|现将|年|以来)([\u4e00-\u9fff]{0,10}?)(省|市|区|县|州|旗|盟|镇|乡|街道)"
    r"(?:人民政府|政府|办事处)?(?!办|法制办)" + _SUBJECT_VERB
)
_DEPT_NAME = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:局|委员会|厅)(?!长)")
_ADDRESSEE = re.compile(r"^[^。，,；;!！?？]{2,40}[:：]$")
_BRAND = re.compile(
    r"(?:法治|模范|美丽|平安|幸福|数字|智慧|魅力|活力|健康|文明|考察|建设)([\u4e00-\u9fff]{2,6})"
)


@dataclass
class _Vote:
    cands: tuple[Division, ...]
    text: str
    kind: str  # name | brand | superior | cited


def _subject(index: RegionIndex | None, opening: str) -> re.Match[str] | None:
    """The first government-as-subject in `opening` whose name, if any, is a division name."""
    for g in _GOV_SUBJECT.finditer(opening):
        name = g.group(1) + g.group(2)
        if not g.group(1) or g.group(1) in ("全", "我"):
            return g
        if index is not None and (
            name in index.names or name in index.town_names or g.group(1) in index.shorts
        ):
            return g
    return None


def _speaker(body: str, body_sq: str, index: RegionIndex | None = None) -> tuple[str | None, str, bool]:
    """(level word, how it was found, the author is a department) from how the report speaks.

    Strongest first: a department as the subject ("市市场监管局在…", "省林草局认真…"), 我X, a
    government as the subject ("白云区政府坚持", "县人民政府坚持"), then 全X/本X said at least twice
    ("全市考评第一" alone may be a district ranked in its city).
    """
    head = body_sq[:_BODY_HEAD]
    addressee = _addressee(body)
    if addressee and head.startswith(addressee):
        head = head[len(addressee) :]
    opening = _UNDER_PARENT.sub("|", strip_book_titles(head[:600]))
    dept = bool(_DEPT_SELF.search(head))
    m = _DEPT_SUBJECT.search(opening[:400])
    if m:
        return m.group(1), f"the author is {m.group(1)}{m.group(2)}", True
    counts = Counter(m.group(1) for m in _SPEAKS.finditer(body_sq[:20000]))
    own = Counter(m.group(1) for m in re.finditer(r"我(省|市|区|县|旗|州|盟|镇|乡|街道)", head))
    g = _subject(index, opening)
    first = re.split(r"[。]", opening, maxsplit=1)[0]
    if g and g.start() < len(first) and not g.group(1).startswith(("全", "我")):
        # The first sentence's subject: "鹤岗市人民政府坚持…", "县委、县政府坚持…", "控江路街道坚持…"
        return g.group(2), f"report speaks as {g.group(0).lstrip(',，。:：;；|、')!r}", dept
    if own:
        word = own.most_common(1)[0][0]
        return word, f"report speaks as 我{word} (x{own[word]})", dept
    if g:
        return g.group(2), f"report speaks as {g.group(0).lstrip(',，。:：;；|、')!r}", dept
    r = re.search(r"现将(省|市|区|县|州|旗)(?:人民)?政府", opening)
    if r:
        return r.group(1), f"report speaks as {r.group(0)!r}", dept
    if counts:
        word, n = counts.most_common(1)[0]
        if n >= 2:
            return word, f"report speaks as 全{word}/本{word} (x{n})", dept
    return None, "", dept


def _fits_level(d: Division, word: str, body_sq: str) -> bool:
    if word in ("镇", "乡", "街道"):
        return d.level == "township" and (word != "街道" or d.name.endswith(("街道", "办事处")))
    if d.level == "township":
        return False
    if word == "区" and d.division_type == "自治区":
        return body_sq.count("自治区") >= 2
    if word == "区" and d.level == "development_zone":
        return True
    if word == "省":
        return d.level == "province" and d.division_type != "直辖市"
    return d.name.endswith(word) or (word == "州" and d.division_type == "自治州")


def _addressee(body: str) -> str:
    for ln in [squash(x) for x in body.splitlines() if x.strip()][:3]:
        if _ADDRESSEE.match(ln):
            return ln
    return ""


def _valid(index: RegionIndex, cands: tuple[Division, ...], year: int | None) -> tuple[Division, ...]:
    return tuple(_in_year(index, list(cands), year)[0])


def _votes(index: RegionIndex, body: str, body_sq: str, year: int | None) -> list[_Vote]:
    """Every division the opening names, with the part it plays there."""
    votes: list[_Vote] = []
    head = body_sq[:_BODY_HEAD]
    addressee = _addressee(body)
    if addressee and head.startswith(addressee):
        head = head[len(addressee) :]
        for m in index.find_names(addressee, towns=True):
            votes.append(_Vote(_valid(index, m.candidates, year), m.text, "superior"))
    for m in re.finditer(r"《([^《》]{0,80})》", head):
        title = m.group(1)
        for n in index.find_names(title, towns=True):
            # "《上城区人力社保局行政合法性审查事项目录清单》": a department's own document names it.
            kind = "dept" if _DEPT_NAME.match(title[n.end :]) else "cited"
            votes.append(_Vote(_valid(index, n.candidates, year), n.text, kind))
    rest = strip_book_titles(head)
    for m in _UNDER_PARENT.finditer(rest):
        for n in index.find_names(m.group(0), towns=True):
            votes.append(_Vote(_valid(index, n.candidates, year), n.text, "superior"))
    rest = _UNDER_PARENT.sub("|", rest)
    for m in _BRAND.finditer(rest):
        tail = m.group(1)
        for length in range(len(tail), 1, -1):
            sub = tail[:length]
            found = index.names.get(sub) or index.shorts.get(sub)
            if found:
                votes.append(_Vote(_valid(index, tuple(found), year), sub, "brand"))
                rest = rest[: m.start(1)] + "|" * length + rest[m.start(1) + length :]
                break
    masked = list(rest)
    for m in index.find_names(rest, towns=True):
        votes.append(_Vote(_valid(index, m.candidates, year), m.text, "name"))
        masked[m.start : m.end] = "|" * (m.end - m.start)
    # A province's short name (广东, 四川, 内蒙古) is no everyday word: it counts undelimited.
    masked_text = "".join(masked)
    for short, divs in index.shorts.items():
        if divs[0].level == "province" and short in masked_text:
            provs = tuple(d for d in divs if d.level == "province")
            for _ in range(masked_text.count(short)):
                votes.append(_Vote(_valid(index, provs, year), short, "name"))
    return [v for v in votes if v.cands and v.text not in _LEVEL_WORDS]


def _chain_end(votes: list[_Vote]) -> str | None:
    """The code of the deepest division when every named division is it or one of its ancestors."""
    divs = {c.code: c for v in votes for c in v.cands}
    if not divs or any(len({c.code for c in v.cands}) > 1 for v in votes):
        return None
    deepest = max(divs.values(), key=lambda d: d.rank)
    return deepest.code if all(deepest.within(code) for code in divs) else None


_TOWN_WORDS = ("镇", "乡", "街道")
_KIND_WORDS = {
    "dept": "department names",
    "name": "names",
    "brand": "brand phrase",
    "cited": "cited document titles",
    "superior": "its government named as superior",
}


def _body_region(
    index: RegionIndex,
    sig: Signals,
    body_sq: str,
    tie_breakers: list[tuple[Division, str]],
) -> tuple[Resolution | None, str]:
    """The region the opening names at the level the report speaks from, or (None, why not)."""
    word, how, dept = _speaker(sig.body, body_sq, index)
    votes = _votes(index, sig.body, body_sq, sig.year)
    if word in _TOWN_WORDS and not any(c.level == "township" for v in votes for c in v.cands):
        votes.extend(_town_votes(index, body_sq, sig.year))
    if word == "省" and not any(c.level == "province" for v in votes for c in v.cands):
        votes.extend(_province_short_votes(index, body_sq, sig.year))
    if not votes:
        return None, ""
    opening = _Opening(index, body_sq, votes, word, how, dept, tie_breakers)
    tried: list[str] = []
    for kinds in _pick_order(dept, word):
        res, why = opening.pick(kinds)
        if res is not None:
            return res, ""
        if why:
            tried.append(why)
    return None, _no_body_region(votes, word, how, tried)


# A province's one-character name in the set phrases a provincial report uses of itself: a visit to it
# ("习近平总书记来陕考察重要讲话") and its own document numbers ("苏依法办〔2019〕5号", "浙政发〔2021〕3号").
_PROVINCE_SHORT = {
    "京": "110000", "津": "120000", "冀": "130000", "晋": "140000", "蒙": "150000", "辽": "210000",
    "吉": "220000", "黑": "230000", "沪": "310000", "苏": "320000", "浙": "330000", "皖": "340000",
    "闽": "350000", "赣": "360000", "鲁": "370000", "豫": "410000", "鄂": "420000", "湘": "430000",
    "粤": "440000", "桂": "450000", "琼": "460000", "渝": "500000", "川": "510000", "黔": "520000",
    "滇": "530000", "藏": "540000", "陕": "610000", "甘": "620000", "青": "630000", "宁": "640000",
    "新": "650000",
}  # fmt: skip
_SHORTS = "".join(_PROVINCE_SHORT)
_PROVINCE_SHORT_RE = re.compile(
    rf"(?:来|到|在)(?P<visit>[{_SHORTS}])(?:考察|视察)(?:调研)?"
    rf"|(?<![\u4e00-\u9fa5])(?P<doc>[{_SHORTS}])(?:政发|政办发|政办函|依法办|法治办|依法治省办)〔"
)


def _province_short_votes(index: RegionIndex, body_sq: str, year: int | None) -> list[_Vote]:
    """The province a report that speaks as 省 names only by its one-character name, once it names one
    province so and no other."""
    found = {m.group("visit") or m.group("doc") for m in _PROVINCE_SHORT_RE.finditer(body_sq[:20000])}
    if len(found) != 1:
        return []
    short = found.pop()
    div = index.get(_PROVINCE_SHORT[short], year)
    return [_Vote((div,), short, "name")] if div is not None else []


def _town_votes(index: RegionIndex, body_sq: str, year: int | None) -> list[_Vote]:
    """Townships named past the opening, for a report that speaks as a town but opens naming none.

    A town names itself anywhere in its report ("在下太镇落地生根"), its county often once.
    """
    votes = []
    rest = strip_book_titles(body_sq[_BODY_HEAD:20000])
    for m in index.find_names(rest, towns=True):
        if all(c.level == "township" for c in m.candidates) and m.text not in _LEVEL_WORDS:
            votes.append(_Vote(_valid(index, m.candidates, year), m.text, "name"))
    return votes


def _pick_order(dept: bool, word: str | None) -> list[tuple[str, ...]]:
    """The kinds of votes to try, in turn.

    Names and brands first; the superior only for a department (whose government it is); cited
    titles only when the report's own level is known.
    """
    order: list[tuple[str, ...]] = [("name", "brand", "dept") if dept else ("name", "brand")]
    if dept:
        order.append(("superior",))
    if word is not None:
        order.append(("cited", "dept"))
    return order


def _no_body_region(votes: list[_Vote], word: str | None, how: str, tried: list[str]) -> str:
    """Why the body gives no region: the first ambiguity met, else what the opening did name."""
    named = sorted({v.text for v in votes if v.kind != "superior"})
    if tried:
        return tried[0]
    if word is not None:
        return f"{how}, but the opening names no division at that level" + (
            f" (only {'/'.join(named[:5])})" if named else ""
        )
    if named:
        return f"the report does not say its own level; the opening names {'/'.join(named[:5])}"
    return ""


@dataclass
class _Opening:
    """The votes of a report's opening and how the report speaks, shared by every pick from them."""

    index: RegionIndex
    body_sq: str
    votes: list[_Vote]
    word: str | None  # the level the report speaks from (我县 -> 县), if stated
    how: str
    dept: bool  # the author is a department
    tie_breakers: list[tuple[Division, str]]
    bounds: list[Division] = field(init=False)  # superiors named unambiguously: the author is inside
    chain_end: str | None = field(init=False)

    def __post_init__(self) -> None:
        superiors = [v for v in self.votes if v.kind == "superior"]
        self.bounds = [v.cands[0] for v in superiors if len(v.cands) == 1]
        self.chain_end = _chain_end([v for v in self.votes if v.kind in ("name", "brand")])

    def support(self, d: Division) -> tuple[int, list[str]]:
        """How many votes name an ancestor of `d`, and their texts."""
        seen = []
        n = 0
        for v in self.votes:
            if any(c.code != d.code and d.within(c.code) for c in v.cands):
                n += 1
                seen.append(v.text)
        return n, seen

    def fits(self, d: Division) -> bool:
        """Whether `d` may be the author at the level the report speaks from."""
        if self.word is not None:
            return _fits_level(d, self.word, self.body_sq)
        # Not knowing the author's level, never answer above the lowest government level; a
        # department (我局) whose opening names one chain of divisions belongs to its deepest.
        if d.level in ("county", "development_zone"):
            return True
        return self.dept and d.level == "prefecture" and d.code == self.chain_end

    def pick(self, kinds: tuple[str, ...]) -> tuple[Resolution | None, str]:
        """The one division the votes of `kinds` name at the report's level, or (None, why not)."""
        pool = [v for v in self.votes if v.kind in kinds]
        own, divs = self._fitting(pool)
        if not own:
            return None, ""
        cands = self._bounded(list(divs.values()))
        scored = {c.code: (own[c.code], self.support(c)[0]) for c in cands}
        top, rivals, note = self._leaders(cands, scored)
        if len(top) != 1 or rivals:
            listed = ", ".join(_label(self.index, c) for c in (top + rivals)[:6])
            return None, f"the opening names several divisions at the report's level: {listed}"
        return self._resolution(top[0], kinds, pool, own, note), ""

    def _fitting(self, pool: list[_Vote]) -> tuple[Counter[str], dict[str, Division]]:
        """(votes per code, the division of each code) for the candidates that fit the level."""
        own: Counter[str] = Counter()
        divs: dict[str, Division] = {}
        for v in pool:
            for c in {c.code: c for c in v.cands}.values():
                if self.fits(c):
                    own[c.code] += 1
                    divs[c.code] = c
        return own, divs

    def _bounded(self, cands: list[Division]) -> list[Division]:
        """The candidates inside every superior that leaves some.

        The author lies inside the addressee / the superior named "在…领导下"; a government lies
        strictly below it, a department may be its own government's.
        """
        for b in self.bounds:
            kept = [c for c in cands if c.within(b.code) and (self.dept or c.code != b.code)]
            if kept:
                cands = kept
        return cands

    def _leaders(
        self, cands: list[Division], scored: dict[str, tuple[int, int]]
    ) -> tuple[list[Division], list[Division], str]:
        """(best scored, rivals as often named with named ancestors, tie-break note).

        A name met once beside another named as often is no answer; ancestors named elsewhere
        (河东区 + 天津) decide between namesakes, then the site code or host if they single one out.
        """
        best = max(scores for scores in scored.values())
        top = [c for c in cands if scored[c.code] == best]
        rivals = [c for c in cands if c not in top and scored[c.code][0] >= best[0] and scored[c.code][1] > 0]
        note = ""
        if len(top) > 1 or rivals:
            for div, where in self.tie_breakers:
                kept = [c for c in top + rivals if c.within(div.code) or div.within(c.code)]
                if len(kept) == 1:
                    top, rivals, note = kept, [], f"; tie broken by {where}"
                    break
        return top, rivals, note

    def _resolution(
        self, d: Division, kinds: tuple[str, ...], pool: list[_Vote], own: Counter[str], note: str
    ) -> Resolution:
        """The body's answer `d`, with evidence naming the votes, parents and level that chose it."""
        sup = self.support(d)[1]
        shown = sorted({v.text for v in pool if any(c.code == d.code for c in v.cands)})
        what = "/".join(_KIND_WORDS[k] for k in kinds)
        level = f"{self.how}" if self.word else "report does not name its own level"
        ev = (
            f"body {what} {'/'.join(shown)!r} x{own[d.code]}"
            + (f" with parents {'/'.join(sorted(set(sup)))!r}" if sup else "")
            + f"; {level} -> {d.code} {d.name}{note}"
        )
        conf = 0.7 if kinds[:2] == ("name", "brand") and (sup or own[d.code] >= 2) else 0.6
        return Resolution(_region(d, conf, ev), "", "body", None, d.level == "township")
