"""Chrome stripping: one page's bytes -> a CleanedPage (title, body text, metadata, attachments).

Public API: `clean_page` (never raises; unreadable input yields `error`).
"""

from __future__ import annotations

from typing import Any

from pipelines.clean import lexicon as lx
from pipelines.clean import origin
from pipelines.clean.bound import bound_markup, max_markup_bytes
from pipelines.clean.decode import decode_body
from pipelines.clean.html import clean_html_text, text_only_lines
from pipelines.clean.lines import clean_lines
from pipelines.clean.meta import PUBLISH_KEYS, site_fields
from pipelines.clean.prose import cjk_count
from pipelines.records import DOCUMENT_MEDIA_TYPES, CleanedPage
from pipelines.text.dates import date_from_url, labelled_date, to_iso
from pipelines.text.normalize import split_lines, stripped_lines
from pipelines.text.offsets import carry_offsets

__all__ = ["CleanedPage", "clean_page"]

MAX_DOM_BYTES = 8_000_000  # larger pages are cleaned from their text alone (a DOM costs ~10x the bytes)
PAGE_SHELL_CJK = 100
_MAX_REMOVED = 200
_MAX_REMOVED_CHARS = 120
_LABELLED_HEAD_LINES = 6  # an info bar left at the top of the body


def _finish(
    fields: dict[str, Any],
    encoding: str | None,
    warnings: list[str],
    url: str | None,
    declared: tuple[str, str] | None = None,
) -> CleanedPage:
    meta: dict[str, Any] = fields["meta"]
    # The address the page declares for itself (a saved page's comment, its canonical link): kept in
    # the metadata beside the fetch URL, and standing in for it when the page came from a file.
    declared = declared or fields.get("declared_url")
    if declared:
        meta["source_url"], meta["source_url_from"] = declared
    url = url or meta.get("source_url")
    meta.update(site_fields(meta.pop("site_id_code", None)))
    publish = to_iso(meta.get("publish_date"))
    for k in PUBLISH_KEYS[1:]:
        publish = publish or to_iso(meta.get(k))
    publish = publish or to_iso(meta.get("first_published")) or to_iso(meta.get("publish_date_alt"))
    if not publish and (from_url := date_from_url(url)):
        publish = from_url
        meta["publish_date_from"] = "url"
    written = to_iso(meta.get("written_date"))
    body_lines: list[str] = fields["body"]
    body = "\n".join(body_lines)
    attachments = fields.get("attachments", [])
    shell = bool(attachments) and cjk_count(body) < PAGE_SHELL_CJK
    if shell:
        warnings.append("page shell: the text is in the attachments")
    if not body:
        warnings.append("no body text found")
    title = fields.get("title")
    removed = [r[:_MAX_REMOVED_CHARS] for r in fields.get("removed", [])][:_MAX_REMOVED]
    return CleanedPage(
        title=" ".join(title.split()) if title else None,
        title_reason=fields.get("title_reason"),
        body_text=body,
        page_meta=meta,
        publish_date=publish,
        written_date=written,
        attachments=attachments,
        removed=removed,
        page_shell=shell,
        encoding=encoding,
        method=fields.get("method", ""),
        warnings=warnings + fields.get("warnings", []),
        labelled_date=labelled_date(removed + stripped_lines(body)[:_LABELLED_HEAD_LINES]),
        owner_lines=[r for r in removed if lx.OWNER_LINE.search(r)],
    )


