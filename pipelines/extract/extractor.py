"""extract_mentions: every stated value of a catalog indicator in one report, with its evidence.

Steps: normalise to half-width (same length, so offsets hold), segment, scan numbers-with-counters,
drop those in brackets/titles/plan sections/multi-year tallies, match each to the catalog rules,
read scope and period from its sentence, then add the values a report states without a numeral:
a zero by negation (未有…败诉 -> 0), a derived figure ("1件正在办理,其他已办结" -> received - 1;
"已经全部报送备案" -> filed = reviewed), and changes (同比下降28.3%) as change_pct of the indicator
their clause names. A repeated (code, value, scope) is kept once: reports restate a figure in a later
section. Plausibility problems are flagged, never dropped.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipelines.extract.catalog import Catalog, load_catalog
from pipelines.extract.context import LATER_BATCH_RE, OWN_BUREAU_RE, PART_OF_YEAR, find_scope, period_markers
from pipelines.extract.matcher import QuantityContext, match_quantity
from pipelines.extract.numbers import Quantity, scan_quantities
from pipelines.extract.qualifiers import CHANGE_RE, DOWN, is_change, is_list_move, is_target
from pipelines.extract.rules import RULES, Rule
from pipelines.extract.segment import Segmentation, Span, segment
from pipelines.records import Document, Mention
from pipelines.text.normalize import TextView, reading_view
from pipelines.text.numerals import to_halfwidth
from pipelines.text.offsets import page_of
from pipelines.text.period import MULTI_YEAR, UNKNOWN, months

_PARAGRAPH_BACK = 300
_PAD = " \u00a0"

_COMPARATOR_ONLY_RE = re.compile(
    r"^(?:同比|环比|与(?:去年|上年|上一年)(?:同期)?相比|较(?:去年|上年|上一年)(?:同期)?|比(?:去年|上年|上一年)(?:同期)?)$"
)
_TIME_WORDS_RE = re.compile(r"^(?:全年|年内|今年|今年以来|上半年|同期|其中|并|且|分别)*")
_NEGATION_LOST_RE = re.compile(
    r"(?:未有|没有|无一|均未|未|无)(?:出现|发生)?[^,，;；。\d率]{0,12}?败诉(?!率)|(?:办案|行政诉讼|诉讼|应诉)零败诉"
)
# "未收到政府信息公开申请" states a zero only when the request noun closes the clause: "未收到…申请的情况"
# too, but never "未收到行政复议申请被…" or "未收到…申请前" (the noun then heads something else).
_CLAUSE_CLOSES = r"(?:的情况)?(?=[,，;；。\n]|$)"
_NEGATION_ZERO_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("litigation_cases_lost", _NEGATION_LOST_RE),
    (
        "info_disclosure_requests",
        re.compile(
            rf"(?:未|没有)(?:收到|接到|受理)(?:任何)?(?:政府信息公开申请|依申请公开(?:政府信息)?(?:申请)?){_CLAUSE_CLOSES}"
        ),
    ),
    (
        "recon_applications_received",
        re.compile(rf"(?:未|没有)(?:收到|接到)(?:任何)?行政复议申请{_CLAUSE_CLOSES}"),
    ),
    # "无行政诉讼案件", "未发生行政诉讼案件": no case at all (not "无行政诉讼败诉", a zero of losses)
    (
        "litigation_cases",
        re.compile(rf"(?:无|没有|未发生|未有)(?:发生)?(?:任何)?行政诉讼(?:案件)?{_CLAUSE_CLOSES}"),
    ),
)
_OTHERS_CONCLUDED_RE = re.compile(r"其[他余](?:案件)?(?:均)?(?:已|已经|全部)?(?:办结|审结|结案)")
_ALL_FILED_RE = re.compile(r"(?:已经?|均已|全部)(?:全部|均)?(?:报送|报)?备案")


@dataclass
class _Doc:
    text: str
    seg: Segmentation
    doc: Document
    allowed: frozenset[str]
    catalog: Catalog
    markers: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    scopes: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    last_whole: dict[str, Mention] = field(default_factory=dict)  # code -> latest whole-region figure
    indexed: int = 0  # how many of the mentions last_whole has seen

    @property
    def own(self) -> tuple[str, ...]:
        """Names of the reporting unit (its region, its issuer): never a sub-unit of itself."""
        names = (self.doc.region.name if self.doc.region else None, self.doc.issuer)
        return tuple(n for n in names if n)

    def scope(self, prefix: str) -> tuple[str, str | None]:
        """find_scope of a sentence prefix, once per prefix of this body."""
        found = self.scopes.get(prefix)
        if found is None:
            found = self.scopes[prefix] = find_scope(prefix, self.own, self.department_report)
        return found

    @functools.cached_property
    def department_report(self) -> bool:
        """A department's own report: so its issuer says, or, the issuer unknown, its body speaks as
        the bureau (我局, 本局) - a government report names itself 我市 / 我区 / 我县."""
        if self.doc.issuer_kind is not None:
            return self.doc.issuer_kind == "department"
        return bool(OWN_BUREAU_RE.search(self.text))


def _clause_quantities(quantities: list[Quantity], seg: Segmentation) -> dict[int, list[Quantity]]:
    by_clause: dict[int, list[Quantity]] = {}
    for q in quantities:
        by_clause.setdefault(seg.clause_index(q.start), []).append(q)
    return by_clause


def _context(d: _Doc, q: Quantity, clause: Span, prev_end: int, next_start: int) -> QuantityContext:
    text, seg = d.text, d.seg
    sent = seg.sentences[seg.sentence_index(q.start)]
    par = seg.paragraphs[seg.paragraph_index(q.start)]
    # Spaces set around a figure ("网上可办率 94.3%") are layout, not words: the trigger still ends the left.
    return QuantityContext(
        left=text[max(clause.start, prev_end) : q.start].rstrip(_PAD),
        right=text[q.end : min(clause.end, next_start)].lstrip(_PAD),
        clause=text[clause.start : clause.end],
        sentence_before=text[sent.start : q.start],
        paragraph_before=text[max(par.start, q.start - _PARAGRAPH_BACK) : q.start],
        sentence_after=text[q.end : sent.end],
    )


# "代表建议、提案分别为592件、759件": a list of names, 分别, then as many numbers in the same order.
_RESPECTIVELY_RE = re.compile(r"(?P<names>[^,，;；:：。\d]{2,40}?)分别(?:为|是|有|达到|达|共)?$")
_LIST_SEP_RE = re.compile(r"^\s*[、和及与]\s*$")
_NAME_SEP_RE = re.compile(r"[、和及与]")


def _respectively(
    d: _Doc, clause: Span, qs: list[Quantity], i: int, ctx: QuantityContext, rules: tuple[Rule, ...]
) -> QuantityContext:
    """The context of the k-th number of a 分别 list, with its own name as the text before it: each
    number of "A、B分别为X件、Y件" is read as "A X件" and "B Y件" - when every name is an indicator's.
    Names that are not ("济南、临沂…受理案件数分别为…": places sharing one noun) leave the list as it was."""
    text = d.text
    first = i
    while first and _LIST_SEP_RE.match(text[qs[first - 1].end : qs[first].start]):
        first -= 1
    last = i
    while last + 1 < len(qs) and _LIST_SEP_RE.match(text[qs[last].end : qs[last + 1].start]):
        last += 1
    if first == last:
        return ctx
    start = qs[first - 1].end if first else clause.start
    m = _RESPECTIVELY_RE.search(text[start : qs[first].start].rstrip(_PAD))
    if not m:
        return ctx
    names = _NAME_SEP_RE.split(m.group("names"))
    if len(names) != last - first + 1 or not all(names):
        return ctx
    lead = text[start : start + m.start("names")]
    heads = [lead + names[0], *names[1:]]
    for k, head in enumerate(heads):
        if not match_quantity(qs[first + k], dataclasses.replace(ctx, left=head), d.allowed, rules):
            return ctx
    return dataclasses.replace(ctx, left=heads[i - first])


def _period(d: _Doc, pos: int) -> str:
    """Period of a value at pos: the last marker before it in its sentence, else the last one earlier
    in its paragraph, else the document's period. Markers inside brackets and titles are not read."""
    seg = d.seg
    pi = seg.paragraph_index(pos)
    markers = d.markers.get(pi)
    if markers is None:
        par = seg.paragraphs[pi]
        found = period_markers(d.text[par.start : par.end], d.doc.report_year)
        # A marker inside a title or an aside (《…规划(2021—2025年)》) dates that, not the figures.
        markers = d.markers[pi] = [
            (par.start + e, v) for e, v in found if not seg.is_protected(par.start + e - 1, par.start + e)
        ]
    sent_start = seg.sentences[seg.sentence_index(pos)].start
    in_sentence = in_paragraph = None
    for end, value in markers:
        if end > pos:
            break
        if end > sent_start:
            in_sentence = value
        else:
            in_paragraph = value
    return in_sentence or in_paragraph or d.doc.period or UNKNOWN


