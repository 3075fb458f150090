"""Thin Dagster assets: read inputs from DuckDB, call a pure stage, write `raw` rows."""
