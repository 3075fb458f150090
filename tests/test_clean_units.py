"""Table-driven tests of the cleaner's building blocks and of bad input."""

from __future__ import annotations

import pytest

from pipelines.clean import clean_page
from pipelines.clean.decode import canonical, decode_body
from pipelines.clean.lines import is_chrome, kind_of
from pipelines.clean.meta import label_pairs, site_fields
from pipelines.text.dates import date_from_url, to_iso
from pipelines.text.normalize import normalise_line

REPORT = "\n".join(
    [
        "网站首页 | 政务公开",
        "当前位置：首页 > 政务公开 > 工作报告",
        "某某区2021年法治政府建设年度报告",
        "发布时间:2022-03-15 09:00 来源:区司法局 浏览次数:12",
        "2021年，我区坚持以习近平法治思想为指导，深入推进法治政府建设，取得明显成效，现报告如下。",
        "一、主要做法",
        "全年审查规范性文件20件，办理行政复议案件15件，行政机关负责人出庭应诉率达到100%。",
        "某某区人民政府",
        "2022年3月10日",
        "【打印本页】 【关闭窗口】",
        "苏公网安备32041102000483号 网站标识码:3204040002 苏ICP备05028197号",
    ]
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("索  引 号：", "索引号："),
        ("首\u3000\u3000页 政 务 公 开", "首页政务公开"),
        ("\u00a0 • 网站首页", "网站首页"),
        ("Dalian Lushunkou 2019", "Dalian Lushunkou 2019"),
    ],
)
def test_normalise_line(raw: str, expected: str) -> None:
    assert normalise_line(raw) == expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2018-12-04", "2018-12-04"),
        ("发表日期:2020年3月27日", "2020-03-27"),
        ("2017/2/9", "2017-02-09"),
        ("2016-11-22 09:53", "2016-11-22"),
        ("二〇二二年一月二十七日", "2022-01-27"),
        ("2022年13月1日", None),
        ("", None),
    ],
)
def test_to_iso(text: str, iso: str | None) -> None:
    assert to_iso(text) == iso


def test_date_from_url() -> None:
    assert date_from_url("http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml") == "2019-09-18"
    assert date_from_url("http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html") == "2016-11-22"
    assert date_from_url("http://example.gov.cn/index.html") is None


@pytest.mark.parametrize(
    ("line", "pairs"),
    [
        ("索 引 号:014119467/2018-00140", [("index_number", "014119467/2018-00140")]),
        ("文件编号: 发布机构:政府办", [("doc_number", ""), ("issuer", "政府办")]),
        (
            "发布时间:2020-08-20 10:15来源:伊春市司法局访问量:",
            [("publish_date", "2020-08-20 10:15"), ("source", "伊春市司法局"), ("views", "")],
        ),
        (
            "发文字号： | 吉政明电〔2022〕1号 | 发布日期： | 2022年01月28日",
            [("doc_number", "吉政明电〔2022〕1号"), ("publish_date", "2022年01月28日")],
        ),
        ("一、加强组织领导", []),
    ],
)
def test_label_pairs(line: str, pairs: list) -> None:
    assert label_pairs(line) == pairs


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("编辑日期:2017/2/9 编辑:黄伟文 来源:中山市石岐区政府 阅读次数:次 [关闭]", "meta"),
        ("【打印本页】 【关闭窗口】", "anchor"),
        ("扫一扫在手机打开当前页", "anchor"),
        ("苏公网安备32041102000483号 网站标识码:3204040002 苏ICP备05028197号", "chrome"),
        ("您当前所在的位置是:首页 > 政务公开", "chrome"),
        ("共有 8749 位读者读过此文", "chrome"),
        ("（三）关闭整治小化工企业", "short"),  # a heading that merely contains a chrome word
        ("某某区人民政府", "short"),
        ("全年审查规范性文件20件，办理行政复议案件15件，出庭应诉率达到100%。", "prose"),
    ],
)
def test_kind_of(line: str, kind: str) -> None:
    assert kind_of(line) == kind


