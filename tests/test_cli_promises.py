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


def _build_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    home = tmp_path / "dagster_home"  # never the user's .dagster_home
    return {**env, "DAGSTER_HOME": str(home), "FAZHI_INBOX": str(tmp_path / "inbox"), **extra}


def test_a_quiet_build_prints_its_summary_and_nothing_else(tmp_path: Path) -> None:
    """Item 7: with dbt running (a new warehouse), --quiet prints the summary table only: no step
    lines, no Dagster warnings, no dbt log."""
    r = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "build", "--quiet", "--db", str(tmp_path / "w.duckdb")],
        env=_build_env(tmp_path), capture_output=True, text=True, cwd=ROOT, check=False, timeout=600,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stderr == ""
    lines = [line for line in r.stdout.splitlines() if line.strip()]
    assert lines[0].startswith("fazhi build finished in ") and lines[1].split() == ["measure", "value"]
    assert len(lines) <= 14 and any(line.startswith("indicator values") for line in lines), r.stdout
    # Item 15: the build leaves its run record in the instance the UI reads.
    from dagster import DagsterInstance, DagsterRunStatus

    with DagsterInstance.from_config(str(tmp_path / "dagster_home")) as instance:
        runs = instance.get_runs()
    assert [(run.job_name, run.status) for run in runs] == [("fazhi_build", DagsterRunStatus.SUCCESS)]


def test_without_dagster_home_the_cli_uses_the_projects_instance(tmp_path: Path) -> None:
    """Item 15: outside make, DAGSTER_HOME defaults to the project's .dagster_home (created with the
    project's instance settings), the instance `make dev` and the UI use; a set DAGSTER_HOME wins."""
    from pipelines.paths import ensure_dagster_home

    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    environ: dict[str, str] = {}
    home = ensure_dagster_home(environ, root=tmp_path)
    assert home == tmp_path / ".dagster_home" and environ["DAGSTER_HOME"] == str(home)
    assert (home / "dagster.yaml").read_text() == "telemetry:\n  enabled: false\n"
    elsewhere = tmp_path / "elsewhere"
    assert ensure_dagster_home({"DAGSTER_HOME": str(elsewhere)}, root=tmp_path) == elsewhere
    assert elsewhere.is_dir()


def test_no_color_means_no_escape_codes_even_on_a_terminal(tmp_path: Path) -> None:
    """Item 7: a full build on a terminal with NO_COLOR=1 prints the Dagster log, dbt's log and the
    summary table without one ANSI escape code."""
    import os
    import pty

    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "build", "--db", str(tmp_path / "w.duckdb")],
        env=_build_env(tmp_path, NO_COLOR="1"), stdin=subprocess.DEVNULL, stdout=child, stderr=child, cwd=ROOT,
    )  # fmt: skip
    os.close(child)
    out = bytearray()
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed: the build and its children are gone
            break
        if not chunk:
            break
        out += chunk
    os.close(main)
    assert proc.wait(timeout=600) == 0, out[-3000:].decode(errors="replace")
    text = out.decode(errors="replace")
    assert "START sql table model marts.fct_rule_of_law_indicators" in text  # dbt's log is there
    assert " - dagster - INFO - " in text and "indicator values" in text
    assert "\x1b[" not in text


# ---- item 11: the sources registry and the crawl's exit ----------------------------------------

HEADER = "id,region_code,name,listing_urls,allowed_hosts,link_rules,max_pages,enabled,verified,local,note\n"


def test_a_dry_run_asks_for_the_listings_only_and_stores_nothing(tmp_path: Path) -> None:
    from crawl_site.server import serve_site

    db = tmp_path / "w.duckdb"
    with serve_site() as site:
        registry = tmp_path / "sources.csv"
        listing = site.url("/fzzfjs/index.html")
        registry.write_text(HEADER + f"fake-gov,320404,测试,{listing},127.0.0.1,,100,true,false,true,t\n")
        r = fazhi("crawl", "--sources", str(registry), "--source", "fake-gov", "--dry-run", "--db", str(db))
        asked = site.paths()
    assert r.returncode == 0, r.stderr
    assert set(asked) == {"/robots.txt", "/fzzfjs/index.html", "/fzzfjs/index_1.html", "/fzzfjs/index_2.html"}
    assert not db.exists()
    wanted = r.stdout.split("would fetch ", 1)[1].split("would refuse", 1)[0]
    assert site.url("/fzzfjs/202012/t20201204_1001.html") in wanted
    refused = r.stdout.split("would refuse", 1)[1]
    assert "/private/draft.html  (robots:" in refused and "www.foreign.gov.cn" in refused
    assert "www.foreign.gov.cn" not in wanted


def test_a_crawl_in_which_every_request_was_refused_fails(tmp_path: Path) -> None:
    from crawl_site.server import serve_site

    with serve_site() as site:
        registry = tmp_path / "sources.csv"
        closed = site.url("/private/index.html")  # robots.txt disallows /private/
        registry.write_text(HEADER + f"closed,320404,测试,{closed},127.0.0.1,,100,true,true,true,t\n")
        r = fazhi("crawl", "--sources", str(registry), "--db", str(tmp_path / "w.duckdb"))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "refused: robots 1" in r.stdout
    assert r.stderr.strip().splitlines()[-1] == (
        "fazhi: error: nothing fetched from closed: every request was refused or failed (see above)"
    )


def test_a_plain_crawl_skips_unverified_sources_and_says_so(tmp_path: Path) -> None:
    registry = tmp_path / "sources.csv"
    registry.write_text(
        HEADER + "new-site,320404,测试,https://www.x.gov.cn/col/1.html,,,10,true,false,false,t\n"
    )
    r = fazhi("crawl", "--sources", str(registry), "--db", str(tmp_path / "w.duckdb"))
    assert r.returncode == 2 and not (tmp_path / "w.duckdb").exists()
    assert "skipped 1 unverified source(s): new-site" in r.stderr
    assert "nothing to crawl: no enabled, verified source" in r.stderr


def test_a_registry_row_with_an_unknown_region_is_a_one_line_error(tmp_path: Path) -> None:
    registry = tmp_path / "sources.csv"
    registry.write_text(HEADER + "typo,999999,测试,https://www.x.gov.cn/col/1.html,,,10,true,true,false,t\n")
    r = fazhi("crawl", "--sources", str(registry), "--dry-run")
    assert r.returncode == 2
    assert r.stderr.strip() == (
        f"fazhi: error: {registry}:2 (typo): region_code 999999 is not a known division code (seeds/regions.csv)"
    )
