"""Generators of realistic report attachments for tests, made from a whole bundled sample report.

Reports are often published as attachments: a PDF with a text layer, a scan (a PDF of page images,
read by OCR), a .docx, a legacy .doc or .wps, an OFD. Tests of the readers need such files holding a
known text, laid out the way real government files are: a title centred in a bigger size, paragraphs
with a two-character first-line indent, lines broken mid-sentence wherever the line is full (Chinese
has no hyphens), a running header and a page number on every page. The PDF, the scan and the OFD share
one layout (`_layout`), so their line breaks are the same and a test can compare them.

Plain functions, no fixtures: each writes a file and returns what a test needs to know about it.
"""

from __future__ import annotations

import functools
import math
import random
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parents[1]
ATTACHMENTS = ROOT / "tests" / "fixtures" / "attachments"

PageNumberStyle = Literal["dash", "of"]

# A4 and the margins of GB/T 9704 (the standard of official documents), in millimetres.
PAGE_W_MM, PAGE_H_MM = 210.0, 297.0
MARGIN_LEFT_MM, MARGIN_RIGHT_MM, MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 28.0, 26.0, 37.0, 35.0
HEADER_BASELINE_MM = 16.0  # the running header, above the body (inside the reader's top band)
HEADER_RULE_MM = 19.0
FOOTER_BASELINE_MM = 279.0  # the page number, below the body (inside the reader's bottom band)
PT_PER_MM = 72 / 25.4
BODY_SIZE = 16.0  # pt: 三号, the size of an official document's body
TITLE_RATIO = 22 / 16  # 二号 title over a 三号 body
LINE_PITCH = 1.75  # line height over the font size (22 lines a page at 16 pt)
HEADER_SIZE = 10.5  # pt: 五号
FOOTER_SIZE = 14.0  # pt: 四号
FONT = "STSong-Light"

# A line must not start with these: they hang at the end of the full line instead (as Word does).
_NO_LINE_START = set("，。、；：？！）》」』”’…%,.;:?!)]}·—")
# A line must not end with these: they move down to open the next line.
_NO_LINE_END = set("（《「『“‘([{【")

TABLE_ROWS = (("行政复议案件", "受理", "审结"), ("数量", "12", "10"))
"""The table `docx_file` puts after the third paragraph."""


# ---------------------------------------------------------------------------------------------------
# The sample report


def sample_report(name: str = "001_10e73418a0569e5a.txt") -> tuple[str, list[str]]:
    """The title and body paragraphs of a bundled sample page, as the product itself reads it (clean +
    understand), so generated files hold the text a test expects the readers to get back. A sample
    whose title is not found (002) gets a generic one."""
    from pipelines.process import understand
    from pipelines.records import Page

    body = (ROOT / "seeds" / "pages" / name).read_bytes()
    page = Page.from_bytes(body, url=None, origin="seed", media_type="text", fetched_at="2024-01-01T00:00:00")
    _cleaned, docs = understand(page)
    if not docs:
        raise ValueError(f"{name}: the product finds no document in this sample")
    paragraphs = [line.strip() for line in docs[0].body_text.split("\n") if line.strip()]
    return docs[0].title or "法治政府建设工作报告", paragraphs


# ---------------------------------------------------------------------------------------------------
# The shared layout


@dataclass(frozen=True)
class Placed:
    """One line placed on an A4 page: `x` and `baseline` in points from the top-left corner; each
    character advances by its width in the font plus `char_space` (a justified line's spread)."""

    text: str
    x: float
    baseline: float
    size: float
    char_space: float
    kind: Literal["title", "body", "header", "footer"]

    def advances(self) -> list[float]:
        """Each character's advance in points (its width in the font plus the line's spread)."""
        return [_width(ch, self.size) + self.char_space for ch in self.text]

    @property
    def width(self) -> float:
        return sum(self.advances()) - (self.char_space if self.text else 0.0)


