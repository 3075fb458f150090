"""Smoke tests of tests/docgen.py: each generator once, and the basics a reader's test relies on."""

from __future__ import annotations

import contextlib
import re
import zipfile

import olefile
import pypdfium2
import pytest
from lxml import etree

from tests import docgen

HEADER = "伊春市人民政府文件"


@pytest.fixture(scope="module")
def report() -> tuple[str, list[str]]:
    return docgen.sample_report()


def _page_text(pdf: pypdfium2.PdfDocument, i: int) -> str:
    textpage = pdf[i].get_textpage()
    try:
        return textpage.get_text_bounded()
    finally:
        textpage.close()


def test_sample_report_is_a_report_body(report):
    title, paragraphs = report
    assert title.startswith("伊春市人民政府") and "法治政府建设" in title
    assert len(paragraphs) >= 10
    assert paragraphs[1] == "一、工作基本情况"
    assert sum(map(len, paragraphs)) > 2000


def test_text_pdf_pages_headers_and_numbers(tmp_path, report):
    path = tmp_path / "r.pdf"
    n = docgen.text_pdf(path, *report, header=HEADER)
    assert n >= 3
    pdf = pypdfium2.PdfDocument(path)
    assert len(pdf) == n
    page2 = _page_text(pdf, 1)
    assert HEADER in page2 and "- 2 -" in page2
    assert len(re.findall(r"[\u4e00-\u9fff]", page2)) > 300
    first = _page_text(pdf, 0).replace("\r\n", "")
    assert report[0] in first
    pdf.close()

    path_of = tmp_path / "of.pdf"
    n_of = docgen.text_pdf(path_of, *report, header=HEADER, page_number_style="of")
    pdf = pypdfium2.PdfDocument(path_of)
    assert f"第 2 页 共 {n_of} 页" in _page_text(pdf, 1)
    pdf.close()
    assert docgen.text_pdf(tmp_path / "h.pdf", *report, header=HEADER, pages_hint=8) == 8


def test_scanned_pdf_has_no_text_layer(tmp_path, report):
    if docgen.cjk_font_path() is None:
        pytest.skip("no CJK font on this machine")
    path = tmp_path / "scan.pdf"
    n = docgen.scanned_pdf(path, *report, header=HEADER, dpi=100, seed=1)
    assert n == len(docgen.layout(*report, header=HEADER))
    pdf = pypdfium2.PdfDocument(path)
    assert len(pdf) == n
    assert all(not _page_text(pdf, i).strip() for i in range(n))
    pdf.close()


def test_docx_holds_title_table_and_header(tmp_path, report):
    import docx

    path = tmp_path / "r.docx"
    docgen.docx_file(path, *report, header=HEADER)
    doc = docx.Document(str(path))
    assert doc.paragraphs[0].text == report[0]
    assert [[c.text for c in row.cells] for row in doc.tables[0].rows] == [list(r) for r in docgen.TABLE_ROWS]
    assert doc.sections[0].header.paragraphs[0].text == HEADER


def test_ofd_has_one_content_per_page(tmp_path, report):
    path = tmp_path / "r.ofd"
    n = docgen.ofd_file(path, *report, header=HEADER, seed=3)
    ns = {"ofd": docgen.OFD_NS}
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert "OFD.xml" in names
        contents = [name for name in names if name.endswith("/Content.xml")]
        assert len(contents) == n >= 3
        root = etree.fromstring(z.read("OFD.xml"))
        assert root.findtext("ofd:DocBody/ofd:DocRoot", namespaces=ns) == "Doc_0/Document.xml"
        document = etree.fromstring(z.read("Doc_0/Document.xml"))
        assert len(document.findall("ofd:Pages/ofd:Page", ns)) == n
        page = etree.fromstring(z.read("Doc_0/Pages/Page_1/Content.xml"))
        objects = page.findall(".//ofd:TextObject", ns)
        texts = [o.findtext("ofd:TextCode", namespaces=ns) for o in objects]
        assert HEADER in texts and "- 2 -" in texts
        tops = [float(o.get("Boundary").split()[1]) for o in objects]
        assert tops != sorted(tops)  # shuffled: a reader must sort by position


def test_committed_legacy_word_fixtures():
    doc = docgen.ATTACHMENTS / "report_001.doc"
    wps = docgen.ATTACHMENTS / "report_001.wps"
    not_word = docgen.ATTACHMENTS / "not_word.wps"
    assert doc.read_bytes() == wps.read_bytes()
    for path in (doc, wps):
        assert olefile.isOleFile(str(path))
        with olefile.OleFileIO(str(path)) as ole:
            assert ole.exists("WordDocument")
    assert olefile.isOleFile(str(not_word))
    with olefile.OleFileIO(str(not_word)) as ole:
        assert not ole.exists("WordDocument") and ole.exists("Workbook")


def test_bad_files(tmp_path, report):
    enc = tmp_path / "enc.pdf"
    docgen.encrypted_pdf(enc, *report)
    with pytest.raises(pypdfium2.PdfiumError, match="password"):
        pypdfium2.PdfDocument(enc)

    cut = tmp_path / "cut.pdf"
    kept = docgen.truncated_copy(enc, cut)
    assert kept == cut.stat().st_size == int(enc.stat().st_size * 0.4)

    zero = tmp_path / "zero.pdf"
    docgen.zero_page_pdf(zero)
    assert b"/Count 0" in zero.read_bytes()
    with contextlib.suppress(pypdfium2.PdfiumError):  # PDFium refuses it at open (see zero_page_pdf)
        assert len(pypdfium2.PdfDocument(zero)) == 0

    many = tmp_path / "many.pdf"
    assert docgen.many_pages_pdf(many) == 200
    pdf = pypdfium2.PdfDocument(many)
    assert len(pdf) == 200 and "- 200 -" in _page_text(pdf, 199)
    pdf.close()

    bomb = tmp_path / "bomb.docx"
    stats = docgen.zip_bomb_docx(bomb)
    assert stats["compressed_bytes"] < 2_000_000 and stats["uncompressed_bytes"] >= 1 << 30
    with zipfile.ZipFile(bomb) as z:
        assert z.getinfo("word/document.xml").file_size >= 1 << 30
        with z.open("word/document.xml") as f:
            assert f.read(200).startswith(b"<?xml")