def _flags(code: str, value: float, measure: str, catalog: Catalog) -> list[str]:
    flags: list[str] = []
    unit = catalog[code].unit if code in catalog else ""
    if measure == "rate" and value > 100:
        flags.append("rate_above_100")
    if measure in ("count", "amount") and value < 0:
        flags.append("negative_value")
    if measure == "count" and unit != "yuan" and value != int(value):
        flags.append("fractional_count")
    if measure == "count" and value > 10_000_000:
        flags.append("implausibly_large")
    return flags


def _mention(
    d: _Doc,
    code: str,
    value: float,
    measure: str,
    start: int,
    end: int,
    approx: str | None,
    scope: tuple[str, str | None],
    period: str,
    extra_flags: Iterable[str] = (),
) -> Mention:
    seg = d.seg
    sent = seg.sentences[seg.sentence_index(start)]
    unit = d.catalog[code].unit if measure != "change_pct" else "percent"
    return Mention(
        mention_id=Mention.make_id(d.doc.document_id, code, start),
        document_id=d.doc.document_id,
        indicator_code=code,
        value=float(value),
        value_text=d.doc.body_text[start:end],
        unit=unit,
        approx=approx,
        measure=measure,  # type: ignore[arg-type]
        scope=scope[0],  # type: ignore[arg-type]
        scope_text=scope[1],
        period=period,
        evidence=d.doc.body_text[sent.start : sent.end].strip(),
        start=start,
        end=end,
        sentence_start=sent.start,
        sentence_end=sent.end,
        flags=[*_flags(code, value, measure, d.catalog), *extra_flags],
        source_page=page_of(d.doc.page_starts, start),
    )


