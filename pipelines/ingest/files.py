"""Turn files on disk (saved HTML pages, text dumps) into immutable `Page` records.

Pure apart from reading the files: nothing here knows about the warehouse. A file that cannot be
read is reported as an `IngestError` with its reason so the caller records it and moves on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from pipelines.records import IngestError, MediaType, Origin, Page

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"}
TEXT_SUFFIXES = {".txt", ".text", ".wet"}
# Inbox files larger than this are refused (recorded), not read into memory.
MAX_FILE_BYTES = 50 * 1024 * 1024


def guess_media_type(path: Path, head: bytes) -> MediaType:
    """Decide html vs text from the suffix, else from the first bytes (a saved page starts with a tag)."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    return "html" if sniff.startswith((b"<!doctype", b"<html", b"<head", b"<meta", b"<?xml")) else "text"


def read_page_file(path: Path, *, origin: Origin, location: str | None = None) -> Page | IngestError:
    loc = location or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return IngestError(loc, f"file too large: {size} bytes > {MAX_FILE_BYTES}")
        body = path.read_bytes()
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
    except OSError as exc:
        return IngestError(loc, f"unreadable: {exc.strerror or exc}")
    if not body.strip():
        return IngestError(loc, "empty file")
    return Page.from_bytes(
        body,
        url=None,
        location=loc,
        origin=origin,
        media_type=guess_media_type(path, body[:512]),
        fetched_at=mtime.replace(tzinfo=None).isoformat(timespec="seconds"),
    )


def _skipped(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts) or rel.parts[0] in {"failed", "processed"}


def inbox_files(folder: Path) -> list[Path]:
    """Files waiting in a folder, in a stable order (what `scan_folder` would read)."""
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and not _skipped(p.relative_to(folder))]


def scan_folder(folder: Path, *, origin: Origin, root: Path | None = None) -> Iterator[Page | IngestError]:
    """Yield one record per regular file below `folder`, in a stable (sorted) order.

    Hidden files and the inbox's `failed/` and `processed/` folders are skipped: they hold files
    that were already dealt with.
    """
    for path in inbox_files(folder):
        location = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        yield read_page_file(path, origin=origin, location=location)
