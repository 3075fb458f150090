"""DOCX -> text: the body's paragraphs and tables in document order (python-docx's XML model).

python-docx is the well-kept reader of Office Open XML. A .docx has no fixed pages (Word lays them
out when it renders), so its text carries no page starts; headers and footers live in their own
parts and never enter the body. A table's row reads as its cells separated by a full-width space.
"""

from __future__ import annotations

import io

from pipelines.read.result import ReadText
from pipelines.read.zipguard import open_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(body: bytes) -> ReadText:
    import docx  # python-docx

    archive = open_zip(body)
    if isinstance(archive, str):
        return ReadText.failed(archive)
    archive.close()
    try:
        document = docx.Document(io.BytesIO(body))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... on damaged files
        return ReadText.failed(f"damaged .docx: {type(exc).__name__}: {exc}")
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == _W + "p":
            lines.append(_paragraph_text(block))
        elif block.tag == _W + "tbl":
            for row in block.iter(_W + "tr"):
                cells = ["".join(_paragraph_text(p) for p in tc.iter(_W + "p")) for tc in row.iter(_W + "tc")]
                lines.append("\u3000".join(c.strip() for c in cells if c.strip()))
    text = "\n".join(ln.strip() for ln in lines if ln.strip())
    if not text:
        return ReadText("", "docx", error="the .docx holds no text")
    return ReadText(text, "docx")


def _paragraph_text(p) -> str:
    """A paragraph's runs: text, tabs and breaks; deleted revisions and field instructions left out."""
    out = []
    for node in p.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):
        if node.tag == _W + "t":
            if any(a.tag == _W + "del" for a in node.iterancestors()):
                continue
            out.append(node.text or "")
        elif node.tag == _W + "tab":
            out.append(" ")
        else:
            out.append("\n")
    return "".join(out)
