"""`fazhi export` and `fazhi status` against a warehouse built from the sample pages."""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from pipelines.export import ExportError, export_table
from pipelines.land.connect import WarehouseError
from pipelines.status import format_status, warehouse_status


def _count(db: Path, table: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"select count(*) from {table}").fetchone()[0]


@pytest.mark.parametrize(
    "table", ["marts.fct_rule_of_law_indicators", "fct_report_coverage", "marts.dim_document"]
)
def test_csv_round_trip_keeps_every_row(built_warehouse: Path, tmp_path: Path, table: str) -> None:
    out = export_table(built_warehouse, table, "csv", tmp_path / "t.csv")
    qualified = table if "." in table else f"marts.{table}"
    read_back = duckdb.sql(f"select count(*) from read_csv('{out}', header = true)").fetchone()[0]
    assert read_back == _count(built_warehouse, qualified) > 0


def test_csv_writes_lists_as_json_text(built_warehouse: Path, tmp_path: Path) -> None:
    out = export_table(built_warehouse, "fct_report_coverage", "csv", tmp_path)
    assert out == tmp_path / "fct_report_coverage.csv"
    with out.open(encoding="utf-8", newline="") as fh:
        found = [r for r in csv.DictReader(fh) if r["report_found"] == "true"]
    assert found
    for row in found:
        types = json.loads(row["doc_types"])
        assert isinstance(types, list) and all(isinstance(t, str) for t in types)


def test_parquet_is_readable_with_the_same_rows(built_warehouse: Path, tmp_path: Path) -> None:
    out = export_table(built_warehouse, "marts.fct_indicator_mentions", "parquet", tmp_path / "m.parquet")
    got = duckdb.sql(f"select count(*), count(distinct mention_id) from '{out}'").fetchone()
    n = _count(built_warehouse, "marts.fct_indicator_mentions")
    assert got == (n, n)


def test_xlsx_has_a_header_and_every_row(built_warehouse: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = export_table(built_warehouse, "fct_rule_of_law_indicators", "xlsx", tmp_path / "f.xlsx")
    sheet = openpyxl.load_workbook(out, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "evidence" in rows[0]
    assert len(rows) - 1 == _count(built_warehouse, "marts.fct_rule_of_law_indicators")


def test_unknown_table_names_the_available_ones(built_warehouse: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="fct_rule_of_law_indicators"):
        export_table(built_warehouse, "fct_nothing", "csv", tmp_path / "x.csv")
    with pytest.raises(ExportError, match="format"):
        export_table(built_warehouse, "dim_region", "json", tmp_path / "x.json")  # type: ignore[arg-type]
    assert not (tmp_path / "x.csv").exists()


def test_missing_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WarehouseError, match="fazhi build"):
        export_table(tmp_path / "none.duckdb", "dim_region", "csv", tmp_path / "x.csv")
    with pytest.raises(WarehouseError, match="fazhi build"):
        warehouse_status(tmp_path / "none.duckdb")


def test_status_counts_match_the_warehouse(built_warehouse: Path) -> None:
    status = warehouse_status(built_warehouse)
    with duckdb.connect(str(built_warehouse), read_only=True) as con:

        def one(sql: str) -> int:
            return con.execute(sql).fetchone()[0]

        assert status["pages"]["total"] == one("select count(*) from raw.pages")
        assert sum(status["pages"]["by_origin"].values()) == status["pages"]["total"]
        assert sum(status["pages"]["by_media_type"].values()) == status["pages"]["total"]
        assert status["documents"]["total"] == one("select count(*) from marts.dim_document")
        assert status["documents"]["reports"] == one(
            "select count(*) from marts.dim_document where is_report"
        )
        assert sum(status["documents"]["by_doc_type"].values()) == status["documents"]["reports"]
        assert status["facts"]["mentions"] == one("select count(*) from marts.fct_indicator_mentions")
        assert status["facts"]["indicator_values"] == one(
            "select count(*) from marts.fct_rule_of_law_indicators"
        )
        results = one("select count(*) from marts.fct_quantities where is_region_result")
        results_typed = one("select count(*) from marts.fct_quantities where is_region_result and is_typed")
        assert status["facts"]["quantity_results"] == results > 0
        assert status["facts"]["quantity_results_typed"] == results_typed
    assert status["built"] is True and status["missing_tables"] == []
    text = format_status(status)
    assert re.search(rf"^indicator values +{status['facts']['indicator_values']}$", text, re.M)
    assert re.search(rf"^reports +{status['documents']['reports']}$", text, re.M)
    assert ("failures by reason" in text) == any(status["failures"].values())
    # coverage over whole-region results, beside coverage over every figure
    assert f"of {results} whole-region results, {results_typed} typed" in text


def test_status_groups_failures_by_reason(built_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    shutil.copy(built_warehouse, db)
    now = datetime(2024, 4, 2, 8, 0)
    with duckdb.connect(str(db)) as con:
        con.execute(
            "insert into raw.ingest_errors values ('inbox/a.doc', 'inbox', 'unsupported file type', ?)", [now]
        )
        con.execute(
            "insert into raw.ingest_errors values ('inbox/b.doc', 'inbox', 'unsupported file type', ?)", [now]
        )
        con.execute(
            "insert into raw.fetches (fetch_id, url, outcome, error_kind, error, fetched_at) values "
            "('f1', 'https://x.gov.cn/1', 'error', 'timeout', 'read timed out', ?), "
            "('f2', 'https://x.gov.cn/2', 'error', 'timeout', 'read timed out', ?), "
            "('f3', 'https://x.gov.cn/3', 'error', 'http_404', 'not found', ?)",
            [now, now, now],
        )
        con.execute(
            "insert into raw.page_cleanings (page_id, extractor_version, error, warnings) "
            "values ('p1', 'test', 'undecodable body', '[\"no title\"]')"
        )
    status = warehouse_status(db)
    failures = status["failures"]
    assert failures["ingest_errors"] == {"unsupported file type": 2}
    assert failures["fetch_errors"] == {"timeout": 2, "http_404": 1}
    assert failures["cleaning_errors"] == {"undecodable body": 1}
    assert failures["cleaning_warnings"] == {"no title": 1}
    assert status["last_fetch"] == "2024-04-02 08:00:00+00:00"  # stored as UTC, printed with its zone
    text = format_status(status)
    assert "failed fetches (3)" in text and "unsupported file type" in text
    # the failed files are named, with their reason
    assert "inbox/a.doc — unsupported file type" in text and "inbox/b.doc — unsupported file type" in text
