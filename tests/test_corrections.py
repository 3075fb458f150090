"""Reviewers' corrections (issue 17, item 6): recorded by `fazhi correct`, applied by dbt, visible in
the marts, and reported when their target is gone. The end-to-end test writes the real seed file
(restored afterwards) and runs the real dbt build of the corrected models on a copy of the sample
warehouse."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.corrections import CORRECTIONS_CSV, read_corrections

ROOT = Path(__file__).parents[1]
FAZHI = [sys.executable, "-m", "pipelines.cli"]


def _correct(*args: str, file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*FAZHI, "correct", *args, "--file", str(file)], capture_output=True, text=True, cwd=ROOT, check=False
    )


def test_fazhi_correct_appends_validated_rows_with_new_ids(tmp_path: Path) -> None:
    f = tmp_path / "corrections.csv"
    ok = _correct("--region", "320404", "--year", "2018", "--indicator", "recon_cases_accepted",
                  "--value", "35", "--reason", "report says 35", "--reviewer", "wang", file=f)  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    again = _correct("--region", "210212", "--year", "2019", "--indicator", "petitions_received",
                     "--reject", "--reason", "交办 is not received", file=f)  # fmt: skip
    assert again.returncode == 0, again.stderr
    rows = read_corrections(f)
    assert [(r["correction_id"], r["action"], r["value"]) for r in rows] == [
        ("c0001", "set", "35"),
        ("c0002", "reject", ""),
    ]
    assert rows[0]["reviewer"] == "wang" and rows[0]["corrected_on"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--region", "999999", "--year", "2018", "--indicator", "recon_cases_accepted", "--value", "1"],
            "999999",
        ),
        (
            ["--region", "320404", "--year", "2018", "--indicator", "no_such_code", "--value", "1"],
            "no_such_code",
        ),
        (
            ["--region", "320404", "--year", "1900", "--indicator", "recon_cases_accepted", "--value", "1"],
            "--year",
        ),
        (["--document", "d-0", "--indicator", "recon_cases_accepted", "--reject"], "--evidence"),
    ],
)
def test_a_bad_correction_is_refused_in_one_line_and_nothing_written(
    tmp_path: Path, args: list[str], message: str
) -> None:
    f = tmp_path / "corrections.csv"
    r = _correct(*args, "--reason", "x", file=f)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr
    assert not f.exists()


def test_corrections_reach_the_marts_and_stale_ones_are_reported(
    built_warehouse: Path, tmp_path: Path
) -> None:
    db = tmp_path / "fazhi.duckdb"
    shutil.copy(built_warehouse, db)
    with duckdb.connect(str(db), read_only=True) as con:
        facts = con.execute(
            """select region_code, year, indicator_code, value from marts.fct_rule_of_law_indicators
               where region_code = '320404' and year = 2018 order by indicator_code limit 2"""
        ).fetchall()
    (region, year, set_code, before), (_, _, reject_code, _) = facts
    saved = CORRECTIONS_CSV.read_bytes()
    try:
        for args in (
            ["--region", region, "--year", str(year), "--indicator", set_code, "--value", str(before + 1)],
            ["--region", region, "--year", str(year), "--indicator", reject_code, "--reject"],
            ["--region", region, "--year", "1999", "--indicator", set_code, "--value", "1"],  # no such fact
        ):
            assert _correct(*args, "--reason", "test", file=CORRECTIONS_CSV).returncode == 0
        env = {**os.environ, "FAZHI_DUCKDB_PATH": str(db)}
        run = subprocess.run(
            [str(ROOT / ".venv/bin/dbt"), "build", "--select", "corrections+", "--profiles-dir", ".", "--quiet"],
            cwd=ROOT / "dbt", env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    finally:
        CORRECTIONS_CSV.write_bytes(saved)
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute(
            """select value, original_value, is_corrected, correction_reason from marts.fct_rule_of_law_indicators
               where region_code = ? and year = ? and indicator_code = ?""",
            [region, year, set_code],
        ).fetchall()
        assert got == [(before + 1, before, True, "test")]
        gone = con.execute(
            "select count(*) from marts.fct_rule_of_law_indicators where region_code = ? and year = ? and indicator_code = ?",
            [region, year, reject_code],
        ).fetchone()[0]
        assert gone == 0
        statuses = dict(con.execute("select correction_id, status from marts.fct_corrections").fetchall())
    assert sorted(statuses.values()) == ["applied", "applied", "target not found"]
