"""The Dagster code location loads, and the graph is connected from pages to marts."""

from __future__ import annotations

from pathlib import Path

from dagster import AssetKey


def test_definitions_load_with_every_group(dbt_manifest: Path) -> None:
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    groups = {graph.get(k).group_name for k in graph.get_all_asset_keys()}
    assert {"ingest", "clean", "extract", "warehouse"} <= groups
    assert defs.resolve_job_def("transform") is not None
    assert defs.resolve_job_def("crawl_sources").partitions_def is not None


def test_dbt_sources_are_the_python_assets(dbt_manifest: Path) -> None:
    """Every dbt source maps to an asset that a Python asset materializes, so lineage is unbroken."""
    from dagster_dbt import get_asset_keys_by_output_name_for_source

    from pipelines.assets.warehouse import fazhi_dbt_models
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    python_keys = {
        k
        for k in graph.get_all_asset_keys()
        if graph.get(k).is_materializable and graph.get(k).group_name != "warehouse"
    }
    source_keys = set(get_asset_keys_by_output_name_for_source([fazhi_dbt_models], "raw").values())
    assert AssetKey(["raw", "pages"]) in source_keys
    assert AssetKey(["raw", "indicator_mentions"]) in source_keys
    assert source_keys <= python_keys, source_keys - python_keys


def test_marts_depend_transitively_on_raw_pages(dbt_manifest: Path) -> None:
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    fact = AssetKey(["marts", "fct_rule_of_law_indicators"])
    upstream = graph.get(fact).parent_keys
    seen, todo = set(), list(upstream)
    while todo:
        k = todo.pop()
        if k in seen:
            continue
        seen.add(k)
        todo.extend(graph.get(k).parent_keys)
    assert AssetKey(["raw", "pages"]) in seen


def test_the_code_location_make_dev_loads_is_named_fazhi(tmp_path) -> None:
    """Item 15 of the analyst's-day issue: `make dev` loads workspace.yaml, whose location is `fazhi`."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).parents[1]
    assert "-w workspace.yaml" in (root / "Makefile").read_text()
    r = subprocess.run(
        [str(Path(sys.executable).with_name("dagster")), "definitions", "validate", "-w", "workspace.yaml"],
        env={**os.environ, "DAGSTER_HOME": str(tmp_path)}, cwd=root, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Validation successful for code location fazhi." in r.stderr + r.stdout
