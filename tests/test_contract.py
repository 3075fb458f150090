"""The row contract: each raw table is its record's fields, and what is written reads back the same."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import duckdb
import pytest

from pipelines.land.raw import add_pages, load_documents, load_pages, replace_mentions, replace_page_results
from pipelines.land.schema import RAW_TABLES, RENAMES, ensure_raw_schema
from pipelines.paths import SAMPLE_PAGES_DIR
from pipelines.process import process_page, result_json
from pipelines.records import CleanedPage, Document, Page, Region
from tests.warehouse_snapshot import SNAPSHOT, digest


def _field_paths(record: type, prefix: str = "") -> list[str]:
    out = []
    hints = {f.name: f for f in dataclasses.fields(record)}
    for name, f in hints.items():
        nested = f.type if isinstance(f.type, type) else None
        if name == "region" and record is Document:
            nested = Region
        if nested is not None and dataclasses.is_dataclass(nested):
            out += _field_paths(nested, f"{prefix}{name}.")
        else:
            out.append(prefix + name)
    return out


@pytest.fixture()
def con():
    c = duckdb.connect(":memory:")
    ensure_raw_schema(c)
    yield c
    c.close()


@pytest.mark.parametrize("table", RAW_TABLES, ids=lambda t: t.name)
def test_ddl_columns_are_the_record_fields(con, table) -> None:
    """The table DuckDB created has exactly the record's fields (renamed where the map says), in order."""
    schema, name = table.name.split(".")
    created = [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_schema=? and table_name=? "
            "order by ordinal_position",
            [schema, name],
        ).fetchall()
    ]
    renames = RENAMES.get(table.record, {})
    expected = [renames.get(p, p) for p in _field_paths(table.record)]
    assert created == expected


def test_every_rename_names_a_real_field() -> None:
    for record, renames in RENAMES.items():
        assert set(renames) <= set(_field_paths(record)), record.__name__


def _sample_page() -> Page:
    body = (SAMPLE_PAGES_DIR / "000_bdf0fc9054b6607e.txt").read_bytes()
    return Page.from_bytes(
        body,
        url=None,
        origin="inbox",
        media_type="text",
        fetched_at="2024-03-01 08:00:00",
        location="inbox/x.txt",
    )


def test_a_page_reads_back_as_it_was_written(con) -> None:
    page = _sample_page()
    assert add_pages(con, [page, page]) == 1
    (back,) = load_pages(con, [page.page_id])
    assert back == page
    assert con.execute("select n_bytes from raw.pages").fetchone()[0] == len(page.body)


def test_a_document_reads_back_as_it_was_written(con) -> None:
    region = Region("320404", "钟楼区", "county", "320000", "320400", 0.9, "title: 钟楼区")
    doc = Document(
        document_id="abc-0",
        page_id="abc",
        part=0,
        is_report=True,
        doc_type="annual_report",
        title="t",
        issuer="钟楼区人民政府",
        issuer_kind="government",
        region=region,
        region_reason=None,
        report_year=2019,
        year_reason="title",
        period="through_month_10",
        publish_date="2020-03-30",
        written_date=None,
        body_text="正文",
        page_meta={"site": "x"},
        evidence={"year": "2019年"},
    )
    no_region = dataclasses.replace(
        doc, document_id="abc-1", part=1, region=None, region_reason="none named", page_meta={}, evidence={}
    )
    replace_page_results(con, [("abc", CleanedPage(title="t", body_text="正文"), [doc, no_region])])
    assert load_documents(con, ["abc-0", "abc-1"]) == [doc, no_region]


def test_mentions_land_with_their_offsets(con) -> None:
    page = _sample_page()
    result = process_page(page)
    (doc,) = result.documents
    replace_page_results(con, [(page.page_id, result.cleaned, result.documents)])
    assert replace_mentions(con, result.mentions) == len(result.mentions[doc.document_id]) > 0
    row = con.execute(
        "select indicator_code, value, start_offset, end_offset, flags from raw.indicator_mentions"
    ).fetchone()
    m = result.mentions[doc.document_id][0]
    assert row[:4] == (m.indicator_code, m.value, m.start, m.end)
    assert doc.body_text[row[2] : row[3]] == m.value_text
    assert json.loads(row[4]) == m.flags


def test_extract_json_keeps_the_design_contract_keys() -> None:
    out = result_json(process_page(_sample_page()), "x.txt")
    (doc,) = out["documents"]
    for key in (
        "is_report",
        "doc_type",
        "title",
        "issuer",
        "region",
        "report_year",
        "period",
        "publish_date",
        "body",
        "indicators",
    ):
        assert key in doc
    assert "body_text" not in doc and "page_id" not in doc
    (ind,) = doc["indicators"][:1]
    assert {"code", "value", "unit", "approx", "measure", "scope", "evidence", "start", "end"} <= set(ind)
    assert "indicator_code" not in ind and "start_offset" not in ind


def test_the_sample_warehouse_matches_its_snapshot(built_warehouse: Path) -> None:
    """Table by table, the built sample warehouse equals the committed digest (see warehouse_snapshot)."""
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    actual = digest(built_warehouse)
    assert sorted(actual) == sorted(expected), "tables added or removed: regenerate the snapshot"
    changed = [t for t in expected if actual[t] != expected[t]]
    assert not changed, f"tables differ from tests/fixtures/warehouse_snapshot.json: {changed}"


def test_constraints_name_real_columns() -> None:
    for table in RAW_TABLES:
        names = {c.name for c in table.columns}
        assert set(table.primary_key) | set(table.not_null) <= names, table.name


def test_an_older_warehouse_gains_the_columns_added_since() -> None:
    con = duckdb.connect(":memory:")
    con.execute("create schema raw")
    con.execute("create table raw.documents (document_id varchar primary key, page_id varchar not null)")
    ensure_raw_schema(con)
    cols = [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_name = 'documents'"
        ).fetchall()
    ]
    assert {"report_reason", "title_reason", "region_code", "body_text"} <= set(cols)
    con.close()


def test_every_figure_lands_typed_or_not_and_points_into_the_body(con) -> None:
    page = _sample_page()
    result = process_page(page)
    (doc,) = result.documents
    replace_page_results(con, [(page.page_id, result.cleaned, result.documents)])
    replace_mentions(con, result.mentions, result.quantities)
    rows = con.execute(
        "select value_text, start_offset, end_offset, indicator_code from raw.quantities"
    ).fetchall()
    assert len(rows) > len(result.mentions[doc.document_id])  # more figures than catalog mentions
    assert all(doc.body_text[s:e] == text for text, s, e, _ in rows)
    typed = {code for *_, code in rows if code}
    assert typed <= {m.indicator_code for m in result.mentions[doc.document_id]} and typed
    assert any(code is None for *_, code in rows)  # untyped figures are kept too
    out = result_json(result, "x.txt")["documents"][0]
    assert len(out["quantities"]) == len(rows) and "quantities" not in out["indicators"][0]