_RULES_BY_CODES: dict[frozenset[str], tuple[Rule, ...]] = {}


def _rules_for(catalog: Catalog) -> tuple[Rule, ...]:
    """The rules whose codes are all in catalog (one tuple per distinct catalog, reused)."""
    codes = catalog.codes
    if codes not in _RULES_BY_CODES:
        _RULES_BY_CODES[codes] = tuple(r for r in RULES if all(c in codes for c in r.codes))
    return _RULES_BY_CODES[codes]


def _change_subject_codes(d: _Doc, left: str, q: Quantity, rules: tuple[Rule, ...]) -> tuple[str, ...] | None:
    """Which indicator a change names in its own clause ("信访总量同比下降28.3%"), or None."""
    m = CHANGE_RE.search(left)
    assert m is not None
    subject = left[: m.start()]
    seg = d.seg
    sent = seg.sentences[seg.sentence_index(q.start)]
    par = seg.paragraphs[seg.paragraph_index(q.start)]
    ctx = QuantityContext(
        left=subject, right="", clause=left, sentence_before=d.text[sent.start : q.start - len(left) + len(subject)],
        paragraph_before=d.text[max(par.start, q.start - _PARAGRAPH_BACK) : q.start],
    )  # fmt: skip
    hits = match_quantity(None, ctx, d.allowed, rules)
    hits = [h for h in hits if h.rule.kind == "count" and h.distance <= len(subject)]
    return hits[0].codes if hits else None


@dataclass(frozen=True)
class Prepared:
    """A body made ready for reading once: its simplified view (same positions as the view's origin
    map says), half-width text, segmentation and every number-with-counter in it. Mentions and the
    list of all figures (extract/quantities) both read from it."""

    view: TextView
    text: str  # half-width view text: offsets are the view's
    seg: Segmentation
    scanned: tuple[Quantity, ...]
    # period markers of each paragraph (paragraph index -> (end, period)) and the scope of each sentence
    # prefix, worked out once for both passes over this body (mentions, then every figure)
    markers: dict[int, list[tuple[int, str]]] = field(default_factory=dict, compare=False)
    scopes: dict[str, tuple[str, str | None]] = field(default_factory=dict, compare=False)

    @functools.cached_property
    def figures(self) -> tuple[Quantity, ...]:
        """The numbers that can be the report's figures: none inside brackets and titles, none in the
        plan section. Mentions, readings and the list of figures all read these."""
        seg = self.seg
        return tuple(
            q for q in self.scanned if not seg.is_protected(q.start, q.end) and not seg.in_plan(q.start)
        )


def prepare(doc: Document) -> Prepared:
    view = reading_view(doc.body_text)
    text = to_halfwidth(view.text)
    return Prepared(view, text, segment(text, doc.report_year), tuple(scan_quantities(text)))


def extract_mentions(
    doc: Document, catalog: Catalog | None = None, prepared: Prepared | None = None
) -> list[Mention]:
    """Every stated value of a catalog indicator in doc.body_text; [] for a non-report.

    A body in traditional characters is read through its simplified view; offsets, value texts and
    evidence are then mapped back, so they point into the body as stored.
    """
    if not doc.is_report or not doc.body_text:
        return []
    prep = prepared or prepare(doc)
    if prep.view.text == doc.body_text and prep.view.origin is None:
        return _extract(doc, catalog, prep)
    found = _extract(dataclasses.replace(doc, body_text=prep.view.text), catalog, prep)
    return [_to_original(m, prep.view, doc.body_text) for m in found]


def _to_original(m: Mention, view: TextView, body: str) -> Mention:
    start, end = view.start(m.start), view.end(m.end)
    s_start, s_end = view.start(m.sentence_start), view.end(m.sentence_end)
    return dataclasses.replace(
        m,
        mention_id=Mention.make_id(m.document_id, m.indicator_code, start),
        value_text=body[start:end],
        evidence=body[s_start:s_end].strip(),
        start=start,
        end=end,
        sentence_start=s_start,
        sentence_end=s_end,
    )


