"""Every figure of a report, typed or not: the quantities behind the catalog's indicators.

The indicator rules keep only what they can attribute to a catalog code. Reports state many more
figures (legal advisers, 一件事 items, demonstration projects ...): listing every number-with-counter
with its sentence lets an analyst find them, and comparing the list with the typed mentions measures
coverage, the share of a report's figures the catalog reads. Numbers inside book titles and brackets,
plan sections, percentage points and durations are not figures of the year.
"""

from __future__ import annotations

from pipelines.extract.catalog import Catalog, load_catalog
from pipelines.extract.extractor import Prepared, extract_mentions, prepare, read_quantities
from pipelines.extract.typing import suggest
from pipelines.records import Document, Mention, QuantityMention
from pipelines.text.offsets import page_of

FIGURE_KINDS = ("count", "amount", "percent")


def extract_figures(
    doc: Document, catalog: Catalog | None = None
) -> tuple[list[Mention], list[QuantityMention]]:
    """A report's catalog mentions and all its figures, from one reading of the body."""
    if not doc.is_report or not doc.body_text:
        return [], []
    prep = prepare(doc)
    mentions = extract_mentions(doc, catalog, prep)
    return mentions, list_quantities(doc, mentions, prep, catalog)


def list_quantities(
    doc: Document, mentions: list[Mention], prepared: Prepared | None = None, catalog: Catalog | None = None
) -> list[QuantityMention]:
    """The figures of a report's body, each with its qualifiers, the code of the mention that typed it
    (or None) and, when untyped, the indicator its words suggest."""
    if not doc.is_report or not doc.body_text:
        return []
    prep = prepared or prepare(doc)
    catalog = catalog or load_catalog()
    view, seg = prep.view, prep.seg
    readings = read_quantities(doc, prep, catalog)
    typed = sorted((m.start, m.end, m.indicator_code) for m in mentions if m.measure != "change_pct")
    out: list[QuantityMention] = []
    for q in prep.figures:
        if q.kind not in FIGURE_KINDS:
            continue
        sent = seg.sentences[seg.sentence_index(q.start)]
        start, end = view.start(q.start), view.end(q.end)
        s_start, s_end = view.start(sent.start), view.end(sent.end)
        code = next((c for a, b, c in typed if a < end and start < b), None)
        r = readings[q.start]
        before = doc.body_text[view.start(r.before_start) : start]
        after = doc.body_text[end : view.end(r.after_end)]
        hint = None if code else suggest(before, after, q.kind, q.unit_raw, catalog)
        out.append(
            QuantityMention(
                quantity_id=QuantityMention.make_id(doc.document_id, start),
                document_id=doc.document_id,
                value=float(q.value),
                value_text=doc.body_text[start:end],
                unit=q.unit_raw,
                kind=q.kind,
                approx=q.approx,
                indicator_code=code,
                # a move of list items is a change unless a rule counts the moves as an indicator
                measure="change" if r.list_move and code is None else r.measure,  # type: ignore[arg-type]
                scope=r.scope,  # type: ignore[arg-type]
                scope_text=r.scope_text,
                period=r.period,
                other_year=r.other_year,
                words_before=before,
                words_after=after,
                suggested_code=hint.code if hint else None,
                suggestion_score=hint.score if hint else None,
                suggestion_reason=hint.reason if hint else None,
                evidence=doc.body_text[s_start:s_end].strip(),
                start=start,
                end=end,
                sentence_start=s_start,
                sentence_end=s_end,
                source_page=page_of(doc.page_starts, start),
            )
        )
    return out
