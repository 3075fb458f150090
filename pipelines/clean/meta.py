"""Page metadata from label/value lines and <meta> tags, with normalised keys.

The same parser reads a text dump's "索 引 号:014119467/2018-00140" line, a rendered 政务公开 table row
("索引号： | 11220000013544357T/2022-00426 | 分类： | 通告") and an info bar ("发布时间:2020-08-20
10:15来源:伊春市司法局访问量:"): it finds every known label followed by a colon and takes the text up
to the next label as its value.
"""

from __future__ import annotations

import re
from typing import Any

from pipelines.text.dates import DATE_RE, to_iso
from pipelines.text.normalize import simplified
from pipelines.text.vocabulary import PAGE_DESCRIPTION

# label (as written, whitespace removed) -> normalised key. Longer labels first so "发布时间" wins over "时间".
LABELS: dict[str, str] = {
    "信息名称": "title",
    "中文名": "title",  # a wiki infobox
    "文件名称": "title",
    "标题": "title",
    "名称": "title",
    "题名": "title",
    "索引号": "index_number",
    "信息索引号": "index_number",
    "组配分类": "category",
    "主题分类": "category",
    "体裁分类": "genre",
    "信息分类": "category",
    "分类": "category",
    "服务对象分类": "audience",
    "公开方式": "disclosure_mode",
    "公开范围": "disclosure_scope",
    "公开时限": "disclosure_term",
    "文件编号": "doc_number",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "发文文号": "doc_number",
    "发布机构": "issuer",
    "发文机关": "issuer",
    "发文单位": "issuer",
    "发布单位": "issuer",
    "生成机构": "issuer",
    "产生日期": "written_date",
    "成文日期": "written_date",
    "生成日期": "written_date",
    "成文时间": "written_date",
    "发布日期": "publish_date",
    "发布时间": "publish_date",
    "发表日期": "publish_date",
    "发表时间": "publish_date",
    "公开日期": "publish_date",
    "公开时间": "publish_date",
    "发文日期": "publish_date",
    "上传时间": "publish_date",
    "编辑日期": "edit_date",
    "更新时间": "edit_date",
    "更新日期": "edit_date",
    "日期": "date",
    "时间": "date",
    "废止日期": "repeal_date",
    "有效性": "validity",
    "时效": "validity",
    "效力状态": "validity",
    "内容概述": "summary",
    "摘要": "summary",
    "内容摘要": "summary",
    "主题词": "keywords",
    "关键词": "keywords",
    "关键字": "keywords",
    "信息来源": "source",
    "文章来源": "source",
    "稿件来源": "source",
    "来源": "source",
    "责任编辑": "editor",
    "编辑": "editor",
    "作者": "author",
    "审核": "reviewer",
    "访问量": "views",
    "浏览次数": "views",
    "阅读次数": "views",
    "点击数": "views",
    "点击率": "views",
    "访问次数": "views",
    "字体": "_font",
    "字号": "_font",
}
# Publish-date evidence, most specific first.
PUBLISH_KEYS = ("publish_date", "date", "edit_date")


def _label_alt(label: str) -> str:
    # Labels are padded with any whitespace between characters ("索  引 号", "标      题").
    return r"\s*".join(map(re.escape, label))


_LABEL_RE = re.compile(
    r"(?P<label>" + "|".join(_label_alt(lab) for lab in sorted(LABELS, key=len, reverse=True)) + r")\s*[:：]"
)
# A 政务公开 table flattened without colons: "标 题 | 金昌市人民政府关于…的通知 |", "索引号 | … | 主题分类 | …".
_PIPE_LABEL_RE = re.compile(
    r"(?:^|(?<=[|｜]))\s*(?P<label>"
    + "|".join(_label_alt(lab) for lab in sorted(LABELS, key=len, reverse=True))
    + r")\s*[|｜]"
)
_WS = re.compile(r"\s+")
_VALUE_TRIM = re.compile(r"^[\s|｜:：]+|[\s|｜【\[）)】\]]+$")
_OPEN = "（(【[ "


def colonise(line: str) -> str:
    """A table row that starts with a label cell ("标题 | value") written as "标题: value"."""
    if not _PIPE_LABEL_RE.match(line):
        return line
    return _PIPE_LABEL_RE.sub(lambda m: m.group("label") + ":", line)


