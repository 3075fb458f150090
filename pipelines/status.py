"""`fazhi status`: what the warehouse holds and what went wrong, without writing SQL.

Every figure is a row of marts.pipeline_health (a dbt view, so the raw-level figures are live even
after a crawl no build has followed), read with a read-only connection so it is safe while Dagster
runs. This module only arranges those rows for the terminal and for JSON. A warehouse whose marts
were never built has no pipeline_health: its figures are None and the status says to build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from pipelines.land.connect import open_read_only, tables
from pipelines.land.lock import DEFAULT_READ_WAIT_S

HEALTH = "marts.pipeline_health"
EXPECTED_TABLES = (
    "raw.pages",
    "raw.page_cleanings",
    "raw.fetches",
    "raw.ingest_errors",
    "marts.dim_document",
    "marts.fct_indicator_mentions",
    "marts.fct_rule_of_law_indicators",
    HEALTH,  # a warehouse built before the view existed: rebuild to see its figures
)
# Breakdowns in the order status prints them: largest count first, then by key (a null key last).
HEALTH_SQL = (
    f"select metric, key, value, observed_at from {HEALTH} order by metric, value desc, key nulls last"
)


@dataclass
class Health:
    """The rows of marts.pipeline_health: totals and times by metric, breakdowns by metric and key."""

    totals: dict[str, int | None] = field(default_factory=dict)
    times: dict[str, datetime | None] = field(default_factory=dict)
    breakdowns: dict[str, dict[str | None, int]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: list[tuple]) -> Health:
        health = cls()
        for metric, key, value, observed_at in rows:
            if key is not None:
                health.breakdowns.setdefault(metric, {})[key] = int(value)
            elif value is None:
                health.times[metric] = observed_at
            else:
                health.totals[metric] = int(value)
        return health

    def total(self, metric: str) -> int | None:
        return self.totals.get(metric)

    def time(self, metric: str) -> str | None:
        return _iso(self.times.get(metric))

    def counts(self, metric: str) -> dict[str, int]:
        return dict(self.breakdowns.get(metric, {}))

    def keys(self, metric: str) -> list[str]:
        return sorted(self.breakdowns.get(metric, {}))


def read_health(con: duckdb.DuckDBPyConnection) -> Health | None:
    """marts.pipeline_health, or None when the marts were never built (or a table under the view is gone)."""
    if HEALTH not in tables(con):
        return None
    try:
        return Health.from_rows(con.execute(HEALTH_SQL).fetchall())
    except duckdb.Error:
        return None


def _iso(value: Any) -> str | None:
    """A time with its zone: the warehouse stores UTC without a zone, so a naive value is UTC."""
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat(sep=" ", timespec="seconds")


def _file_facts(db: Path) -> dict[str, Any]:
    stat = db.stat()
    return {
        "warehouse": str(db),
        "size_mb": round(stat.st_size / 1e6, 1),
        "last_write": _iso(datetime.fromtimestamp(stat.st_mtime, UTC).replace(microsecond=0)),
    }


def _pages(h: Health) -> dict[str, Any]:
    return {
        "total": h.total("pages"),
        "by_origin": h.counts("pages_by_origin"),
        "by_media_type": h.counts("pages_by_media_type"),
    }


def _documents(h: Health) -> dict[str, Any]:
    return {
        "total": h.total("documents"),
        "reports": h.total("reports"),
        "by_doc_type": h.counts("reports_by_doc_type"),
        "non_reports_by_reason": h.counts("non_reports_by_reason"),
        "reports_without_region": h.total("reports_without_region"),
        "reports_without_year": h.total("reports_without_year"),
        "regions_with_reports": h.total("regions_with_reports"),
        "years": sorted(int(y) for y in h.keys("reports_by_year")),
    }


def _facts(h: Health) -> dict[str, Any]:
    return {
        "mentions": h.total("indicator_mentions"),
        "indicator_values": h.total("indicator_values"),
        "flagged_mentions": h.total("flagged_mentions"),
        "indicators": h.total("indicators"),
        "regions": h.total("fact_regions"),
        "conflicts": h.total("conflicts"),
        "quantities": h.total("quantities"),
        "quantities_typed": h.total("quantities_typed"),
        "quantity_results": h.total("quantity_results"),
        "quantity_results_typed": h.total("quantity_results_typed"),
        "corrections": h.counts("corrections"),
    }


def _fetches(h: Health) -> dict[str, Any]:
    return {"total": h.total("fetches"), "by_outcome": h.counts("fetches_by_outcome")}


def _failures(h: Health) -> dict[str, dict[str, int]]:
    return {
        "cleaning_errors": h.counts("cleaning_errors"),
        "cleaning_warnings": h.counts("cleaning_warnings"),
        "ingest_errors": h.counts("ingest_errors"),
        "fetch_errors": h.counts("fetch_errors"),
        "failed_files": h.counts("failed_files"),
    }


def _unbuilt() -> dict[str, Any]:
    """The figures of a warehouse without marts: none."""
    return {
        "pages": {"total": None, "by_origin": {}, "by_media_type": {}},
        "documents": {"total": None, "reports": None, "by_doc_type": {}},
        "facts": {"mentions": None, "indicator_values": None},
        "fetches": {"total": None, "by_outcome": {}},
        "failures": {},
    }


def warehouse_status(db: Path, *, wait_s: float = DEFAULT_READ_WAIT_S) -> dict[str, Any]:
    """Counts of pages, documents, reports and facts; last activity; failures grouped by reason."""
    db = Path(db)
    con = open_read_only(db, wait_s=wait_s)
    try:
        have = tables(con)
        health = read_health(con)
    finally:
        con.close()
    status: dict[str, Any] = {**_file_facts(db), "built": "marts.fct_rule_of_law_indicators" in have}
    if health is None:
        status.update(_unbuilt())
    else:
        status["newest_page"] = health.time("newest_page")
        status["last_ingest"] = health.time("last_ingest")
        status["pages"] = _pages(health)
        status["documents"] = _documents(health)
        status["facts"] = _facts(health)
        status["last_fetch"] = health.time("last_fetch")
        status["fetches"] = _fetches(health)
        status["failures"] = _failures(health)
    status["missing_tables"] = sorted(t for t in EXPECTED_TABLES if t not in have)
    return status


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items()) or "–"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


FAILURE_TITLES = {
    "cleaning_errors": "pages that failed to clean",
    "cleaning_warnings": "cleaning warnings",
    "ingest_errors": "files that could not be ingested",
    "fetch_errors": "failed fetches",
}


def _coverage(facts: dict[str, Any]) -> str | None:
    """'N, M typed by the catalog (P%)': how much of what reports state the catalog reads."""
    n, typed = facts.get("quantities"), facts.get("quantities_typed")
    if n is None:
        return None
    share = f" ({100.0 * (typed or 0) / n:.1f}%)" if n else ""
    out = f"{n}, {typed or 0} typed by the catalog{share}"
    results, results_typed = facts.get("quantity_results"), facts.get("quantity_results_typed")
    if results:
        # changes, targets, parts and other years are not results: coverage over results is what matters
        out += f"; of {results} whole-region results, {results_typed or 0} typed ({100.0 * (results_typed or 0) / results:.1f}%)"
    return out


def _figure_rows(status: dict[str, Any]) -> list[tuple[str, Any]]:
    pages, docs, facts, fetches = status["pages"], status["documents"], status["facts"], status["fetches"]
    return [
        ("warehouse", f"{status['warehouse']} ({status['size_mb']} MB)"),
        ("last write", status.get("last_write")),
        ("last ingest", status.get("last_ingest")),
        ("newest page", status.get("newest_page")),
        ("last fetch", status.get("last_fetch")),
        ("", ""),
        ("pages", pages["total"]),
        ("  by origin", pages["by_origin"]),
        ("  by media type", pages["by_media_type"]),
        ("documents", docs["total"]),
        ("reports", docs["reports"]),
        ("  by type", docs["by_doc_type"]),
        ("not reports, by reason", docs.get("non_reports_by_reason")),
        ("  without region", docs.get("reports_without_region")),
        ("  without year", docs.get("reports_without_year")),
        ("regions with reports", docs.get("regions_with_reports")),
        ("years", docs.get("years")),
        ("indicator mentions", facts["mentions"]),
        ("indicator values", facts["indicator_values"]),
        ("  conflicting", facts.get("conflicts")),
        ("  flagged mentions", facts.get("flagged_mentions")),
        ("figures in reports", _coverage(facts)),
        ("corrections", facts.get("corrections") or None),
        ("fetches", fetches["total"]),
        ("  by outcome", fetches["by_outcome"]),
    ]


def _failure_lines(failures: dict[str, dict[str, int]]) -> list[str]:
    if not any(failures.values()):
        return ["", "no failures recorded"]
    lines = ["", "failures by reason:"]
    for key, title in FAILURE_TITLES.items():
        groups = failures.get(key) or {}
        if groups:
            lines.append(f"  {title} ({sum(groups.values())}):")
            lines += [f"    {n:>5}  {reason}" for reason, n in groups.items()]
    files = failures.get("failed_files") or {}
    if files:
        lines += ["", "files that failed (latest first, at most 20; they wait in inbox/failed/):"]
        lines += [f"  {name}" for name in files]
    return lines


def format_status(status: dict[str, Any]) -> str:
    """The status as aligned plain text for a terminal (no colour codes, so it pipes cleanly)."""
    rows = _figure_rows(status)
    width = max(len(k) for k, _ in rows)
    lines = [f"{k.ljust(width)}  {_fmt(v)}" if k else "" for k, v in rows]
    lines += _failure_lines(status["failures"])
    if not status["built"]:
        lines += ["", "the marts are missing: run `fazhi build`"]
    elif status["missing_tables"]:
        lines += ["", f"missing tables: {', '.join(status['missing_tables'])}"]
    return "\n".join(lines)
