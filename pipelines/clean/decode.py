"""Turn page bytes into text without mojibake, or say why the bytes are not a readable page.

Order (gov-pages.md §8 A): a byte-order mark is unambiguous; bytes that are valid UTF-8 are UTF-8
(legacy GB text is practically never valid UTF-8, while UTF-8 decoded as GB18030 "succeeds" and
yields mojibake, the classic wrong-declared-charset failure); then the transport's declared charset,
the page's own <meta charset>, detection by charset-normalizer; GB2312/GBK are decoded as their
superset GB18030. Every departure from the declared charset is recorded as a warning.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "binary"),  # zip, docx, xlsx, ofd
    (b"\xd0\xcf\x11\xe0", "binary"),  # OLE: doc, xls, wps
    (b"\x89PNG", "binary"),
    (b"GIF8", "binary"),
    (b"\xff\xd8\xff", "binary"),
    (b"\x1f\x8b", "binary"),  # gzip left undecoded by the transport
    (b"Rar!", "binary"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^[^>]{0,300}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030",
    "big5": "big5hkscs",
    "utf8": "utf-8",
    "unicode": "utf-8",
    "x-user-defined": "",
    "iso-8859-1": "",
    "latin1": "",
    "latin-1": "",
    "us-ascii": "",
    "ascii": "",
    "windows-1252": "",
}


@dataclass
class Decoded:
    text: str
    encoding: str | None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def sniff_error(body: bytes) -> str | None:
    """'empty', 'pdf' or 'binary' when the bytes cannot be a page; None otherwise."""
    if not body or not body.strip():
        return "empty"
    head = body[:8].lstrip()
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if any(body.startswith(bom) for bom, _ in _BOMS):
        return None
    sample = body[:4096]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if b"\x00" in sample or controls > len(sample) * 0.05:
        return "binary"
    return None


def canonical(name: str | None) -> str | None:
    """Python codec name for a declared charset; gb2312/gbk -> gb18030; Latin-1 style defaults -> None."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in _ALIASES:
        return _ALIASES[name] or None
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if info.name in ("gb2312", "gbk"):
        return "gb18030"
    if info.name in ("latin-1", "iso8859-1", "cp1252", "ascii"):
        return None  # an HTTP library's default, never a Chinese page's real charset
    return info.name


def declared_in_page(body: bytes) -> str | None:
    head = body[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def _strict(body: bytes, enc: str) -> str | None:
    try:
        return body.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_body(body: bytes, declared: str | None = None) -> Decoded:
    """Decode page bytes (see module docstring for the order); never raises."""
    err = sniff_error(body)
    if err:
        return Decoded("", None, error=err)
    warnings: list[str] = []
    for bom, enc in _BOMS:
        if body.startswith(bom):
            text = body[len(bom) :].decode(enc, "replace")
            return Decoded(text, enc, [f"decoded by byte-order mark as {enc}"] if declared else [])
    declared_enc = canonical(declared)
    meta_enc = canonical(declared_in_page(body))
    try:
        return Decoded(body.decode("ascii"), declared_enc or meta_enc or "ascii")
    except UnicodeDecodeError:
        pass
    text = _strict(body, "utf-8")
    if text is not None:
        for name, enc in (("declared", declared_enc), ("meta", meta_enc)):
            if enc and enc != "utf-8":
                warnings.append(f"{name} charset {enc} ignored: bytes are valid UTF-8")
        return Decoded(text, "utf-8", warnings)
    for name, enc in (("declared", declared_enc), ("meta", meta_enc)):
        if enc and enc != "utf-8":
            text = _strict(body, enc)
            if text is not None:
                return Decoded(text, enc, warnings)
            warnings.append(f"{name} charset {enc} does not decode the bytes")
        elif enc == "utf-8":
            warnings.append(f"{name} charset utf-8 does not decode the bytes")
    guess = _detect(body)
    best: tuple[float, str, str] | None = None
    for enc in dict.fromkeys(e for e in (guess, "gb18030") if e):
        text = _strict(body, enc)
        if text is not None:
            cand = (_common_cjk_share(text), enc, text)
            best = cand if best is None or cand[0] > best[0] else best
    if best is not None:
        warnings.append(f"charset detected as {best[1]}")
        return Decoded(best[2], best[1], warnings)
    # Truncated pages often end inside a multi-byte character: forgive only the last few bytes.
    for enc in ("utf-8", "gb18030"):
        text = _strict(body[:-3], enc) if len(body) > 3 else None
        if text is not None:
            warnings.append(f"decoded as {enc}; trailing bytes of a truncated character dropped")
            return Decoded(text + body[-3:].decode(enc, "ignore"), enc, warnings)
    enc = guess or meta_enc or declared_enc or "gb18030"
    text = body.decode(enc, "replace")
    bad = text.count("\ufffd")
    warnings.append(f"decoded as {enc} with {bad} undecodable sequences replaced")
    if bad > max(20, len(text) * 0.02):
        return Decoded("", enc, warnings, error="undecodable")
    return Decoded(text, enc, warnings)


def _detect(body: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body[:200_000]).best()
    except Exception:  # detection is a hint; never let it break a batch
        return None
    if best is None:
        return None
    return canonical(best.encoding) or None


def _common_cjk_share(text: str) -> float:
    """Share of CJK characters inside GB2312's everyday repertoire: high for right guesses, low for mojibake."""
    cjk = [c for c in text[:20000] if "\u3400" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    common = 0
    for c in cjk:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(cjk)
