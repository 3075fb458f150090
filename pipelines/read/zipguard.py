"""Open a zip-based document (DOCX, OFD) only when it would inflate to a sane size: a zip bomb is a
recorded error, not an exhausted machine."""

from __future__ import annotations

import io
import zipfile

MAX_INFLATED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # inflated / compressed, over the archive; text XML compresses about 10x


def open_zip(body: bytes) -> zipfile.ZipFile | str:
    """The archive, or why it is refused (damaged, or it inflates too far)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return f"damaged archive: {exc}"
    infos = archive.infolist()
    inflated = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if inflated > MAX_INFLATED_BYTES or (inflated > 10 * 1024 * 1024 and inflated / packed > MAX_RATIO):
        archive.close()
        return (
            f"refused: the archive would inflate to {inflated / 1024 / 1024:.0f} MB from "
            f"{packed / 1024 / 1024:.1f} MB (a zip bomb?); the cap is {MAX_INFLATED_BYTES // 1024 // 1024} MB"
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes, never more than the cap whatever its header claims."""
    with archive.open(name) as handle:
        data = handle.read(MAX_INFLATED_BYTES + 1)
    if len(data) > MAX_INFLATED_BYTES:
        raise ValueError(f"{name} inflates past {MAX_INFLATED_BYTES} bytes")
    return data
