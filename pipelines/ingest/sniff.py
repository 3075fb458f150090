"""Is a dropped file something a reader understands? Images, archives of non-documents, media,
programs and random bytes are not: `not_understood` names why, and the file goes to inbox/failed/.

Documents stay in (PDF, OLE2 .doc/.xls/.wps, RTF, and zip-based formats: DOCX/XLSX/PPTX, ODF,
EPUB, OFD), as do pages and text in any encoding, including UTF-16/32 with or without a byte-order mark.
"""

from __future__ import annotations

import codecs
import io
import zipfile

# (magic bytes, offset, what it is): formats no reader understands.
_NOT_DOCUMENTS: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"BM", 0, None),  # checked below: BMP only with a plausible header
    (b"II*\x00", 0, "a TIFF image"),
    (b"MM\x00*", 0, "a TIFF image"),
    (b"\x00\x00\x01\x00", 0, "an icon image"),
    (b"8BPS", 0, "a Photoshop image"),
    (b"\x1f\x8b", 0, "a gzip archive"),
    (b"BZh", 0, None),  # checked below: bzip2 only with a block size digit
    (b"\xfd7zXZ\x00", 0, "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7z archive"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", 0, "a zstd archive"),
    (b"ustar", 257, "a tar archive"),
    (b"\x7fELF", 0, "a program (ELF)"),
    (b"MZ", 0, None),  # checked below: a Windows program only with a PE header offset
    (b"\xca\xfe\xba\xbe", 0, "a program (Mach-O/Java class)"),
    (b"ID3", 0, "an MP3 audio file"),
    (b"OggS", 0, "an Ogg media file"),
    (b"fLaC", 0, "a FLAC audio file"),
    (b"\x1aE\xdf\xa3", 0, "a Matroska/WebM video"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
)
_DOCUMENT_MAGIC = (b"%PDF-", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Members that make a zip a document: OOXML, ODF/EPUB (mimetype), OFD.
_ZIP_DOCUMENT_MEMBERS = ("[content_types].xml", "mimetype", "ofd.xml", "word/", "xl/", "ppt/", "doc_0/")
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x1b")
# The control bytes text never has, for a count done in C (bytes.translate deletes them).
_BINARY_CONTROLS = bytes(b for b in [*range(0x20), 0x7F] if b not in _TEXT_CONTROLS)
SAMPLE = 64 * 1024


def _riff(head: bytes) -> str | None:
    kind = head[8:12]
    return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}.get(
        kind, "a RIFF media file"
    )


def _zip_reason(body: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = [n.lower() for n in archive.namelist()]
    except (zipfile.BadZipFile, ValueError, OSError):
        return "a damaged zip archive"
    if any(n == m or n.startswith(m) or n.endswith("/" + m) for n in names for m in _ZIP_DOCUMENT_MEMBERS):
        return None
    shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
    return f"a zip archive that is not a document ({len(names)} member(s): {shown or 'none'})"


def _binary_reason(sample: bytes) -> str | None:
    """Random or binary bytes: control characters text never has, and no text encoding fits."""
    if sample.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if len(sample) >= 4 and (
        sample[1::2].count(0) > 0.8 * len(sample[1::2]) or sample[0::2].count(0) > 0.8 * len(sample[0::2])
    ):
        return None  # UTF-16 text without a byte-order mark
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    if controls <= 0.02 * len(sample):
        return None
    for encoding in ("utf-8", "gb18030", "big5"):
        text = sample.decode(encoding, errors="replace")
        if text.count("\ufffd") <= 0.01 * len(text):
            return None
    return f"binary data, not text ({controls} control bytes in the first {len(sample)})"


def not_understood(body: bytes) -> str | None:
    """Why no reader understands `body`, or None for pages, text and documents."""
    head = body[:512]
    if head.startswith(_DOCUMENT_MAGIC):
        return None
    if head.startswith(_ZIP_MAGIC):
        return _zip_reason(body)
    if head.startswith(b"RIFF"):
        return _riff(head)
    if head[4:8] == b"ftyp":
        return "an MP4/MOV/HEIF media file"
    for magic, offset, what in _NOT_DOCUMENTS:
        if head[offset : offset + len(magic)] != magic:
            continue
        if what is not None:
            return what
        if magic == b"BM" and len(head) >= 26 and head[14] in (12, 40, 56, 108, 124):
            return "a BMP image"
        if magic == b"BZh" and head[3:4].isdigit():
            return "a bzip2 archive"
        if magic == b"MZ" and len(head) >= 64:
            pe = int.from_bytes(head[60:64], "little")
            if body[pe : pe + 4] == b"PE\x00\x00":
                return "a program (Windows PE)"
    return _binary_reason(body[:SAMPLE])


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def document_format(body: bytes) -> str | None:
    """The document format of `body` from its bytes, not its name (an attachment's URL or a dropped
    file's suffix often lies: a .doc that is a .docx, a .wps that is an OLE Word file): "pdf", "docx",
    "doc" (any OLE compound file: legacy Word, WPS; the reader says when it holds no Word text), "ofd",
    or None for everything else (pages, text, other archives)."""
    head = body[:1024]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"%PDF-" or b"%PDF-" in head:
        return "pdf"
    if head.startswith(_OLE_MAGIC):
        return "doc"
    if head.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                names = {n.lower().lstrip("/") for n in archive.namelist()}
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "word/document.xml" in names:
            return "docx"
        if "ofd.xml" in names:
            return "ofd"
    return None
