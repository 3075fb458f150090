"""Groups `clean` and `extract`: pages -> documents -> indicator mentions, for new work only.

Each asset picks the rows the current extractor version has not processed (so a re-run with nothing
new does no per-page work), runs the pure stage over them in batches (on a process pool when there
is enough work, one batch ahead of the writes), and replaces their derived rows batch by batch, so memory stays flat however large
the corpus is.

The warehouse is held only in short windows (list the pending ids; load one batch; write one batch),
never while the pure stage works, so queries get in between batches (docs/reliability.md).
"""

from collections import Counter
from collections.abc import Iterator

from dagster import AssetExecutionContext, AssetSpec, Config, MaterializeResult, multi_asset

from pipelines.assets.resources import WAREHOUSE_POOL, WarehouseResource
from pipelines.land.raw import (
    load_documents,
    load_pages,
    pending_document_ids,
    pending_page_ids,
    replace_mentions,
    replace_page_results,
)
from pipelines.process import default_workers, extract_one, stage_batches, understand_one

# Below this many items a process pool costs more than it saves.
PARALLEL_THRESHOLD = 64


class StageConfig(Config):
    workers: int = default_workers()  # processes for the pure stage (1 = in this process)
    batch_size: int = 256  # pages or documents loaded, processed and written together


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _workers(config: StageConfig, n_items: int) -> int:
    return config.workers if n_items >= PARALLEL_THRESHOLD else 1


@multi_asset(
    specs=[
        AssetSpec(
            ["raw", "page_cleanings"],
            kinds={"python", "duckdb"},
            deps=[["raw", "pages"]],
            description="What the cleaner made of each page: method, encoding, warnings, removed chrome, attachments.",
        ),
        AssetSpec(
            ["raw", "documents"],
            kinds={"python", "duckdb"},
            deps=[["raw", "pages"]],
            description="Reports (and non-report pages) found on each page, with region, year, period and evidence.",
        ),
    ],
    group_name="clean",
    pool=WAREHOUSE_POOL,
    name="clean_and_understand",
)
def clean_and_understand(context: AssetExecutionContext, config: StageConfig, warehouse: WarehouseResource):
    """Strip site chrome, then decide for each document: report or not, whose, which year and period."""
    pages = documents = errors = no_region = no_year = reports = 0
    reasons: Counter[str] = Counter()
    with warehouse.connect() as con:
        page_ids = pending_page_ids(con)

    def batches() -> Iterator[list]:
        for batch in _chunks(page_ids, config.batch_size):
            with warehouse.connect() as con:
                loaded = load_pages(con, batch)
            yield loaded  # the connection closed: the caller writes between batches

    with stage_batches(_workers(config, len(page_ids))) as run:
        for results in run(understand_one, batches()):
            with warehouse.connect() as con:
                con.execute("BEGIN")
                documents += replace_page_results(con, results)
                con.execute("COMMIT")
            for _, cleaned, docs in results:
                pages += 1
                if cleaned.error:
                    errors += 1
                    reasons[cleaned.error] += 1
                for d in docs:
                    if d.is_report:
                        reports += 1
                        no_region += d.region is None
                        no_year += d.report_year is None
    meta = {
        "pages_processed": pages,
        "documents_written": documents,
        "reports": reports,
        "pages_failed": errors,
        "failures_by_reason": dict(reasons),
        "share_reports_without_region": round(no_region / reports, 3) if reports else 0.0,
        "share_reports_without_year": round(no_year / reports, 3) if reports else 0.0,
    }
    context.log.info(f"clean: {meta}")
    yield MaterializeResult(asset_key=["raw", "page_cleanings"], metadata={"pages_processed": pages})
    yield MaterializeResult(asset_key=["raw", "documents"], metadata=meta)


@multi_asset(
    specs=[
        AssetSpec(
            ["raw", "indicator_mentions"],
            kinds={"python", "duckdb"},
            deps=[["raw", "documents"]],
            description="Every stated indicator value with its evidence sentence and character offsets.",
        ),
        AssetSpec(
            ["raw", "quantities"],
            kinds={"python", "duckdb"},
            deps=[["raw", "documents"]],
            description="Every figure of a report's body, typed with its indicator code or not (coverage).",
        ),
        AssetSpec(
            ["raw", "document_extractions"],
            kinds={"python", "duckdb"},
            deps=[["raw", "documents"]],
            description="Which documents the current extractor version has processed.",
        ),
    ],
    group_name="extract",
    pool=WAREHOUSE_POOL,
    name="extract_indicators",
)
def extract_indicators(context: AssetExecutionContext, config: StageConfig, warehouse: WarehouseResource):
    """Extract rule-of-law indicator values, each with the sentence that proves it."""
    docs = mentions = flagged = 0
    with warehouse.connect() as con:
        document_ids = pending_document_ids(con)

    def batches() -> Iterator[list]:
        for batch in _chunks(document_ids, config.batch_size):
            with warehouse.connect() as con:
                loaded = load_documents(con, batch)
            yield loaded  # the connection closed: the caller writes between batches

    with stage_batches(_workers(config, len(document_ids))) as run:
        for results in run(extract_one, batches()):
            found = dict(results)
            with warehouse.connect() as con:
                con.execute("BEGIN")
                mentions += replace_mentions(
                    con,
                    {d: e.mentions for d, e in found.items()},
                    {d: e.quantities for d, e in found.items()},
                )
                con.execute("COMMIT")
            docs += len(found)
            flagged += sum(1 for e in found.values() for m in e.mentions if m.flags)
    meta = {"documents_processed": docs, "mentions_written": mentions, "mentions_flagged": flagged}
    context.log.info(f"extract: {meta}")
    yield MaterializeResult(asset_key=["raw", "indicator_mentions"], metadata=meta)
    yield MaterializeResult(asset_key=["raw", "quantities"], metadata={"documents_processed": docs})
    yield MaterializeResult(asset_key=["raw", "document_extractions"], metadata={"documents_processed": docs})
