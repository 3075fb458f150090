"""What a reader makes of a document file: its text with page starts, how it was read, and why not."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReadText:
    text: str  # paragraphs separated by "\n"
    method: str  # pdf_text | ocr | pdf_text+ocr | docx | doc | ofd | needs_ocr | failed
    page_starts: list[int] = field(default_factory=list)  # where page 1, 2, ... begins (formats with pages)
    confidence: float | None = None  # OCR's mean word confidence (0-1) when any page was OCR'd
    removed: list[str] = field(default_factory=list)  # running headers, footers, page numbers
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # set when the file could not be read; text may be empty

    @classmethod
    def failed(cls, error: str, method: str = "failed") -> ReadText:
        return cls("", method, error=error)
