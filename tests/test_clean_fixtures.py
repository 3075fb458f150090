"""Synthetic pages in the CMS styles of gov-pages.md §4 (regenerate with fixtures/clean/make_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.clean import clean_page

FIX = Path(__file__).parent / "fixtures" / "clean"
# A URL whose date differs from the pages' own, so a date read from the URL cannot pass for metadata.
URL = "https://www.shili.gov.cn/zwgk/fzzf/202304/t20230401_1234.html"
TITLE = "示例县人民政府关于2022年度法治政府建设情况的报告"
FIRST = "2022年，示例县人民政府坚持以习近平新时代"
CHROME = [
    "当前位置",
    "网站标识码",
    "ICP备",
    "打印",
    "关闭",
    "分享到",
    "扫一扫",
    "上一篇",
    "相关新闻",
    "责任编辑",
    "无障碍",
    "主办单位",
    "版权",
    "Produced By",
    "索引号",
    "pdf下载",
    "[1]",
]


def clean(name: str):
    return clean_page((FIX / name).read_bytes(), "html", url=URL)


@pytest.mark.parametrize(
    ("name", "method", "ends_with"),
    [
        ("trs_markers.html", "marker", "2023年3月20日"),
        ("hanweb_zoom.html", "container:id=zoom", "2023年3月20日"),
        ("xxgk_twice.html", "container:class=trs_ueditor", "2023年3月20日"),
        ("nmg_triple.html", "container:class=trs_editor", "2023年3月20日"),
        ("legacy_gb2312.html", "density", "提供有力法治保障。"),
    ],
)
def test_cms_styles_body_without_chrome(name: str, method: str, ends_with: str) -> None:
    page = clean(name)
    assert page.error is None
    assert page.method == method
    lines = page.body_text.split("\n")
    assert lines[0].startswith(FIRST) or lines[1].startswith(FIRST)  # a 文号 line may come first
    assert lines[-1].endswith(ends_with)  # the 落款 date is kept as the last line
    for c in CHROME:
        assert c not in page.body_text, c
    assert page.title == TITLE
    assert TITLE not in page.body_text
    assert len(lines) == len(set(lines)), "duplicated paragraphs"


def test_structure_is_kept() -> None:
    lines = clean("trs_markers.html").body_text.split("\n")
    assert "一、主要工作成效" in lines and "三、下一步工作安排" in lines
    assert "行政复议案件 | 21件" in lines  # tables as text rows
    assert lines[-2:] == ["示例县人民政府", "2023年3月20日"]


def test_trs_metadata_and_credit() -> None:
    page = clean("trs_markers.html")
    assert page.publish_date == "2023-03-28"
    assert page.page_meta["editor"] == "周雁"
    assert page.page_meta["site_id_code"] == "1101020002"
    assert page.page_meta["site_division_code"] == "110102"
    assert page.page_meta["source"] == "示例县司法局"
    assert any("打印本页" in r for r in page.removed)


def test_xxgk_table_twice_becomes_metadata() -> None:
    page = clean("xxgk_twice.html")
    assert page.written_date == "2023-03-20" and page.publish_date == "2023-03-28"
    assert page.page_meta["index_number"] == "11110102MB0000000X/2023-00012"
    assert page.page_meta["doc_number"] == "示政报〔2023〕5号"
    assert page.page_meta["issuer"] == "示例县人民政府"
    assert page.body_text.startswith("示政报〔2023〕5号\n")
    assert {a.ext for a in page.attachments} == {"pdf", "doc"}
    assert not page.page_shell


def test_legacy_gb2312_decoded_and_paginated() -> None:
    page = clean("legacy_gb2312.html")
    assert page.encoding == "gb18030"
    assert page.publish_date == "2023-03-28"
    assert page.page_meta["editor"] == "黄帅"
    assert "工作动态" not in page.body_text and "免责声明" not in page.body_text


def test_page_shell_points_to_attachment() -> None:
    page = clean("page_shell.html")
    assert page.page_shell
    assert [a.url for a in page.attachments] == ["https://www.shili.gov.cn/zwgk/files/2023/fzzf2022.pdf"]
    assert page.attachments[0].ext == "pdf"
    assert "网站标识码" not in page.body_text and "ICP" not in page.body_text
