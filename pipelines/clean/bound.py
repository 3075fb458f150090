"""A ceiling on the markup one page may cost: an outlier page cannot push a build past its memory.

The cleaner's working set grows with the page (decoded text, a DOM or its lines, the segments of the
body, and then understanding and extraction over what is kept). A 20 MB page once took a build to
1.16 GB. So only the first `FAZHI_MAX_MARKUP_MB` megabytes (default 5) of a page are cleaned: the
page keeps that first part (reports open with their text; what follows such a mass is mostly
generated markup) and a warning saying how much was set aside. The stored raw body is never cut.
"""

from __future__ import annotations

import os

MAX_MARKUP_ENV = "FAZHI_MAX_MARKUP_MB"
DEFAULT_MAX_MARKUP_MB = 5.0


def max_markup_bytes() -> int:
    """The ceiling in bytes, from FAZHI_MAX_MARKUP_MB (a bad or non-positive value: the default)."""
    try:
        mb = float(os.environ.get(MAX_MARKUP_ENV, "") or DEFAULT_MAX_MARKUP_MB)
    except ValueError:
        mb = DEFAULT_MAX_MARKUP_MB
    return int((mb if mb > 0 else DEFAULT_MAX_MARKUP_MB) * 1024 * 1024)


def bound_markup(body: bytes, limit: int) -> tuple[bytes, str | None]:
    """`body` cut to at most `limit` bytes, and the warning to record (None when nothing was cut).

    The cut falls before the last tag or line start within the limit, so no tag is left half open
    and no multi-byte character (UTF-8, GB18030: `<` and newline are never inside one) is split.
    """
    if len(body) <= limit:
        return body, None
    cut = max(body.rfind(b"<", 0, limit), body.rfind(b"\n", 0, limit))
    if cut <= 0:
        cut = limit
    warning = (
        f"page of {len(body) / 1048576:.1f} MB: only its first {cut / 1048576:.1f} MB of markup cleaned "
        f"({MAX_MARKUP_ENV}), the rest set aside"
    )
    return body[:cut], warning
