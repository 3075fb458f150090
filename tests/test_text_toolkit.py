"""The text toolkit (pipelines/text) and the level vocabulary: contracts the stages rely on."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pipelines.levels import LEVEL_RANK, LEVELS
from pipelines.text import period
from pipelines.text.dates import labelled_date, parse_date, to_iso
from pipelines.text.numerals import digit_string, parse_chinese_int, small_int

TEXT_DIR = Path(__file__).resolve().parents[1] / "pipelines" / "text"


def test_the_toolkit_imports_no_stage() -> None:
    """pipelines/text may import only itself: every stage can use it without an import cycle."""
    for path in TEXT_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                if name.startswith("pipelines"):
                    assert name.startswith("pipelines.text"), f"{path.name} imports {name}"


def test_period_strings_are_the_stored_contract() -> None:
    assert (period.FULL_YEAR, period.FIRST_HALF, period.MULTI_YEAR, period.UNKNOWN) == (
        "full_year",
        "first_half",
        "multi_year",
        "unknown",
    )
    assert period.through_month(10) == "through_month_10"


@pytest.mark.parametrize(
    ("value", "months"),
    [("full_year", 12), ("first_half", 6), ("through_month_9", 9), ("multi_year", None), ("unknown", None)],
)
def test_period_months(value: str, months: int | None) -> None:
    assert period.is_period(value)
    assert period.months(value) == months


@pytest.mark.parametrize("value", ["", None, "through_month_", "Through_month_3", "half_year", "full_year "])
def test_not_a_period(value: str | None) -> None:
    assert period.parse_period(value) is None and period.months(value) is None


def test_one_digit_table_reads_every_zero() -> None:
    assert digit_string("二〇二〇") == digit_string("二○二○") == digit_string("二Ｏ二Ｏ") == "2020"
    assert parse_chinese_int("两百零五") == 205 and small_int("二十一") == 21 and small_int("十十") is None


def test_the_two_date_readers() -> None:
    assert to_iso("2020-08-20 10:15") == parse_date("2020-08-20 10:15") == "2020-08-20"
    assert to_iso("二〇二〇年三月一日") == parse_date("二〇二〇年三月一日") == "2020-03-01"
    assert to_iso("1985-01-01") is None and parse_date("1985-01-01") == "1985-01-01"  # metadata: 1990-2100
    assert labelled_date(["成文日期:2020-01-02", "发布时间:2020-08-20"]) == "2020-08-20"


def test_levels() -> None:
    assert set(LEVELS) == set(LEVEL_RANK)
    assert LEVEL_RANK["province"] < LEVEL_RANK["prefecture"] < LEVEL_RANK["county"] < LEVEL_RANK["township"]
