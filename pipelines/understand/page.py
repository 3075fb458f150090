"""understand_page: from one cleaned page to its Documents (zero, one or several reports).

Every page yields at least one Document; a page that holds no report yields one `not_report`
Document with its cleaned body. Each decision is kept with its evidence in `Document.evidence`,
and a field that cannot be decided is null with the reason (region_reason, year_reason).
"""

from __future__ import annotations

import re
from typing import Any

from pipelines.records import CleanedPage, Document
from pipelines.text.dates import parse_date
from pipelines.text.normalize import nfkc_line, simplified, squash, stripped_lines
from pipelines.text.offsets import carry_offsets
from pipelines.understand import detect, issuer, timing
from pipelines.understand.regions import RegionIndex
from pipelines.understand.resolve import Resolution, Signals, resolve
from pipelines.understand.text import strip_book_titles

_SOURCE_NOT_ISSUER = re.compile(r"日报|晚报|报社|新闻|网$|网站|电视|广播|融媒|记者|新华|人民网|客户端|公众号")
_UNDER_PARENT = re.compile(r"在[^,，。;；]{0,40}?(?:领导|指导|监督|支持|关心|部署|帮助)下")
_PUNCT = re.compile(r"[,，。、;；:：!！?？()（）《》“”\"]")


def understand_page(
    cleaned: CleanedPage,
    *,
    page_id: str,
    url: str | None = None,
    regions: RegionIndex | None = None,
) -> list[Document]:
    """The documents on one cleaned page, each with its decisions and their evidence."""
    index = regions or RegionIndex.load()
    meta = dict(cleaned.page_meta or {})
    site_name = _text(meta.get("site_name"))
    title = issuer.clean_title(cleaned.title, site_name)
    if title and site_name and squash(title) == squash(site_name):
        title = None
    body_lines = stripped_lines(cleaned.body_text or "")
    body_lines = _drop_title_lines(body_lines, title)

    heads = detect.report_headings([simplified(ln) for ln in body_lines])
    parts: list[tuple[str | None, list[str], str]] = []
    if heads:
        for k, start in enumerate(heads):
            end = heads[k + 1] if k + 1 < len(heads) else len(body_lines)
            parts.append(
                (nfkc_line(body_lines[start]), body_lines[start + 1 : end], f"part {k + 1} of {len(heads)}")
            )
    else:
        parts.append((title, body_lines, "single document"))

    page = _PageSignals.collect(cleaned, meta, url)
    docs: list[Document] = []
    for part_no, (p_title, p_lines, split_note) in enumerate(parts):
        body = "\n".join(p_lines).strip("\n")
        docs.append(_document(index, page, cleaned, meta, page_id, part_no, p_title, body, split_note))
    if heads and not any(d.is_report for d in docs):
        # The headings looked like reports but none reads as one: keep the page whole.
        body = "\n".join(body_lines).strip("\n")
        docs = [_document(index, page, cleaned, meta, page_id, 0, title, body, "single document")]
    return docs


class _PageSignals:
    """Page-level facts shared by every part: dates, site code, owner strings."""

    def __init__(self) -> None:
        self.publish_date: str | None = None
        self.publish_how = ""
        self.written_date: str | None = None
        self.site_code: str | None = None
        self.context: list[tuple[str, str]] = []
        self.meta_issuers: list[tuple[str, str]] = []
        self.url: str | None = None

    @classmethod
    def collect(cls, cleaned: CleanedPage, meta: dict[str, Any], url: str | None) -> _PageSignals:
        s = cls()
        s.url = url
        s.publish_date = cleaned.publish_date or parse_date(_text(meta.get("publish_date")))
        s.publish_how = "page metadata" if s.publish_date else ""
        if not s.publish_date:
            s.publish_date = cleaned.labelled_date
            s.publish_how = "labelled date in the info bar" if s.publish_date else ""
        s.written_date = cleaned.written_date or parse_date(_text(meta.get("written_date")))
        # The cleaner validates the 网站标识码 (10 characters, or the lenient 12-digit form); a value it
        # rejected (site_id_code_raw) is not a region signal.
        s.site_code = _text(meta.get("site_id_code")) or None
        for text in _list(meta.get("site_name")):
            s.context.append(("site name", text))
        for text in cleaned.owner_lines:
            s.context.append(("footer", text))
        for key, label in (("issuer", "发布机构"), ("source", "来源")):
            for text in _list(meta.get(key)):
                if not _SOURCE_NOT_ISSUER.search(text):
                    s.meta_issuers.append((label, text))
        return s