def test_site_fields() -> None:
    assert site_fields("1508000002") == {"site_id_code": "1508000002", "site_division_code": "150800"}
    assert site_fields("bm17000009") == {"site_id_code": "bm17000009"}
    assert site_fields("310000000044") == {"site_id_code_raw": "310000000044"}


def test_text_dump_report() -> None:
    page = clean_page(REPORT.encode("utf-8"), "text")
    assert page.title == "某某区2021年法治政府建设年度报告"
    assert page.publish_date == "2022-03-15"
    assert page.body_text.startswith("2021年，我区坚持")
    assert page.body_text.endswith("某某区人民政府\n2022年3月10日")  # 落款 kept
    assert page.page_meta["source"] == "区司法局" and page.page_meta["views"] == "12"
    assert page.page_meta["site_division_code"] == "320404"
    for chrome in ("当前位置", "打印", "ICP", "浏览次数"):
        assert chrome not in page.body_text


def test_is_chrome_keeps_long_sentences() -> None:
    sentence = "为方便群众，我区在政务服务中心设立打印窗口和登录自助终端，全年服务群众超过一万人次，切实提升了办事体验和满意度。"
    assert not is_chrome(sentence)


@pytest.mark.parametrize(
    ("body", "declared", "encoding", "warned"),
    [
        ("法治政府建设".encode("gb2312"), "gb2312", "gb18030", False),
        ("法治政府建设".encode(), "gbk", "utf-8", True),  # wrong declared charset: bytes are UTF-8
        ("<meta charset=gbk>法治政府".encode("gbk"), None, "gb18030", False),
        ("<meta charset=utf-8>法治政府建设年度报告".encode("gb18030"), "utf-8", "gb18030", True),
        (b"\xef\xbb\xbf" + "法治".encode(), None, "utf-8", False),
        ("法治".encode("gbk"), "iso-8859-1", "gb18030", True),  # HTTP library default is never trusted
    ],
)
def test_decode(body: bytes, declared: str | None, encoding: str, warned: bool) -> None:
    dec = decode_body(body, declared)
    assert dec.error is None and dec.encoding == encoding
    assert "法治" in dec.text and "\ufffd" not in dec.text
    assert bool(dec.warnings) == warned


def test_canonical_charsets() -> None:
    assert canonical("GB2312") == canonical("gbk") == "gb18030"
    assert canonical("ISO-8859-1") is None and canonical("nonsense") is None


@pytest.mark.parametrize(
    ("body", "media", "error"),
    [
        (b"", "html", "empty"),
        (b"   \n\t ", "text", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "html", "pdf"),
        (b"PK\x03\x04\x14\x00\x06\x00", "html", "binary"),
        (bytes(range(256)) * 20, "html", "binary"),
    ],
)
def test_unreadable_input_is_an_error_not_a_crash(body: bytes, media: str, error: str) -> None:
    page = clean_page(body, media)
    assert page.error == error and page.body_text == ""


def test_truncated_html_best_effort() -> None:
    html = (
        "<html><body><div id='zoom'>"
        + "<p>全年办理行政复议案件15件，依法纠错3件，行政机关负责人出庭应诉率100%。</p>" * 5
    ).encode()
    page = clean_page(html[:-7], "html")
    assert page.error is None and "行政复议案件15件" in page.body_text
    assert any("truncated" in w for w in page.warnings)


def test_deep_nesting_does_not_crash() -> None:
    para = "全年办理行政复议案件15件，依法纠错3件，行政机关负责人出庭应诉率达到100%。"
    html = "<html><body>" + "<div>" * 10_000 + f"<p>{para}</p>" * 3 + "</div>" * 10_000 + "</body></html>"
    page = clean_page(html.encode(), "html")
    assert page.error is None and para in page.body_text


