"""Where the project's files live. One place, so tests and the CLI can point everything elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = PROJECT_ROOT / "seeds"
SAMPLE_PAGES_DIR = SEEDS_DIR / "pages"
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt"
WAREHOUSE_DIR = PROJECT_ROOT / "warehouse"


def warehouse_path() -> Path:
    """The DuckDB file; FAZHI_DUCKDB_PATH overrides it (dbt's profiles.yml reads the same variable)."""
    return Path(os.environ.get("FAZHI_DUCKDB_PATH", str(WAREHOUSE_DIR / "fazhi.duckdb"))).resolve()


def inbox_dir() -> Path:
    return Path(os.environ.get("FAZHI_INBOX", str(WAREHOUSE_DIR / "inbox"))).resolve()


def sources_file() -> Path:
    """The sources registry the schedules and `fazhi crawl` read; FAZHI_SOURCES overrides it."""
    return Path(os.environ.get("FAZHI_SOURCES", str(SEEDS_DIR / "sources.csv"))).resolve()
