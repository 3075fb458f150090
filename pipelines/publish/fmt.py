"""How numbers read in the report: catalog units become the units a Chinese reader expects."""

from __future__ import annotations

import re

UNIT_SUFFIX = {"cases": "件", "items": "项", "persons": "人", "times": "次", "documents": "件"}
UNIT_LABEL = {
    "cases": "件 cases",
    "items": "项 items",
    "persons": "人 persons",
    "times": "次 times",
    "documents": "件 documents",
    "yuan": "元 yuan",
    "percent": "% percent",
}
PREFIX_APPROX = {"约", "近"}  # 约100 / 近100; the others (余, 多, 以上) follow the number


def number(value: float, decimals: int = 2) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")


def value(v: float, unit: str | None, approx: str | None = None) -> str:
    """1132.18万元, 93.1%, 1,873件: the catalog value in the unit a report would write."""
    if unit == "percent":
        text = f"{number(v)}%"
    elif unit == "yuan":
        if abs(v) >= 1e8:
            text = f"{number(v / 1e8)}亿元"
        elif abs(v) >= 1e4:
            text = f"{number(v / 1e4)}万元"
        else:
            text = f"{number(v)}元"
    else:
        text = f"{number(v)}{UNIT_SUFFIX.get(unit or '', '')}"
    if approx:
        return f"{approx}{text}" if approx in PREFIX_APPROX else _suffix_approx(text, approx)
    return text


def _suffix_approx(text: str, approx: str) -> str:
    # 1,200余件: the marker goes between the number and its unit, as written in reports.
    m = re.match(r"^([\d,.]+)(.*)$", text)
    return f"{m.group(1)}{approx}{m.group(2)}" if m else f"{text}{approx}"


def change(delta: float, relative: float | None, unit: str | None) -> str:
    """+3.2 pp for rates (a percentage of a percentage misleads), +12.5% for everything else."""
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    if unit == "percent":
        return f"{sign}{number(abs(delta), 1)} pp"
    if relative is None:
        return f"{sign}{value(abs(delta), unit)} (from 0)"
    return f"{sign}{number(abs(relative) * 100, 1)}%"


PERIOD_LABEL = {
    "full_year": "full year",
    "first_half": "first half",
    "multi_year": "several years",
    "unknown": "period unknown",
}


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_name(n: int) -> str:
    return MONTHS[n - 1] if 1 <= n <= 12 else f"month {n}"


def period(p: str | None) -> str:
    if not p:
        return "period unknown"
    m = re.fullmatch(r"through_month_(\d+)", p)
    if m:
        return f"Jan–{month_name(int(m.group(1)))}"
    return PERIOD_LABEL.get(p, p)