@functools.cache
def _register_font() -> str:
    """reportlab's built-in CID font: no font file needed, and pdfium extracts it as Unicode."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


@functools.cache
def _em(ch: str) -> float:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.stringWidth(ch, _register_font(), 1000) / 1000


def _width(text: str, size: float) -> float:
    return sum(_em(ch) for ch in text) * size


def _wrap(text: str, size: float, width: float, indent: float) -> list[tuple[str, float, bool]]:
    """Break a paragraph character by character where the line is full: (line, left offset, is the
    paragraph's last line). Closing punctuation hangs at the end of a full line; an opening bracket
    or quote moves down to start the next line (the line then ends a little short, as in Word)."""
    lines: list[tuple[str, float, bool]] = []
    current, used, offset = "", 0.0, indent
    for ch in text:
        w = _width(ch, size)
        if current and used + w > width - offset + 0.01 and ch not in _NO_LINE_START:
            carry = ""
            while len(current) > 1 and current[-1] in _NO_LINE_END:
                carry, current = current[-1] + carry, current[:-1]
            lines.append((current, offset, False))
            current, used, offset = carry, _width(carry, size), 0.0
        current += ch
        used += w
    if current:
        lines.append((current, offset, True))
    return lines


def _balanced(title: str, size: float, width: float) -> list[str]:
    """A title's lines of about equal length, as a typesetter breaks a long title (not a full first
    line and a stub)."""
    n = len(_wrap(title, size, width, 0.0))
    per = math.ceil(len(title) / n)
    return [title[i : i + per] for i in range(0, len(title), per)]


def _justify(text: str, size: float, avail: float) -> float:
    """The extra space after each character that makes a full line end exactly at the right margin."""
    if len(text) < 2:
        return 0.0
    return (avail - _width(text, size)) / (len(text) - 1)


def _page_number(n: int, total: int, style: PageNumberStyle) -> str:
    return f"- {n} -" if style == "dash" else f"第 {n} 页 共 {total} 页"


def layout(
    title: str,
    paragraphs: list[str],
    *,
    header: str,
    page_number_style: PageNumberStyle = "dash",
    body_size: float = BODY_SIZE,
    justify: bool = True,
) -> list[list[Placed]]:
    """Place the report's lines on A4 pages: the title centred on page 1 in a bigger size, then the
    paragraphs (two-character indent, wrapped by character, full lines justified), a header line at
    the top and a page number at the bottom of every page. `text_pdf` (without `pages_hint`),
    `scanned_pages` and `ofd_file` draw exactly these lines, so a test can tell what each page holds."""
    page_w, page_h = PAGE_W_MM * PT_PER_MM, PAGE_H_MM * PT_PER_MM
    left = MARGIN_LEFT_MM * PT_PER_MM
    avail = (PAGE_W_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) * PT_PER_MM
    top = MARGIN_TOP_MM * PT_PER_MM
    bottom = page_h - MARGIN_BOTTOM_MM * PT_PER_MM
    pitch = body_size * LINE_PITCH
    title_size = body_size * TITLE_RATIO

    pages: list[list[Placed]] = [[]]
    y = top + title_size
    for text in _balanced(title, title_size, avail):
        w = _width(text, title_size)
        pages[0].append(Placed(text, left + (avail - w) / 2, y, title_size, 0.0, "title"))
        y += title_size * 1.5
    y += pitch - title_size * 1.5 + body_size  # one blank body line under the title

    for paragraph in paragraphs:
        for text, offset, last in _wrap(paragraph, body_size, avail, 2 * body_size):
            if y > bottom:
                pages.append([])
                y = top + body_size
            cs = 0.0 if last or not justify else _justify(text, body_size, avail - offset)
            pages[-1].append(Placed(text, left + offset, y, body_size, cs, "body"))
            y += pitch

    total = len(pages)
    for n, lines in enumerate(pages, start=1):
        head_w = _width(header, HEADER_SIZE)
        lines.insert(
            0,
            Placed(header, (page_w - head_w) / 2, HEADER_BASELINE_MM * PT_PER_MM, HEADER_SIZE, 0.0, "header"),
        )
        number = _page_number(n, total, page_number_style)
        num_w = _width(number, FOOTER_SIZE)
        lines.append(
            Placed(number, (page_w - num_w) / 2, FOOTER_BASELINE_MM * PT_PER_MM, FOOTER_SIZE, 0.0, "footer")
        )
    return pages


def _layout_for_hint(
    title: str,
    paragraphs: list[str],
    *,
    header: str,
    page_number_style: PageNumberStyle,
    pages_hint: int | None,
) -> list[list[Placed]]:
    """The standard layout, or with `pages_hint` the body size (9-24 pt) whose page count comes closest
    to the hint, so a test can ask for a short or a long file without changing the text."""
    if pages_hint is None:
        return layout(title, paragraphs, header=header, page_number_style=page_number_style)
    best: tuple[float, list[list[Placed]]] | None = None
    for tenth in range(90, 241, 5):
        size = tenth / 10
        pages = layout(title, paragraphs, header=header, page_number_style=page_number_style, body_size=size)
        score = abs(len(pages) - pages_hint) + abs(size - BODY_SIZE) / 100
        if best is None or score < best[0]:
            best = (score, pages)
    assert best is not None
    return best[1]


# ---------------------------------------------------------------------------------------------------
# PDF with a text layer


def text_pdf(
    path: Path | str,
    title: str,
    paragraphs: list[str],
    *,
    header: str,
    pages_hint: int | None = None,
    page_number_style: PageNumberStyle = "dash",
) -> int:
    """A multi-page A4 PDF with a text layer, like a government report printed to PDF: the shared
    layout drawn in STSong-Light (one text run per line, full lines justified by character spacing),
    a rule under the running header. Returns the number of pages."""
    from reportlab.pdfgen import canvas

    pages = _layout_for_hint(
        title, paragraphs, header=header, page_number_style=page_number_style, pages_hint=pages_hint
    )
    page_w, page_h = PAGE_W_MM * PT_PER_MM, PAGE_H_MM * PT_PER_MM
    c = canvas.Canvas(str(path), pagesize=(page_w, page_h), pageCompression=1)
    c.setTitle(title)
    c.setAuthor(header)
    for lines in pages:
        _draw_pdf_page(c, lines, page_h)
        c.showPage()
    c.save()
    return len(pages)


def _draw_pdf_page(c, lines: list[Placed], page_h: float) -> None:
    font = _register_font()
    c.setLineWidth(0.6)
    y_rule = page_h - HEADER_RULE_MM * PT_PER_MM
    c.line(MARGIN_LEFT_MM * PT_PER_MM, y_rule, (PAGE_W_MM - MARGIN_RIGHT_MM) * PT_PER_MM, y_rule)
    for ln in lines:
        t = c.beginText()
        t.setFont(font, ln.size)
        t.setCharSpace(ln.char_space)
        t.setTextOrigin(ln.x, page_h - ln.baseline)
        t.textOut(ln.text)
        c.drawText(t)


# ---------------------------------------------------------------------------------------------------
# Scanned PDF (page images, no text layer)

_CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)


def cjk_font_path() -> str | None:
    """The first CJK TrueType font found on this machine (tests that draw Chinese skip without one)."""
    return next((p for p in _CJK_FONTS if Path(p).is_file()), None)


def scanned_pages(
    title: str,
    paragraphs: list[str],
    *,
    header: str,
    dpi: int = 200,
    seed: int = 0,
    page_number_style: PageNumberStyle = "dash",
) -> list:
    """The shared layout drawn as scanned page images (RGB PIL images): grey paper, a slight rotation
    (0.3-1.0 degrees either way, per page from `seed`), a light blur, speckles, and a red official seal
    over the last paragraph on the last page. Split from `scanned_pdf` so a test can OCR a page
    without rasterising the PDF."""
    from PIL import ImageFont

    font_path = cjk_font_path()
    if font_path is None:
        raise RuntimeError("no CJK font on this machine: see cjk_font_path()")
    pages = layout(title, paragraphs, header=header, page_number_style=page_number_style)
    scale = dpi / 72

    def font(size_pt: float) -> ImageFont.FreeTypeFont:
        return _pil_font(font_path, max(1, round(size_pt * scale)))

    rng = random.Random(seed)
    images = []
    for n, lines in enumerate(pages, start=1):
        seal_at = None
        if n == len(pages):
            body = [ln for ln in lines if ln.kind == "body"] or lines
            last = body[-1]
            seal_at = (last.x + last.width * 0.7, last.baseline - last.size * 0.3)
        images.append(_scan_page(lines, scale, font, rng, seal_at, header))
    return images


@functools.cache
def _pil_font(path: str, px: int):
    from PIL import ImageFont

    return ImageFont.truetype(path, px)


def _scan_page(lines: list[Placed], scale: float, font, rng: random.Random, seal_at, seal_text: str):
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    size = (round(PAGE_W_MM * PT_PER_MM * scale), round(PAGE_H_MM * PT_PER_MM * scale))
    w, h = size
    ink = Image.new("L", size, 0)
    draw = ImageDraw.Draw(ink)
    y_rule = HEADER_RULE_MM * PT_PER_MM * scale
    draw.line(
        [
            (MARGIN_LEFT_MM * PT_PER_MM * scale, y_rule),
            ((PAGE_W_MM - MARGIN_RIGHT_MM) * PT_PER_MM * scale, y_rule),
        ],
        fill=255,
        width=max(1, round(0.6 * scale)),
    )
    for ln in lines:
        _draw_line(ink, ln, scale, font(ln.size))
    # The sheet lay a little askew on the glass, and the scanner's optics soften every edge.
    angle = rng.uniform(0.3, 1.0) * rng.choice((-1, 1))
    ink = ink.rotate(angle, resample=Image.BILINEAR, fillcolor=0)
    ink = ink.filter(ImageFilter.GaussianBlur(radius=0.45 * scale / (200 / 72)))

    # Paper: light grey with an uneven tone; ink: near-black, weaker here and there; sensor noise; dust.
    np_rng = np.random.default_rng(rng.randrange(1 << 30))
    paper = 226 + rng.randrange(0, 12)
    tone = (
        np.linspace(0, rng.uniform(-8, 8), w, dtype=np.float32)[None, :]
        + np.linspace(0, rng.uniform(-8, 8), h, dtype=np.float32)[:, None]
    )
    ink_a = np.asarray(ink, dtype=np.float32) * np.float32(rng.uniform(0.85, 0.95) / 255)
    grey = (paper + tone) * (1 - ink_a) + 30 * ink_a
    grey += np_rng.standard_normal((h, w), dtype=np.float32) * np.float32(5)
    n_specks = int(h * w * 0.0006)
    flat = grey.reshape(-1)
    flat[np_rng.integers(0, h * w, size=n_specks)] = np_rng.integers(20, 120, size=n_specks)
    grey = np.clip(grey, 0, 255).astype(np.uint8)
    if seal_at is None:
        return Image.fromarray(grey, "L")
    # A red seal stamped over the text: multiply, so black text under red ink stays dark.
    rgb = np.repeat(grey[:, :, None], 3, axis=2)
    box, red = _seal(seal_at, scale, seal_text, rng)
    x0, y0 = box
    x1, y1 = min(w, x0 + red.shape[1]), min(h, y0 + red.shape[0])
    region = rgb[y0:y1, x0:x1].astype(np.float32)
    rgb[y0:y1, x0:x1] = (region * red[: y1 - y0, : x1 - x0] / 255).astype(np.uint8)
    return Image.fromarray(rgb, "RGB")


def _draw_line(ink, ln: Placed, scale: float, font) -> None:
    """Draw a line character by character at the layout's positions, so the scan breaks and spaces
    lines as the PDF does. A Latin glyph wider than its slot in STSong is squeezed horizontally."""

    x = ln.x * scale
    base = ln.baseline * scale
    ascent = font.getmetrics()[0]
    for ch, adv in zip(ln.text, ln.advances(), strict=True):
        if ch.strip():
            glyph, dx = _glyph(font, ch, _width(ch, ln.size) * scale)
            ink.paste(255, (round(x + dx), round(base - ascent)), glyph)
        x += adv * scale


@functools.cache
def _glyph(font, ch: str, slot: float):
    """One character's bitmap (ascent + descent high, baseline at the ascent) and its left offset in
    its slot. An opening quote sits at the right of a full-width slot, a closing one at the left; a
    Latin glyph wider than its slot in STSong is squeezed horizontally."""
    from PIL import Image, ImageDraw

    ascent, descent = font.getmetrics()
    natural = font.getlength(ch)
    glyph = Image.new("L", (math.ceil(natural) + 2, ascent + descent), 0)
    ImageDraw.Draw(glyph).text((1, ascent), ch, fill=255, font=font, anchor="ls")
    if natural > slot * 1.05:
        return glyph.resize((max(1, round(slot)), glyph.height), Image.LANCZOS), -1.0
    room = max(0.0, slot - natural)
    return glyph, (room if ch in "“‘" else 0.0 if ch in "”’" else room / 2) - 1


def _seal(centre: tuple[float, float], scale: float, text: str, rng: random.Random):
    """A red round seal (ring, star, `text` along the upper arc, mottled ink) as a float RGB array to
    multiply over the page (white = no ink), and the pixel position of its top-left corner."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    r = 21 * PT_PER_MM * scale  # a 42 mm seal
    side = math.ceil(2 * r) + 4
    cx = cy = side / 2
    layer = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(layer)
    ring = 1.2 * PT_PER_MM * scale
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=255, width=max(2, round(ring)))
    star_r = r * 0.3
    points = []
    for k in range(10):
        rad = star_r if k % 2 == 0 else star_r * 0.38
        a = -math.pi / 2 + k * math.pi / 5
        points.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    draw.polygon(points, fill=255)
    font_path = cjk_font_path()
    label = (text or "").replace("文件", "")[:12]
    if font_path and label:
        glyph_px = round(r * 0.28)
        font = ImageFont.truetype(font_path, glyph_px)
        span = math.radians(220)
        for i, ch in enumerate(label):
            a = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(label)
            gx, gy = cx + (r * 0.74) * math.cos(a), cy + (r * 0.74) * math.sin(a)
            glyph = Image.new("L", (glyph_px * 2, glyph_px * 2), 0)
            ImageDraw.Draw(glyph).text((glyph_px, glyph_px), ch, fill=255, font=font, anchor="mm")
            glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
            layer.paste(255, (round(gx - glyph_px), round(gy - glyph_px)), glyph)
    np_rng = np.random.default_rng(rng.randrange(1 << 30))
    alpha = np.asarray(layer, dtype=np.float32) / 255
    alpha *= np.where(np_rng.random(alpha.shape) < 0.25, 0.5, 0.9)  # a seal is never solid
    colour = np.array([200 + rng.randrange(0, 30), 30, 40], dtype=np.float32)
    red = 255 - alpha[:, :, None] * (255 - colour)
    return (max(0, round(centre[0] * scale - cx)), max(0, round(centre[1] * scale - cy))), red