def _document(
    index: RegionIndex,
    page: _PageSignals,
    cleaned: CleanedPage,
    meta: dict[str, Any],
    page_id: str,
    part: int,
    title: str | None,
    body: str,
    split_note: str,
) -> Document:
    """One document: the decisions in order (report?, dates, year and period, region, issuer, type),
    each recording its evidence. Decisions read the simplified view (a page in traditional characters
    uses the same vocabulary); the document keeps its title and body as written."""
    evidence: dict[str, str] = {"split": split_note}
    title_reason = _title_reason(cleaned, title, split_note)
    view_title = simplified(title) if title else title
    view_body = simplified(body)
    verdict = detect.judge(
        view_title, view_body, site_blurbs=detect.blurb_weight(meta.get("site_blurbs") or [])
    )
    evidence["is_report"] = verdict.reason
    publish_date, written_date = _dates(page, view_body, evidence)
    half = verdict.is_report and detect.doc_type(view_title, view_body, None)[0] == "half_year_report"
    tm = timing.decide(
        view_title,
        view_body,
        publish_date=publish_date,
        written_date=written_date,
        is_report=verdict.is_report,
        half_year=half,
    )
    evidence["report_year"] = tm.year_reason
    evidence["period"] = tm.period_reason
    res, who, kind = _whose(index, page, view_title, view_body, tm.report_year, evidence)
    if verdict.is_report:
        dtype, why = detect.doc_type(view_title, view_body, kind)
    else:
        dtype, why = "not_report", verdict.reason
    evidence["doc_type"] = why
    return Document(
        document_id=Document.make_id(page_id, part),
        page_id=page_id,
        part=part,
        is_report=verdict.is_report,
        doc_type=dtype,  # type: ignore[arg-type]
        title=title,
        issuer=who,
        issuer_kind=kind,  # type: ignore[arg-type]
        region=res.region,
        region_reason=None if res.region else res.reason,
        report_year=tm.report_year,
        year_reason=None if tm.report_year else tm.year_reason,
        period=tm.period,
        publish_date=publish_date,
        written_date=written_date,
        body_text=body,
        page_meta=meta,
        evidence=evidence,
        report_reason=verdict.labelled,
        title_reason=title_reason,
        page_starts=carry_offsets(cleaned.body_text, cleaned.page_starts, body),
    )


def _title_reason(cleaned: CleanedPage, title: str | None, split_note: str) -> str | None:
    if split_note != "single document":
        return "heading of one of several reports on the page"
    if title and cleaned.title and squash(title) != squash(cleaned.title):
        return f"{cleaned.title_reason or 'cleaner'}; site name and markup taken off"
    return cleaned.title_reason if title else (cleaned.title_reason or "no title on the page")


def _dates(page: _PageSignals, body: str, evidence: dict[str, str]) -> tuple[str | None, str | None]:
    """Publish and written dates: the page's, else the signature date at the end of the body."""
    publish_date, written_date = page.publish_date, page.written_date
    sig_date = timing.signature_date(body)
    if publish_date:
        evidence["publish_date"] = f"{page.publish_how}: {publish_date}"
    elif sig_date:
        publish_date = sig_date
        evidence["publish_date"] = f"signature date at the end of the body: {sig_date}"
    else:
        evidence["publish_date"] = "no date on the page"
    if not written_date and sig_date:
        written_date = sig_date
        evidence["written_date"] = f"signature date: {sig_date}"
    return publish_date, written_date


