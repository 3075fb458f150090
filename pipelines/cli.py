"""`fazhi` command line: build the warehouse, extract one page, query the marts.

Conventions follow dbt/duckdb: subcommands with --help and examples, clear one-line errors on bad
input with a non-zero exit code, never a traceback for a user mistake.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from pipelines.land.lock import WarehouseBusy
from pipelines.paths import sources_file, warehouse_path
from pipelines.text.normalize import display_width, whole_number

EXIT_USAGE = 2
EXIT_FAILED = 1
# The warehouse was held by a writer (or, for a writer, by another process) for longer than the
# command would wait: nothing went wrong, try again (sysexits' EX_TEMPFAIL).
EXIT_BUSY = 75


class UserError(Exception):
    """A problem with the user's input or environment: printed as one line, exit code 2."""


def _err(message: str) -> None:
    print(f"fazhi: error: {message}", file=sys.stderr)


# ---------------------------------------------------------------------------------------- extract


def _load_input(arg: str, url: str | None):
    from pipelines.ingest import IngestError, read_page_file

    if arg.startswith(("http://", "https://")):
        from pipelines.crawl.fetch_one import fetch_page

        return fetch_page(arg)
    path = Path(arg)
    if not path.exists():
        return IngestError(arg, "no such file")
    if path.is_dir():
        return IngestError(arg, "is a directory (give page files)")
    item = read_page_file(path, origin="inbox", location=arg)
    if url and not isinstance(item, IngestError):
        from dataclasses import replace

        item = replace(item, url=url)
    return item


def cmd_extract(args: argparse.Namespace) -> int:
    from pipelines.ingest import IngestError
    from pipelines.process import process_page, result_json

    if args.url and len(args.inputs) > 1:
        raise UserError("--url applies to a single input (use --url-map for a batch)")
    urls = _read_url_map(args.url_map) if args.url_map else {}
    status = 0
    for arg in args.inputs:
        item = _load_input(arg, args.url or urls.get(arg) or urls.get(str(Path(arg).resolve())))
        if isinstance(item, IngestError):
            _err(f"{item.location}: {item.error}")
            out: dict[str, Any] = {"source": arg, "error": item.error, "documents": []}
            status = EXIT_FAILED
        else:
            out = result_json(process_page(item), arg)
        if args.jsonl:
            print(json.dumps(out, ensure_ascii=False), flush=True)
        else:
            print(json.dumps(out, ensure_ascii=False, indent=2), flush=True)
    return status


