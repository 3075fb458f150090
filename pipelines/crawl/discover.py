"""Find what to crawl next on a fetched page: pagination, report links and attachments.

Government listing columns paginate in a few stock ways: TRS static pages index.html, index_1.html,
... announced by a `createPageHTML(total, current, "index", "html")` script; numbered links
(index_2.html, list_2.htm, ?page=2, ?pageNo=2...); Hanweb columns embed their records as
`<record><![CDATA[<a href=...>]]>` inside a `<script>`. Report links are recognised by the words
such reports are titled with (REPORT_KEYWORDS) or a source's own link rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

from pipelines.crawl.policy import ATTACHMENT_EXTENSIONS, REPORT_KEYWORDS

LinkKind = Literal["report", "attachment", "other"]


@dataclass(frozen=True)
class Link:
    url: str  # absolute, without fragment
    text: str  # anchor text plus title attribute, whitespace removed between CJK runs


@dataclass(frozen=True)
class PageLinks:
    links: list[Link]
    pagination: list[str]  # other pages of the same listing, in page order


_SCRIPT_ANCHOR = re.compile(
    r"""<a\b[^>]*?href\s*=\s*["']?([^"'\s>]+)[^>]*>(.*?)</a>""", re.IGNORECASE | re.DOTALL
)
_SCRIPT_TITLE = re.compile(r"""title\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_CREATE_PAGE = re.compile(r"createPageHTML\s*\(([^)]*)\)", re.IGNORECASE)
_PAGED_NAME = re.compile(
    r"^(?P<stem>[A-Za-z]+)_(?P<n>\d{1,4})\.(?P<ext>s?html?|jsp|php|aspx?)$", re.IGNORECASE
)
_PAGE_PARAMS = ("page", "pageno", "pageindex", "pagenum", "curpage", "currentpage", "pn", "p", "cpage")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u3000", " ").replace("\xa0", " ")).strip()


def _python_codec(charset: str | None) -> str | None:
    if not charset:
        return None
    charset = charset.lower()
    return "gb18030" if charset in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030") else charset


def parse_page(body: bytes, base_url: str, charset: str | None = None) -> PageLinks:
    """All links of an HTML page (anchors and anchors inside scripts) and its pagination URLs."""
    codec = _python_codec(charset)
    if codec is None:
        try:
            body.decode("utf-8")
            codec = "utf-8"
        except UnicodeDecodeError:
            codec = None  # BeautifulSoup reads <meta charset> or detects
    try:
        soup = BeautifulSoup(body, "lxml", from_encoding=codec)
    except LookupError:  # an unknown declared charset: let BeautifulSoup sniff
        soup = BeautifulSoup(body, "lxml")
    base_tag = soup.find("base", href=True)
    base = urljoin(base_url, str(base_tag["href"])) if base_tag else base_url
    links: list[Link] = []
    seen: set[str] = set()

    def add(href: str, text: str) -> None:
        href = href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            return
        url = urldefrag(urljoin(base, href))[0]
        if url in seen:
            return
        seen.add(url)
        links.append(Link(url, normalise_text(text)))

    for anchor in soup.find_all("a", href=True):
        add(str(anchor["href"]), _join(anchor.get_text(" ", strip=True), str(anchor.get("title") or "")))
    scripts = [s.get_text() for s in soup.find_all("script")]
    for script in scripts:
        for match in _SCRIPT_ANCHOR.finditer(script):
            title = _SCRIPT_TITLE.search(match.group(0))
            add(match.group(1), _join(_TAG.sub(" ", match.group(2)), title.group(1) if title else ""))
    pagination = _trs_pages(scripts, base_url) + [
        link.url for link in links if is_sibling_page(link.url, base_url)
    ]
    return PageLinks(links, list(dict.fromkeys(u for u in pagination if u != base_url)))


def _join(text: str, title: str) -> str:
    """Anchor text plus its title attribute (often the untruncated title), without repeating it."""
    text, title = normalise_text(text), normalise_text(title)
    if not title or title in text:
        return text
    if text in title or text.rstrip(".…") in title:
        return title
    return f"{text} {title}"


def _trs_pages(scripts: list[str], page_url: str) -> list[str]:
    """Pages announced by TRS's createPageHTML(total, current, "index", "html") (also with a leading
    element id and a trailing record count in newer templates): index.html, index_1.html, ..."""
    pages: list[str] = []
    for script in scripts:
        for match in _CREATE_PAGE.finditer(script):
            args = [a.strip().strip("\"'") for a in match.group(1).split(",")]
            numbers = [int(a) for a in args if a.isdigit()]
            words = [a for a in args if a and not a.isdigit()]
            if not numbers or len(words) < 2:
                continue
            total, (stem, ext) = min(numbers[0], 1000), words[-2:]
            if not re.fullmatch(r"[A-Za-z_]+", stem) or not re.fullmatch(r"s?html?", ext):
                continue
            pages.extend(urljoin(page_url, f"{stem}{'' if i == 0 else f'_{i}'}.{ext}") for i in range(total))
    return pages


def is_sibling_page(url: str, listing_url: str) -> bool:
    """True if `url` is another page of the listing at `listing_url` (same directory, numbered)."""
    a, b = urlsplit(url), urlsplit(listing_url)
    if (a.scheme, a.netloc) != (b.scheme, b.netloc):
        return False
    a_dir, _, a_name = a.path.rpartition("/")
    b_dir, _, b_name = b.path.rpartition("/")
    if a_dir != b_dir:
        return False
    if _PAGED_NAME.match(a_name):
        stem = _PAGED_NAME.match(a_name).group("stem").lower()  # type: ignore[union-attr]
        b_stem = re.split(r"[_.]", b_name or "index")[0].lower()
        return stem == b_stem
    if a.path == b.path and a.query != b.query:
        params = {k.lower(): v for k, v in parse_qsl(a.query)}
        return any(params.get(k, "").isdigit() for k in _PAGE_PARAMS)
    return False


def is_attachment(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(ATTACHMENT_EXTENSIONS)


def classify(link: Link, rules: list[re.Pattern[str]]) -> LinkKind:
    """ "attachment" for .pdf/.doc/..., "report" when the text or a source rule says so, else "other"."""
    if is_attachment(link.url):
        return "attachment"
    if looks_like_report(link.text) or any(rule.search(link.url) or rule.search(link.text) for rule in rules):
        return "report"
    return "other"


def looks_like_report(text: str) -> bool:
    compact = re.sub(r"\s+", "", text)
    return any(keyword in compact for keyword in REPORT_KEYWORDS)
