"""Optical character recognition of a page image with Tesseract (chi_sim), when it is installed.

Tesseract is a Debian package (`tesseract-ocr`, `tesseract-ocr-chi-sim`), not a Python one, so it may
be missing: `available()` says so and the PDF reader records "needs OCR" instead of reading nothing.
Tesseract's TSV output gives each word with its box and confidence; the words of one line become
one positioned run, so OCR'd text goes through the same layout rules as a PDF's text layer.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipelines.read.layout import Line, glue

LANGUAGE = "chi_sim"
# Rendering resolution for OCR: digits survive at 200 dpi on an A4 scan; more costs time for little.
DPI = int(os.environ.get("FAZHI_OCR_DPI", "200"))
PAGE_SECONDS = float(os.environ.get("FAZHI_OCR_PAGE_SECONDS", "60"))


@dataclass
class OcrPage:
    runs: list[Line]
    confidence: float | None  # mean word confidence, 0-1


@functools.cache
def available() -> str | None:
    """None when Tesseract with the Chinese model is installed, else why OCR cannot run."""
    exe = shutil.which("tesseract")
    if exe is None:
        return "Tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-chi-sim)"
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Tesseract does not run: {exc}"
    if LANGUAGE not in langs.split():
        return f"Tesseract has no {LANGUAGE} model (Debian: tesseract-ocr-chi-sim)"
    return None


def ocr_image(png: bytes) -> OcrPage:
    """Recognise one page image (PNG bytes). Raises RuntimeError with Tesseract's message on failure."""
    with tempfile.TemporaryDirectory(prefix="fazhi-ocr-") as tmp:
        image = Path(tmp) / "page.png"
        image.write_bytes(png)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per page: the build runs pages in parallel
        try:
            done = subprocess.run(
                ["tesseract", str(image), "stdout", "-l", LANGUAGE, "--psm", "3", "tsv"],
                capture_output=True,
                timeout=PAGE_SECONDS,
                env=env,
            )
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"OCR of a page took more than {PAGE_SECONDS:.0f} s") from exc
        if done.returncode != 0:
            raise RuntimeError(f"tesseract failed: {done.stderr.decode(errors='replace').strip()[:200]}")
    return parse_tsv(done.stdout.decode("utf-8", errors="replace"))


def parse_tsv(tsv: str) -> OcrPage:
    """Tesseract's TSV (level 5 rows are words) -> one run per recognised line, placed on the page."""
    rows = [r.split("\t") for r in tsv.splitlines()]
    if not rows:
        return OcrPage([], None)
    header = rows[0]
    col = {name: i for i, name in enumerate(header)}
    width = height = None
    lines: dict[tuple[int, int, int], list[tuple[int, int, int, int, str]]] = {}
    confidences: list[float] = []
    for r in rows[1:]:
        if len(r) < len(header):
            continue
        level = int(r[col["level"]])
        left, top, w, h = (int(r[col[k]]) for k in ("left", "top", "width", "height"))
        if level == 1:
            width, height = w, h
            continue
        if level != 5:
            continue
        text = r[col["text"]].strip()
        if not text:
            continue
        conf = float(r[col["conf"]])
        if conf >= 0:
            confidences.append(conf)
        key = (int(r[col["block_num"]]), int(r[col["par_num"]]), int(r[col["line_num"]]))
        lines.setdefault(key, []).append((left, top, left + w, top + h, text))
    if not width or not height:
        return OcrPage([], None)
    runs = []
    for words in lines.values():
        words.sort()
        text = ""
        for *_, word in words:
            text = glue(text, word, sep=" ")
        x0 = min(w[0] for w in words) / width
        x1 = max(w[2] for w in words) / width
        # The line's box from its words' median height: one tall stamp stroke must not stretch it.
        tops = sorted(w[1] for w in words)
        bottoms = sorted(w[3] for w in words)
        top, bottom = tops[len(tops) // 2] / height, bottoms[len(bottoms) // 2] / height
        runs.append(Line(text, x0, x1, top, bottom))
    confidence = round(sum(confidences) / len(confidences) / 100, 3) if confidences else None
    return OcrPage(runs, confidence)
