"""Exports a spreadsheet reader opens (issue 17, item 13), through the real CLI in a subprocess."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from tests.test_cli_promises import ROOT, fazhi

openpyxl = pytest.importorskip("openpyxl")


def _export(db: Path, table: str, out: Path, *args: str) -> Path:
    r = fazhi("export", table, "-o", f"{out}/", "--db", str(db), *args)
    assert r.returncode == 0, r.stderr
    return Path(r.stdout.strip())


def _sheet(path: Path):
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    return sheet, header, rows


def _query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_an_xlsx_sheet_has_a_frozen_filtered_header_and_readable_widths(
    built_warehouse: Path, tmp_path: Path
) -> None:
    sheet, header, rows = _sheet(
        _export(built_warehouse, "fct_report_coverage", tmp_path, "--format", "xlsx")
    )
    assert sheet.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(len(header))
    assert sheet.auto_filter.ref == f"A1:{last}{len(rows) + 1}"
    widths = {
        i: sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
        for i in range(1, len(header) + 1)
    }
    for i, name in enumerate(header, start=1):
        assert widths[i] >= len(name), f"column {name} is narrower than its header"
    assert max(widths.values()) <= 62


def test_every_code_has_its_name_beside_it(built_warehouse: Path, tmp_path: Path) -> None:
    _, header, rows = _sheet(_export(built_warehouse, "fct_report_coverage", tmp_path, "--format", "xlsx"))
    for code, name in [
        ("region_code", "region_name"),
        ("province_code", "province_name"),
        ("prefecture_code", "prefecture_name"),
    ]:
        assert header.index(name) == header.index(code) + 1
    names = dict(_query(built_warehouse, "select code, name from marts.dim_region_name"))
    reported = [r for r in rows if r["report_found"]]
    assert reported and all(r["prefecture_name"] == names[r["prefecture_code"]] for r in reported)

    _, header, rows = _sheet(_export(built_warehouse, "fct_indicator_mentions", tmp_path, "--format", "xlsx"))
    assert header.index("indicator_name_zh") == header.index("indicator_code") + 1
    catalog = dict(_query(built_warehouse, "select indicator_code, name_zh from marts.dim_indicator"))
    assert rows and all(r["indicator_name_zh"] == catalog[r["indicator_code"]] for r in rows)


def test_lists_are_text_and_dates_are_dates(built_warehouse: Path, tmp_path: Path) -> None:
    _, _, rows = _sheet(_export(built_warehouse, "fct_report_coverage", tmp_path, "--format", "xlsx"))
    truth = {
        (code, year): (types, published)
        for code, year, types, published in _query(
            built_warehouse,
            "select region_code, year, doc_types, first_publish_date from marts.fct_report_coverage where report_found",
        )
    }
    found = [r for r in rows if r["report_found"]]
    assert len(found) == len(truth) > 0
    dated = 0
    for r in found:
        types, published = truth[(r["region_code"], r["year"])]
        assert r["doc_types"] == "; ".join(types)  # not ["annual_report"]
        if published is None:
            assert r["first_publish_date"] is None
            continue
        assert isinstance(r["first_publish_date"], datetime | date)
        assert r["first_publish_date"].date() == published
        dated += 1
    assert dated > 0
    cells = openpyxl.load_workbook(tmp_path / "fct_report_coverage.xlsx").active
    column = [c.value for c in cells[1]].index("first_publish_date") + 1
    formats = {cells.cell(row=i, column=column).number_format for i in range(2, cells.max_row + 1)
               if cells.cell(row=i, column=column).value is not None}  # fmt: skip
    assert formats == {"yyyy-mm-dd"}


def test_csv_for_excel_starts_with_a_byte_order_mark_and_counts_have_no_point_zero(
    built_warehouse: Path, tmp_path: Path
) -> None:
    plain = _export(built_warehouse, "fct_rule_of_law_indicators", tmp_path / "plain")
    excel = _export(built_warehouse, "fct_rule_of_law_indicators", tmp_path / "excel", "--excel")
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    raw = excel.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfregion_code,")
    assert raw[3:] == plain.read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    counted = [r for r in rows if r["unit"] in ("cases", "documents", "items", "persons")]
    assert counted and not any(r["value"].endswith(".0") for r in counted)
    n = _query(built_warehouse, "select count(*) from marts.fct_rule_of_law_indicators")[0][0]
    assert len(rows) == n
    r = fazhi("export", "dim_region", "--format", "xlsx", "--excel", "--db", str(built_warehouse))
    assert r.returncode == 2 and "csv only" in r.stderr


def test_facts_with_their_evidence_and_page_in_one_file(built_warehouse: Path, tmp_path: Path) -> None:
    _, header, rows = _sheet(_export(built_warehouse, "facts_with_evidence", tmp_path, "--format", "xlsx"))
    for column in (
        "region_name",
        "year",
        "indicator_name_zh",
        "value",
        "unit",
        "evidence",
        "document_title",
        "url",
        "location",
    ):
        assert column in header
    facts = _query(
        built_warehouse,
        "select f.region_code, f.year, f.indicator_code, f.value, f.evidence, d.title, f.location "
        "from marts.fct_rule_of_law_indicators f join marts.dim_document d using (document_id)",
    )
    assert len(rows) == len(facts) > 0
    by_grain = {(r["region_code"], r["year"], r["indicator_code"]): r for r in rows}
    for code, year, indicator, value, evidence, title, location in facts:
        row = by_grain[(code, year, indicator)]
        assert row["value"] == value and row["evidence"] == evidence and row["document_title"] == title
        assert row["location"] == location and (ROOT / location).is_file()
