"""Throughput of fazhi's cleaner vs trafilatura.extract on the same pages, same run, one core.

Corpus: the bundled sample pages (HTML and text dumps) and the synthetic CMS-style fixtures, each
repeated, plus generated variants of the fixtures with longer bodies. trafilatura only sees the HTML
pages (it has no text-dump mode), so both figures are also given for the HTML subset alone.

    .venv/bin/python benchmarks/clean_bench.py [--repeat N] [--rounds R]

It ends with ratios measured in the same run: clean_page's time over trafilatura.extract's and over a
bare BeautifulSoup(html, "lxml").get_text() on the real government pages and on the CMS fixtures
(issue 19's yardsticks: at most 1.0x trafilatura, about 1.4x the bare parse).
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


def real_html() -> list[tuple[str, bytes, str]]:
    """The real government pages: the bundled three, and the dev set's HTML when ../shared is there."""
    found = {p.name: p.read_bytes() for p in sorted(SAMPLES.glob("*.html"))}
    shared = ROOT.parent / "shared" / "dev"
    for p in sorted(shared.glob("*.html")) if shared.is_dir() else []:
        found.setdefault(p.name, p.read_bytes())
    return [(name, body, "html") for name, body in found.items()]


def _cpu(fn, pages) -> float:
    t0 = time.process_time()
    for _, body, media in pages:
        fn(body, media)
    return time.process_time() - t0


def ratios(label: str, pages, rounds: int) -> None:
    """clean_page against trafilatura.extract and a bare BeautifulSoup parse + get_text on the same
    pages, interleaved round by round; the median round's ratio is printed (absolute times drift on a
    shared machine, ratios of neighbouring runs much less)."""
    import statistics

    import trafilatura
    from bs4 import BeautifulSoup

    contenders = {
        "fazhi clean_page": lambda b, m: clean_page(b, m),
        "trafilatura.extract": lambda b, m: trafilatura.extract(b),
        "BeautifulSoup(lxml).get_text": lambda b, m: BeautifulSoup(b, "lxml").get_text(),
    }
    times: dict[str, list[float]] = {k: [] for k in contenders}
    for _ in range(rounds):
        for name, fn in contenders.items():
            times[name].append(_cpu(fn, pages))
    clean = times["fazhi clean_page"]
    print(f"\n{label}: {len(pages)} pages, {rounds} interleaved rounds, CPU time on one core (median round)")
    for name, ts in times.items():
        print(f"  {name:<30} {statistics.median(ts) * 1000 / len(pages):7.2f} ms/page")
    for other in ("trafilatura.extract", "BeautifulSoup(lxml).get_text"):
        r = statistics.median(c / o for c, o in zip(clean, times[other], strict=True))
        print(f"  clean_page time / {other:<28} {r:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=7, help="interleaved rounds of the ratio runs")
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
    real = real_html()
    ratios("real government pages", real * max(1, args.repeat // 2), args.rounds)
    fixtures = [(p.name, p.read_bytes(), "html") for p in sorted(FIXTURES.glob("*.html"))]
    ratios("CMS fixtures", fixtures * args.repeat, args.rounds)


if __name__ == "__main__":
    main()