def label_pairs(line: str) -> list[tuple[str, str]]:
    """(key, value) for every "label: value" in the line, in order; [] when the line has no label."""
    line = colonise(line)
    matches = list(_LABEL_RE.finditer(line))
    pairs = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        value = _VALUE_TRIM.sub("", line[m.end() : end])
        pairs.append((LABELS[_WS.sub("", m.group("label"))], value))
    return pairs


# The description line as a whole line (the vocabulary's pattern, ending where the line does).
DESCRIPTION = re.compile(PAGE_DESCRIPTION.pattern + r".{0,12}$")


def is_meta_line(line: str) -> bool:
    """A line that starts with a known label, a short info bar that starts with a date, or a page
    description line."""
    if DESCRIPTION.match(line):
        return True
    m = _LABEL_RE.match(colonise(line.lstrip(_OPEN)))
    if m:
        return True
    d = DATE_RE.match(line)
    return bool(d and len(line) <= 60 and _LABEL_RE.search(line, d.end()))


def harvest_line(line: str, meta: dict[str, Any]) -> None:
    """Merge one metadata line into `meta` (first non-empty value of a key wins).

    Labels are read in the simplified view (發布時間 is 发布时间); values are kept as the page writes them.
    """
    original = colonise(line.lstrip(_OPEN))
    line = colonise(simplified(line).lstrip(_OPEN))
    desc = DESCRIPTION.match(line)
    if desc:
        same = len(original) == len(line)
        meta.setdefault(
            "title", original[desc.start("title") : desc.end("title")] if same else desc.group("title")
        )
        return
    d = DATE_RE.match(line)
    if d and _LABEL_RE.search(line, d.end()):
        meta.setdefault("date", d.group(0))
    for k, v in label_pairs(line):
        if k.startswith("_") or not v:
            continue
        if k == "views":
            num = re.match(r"\d+", v)
            if not num:
                continue
            v = num.group(0)
        if k in ("publish_date", "written_date", "edit_date", "date", "repeal_date") and not to_iso(v):
            if k == "repeal_date" and re.fullmatch(r"(有效|失效|废止|已废止|已失效|部分失效)", v):
                meta.setdefault("validity", v)  # "废止日期: 有效": an empty date cell followed by the status
            continue
        at = line.find(v)
        if len(original) == len(line) and at >= 0:
            v = original[at : at + len(v)]
        meta.setdefault(k, v)


FOOTER_FIELDS = (
    ("site_id_code", re.compile(r"网站标识码\s*[:：]?\s*([0-9A-Za-z]{10,12})")),
    ("icp", re.compile(r"([\u4e00-\u9fff]ICP[备证]\s*\d+号(?:-\d+)?)")),
    ("police_filing", re.compile(r"([\u4e00-\u9fff]公网安备\s*\d+号)")),
)


def harvest_footer(text: str, meta: dict[str, Any]) -> None:
    """网站标识码, ICP and 公网安备 numbers from footer text (kept unless a <meta> tag already gave one)."""
    for k, pat in FOOTER_FIELDS:
        if not meta.get(k):
            m = pat.search(text)
            if m:
                meta[k] = m.group(1).replace(" ", "")


# <meta name=...> (lower-cased) -> normalised key.
META_TAGS: dict[str, str] = {
    "articletitle": "title",
    "pubdate": "publish_date",
    "contentsource": "source",
    "sitename": "site_name",
    "sitedomain": "site_domain",
    "siteidcode": "site_id_code",
    "columnname": "column",
    "columntype": "column_type",
    "columndescription": "column_description",
    "keywords": "keywords",
    "description": "description",
    "author": "author",
    "url": "url",
    "firstpublishedtime": "first_published",
    "publishdate": "publish_date_alt",
    "source": "source_alt",
    "contentid": "content_id",
    "maketime": "make_time",
    "catalog": "catalog",
}

SITE_ID_RE = re.compile(r"^(\d{10}|bm\d{8})$")


def site_fields(code: str | None) -> dict[str, str]:
    """Validated 网站标识码 plus the 6-digit division code its local form starts with (a hint)."""
    if not code:
        return {}
    code = code.strip()
    if not SITE_ID_RE.match(code):
        return {"site_id_code_raw": code}
    out = {"site_id_code": code}
    if code.isdigit():
        out["site_division_code"] = code[:6]
    return out
