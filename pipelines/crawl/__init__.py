"""The crawler: registered government sites -> raw fetch log + immutable page bodies.

Independent of Dagster and DuckDB: storage goes through `CrawlStore` (store.py). Entry points:

    load_sources(path) -> list[Source]
    crawl_source(source, store, *, policy=CrawlPolicy(), run_id=None) -> CrawlReport
    crawl_sources(sources, store, policy=CrawlPolicy(), source_id=None) -> list[CrawlReport]
"""

from pipelines.crawl.crawler import AttachmentLink, CrawlReport, crawl_source, crawl_sources, new_run_id
from pipelines.crawl.policy import USER_AGENT, CrawlPolicy
from pipelines.crawl.sources import Source, load_sources, parse_source
from pipelines.crawl.store import CrawlStore, FetchRecord, FetchState, MemoryStore

__all__ = [
    "USER_AGENT",
    "AttachmentLink",
    "CrawlPolicy",
    "CrawlReport",
    "CrawlStore",
    "FetchRecord",
    "FetchState",
    "MemoryStore",
    "Source",
    "crawl_source",
    "crawl_sources",
    "load_sources",
    "new_run_id",
    "parse_source",
]
