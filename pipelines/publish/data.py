"""What the HTML report shows, read from the marts into plain records (no HTML here).

Every rule lives in dbt: the coverage grid (which regions, each cell's status, the names and the
order of levels) is marts.fct_coverage_grid, a code's display name is marts.dim_region_name. This
module only selects and turns rows into records.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pipelines.land.connect import open_read_only, require
from pipelines.land.lock import DEFAULT_READ_WAIT_S

MAX_YEARS = 15  # coverage columns: the most recent years


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str | None
    province_code: str | None
    province_name: str | None
    prefecture_name: str | None


@dataclass(frozen=True)
class Cell:
    """One region x year of the coverage grid."""

    status: str  # on_time | late | undated | partial | missing
    n_reports: int = 0
    doc_types: tuple[str, ...] = ()
    publish_date: date | None = None
    n_indicators: int = 0
    document_id: str | None = None
    annual_period_months: int | None = None  # < 12: the annual report covers months 1..N only


@dataclass(frozen=True)
class Fact:
    """One value of fct_rule_of_law_indicators with what proves it."""

    region_code: str
    year: int
    indicator_code: str
    value: float
    unit: str | None
    approx: str | None
    period: str | None
    period_months: int | None
    has_conflict: bool
    conflicting_values: tuple[float, ...]
    is_flagged: bool
    mention_id: str
    value_text: str | None
    evidence: str
    mark: tuple[int, int] | None  # where the value sits in the evidence sentence
    document_id: str | None
    url: str | None


@dataclass(frozen=True)
class Indicator:
    code: str
    area: str | None
    name_zh: str
    name_en: str | None
    unit: str | None


@dataclass(frozen=True)
class Document:
    document_id: str
    title: str | None
    issuer: str | None
    region_code: str | None
    region_name: str | None
    year: int | None
    doc_type: str
    period: str | None
    publish_date: date | None
    published_by_deadline: bool | None
    url: str | None
    n_indicators: int


@dataclass(frozen=True)
class Change:
    """A year-on-year change of one indicator in one region (same period coverage both years)."""

    region_code: str
    indicator_code: str
    before: Fact
    after: Fact

    @property
    def delta(self) -> float:
        return self.after.value - self.before.value

    @property
    def relative(self) -> float | None:
        return None if self.before.value == 0 else self.delta / abs(self.before.value)


@dataclass
class ReportData:
    db_name: str
    generated_at: datetime
    years: list[int]
    regions: list[Region]
    cells: dict[tuple[str, int], Cell]
    facts: list[Fact]
    indicators: dict[str, Indicator]
    documents: list[Document]
    region_names: dict[str, str] = field(default_factory=dict)

    def series(self) -> dict[tuple[str, str], list[Fact]]:
        """(indicator, region) -> facts ordered by year."""
        out: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for f in sorted(self.facts, key=lambda f: f.year):
            out[(f.indicator_code, f.region_code)].append(f)
        return out

    def changes(self) -> tuple[list[Change], int]:
        """Year-on-year changes between consecutive available years, and how many pairs were skipped
        because the two values cover different periods (a half-year figure against a full year)."""
        changes, skipped = [], 0
        for (indicator, region), facts in self.series().items():
            for before, after in itertools.pairwise(facts):
                if not comparable(before, after):
                    skipped += 1
                    continue
                changes.append(Change(region, indicator, before, after))
        changes.sort(key=lambda c: (c.relative is None, -abs(c.relative or 0), -abs(c.delta)))
        return changes, skipped


def comparable(before: Fact, after: Fact) -> bool:
    """Two years' values may be compared (a change, a line between them) only when both cover the
    same known stretch of their year: January to October against a full year is not a decline."""
    return before.period_months is not None and before.period_months == after.period_months


def _cell(row: dict[str, Any]) -> Cell:
    return Cell(
        row["cell_status"],
        n_reports=row["n_reports"],
        doc_types=tuple(row["doc_types"]),
        publish_date=row["publish_date"],
        n_indicators=row["n_indicators"],
        document_id=row["document_id"],
        annual_period_months=row["annual_period_months"],
    )


def _region(row: dict[str, Any]) -> Region:
    return Region(
        row["region_code"],
        row["region_name"],
        row["level"],
        row["province_code"],
        row["province_name"],
        row["prefecture_name"],
    )


def _mark(
    evidence: str, value_text: str | None, rel_start: int | None, rel_end: int | None
) -> tuple[int, int] | None:
    """Locate the value in its sentence: by offsets when they agree with the text, else by search."""
    if rel_start is not None and rel_end is not None and 0 <= rel_start < rel_end <= len(evidence):
        piece = evidence[rel_start:rel_end]
        if not value_text or piece == value_text or value_text in piece or piece in value_text:
            return rel_start, rel_end
    if value_text and value_text in evidence:
        i = evidence.index(value_text)
        return i, i + len(value_text)
    return None


def _rows(con, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


MARTS = (
    "marts.fct_coverage_grid",
    "marts.fct_rule_of_law_indicators",
    "marts.fct_indicator_mentions",
    "marts.dim_indicator",
    "marts.dim_document",
    "marts.dim_region_name",
)

# The grid in the report's order: by province, then level (province ... township), then code.
COVERAGE_SQL = """
select * from marts.fct_coverage_grid
order by coalesce(province_code, ''), level_rank, region_code, year
"""

FACTS_SQL = """
select f.region_code, f.year, f.indicator_code, f.value, f.unit, f.approx,
       f.period, f.period_months, f.has_conflict, f.conflicting_values,
       f.is_flagged, f.chosen_mention_id, f.evidence, f.document_id,
       coalesce(f.url, f.location) as url,  -- a link where the address is known, else the file
       m.value_text, f.start_offset - m.sentence_start as rel_start,
       f.end_offset - m.sentence_start as rel_end