def _extract(doc: Document, catalog: Catalog | None, prep: Prepared) -> list[Mention]:
    catalog = catalog or load_catalog()
    rules = _rules_for(catalog)
    text, seg = prep.text, prep.seg
    d = _Doc(text, seg, doc, catalog.codes, catalog, prep.markers, prep.scopes)
    quantities = list(prep.figures)
    mentions: list[Mention] = []
    last_in_clause: dict[int, Mention] = {}  # clause index -> last level mention (for changes)
    by_clause = _clause_quantities(quantities, seg)
    for ci in sorted(by_clause):
        clause = seg.clauses[ci]
        qs = by_clause[ci]
        for i, q in enumerate(qs):
            if q.kind in ("points", "duration"):
                continue  # percentage-point changes and durations are neither levels nor percent changes
            prev_end = qs[i - 1].end if i else clause.start
            next_start = qs[i + 1].start if i + 1 < len(qs) else clause.end
            ctx = _respectively(d, clause, qs, i, _context(d, q, clause, prev_end, next_start), rules)
            period = _period(d, q.start)
            if period == MULTI_YEAR:
                continue  # a tally since some earlier year is not this report's figure
            if _partial(period, d.doc.period):
                continue  # 上半年 / 截至7月 / 一季度 inside an annual report: not the year's figure
            if _other_year(ctx.sentence_before, d.doc.report_year, ctx.sentence_after):
                continue  # a clause that names another year states that year's figure, not this report's
            if is_target(ctx.left, ctx.right, ctx.sentence_before):
                continue  # a requirement or target (每年学法不少于4次, 力争…), not a result
            scope = d.scope(ctx.sentence_before)
            if is_change(ctx.left):
                if q.kind == "percent":
                    _add_change(d, q, ctx, ci, scope, period, rules, mentions, last_in_clause)
                continue  # a change of a count (同比增加12件) is not its level
            for hit in match_quantity(q, ctx, d.allowed, rules):
                measure = {"count": "count", "amount": "amount", "percent": "rate"}[hit.rule.kind]
                for code in hit.codes:
                    m_scope = _code_scope(d, mentions, code, measure, q, ctx, scope)
                    m = _mention(d, code, q.value, measure, q.start, q.end, q.approx, m_scope, period)
                    mentions.append(m)
                    last_in_clause[ci] = m
    mentions.extend(_issued_and_passed(d, mentions))
    mentions.extend(_negation_zeros(d))
    mentions.extend(_derived(d, mentions))
    return _dedupe(mentions)


def _code_scope(
    d: _Doc,
    mentions: list[Mention],
    code: str,
    measure: str,
    q: Quantity,
    ctx: QuantityContext,
    scope: tuple[str, str | None],
) -> tuple[str, str | None]:
    """The scope of one code's reading of a value: the sentence's scope, narrowed (or restored) by what
    only that indicator's statements carry: a breakdown, a level, a campaign, the disclosure table's
    outcome columns, fines stated apart from confiscations, a later batch of a list."""
    m_scope = scope
    if code in _PUBLIC_LEGAL_SERVICE and _VILLAGE_ADVISERS_RE.search(m_scope[1] or ""):
        m_scope = ("whole_region", None)  # village advisers' consultations are the service
    if (measure == "rate" or code in _OWN_CLAUSE_LISTS) and _level_outside_clause(
        m_scope, ctx.sentence_before
    ):
        m_scope = ("whole_region", None)  # 公布区级…事项…,其中“网上办”事项占91.22%
    if m_scope[0] == "whole_region" and _part_of(d, mentions, code, q.start, ctx.sentence_after):
        m_scope = ("sub_unit", "其中")  # a breakdown of a figure already stated
    elif m_scope[0] == "whole_region" and _breakdown(ctx, measure):
        # a breakdown by a qualifier (其中,人民调解受理2345件,…成功率达97.4%); a share of
        # the list just stated (其中“网上办”事项占91.22%) is the list's rate
        m_scope = ("sub_unit", "其中")
    if m_scope[0] == "whole_region" and code in _GOVERNMENTS_OWN:
        own = OWN_BUREAU_RE.search(ctx.sentence_before)
        if own:
            m_scope = ("department", own.group(0))  # 明确我局重大行政决策事项2个
    if m_scope[0] == "whole_region":
        level = _government_level(code, ctx.sentence_before)
        if level:
            m_scope = ("level_only", level)
    if m_scope[0] == "whole_region" and code in _CAMPAIGN_CODES:
        campaign = _CAMPAIGN_RE.search(ctx.sentence_before)
        if campaign:
            m_scope = ("sub_unit", campaign.group(0))
    if m_scope[0] == "whole_region" and d.catalog[code].aggregation == "latest_stock":
        batch = LATER_BATCH_RE.search(ctx.sentence_before)
        if batch:
            m_scope = ("sub_unit", batch.group(0))
    disclosure = code.startswith(("recon_", "litigation_")) and _DISCLOSURE_OUTCOME_RE.match(
        ctx.sentence_after
    )
    if m_scope[0] == "whole_region" and disclosure:
        m_scope = ("sub_unit", "政府信息公开")
    if m_scope[0] == "whole_region" and code == "fines_confiscations_amount":
        sentence = ctx.sentence_before + d.text[q.start : q.end] + ctx.sentence_after
        if _FINE_PART_RE.search(sentence) and _CONFISCATION_PART_RE.search(sentence):
            m_scope = ("sub_unit", "罚款")
    return m_scope


@dataclass(frozen=True)
class QuantityReading:
    """What the words around one figure say about it, whether or not a rule types it: its measure
    (count, amount, rate, change, target), whose it is (scope), its period, whether its clause names
    another year, and the words before and after it in its clause (what it counts, its verb)."""

    measure: str
    list_move: bool  # it counts items moved in or out of a list (取消, 下放, 修改 …)
    scope: str
    scope_text: str | None
    period: str
    other_year: bool
    before_start: int  # view offsets of the words before the figure (in its clause) and after it
    after_end: int


_WORDS = 24


