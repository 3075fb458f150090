"""Reports published as document files (PDF, scanned PDF, DOCX, legacy Word, WPS, OFD) read like pages.

Every file is made from the whole of sample report 001 (tests/docgen.py), the way such files come:
a PDF with a running header, page numbers and lines broken mid-sentence; the same pages as a noisy
scan with a seal; a DOCX with a table; an OFD drawing its lines in shuffled order; a .doc and a .wps
converted by LibreOffice. A reader is right when the report it gives is the sample's: the same title,
region, year and period, and the same figures as the sample's own text, each on the page it is on.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from pipelines.ingest import read_page_file
from pipelines.process import process_page, result_json
from pipelines.read import read_capped, read_document
from pipelines.read.guard import read_in_child
from pipelines.read.ocr import available as ocr_missing
from tests import docgen

HEADER = "伊春市人民政府文件"
SAMPLE = Path(__file__).resolve().parent.parent / "seeds" / "pages" / "001_10e73418a0569e5a.txt"


@pytest.fixture(scope="module")
def report() -> tuple[str, list[str]]:
    return docgen.sample_report()


@pytest.fixture(scope="module")
def sample_json() -> dict:
    return _extract(SAMPLE)


@pytest.fixture(scope="module")
def files(tmp_path_factory, report) -> dict[str, Path]:
    title, paragraphs = report
    d = tmp_path_factory.mktemp("attachments")
    docgen.text_pdf(d / "report.pdf", title, paragraphs, header=HEADER)
    docgen.text_pdf(d / "report_of.pdf", title, paragraphs, header=HEADER, page_number_style="of")
    docgen.docx_file(d / "report.docx", title, paragraphs, header=HEADER)
    docgen.ofd_file(d / "report.ofd", title, paragraphs, header=HEADER, deltax_g=True)
    shutil.copy(docgen.ATTACHMENTS / "report_001.doc", d / "report.doc")
    shutil.copy(docgen.ATTACHMENTS / "report_001.wps", d / "report.wps")
    return {p.name: p for p in d.iterdir()}


def _extract(path: Path) -> dict:
    page = read_page_file(path, origin="inbox")
    assert not hasattr(page, "error"), page
    return result_json(process_page(page), str(path))


def _facts(out: dict) -> dict[str, float]:
    return {m["code"]: m["value"] for d in out["documents"] for m in d["indicators"]}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("name", "media_type", "method"),
    [
        ("report.pdf", "pdf", "pdf_text"),
        ("report_of.pdf", "pdf", "pdf_text"),
        ("report.docx", "docx", "docx"),
        ("report.doc", "doc", "doc"),
        ("report.wps", "doc", "doc"),
        ("report.ofd", "ofd", "ofd"),
    ],
)
def test_each_format_gives_the_sample_report_and_every_figure(files, sample_json, name, media_type, method):
    out = _extract(files[name])
    assert (out["media_type"], out["method"], out["error"]) == (media_type, method, None)
    [doc] = out["documents"]
    [want] = sample_json["documents"]
    for key in ("title", "is_report", "doc_type", "report_year", "period"):
        assert doc[key] == want[key], key
    assert doc["region"]["code"] == want["region"]["code"] == "230700"
    assert _facts(out) == _facts(sample_json)
    # Every figure's sentence reads as it does in the sample: whole, in order, no header inside.
    sample_sentences = {_squash(m["evidence"]) for m in want["indicators"]}
    assert {_squash(m["evidence"]) for m in doc["indicators"]} == sample_sentences
    assert HEADER not in doc["body"]


@pytest.mark.parametrize("name", ["report.pdf", "report.ofd"])
def test_paged_formats_drop_running_lines_and_join_broken_lines(files, report, name):
    _title, paragraphs = report
    read = read_document(files[name].read_bytes(), name.rsplit(".", 1)[1])
    lines = read.text.split("\n")
    # every paragraph of the report is one line again (the PDF broke each mid-sentence), in order
    positions = [lines.index(p) for p in paragraphs]
    assert positions == sorted(positions)
    assert not any(re.fullmatch(r"-\s*\d+\s*-", ln) for ln in lines)
    pages = len(read.page_starts)
    assert pages >= 3
    assert read.removed.count(HEADER) == pages
    assert {f"- {n} -" for n in range(1, pages + 1)} <= set(read.removed)


def test_page_number_style_of_is_removed_too(files):
    read = read_document(files["report_of.pdf"].read_bytes(), "pdf")
    assert "第 2 页" not in read.text and "共" not in "".join(read.text.split("\n")[-1:])
    assert any(r.startswith("第 2 页") for r in read.removed)


@pytest.mark.parametrize("name", ["report.pdf", "report.ofd"])
def test_each_figure_names_the_page_it_is_on(files, report, name):
    title, paragraphs = report
    pages = [
        "".join(p.text for p in page if p.text != HEADER and not re.fullmatch(r"-\s*\d+\s*-", p.text))
        for page in docgen.layout(title, paragraphs, header=HEADER)
    ]
    out = _extract(files[name])
    [doc] = out["documents"]
    assert doc["indicators"]
    for m in doc["indicators"] + doc["quantities"]:
        page = m["source_page"]
        assert 1 <= page <= len(pages)
        # the value is printed on that page, after the words before it (which may end the page before)
        here = _squash(pages[page - 1])
        before = _squash(pages[page - 2]) if page > 1 else ""
        near = _squash(doc["body"][max(0, m["start"] - 4) : m["end"]])
        assert _squash(m["value_text"]) in here
        assert near in here or near in before + here[: len(near)]


def test_pageless_formats_give_no_page(files):
    out = _extract(files["report.docx"])
    assert {m["source_page"] for d in out["documents"] for m in d["indicators"]} == {None}


def test_docx_table_rows_read_as_lines(files):
    text = read_document(files["report.docx"].read_bytes(), "docx").text
    for row in docgen.TABLE_ROWS:
        assert "\u3000".join(row) in text.split("\n")


@pytest.fixture(scope="module")
def scan(tmp_path_factory, report) -> Path:
    if ocr_missing() is not None or docgen.cjk_font_path() is None:
        pytest.skip(f"OCR cannot run here: {ocr_missing() or 'no CJK font to draw the scan'}")
    title, paragraphs = report
    path = tmp_path_factory.mktemp("scan") / "scan.pdf"
    docgen.scanned_pdf(path, title, paragraphs, header=HEADER)
    return path


def test_a_scan_is_read_by_ocr_with_region_year_and_figures_and_no_wrong_value(scan, sample_json):
    out = _extract(scan)
    assert out["method"] == "ocr" and out["error"] is None
    assert 0.5 < out["read_confidence"] <= 1
    [doc] = out["documents"]
    [_want] = sample_json["documents"]
    assert doc["region"]["code"] == "230700"
    assert (doc["report_year"], doc["period"]) == (2020, "first_half")
    got, expected = _facts(out), _facts(sample_json)
    assert len(set(got) & set(expected)) >= 0.9 * len(expected)
    assert {c: v for c, v in got.items() if c in expected} == {c: expected[c] for c in got if c in expected}
    assert set(got) <= set(expected), "OCR noise made a figure the text does not state"


def test_a_scan_without_tesseract_is_recorded_as_needing_ocr(scan, monkeypatch, tmp_path):
    bare = tmp_path / "bin"
    bare.mkdir()
    monkeypatch.setenv("PATH", str(bare))
    read = read_capped(scan.read_bytes(), "pdf")
    assert read.method == "needs_ocr"
    assert read.error.startswith("needs OCR: no text layer on any of 5 page(s)")
    assert "Tesseract is not installed" in read.error


# ---- bad files: each a recorded reason, never an exception, never a stalled build ---------------


def test_bad_files_each_get_their_reason(tmp_path, report):
    title, paragraphs = report
    docgen.encrypted_pdf(tmp_path / "locked.pdf", title, paragraphs)
    docgen.text_pdf(tmp_path / "whole.pdf", title, paragraphs, header=HEADER)
    docgen.truncated_copy(tmp_path / "whole.pdf", tmp_path / "cut.pdf", keep=0.4)
    docgen.zero_page_pdf(tmp_path / "empty.pdf")
    docgen.zip_bomb_docx(tmp_path / "bomb.docx")
    cases = {
        "locked.pdf": ("pdf", "encrypted: the PDF cannot be opened without its password"),
        "cut.pdf": ("pdf", "damaged PDF"),
        "empty.pdf": ("pdf", "the PDF has no pages"),
        "bomb.docx": ("docx", "refused: the archive would inflate to 1024 MB"),
    }
    for name, (media_type, reason) in cases.items():
        read = read_capped((tmp_path / name).read_bytes(), media_type)
        assert read.error is not None and read.error.startswith(reason), (name, read.error)
        assert read.text == ""
    not_word = read_capped((docgen.ATTACHMENTS / "not_word.wps").read_bytes(), "doc")
    assert not_word.error.startswith("unsupported: an OLE file without a Word document (streams: Workbook")


def test_a_200_page_pdf_is_read_whole(tmp_path):
    docgen.many_pages_pdf(tmp_path / "long.pdf", n=200)
    read = read_capped((tmp_path / "long.pdf").read_bytes(), "pdf")
    assert read.error is None and len(read.page_starts) == 200
    assert "- 200 -" in read.removed and "- 200 -" not in read.text


def test_the_time_and_memory_caps_stop_a_reader_with_the_reason(files):
    body = files["report.pdf"].read_bytes()
    slow = read_in_child(body, "pdf", seconds=0.05)
    assert slow.error == "reading stopped: the file took more than 0 s (FAZHI_READ_SECONDS)"
    # refused allocations surface differently (MemoryError, an abort): one reason. The caps sit below what
    # any build of the PDF engine needs (one build reads this file in 50 MB, another does not).
    for cap in (20, 30):
        starved = read_in_child(body, "pdf", memory_mb=cap)
        assert starved.error.startswith(
            f"reading stopped: the reader ran out of memory under the cap of {cap} MB (FAZHI_READ_MEMORY_MB)"
        ), starved.error


def test_fazhi_extract_prints_a_pdf_like_a_page(files, tmp_path):
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "extract", str(files["report.pdf"])],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["media_type"] == "pdf" and out["documents"][0]["region"]["code"] == "230700"
    assert all(isinstance(m["source_page"], int) for m in out["documents"][0]["indicators"])


def test_lines_reported_without_height_still_join_into_paragraphs():
    """Some PDF engines give a CID font's text boxes no height: the character's size then comes from the
    lines' widths, and a full line still carries its paragraph on (a line one glyph short is full)."""
    from pipelines.read.layout import Line, assemble

    full = "一二三四五六七八九十一二三四五六七八九十"  # 20 characters from 0.1 to 0.9 of the width
    w = 0.8 / len(full)
    lines = [
        Line(full, 0.1, 0.9, 0.30, 0.30),
        Line(full[:-1] + "”", 0.1, 0.9 - 0.7 * w, 0.33, 0.33),  # a closing quote drawn narrow
        Line("改革。", 0.1, 0.1 + 3 * w, 0.36, 0.36),  # the paragraph's last line
        Line("二、" + full[:18], 0.1 + 2 * w, 0.9, 0.39, 0.39),  # the next paragraph, indented
        Line(full[:10] + "。", 0.1, 0.1 + 11 * w, 0.42, 0.42),
    ]
    text = assemble([lines]).text
    assert text.split("\n") == [full + full[:-1] + "”改革。", "二、" + full[:18] + full[:10] + "。"]
