"""One page through clean -> understand -> extract, with no warehouse involved.

This is the unit of work shared by the Dagster assets (which land the results in `raw`) and by
`fazhi extract` (which prints them). Keeping it in one place guarantees that what a user sees on the
command line is exactly what the warehouse would store.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from pipelines.clean import clean_page
from pipelines.contract import to_json
from pipelines.extract import load_catalog
from pipelines.extract.quantities import extract_figures
from pipelines.lifeline import die_with_parent
from pipelines.records import CleanedPage, Document, Mention, Page, QuantityMention
from pipelines.understand import RegionIndex, understand_page

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class PageResult:
    page: Page
    cleaned: CleanedPage
    documents: list[Document]
    mentions: dict[str, list[Mention]] = field(default_factory=dict)  # document_id -> mentions
    quantities: dict[str, list[QuantityMention]] = field(default_factory=dict)  # document_id -> figures


@dataclass
class Extraction:
    """What extraction found in one document: catalog mentions, and every figure typed or not."""

    mentions: list[Mention]
    quantities: list[QuantityMention]


def understand(page: Page) -> tuple[CleanedPage, list[Document]]:
    """Clean and understand one page. Never raises on bad input: the cleaner records errors."""
    cleaned = clean_page(page.body, page.media_type, url=page.url, declared_encoding=page.encoding)
    # A file carries no fetch URL, but a saved page may say where it was saved from (clean.origin).
    url = page.url or cleaned.page_meta.get("source_url")
    documents = understand_page(cleaned, page_id=page.page_id, url=url, regions=RegionIndex.load())
    return cleaned, documents


def extract(document: Document) -> Extraction:
    return Extraction(*extract_figures(document, load_catalog()))


def understand_one(page: Page) -> tuple[str, CleanedPage, list[Document]]:
    cleaned, documents = understand(page)
    return page.page_id, cleaned, documents


def extract_one(document: Document) -> tuple[str, Extraction]:
    return document.document_id, extract(document)


def _warm_up() -> None:
    """Load the region index and the catalog once per worker process, not once per page."""
    RegionIndex.load()
    load_catalog()


def _start_worker(build_pid: int) -> None:
    """A pool worker dies with its parent (the forkserver, which exits when the build dies), so a
    `kill -9` of the build leaves no worker behind; then it warms up."""
    die_with_parent(build_pid)
    _warm_up()


@contextmanager
def stage_mapper(workers: int) -> Iterator[Callable[[Callable[[T], R], list[T]], list[R]]]:
    """A `map` over items that uses a pool of `workers` processes (0 or 1: in this process).

    Stage functions are pure, so they parallelise without coordination; only the caller writes the
    warehouse, which keeps DuckDB's single-writer rule.
    """
    if workers <= 1:
        yield lambda fn, items: [fn(item) for item in items]
        return
    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_start_worker, initargs=(os.getpid(),)
    ) as pool:
        yield lambda fn, items: list(pool.map(fn, items, chunksize=max(1, len(items) // (workers * 4))))


@contextmanager
def stage_batches(
    workers: int,
) -> Iterator[Callable[[Callable[[T], R], Iterable[list[T]]], Iterator[list[R]]]]:
    """`stage_mapper` over a stream of batches, one batch ahead: while the caller writes batch k's
    results, the pool already works on batch k+1 (without it, the workers wait for every write and a
    two-core build keeps one core idle). The next batch is read from `batches` only after the caller
    is done with the previous results, so the warehouse is still used by one party at a time."""
    if workers <= 1:
        yield lambda fn, batches: ([fn(item) for item in items] for items in batches)
        return
    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_start_worker, initargs=(os.getpid(),)
    ) as pool:

        def run(fn: Callable[[T], R], batches: Iterable[list[T]]) -> Iterator[list[R]]:
            pending: Iterator[R] | None = None
            for items in batches:
                submitted = pool.map(fn, items, chunksize=max(1, len(items) // (workers * 4)))
                if pending is not None:
                    yield list(pending)
                pending = submitted
            if pending is not None:
                yield list(pending)

        yield run


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def process_page(page: Page) -> PageResult:
    cleaned, documents = understand(page)
    found = {d.document_id: extract(d) for d in documents}
    return PageResult(
        page,
        cleaned,
        documents,
        {k: e.mentions for k, e in found.items()},
        {k: e.quantities for k, e in found.items()},
    )


# `fazhi extract`'s JSON is the records' fields, with these keys renamed or left out (docs/architecture.md's
# contract: scorers read `body`, `region.code`, `indicators[].code`, `start`/`end`).
DOCUMENT_JSON_RENAMES = {"body_text": "body"}
DOCUMENT_JSON_OMIT = frozenset({"page_id", "part", "page_meta", "extractor_version"})
MENTION_JSON_RENAMES = {"indicator_code": "code"}
MENTION_JSON_OMIT = frozenset(
    {"mention_id", "document_id", "sentence_start", "sentence_end", "extractor_version"}
)
QUANTITY_JSON_RENAMES = {"indicator_code": "code"}
QUANTITY_JSON_OMIT = MENTION_JSON_OMIT | {"quantity_id"}


def mention_json(m: Mention) -> dict[str, Any]:
    return to_json(m, renames=MENTION_JSON_RENAMES, omit=MENTION_JSON_OMIT)


def document_json(
    d: Document, mentions: list[Mention], quantities: list[QuantityMention] | None = None
) -> dict[str, Any]:
    """A document's JSON: its fields, its catalog `indicators`, and under their own key every figure of
    the body (`quantities`, typed with the indicator's `code` or null), never mixed with indicators."""
    out = to_json(d, renames=DOCUMENT_JSON_RENAMES, omit=DOCUMENT_JSON_OMIT)
    out["indicators"] = [mention_json(m) for m in mentions]
    out["quantities"] = [
        to_json(q, renames=QUANTITY_JSON_RENAMES, omit=QUANTITY_JSON_OMIT) for q in quantities or []
    ]
    return out


def result_json(result: PageResult, source: str) -> dict[str, Any]:
    """The `fazhi extract --json` contract of docs/architecture.md (evaluation scripts read it)."""
    cleaned = result.cleaned
    docs = [
        document_json(d, result.mentions.get(d.document_id, []), result.quantities.get(d.document_id, []))
        for d in result.documents
    ]
    return {
        "source": source,
        "page_id": result.page.page_id,
        "media_type": result.page.media_type,
        "method": cleaned.method,
        "read_confidence": cleaned.read_confidence,
        "encoding": cleaned.encoding,
        "page_meta": cleaned.page_meta,
        "attachments": [asdict(a) for a in cleaned.attachments],
        "page_shell": cleaned.page_shell,
        "error": cleaned.error,
        "warnings": cleaned.warnings,
        "documents": docs,
        "extractor_version": result.documents[0].extractor_version if result.documents else None,
    }
