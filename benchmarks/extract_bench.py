"""Extraction throughput: the five sample reports, repeated, through extract_mentions on one core.

Bodies are cut from seeds/pages/00*.txt between the labelled body_first and body_last (no cleaner
involved), so the figure measures extraction alone. Prints documents/s and mentions/s.
Usage: .venv/bin/python benchmarks/extract_bench.py [REPEATS]   (default 1000)
"""

from __future__ import annotations

import json
import sys
import time

from pipelines.extract import extract_mentions, load_catalog
from pipelines.paths import PROJECT_ROOT, SAMPLE_PAGES_DIR
from pipelines.records import Document


def sample_documents() -> list[Document]:
    docs = []
    for line in (PROJECT_ROOT / "tests" / "dev" / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        gold = label["documents"][0]
        if not gold.get("is_report") or not label["file"].endswith(".txt"):
            continue
        raw = (SAMPLE_PAGES_DIR / label["file"]).read_text(encoding="utf-8")
        start = raw.find(gold["body_first"])
        end = raw.find(gold["body_last"], start) + len(gold["body_last"])
        docs.append(
            Document(
                document_id=label["file"][:3],
                page_id=label["file"],
                part=0,
                is_report=True,
                doc_type="annual_report",
                title=None,
                issuer=None,
                issuer_kind=None,
                region=None,
                region_reason=None,
                report_year=gold.get("report_year"),
                year_reason=None,
                period=gold.get("period") or "unknown",
                publish_date=None,
                written_date=None,
                body_text=raw[start:end],
            )
        )
    return docs


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    docs = sample_documents()
    catalog = load_catalog()
    extract_mentions(docs[0], catalog)  # warm up (regex compilation happens at import)
    n_docs = n_mentions = 0
    t0 = time.perf_counter()
    for _ in range(repeats):
        for doc in docs:
            n_mentions += len(extract_mentions(doc, catalog))
            n_docs += 1
    elapsed = time.perf_counter() - t0
    chars = sum(len(d.body_text) for d in docs) * repeats
    print(f"{n_docs} documents, {n_mentions} mentions, {chars / 1e6:.1f}M characters in {elapsed:.2f}s")
    print(f"{n_docs / elapsed:.1f} documents/s  {n_mentions / elapsed:.1f} mentions/s")


if __name__ == "__main__":
    main()
