"""Score the extractor on the sentence-level set (tests/fixtures/sentences/labels.jsonl).

Each labelled sentence is read as the body of a report of its year. A predicted mention counts as
right when a labelled figure of the same sentence has its code and value (within 0.5%) and is a
whole-region result (scope whole_region, measure count/rate/amount, no other year); any other
prediction is a false positive — including a catalog code put on a change, a target, a subset,
another level or another year's figure, which the labels mark with code null. Prints precision and
recall over the coded whole-region figures, and the false positives by the trap they fell into.

    .venv/bin/python -m tests.score_sentences [--verbose]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from pipelines.extract import extract_mentions, load_catalog
from pipelines.records import Document

LABELS = Path(__file__).parent / "fixtures" / "sentences" / "labels.jsonl"
RESULT_MEASURES = {"count", "rate", "amount"}


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.5, 0.005 * abs(b))


def is_result(f: dict) -> bool:
    return bool(
        f.get("code")
        and f.get("scope") == "whole_region"
        and f.get("measure") in RESULT_MEASURES
        and not f.get("year_qualifier")
    )


def trap_of(f: dict) -> str:
    if f.get("year_qualifier"):
        return "other year"
    if f.get("measure") in ("change", "target"):
        return str(f["measure"])
    if f.get("scope") in ("level_only", "department", "sub_unit"):
        return str(f["scope"])
    return "no code"


_MEASURE = {"count": "count", "amount": "amount", "rate": "rate", "change_pct": "change"}


def _tally_qualifiers(mentions: list, figures: list[dict], out: Counter[str]) -> None:
    """Scope and measure of every mention whose code and value match a labelled figure (any scope):
    marking a whole-region figure narrower is as wrong as the reverse."""
    for m in mentions:
        f = next(
            (f for f in figures if f.get("code") == m.indicator_code and _close(m.value, f["value"])), None
        )
        if f is None:
            continue
        out["scope_n"] += 1
        out["scope_ok"] += (m.scope == "whole_region") == (f.get("scope") == "whole_region")
        out["measure_n"] += 1
        out["measure_ok"] += _MEASURE.get(m.measure) == f.get("measure")


def score(verbose: bool = False) -> dict[str, float]:
    catalog = load_catalog()
    tp = fp = fn = 0
    traps: Counter[str] = Counter()
    qualifiers: Counter[str] = Counter()
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        doc = Document(
            document_id=item["id"], page_id=item["id"], part=0, is_report=True, doc_type="annual_report",
            title=None, issuer=None, issuer_kind=None, region=None, region_reason=None,
            report_year=item.get("year"), year_reason=None, period="full_year", publish_date=None,
            written_date=None, body_text=item["sentence"],
        )  # fmt: skip
        gold = [f for f in item["figures"] if is_result(f)]
        matched: set[int] = set()
        mentions = extract_mentions(doc, catalog)
        _tally_qualifiers(mentions, item["figures"], qualifiers)
        for m in mentions:
            if m.scope != "whole_region" or m.measure == "change_pct":
                continue  # narrower or relative figures do not reach the fact table
            hit = next(
                (i for i, f in enumerate(gold) if i not in matched and f["code"] == m.indicator_code
                 and _close(m.value, f["value"])),
                None,
            )  # fmt: skip
            if hit is not None:
                matched.add(hit)
                tp += 1
                continue
            fp += 1
            same = [f for f in item["figures"] if _close(m.value, f["value"])]
            kind = trap_of(same[0]) if same else "value not labelled"
            traps[kind] += 1
            if verbose:
                print(f"FP {item['id']} {m.indicator_code}={m.value:g} [{kind}] {item['sentence'][:70]}")
        for i, f in enumerate(gold):
            if i not in matched:
                fn += 1
                if verbose:
                    print(
                        f"FN {item['id']} {f['code']}={f['value']:g} {f['value_text']} | {item['sentence'][:70]}"
                    )
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"sentences: precision {precision:.1%} recall {recall:.1%} (tp {tp}, fp {fp}, fn {fn})")
    print("false positives by trap: " + ", ".join(f"{k} {v}" for k, v in traps.most_common()))
    for name in ("scope", "measure"):
        n, ok = qualifiers[f"{name}_n"], qualifiers[f"{name}_ok"]
        print(f"{name} right on matched figures: {ok}/{n}" + (f" ({ok / n:.1%})" if n else ""))
    return {"precision": precision, "recall": recall}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    score(parser.parse_args().verbose)