from marts.fct_rule_of_law_indicators f
left join marts.fct_indicator_mentions m on m.mention_id = f.chosen_mention_id
order by f.region_code, f.indicator_code, f.year
"""

INDICATORS_SQL = "select indicator_code, area, name_zh, name_en, unit from marts.dim_indicator"

DOCUMENTS_SQL = """
select document_id, title, issuer, region_code, region_name, report_year, doc_type, period,
       publish_date, published_by_deadline, coalesce(url, location) as url, n_indicators
from marts.dim_document where is_report
order by region_code nulls last, report_year, publish_date
"""

FACT_REGION_NAMES_SQL = """
select distinct f.region_code, coalesce(n.name, f.region_code)
from marts.fct_rule_of_law_indicators f left join marts.dim_region_name n on n.code = f.region_code
"""


def _coverage(rows: list[dict[str, Any]]) -> tuple[list[Region], dict[tuple[str, int], Cell], list[int]]:
    """Regions in the grid's order, its cells, and the year columns (the most recent MAX_YEARS)."""
    regions: dict[str, Region] = {}
    cells: dict[tuple[str, int], Cell] = {}
    for row in rows:
        regions.setdefault(row["region_code"], _region(row))
        cells[(row["region_code"], row["year"])] = _cell(row)
    all_years = sorted({y for _, y in cells})
    years = list(range(all_years[0], all_years[-1] + 1))[-MAX_YEARS:] if all_years else []
    return list(regions.values()), cells, years


def _fact(r: dict[str, Any]) -> Fact:
    evidence = r["evidence"] or ""
    conflicting = tuple(v for v in (r["conflicting_values"] or ()) if v is not None and not math.isnan(v))
    return Fact(
        region_code=r["region_code"],
        year=r["year"],
        indicator_code=r["indicator_code"],
        value=r["value"],
        unit=r["unit"],
        approx=r["approx"],
        period=r["period"],
        period_months=r["period_months"],
        has_conflict=bool(r["has_conflict"]),
        conflicting_values=conflicting,
        is_flagged=bool(r["is_flagged"]),
        mention_id=r["chosen_mention_id"],
        value_text=r["value_text"],
        evidence=evidence,
        mark=_mark(evidence, r["value_text"], r["rel_start"], r["rel_end"]),
        document_id=r["document_id"],
        url=r["url"],
    )


def _indicator(i: dict[str, Any]) -> Indicator:
    return Indicator(i["indicator_code"], i["area"], i["name_zh"], i["name_en"], i["unit"])


def _document(d: dict[str, Any]) -> Document:
    return Document(
        d["document_id"],
        d["title"],
        d["issuer"],
        d["region_code"],
        d["region_name"],
        d["report_year"],
        d["doc_type"],
        d["period"],
        d["publish_date"],
        d["published_by_deadline"],
        d["url"],
        d["n_indicators"] or 0,
    )


def load(db: Path, *, wait_s: float = DEFAULT_READ_WAIT_S) -> ReportData:
    """Read what the report shows from the marts of `db` (read-only)."""
    db = Path(db)
    con = open_read_only(db, wait_s=wait_s)
    try:
        require(con, *MARTS)
        coverage = _rows(con, COVERAGE_SQL)
        facts = _rows(con, FACTS_SQL)
        indicators = _rows(con, INDICATORS_SQL)
        documents = _rows(con, DOCUMENTS_SQL)
        fact_names = dict(con.execute(FACT_REGION_NAMES_SQL).fetchall())
    finally:
        con.close()
    regions, cells, years = _coverage(coverage)
    return ReportData(
        db_name=db.name,
        generated_at=datetime.now(UTC).replace(microsecond=0),
        years=years,
        regions=regions,
        cells=cells,
        facts=[_fact(r) for r in facts],
        indicators={i["indicator_code"]: _indicator(i) for i in indicators},
        documents=[_document(d) for d in documents],
        region_names={**fact_names, **{reg.code: reg.name for reg in regions}},
    )
