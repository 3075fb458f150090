"""PDF -> text: the text layer where there is one (pdfium, read by position), OCR where there is not.

pypdfium2 (Google's PDFium, the engine of Chrome's viewer) reads CID-keyed Chinese fonts through
their ToUnicode maps, is fast (a page in milliseconds) and renders pages for OCR, in one wheel with
no system dependency. Each page's text comes as rectangles of runs, so reading order is rebuilt from
positions, not from the order the content stream draws them.

A scan has no text layer, and a PDF whose fonts carry no Unicode map yields garbage: such a page is
OCR'd when Tesseract is installed, else the file is recorded as needing OCR.
"""

from __future__ import annotations

import io
import os
import re

from pipelines.read import ocr
from pipelines.read.layout import Line, assemble
from pipelines.read.result import ReadText

# More pages than this are not OCR'd (recorded): a scan of a yearbook must not hold a build for hours.
OCR_MAX_PAGES = int(os.environ.get("FAZHI_OCR_MAX_PAGES", "40"))
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORDY = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
_JUNK = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0e-\x1f]")


def has_text(text: str) -> bool:
    """Does a page's text layer read as text? Enough letters, and not a font's private codes."""
    compact = re.sub(r"\s+", "", text)
    if len(_CJK.findall(compact)) < 10 and len(_WORDY.findall(compact)) < 30:
        return False
    return len(_JUNK.findall(compact)) <= 0.1 * len(compact)


def _text_runs(page) -> tuple[list[Line], str]:
    """The page's positioned runs, and its whole text (to judge whether the text layer is text)."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        runs = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top)
            if text.strip():
                runs.append(
                    Line(
                        text.replace("\r", " ").replace("\n", " "),
                        left / width,
                        right / width,
                        1 - top / height,
                        1 - bottom / height,
                    )
                )
        return runs, textpage.get_text_bounded()
    finally:
        textpage.close()


def _ocr_page(page) -> ocr.OcrPage:
    bitmap = page.render(scale=ocr.DPI / 72, grayscale=True)
    image = bitmap.to_pil()
    png = io.BytesIO()
    image.save(png, format="PNG")
    return ocr.ocr_image(png.getvalue())


def read_pdf(body: bytes) -> ReadText:
    import pypdfium2 as pdfium  # a heavy import, only where PDFs are read

    try:
        pdf = pdfium.PdfDocument(body)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            return ReadText.failed("encrypted: the PDF cannot be opened without its password")
        if "(PDFium: Success)" in message:  # PDFium refuses a document with no pages this way
            return ReadText.failed("the PDF has no pages (PDFium cannot open it)")
        return ReadText.failed(f"damaged PDF: pdfium cannot open it ({message})")
    try:
        return _read(pdf)
    finally:
        pdf.close()


def _read(pdf) -> ReadText:
    n = len(pdf)
    if n == 0:
        return ReadText.failed("the PDF has no pages")
    warnings: list[str] = []
    pages: list[list[Line]] = []
    needs: list[int] = []
    width, height = pdf[0].get_size()
    for i in range(n):
        page = pdf[i]
        try:
            runs, whole = _text_runs(page)
        except Exception as exc:  # a damaged page: the others may still read
            warnings.append(f"page {i + 1} unreadable: {exc}")
            runs, whole = [], ""
        finally:
            page.close()
        if has_text(whole):
            pages.append(runs)
        else:
            pages.append([])
            needs.append(i)
    confidence = None
    method = "pdf_text"
    if needs:
        why = ocr.available()
        if why is not None:
            if len(needs) == n:
                return ReadText.failed(
                    f"needs OCR: no text layer on any of {n} page(s) and {why}", "needs_ocr"
                )
            warnings.append(f"needs OCR: {len(needs)} of {n} pages have no text layer and {why}")
        else:
            done, confidences = _ocr(pdf, needs, pages, warnings)
            method = "ocr" if len(needs) == n else "pdf_text+ocr"
            if confidences:
                confidence = round(sum(confidences) / len(confidences), 3)
            if not done:
                return ReadText.failed("OCR read nothing: " + "; ".join(warnings[-3:]), "ocr")
    built = assemble(pages, aspect=height / width if width else 297 / 210)
    if not built.text.strip():
        return ReadText(
            "", method, built.page_starts, confidence, built.removed, warnings, "the PDF holds no text"
        )
    return ReadText(built.text, method, built.page_starts, confidence, built.removed, warnings)


def _ocr(pdf, needs: list[int], pages: list[list[Line]], warnings: list[str]) -> tuple[int, list[float]]:
    done = 0
    confidences: list[float] = []
    for k, i in enumerate(needs):
        if k >= OCR_MAX_PAGES:
            warnings.append(f"OCR stopped after {OCR_MAX_PAGES} pages: {len(needs) - k} page(s) not read")
            break
        page = pdf[i]
        try:
            result = _ocr_page(page)
        except RuntimeError as exc:
            warnings.append(f"page {i + 1}: {exc}")
            continue
        finally:
            page.close()
        pages[i] = result.runs
        done += bool(result.runs)
        if result.confidence is not None:
            confidences.append(result.confidence)
    return done, confidences
