"""Shared fixtures: one warehouse built from the bundled sample pages per test session.

The build runs the real asset graph (ingest -> clean -> understand -> extract -> dbt build) into a
temporary DuckDB file, so end-to-end tests query what a user's `make run` would produce.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelines.paths import PROJECT_ROOT


@pytest.fixture(scope="session", autouse=True)
def own_dagster_home(tmp_path_factory: pytest.TempPathFactory):
    """Tests run on their own Dagster instance, never the user's `.dagster_home` (which `make test`
    exports): test runs stay out of the UI's history, and a build a test kills cannot leave state in
    the user's instance."""
    import shutil

    home = tmp_path_factory.mktemp("dagster_home")
    shutil.copy(PROJECT_ROOT / "config" / "dagster.yaml", home / "dagster.yaml")
    previous = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(home)
    yield home
    if previous is None:
        os.environ.pop("DAGSTER_HOME", None)
    else:
        os.environ["DAGSTER_HOME"] = previous


@pytest.fixture(scope="session")
def dbt_manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`dbt parse` must run before the Dagster definitions (which read the manifest) are imported."""
    from pipelines.build import prepare_manifest

    db = tmp_path_factory.mktemp("manifest") / "parse.duckdb"
    prepare_manifest(db, force=True)
    manifest = PROJECT_ROOT / "dbt" / "target" / "manifest.json"
    assert manifest.exists()
    return manifest


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory, dbt_manifest: Path) -> Path:
    from pipelines.build import run_build

    folder = tmp_path_factory.mktemp("warehouse")
    db = folder / "fazhi.duckdb"
    previous = os.environ.get("FAZHI_INBOX")
    os.environ["FAZHI_INBOX"] = str(folder / "inbox")  # never touch the user's inbox
    try:
        assert run_build(db, quiet=True), "the build of the sample pages failed"
    finally:
        if previous is None:
            os.environ.pop("FAZHI_INBOX", None)
        else:
            os.environ["FAZHI_INBOX"] = previous
    return db
