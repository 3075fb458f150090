"""Score the extractor on the sentence-level set (tests/fixtures/sentences/labels.jsonl).

Each labelled sentence is read as the body of a report of its year. A predicted mention counts as
right when a labelled figure of the same sentence has its code and value (within 0.5%) and is a
whole-region result (scope whole_region, measure count/rate/amount, no other year); any other
prediction is a false positive — including a catalog code put on a change, a target, a subset,
another level or another year's figure, which the labels mark with code null. Prints precision and
recall over the coded whole-region figures, and the false positives by the trap they fell into.

    .venv/bin/python -m tests.score_sentences [--verbose] [--set DIR]

A set's `catalog_codes.txt` names the catalog its labels were made with: a prediction of a code added
later cannot be judged against them, so it is counted apart (and scored on a set labelled with it).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from pipelines.extract import load_catalog
from pipelines.extract.quantities import extract_figures
from tests.sentence_sets import report_doc

SETS = Path(__file__).parent / "fixtures"
DEFAULT_SET = SETS / "sentences"
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


def _tally_qualifiers(mentions: list, figures: list[dict], out: Counter[str]) -> None:
    """Scope and measure of every mention whose code and value match a labelled figure (any scope):
    marking a whole-region figure narrower is as wrong as the reverse, and so is the wrong narrowing
    (a level's figure called a department's)."""
    for m in mentions:
        f = next(
            (f for f in figures if f.get("code") == m.indicator_code and _close(m.value, f["value"])), None
        )
        if f is None:
            continue
        out["scope_n"] += 1
        out["scope_ok"] += m.scope == f.get("scope")
        out["whole_ok"] += (m.scope == "whole_region") == (f.get("scope") == "whole_region")
        if m.scope != f.get("scope"):
            out[f"scope {f.get('scope')} read as {m.scope}"] += 1
        out["measure_n"] += 1
        measure = "change" if m.measure == "change_pct" else m.measure
        out["measure_ok"] += measure == f.get("measure")


def _tally_quantities(quantities: list, figures: list[dict], judged: set[str], out: Counter[str]) -> None:
    """Every figure's measure against its label, and the keyword suggestions of untyped figures against
    the labelled code (a suggestion is right when the label has that code as a whole-region result)."""
    for q in quantities:
        f = next((f for f in figures if _close(q.value, f["value"]) and f["value_text"] in q.evidence), None)
        if f is None:
            continue
        out["q_n"] += 1
        out["q_measure_ok"] += q.measure == f.get("measure")
        out["q_scope_ok"] += q.scope == f.get("scope")
        if q.suggested_code and q.suggested_code in judged:
            out["sugg_n"] += 1
            out["sugg_ok"] += q.suggested_code == f.get("code") and is_result(f)


def score(verbose: bool = False, labels_dir: Path = DEFAULT_SET) -> dict[str, float]:
    catalog = load_catalog()
    codes_file = labels_dir / "catalog_codes.txt"
    judged = set(codes_file.read_text().split()) if codes_file.exists() else set(catalog.codes)
    later = Counter()
    tp = fp = fn = 0
    traps: Counter[str] = Counter()
    qualifiers: Counter[str] = Counter()
    for line in (labels_dir / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        doc = report_doc(item["sentence"], item.get("year"), document_id=item["id"])
        gold = [f for f in item["figures"] if is_result(f)]
        matched: set[int] = set()
        mentions, quantities = extract_figures(doc, catalog)
        _tally_qualifiers(mentions, item["figures"], qualifiers)
        _tally_quantities(quantities, item["figures"], judged, qualifiers)
        for m in mentions:
            if not m.is_region_result:
                continue  # narrower or relative figures do not reach the fact table
            if m.indicator_code not in judged:
                later[m.indicator_code] += 1
                continue
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
    print(f"{labels_dir.name}: precision {precision:.1%} recall {recall:.1%} (tp {tp}, fp {fp}, fn {fn})")
    print("false positives by trap: " + ", ".join(f"{k} {v}" for k, v in traps.most_common()))
    if later:
        print(f"not judged (codes added after these labels): {sum(later.values())} " + str(dict(later)))
    for name in ("scope", "measure"):
        n, ok = qualifiers[f"{name}_n"], qualifiers[f"{name}_ok"]
        print(f"{name} right on matched figures: {ok}/{n}" + (f" ({ok / n:.1%})" if n else ""))
    n = qualifiers["q_n"]
    if n:
        print(
            f"every figure (quantities): measure right {qualifiers['q_measure_ok']}/{n} "
            f"({qualifiers['q_measure_ok'] / n:.1%}), scope right {qualifiers['q_scope_ok']}/{n} "
            f"({qualifiers['q_scope_ok'] / n:.1%})"
        )
    if qualifiers["sugg_n"]:
        ok, n = qualifiers["sugg_ok"], qualifiers["sugg_n"]
        print(f"keyword suggestions on untyped figures: right {ok}/{n} ({ok / n:.1%})")
    n = qualifiers["scope_n"]
    if n:
        print(
            f"whole region vs narrower right: {qualifiers['whole_ok']}/{n} ({qualifiers['whole_ok'] / n:.1%})"
        )
    confusions = [(k, v) for k, v in qualifiers.items() if " read as " in k]
    if confusions:
        print("scope errors: " + ", ".join(f"{k} {v}" for k, v in sorted(confusions, key=lambda kv: -kv[1])))
    return {"precision": precision, "recall": recall}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="a folder with labels.jsonl")
    args = parser.parse_args()
    score(args.verbose, args.set)
