"""Throughput of fazhi's cleaner vs trafilatura.extract on the same pages, same run, one core.

Corpus: the bundled sample pages (HTML and text dumps) and the synthetic CMS-style fixtures, each
repeated, plus generated variants of the fixtures with longer bodies. trafilatura only sees the HTML
pages (it has no text-dump mode), so both figures are also given for the HTML subset alone.

    .venv/bin/python benchmarks/clean_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.clean import clean_page  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "clean"
SAMPLES = ROOT / "seeds" / "pages"


def corpus(repeat: int) -> list[tuple[str, bytes, str]]:
    pages: list[tuple[str, bytes, str]] = []
    for p in sorted(SAMPLES.iterdir()):
        pages.append((p.name, p.read_bytes(), "html" if p.suffix == ".html" else "text"))
    for p in sorted(FIXTURES.glob("*.html")):
        raw = p.read_bytes()
        pages.append((p.name, raw, "html"))
        if p.name == "legacy_gb2312.html":
            continue
        # Longer variants: the report's paragraphs repeated (numbered, so they are not duplicates).
        text = raw.decode("utf-8")
        for n in (5, 20):
            grown = re.sub(
                r"(<p>　　（二）[^<]*</p>)",
                lambda m, n=n: "".join(m.group(1).replace("（二）", f"（{i}）") for i in range(n)),
                text,
            )
            pages.append((f"{p.stem}_x{n}.html", grown.encode("utf-8"), "html"))
    return pages * repeat


def run(name: str, fn, pages) -> tuple[float, float]:
    t0 = time.process_time()
    for _, body, media in pages:
        fn(body, media)
    dt = time.process_time() - t0
    mb = sum(len(b) for _, b, _ in pages) / 1e6
    print(
        f"{name:<34} {len(pages):>5} pages {mb:7.2f} MB {dt:7.2f} s  {len(pages) / dt:8.1f} pages/s  {mb / dt:6.2f} MB/s"
    )
    return len(pages) / dt, mb / dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    import trafilatura

    pages = corpus(args.repeat)
    html = [p for p in pages if p[2] == "html"]
    for _, body, media in pages[:3]:  # warm imports and caches
        clean_page(body, media)
    trafilatura.extract(html[0][1])
    print(f"corpus: {len(pages)} pages ({len(html)} HTML), CPU time on one core")
    run("fazhi clean_page (all pages)", lambda b, m: clean_page(b, m), pages)
    f_pps, f_mbs = run("fazhi clean_page (HTML only)", lambda b, m: clean_page(b, m), html)
    t_pps, t_mbs = run("trafilatura.extract (HTML only)", lambda b, m: trafilatura.extract(b), html)
    print(f"fazhi / trafilatura on HTML: {f_pps / t_pps:.2f}x pages/s, {f_mbs / t_mbs:.2f}x MB/s")


if __name__ == "__main__":
    main()
