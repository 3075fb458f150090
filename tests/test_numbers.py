"""The number parser: every written form the reports use, table-driven, plus round-trip properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.extract import parse_number, scan_quantities
from pipelines.text.numerals import parse_chinese_int, to_halfwidth


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1873", 1873),
        ("103,098", 103098),
        ("1,234,567", 1234567),
        ("1132.18万", 11321800),
        ("1132.18万元", 11321800),
        ("2.1万", 21000),
        ("18亿", 1_800_000_000),
        ("2万余", 20000),
        ("22万余份", 220000),
        ("六", 6),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("十余", 10),
        ("百余", 100),
        ("百余场次", 100),
        ("三百余", 300),
        ("两百零五", 205),
        ("一千零一", 1001),
        ("三万二千", 32000),
        ("二〇一八", 2018),
        ("93.1%", 93.1),
        ("100%", 100),
        ("百分之百", 100),
        ("百分之九十五", 95),
        ("约170人", 170),
        ("1100多", 1100),
        ("40余项", 40),
        ("97%以上", 97),
        ("１２３", 123),  # full-width digits
    ],
)
def test_parse_number_reads_written_forms(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "第六", "38,1", "abc", "两法", "〔2017〕49号", "2018年"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def _found(text: str) -> list[tuple[float, str, str, str | None, str]]:
    t = to_halfwidth(text)
    return [(q.value, q.kind, q.unit_raw, q.approx, t[q.start : q.end]) for q in scan_quantities(t)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("处置各类社会事件103,098件", [(103098, "count", "件", None, "103,098件")]),
        (
            "收到行政复议申请38件,1件正在办理",
            [(38, "count", "件", None, "38件"), (1, "count", "件", None, "1件")],
        ),
        ("罚没款1132.18万元", [(11321800, "amount", "元", None, "1132.18万元")]),
        ("共组织六场立法调研会", [(6, "count", "场", None, "六场")]),
        ("立法项目有两个", [(2, "count", "个", None, "两个")]),
        ("学习10余次", [(10, "count", "次", "余", "10余次")]),
        ("活动百余场次", [(100, "count", "场次", "余", "百余场次")]),
        ("公开各类政府信息2万余条", [(20000, "count", "条", "余", "2万余条")]),
        ("占比93.1%", [(93.1, "percent", "%", None, "93.1%")]),
        ("上升11个百分点", [(11, "points", "个百分点", None, "11个百分点")]),
        ("约1000多人次", [(1000, "count", "人次", "约…多", "约1000多人次")]),
        ("97%以上涉税事项", [(97, "percent", "%", "以上", "97%以上")]),
        ("压缩至60个工作日", [(60, "duration", "个工作日", None, "60个工作日")]),
        # sites that set figures apart with spaces (one ASCII or no-break space, Arabic numbers only)
        ("受理法律援助案件 537 件", [(537, "count", "件", None, "537 件")]),
        ("网上可办率 94.3%", [(94.3, "percent", "%", None, "94.3%")]),
        ("办理 1.3 万件", [(13000, "count", "件", None, "1.3 万件")]),
        ("提供法律咨询 240 余人次", [(240, "count", "人次", "余", "240 余人次")]),
        ("罚没款\u00a012\u00a0万元", [(120000, "amount", "元", None, "12\u00a0万元")]),
    ],
)
def test_scan_finds_quantities_with_counters(text: str, expected: list) -> None:
    got = _found(text)
    assert [(pytest.approx(v), k, u, a, t) for v, k, u, a, t in expected] == got


@pytest.mark.parametrize(
    "text",
    [
        "钟楼区政府第六次常务会议",  # ordinal
        "根据常政复〔2017〕49号文件",  # document number
        "2018年是改革开放40周年",  # year, anniversary (duration, not a count)
        "11月25日",  # date
        "推进“两法衔接”工作",  # programme name
        "十九届二中、三中、四中全会",
        "12345政府服务热线",
        "联系电话:0519-88890809",
        "最多跑一次",  # a lone 一 is idiom
        "第十三次会议",
        "第 3 次会议",  # a spaced ordinal
        "十 个",  # a spaced Chinese numeral is not a written count
        "2019\n件",  # a line break never joins a number to a counter
        "2019  年",
    ],
)
def test_scan_ignores_numbers_that_are_not_quantities(text: str) -> None:
    assert [q for q in _found(text) if q[1] != "duration"] == []


def test_scan_offsets_point_at_the_value_text() -> None:
    text = "截至10月底,全区共实施行政许可38248件,行政处罚1873件,罚没款1132.18万元。"
    for q in scan_quantities(text):
        assert text[q.start : q.end].startswith(text[q.num_start : q.num_end])
    assert [text[q.start : q.end] for q in scan_quantities(text)] == ["38248件", "1873件", "1132.18万元"]


# --- properties -------------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Reference formatter (standard reading): 0 <= n < 10**12."""
    if n == 0:
        return "零"

    def below_10k(x: int, leading: bool) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // value
            x %= value
            if d:
                if zero:
                    out += "零"
                    zero = False
                out += ("" if (d == 1 and unit == "十" and not out and leading) else _DIGITS[d]) + unit
            elif out:
                zero = True
        return out

    parts = []
    for big, unit in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = n // big
        n %= big
        if chunk:
            lead = not parts
            if parts and chunk < 1000:
                parts.append("零")
            parts.append(below_10k(chunk, lead) + unit)
        elif parts and n:
            parts.append("零") if parts[-1] != "零" else None
    text = "".join(parts)
    while "零零" in text:
        text = text.replace("零零", "零")
    return text.rstrip("零") or "零"


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_commas_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_chinese_int(to_chinese(n)) == n


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["万", "亿"]))
def test_wan_yi_multiply(n: int, mult: str) -> None:
    assert parse_number(f"{n}{mult}") == n * (10_000 if mult == "万" else 100_000_000)


@given(st.integers(min_value=1, max_value=999_999))
def test_decimal_wan_in_yuan(cents: int) -> None:
    text = f"{cents / 100:.2f}万元"
    assert parse_number(text) == pytest.approx(cents * 100)


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["件", "宗", "人次", "场次", "项"]))
def test_scan_finds_a_formatted_count_in_prose(n: int, counter: str) -> None:
    text = f"全年共办理{n:,}{counter},同比增长5%"
    qs = scan_quantities(text)
    assert qs[0].value == n and qs[0].unit_raw == counter
    assert text[qs[0].start : qs[0].end] == f"{n:,}{counter}"


@pytest.mark.parametrize(
    ("text", "value"), [("达到百分之95.5.", 95.5), ("百分之1..2", 1.0), ("百分之九十五点五", 95.5)]
)
def test_chinese_percent_forms_never_swallow_a_full_stop(text: str, value: float) -> None:
    """A sentence-final '.' after 百分之N is punctuation, not a decimal point (it used to crash the scan)."""
    assert [q.value for q in scan_quantities(text)] == [value]
