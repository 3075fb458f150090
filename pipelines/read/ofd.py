"""OFD (GB/T 33190, the national fixed-layout e-document format) -> text.

An OFD is a zip of XML: OFD.xml names the document root, Document.xml lists the pages, and each
page's Content.xml places TextObjects (a Boundary in millimetres, then TextCode runs at X/Y inside
it). The runs are placed on the page and go through the same layout rules as a PDF's text layer.
Template pages (the letterhead and running header a page draws under its content) are not read, so
running headers drawn there never enter the text. No library: easyofd, the PyPI reader, renders
through PyMuPDF and reportlab, which is far more than reading text needs.
"""

from __future__ import annotations

import posixpath
import zipfile

from lxml import etree

from pipelines.read.layout import Line, assemble
from pipelines.read.result import ReadText
from pipelines.read.zipguard import open_zip, read_member

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    names = {n.lower().lstrip("/"): n for n in archive.namelist()}
    member = names.get(name.lower().lstrip("/"))
    if member is None:
        raise ValueError(f"damaged OFD: {name} is missing")
    return etree.fromstring(read_member(archive, member), _PARSER)


def _child(el: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in el.iter() if _local(c.tag) == name), None)


def _box(text: str | None) -> tuple[float, float, float, float] | None:
    try:
        x, y, w, h = (float(v) for v in (text or "").split())
    except ValueError:
        return None
    return x, y, w, h


def read_ofd(body: bytes) -> ReadText:
    archive = open_zip(body)
    if isinstance(archive, str):
        return ReadText.failed(archive)
    with archive:
        try:
            return _read(archive)
        except (ValueError, etree.XMLSyntaxError, KeyError, zipfile.BadZipFile) as exc:
            return ReadText.failed(str(exc) if str(exc).startswith("damaged") else f"damaged OFD: {exc}")


def _read(archive: zipfile.ZipFile) -> ReadText:
    root = _xml(archive, "OFD.xml")
    doc_root = _child(root, "DocRoot")
    if doc_root is None or not (doc_root.text or "").strip():
        raise ValueError("damaged OFD: OFD.xml names no DocRoot")
    doc_path = doc_root.text.strip().lstrip("/")
    doc_dir = posixpath.dirname(doc_path)
    document = _xml(archive, doc_path)
    area = _child(document, "PhysicalBox")
    page_box = _box(area.text if area is not None else None) or (0, 0, 210, 297)
    pages: list[list[Line]] = []
    for page in (el for el in document.iter() if _local(el.tag) == "Page"):
        loc = page.get("BaseLoc", "").lstrip("/")
        path = posixpath.normpath(posixpath.join(doc_dir, loc)) if not loc.startswith(doc_dir + "/") else loc
        content = _xml(archive, path)
        own = _child(content, "PhysicalBox")
        box = _box(own.text if own is not None else None) or page_box
        pages.append(_runs(content, box))
    if not pages:
        return ReadText.failed("the OFD has no pages")
    built = assemble(pages, aspect=page_box[3] / page_box[2] if page_box[2] else 297 / 210)
    if not built.text.strip():
        return ReadText("", "ofd", built.page_starts, error="the OFD holds no text (images only?): needs OCR")
    return ReadText(built.text, "ofd", built.page_starts, removed=built.removed)


def _runs(content: etree._Element, box: tuple[float, float, float, float]) -> list[Line]:
    _, _, width, height = box
    runs = []
    for obj in (el for el in content.iter() if _local(el.tag) == "TextObject"):
        bound = _box(obj.get("Boundary"))
        if bound is None:
            continue
        bx, by, _, bh = bound
        size = float(obj.get("Size") or bh or 3.5)
        for code in (c for c in obj if _local(c.tag) == "TextCode"):
            text = "".join(code.itertext())
            if not text.strip():
                continue
            x = bx + float(code.get("X") or 0)
            baseline = by + float(code.get("Y") or size)
            advance = _advance(code.get("DeltaX"))
            span = advance + size if advance else size * len(text)
            runs.append(
                Line(text, x / width, (x + span) / width, (baseline - size) / height, baseline / height)
            )
    return runs


def _advance(delta_x: str | None) -> float:
    """The width a TextCode's DeltaX spans: the sum of its gaps, "g N d" standing for N gaps of d."""
    tokens = (delta_x or "").split()
    total, i = 0.0, 0
    try:
        while i < len(tokens):
            if tokens[i] == "g" and i + 2 < len(tokens):
                total += int(tokens[i + 1]) * float(tokens[i + 2])
                i += 3
            else:
                total += float(tokens[i])
                i += 1
    except ValueError:
        return 0.0
    return total