def read_quantities(
    doc: Document, prep: Prepared, catalog: Catalog | None = None
) -> dict[int, QuantityReading]:
    """A reading for every figure of the body (keyed by its start in the view), with the same
    qualifier rules and the same neighbours the mentions use: the general parse that the catalog
    typing sits on."""
    catalog = catalog or load_catalog()
    d = _Doc(prep.text, prep.seg, doc, catalog.codes, catalog, prep.markers, prep.scopes)
    out: dict[int, QuantityReading] = {}
    by_clause = _clause_quantities(list(prep.figures), prep.seg)
    for ci in sorted(by_clause):
        clause = prep.seg.clauses[ci]
        qs = by_clause[ci]
        measure = ""
        for i, q in enumerate(qs):
            prev_end = qs[i - 1].end if i else clause.start
            next_start = qs[i + 1].start if i + 1 < len(qs) else clause.end
            ctx = _context(d, q, clause, prev_end, next_start)
            follows_change = measure == "change" and ctx.left.strip() in ("和", "、", "及", "与")
            if is_target(ctx.left, ctx.right, ctx.sentence_before):
                measure = "target"
            elif q.kind == "points" or is_change(ctx.left) or follows_change:
                measure = "change"  # "分别比上一年增长36.8%和128.6%": the second is a change too
            else:
                measure = {"percent": "rate", "amount": "amount"}.get(q.kind, "count")
            scope, scope_text = d.scope(ctx.sentence_before)
            if scope == "whole_region" and _breakdown(ctx, measure):
                scope, scope_text = "sub_unit", "其中"
            out[q.start] = QuantityReading(
                measure=measure,
                list_move=is_list_move(ctx.left),
                scope=scope,
                scope_text=scope_text,
                period=_period(d, q.start),
                other_year=_other_year(ctx.sentence_before, doc.report_year, ctx.sentence_after),
                before_start=q.start - len(ctx.left[-_WORDS:].lstrip(" ,，、;；:：")),
                after_end=q.end + len(ctx.right[:_WORDS].rstrip()),
            )
    return out


# A clause led by a year ("2012年,市政府共承办…", "其中2018年省交办122件", "2008年1月至2010年5月底,共收…"):
# its figures are that year's. A year after 比/较/与 is a comparison, and 以来/至今 are tallies (handled
# as periods).
_CLAUSE_YEAR_RE = re.compile(
    r"(?:^|[,，;；:：。])\s*(?:其中|另外|此外|同时)?[,，]?\s*(?P<y>(?:19|20)\d{2})年(?!以来|至今|底前|前)"
    r"(?P<adverbial>度?[,，]|(?:\d{1,2}月)?(?:[-—至到]|上半年|全年|共|累计))?"
)
# A later time marker of the report's own year ("…，全年共受理…") takes the figure back to the report.
_THIS_YEAR_RE = re.compile(r"全年|今年|本年|年内")
_COUNTED = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:件|项|次|人|个|宗|起|场|家|条|%)")


# A cut-off at the end of October or later is the year's figure: reports are written in November and
# December and count up to the last month closed (截至10月底, 1-10月份).
_YEAR_CUTOFF_MONTHS = 10


def _partial(period: str, doc_period: str) -> bool:
    """Whether a value's own period is a part of its document's: a first half, a cut-off before
    October's end or a single quarter/week in an annual report. Such values are left out - the fact table
    would take them for the report's figure - while in a report of that period they are its own."""
    if period == PART_OF_YEAR:
        return True
    have, whole = months(period), months(doc_period)
    return have is not None and whole is not None and have < min(whole, _YEAR_CUTOFF_MONTHS)


# A cut-off date of another year ("截至2019年年底", "截至2023年3月15日"): the figure stands at that date.
_CUTOFF_YEAR_RE = re.compile(r"截[至止到](?:目前|今年)?[,，]?\s*(?P<y>(?:19|20)\d{2})年")
# A figure the sentence quotes from another document ("《江西省2021年度法治政府建设情况》提及…率达85.1%").
_CITED_RE = re.compile(
    r"《[^》]*?(?P<y>(?:19|20)\d{2})年[^》]*》[^,，;；。]{0,6}(?:中)?(?:提及|显示|指出|提到|公布)"
)

# Years leading clauses or list items of one sentence: two or more make it a series of years.
_SERIES_YEAR_RE = re.compile(r"(?:^|[,，;；:：、])\s*((?:19|20)\d{2})年(?!以来|至今)")


def _other_year(sentence_before: str, report_year: int | None, sentence_after: str = "") -> bool:
    """Whether the value's clause is led by another year than the report's. A year set off as a time
    adverbial ("2012年,", "2008年1月至…", "2019年度") covers the whole clause; a year that qualifies a
    noun ("2018年省交办122件…化解117件") covers only the first figure after it."""
    cited = list(_CITED_RE.finditer(sentence_before))
    if report_year is None:
        # With the report's year unknown, a figure quoted from a dated document, one year of a series
        # ("2020年…为13.5%、2021年为20.2%") or a stock at a dated cut-off is that year's, which may not be
        # the report's.
        if cited or _CUTOFF_YEAR_RE.search(sentence_before):
            return True
        return len(set(_SERIES_YEAR_RE.findall(sentence_before + sentence_after))) >= 2
    if cited and int(cited[-1].group("y")) != report_year:
        return True
    cutoff = list(_CUTOFF_YEAR_RE.finditer(sentence_before))
    if cutoff and int(cutoff[-1].group("y")) != report_year:
        return True  # "截至2019年年底…" in a 2020 report: the stock at another year's date
    found = list(_CLAUSE_YEAR_RE.finditer(sentence_before))
    if not found or int(found[-1].group("y")) == report_year:
        return False
    last = found[-1]
    after = sentence_before[last.end() :]
    if _THIS_YEAR_RE.search(after) or after.lstrip().startswith(f"{report_year}年"):
        return False  # "…，全年共…" or a window that ends in the report year ("2022年12月至2023年11月")
    return bool(last.group("adverbial")) or not _COUNTED.search(after)


