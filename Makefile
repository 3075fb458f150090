# fazhi — the entry points the README leads with.
#   make run    set up (uv, locked deps) and run the whole pipeline on the bundled sample pages
#   make test   the test suite (what CI runs)
#   make dev    Dagster UI + daemon (schedules, sensors) on http://127.0.0.1:3000
#   make docs   serve the dbt docs (lineage from raw.pages to the marts) on http://127.0.0.1:8080

SHELL := /bin/bash
PYTHON ?= python3
UV_BIN := $(shell command -v uv 2>/dev/null)
ifeq ($(UV_BIN),)
UV := $(PYTHON) -m uv
else
UV := $(UV_BIN)
endif
export FAZHI_DUCKDB_PATH ?= $(CURDIR)/warehouse/fazhi.duckdb
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
DBT := cd dbt && ../.venv/bin/dbt

.PHONY: run setup test dev docs manifest lint clean

setup:
	@$(UV) --version >/dev/null 2>&1 || { echo "uv not found: installing it (pip install --user uv)"; \
	  $(PYTHON) -m pip install --quiet --user uv || $(PYTHON) -m pip install --quiet uv; }
	$(UV) sync --frozen
	@mkdir -p warehouse/inbox $(DAGSTER_HOME)
	@cp -n config/dagster.yaml $(DAGSTER_HOME)/dagster.yaml 2>/dev/null || true

manifest: setup
	$(DBT) parse --quiet --profiles-dir .

run: setup
	@start=$$(date +%s); \
	.venv/bin/fazhi build --docs && \
	echo "make run: $$(( $$(date +%s) - start ))s; dbt docs at dbt/target/index.html (make docs to serve)"

test: setup
	.venv/bin/pytest

lint: setup
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

dev: manifest
	.venv/bin/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

docs: setup
	@test -f dbt/target/index.html || .venv/bin/fazhi build --docs --quiet
	$(DBT) docs serve --profiles-dir . --host 127.0.0.1 --port 8080 --no-browser

clean:
	rm -rf dbt/target dbt/logs .pytest_cache .ruff_cache