def scanned_pdf(
    path: Path | str,
    title: str,
    paragraphs: list[str],
    *,
    header: str,
    dpi: int = 200,
    seed: int = 0,
    page_number_style: PageNumberStyle = "dash",
) -> int:
    """An image-only PDF (no text layer), like a printed and stamped report scanned back: the pages
    of `scanned_pages` saved as JPEG images at `dpi`. Returns the number of pages."""
    images = scanned_pages(
        title, paragraphs, header=header, dpi=dpi, seed=seed, page_number_style=page_number_style
    )
    images[0].save(
        str(path), "PDF", save_all=True, append_images=images[1:], resolution=float(dpi), quality=80
    )
    return len(images)


# ---------------------------------------------------------------------------------------------------
# Word (.docx) and legacy Word (.doc / .wps)


def docx_file(path: Path | str, title: str, paragraphs: list[str], *, header: str) -> None:
    """A .docx as a government office saves one: the title as a centred heading, body paragraphs with a
    two-character first-line indent in 宋体, the header text in the section header and a "- PAGE -"
    field in the footer. A 2x3 table (`TABLE_ROWS`: 行政复议案件 | 受理 | 审结 / 数量 | 12 | 10) follows
    the third paragraph, so a reader must keep table text."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    normal.font.name = "宋体"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")

    heading = doc.add_heading(title, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, text in enumerate(paragraphs):
        p = doc.add_paragraph(text)
        p.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)
        if i == 2:
            table = doc.add_table(rows=len(TABLE_ROWS), cols=len(TABLE_ROWS[0]))
            table.style = "Table Grid"
            for r, row in enumerate(TABLE_ROWS):
                for c, cell_text in enumerate(row):
                    table.cell(r, c).text = cell_text

    section = doc.sections[0]
    section.header.paragraphs[0].text = header
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    field.append(run)
    foot._p.append(field)
    foot._p.append(_run_xml(" -"))
    import datetime as dt

    props = doc.core_properties
    props.title, props.author, props.last_modified_by, props.comments = title, header, header, ""
    props.created = props.modified = dt.datetime(2020, 7, 15, 9, 0, 0)
    doc.save(str(path))


def _run_xml(text: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    return run


def soffice_convert(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice headless, in a throwaway profile (works as root and beside a running
    LibreOffice). Used once to make the committed .doc/.wps fixtures; see their README."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="lo_profile_") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(outdir),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=120,
            env={"HOME": profile, "PATH": "/usr/bin:/bin"},
        )
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    if not out.is_file():
        raise RuntimeError(f"soffice did not write {out}")
    return out


def make_legacy_fixtures(outdir: Path = ATTACHMENTS) -> list[Path]:
    """Write the committed fixtures report_001.doc, report_001.wps (the same bytes: most .wps files in
    the wild are OLE Word documents) and not_word.wps (an OLE spreadsheet named .wps). Run once by
    hand: `python -c "from tests.docgen import make_legacy_fixtures; make_legacy_fixtures()"`."""
    import shutil
    import tempfile

    outdir.mkdir(parents=True, exist_ok=True)
    title, paragraphs = sample_report("001_10e73418a0569e5a.txt")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docx = work / "report_001.docx"
        docx_file(docx, title, paragraphs, header="伊春市人民政府")
        doc = soffice_convert(docx, "doc", work)
        shutil.copyfile(doc, outdir / "report_001.doc")
        shutil.copyfile(doc, outdir / "report_001.wps")
    ole_not_word(outdir / "not_word.wps")
    return [outdir / n for n in ("report_001.doc", "report_001.wps", "not_word.wps")]


_FREESECT, _ENDOFCHAIN, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def ole_not_word(path: Path | str) -> None:
    """An OLE compound file that is not a Word document: one "Workbook" stream (Excel's) holding a
    BIFF8 BOF/EOF and padding, so a .wps reader must say "not a Word document", not crash or read
    junk. Hand-written (CFB version 3, 512-byte sectors) because the LibreOffice on the test machines
    has no Calc to convert a spreadsheet."""
    import struct

    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0x41, 0x06)
    eof = struct.pack("<HH", 0x000A, 0)
    data = (bof + eof).ljust(4096, b"\0")  # >= the mini-stream cutoff: kept in ordinary sectors
    Path(path).write_bytes(_cfb({"Workbook": data}))


def _cfb(streams: dict[str, bytes]) -> bytes:
    """A compound file (MS-CFB v3) of a few streams, each at least 4096 bytes: sector 0 is the FAT,
    sector 1 the directory, then the streams' sectors in order. Streams hang off the root as a chain
    of right siblings, in the directory's (length, upper-case name) order."""
    import struct

    sector = 512
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    assert len(names) <= 3 and all(len(streams[n]) >= 4096 for n in names)
    fat = [_FATSECT, _ENDOFCHAIN]
    starts, body = [], bytearray()
    for name in names:
        data = streams[name]
        n = -(-len(data) // sector)
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [_ENDOFCHAIN]
        body += data.ljust(n * sector, b"\0")
    assert len(fat) <= sector // 4
    fat += [_FREESECT] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (
            struct.pack(
                "<64sHBBIII16sIQQII",
                raw.ljust(64, b"\0"),
                len(raw),
                kind,
                1,  # black
                _NOSTREAM,
                right,
                child,
                b"\0" * 16,
                0,
                0,
                0,
                start,
                size,
            )
            + b"\0\0\0\0"
        )  # the size's high half (v3)

    entries = [entry("Root Entry", 5, _NOSTREAM, 1, _ENDOFCHAIN, 0)]
    for i, name in enumerate(names, start=1):
        right = i + 1 if i < len(names) else _NOSTREAM
        entries.append(entry(name, 2, right, _NOSTREAM, starts[i - 1], len(streams[name])))
    empty = struct.pack(
        "<64sHBBIII16sIQQII", b"", 0, 0, 0, _NOSTREAM, _NOSTREAM, _NOSTREAM, b"", 0, 0, 0, 0, 0
    )
    directory = b"".join(e for e in entries) + (empty + b"\0\0\0\0") * (4 - len(entries))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x003E,
        0x0003,
        0xFFFE,
        9,  # 512-byte sectors
        6,  # 64-byte mini sectors
        b"\0" * 6,
        0,  # directory sectors (0 in v3)
        1,  # FAT sectors
        1,  # first directory sector
        0,
        4096,  # mini stream cutoff
        _ENDOFCHAIN,  # no mini FAT
        0,
        _ENDOFCHAIN,  # no DIFAT sectors
        0,
    )
    header += struct.pack("<109I", 0, *([_FREESECT] * 108))
    assert len(header) == sector and len(directory) == sector
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + bytes(body)


# ---------------------------------------------------------------------------------------------------
# OFD (GB/T 33190-2016)

OFD_NS = "http://www.ofdspec.org/2016"
_OFD_FONT_ID = 2


def ofd_file(
    path: Path | str,
    title: str,
    paragraphs: list[str],
    *,
    header: str,
    seed: int = 0,
    deltax_g: bool = False,
) -> int:
    """A minimal valid OFD (zip of XML, units in millimetres) holding the shared layout: one TextObject
    per line (Boundary, Font, Size; a TextCode with X/Y inside the boundary and DeltaX advances), a
    header text object at the top and "- N -" at the bottom of each page. Each page's objects are
    written in a shuffled (seeded) order, so a reader must sort by position. With `deltax_g` the
    advances use the spec's run-length form ("g 5 5.644": five advances of 5.644 mm), as OFDs from
    office suites often do. Returns pages."""
    pages = layout(title, paragraphs, header=header)
    rng = random.Random(seed)
    next_id = _OFD_FONT_ID + 1
    page_entries: list[tuple[int, str]] = []
    contents: dict[str, str] = {}
    for n, lines in enumerate(pages):
        page_id = next_id
        next_id += 1
        layer_id = next_id
        next_id += 1
        objects = []
        for ln in lines:
            objects.append(_ofd_text_object(next_id, ln, deltax_g))
            next_id += 1
        rng.shuffle(objects)
        loc = f"Pages/Page_{n}/Content.xml"
        page_entries.append((page_id, loc))
        contents[f"Doc_0/{loc}"] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<ofd:Page xmlns:ofd="{OFD_NS}">'
            f"<ofd:Area><ofd:PhysicalBox>0 0 {PAGE_W_MM:g} {PAGE_H_MM:g}</ofd:PhysicalBox></ofd:Area>"
            f'<ofd:Content><ofd:Layer ID="{layer_id}" Type="Body">{"".join(objects)}</ofd:Layer></ofd:Content>'
            "</ofd:Page>"
        )
    max_id = next_id - 1
    ofd_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
        "<ofd:DocInfo><ofd:DocID>0c6f5d2e9b1a4f0e8a7d3c2b1a0f9e8d</ofd:DocID>"
        f"<ofd:Title>{escape(title)}</ofd:Title><ofd:Author>{escape(header)}</ofd:Author>"
        "<ofd:CreationDate>2024-01-01</ofd:CreationDate><ofd:Creator>fazhi tests</ofd:Creator>"
        "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    document_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
        f"<ofd:MaxUnitID>{max_id}</ofd:MaxUnitID>"
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W_MM:g} {PAGE_H_MM:g}</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>"
        + "".join(f'<ofd:Page ID="{pid}" BaseLoc="{loc}"/>' for pid, loc in page_entries)
        + "</ofd:Pages></ofd:Document>"
    )
    public_res = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
        f'<ofd:Font ID="{_OFD_FONT_ID}" FontName="宋体" FamilyName="宋体" Charset="unicode"/>'
        "</ofd:Fonts></ofd:Res>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", ofd_xml)
        z.writestr("Doc_0/Document.xml", document_xml)
        z.writestr("Doc_0/PublicRes.xml", public_res)
        for name, xml in contents.items():
            z.writestr(name, xml)
    return len(pages)


