"""Render a BeautifulSoup subtree as display lines, iteratively (pages nest 10,000 levels deep).

Block elements break lines, table rows become one line with cells joined by " | " (so a 政务公开
label/value row reads like a text dump's metadata line, and body tables stay readable as rows),
and invisible content (script, style, display:none) is skipped.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

from pipelines.text.normalize import split_lines

SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "map",
        "area",
        "select",
        "option",
        "textarea",
        "button",
        "input",
        "head",
        "title",
        "meta",
        "link",
        "audio",
        "video",
    ]
)
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "caption",
        "marquee",
    ]
)
CELL_TAGS = frozenset(("td", "th"))
_NEWLINES = str.maketrans("\n\r\t\f\v\u2028\u2029\x85", "        ")
_NOT_TEXT = (Comment, CData, Declaration, Doctype, ProcessingInstruction)


def is_hidden(tag: Tag) -> bool:
    style = tag.get("style")
    if isinstance(style, str) and "display" in style:
        compact = style.replace(" ", "").lower()
        if "display:none" in compact:
            return True
    return tag.get("hidden") is not None or tag.get("aria-hidden") == "true"


def render_pieces(nodes: list, out: list[str]) -> None:
    stack: list[tuple[object, bool]] = [(n, False) for n in reversed(nodes)]
    while stack:
        node, closing = stack.pop()
        if closing:
            name = node.name  # type: ignore[attr-defined]
            out.append(" | " if name in CELL_TAGS else "\n")
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, _NOT_TEXT):
                # Source newlines are not display line breaks (only block elements and <br> are).
                out.append(str(node).translate(_NEWLINES))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name in SKIP_TAGS or is_hidden(node):
            continue
        if name == "br":
            out.append("\n")
            continue
        if name in BLOCK_TAGS:
            out.append("\n")
            stack.append((node, True))
        elif name in CELL_TAGS:
            stack.append((node, True))
        elif name == "img":
            continue
        stack.extend((c, False) for c in reversed(node.contents))


def render_lines(nodes: list | Tag | BeautifulSoup) -> list[str]:
    """Normalised, non-empty display lines of the given node(s), in document order."""
    if isinstance(nodes, Tag):
        nodes = [nodes]
    out: list[str] = []
    render_pieces(nodes, out)
    return split_lines("".join(out))
