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


def ensure_dagster_home(environ: dict[str, str] | None = None, root: Path = PROJECT_ROOT) -> Path:
    """The Dagster instance folder: $DAGSTER_HOME, else the project's `.dagster_home` (the one
    `make dev` and the UI use), created with config/dagster.yaml and exported into `environ`. So a
    `fazhi build` run outside make leaves its run record where the UI looks, and the UI's
    "latest materialization" stays true."""
    environ = os.environ if environ is None else environ
    home = Path(environ["DAGSTER_HOME"]) if environ.get("DAGSTER_HOME") else root / ".dagster_home"
    home.mkdir(parents=True, exist_ok=True)  # Dagster refuses a folder that does not exist yet
    settings, template = home / "dagster.yaml", root / "config" / "dagster.yaml"
    if not settings.exists() and template.exists():
        settings.write_bytes(template.read_bytes())
    environ["DAGSTER_HOME"] = str(home)
    return home
