"""The `fazhi` command line: output contracts, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.paths import SAMPLE_PAGES_DIR

SAMPLES = sorted(str(p) for p in SAMPLE_PAGES_DIR.iterdir())


def test_extract_jsonl_prints_one_object_per_input_in_order(capsys) -> None:
    inputs = [SAMPLES[0], SAMPLES[-1]]
    assert main(["extract", "--jsonl", *inputs]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    outs = [json.loads(line) for line in lines]
    assert [o["source"] for o in outs] == inputs
    report = outs[0]["documents"][0]
    assert report["is_report"] and report["region"]["code"] == "320404" and report["report_year"] == 2018
    for indicator in report["indicators"]:
        assert {
            "code",
            "value",
            "unit",
            "approx",
            "measure",
            "scope",
            "evidence",
            "start",
            "end",
        } <= indicator.keys()
        assert report["body"][indicator["start"] : indicator["end"]] in indicator["evidence"]


def test_extract_of_a_missing_file_keeps_the_order_and_fails(capsys) -> None:
    assert main(["extract", "--jsonl", "no/such/page.html", SAMPLES[0]]) == 1
    captured = capsys.readouterr()
    outs = [json.loads(line) for line in captured.out.strip().splitlines()]
    assert outs[0] == {"source": "no/such/page.html", "error": "no such file", "documents": []}
    assert outs[1]["documents"]
    assert "fazhi: error: no/such/page.html: no such file" in captured.err


def test_query_prints_an_aligned_table(built_warehouse: Path, capsys) -> None:
    sql = "select indicator_code, value from marts.fct_rule_of_law_indicators where region_code = '320404' order by 1"
    assert main(["query", sql, "--db", str(built_warehouse)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["indicator_code", "value"]
    assert any(line.split()[:2] == ["recon_cases_accepted", "34.0"] for line in out[2:])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "select * from marts.nope"], "nope"),
        (["export", "nope"], "no table 'nope'"),
    ],
)
def test_user_errors_are_one_line_with_exit_code_2(built_warehouse: Path, capsys, args, message) -> None:
    assert main([*args, "--db", str(built_warehouse)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("fazhi: error:") and message in err and "Traceback" not in err


def test_a_missing_warehouse_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert main(["status", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "run `make run`" in capsys.readouterr().err