def _read_url_map(path: Path) -> dict[str, str]:
    """path<TAB>url lines (blank lines and # comments skipped); paths as given and as absolute paths."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"--url-map {path}: {exc.strerror or exc}") from None
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "\t" not in line:
            raise UserError(f"--url-map {path}:{n}: expected 'path<TAB>url'")
        name, url = (part.strip() for part in line.split("\t", 1))
        out[name] = url
        out[str(Path(name).resolve())] = url
    return out


# ------------------------------------------------------------------------------------------ query


def _connect_read_only(db: Path, wait_s: float | None = None):
    from pipelines.land.connect import open_read_only
    from pipelines.land.lock import DEFAULT_READ_WAIT_S

    return _warehouse_call(open_read_only, db, wait_s=DEFAULT_READ_WAIT_S if wait_s is None else wait_s)


def cell(v: object) -> str:
    """A value as text: counts stored as DOUBLE print without ".0" (7.0 -> 7), other numbers as they are."""
    return "" if v is None else str(whole_number(v))


def plain_table(columns: list[str], rows: list[tuple]) -> str:
    """Aligned columns for pipes and files: no wrapping, Chinese characters counted double-width."""
    cells = [[cell(v).replace("\n", " ") for v in r] for r in rows]
    widths = [max([display_width(c), *(display_width(r[i]) for r in cells)]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join(
            v + " " * (w - display_width(v)) for v, w in zip(values, widths, strict=True)
        ).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *(line(r) for r in cells)])


def print_table(columns: list[str], rows: list[tuple], *, max_width: int = 60) -> None:
    from pipelines.console import colour_wanted

    if not colour_wanted(sys.stdout):  # rich's NO_COLOR support drops colours but keeps bold
        print(plain_table(columns, rows))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for c in columns:
        table.add_column(c, overflow="fold", max_width=max_width)
    for r in rows:
        table.add_row(*[cell(v) for v in r])
    Console(soft_wrap=False).print(table)


def _query_text(arg: str) -> str:
    """The SQL of `fazhi query`: the argument itself, `-` for standard input, `@FILE` for a file."""
    if arg == "-":
        return sys.stdin.read()
    if arg.startswith("@"):
        path = Path(arg[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror}") from None
    return arg


def duckdb_message(exc: Exception) -> str:
    """DuckDB's message on one line, with its hints ("Candidate bindings: …", "Did you mean …") kept
    and the echo of the query (LINE 1: … and its caret) left out."""
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    kept = [ln for ln in lines if not ln.startswith("LINE ") and set(ln) != {"^"}]
    return " ".join(kept)


def cmd_query(args: argparse.Namespace) -> int:
    import duckdb

    from pipelines.land.connect import check_query

    sql = _query_text(args.sql)
    con = _connect_read_only(Path(args.db), args.wait)
    try:
        try:
            _warehouse_call(check_query, con, sql)
            cur = con.execute(sql)
        except duckdb.Error as exc:
            raise UserError(duckdb_message(exc)) from None
        columns = [d[0] for d in cur.description] if cur.description else []
        rows = cur.fetchmany(args.limit) if args.limit else cur.fetchall()
    finally:
        con.close()
    if args.format == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(columns)
        w.writerows([[cell(v) for v in r] for r in rows])
    elif args.format == "json":
        print(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, default=str))
    elif args.format == "jsonl":
        for r in rows:
            print(json.dumps(dict(zip(columns, r, strict=True)), ensure_ascii=False, default=str))
    else:
        print_table(columns, rows)
        print(f"{len(rows)} row(s)")
    return 0


# ------------------------------------------------------------------------------------------ build


def summary(db: Path) -> dict[str, Any]:
    """The figures printed after a build, from marts.pipeline_health (None where there are none)."""
    from pipelines.status import Health, read_health

    con = _connect_read_only(db)
    try:
        health = read_health(con) or Health()
    finally:
        con.close()
    return {
        "pages": health.total("pages"),
        "documents": health.total("documents_found"),
        "reports": health.total("reports"),
        "indicator mentions": health.total("indicator_mentions"),
        "indicator values": health.total("indicator_values"),
        "regions with facts": health.total("fact_regions"),
        "years": ", ".join(health.keys("values_by_year")) or None,
        "pages failed": health.total("pages_failed"),
    }


def cmd_build(args: argparse.Namespace) -> int:
    from pipelines.build import run_build

    db = Path(args.db)
    started = time.monotonic()
    ok = run_build(db, include_samples=not args.no_samples, docs=args.docs, quiet=args.quiet)
    elapsed = time.monotonic() - started
    if not ok:
        _err("the build failed; see the log above")
        return EXIT_FAILED
    print(f"\nfazhi build finished in {elapsed:.1f}s — warehouse {db}")
    print_summary(db)
    return 0


def print_summary(db: Path) -> None:
    """The build's figures. A build that finished succeeded even when its summary cannot be read at
    once (another run took the warehouse in between): say so, and exit 0."""
    try:
        figures = summary(db)
    except (UserError, WarehouseBusy) as exc:
        print(
            f"fazhi: the build finished, but its summary cannot be read now ({exc}); see `fazhi status`",
            file=sys.stderr,
        )
        return
    print_table(["measure", "value"], list(figures.items()))


# ------------------------------------------------------------------------------------------ crawl


CRAWL_LOCK_TIMEOUT_S = 1800.0  # a crawl waits this long for a build to release the warehouse


def cmd_crawl(args: argparse.Namespace) -> int:
    from functools import partial

    from pipelines.crawl import CrawlPolicy, crawl_sources, load_sources
    from pipelines.crawl.store import MemoryStore
    from pipelines.land.connect import open_writer
    from pipelines.land.crawl_store import DuckDBCrawlStore

    path = Path(args.sources) if args.sources else sources_file()
    if not path.exists():
        raise UserError(f"no sources file at {path}")
    try:
        sources = load_sources(path)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if args.source and args.source not in {s.id for s in sources}:
        raise UserError(f"unknown source {args.source!r}; known: {', '.join(s.id for s in sources)}")
    if args.source:
        chosen = [s for s in sources if s.id == args.source]
    elif args.dry_run:
        chosen = [s for s in sources if s.enabled]  # a dry run is how a source gets verified
    else:
        chosen = [s for s in sources if s.scheduled]
        unverified = [s.id for s in sources if s.enabled and not s.verified]
        if unverified:
            print(
                f"fazhi: skipped {len(unverified)} unverified source(s): {', '.join(unverified)} "
                "(check one with `fazhi crawl --source ID --dry-run`, then set verified=true)",
                file=sys.stderr,
            )
    if not chosen:
        raise UserError(f"nothing to crawl: no enabled, verified source in {path}")
    policy = CrawlPolicy(max_pages=args.max_pages, revalidate=args.revalidate, listings_only=args.dry_run)
    if args.dry_run:
        memory = MemoryStore()
        reports = crawl_sources(chosen, memory, policy, source_id=args.source)
        for report in reports:
            print(dry_run_text(report, memory))
    else:
        connect = partial(
            open_writer,
            Path(args.db).resolve(),
            memory_limit=os.environ.get("FAZHI_DUCKDB_MEMORY_LIMIT", "256MB"),
            lock_timeout_s=CRAWL_LOCK_TIMEOUT_S,
        )
        reports = crawl_sources(chosen, DuckDBCrawlStore(connect), policy, source_id=args.source)
        for report in reports:
            print(report.summary())
    failed = [r.source_id for r in reports if not r.reached_anything]
    if failed:
        _err(f"nothing fetched from {', '.join(failed)}: every request was refused or failed (see above)")
        return EXIT_FAILED
    if not args.dry_run:
        print("run `fazhi build` to clean, extract and rebuild the marts from what was fetched")
    return 0


def dry_run_text(report, store) -> str:
    """What a dry run found for one source: each listing page asked for and how it answered, the
    report pages its link rules would fetch, the attachments seen. Nothing of it is stored."""
    outcomes = {}
    for f in store.fetches:
        if f.source_id == report.source_id and f.role == "listing":
            outcomes[f.url] = f  # the last attempt of a retried URL
    lines = [f"{report.source_id}: dry run, nothing stored"]
    for url in report.listing_pages:
        f = outcomes.get(url)
        how = (
            "not asked (budget)"
            if f is None
            else (f"{f.outcome} {f.status or ''}".strip() + (f" ({f.error_kind})" if f.error_kind else ""))
        )
        lines.append(f"  listing  {how:<24} {url}")
    wanted = [url for url in report.report_urls if url not in report.would_refuse]
    lines.append(f"  would fetch {len(wanted)} report page(s) (at most max_pages of them per run):")
    lines += [f"    {url}" for url in wanted]
    if report.would_refuse:
        lines.append(f"  would refuse {len(report.would_refuse)} link(s):")
        lines += [f"    {url}  ({why})" for url, why in report.would_refuse.items()]
    if report.attachments:
        lines.append(f"  attachments seen {len(report.attachments)}:")
        lines += [f"    {a.url}  {a.text}" for a in report.attachments]
    lines.append(f"  {report.problems()}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------ report, export, status


def _warehouse_call(fn, *args, **kwargs):
    """Run a read-only warehouse function, turning its one-line errors into user errors (a busy
    warehouse, `WarehouseBusy`, goes through to `main`: it is not the user's mistake)."""
    from pipelines.land.connect import WarehouseError

    try:
        return fn(*args, **kwargs)
    except WarehouseError as exc:
        raise UserError(str(exc)) from None


def _output(raw: str, name: str) -> Path:
    """Where `-o` points: a path ending in a slash (or an existing folder) is a folder, created if
    needed, with `name` inside; anything else is the file itself. Path() drops the trailing slash,
    so it is read from the argument as typed."""
    if raw.endswith(("/", os.sep)) or Path(raw).is_dir():
        folder = Path(raw)
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name
    return Path(raw)


def cmd_report(args: argparse.Namespace) -> int:
    from pipelines.publish import write_report

    out = _output(args.out, "fazhi-report.html")
    path = _warehouse_call(write_report, Path(args.db), out, wait_s=args.wait)
    print(f"report written to {path}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pipelines.export import export_table

    bare = args.table.rpartition(".")[2]
    out = _output(args.out, f"{bare}.{args.format}") if args.out else None
    print(
        _warehouse_call(
            export_table, Path(args.db), args.table, args.format, out, excel=args.excel, wait_s=args.wait
        )
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from pipelines.status import format_status, warehouse_status

    status = _warehouse_call(warehouse_status, Path(args.db), wait_s=args.wait)
    print(
        json.dumps(status, ensure_ascii=False, indent=2, default=str) if args.json else format_status(status)
    )
    return 0


def cmd_hosts(args: argparse.Namespace) -> int:
    """Propose seeds/hosts.csv rows from the warehouse's reports whose region the text made certain."""
    import csv

    from pipelines.land.connect import require
    from pipelines.understand.hosts import propose_hosts

    con = _connect_read_only(Path(args.db), args.wait)
    try:
        _warehouse_call(require, con, "marts.dim_document")
        rows = con.execute(
            "select url, region_code, region_confidence, region_evidence from marts.dim_document "
            "where is_report and region_code is not null and url like 'http%'"
        ).fetchall()
    finally:
        con.close()
    proposed = propose_hosts(rows, min_documents=args.min_documents)
    if not proposed:
        print("fazhi: no new host rows (no host holds enough reports of one certain region)", file=sys.stderr)
        return 0
    writer = csv.DictWriter(sys.stdout, fieldnames=list(proposed[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(proposed)
    print(
        f"fazhi: {len(proposed)} proposed row(s): review them, then add them to seeds/hosts.csv",
        file=sys.stderr,
    )
    return 0


# ------------------------------------------------------------------------------------------- main


EPILOG_EXTRACT = """examples:
  fazhi extract seeds/pages/000_bdf0fc9054b6607e.txt
  fazhi extract saved.html --url https://www.example.gov.cn/art/2020/3/27/art_1_2.html --json
  fazhi extract --jsonl seeds/pages/*.txt        # one JSON object per input, in order
"""

EPILOG_QUERY = """examples:
  fazhi query "select * from fct_rule_of_law_indicators limit 10"     # the marts are on the search path
  fazhi query "select region_code, year, value from marts.fct_rule_of_law_indicators
               where indicator_code = 'recon_cases_accepted'" --format csv
  fazhi query @coverage.sql --format jsonl                             # SQL from a file
  echo "from marts.fct_corrections" | fazhi query -                    # SQL from standard input
"""

EPILOG_CRAWL = """examples:
  fazhi crawl                              # every enabled, verified source of seeds/sources.csv
  fazhi crawl --source changzhou-zhonglou  # one source (verified or not)
  fazhi crawl --source changzhou-zhonglou --dry-run   # what its listings and link rules would fetch
  fazhi crawl --sources my_sources.csv --max-pages 50
  fazhi crawl --revalidate                 # also re-ask for pages within their freshness window
"""

EPILOG_BUILD = """examples:
  fazhi build                 # bundled sample pages + inbox -> clean -> extract -> dbt build
  fazhi build --docs          # also generate dbt docs (dbt/target/index.html)
  FAZHI_DUCKDB_PATH=/tmp/w.duckdb fazhi build
"""


def _command(sub, name: str, func, *, help: str, description: str, epilog: str) -> argparse.ArgumentParser:
    p = sub.add_parser(
        name,
        help=help,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(func=func)
    return p


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=str(warehouse_path()), help="DuckDB file (default: %(default)s)")


def cmd_correct(args: argparse.Namespace) -> int:
    from pipelines.corrections import CorrectionError, append_correction, make_correction, read_corrections

    path = Path(args.file)
    try:
        c = make_correction(
            indicator=args.indicator, reason=args.reason, region=args.region, year=args.year,
            value=args.value, reject=args.reject, document=args.document, evidence=args.evidence,
            reviewer=args.reviewer or "", existing=read_corrections(path),
        )  # fmt: skip
    except CorrectionError as exc:
        raise UserError(str(exc)) from None
    append_correction(c, path)
    target = f"{c.document_id} «{c.evidence}»" if c.document_id else f"{c.region_code} {c.year}"
    what = "reject" if c.action == "reject" else f"set to {c.value:g}"
    print(f"{c.correction_id}: {c.indicator_code} of {target}: {what} ({c.reason}) -> {path}")
    print(
        'run `fazhi build` to apply it; `fazhi query "from marts.fct_corrections"` shows what became of each'
    )
    return 0


EPILOG_CORRECT = """examples:
  fazhi correct --region 320404 --year 2018 --indicator recon_cases_accepted --value 35 \\
      --reason "report says 35; 34 was the first-half figure" --reviewer wang
  fazhi correct --region 210212 --year 2019 --indicator petitions_received --reject \\
      --reason "交办 cases are not petitions received"
  fazhi correct --document 4b0c…-0 --evidence "受理行政复议案件34件" --indicator recon_cases_accepted \\
      --reject --reason "a district court's figure"
"""


def _add_correct(sub) -> None:
    p = _command(
        sub,
        "correct",
        cmd_correct,
        help="record a reviewer's correction of a fact (seeds/corrections.csv)",
        description=(
            "Append a correction to seeds/corrections.csv: set a fact's value or reject it, keyed by its "
            "grain (region, year, indicator) or by a document and words of the evidence sentence. "
            "The next build applies it; fct_corrections reports corrections whose target is gone."
        ),
        epilog=EPILOG_CORRECT,
    )
    from pipelines.corrections import CORRECTIONS_CSV

    p.add_argument("--indicator", required=True, help="catalog code of the value corrected")
    p.add_argument("--region", help="division code of the fact (grain corrections)")
    p.add_argument("--year", type=int, help="the year the report covers (grain corrections)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--value", type=float, help="the corrected value, in the catalog unit")
    what.add_argument("--reject", action="store_true", help="the value is not a fact: drop it")
    p.add_argument("--document", help="document_id of the mention (mention corrections)")
    p.add_argument("--evidence", help="words of the mention's evidence sentence (mention corrections)")
    p.add_argument("--reason", required=True, help="why, for the next reader")
    p.add_argument("--reviewer", help="who makes the correction")
    p.add_argument("--file", default=str(CORRECTIONS_CSV), help="corrections file (default: %(default)s)")


def _wait_option(p: argparse.ArgumentParser) -> None:
    from pipelines.land.lock import DEFAULT_READ_WAIT_S

    p.add_argument(
        "--wait",
        type=float,
        default=DEFAULT_READ_WAIT_S,
        metavar="SECONDS",
        help="wait this long for a build or crawl to finish its write (default: %(default)s); "
        f"then print 'busy, retry' and exit {EXIT_BUSY}",
    )


def _add_build(sub) -> None:
    p = _command(
        sub,
        "build",
        cmd_build,
        help="run the whole pipeline into the warehouse",
        description="Ingest bundled and inbox pages, clean, understand, extract, then dbt build.",
        epilog=EPILOG_BUILD,
    )
    _db_option(p)
    p.add_argument("--no-samples", action="store_true", help="skip the bundled sample pages")
    p.add_argument("--docs", action="store_true", help="also run `dbt docs generate`")
    p.add_argument("--quiet", action="store_true", help="only the summary")


def _add_extract(sub) -> None:
    p = _command(
        sub,
        "extract",
        cmd_extract,
        help="one page through clean + understand + extract, no warehouse",
        description="Print what fazhi reads from pages (saved HTML, text dumps or URLs) as JSON.",
        epilog=EPILOG_EXTRACT,
    )
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    p.add_argument("--url", help="the page's original URL (a region tie-breaker when the input is a file)")
    p.add_argument(
        "--url-map",
        type=Path,
        metavar="MAP",
        help="a file of lines 'path<TAB>url' giving each input of a batch its original URL",
    )
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="pretty JSON per input (default)")
    fmt.add_argument("--jsonl", action="store_true", help="one JSON object per line, per input, in order")


def _add_crawl(sub) -> None:
    p = _command(
        sub,
        "crawl",
        cmd_crawl,
        help="crawl registered government sites politely into raw.fetches / raw.pages",
        description="Crawl the enabled, verified sources (or one) of a sources registry, obeying robots.txt "
        "and rate limits. Exits 1 when a source answered nothing (every request refused or failed).",
        epilog=EPILOG_CRAWL,
    )
    p.add_argument(
        "--sources", default=None, help="registry CSV (default: $FAZHI_SOURCES, else seeds/sources.csv)"
    )
    p.add_argument("--source", help="crawl only this source id (even if disabled or unverified)")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="fetch the listing pages only and show which report pages the link rules would fetch; store nothing",
    )
    p.add_argument("--max-pages", type=int, default=500, help="page budget of the run (default: %(default)s)")
    p.add_argument(
        "--revalidate",
        action="store_true",
        help="ask again for pages fetched recently too (conditional GET: a 304 when unchanged)",
    )
    _db_option(p)


def _add_query(sub) -> None:
    p = _command(
        sub,
        "query",
        cmd_query,
        help="run SQL against the warehouse (read-only)",
        description="Run SQL on the warehouse with a read-only connection and print a table.",
        epilog=EPILOG_QUERY,
    )
    p.add_argument("sql", help="the SQL; '-' reads it from standard input, '@FILE' from a file")
    _db_option(p)
    p.add_argument("--format", choices=["table", "csv", "json", "jsonl"], default="table")
    p.add_argument("--limit", type=int, default=0, help="at most this many rows (0 = all)")
    _wait_option(p)


def _add_report(sub) -> None:
    p = _command(
        sub,
        "report",
        cmd_report,
        help="write a self-contained HTML report (coverage, trends, evidence)",
        description="One HTML page: which governments published, on time or late, their numbers, "
        "each linked to the sentence that states it.",
        epilog="examples:\n  fazhi report                  # -> fazhi-report.html\n"
        "  fazhi report -o out/ --db /tmp/w.duckdb",
    )
    p.add_argument("-o", "--out", default="fazhi-report.html", help="file or folder (default: %(default)s)")
    _db_option(p)
    _wait_option(p)


def _add_export(sub) -> None:
    p = _command(
        sub,
        "export",
        cmd_export,
        help="export a warehouse table to csv, parquet or xlsx",
        description="Write one table (looked up in schema marts unless qualified) to a file. "
        "csv and parquet keep the table as it is; xlsx is shaped for reading (names beside codes, "
        "lists as text, dates as dates, frozen header with filters).",
        epilog="examples:\n  fazhi export facts_with_evidence --format xlsx   # one row per fact, its sentence and page\n"
        "  fazhi export fct_rule_of_law_indicators --excel  # csv Excel opens as UTF-8\n"
        "  fazhi export marts.fct_report_coverage --format xlsx -o coverage.xlsx\n"
        "  fazhi export raw.ingest_errors --format parquet -o exports/",
    )
    p.add_argument("table", help="e.g. fct_rule_of_law_indicators or raw.pages")
    p.add_argument("--format", choices=["csv", "parquet", "xlsx"], default="csv")
    p.add_argument(
        "--excel", action="store_true", help="csv for Excel: start the file with a UTF-8 byte-order mark"
    )
    p.add_argument("-o", "--out", help="file or folder (default: ./<table>.<format>)")
    _db_option(p)
    _wait_option(p)


def _add_status(sub) -> None:
    p = _command(
        sub,
        "status",
        cmd_status,
        help="what the warehouse holds and what failed",
        description="Pages, documents, reports and facts; last ingest and fetch; failures by reason.",
        epilog="examples:\n  fazhi status\n  fazhi status --json",
    )
    _db_option(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    _wait_option(p)


def _add_hosts(sub) -> None:
    p = _command(
        sub,
        "hosts",
        cmd_hosts,
        help="propose seeds/hosts.csv rows (URL host -> region) from the warehouse",
        description=(
            "Print, as CSV, host rows learnt from reports whose region the text decided with high "
            "confidence (every report on the host agreeing). Nothing is written: review, then add to seeds/hosts.csv."
        ),
        epilog="examples:\n  fazhi hosts\n  fazhi hosts --min-documents 3 >> proposed_hosts.csv",
    )
    _db_option(p)
    p.add_argument("--min-documents", type=int, default=2, help="reports a host needs (default: %(default)s)")
    _wait_option(p)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fazhi")
    except PackageNotFoundError:
        return "unknown (not installed)"


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fazhi",
        description="Rule-of-law reports of Chinese governments, as clean numbers with evidence.",
    )
    parser.add_argument("--version", action="version", version=f"fazhi {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (
        _add_build,
        _add_extract,
        _add_crawl,
        _add_query,
        _add_report,
        _add_export,
        _add_status,
        _add_hosts,
        _add_correct,
    ):
        add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        _err(str(exc))
        return EXIT_USAGE
    except WarehouseBusy as exc:  # from a reader or a writer
        print(f"fazhi: busy, retry: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
