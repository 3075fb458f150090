"""HTML pages: harvest metadata, locate the body (markers, CMS containers, density), tidy it.

Metadata is read from the intact page before anything is discarded; the body is then located by the
first rule that yields enough CJK text (gov-pages.md §8 C) and tidied line by line (§8 D).
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, Tag

from pipelines.clean import lexicon as lx
from pipelines.clean import origin
from pipelines.clean.density import best_blocks
from pipelines.clean.lines import clean_lines, dedupe, kind_of, strip_title_lines
from pipelines.clean.meta import META_TAGS, harvest_footer, harvest_line, is_meta_line
from pipelines.clean.prose import cjk_count
from pipelines.clean.render import Rendering, render_lines
from pipelines.records import Attachment
from pipelines.text.normalize import normalise_line, simplified, split_lines, squash

MIN_BODY_CJK = 50
ATTACHMENT_EXTS = ("pdf", "doc", "docx", "wps", "ofd", "xls", "xlsx", "zip", "rar", "et")
_DOT_EXTS = tuple(f".{e}" for e in ATTACHMENT_EXTS)

MARKERS = [
    (
        re.compile(r"<!--\s*<\$\[信息内容\]>\s*begin\s*-->", re.I),
        re.compile(r"<!--\s*<\$\[信息内容\]>\s*end\s*-->", re.I),
    ),
    (
        re.compile(r"<!--\s*ZJEG_RSS\.content\.begin\s*-->", re.I),
        re.compile(r"<!--\s*ZJEG_RSS\.content\.end\s*-->", re.I),
    ),
    (
        re.compile(r"<!--\s*正文\s*(start|begin|开始)\s*-->", re.I),
        re.compile(r"<!--\s*正文\s*(end|结束)\s*-->", re.I),
    ),
    (
        re.compile(r"<!--\s*(content|article)\s*(start|begin)\s*-->", re.I),
        re.compile(r"<!--\s*(content|article)\s*end\s*-->", re.I),
    ),
]
# (attribute, value) in priority order; ids and classes compared case-insensitively.
CONTAINERS = [
    ("class", "trs_editor"),
    ("class", "trs_ueditor"),
    ("class", "trs_preappend"),
    ("id", "ucap-content"),
    ("class", "pages_content"),
    ("id", "zoom"),
    ("id", "dochtmlcon"),
    ("itemprop", "articlebody"),
    ("class", "article-content"),
    ("class", "custom_unionstyle"),
    ("class", "main-txt"),
    ("id", "content"),
    ("class", "article_content"),
    ("id", "article_content"),
    ("class", "content"),
]
_GENERIC = {("id", "content"), ("class", "content"), ("class", "main-txt")}
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|--|—|－| - )\s*")


@dataclass
class PageIndex:
    """What the HTML path looks up in the whole tree, gathered in one walk in document order (each
    list is what the matching `find_all` would return): a page is parsed once and walked once."""

    metas: list[Tag] = field(default_factory=list)
    headings: list[Tag] = field(default_factory=list)  # h1-h3
    titled: list[Tag] = field(default_factory=list)  # a class or id containing "title"
    containers: dict[tuple[str, str], list[Tag]] = field(default_factory=dict)  # CONTAINERS hits
    links: list[Tag] = field(default_factory=list)  # <a href> anywhere
    link_tags: list[Tag] = field(default_factory=list)  # <link>
    sitecode_script: Tag | None = None  # the 纠错 script carrying the site's id code
    comments: list[Comment] = field(default_factory=list)  # <!-- … --> (a CMS's body markers)


_HEADINGS = frozenset(("h1", "h2", "h3"))
_WANTED = frozenset(CONTAINERS)


def index_page(soup: BeautifulSoup) -> PageIndex:
    index = PageIndex()
    for tag in soup.descendants:
        if not isinstance(tag, Tag):
            if type(tag) is Comment:
                index.comments.append(tag)
            continue
        name = tag.name
        if name == "meta":
            index.metas.append(tag)
        elif name in _HEADINGS:
            index.headings.append(tag)
        elif name == "a":
            if tag.get("href") is not None:
                index.links.append(tag)
        elif name == "link":
            index.link_tags.append(tag)
        elif name == "script" and index.sitecode_script is None and tag.get("sitecode") is not None:
            index.sitecode_script = tag
        attrs = tag.attrs
        if not attrs or not ("class" in attrs or "id" in attrs or "itemprop" in attrs):
            continue
        classes, ids = _attr_values(tag, "class"), _attr_values(tag, "id")
        if any("title" in v for v in classes + ids):
            index.titled.append(tag)
        for attr, values in (("class", classes), ("id", ids), ("itemprop", _attr_values(tag, "itemprop"))):
            for v in values:
                if (attr, v) in _WANTED:
                    index.containers.setdefault((attr, v), []).append(tag)
    return index


def _attr_values(tag: Tag, attr: str) -> list[str]:
    v = tag.get(attr)
    if v is None:
        return []
    return [x.lower() for x in (v if isinstance(v, list) else str(v).split())]


def harvest_meta_tags(metas: list[Tag]) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in metas:
        name = m.get("name") or m.get("property")
        content = m.get("content")
        if not isinstance(name, str) or not isinstance(content, str):
            continue
        k = META_TAGS.get(name.strip().lower())
        content = normalise_line(htmllib.unescape(content))
        if k and content and k not in out:
            out[k] = content
    return out


# The markers' words, as the comments' own text (what MARKERS match between <!-- and -->).
_MARKER_WORDS = [
    tuple(re.compile(rx.pattern.removeprefix("<!--").removesuffix("-->"), re.I) for rx in pair)
    for pair in MARKERS
]


def _marked(comments: list[Comment]) -> tuple[list[Tag], str, list[str]] | bool:
    """The body between a CMS's begin and end comments, read from the parsed tree: the nodes between
    them when both sit in one parent (what the page shows between them). False when no pair is found;
    True when the pair straddles elements (then `_markers` re-reads the source between them)."""
    for begin_rx, end_rx in _MARKER_WORDS:
        at = next((i for i, c in enumerate(comments) if begin_rx.fullmatch(c)), None)
        if at is None:
            continue
        end = next((c for c in comments[at + 1 :] if end_rx.fullmatch(c)), None)
        if end is None:
            continue
        begin = comments[at]
        if begin.parent is not end.parent:
            return True
        between = []
        for node in begin.next_siblings:
            if node is end:
                break
            between.append(node)
        return [n for n in between if isinstance(n, Tag)], "marker", render_lines(between)
    return False


def _markers(text: str) -> tuple[list[Tag], str, None] | None:
    for begin, end in MARKERS:
        b = begin.search(text)
        if not b:
            continue
        e = end.search(text, b.end())
        if not e:
            continue
        frag = BeautifulSoup(text[b.end() : e.start()], "lxml")
        root = frag.body or frag
        return [root], "marker", None
    return None


def _link_density(lines_text: str, tag: Tag) -> float:
    link = sum(len(a.get_text()) for a in tag.find_all("a"))
    return link / max(len(lines_text), 1)


def _containers(
    found: dict[tuple[str, str], list[Tag]], page: Rendering
) -> tuple[list[Tag], str, list[str] | None] | None:
    """The best CMS container, its method and its rendered lines (rendered once, while choosing)."""
    for spec in CONTAINERS:
        best, best_punct, best_lines = None, -1, None
        for tag in found.get(spec, []):
            lines = page.lines(tag)
            text = "\n".join(lines)
            if cjk_count(text) < MIN_BODY_CJK:
                continue
            if spec in _GENERIC and _link_density(text, tag) > 0.3:
                continue
            p = sum(text.count(c) for c in "，。；：！？、,;")
            if p > best_punct:
                best, best_punct, best_lines = tag, p, lines
        if best is not None:
            return [best], f"container:{spec[0]}={spec[1]}", best_lines
    # A short container that holds document links is a page shell: report it rather than hunt for text.
    for spec in CONTAINERS:
        for tag in found.get(spec, []):
            if attachments_in([tag], None):
                return [tag], f"container:{spec[0]}={spec[1]}", None
    return None


def _heading_title(index: PageIndex, page_title: str) -> str | None:
    """Longest h1-h3 / *title* element text contained in <title> (GNE's trick), else <title>'s first part."""
    tkey = squash(page_title)
    best = None
    cands = index.headings + index.titled
    for tag in cands[:200]:
        text = " ".join(render_lines(tag))
        k = squash(text)
        if 4 <= len(k) <= 120 and tkey and k in tkey and (best is None or len(k) > len(squash(best))):
            best = text
    if best:
        return best
    parts = [p for p in _TITLE_SPLIT.split(page_title) if p]
    if parts and cjk_count(parts[0]) >= 4:
        return parts[0]
    return None


def attachments_in(nodes: list[Tag], url: str | None, anywhere: list[Tag] | None = None) -> list[Attachment]:
    """Links to document files: all of them inside the body, and elsewhere (`anywhere`: the page's
    <a href> tags) those labelled 附件/下载."""
    out: dict[str, Attachment] = {}
    groups = [(n.find_all("a", href=True), False) for n in nodes] + [(anywhere or [], True)]
    for links, need_label in groups:
        for a in links:
            href = str(a["href"]).strip()
            low = href.lower()
            if not any(dot_ext in low for dot_ext in _DOT_EXTS):
                continue  # no file extension of a document anywhere in the link
            path = urlsplit(href).path.lower()
            ext = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
            if ext not in ATTACHMENT_EXTS:
                continue
            text = normalise_line(a.get_text(" "))
            if need_label and not re.search(r"附件|下载|\.(" + "|".join(ATTACHMENT_EXTS) + r")$", text, re.I):
                continue
            full = urljoin(url, href) if url else href
            out.setdefault(full, Attachment(url=full, text=text, ext=ext))
    return list(out.values())


def tidy_body(lines: list[str], title: str | None, meta: dict[str, Any], kind=kind_of):
    """Clean a located body's lines: leading metadata, chrome, credits, pagination, title, duplicates.

    `kind` classifies a line (`lines.kind_of`; the caller may pass one that remembers this page's lines)."""
    removed: list[str] = []
    kinds = [kind(line) for line in lines]
    first_prose = next((i for i, k in enumerate(kinds) if k == "prose"), None)
    out: list[str] = []
    for i, (line, k) in enumerate(zip(lines, kinds, strict=True)):
        if k == "anchor" and first_prose is not None and i > first_prose:
            removed.extend(lines[i:])
            break
        if k == "meta" and (first_prose is None or i < first_prose or lx.CREDIT.match(line)):
            harvest_line(line, meta)
            removed.append(line)
            continue
        if k in ("chrome", "anchor", "watermark"):
            removed.append(line)
            continue
        stripped = lx.TRAILING_PAGINATION.sub("", line)
        if stripped != line:
            removed.append(line[len(stripped) :].strip())
        out.append(stripped)
    # Trailing credits "（责任编辑：周雁）" are metadata, not the report's last line.
    while out and lx.CREDIT.match(out[-1]):
        harvest_line(out[-1].strip("（）()【】[]"), meta)
        removed.append(out.pop())
    out, title_lines = strip_title_lines(out, title)
    out, dups = dedupe(out)
    return out, removed + title_lines + dups


_TAG_STRIP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_BLOCK_BREAK = re.compile(
    r"<\s*/?\s*(p|div|br|tr|li|h[1-6]|table|section|article|dd|dt|ul|ol|center)\b[^>]*>", re.I
)
_ANY_TAG = re.compile(r"<[^>]*>")


def text_only_lines(text: str) -> list[str]:
    """Tag-stripping fallback for pages too large or too broken for a DOM (no recursion, linear time)."""
    text = _TAG_STRIP.sub(" ", text)
    text = _BLOCK_BREAK.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    return split_lines(htmllib.unescape(text))


def _is_meta(line: str, kinds_seen: dict[str, str]) -> bool:
    """kind_of(line) == "meta" for a line of at most 200 characters, from the page's classified lines
    when it is one, else without classifying it further (chrome, prose ...)."""
    k = kinds_seen.get(line)
    return k == "meta" if k is not None else is_meta_line(simplified(line))


def _inside(tag: Tag, root: Tag) -> bool:
    return any(parent is root for parent in tag.parents)


def clean_html_text(text: str, *, url: str | None) -> dict[str, Any]:
    """The HTML path on decoded text; returns CleanedPage fields."""
    warnings: list[str] = []
    if not re.search(r"</html\s*>|</body\s*>", text[-4096:], re.I):
        warnings.append("no closing </body> or </html>: page may be truncated")
    # class/rel values are kept as the page wrote them (one string, split where read): bs4's splitting
    # of every multi-valued attribute costs a seventh of the parse and most of it is never read.
    soup = BeautifulSoup(text, "lxml", multi_valued_attributes=None)
    index = index_page(soup)
    tags = harvest_meta_tags(index.metas)
    page_title = normalise_line(soup.title.get_text(" ")) if soup.title else ""
    meta: dict[str, Any] = {k: v for k, v in tags.items() if k != "title"}
    jiucuo = index.sitecode_script
    if jiucuo is not None and "site_id_code" not in meta:
        meta["site_id_code"] = str(jiucuo["sitecode"]).strip()
    root = soup.body or soup
    links = index.links if root is soup else [a for a in index.links if _inside(a, root)]
    page = Rendering(root)
    page_lines = page.lines()
    head = soup.head
    declared_url = (
        origin.from_tags(
            [t for t in index.link_tags if _inside(t, head)], [t for t in index.metas if _inside(t, head)]
        )
        if head is not None
        else None
    )

    marked = _marked(index.comments)
    if marked is True:
        marked = _markers(text)
    located = marked or _containers(index.containers, page)
    method = located[1] if located else ""
    nodes = located[0] if located else []
    known_lines = located[2] if located else None
    body_lines = known_lines if known_lines is not None else render_lines(nodes) if nodes else []
    if not nodes or cjk_count("".join(body_lines)) < MIN_BODY_CJK:
        attach_probe = attachments_in(nodes, url) if nodes else []
        if not attach_probe:
            dense = best_blocks(root)
            if dense:
                dense_lines = render_lines(dense)
                if cjk_count("".join(dense_lines)) >= cjk_count("".join(body_lines)):
                    nodes, body_lines, method = dense, dense_lines, "density"
                    warnings.append("body located by density scoring")
    # Metadata from the page's label lines, nearest to the body first. A body line is classified
    # here and again when the body is tidied: once per page is enough (nothing is kept past the page).
    kinds_seen: dict[str, str] = {}

    def kind(line: str) -> str:
        if (k := kinds_seen.get(line)) is None:
            k = kinds_seen[line] = kind_of(line)
        return k

    first = body_lines[0] if body_lines else None
    pos = page_lines.index(first) if first in page_lines else len(page_lines)
    for i in [*range(pos - 1, -1, -1), *range(pos, len(page_lines))]:
        line = page_lines[i]
        # kind_of(line) == "meta" without classifying the page's other lines (chrome, prose ...)
        if len(line) <= 200 and _is_meta(line, kinds_seen):
            harvest_line(line, meta)
    harvest_footer("\n".join(page_lines[-120:]), meta)
    title = tags.get("title") or meta.get("title") or _heading_title(index, page_title)
    title_reason = (
        "page metadata (ArticleTitle / 标题)"
        if tags.get("title") or meta.get("title")
        else "heading element or <title>"
    )
    if not body_lines:
        lb = clean_lines(page_lines, title_hint=title)
        for k, v in lb.meta.items():
            meta.setdefault(k, v)
        warnings.append("no body container found: line-level cleaning of the whole page")
        return {
            "title": title or lb.title,
            "title_reason": title_reason if title else lb.title_reason,
            "body": lb.body,
            "meta": meta,
            "removed": lb.removed,
            "attachments": attachments_in([], url, links),
            "method": "lines",
            "warnings": warnings,
            "declared_url": declared_url,
        }
    body, removed = tidy_body(body_lines, title, meta, kind)
    body_keys = {squash(line) for line in body_lines}
    removed = [line for line in page_lines if squash(line) not in body_keys][:150] + removed
    attachments = attachments_in(nodes, url, links)
    return {
        "title": title,
        "title_reason": title_reason if title else "no title element or metadata",
        "body": body,
        "meta": meta,
        "removed": removed,
        "attachments": attachments,
        "method": method,
        "warnings": warnings,
        "declared_url": declared_url,
    }
