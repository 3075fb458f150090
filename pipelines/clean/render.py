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


def render_pieces(nodes: list, out: list[str], spans: dict[int, tuple[int, int]] | None = None) -> None:
    """Append the display pieces of `nodes` to `out`. With `spans`, also record for every rendered tag
    the slice of `out` its subtree produced (a subtree renders the same wherever it is rendered)."""
    stack: list[tuple[object, bool]] = [(n, False) for n in reversed(nodes)]
    while stack:
        node, closing = stack.pop()
        if closing:
            name = node.name  # type: ignore[attr-defined]
            if name in CELL_TAGS:
                out.append(" | ")
            elif name in BLOCK_TAGS:
                out.append("\n")
            if spans is not None:
                spans[id(node)] = (spans[id(node)][0], len(out))
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, _NOT_TEXT):
                # Source newlines are not display line breaks (only block elements and <br> are).
                out.append(str(node).translate(_NEWLINES))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name in SKIP_TAGS or (node.attrs and is_hidden(node)):
            continue
        if name == "br":
            out.append("\n")
            continue
        if name == "img":
            continue
        if spans is not None:
            spans[id(node)] = (len(out), -1)
            stack.append((node, True))
            if name in BLOCK_TAGS:
                out.append("\n")
        elif name in BLOCK_TAGS:
            out.append("\n")
            stack.append((node, True))
        elif name in CELL_TAGS:
            stack.append((node, True))
        stack.extend((c, False) for c in reversed(node.contents))


def render_lines(nodes: list | Tag | BeautifulSoup) -> list[str]:
    """Normalised, non-empty display lines of the given node(s), in document order."""
    if isinstance(nodes, Tag):
        nodes = [nodes]
    out: list[str] = []
    render_pieces(nodes, out)
    return split_lines("".join(out))


class Rendering:
    """A page rendered once, keeping where each tag's pieces lie, so the lines of any tag rendered
    within it are a slice of the same pieces instead of a second walk of its subtree."""

    def __init__(self, root: Tag) -> None:
        self.root = root  # keeps the tree, and so the ids in `spans`, alive
        self.pieces: list[str] = []
        self.spans: dict[int, tuple[int, int]] = {}
        render_pieces([root], self.pieces, self.spans)

    def lines(self, node: Tag | None = None) -> list[str]:
        """render_lines(node) (the whole page without a node), from the pieces when the node was
        rendered here; a node the page does not show (under a hidden parent, or outside it) is
        rendered on its own."""
        if node is None:
            return split_lines("".join(self.pieces))
        span = self.spans.get(id(node))
        if span is None:
            return render_lines(node)
        return split_lines("".join(self.pieces[span[0] : span[1]]))