def clean_page(
    body: bytes,
    media_type: str,
    *,
    url: str | None = None,
    declared_encoding: str | None = None,
) -> CleanedPage:
    """Clean one page ("html" or "text" dump) or read a document file ("pdf", "docx", "doc", "ofd").
    Never raises: unreadable input sets `error`.

    Only the first FAZHI_MAX_MARKUP_MB of a page are read (`bound.bound_markup`, with a warning)."""
    if media_type in DOCUMENT_MEDIA_TYPES:
        return _document(body or b"", media_type, url)
    body, cut = bound_markup(body or b"", max_markup_bytes())
    try:
        dec = decode_body(body, declared_encoding)
    except Exception as exc:  # pragma: no cover - decode_body is written not to raise
        return CleanedPage(title=None, body_text="", error=f"decode: {type(exc).__name__}")
    if dec.error:
        return CleanedPage(
            title=None,
            body_text="",
            encoding=dec.encoding,
            warnings=[*([cut] if cut else []), *dec.warnings],
            error=dec.error,
        )
    warnings = [*([cut] if cut else []), *dec.warnings]
    text = dec.text
    declared = origin.from_head(text)
    try:
        if media_type == "html":
            if len(body) > MAX_DOM_BYTES:
                warnings.append(f"page of {len(body) / 1e6:.1f} MB: text-only extraction without a DOM")
                return _text_fields(text_only_lines(text), dec.encoding, warnings, url, declared)
            try:
                fields = clean_html_text(text, url=url)
            except RecursionError:
                warnings.append("nesting too deep for the DOM: text-only extraction")
                return _text_fields(text_only_lines(text), dec.encoding, warnings, url, declared)
            return _finish(fields, dec.encoding, warnings, url, declared)
        if media_type != "text":
            warnings.append(f"unknown media type {media_type!r}: treated as text")
        if text.lstrip()[:1] == "<" and "<html" in text[:2000].lower():
            warnings.append("text dump looks like HTML")
        return _text_fields(split_lines(text), dec.encoding, warnings, url, declared)
    except Exception as exc:  # a bug on one page must not stop the batch: best effort, recorded
        warnings.append(f"cleaner failed ({type(exc).__name__}: {exc}); text-only fallback")
        try:
            return _text_fields(text_only_lines(text), dec.encoding, warnings, url, declared)
        except Exception as exc2:
            return CleanedPage(
                title=None,
                body_text="",
                encoding=dec.encoding,
                warnings=warnings,
                error=f"internal: {type(exc2).__name__}",
            )


def _text_fields(
    lines: list[str],
    encoding: str | None,
    warnings: list[str],
    url: str | None,
    declared: tuple[str, str] | None = None,
) -> CleanedPage:
    lb = clean_lines(lines)
    fields = {
        "title": lb.title,
        "title_reason": lb.title_reason,
        "body": lb.body,
        "meta": lb.meta,
        "removed": lb.removed,
        "method": "lines",
    }
    return _finish(fields, encoding, warnings, url, declared)


def _document(body: bytes, media_type: str, url: str | None) -> CleanedPage:
    """A document file: read in a capped child process (pipelines/read), then its lines cleaned as a
    text dump's are (the title found above the body, a cover's metadata lines set aside), with the
    page starts carried to the kept text."""
    from pipelines.read import read_capped

    read = read_capped(body, media_type)
    if read.error or not read.text.strip():
        return CleanedPage(
            title=None,
            body_text=read.text,
            method=read.method,
            warnings=read.warnings,
            error=read.error or "no text read",
            read_confidence=read.confidence,
            removed=read.removed[:_MAX_REMOVED],
        )
    cleaned = _text_fields(split_lines(read.text), None, list(read.warnings), url)
    if not cleaned.body_text.strip():
        # A file has no site chrome: when the line rules keep nothing (a short file that reads like
        # metadata), its text is the body, whole.
        cleaned = _finish(
            {"title": None, "body": stripped_lines(read.text), "meta": {}, "method": read.method},
            None,
            [*read.warnings, "the line rules kept no body: the file's text is kept whole"],
            url,
        )
    cleaned.method = read.method
    cleaned.page_starts = carry_offsets(read.text, read.page_starts, cleaned.body_text)
    cleaned.read_confidence = read.confidence
    cleaned.removed = ([r[:_MAX_REMOVED_CHARS] for r in read.removed] + cleaned.removed)[:_MAX_REMOVED]
    return cleaned
