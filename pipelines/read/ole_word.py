"""Legacy Word (.doc) and WPS (.wps) files -> text, from the Word 97-2003 binary format itself.

Most .wps files in the wild are OLE compound files with a Word document stream, written by Kingsoft
WPS in Word's binary format, so one reader serves both. olefile (well kept, pure Python) opens the
compound file; the text is then assembled from the document's piece table ([MS-DOC] 2.4.1): the FIB
names the table stream and the CLX, whose pieces say where each run of characters lies in the
WordDocument stream and whether it is 8-bit (cp1252) or UTF-16 (how Chinese text is stored). Only the
main document's ccpText characters are read: footnotes, headers and comments follow them in the
stream. Field instructions (PAGE, HYPERLINK ...) are dropped and their results kept.

Antiword and catdoc (Debian) were the alternatives: both mangle CJK text or need a locale map, and
both would be one more system package; this is 100 lines with none.
"""

from __future__ import annotations

import io
import struct

from pipelines.read.result import ReadText

_FIB_MAGIC = 0xA5EC
_SPECIALS = {
    "\r": "\n",  # paragraph end
    "\x0b": "\n",  # line break
    "\x0c": "\n",  # page or section break
    "\x07": "\t",  # cell or row end
    "\x0e": "\n",  # column break
    "\x1e": "-",  # non-breaking hyphen
    "\x1f": "",  # optional hyphen
    "\xa0": " ",
}
_DROP = set("\x01\x02\x03\x04\x05\x06\x08")  # pictures, footnote and comment marks, drawn objects


def read_ole_word(body: bytes) -> ReadText:
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(body))
    except Exception as exc:  # olefile raises OSError or its own errors on damaged files
        return ReadText.failed(f"damaged OLE file: {exc}")
    try:
        if not ole.exists("WordDocument"):
            streams = ", ".join("/".join(s) for s in ole.listdir()[:6])
            return ReadText.failed(
                f"unsupported: an OLE file without a Word document (streams: {streams or 'none'}); "
                "only Word-format .doc/.wps files are read"
            )
        word = ole.openstream("WordDocument").read()
        text = _text(ole, word)
    except ValueError as exc:
        return ReadText.failed(str(exc))
    finally:
        ole.close()
    lines = [ln.strip() for ln in text.split("\n")]
    out = "\n".join(ln for ln in lines if ln)
    if not out:
        return ReadText("", "doc", error="the Word file holds no text")
    return ReadText(out, "doc")


def _text(ole, word: bytes) -> str:
    if len(word) < 0x1AA or struct.unpack_from("<H", word, 0)[0] != _FIB_MAGIC:
        raise ValueError("unsupported: not a Word 97-2003 document (no FIB); Word 6/95 files are not read")
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if flags & 0x0100:
        raise ValueError("encrypted: the Word file is password-protected")
    table_name = "1Table" if flags & 0x0200 else "0Table"
    if not ole.exists(table_name):
        raise ValueError(f"damaged Word file: its table stream {table_name} is missing")
    table = ole.openstream(table_name).read()
    # FibBase (32 bytes), then csw + FibRgW97, cslw + FibRgLw97, cbRgFcLcb + FibRgFcLcb97.
    csw = struct.unpack_from("<H", word, 32)[0]
    lw_at = 32 + 2 + csw * 2
    cslw = struct.unpack_from("<H", word, lw_at)[0]
    ccp_text = struct.unpack_from("<i", word, lw_at + 2 + 3 * 4)[0]
    fc_at = lw_at + 2 + cslw * 4 + 2
    fc_clx, lcb_clx = struct.unpack_from("<II", word, fc_at + 33 * 8)
    if lcb_clx == 0 or fc_clx + lcb_clx > len(table):
        raise ValueError("damaged Word file: no piece table")
    return _clean(_pieces(word, table[fc_clx : fc_clx + lcb_clx], ccp_text))


def _pieces(word: bytes, clx: bytes, ccp_text: int) -> str:
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers, skipped
        at += 3 + struct.unpack_from("<H", clx, at + 1)[0]
    if at >= len(clx) or clx[at] != 0x02:
        raise ValueError("damaged Word file: the piece table has no Pcdt")
    size = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5 : at + 5 + size]
    n = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    out: list[str] = []
    for k in range(n):
        start, end = cps[k], min(cps[k + 1], ccp_text)
        if start >= ccp_text:
            break
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
        count = end - start
        if fc & 0x40000000:
            offset = (fc & ~0x40000000) // 2
            out.append(word[offset : offset + count].decode("cp1252", errors="replace"))
        else:
            out.append(word[fc : fc + 2 * count].decode("utf-16-le", errors="replace"))
    return "".join(out)


def _clean(raw: str) -> str:
    """Special characters to text; a field's instruction (between 0x13 and 0x14) dropped, its result kept."""
    out: list[str] = []
    fields: list[bool] = []  # per open field (0x13): True while in its instruction (until 0x14)
    for ch in raw:
        if ch == "\x13":
            fields.append(True)
            continue
        if ch == "\x14":
            if fields:
                fields[-1] = False
            continue
        if ch == "\x15":
            if fields:
                fields.pop()
            continue
        if any(fields):
            continue
        if ch in _DROP:
            continue
        out.append(_SPECIALS.get(ch, ch))
    # A table row's cells each end with 0x07 and the row with one more: a row reads as one line.
    return "".join(out).replace("\t\t", "\n").replace("\t", "\u3000")
