"""Asset checks pass on the clean sample warehouse and catch planted problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest


@pytest.fixture
def warehouse_copy(built_warehouse: Path, tmp_path: Path):
    from pipelines.assets.resources import WarehouseResource

    db = tmp_path / "copy.duckdb"
    shutil.copy(built_warehouse, db)
    return WarehouseResource(database=str(db))


def plant(resource, sql: str) -> None:
    con = duckdb.connect(resource.database)
    try:
        con.execute(sql)
    finally:
        con.close()


def test_checks_pass_on_the_sample_warehouse(warehouse_copy) -> None:
    from pipelines.assets.checks import ALL_CHECKS

    results = {check.node_def.name: check(warehouse=warehouse_copy) for check in ALL_CHECKS}
    assert all(r.passed for r in results.values()), {
        k: r.metadata for k, r in results.items() if not r.passed
    }


def test_chrome_and_mojibake_in_a_body_fail_their_checks(warehouse_copy) -> None:
    from pipelines.assets.checks import no_chrome_in_bodies, no_mojibake

    plant(
        warehouse_copy,
        """update raw.documents set body_text = body_text || '\n苏ICP备05028197号 网站标识码3204040002'
           where document_id = (select min(document_id) from raw.documents)""",
    )
    plant(
        warehouse_copy,
        """update raw.documents set body_text = 'æ³•æ²»æ”¿åºœ â€œ' || body_text
           where document_id = (select max(document_id) from raw.documents)""",
    )
    chrome = no_chrome_in_bodies(warehouse=warehouse_copy)
    assert not chrome.passed and chrome.metadata["documents_with_chrome"].value == 1
    assert not no_mojibake(warehouse=warehouse_copy).passed


def test_a_rate_above_100_fails_the_plausibility_check(warehouse_copy) -> None:
    from pipelines.assets.checks import plausible_indicator_values

    plant(
        warehouse_copy,
        """update raw.indicator_mentions set value = 180
           where mention_id = (select min(mention_id) from raw.indicator_mentions where measure = 'rate')""",
    )
    result = plausible_indicator_values(warehouse=warehouse_copy)
    assert not result.passed and result.metadata["rates_above_100"].value == 1


def test_a_source_whose_latest_crawl_got_nothing_is_reported(warehouse_copy) -> None:
    from pipelines.assets.checks import every_source_returned_something

    assert every_source_returned_something(warehouse=warehouse_copy).passed  # nothing crawled yet
    columns = "fetch_id, run_id, source_id, url, outcome, error_kind, fetched_at"
    plant(
        warehouse_copy,
        f"""insert into raw.fetches ({columns}) values
            ('1', 'run1', 'good-gov', 'http://a/1', 'ok', null, '2025-03-01 08:00:00'),
            ('2', 'run1', 'dead-gov', 'http://b/1', 'ok', null, '2025-03-01 08:00:00'),
            ('3', 'run2', 'dead-gov', 'http://b/1', 'error', 'timeout', '2025-03-08 08:00:00'),
            ('4', 'run2', 'dead-gov', 'http://b/2', 'challenge', 'anti_bot', '2025-03-08 08:00:01')""",
    )
    result = every_source_returned_something(warehouse=warehouse_copy)
    assert not result.passed
    silent = result.metadata["silent_sources"].value
    assert silent.startswith("dead-gov") and "timeout" in silent and "good-gov" not in silent