def _mm(pt: float) -> str:
    return f"{pt / PT_PER_MM:.3f}".rstrip("0").rstrip(".")


def _run_length(values: list[str]) -> list[str]:
    """OFD's DeltaX shorthand: a value repeated n > 1 times becomes "g n value"."""
    out: list[str] = []
    i = 0
    while i < len(values):
        j = i
        while j < len(values) and values[j] == values[i]:
            j += 1
        out += ["g", str(j - i), values[i]] if j - i > 1 else [values[i]]
        i = j
    return out


def _ofd_text_object(obj_id: int, ln: Placed, deltax_g: bool = False) -> str:
    ascent = 0.88 * ln.size
    top = ln.baseline - ascent
    height = ln.size * 1.1
    steps = [_mm(a) for a in ln.advances()[:-1]]
    delta = " ".join(_run_length(steps) if deltax_g else steps)
    delta_attr = f" DeltaX={quoteattr(delta)}" if delta else ""
    return (
        f'<ofd:TextObject ID="{obj_id}" Boundary="{_mm(ln.x)} {_mm(top)} {_mm(ln.width + 0.5)} {_mm(height)}"'
        f' Font="{_OFD_FONT_ID}" Size="{_mm(ln.size)}">'
        '<ofd:FillColor Value="0 0 0"/>'
        f'<ofd:TextCode X="0" Y="{_mm(ascent)}"{delta_attr}>{escape(ln.text)}</ofd:TextCode>'
        "</ofd:TextObject>"
    )


