"""Document files (PDF, DOCX, legacy Word/WPS, OFD) -> the report's text, with its page starts.

Public API: `read_document(body, media_type)` reads in this process (pure apart from Tesseract);
`read_capped` reads in a child process under a time and memory cap, which is what the build uses: a
damaged or hostile file must not stall or exhaust it (guard.py). Either never raises: a file that
cannot be read comes back with `error` set and its reason.
"""

from __future__ import annotations

from collections.abc import Callable

from pipelines.read.result import ReadText

__all__ = ["ReadText", "read_capped", "read_document"]


def _readers() -> dict[str, Callable[[bytes], ReadText]]:
    from pipelines.read.ofd import read_ofd
    from pipelines.read.ole_word import read_ole_word
    from pipelines.read.ooxml import read_docx
    from pipelines.read.pdf_text import read_pdf

    return {"pdf": read_pdf, "docx": read_docx, "doc": read_ole_word, "ofd": read_ofd}


def read_document(body: bytes, media_type: str) -> ReadText:
    reader = _readers().get(media_type)
    if reader is None:
        return ReadText.failed(f"unsupported: no reader for {media_type!r} files")
    try:
        return reader(body)
    except MemoryError:
        return ReadText.failed("reading ran out of memory")
    except Exception as exc:  # a reader's bug or a library's surprise on a strange file: recorded, not raised
        return ReadText.failed(f"the {media_type} reader failed: {type(exc).__name__}: {exc}")


def read_capped(body: bytes, media_type: str) -> ReadText:
    from pipelines.read.guard import read_in_child

    return read_in_child(body, media_type)
