"""Turn files on disk (saved HTML pages, text dumps) into immutable `Page` records.

Pure apart from reading the files: nothing here knows about the warehouse. A file that cannot be
read is reported as an `IngestError` with its reason so the caller records it and moves on.

A folder scan (the inbox, the bundled samples) reads only regular files inside the folder: a
symbolic link (even to a real file), a FIFO, a socket or a device, or a path whose real location
is outside the folder is refused with its reason, never opened. Files are opened with O_NOFOLLOW
and checked again on the open descriptor, so a file swapped for a link after the listing is
refused too. A file no reader understands (an image, an archive of non-documents, random bytes:
see `sniff.not_understood`) is an IngestError too, like an empty file.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from pipelines.ingest.sniff import document_format, not_understood
from pipelines.records import IngestError, MediaType, Origin, Page

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"}
TEXT_SUFFIXES = {".txt", ".text", ".wet"}
# Inbox files larger than this are refused (recorded), not read into memory.
MAX_FILE_BYTES = 50 * 1024 * 1024


def guess_media_type(path: Path, head: bytes) -> MediaType:
    """A document file's format from its bytes (whatever its name says); else html vs text from the
    suffix, else from the first bytes (a saved page starts with a tag)."""
    fmt = document_format(head)
    if fmt is not None:
        return fmt  # type: ignore[return-value]
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    return "html" if sniff.startswith((b"<!doctype", b"<html", b"<head", b"<meta", b"<?xml")) else "text"


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def refusal(path: Path, folder: Path) -> str | None:
    """Why a scan of `folder` must not read `path` (lexically below it), or None for a regular file
    whose real location is inside the folder."""
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return f"refused: a symbolic link (to {target}); only regular files inside the folder are read"
    if not stat.S_ISREG(mode):
        return f"refused: {_kind(mode)}; only regular files inside the folder are read"
    if not path.resolve().is_relative_to(folder.resolve()):
        return f"refused: the path leads outside the folder (to {path.resolve()})"
    return None


def _read_regular(path: Path, *, follow_symlinks: bool) -> tuple[bytes, float] | str:
    """The bytes and mtime of a regular file, or the reason it is refused (too large, not regular)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow_symlinks and path.is_symlink():
            return "refused: a symbolic link; only regular files inside the folder are read"
        return f"unreadable: {exc.strerror or exc}"
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return f"refused: {_kind(info.st_mode)}; only regular files are read"
        if info.st_size > MAX_FILE_BYTES:
            return f"file too large: {info.st_size} bytes > {MAX_FILE_BYTES}"
        body = handle.read(MAX_FILE_BYTES + 1)
    if len(body) > MAX_FILE_BYTES:
        return f"file too large: more than {MAX_FILE_BYTES} bytes"
    return body, info.st_mtime


def read_page_file(
    path: Path, *, origin: Origin, location: str | None = None, follow_symlinks: bool = True
) -> Page | IngestError:
    """One file as a Page. A path the user named (`fazhi extract`) may be a link; a folder scan
    passes follow_symlinks=False so a link swapped in after the listing is refused."""
    loc = location or str(path)
    try:
        read = _read_regular(path, follow_symlinks=follow_symlinks)
    except OSError as exc:
        return IngestError(loc, f"unreadable: {exc.strerror or exc}")
    if isinstance(read, str):
        return IngestError(loc, read)
    body, st_mtime = read
    mtime = dt.datetime.fromtimestamp(st_mtime, tz=dt.UTC)
    if not body.strip():
        return IngestError(loc, "empty file")
    why = not_understood(body)
    if why is not None:
        return IngestError(loc, f"no reader understands this file: {why}")
    return Page.from_bytes(
        body,
        url=None,
        location=loc,
        origin=origin,
        media_type=guess_media_type(path, body),
        fetched_at=mtime.replace(tzinfo=None).isoformat(timespec="seconds"),
    )


def _skipped(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts) or rel.parts[0] in {"failed", "processed"}


def inbox_files(folder: Path) -> list[Path]:
    """Entries waiting in a folder, in a stable order (what `scan_folder` would read or refuse):
    every non-folder entry below it, links included, without following links to folders."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(folder)
        kept = []
        for name in dirnames:
            if (here / name).is_symlink():
                filenames.append(name)  # a link to a folder is an entry to refuse, not to descend
            elif not _skipped(rel_dir / name):
                kept.append(name)
        dirnames[:] = kept
        found.extend(here / n for n in filenames if not _skipped(rel_dir / n))
    return sorted(found)


def scan_folder(folder: Path, *, origin: Origin, root: Path | None = None) -> Iterator[Page | IngestError]:
    """Yield one record per entry below `folder`, in a stable (sorted) order: a Page for a regular
    file inside the folder, an IngestError with the reason for anything else (see `refusal`).

    Hidden files and the inbox's `failed/` and `processed/` folders are skipped: they hold files
    that were already dealt with.
    """
    for path in inbox_files(folder):
        location = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        reason = refusal(path, folder)
        if reason is not None:
            yield IngestError(location, reason)
            continue
        yield read_page_file(path, origin=origin, location=location, follow_symlinks=False)
