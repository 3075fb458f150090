"""The dbt docs say what every column means, explain the domain's terms, and end lineage where users
read (issue 17, item 14). Checked on the parsed manifest and the warehouse built from the samples."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).parents[1]
GLOSSARY_BLOCKS = (
    "report_year",
    "period",
    "recon_stages",
    "scope",
    "measure",
    "approx",
    "page_url",
    "page_location",
)


@pytest.fixture(scope="module")
def manifest(dbt_manifest: Path) -> dict:
    return json.loads(dbt_manifest.read_text(encoding="utf-8"))


def _relations(manifest: dict) -> dict[str, tuple[tuple[str, str], dict]]:
    """Every model, seed and source -> ((schema, table), node)."""
    out = {}
    for uid, node in [*manifest["nodes"].items(), *manifest["sources"].items()]:
        kind = node["resource_type"]
        if kind in ("model", "seed"):
            out[uid] = ((node["schema"], node.get("alias") or node["name"]), node)
        elif kind == "source":
            out[uid] = ((node["schema"], node["identifier"]), node)
    return out


def _normal(text: str) -> str:
    return " ".join(text.split())


def test_every_column_of_every_layer_is_described(manifest: dict, built_warehouse: Path) -> None:
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        columns: dict[tuple[str, str], list[str]] = {}
        for schema, table, column in con.execute(
            "select table_schema, table_name, column_name from information_schema.columns"
        ).fetchall():
            columns.setdefault((schema, table), []).append(column)
    undescribed, unbuilt = [], []
    for uid, (relation, node) in _relations(manifest).items():
        if relation not in columns:
            unbuilt.append(uid)
            continue
        if not node.get("description", "").strip():
            undescribed.append(uid)
        described = {name.lower() for name, c in node["columns"].items() if c.get("description", "").strip()}
        undescribed += [f"{uid}.{c}" for c in columns[relation] if c.lower() not in described]
    assert not unbuilt, f"documented but not in the warehouse: {unbuilt}"
    assert not undescribed, f"{len(undescribed)} without a description, e.g. {undescribed[:8]}"


def test_the_overview_is_a_glossary_of_the_columns_own_definitions(manifest: dict) -> None:
    docs = {
        uid.rsplit(".", 1)[1]: d["block_contents"]
        for uid, d in manifest["docs"].items()
        if uid.startswith("doc.fazhi.")
    }
    overview = _normal(docs["__overview__"])
    assert "## Glossary" in docs["__overview__"]
    for name in GLOSSARY_BLOCKS:
        assert _normal(docs[name]) in overview, f"the glossary's entry for {name} differs from its doc block"
    assert "受理" in overview and "审结" in overview


def test_every_doc_block_is_used_by_a_description(manifest: dict) -> None:
    used: set[str] = set()
    for node in [*manifest["nodes"].values(), *manifest["sources"].values(), *manifest["exposures"].values()]:
        used.update(node.get("doc_blocks", []))
        for column in node.get("columns", {}).values():
            used.update(column.get("doc_blocks", []))
    blocks = {
        uid for uid in manifest["docs"] if uid.startswith("doc.fazhi.") and not uid.endswith("__overview__")
    }
    assert blocks and not blocks - used, f"doc blocks used nowhere: {sorted(blocks - used)}"
    assert "doc.fazhi.recon_stages" in used


def _marts_read_by(*paths: Path) -> set[str]:
    found: set[str] = set()
    for path in paths:
        found.update(re.findall(r"marts\.([a-z_]+)", path.read_text(encoding="utf-8")))
    return found


def _exposure(manifest: dict, name: str) -> set[str]:
    node = manifest["exposures"][f"exposure.fazhi.{name}"]
    return {uid.rsplit(".", 1)[1] for uid in node["depends_on"]["nodes"]}


def test_exposures_name_exactly_the_marts_each_output_reads(manifest: dict) -> None:
    publish = sorted((ROOT / "pipelines" / "publish").glob("*.py"))
    assert _exposure(manifest, "html_report") == _marts_read_by(*publish)
    assert _exposure(manifest, "status_and_build_summary") == _marts_read_by(ROOT / "pipelines" / "status.py")

    from pipelines.export_sheet import NAME_LOOKUPS

    exports = _exposure(manifest, "spreadsheet_exports")
    lookups = {table.partition(".")[2] for table, _, _ in NAME_LOOKUPS.values()}
    readme = set(
        re.findall(r"fazhi export (?:marts\.)?([a-z_]+)", (ROOT / "README.md").read_text(encoding="utf-8"))
    )
    assert "facts_with_evidence" in exports and lookups <= exports
    assert readme and readme <= exports, f"README exports not in the exposure: {readme - exports}"