# ---------------------------------------------------------------------------------------------------
# Bad files


def encrypted_pdf(path: Path | str, title: str, paragraphs: list[str]) -> None:
    """A PDF that needs a user password ("userpw") to open, as some offices publish: a reader must
    record it as unreadable with the reason, not crash."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    pages = layout(title, paragraphs, header=title[:20])
    page_w, page_h = PAGE_W_MM * PT_PER_MM, PAGE_H_MM * PT_PER_MM
    enc = StandardEncryption("userpw", ownerPassword="ownerpw", canPrint=0, canCopy=0, strength=128)
    c = canvas.Canvas(str(path), pagesize=(page_w, page_h), encrypt=enc)
    for lines in pages[:2]:
        _draw_pdf_page(c, lines, page_h)
        c.showPage()
    c.save()


def truncated_copy(src: Path | str, dst: Path | str, keep: float = 0.4) -> int:
    """The first `keep` share of a file's bytes, like a download cut off mid-way. Returns bytes kept."""
    data = Path(src).read_bytes()
    n = int(len(data) * keep)
    Path(dst).write_bytes(data[:n])
    return n


def zero_page_pdf(path: Path | str) -> None:
    """A valid PDF with no pages (/Count 0, /Kids []), hand-written with a correct xref table, as a
    broken export can publish. Note: PDFium refuses it at open (pypdfium2 raises PdfiumError
    "Failed to load document (PDFium: Success).", err_code 0), it does not open with 0 pages; the
    same writer with one page opens fine, so the refusal is PDFium's rule, not a damaged file."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    Path(path).write_bytes(bytes(out))


def many_pages_pdf(path: Path | str, n: int = 200) -> int:
    """A long PDF (a yearbook, a gazette): `n` pages of two short Chinese lines and a page number each,
    for the page limits of the readers. Fast: no wrapping, one font."""
    from reportlab.pdfgen import canvas

    font = _register_font()
    page_w, page_h = PAGE_W_MM * PT_PER_MM, PAGE_H_MM * PT_PER_MM
    c = canvas.Canvas(str(path), pagesize=(page_w, page_h))
    for i in range(1, n + 1):
        c.setFont(font, 14)
        c.drawString(80, page_h - 120, f"第{i}页 法治政府建设情况汇编。本页办理行政复议案件{i % 50 + 1}件。")
        c.drawString(80, page_h - 150, "坚持严格规范公正文明执法,推进政务公开。")
        c.setFont(font, 12)
        c.drawCentredString(page_w / 2, 40, f"- {i} -")
        c.showPage()
    c.save()
    return n


_DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def zip_bomb_docx(path: Path | str, size: int = 1 << 30) -> dict[str, float]:
    """A .docx whose word/document.xml inflates to `size` bytes (1 GiB by default, under 4 GiB) from
    about 1.6 MB: a valid package, one real paragraph, then empty `<w:p/>` paragraphs. Fast and small
    in memory: a 1.5 MiB run of `<w:p/>` is deflated once, ending in a full flush so the compressed
    block can be repeated as is; only the CRC goes over every byte. Returns the compressed and
    uncompressed sizes and the seconds it took, for tests of the readers' inflate limits."""
    start = time.perf_counter()
    if not 0 < size < 1 << 32:
        raise ValueError("size must be under 4 GiB (no zip64 here)")
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W_NS}"><w:body>'
        "<w:p><w:r><w:t>法治政府建设情况报告</w:t></w:r></w:p>"
    ).encode()
    tail = b"</w:body></w:document>"
    unit = b"<w:p/>"
    chunk = unit * (1 << 18)  # 1.5 MiB
    body = max(0, size - len(head) - len(tail))
    repeats, rest = divmod(body, len(chunk))
    rest_bytes = unit * (rest // len(unit)) + b" " * (rest % len(unit))

    def deflate(data: bytes, final: bool) -> bytes:
        co = zlib.compressobj(9, zlib.DEFLATED, -15)
        return co.compress(data) + co.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)

    first, block, last = deflate(head, False), deflate(chunk, False), deflate(rest_bytes + tail, True)
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(rest_bytes + tail, crc)
    n_in = len(head) + repeats * len(chunk) + len(rest_bytes) + len(tail)
    n_out = len(first) + repeats * len(block) + len(last)

    with open(path, "wb") as f:
        central = []
        for name, text in (("[Content_Types].xml", _DOCX_CONTENT_TYPES), ("_rels/.rels", _DOCX_RELS)):
            data = text.encode()
            packed = deflate(data, True)
            central.append(_zip_local(f, name, zlib.crc32(data), len(packed), len(data)))
            f.write(packed)
        central.append(_zip_local(f, "word/document.xml", crc, n_out, n_in))
        f.write(first)
        for _ in range(repeats):
            f.write(block)
        f.write(last)
        _zip_central(f, central)
    return {
        "compressed_bytes": Path(path).stat().st_size,
        "uncompressed_bytes": n_in,
        "seconds": time.perf_counter() - start,
    }


_ZIP_TIME, _ZIP_DATE = (9 << 11), ((2020 - 1980) << 9) | (7 << 5) | 15  # 2020-07-15 09:00


def _zip_local(f, name: str, crc: int, csize: int, usize: int) -> bytes:
    """Write a deflated member's local header; return its central directory record."""
    import struct

    raw = name.encode()
    offset = f.tell()
    f.write(
        struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, _ZIP_TIME, _ZIP_DATE, crc, csize, usize, len(raw), 0
        )
    )
    f.write(raw)
    fields = (0x02014B50, 20, 20, 0, 8, _ZIP_TIME, _ZIP_DATE, crc, csize, usize, len(raw), 0, 0, 0, 0, 0)
    return struct.pack("<IHHHHHHIIIHHHHHII", *fields, offset) + raw


def _zip_central(f, records: list[bytes]) -> None:
    import struct

    start = f.tell()
    for rec in records:
        f.write(rec)
    size = f.tell() - start
    f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(records), len(records), size, start, 0))
