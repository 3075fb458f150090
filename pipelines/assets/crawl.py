"""Group `ingest`: crawl registered government sites, one dynamic partition per source.

A source can be re-crawled or backfilled alone (materialize its partition). The crawl writes every
attempt to raw.fetches and every new body to raw.pages; cleaning picks the new bodies up next.
"""

from dagster import (
    AssetExecutionContext,
    AssetSpec,
    Config,
    DynamicPartitionsDefinition,
    Failure,
    MaterializeResult,
    RetryPolicy,
    multi_asset,
)

from pipelines.assets.resources import WAREHOUSE_POOL, WarehouseResource
from pipelines.crawl import CrawlPolicy, crawl_source, load_sources
from pipelines.land.crawl_store import DuckDBCrawlStore
from pipelines.paths import sources_file

sources_partitions = DynamicPartitionsDefinition(name="sources")


class CrawlConfig(Config):
    sources_file: str = ""  # empty: the registry (FAZHI_SOURCES, else seeds/sources.csv)
    max_pages: int = 500  # per-run page budget for this source
    read_timeout_s: float = 20.0
    max_request_s: float = 60.0
    delay_scale: float = 1.0  # multiplies every politeness wait (robots Crawl-delay, rate limit, backoff)
    revalidate: bool = False  # conditional GETs even for pages within their source's fresh_hours

    def policy(self) -> CrawlPolicy:
        return CrawlPolicy(
            max_pages=self.max_pages,
            read_timeout=self.read_timeout_s,
            max_request_seconds=self.max_request_s,
            delay_scale=self.delay_scale,
            revalidate=self.revalidate,
        )


@multi_asset(
    specs=[
        AssetSpec(
            ["raw", "fetches"],
            kinds={"python", "duckdb"},
            description="Every crawl attempt (status, error kind, bytes, timing, validators) per source.",
            metadata={"partitioned_by": "source id (seeds/sources.csv)"},
        )
    ],
    group_name="ingest",
    partitions_def=sources_partitions,
    pool=WAREHOUSE_POOL,
    retry_policy=RetryPolicy(max_retries=2, delay=60),
    name="crawl_source_pages",
)
def crawl_source_pages(context: AssetExecutionContext, config: CrawlConfig, warehouse: WarehouseResource):
    """Crawl one registered source politely (robots.txt, rate limits, conditional GET)."""
    source_id = context.partition_key
    registry = config.sources_file or str(sources_file())
    by_id = {s.id: s for s in load_sources(registry)}
    if source_id not in by_id:
        raise ValueError(f"source {source_id!r} is not in {registry}")
    store = DuckDBCrawlStore(warehouse.connect)
    report = crawl_source(by_id[source_id], store, policy=config.policy(), run_id=context.run.run_id)
    context.log.info(report.summary())
    if not report.reached_anything:
        # Every request was refused or failed: the attempts are recorded in raw.fetches, but the
        # run is a failure (red in the UI, retried by the policy), not a quiet success with nothing.
        raise Failure(
            description=f"nothing fetched from {source_id}: every request was refused or failed",
            metadata={"refused": dict(report.refused), "errors": dict(report.errors)},
        )
    return MaterializeResult(
        asset_key=["raw", "fetches"],
        metadata={
            "fetched": report.fetched,
            "new_pages": report.new_pages,
            "not_modified": report.not_modified,
            "challenges": report.challenges,
            "errors": dict(report.errors),
            "refused": dict(report.refused),
            "report_links": len(report.report_urls),
            "attachments": len(report.attachments),
            "elapsed_s": round(report.elapsed_s, 1),
        },
    )
