"""The CLI's promises (issue 17, items 8-10), through the real CLI in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def fazhi(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args], input=stdin, capture_output=True, text=True,
        cwd=cwd, check=False,
    )  # fmt: skip


def test_version() -> None:
    r = fazhi("--version")
    assert r.returncode == 0 and r.stdout.startswith("fazhi ") and r.stdout.split()[1][0].isdigit()


def test_an_empty_or_comment_only_query_is_one_line(built_warehouse: Path) -> None:
    for sql in ("", "-- nothing but a comment"):
        r = fazhi("query", sql, "--db", str(built_warehouse))
        assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_duckdbs_hints_are_kept_and_the_marts_are_on_the_search_path(built_warehouse: Path) -> None:
    r = fazhi(
        "query", "select regon_code from marts.fct_rule_of_law_indicators", "--db", str(built_warehouse)
    )
    assert r.returncode == 2 and "Candidate bindings" in r.stderr and '"region_code"' in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = fazhi(
        "query",
        "select count(*) as n from fct_rule_of_law_indicators",
        "--db",
        str(built_warehouse),
        "--format",
        "json",
    )
    assert r.returncode == 0 and json.loads(r.stdout)[0]["n"] > 0


def test_sql_from_stdin_or_a_file_and_jsonl(built_warehouse: Path, tmp_path: Path) -> None:
    sql = "select region_code, year from fct_rule_of_law_indicators group by all order by all"
    r = fazhi("query", "-", "--db", str(built_warehouse), "--format", "jsonl", stdin=sql)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows and set(rows[0]) == {"region_code", "year"}
    f = tmp_path / "q.sql"
    f.write_text(sql, encoding="utf-8")
    again = fazhi("query", f"@{f}", "--db", str(built_warehouse), "--format", "jsonl")
    assert again.stdout == r.stdout


def test_an_output_ending_in_a_slash_is_a_folder(built_warehouse: Path, tmp_path: Path) -> None:
    r = fazhi(
        "export",
        "fct_rule_of_law_indicators",
        "--format",
        "csv",
        "-o",
        f"{tmp_path}/exports/",
        "--db",
        str(built_warehouse),
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "exports" / "fct_rule_of_law_indicators.csv").is_file()
    r = fazhi("report", "-o", f"{tmp_path}/out/", "--db", str(built_warehouse))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "fazhi-report.html").is_file()


def test_a_query_on_a_warehouse_without_marts_is_answered(tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "raw-only.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create schema raw; create table raw.pages (page_id varchar)")
    r = fazhi("query", "select count(*) as n from raw.pages", "--db", str(db), "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout) == [{"n": 0}], r.stderr