# The rest named right after a figure ("已出台重大行政决策1项,其余5项均按法定程序推进"): the figure is a part.
_REST_AFTER_RE = re.compile(r"^[^,，;；。\d]{0,6}[,，;；]\s*(?:其余|其他|剩余|另有|另外)")


def _part_of(d: _Doc, mentions: list[Mention], code: str, pos: int, after: str = "") -> bool:
    """Whether the value at pos is introduced by 其中 after a figure of the same indicator in its
    paragraph ("办理行政诉讼案件31宗,其中一审案件25宗"), or followed by the rest of it ("公布重大行政
    决策事项6项;已出台重大行政决策1项,其余5项…"): a part of that figure, not the whole."""
    par = d.seg.paragraphs[d.seg.paragraph_index(pos)]
    for m in mentions[d.indexed :]:  # only the mentions added since the last call: linear, not quadratic
        if m.is_region_result:
            d.last_whole[m.indicator_code] = m
    d.indexed = len(mentions)
    m = d.last_whole.get(code)
    if m is None or m.start < par.start or m.start >= pos:
        return False
    return "其中" in d.text[m.end : pos] or bool(_REST_AFTER_RE.match(after))


# Village and community legal advisers are a part of the government's advisers and of mediation, but
# their consultations are the public legal service the region provides (public_legal_service_matters).
_PUBLIC_LEGAL_SERVICE = frozenset({"public_legal_service_matters"})
_VILLAGE_ADVISERS_RE = re.compile(r"法律顾问|顾问律师")
_LEVEL_NAME_RE = re.compile(r"[省市州区县旗盟]级")
# Changes to lists name their own list in their clause ("取消区级证明事项11项,取消涉及村(社区)证明事项35项"):
# a level in an earlier clause qualifies that clause's list only.
_OWN_CLAUSE_LISTS = frozenset(
    {"intermediary_service_items", "proof_items_cancelled", "power_items_received", "cross_province_items"}
)


def _level_outside_clause(scope: tuple[str, str | None], sentence_before: str) -> bool:
    """A level narrows a list's counts through its sentence, but a rate only when its own clause names
    the level ("区级依申请政务服务事项100%支持…"): a share stated in a later clause is the list's rate."""
    if scope[0] != "level_only" or not scope[1] or not _LEVEL_NAME_RE.fullmatch(scope[1]):
        return False
    return scope[1] not in _CLAUSE_SPLIT_RE.split(sentence_before)[-1]


# After 其中 a figure is a part of the one before it (其中,人民调解受理2345件 / 其中,市政府收到…24件 /
# 其中以国家部委为被告的一审案件1万件), unless 其中 leads to a later stage of the same pipeline, which is
# an indicator of its own (其中,受理1968件 / 其中纠错29件 / 其中行政机关败诉228件 / 其中,行政处罚7960宗).
_WHICH_RE = re.compile(r"其中(?![的])")
_STAGE_LEAD_RE = re.compile(
    r"^[\s,，:：]*(?:\d{4}年度?|(?:19|20)\d{2}年)?(?:行政机关)?(?:共|已|已经|依法|均|决定)?"
    r"(?:取消|下放|承接|调整|受理|立案|新收|收到|办结|审结|结案|纠错|作出|撤销|变更|确认违法|责令|败诉|胜诉|主动公开|行政处罚|交由|保留|废止|达成|化解|持证|持有)"
    r"(?!一审|二审)"
)
_CLAUSE_SPLIT_RE = re.compile(r"[,，;；]")


# A rate named without its topic (成功率, 办结率) takes it from the figures just before it: after 其中 and a
# part's figures, the part's rate. A rate that names its topic (备案及时率, 出庭应诉率) or a share (占…%) is
# the whole's, even after 其中.
_BARE_RATE_RE = re.compile(r"(?<![\u4e00-\u9fa5])(?:成功|办结|化解|调处|结案|审结)?率[^,，;；]{0,6}$")


def _breakdown(ctx: QuantityContext, measure: str) -> bool:
    """Whether the figure is a part of a breakdown after 其中; a rate only when named without its
    topic after the part's own figures (_BARE_RATE_RE)."""
    if measure == "rate" and not _BARE_RATE_RE.search(ctx.left):
        return False
    return _after_which(ctx.sentence_before, rate=measure == "rate")


