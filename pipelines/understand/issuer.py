"""Who issued a report: the government or department as the page names it, and what kind it is.

Report titles put the issuer before 关于 ("伊春市人民政府关于2020年上半年...") or around the year
("2018年钟楼区依法行政...", "石岐区2016年法治政府..."); untitled reports name it in the opening
("...西湖区人民政府坚持...") or in the 落款 at the end. Page metadata (发布机构, 来源) is a fallback:
it often names the office that posted the page (政府办, 司法局) rather than the author.
"""

from __future__ import annotations

import re

from pipelines.text.normalize import squash, stripped_lines
from pipelines.understand.detect import TOPIC
from pipelines.understand.text import strip_book_titles

_ORG_END = (
    r"(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府|街道办事处|办事处|管理委员会|管委会|党工委|"
    r"司法局|司法厅|[\u4e00-\u9fff]{0,8}(?:局|委员会|委|办公室|办|厅|中心|院|署|支队|大队|队|所)|"
    r"街道|镇|乡|苏木)"
)
_DEPT = re.compile(r"(?:局|委员会|委|办公室|办|厅|中心|院|署|支队|大队|队|所|公司)$")
_GOV = re.compile(r"(?:人民政府|政府|管理委员会|管委会)$")
_SUB = re.compile(r"(?:街道办事处|办事处|街道|镇|乡|苏木|党工委)$")
_YEAR_PREFIX = re.compile(r"^(?:关于)?(?:(?:19|20)\d{2}\s*(?:年|[-—–~至到])\s*)+(?:度)?")
_ISSUER_END = re.compile(
    r"(?:省|市|区|县|旗|州|盟|政府|局|委员会|委|办|厅|街道|镇|乡|苏木|办事处|管委会|中心|院|所|队)$"
)
_YEAR_SUFFIX = re.compile(r"(?:(?:19|20)\d{2}年(?:度)?(?:上半年)?)$")


def clean_title(title: str | None, site_name: str | None = None) -> str | None:
    """The page title without a trailing site name ("..._常州市钟楼区人民政府")."""
    if not title:
        return None
    t = title.strip()
    parts = re.split(r"\s*(?:_|\||｜|--|—— | - )\s*", t)
    if len(parts) > 1:
        head, *rest = parts
        if all(
            re.search(r"政府|网|门户|首页|信息公开", p) or (site_name and p in site_name) for p in rest if p
        ):
            t = head
    t = t.strip(" !！")
    return t or None


def title_issuer(title: str | None) -> str | None:
    """The words in the issuer's place of a report title, or None.

    They may be a short name ("2018年钟楼依法行政...") or not a name at all; the region resolver
    decides, and `looks_like_org` decides whether to show them as the issuer.
    """
    if not title:
        return None
    t = strip_book_titles(squash(title))
    if "关于" in t:
        before = t.split("关于", 1)[0]
        return before if len(before) >= 2 and not before.startswith("我") else None
    m = re.search(TOPIC + r"|年度报告|工作报告|工作总结|情况报告|工作情况|述职", t)
    if not m:
        return None
    before = t[: m.start()]
    before = _YEAR_PREFIX.sub("", before)
    before = _YEAR_SUFFIX.sub("", before)
    before = re.sub(r"(?:上半年|全年|年度)$", "", before)
    if len(before) < 2 or before.startswith("我"):
        return None
    return before


def looks_like_org(text: str | None) -> bool:
    """True when a string ends like the name of a government, organ or division."""
    return bool(text) and _ISSUER_END.search(squash(text)) is not None


def signature_issuer(body: str) -> str | None:
    """The issuing body in the 落款: a short line ending in an organ name among the last lines."""
    tail = [ln for ln in stripped_lines(body) if ln][-4:]
    for ln in reversed(tail):
        s = squash(ln)
        s = re.sub(r"(?:19|20|二[〇零○])\S{2,3}年\S{1,3}月\S{1,3}日$", "", s)
        if 3 <= len(s) <= 30 and re.search(_ORG_END + r"$", s) and not re.search(r"[。,，;；:：]", s):
            return s
    return None


def kind_of(issuer: str | None, *, township: bool = False) -> str | None:
    """government | department | sub_district | other for an issuer string."""
    if not issuer:
        return None
    s = squash(issuer)
    if township or _SUB.search(s):
        return "sub_district"
    if _GOV.search(s):
        return "government"
    if _DEPT.search(s):
        return "department"
    if re.search(r"(?:省|市|区|县|旗|州|盟)$", s):
        return "government"
    return "other"
