"""Small real document files for the fake site's attachments: a PDF (reportlab, Chinese text in the
built-in STSong-Light CID font), a DOCX (python-docx), an OFD (a zip with OFD.xml) and OLE bytes of a
legacy .doc/.wps. Each is deterministic, so its sha256 (the page_id) is stable between runs."""

from __future__ import annotations

import io
import re
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF with `lines` of text (invariant: no timestamp or random id in the file)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        pdf.drawString(72, 770 - 18 * i, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A DOCX whose body is `paragraphs` (zip entries written with a fixed date)."""
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    source = io.BytesIO()
    document.save(source)
    return _stable_zip(source.getvalue())


def ofd_bytes(text: str) -> bytes:
    """A minimal OFD package: OFD.xml pointing at one document with one page of text."""
    files = {
        "OFD.xml": '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" '
        'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
        "</ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": '<?xml version="1.0" encoding="UTF-8"?><ofd:Document '
        'xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
        "</ofd:Pages></ofd:Document>",
        "Doc_0/Pages/Page_0/Content.xml": '<?xml version="1.0" encoding="UTF-8"?><ofd:Page '
        'xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer><ofd:TextObject ID="2" '
        f'Boundary="10 10 180 10" Font="1" Size="4"><ofd:TextCode X="0" Y="4">{text}</ofd:TextCode>'
        "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(_entry(name), content.encode("utf-8"))
    return buffer.getvalue()


def doc_bytes(size: int = 4096) -> bytes:
    """Bytes a legacy Word/WPS file starts with (the OLE2 compound-file magic), padded to `size`."""
    filler = bytes(range(256)) * (size // 256 + 1)
    return OLE_MAGIC + filler[: max(0, size - len(OLE_MAGIC))]


def _stable_zip(data: bytes) -> bytes:
    """The same zip with every entry's date fixed (python-docx stamps the time of saving)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _strip_dates(content)
            target.writestr(_entry(info.filename), content)
    return out.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, (2023, 3, 1, 8, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _strip_dates(core: bytes) -> bytes:
    return re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", core)
