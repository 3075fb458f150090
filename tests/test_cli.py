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
    # a count stored as DOUBLE prints without ".0"
    assert any(line.split()[:2] == ["recon_cases_accepted", "34"] for line in out[2:])


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


def test_url_map_gives_each_input_of_a_batch_its_url(tmp_path: Path, capsys) -> None:
    """The host breaks the 西湖区 tie (杭州 or 南昌) only for the input the map gives a URL."""
    page = Path(__file__).parent / "fixtures" / "region_excerpts" / "department_ambiguous_district.txt"
    copy = tmp_path / "copy.txt"
    copy.write_bytes(page.read_bytes())
    url_map = tmp_path / "urls.tsv"
    url_map.write_text(
        f"# path<TAB>url\n{page}\thttps://www.ncxh.gov.cn/art/2024/3/1/art_1.html\n", encoding="utf-8"
    )
    assert main(["extract", "--jsonl", "--url-map", str(url_map), str(page), str(copy)]) == 0
    mapped, unmapped = (json.loads(line)["documents"][0] for line in capsys.readouterr().out.splitlines())
    assert mapped["region"]["code"] == "360103" and "host" in mapped["region"]["evidence"]
    assert unmapped["region"] is None


def test_a_malformed_url_map_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    url_map = tmp_path / "urls.tsv"
    url_map.write_text("no tab here\n", encoding="utf-8")
    assert (
        main(
            [
                "extract",
                "--jsonl",
                "--url-map",
                str(url_map),
                str(SAMPLE_PAGES_DIR / "000_bdf0fc9054b6607e.txt"),
            ]
        )
        == 2
    )
    assert "expected 'path<TAB>url'" in capsys.readouterr().err


def test_hosts_proposes_rows_from_certain_reports(tmp_path: Path, capsys) -> None:
    import duckdb

    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute(
        "create table marts.dim_document (is_report boolean, region_code varchar, region_confidence double, "
        "region_evidence varchar, url varchar)"
    )
    con.execute(
        "insert into marts.dim_document values "
        "(true, '330106', 0.95, 'title issuer', 'https://www.hzxh.gov.cn/a/1.html'), "
        "(true, '330106', 0.95, 'title issuer', 'https://www.hzxh.gov.cn/a/2.html'), "
        "(true, '330106', 0.6, 'URL host', 'https://www.other.gov.cn/a/1.html')"
    )
    con.close()
    assert main(["hosts", "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("host,") and len(out) == 2 and "hzxh.gov.cn" in out[1] and "330106" in out[1]


def test_a_finished_build_whose_summary_is_locked_out_still_succeeds(
    built_warehouse: Path, tmp_path: Path, capsys
) -> None:
    """Another process writing the warehouse right after a build must not turn the build into a failure."""
    import shutil
    import subprocess
    import sys

    from pipelines.cli import print_summary

    db = tmp_path / "copy.duckdb"
    shutil.copy(built_warehouse, db)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys,time; c=duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        print_summary(db)  # must not raise
        assert "the build finished, but its summary cannot be read now" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    print_summary(db)
    assert "pages" in capsys.readouterr().out