def test_huge_page_uses_text_only_path(monkeypatch) -> None:
    """Above MAX_DOM_BYTES no DOM is built (reachable when FAZHI_MAX_MARKUP_MB lets such pages in)."""
    monkeypatch.setenv("FAZHI_MAX_MARKUP_MB", "20")
    para = "<p>全年办理行政复议案件15件，依法纠错3件，行政机关负责人出庭应诉率达到100%。第{}段。</p>\n"
    html = "<html><body>" + "".join(para.format(i) for i in range(120_000)) + "</body></html>"
    assert len(html.encode()) > 10_000_000
    page = clean_page(html.encode(), "html")
    assert page.error is None and page.method == "lines"
    assert any("text-only" in w for w in page.warnings)
    assert "第119999段" in page.body_text


def test_binary_junk_inside_text_does_not_raise() -> None:
    page = clean_page("正常文字\n".encode() + bytes([0xFF, 0xFE, 0x81]) * 3, "text")
    assert page.error in (None, "undecodable", "binary")


# --- rules added from the real-page fixtures (tests/fixtures/real) ---------------------------------


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        # issuer on its own line above a subject-only title: joined
        (
            [
                "天津市静海区人民政府",
                "关于2024年法治政府建设报告",
                "静海区坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,扎实推进依法行政。",
            ],
            "天津市静海区人民政府关于2024年法治政府建设报告",
        ),
        (
            [
                "桃源县人民政府",
                "",
                "2017年度法治政府建设情况报告",
                "",
                "2017年,在上级党委、政府的正确领导下,我县深入贯彻落实纲要,较好地完成了法治政府建设年度任务。",
            ],
            "桃源县人民政府2017年度法治政府建设情况报告",
        ),
        # a title that names its issuer is not prefixed
        (
            [
                "某某网站",
                "杜城街道2025年法治政府建设工作总结报告",
                "2025年,杜城街道按照上级部门有关要求,切实履行相关职能作用,高效推进法治政府建设工作。",
            ],
            "杜城街道2025年法治政府建设工作总结报告",
        ),
        # an info bar with a site name, a web address and a labelled date is skipped, not taken as the title
        (
            [
                "中共沅陵县委 沅陵县人民政府 关于2025年度法治政府建设的报告",
                "沅陵县人民政府门户网站 www.yuanling.gov.cn 发布时间:2026-02-27 10:28",
                "2025年,在县委的坚强领导和县人大及其常委会的监督支持下,沅陵县人民政府坚持以习近平新时代中国特色社会主义思想为指导。",
            ],
            "中共沅陵县委 沅陵县人民政府 关于2025年度法治政府建设的报告",
        ),
    ],
)
def test_text_dump_title_rules(lines: list[str], title: str) -> None:
    from pipelines.clean.lines import clean_lines

    assert clean_lines(lines).title == title


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("05.06.2018  20:39", True),
        ("2022-11-25 17:06:19", True),
        ("2023年3月1日", False),
        ("2018年12月4日", False),
    ],
)
def test_datetime_stamp_line_is_chrome(line: str, chrome: bool) -> None:
    from pipelines.clean.lines import is_chrome

    assert is_chrome(line) is chrome


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        (
            "标 题 | 金昌市人民政府关于印发《实施方案》的通知 |",
            "title",
            "金昌市人民政府关于印发《实施方案》的通知",
        ),
        ("成文日期 | 2025-06-13 | 发布日期 | 2025-06-30 |", "publish_date", "2025-06-30"),
        (
            "索 引 号 | 11620300013909010R/2025-48086 | 主题分类 | 金政发 |",
            "index_number",
            "11620300013909010R/2025-48086",
        ),
    ],
)
def test_pipe_table_rows_are_metadata(line: str, key: str, value: str) -> None:
    from pipelines.clean.meta import harvest_line, is_meta_line

    meta: dict = {}
    harvest_line(line, meta)
    assert is_meta_line(line) and meta[key] == value
