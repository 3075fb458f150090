"""The period a report or a stated figure covers, as the warehouse stores it.

`Document.period` and `Mention.period` hold these strings, and the marts, the report and the export
read them back, so the values are a stored contract and never change spelling:

- `full_year` — the whole report year;
- `first_half` — January to June (上半年);
- `through_month_N` — January to the end of month N (截至10月底, 1-10月, 前三季度 = 9);
- `multi_year` — several years (a 2016-2020 report, a tally "since 2011");
- `unknown` — not decided (not a report, or no year).

`Period` is a plain `str` at run time; the type only says which strings are meant.
"""

from __future__ import annotations

import re
from typing import Final, NewType

Period = NewType("Period", str)

FULL_YEAR: Final = Period("full_year")
FIRST_HALF: Final = Period("first_half")
MULTI_YEAR: Final = Period("multi_year")
UNKNOWN: Final = Period("unknown")

_THROUGH_MONTH_RE = re.compile(r"through_month_(\d+)")
_NAMED = {FULL_YEAR, FIRST_HALF, MULTI_YEAR, UNKNOWN}


def through_month(n: int) -> Period:
    """January to month n. The month is taken as given: callers bound it (a title's "1-10月" is stored
    as written), and through_month(12) is not folded into full_year here."""
    return Period(f"through_month_{n}")


def parse_period(text: str | None) -> Period | None:
    """`text` as a Period when it is one of the vocabulary's strings, else None."""
    if text in _NAMED or (text is not None and _THROUGH_MONTH_RE.fullmatch(text)):
        return Period(text)
    return None


def is_period(text: str | None) -> bool:
    """True for the strings the warehouse may store as a period."""
    return parse_period(text) is not None


def months(period: str | None) -> int | None:
    """Months from January the period covers: 12, 6 or N; None for multi_year, unknown or a non-period."""
    if period == FULL_YEAR:
        return 12
    if period == FIRST_HALF:
        return 6
    m = _THROUGH_MONTH_RE.fullmatch(period or "")
    return int(m.group(1)) if m else None