def _whose(
    index: RegionIndex,
    page: _PageSignals,
    title: str | None,
    body: str,
    year: int | None,
    evidence: dict[str, str],
) -> tuple[Resolution, str | None, str | None]:
    """The region (resolution), the issuer's name and its kind."""
    issuer_texts = _issuer_texts(title, body) + page.meta_issuers
    res: Resolution = resolve(
        index,
        Signals(
            year=year,
            issuer_texts=issuer_texts,
            context_texts=page.context,
            site_code=page.site_code,
            body=body,
            url=page.url,
        ),
    )
    evidence["region"] = res.region.evidence if res.region else res.reason
    who = _issuer_name(res, issuer_texts)
    kind = issuer.kind_of(who, township=res.township) if who else None
    if kind == "other" and res.region is not None and res.issuer_text and squash(res.issuer_text) == who:
        kind = "government"  # a bare division name ("钟楼") stands for its government
    if res.region is not None and res.region.level == "development_zone":
        evidence["region_flag"] = "development zone (NBS code, not a GB/T 2260 division)"
    evidence["issuer"] = f"{res.issuer_label or 'first issuer text'}: {who!r}" if who else "no issuer named"
    return res, who, kind


def _issuer_texts(title: str | None, body: str) -> list[tuple[str, str]]:
    """Strings that may name the issuer, strongest first."""
    out: list[tuple[str, str]] = []
    t_iss = issuer.title_issuer(title)
    if t_iss:
        out.append(("title issuer", t_iss))
    sig = issuer.signature_issuer(body)
    if sig:
        out.append(("落款", sig))
    # "在市委、市政府的坚强领导下" / "在常州市人民政府的领导下" name the parent, not the author.
    # Documents cited in 《》 name their own authors, and 法治政府 is the topic, not an organ.
    # An addressee line at the top ("中共湖北省委、湖北省人民政府:") names the recipient.
    lines = [squash(x) for x in body.splitlines() if x.strip()]
    skip = next((ln for ln in lines[:3] if re.fullmatch(r"[^。，,；;!！?？]{2,40}[:：]", ln)), "")
    text = squash(body)
    text = text[text.index(skip) + len(skip) :] if skip else text
    head = _UNDER_PARENT.sub("", strip_book_titles(text[:600]))
    for m in re.finditer(r"人民政府|(?<!法治)(?<!法制)政府", head):
        window = head[max(0, m.start() - 16) : m.start()]
        window = _PUNCT.split(window)[-1]
        if len(window) >= 2 and not window.endswith(("市委", "区委", "县委", "省委", "和", "及", "、")):
            out.append(("opening", window + m.group(0)))
    first = re.split(r"[。]", head, maxsplit=1)[0][:120]
    if first:
        out.append(("opening sentence", first))
    if title:
        out.append(("title", title))
    return out


def _issuer_name(res: Resolution, texts: list[tuple[str, str]]) -> str | None:
    if res.issuer_text and res.issuer_label not in ("opening sentence", "title"):
        return squash(res.issuer_text)
    if res.issuer_text and res.region is not None:
        return res.region.name
    for label, text in texts:
        if label in ("title issuer", "落款", "发布机构", "来源") and issuer.looks_like_org(text):
            return squash(text)
    return None


def _drop_title_lines(body_lines: list[str], title: str | None) -> list[str]:
    """Leading blank lines and copies of the title are not part of the report's body."""
    t = squash(title)
    i = 0
    while i < len(body_lines) and (not body_lines[i] or (t and squash(body_lines[i]) == t)):
        i += 1
    return body_lines[i:]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return str(value).strip()


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return [str(value)] if str(value).strip() else []
