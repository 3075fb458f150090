"""`fazhi status`: what the warehouse holds and what went wrong, without writing SQL.

Every figure is a count over the raw tables or the marts, read with a read-only connection so it is
safe while Dagster runs. A table that does not exist yet (a warehouse never built, or built before a
table was added) gives None for its figures instead of failing the whole status.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from pipelines.land.connect import open_read_only, tables

REASON_WIDTH = 90  # failure messages are grouped on their first characters (they may embed a URL)


def _counts(con, sql: str) -> dict[str, int]:
    return {("(none)" if k is None else str(k)): int(n) for k, n in con.execute(sql).fetchall()}


def _reason(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else "(empty)"
    return first if len(first) <= REASON_WIDTH else first[: REASON_WIDTH - 1] + "…"


def _warning_key(item: Any) -> str:
    if isinstance(item, dict):
        for key in ("kind", "code", "warning", "reason", "message"):
            if key in item:
                return _reason(str(item[key]))
        return _reason(json.dumps(item, ensure_ascii=False, sort_keys=True))
    return _reason(str(item))


def _grouped(pairs: list[tuple[str | None, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for text, n in pairs:
        key = _reason(text or "")
        out[key] = out.get(key, 0) + int(n)
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def _iso(value: Any) -> str | None:
    return value.isoformat(sep=" ", timespec="seconds") if isinstance(value, datetime) else value


def warehouse_status(db: Path) -> dict[str, Any]:
    """Counts of pages, documents, reports and facts; last activity; failures grouped by reason."""
    db = Path(db)
    con = open_read_only(db)
    try:
        have = tables(con)

        def has(*names: str) -> bool:
            return all(n in have for n in names)

        def one(sql: str) -> Any:
            return con.execute(sql).fetchone()[0]

        stat = db.stat()
        status: dict[str, Any] = {
            "warehouse": str(db),
            "size_mb": round(stat.st_size / 1e6, 1),
            "last_write": _iso(datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0)),
            "built": has("marts.fct_rule_of_law_indicators"),
        }

        pages: dict[str, Any] = {"total": None, "by_origin": {}, "by_media_type": {}}
        if has("raw.pages"):
            pages["total"] = one("select count(*) from raw.pages")
            pages["by_origin"] = _counts(
                con, "select origin, count(*) from raw.pages group by 1 order by 2 desc, 1"
            )
            pages["by_media_type"] = _counts(
                con, "select media_type, count(*) from raw.pages group by 1 order by 2 desc, 1"
            )
            status["newest_page"] = _iso(one("select max(fetched_at) from raw.pages"))
        if has("raw.page_locations"):
            status["last_ingest"] = _iso(one("select max(first_seen) from raw.page_locations"))
        status["pages"] = pages

        docs: dict[str, Any] = {"total": None, "reports": None, "by_doc_type": {}}
        if has("marts.dim_document"):
            docs["total"] = one("select count(*) from marts.dim_document")
            docs["reports"] = one("select count(*) from marts.dim_document where is_report")
            docs["by_doc_type"] = _counts(
                con,
                "select doc_type, count(*) from marts.dim_document where is_report group by 1 order by 2 desc, 1",
            )
            docs["reports_without_region"] = one(
                "select count(*) from marts.dim_document where is_report and region_code is null"
            )
            docs["reports_without_year"] = one(
                "select count(*) from marts.dim_document where is_report and report_year is null"
            )
            docs["regions_with_reports"] = one(
                "select count(distinct region_code) from marts.dim_document where is_report"
            )
            docs["years"] = [
                r[0]
                for r in con.execute(
                    "select distinct report_year from marts.dim_document "
                    "where is_report and report_year is not null order by 1"
                ).fetchall()
            ]
        elif has("raw.documents"):
            docs["total"] = one("select count(*) from raw.documents")
            docs["reports"] = one("select count(*) from raw.documents where is_report")
        status["documents"] = docs

        facts: dict[str, Any] = {"mentions": None, "indicator_values": None}
        if has("marts.fct_indicator_mentions"):
            facts["mentions"] = one("select count(*) from marts.fct_indicator_mentions")
            facts["flagged_mentions"] = one(
                "select count(*) from marts.fct_indicator_mentions where is_flagged"
            )
        if has("marts.fct_rule_of_law_indicators"):
            facts["indicator_values"] = one("select count(*) from marts.fct_rule_of_law_indicators")
            facts["indicators"] = one(
                "select count(distinct indicator_code) from marts.fct_rule_of_law_indicators"
            )
            facts["regions"] = one("select count(distinct region_code) from marts.fct_rule_of_law_indicators")
            facts["conflicts"] = one(
                "select count(*) from marts.fct_rule_of_law_indicators where has_conflict"
            )
        status["facts"] = facts

        fetches: dict[str, Any] = {"total": None, "by_outcome": {}}
        if has("raw.fetches"):
            fetches["total"] = one("select count(*) from raw.fetches")
            fetches["by_outcome"] = _counts(
                con, "select outcome, count(*) from raw.fetches group by 1 order by 2 desc, 1"
            )
            status["last_fetch"] = _iso(one("select max(fetched_at) from raw.fetches"))
        status["fetches"] = fetches

        failures: dict[str, dict[str, int]] = {}
        if has("raw.page_cleanings"):
            failures["cleaning_errors"] = _grouped(
                con.execute(
                    "select error, count(*) from raw.page_cleanings where error is not null group by 1"
                ).fetchall()
            )
            warnings: dict[str, int] = {}
            for (text,) in con.execute(
                "select warnings::varchar from raw.page_cleanings where warnings is not null"
            ).fetchall():
                try:
                    items = json.loads(text)
                except (TypeError, ValueError):
                    items = [text]
                for item in items if isinstance(items, list) else [items]:
                    key = _warning_key(item)
                    warnings[key] = warnings.get(key, 0) + 1
            failures["cleaning_warnings"] = dict(sorted(warnings.items(), key=lambda kv: (-kv[1], kv[0])))
        if has("raw.ingest_errors"):
            failures["ingest_errors"] = _grouped(
                con.execute("select error, count(*) from raw.ingest_errors group by 1").fetchall()
            )
        if has("raw.fetches"):
            failures["fetch_errors"] = _counts(
                con,
                "select coalesce(error_kind, outcome), count(*) from raw.fetches "
                "where error_kind is not null or error is not null group by 1 order by 2 desc, 1",
            )
        status["failures"] = failures
        status["missing_tables"] = sorted(
            t
            for t in (
                "raw.pages",
                "raw.page_cleanings",
                "raw.fetches",
                "raw.ingest_errors",
                "marts.dim_document",
                "marts.fct_indicator_mentions",
                "marts.fct_rule_of_law_indicators",
            )
            if t not in have
        )
    finally:
        con.close()
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


def format_status(status: dict[str, Any]) -> str:
    """The status as aligned plain text for a terminal (no colour codes, so it pipes cleanly)."""
    pages, docs, facts, fetches = status["pages"], status["documents"], status["facts"], status["fetches"]
    rows: list[tuple[str, Any]] = [
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
        ("  without region", docs.get("reports_without_region")),
        ("  without year", docs.get("reports_without_year")),
        ("regions with reports", docs.get("regions_with_reports")),
        ("years", docs.get("years")),
        ("indicator mentions", facts["mentions"]),
        ("indicator values", facts["indicator_values"]),
        ("  conflicting", facts.get("conflicts")),
        ("  flagged mentions", facts.get("flagged_mentions")),
        ("fetches", fetches["total"]),
        ("  by outcome", fetches["by_outcome"]),
    ]
    width = max(len(k) for k, _ in rows)
    lines = [f"{k.ljust(width)}  {_fmt(v)}" if k else "" for k, v in rows]
    titles = {
        "cleaning_errors": "pages that failed to clean",
        "cleaning_warnings": "cleaning warnings",
        "ingest_errors": "files that could not be ingested",
        "fetch_errors": "failed fetches",
    }
    failures = status["failures"]
    if any(failures.values()):
        lines += ["", "failures by reason:"]
        for key, title in titles.items():
            groups = failures.get(key) or {}
            if groups:
                lines.append(f"  {title} ({sum(groups.values())}):")
                lines += [f"    {n:>5}  {reason}" for reason, n in groups.items()]
    else:
        lines += ["", "no failures recorded"]
    if not status["built"]:
        lines += ["", "the marts are missing: run `fazhi build`"]
    elif status["missing_tables"]:
        lines += ["", f"missing tables: {', '.join(status['missing_tables'])}"]
    return "\n".join(lines)