def _after_which(sentence_before: str, rate: bool = False) -> bool:
    """Whether the figure follows a 其中 of its sentence that breaks a figure down by a qualifier. A rate
    is the part's only after the part's own figures (其中,人民调解受理2345件,…成功率达97.4%); right after
    其中 it is the whole's (其中,行政机关负责人出庭应诉率为77.19%)."""
    found = list(_WHICH_RE.finditer(sentence_before))
    if not found:
        return False
    tail = sentence_before[found[-1].end() :].lstrip(" ,，:：")
    if rate and not re.search(r"\d", tail):
        return False
    if re.match(r"(?:19|20)\d{2}年", tail):
        return False  # 其中2018年…, 2019年…: a breakdown by year, which the clause's year decides
    parts = _CLAUSE_SPLIT_RE.split(tail)
    return not (_STAGE_LEAD_RE.match(parts[0]) or _STAGE_LEAD_RE.match(parts[-1]))


# The government itself as the party of a case or the issuer of a file (市政府收到复议申请1186件, 代理区政府
# 作为当事人的行政诉讼案件40宗, 区政府行政规范性文件合法性审核率): one level's figure where the whole is
# 全市/全区 (all its organs). Codes that are the government's own by definition (major_decisions,
# law_study_sessions, legislation, legal advisers, proposals handled) are not read this way.
_GOV = r"(?:省|市|区|县|州|旗)(?:人民)?政府"
_GOVERNMENT_LEVEL_RE = re.compile(
    rf"代理{_GOV}|(?<![向各以])(?<!县){_GOV}(?:收到|被诉|作为当事人|拟发文)"
    rf"|(?<![向各]){_GOV}(?:所有|制发的|出台的)?(?:行政)?规范性文件[^;；。\d]{{0,30}}率"
)
_LEVEL_CODES = ("recon_", "litigation_", "normdoc_")
# Enforcement under one campaign ("打击食品安全违法行为,…查办食品案件54.4万件", "以酒水类商品…为重点,从严查处了52起…",
# "开展…专项整治,查处案件…"): the campaign's cases and fines, a part of the year's enforcement.
_CAMPAIGN_CODES = frozenset({"admin_penalty_cases", "fines_confiscations_amount", "criminal_case_transfers"})
_CAMPAIGN_RE = re.compile(
    # a campaign against every kind of violation of a field (严厉打击医疗领域各类违法违规行为) is the field's whole
    r"^\s*(?:(?:打击|针对|严厉打击)(?![^,，;；。]{0,30}各类)[^,，;；。]{1,30}|加强(?![^,，;；。]{0,20}各类)[^,，;；。]{1,20}查处)"
    r"|以[^,，;；。]{1,24}为重点|专项(?:行动|整治|治理|执法|检查)"
)
# The outcome columns of the disclosure report's table (结果维持 / 结果纠正 / 其他结果 / 尚未审结) after a count
# of reconsiderations or suits: the cases about information disclosure, not the government's total.
_DISCLOSURE_OUTCOME_RE = re.compile(r"^\s*[,，]?\s*(?:均|全部)?(?:为|是)?(?:其他结果|结果维持|结果纠正)")
# Fines and confiscations stated apart ("罚款17.952万元,没收违法所得1.8万元"): each is a part of 罚没.
_FINE_PART_RE = re.compile(r"(?<!罚没)罚款(?:金额)?[^,，;；。\d]{0,4}\d[\d.]*\s*(?:万|亿)?元")
_CONFISCATION_PART_RE = re.compile(r"(?<!罚)没收[^,，;；。\d]{0,8}\d[\d.]*\s*(?:万|亿)?元")
# A government's by definition: a department's (我局重大行政决策事项) is not the region's, even in its own report.
_GOVERNMENTS_OWN = frozenset({"major_decisions"})


def _government_level(code: str, sentence_before: str) -> str | None:
    if not code.startswith(_LEVEL_CODES):
        return None
    found = list(_GOVERNMENT_LEVEL_RE.finditer(sentence_before))
    if not found or re.search(r"全市|全区|全县|全省|各级", sentence_before[found[-1].end() :]):
        return None
    return found[-1].group(0)


def _add_change(
    d: _Doc,
    q: Quantity,
    ctx: QuantityContext,
    ci: int,
    scope: tuple[str, str | None],
    period: str,
    rules: tuple[Rule, ...],
    mentions: list[Mention],
    last_in_clause: dict[int, Mention],
) -> None:
    m = CHANGE_RE.search(ctx.left)
    assert m is not None
    direction = m.group("dir") or m.group("dir2")
    sign = -1.0 if direction in DOWN else 1.0
    subject = _TIME_WORDS_RE.sub("", ctx.left[: m.start()].strip())
    codes: tuple[str, ...] | None = None
    if subject:
        codes = _change_subject_codes(d, ctx.left, q, rules)
    else:
        # "…受理行政复议案件34件,与去年同期相比增长200%": the change belongs to the level just stated.
        prev = last_in_clause.get(ci - 1)
        same_sentence = prev is not None and d.seg.sentence_index(prev.start) == d.seg.sentence_index(q.start)
        if prev is not None and same_sentence and prev.measure in ("count", "amount"):
            codes = (prev.indicator_code,)
            scope = (prev.scope, prev.scope_text)
    for code in codes or ():
        mentions.append(
            _mention(d, code, sign * q.value, "change_pct", q.start, q.end, q.approx, scope, period)
        )


