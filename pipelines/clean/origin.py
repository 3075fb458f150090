"""Where a saved page says it came from.

A page saved from a browser or by an archiving tool keeps its address: browsers write a
`<!-- saved from url=(0068)http://... -->` comment, SingleFile a `url: ...` line in its header
comment, many CMSs a `<link rel="canonical">` or `<meta property="og:url">`, and web-archive text
dumps a `WARC-Target-URI:` line. That address is the page's real URL, which a file path in the inbox
is not: it gives the report a link a reader can follow and the region resolver the host hint a
crawled page has. Only absolute http(s) addresses count; anything else is no address at all.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import Tag

_HEAD_CHARS = 4096  # the comments and WARC headers sit at the very top; never scan the whole page
_SAVED_FROM = re.compile(r"saved from url=\((\d{1,5})\)(\S+)", re.I)
_SINGLEFILE = re.compile(r"Page saved with SingleFile\s+url:\s*(\S+)", re.I)
_WARC = re.compile(r"^WARC-Target-URI:\s*(\S+)", re.I | re.M)
_HOME = re.compile(r"(?:(?:index|default|main|home)\.[a-z]{2,5})?", re.I)


def _absolute(url: str | None) -> str | None:
    """An absolute http(s) address of a page, or None. A site's home page is refused: templates often
    declare it as every page's canonical address, which says where the site is, not the page."""
    url = (url or "").strip().strip("\"'<>")
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or "." not in (parts.hostname or ""):
        return None
    if not parts.query and _HOME.fullmatch(parts.path.strip("/")):
        return None
    return url


def from_head(text: str) -> tuple[str, str] | None:
    """(url, how) from the comments or dump headers at the top of a page, or None."""
    head = text[:_HEAD_CHARS]
    if m := _SAVED_FROM.search(head):
        length, rest = int(m.group(1)), m.group(2)
        # The number is the address's length; a comment closed right after it ("...-->") is cut.
        url = (rest[:length] if 0 < length <= len(rest) else rest).split("-->")[0]
        if found := _absolute(url):
            return found, "saved-page comment"
    if (m := _SINGLEFILE.search(head)) and (found := _absolute(m.group(1))):
        return found, "SingleFile header"
    if (m := _WARC.search(head)) and (found := _absolute(m.group(1))):
        return found, "WARC-Target-URI"
    return None


def from_tags(links: list[Tag], metas: list[Tag]) -> tuple[str, str] | None:
    """(url, how) from the page's own canonical link or og:url: the <link> and <meta> tags of its
    <head> (only there: a body's links and metas belong to what the page shows, not to the page)."""
    for link in (t for t in links if t.get("href") is not None):
        rel = link.get("rel") or []
        rels = rel if isinstance(rel, list) else str(rel).split()
        if "canonical" in (r.lower() for r in rels) and (found := _absolute(str(link["href"]))):
            return found, "canonical link"
    for meta in (t for t in metas if t.get("content") is not None):
        key = str(meta.get("property") or meta.get("name") or "").strip().lower()
        if key in ("og:url", "url") and (found := _absolute(str(meta["content"]))):
            return found, f"<meta {key}>"
    return None