# Documents issued that all went through a step: the step's count is the issued count (flag derived):
# "新制发规范性文件1件,并报司法局备案" -> normdoc_filed, "共出台4195份规范性文件,均经合法性审查" -> normdoc_reviewed.
_ISSUED = r"(?:新)?(?:制发|出台|制定|印发)了?(?:行政)?"
_ISSUED_ALL_RE = re.compile(
    rf"{_ISSUED}(?:规范性文件(?P<n1>\d+)(?:件|份)|(?P<n2>\d+)(?:件|份)(?:行政)?规范性文件)[,，]?"
    r"(?:(?P<filed>并(?:及时)?(?:报送?|向)[^,，;；。\d]{0,12}备案)"
    r"|(?P<reviewed>(?:均|全部|均已)(?:经|经过|通过)了?(?:合法性)?(?:审查|审核)))"
)


def _issued_and_passed(d: _Doc, mentions: list[Mention]) -> list[Mention]:
    out = []
    for m in _ISSUED_ALL_RE.finditer(d.text):
        code = "normdoc_filed" if m.group("filed") else "normdoc_reviewed"
        num = "n1" if m.group("n1") else "n2"
        start, end = m.start(num), m.end(num)
        if code not in d.catalog or d.seg.in_plan(start) or d.seg.is_protected(start, end):
            continue
        if any(x.indicator_code == code and x.start <= end and start <= x.end for x in mentions):
            continue
        sent = d.seg.sentences[d.seg.sentence_index(start)]
        before = d.text[sent.start : start]
        period = _period(d, start)
        if period == MULTI_YEAR or _partial(period, d.doc.period) or _other_year(before, d.doc.report_year):
            continue
        scope = d.scope(before)
        out.append(
            _mention(d, code, float(m.group(num)), "count", start, end, None, scope, period, ["derived"])
        )
    return out


def _negation_zeros(d: _Doc) -> list[Mention]:
    """Zeros stated by negation (flag negation): 未有区政府败诉 / 均未出现行政诉讼败诉 -> litigation_cases_lost,
    未收到政府信息公开申请 -> info_disclosure_requests, 未收到行政复议申请 -> recon_applications_received."""
    out = []
    for code, rx in _NEGATION_ZERO_RES:
        if code not in d.catalog:
            continue
        for m in rx.finditer(d.text):
            if d.seg.in_plan(m.start()) or d.seg.is_protected(m.start(), m.end()):
                continue
            sent = d.seg.sentences[d.seg.sentence_index(m.start())]
            before = d.text[sent.start : m.start()]
            period = _period(d, m.start())
            if period == MULTI_YEAR or _partial(period, d.doc.period):
                continue
            out.append(
                _mention(
                    d,
                    code,
                    0.0,
                    "count",
                    m.start(),
                    m.end(),
                    None,
                    d.scope(before),
                    period,
                    ["negation"],
                )
            )
    return out


def _derived(d: _Doc, mentions: list[Mention]) -> list[Mention]:
    """Values stated without a numeral, computed from their sentence's other values (flag derived)."""
    out: list[Mention] = []
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(d.seg.sentence_index(m.start), []).append(m)
    for si, ms in by_sentence.items():
        sent = d.seg.sentences[si]
        body = d.text[sent.start : sent.end]
        codes = {m.indicator_code: m for m in ms if m.measure == "count"}
        received = codes.get("recon_applications_received") or codes.get("recon_cases_accepted")
        pending = codes.get("recon_cases_pending")
        if (
            received
            and pending
            and "recon_cases_concluded" not in codes
            and "recon_cases_concluded" in d.catalog
        ):
            hit = _OTHERS_CONCLUDED_RE.search(body)
            if hit and sent.start + hit.start() > pending.start:
                start = sent.start + hit.start()
                out.append(
                    _mention(d, "recon_cases_concluded", received.value - pending.value, "count", start,
                             sent.start + hit.end(), None, (received.scope, received.scope_text), received.period,
                             ["derived"])
                )  # fmt: skip
        reviewed = codes.get("normdoc_reviewed")
        if reviewed and "normdoc_filed" not in codes and "normdoc_filed" in d.catalog:
            hit = _ALL_FILED_RE.search(body)
            if hit and sent.start + hit.start() > reviewed.start:
                start = sent.start + hit.start()
                out.append(
                    _mention(d, "normdoc_filed", reviewed.value, "count", start, sent.start + hit.end(), None,
                             (reviewed.scope, reviewed.scope_text), reviewed.period, ["derived"])
                )  # fmt: skip
    return out


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Keep the first statement of a (code, value, measure, scope) fact; reports repeat figures in later
    sections. Two numbers of one sentence are two statements ("常务会议学法1次,领导干部学法1次")."""
    first: dict[tuple[str, float, str, str, str | None], int] = {}  # key -> sentence of its first statement
    out = []
    for m in sorted(mentions, key=lambda m: m.start):
        key = (m.indicator_code, m.value, m.measure, m.scope, m.scope_text)
        if key in first and first[key] != m.sentence_start:
            continue
        if out and out[-1].start == m.start and out[-1].indicator_code == m.indicator_code:
            continue
        first.setdefault(key, m.sentence_start)
        out.append(m)
    return out
