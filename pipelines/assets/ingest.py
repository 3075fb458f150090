"""Group `ingest`: bundled sample pages and inbox files become rows of raw.pages."""

import os
import shutil
from dataclasses import replace
from pathlib import Path

from dagster import AssetExecutionContext, AssetSpec, Config, MaterializeResult, RetryPolicy, multi_asset

from pipelines.assets.resources import WAREHOUSE_POOL, WarehouseResource
from pipelines.ingest import IngestError, scan_folder
from pipelines.land.raw import add_pages, record_ingest_error
from pipelines.paths import PROJECT_ROOT, SAMPLE_PAGES_DIR, inbox_dir
from pipelines.records import Page


class IngestConfig(Config):
    include_samples: bool = True  # the bundled pages in seeds/pages are the embedded default input
    sample_dir: str = str(SAMPLE_PAGES_DIR)
    inbox: str = str(inbox_dir())
    move_inbox_files: bool = True  # processed inbox files go to inbox/processed, failures to inbox/failed


BATCH_SIZE = 256


def _absolute(location: str | None) -> Path:
    path = Path(location or "")
    return path if path.is_absolute() else PROJECT_ROOT / path


def _relative(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def _store_batch(warehouse: WarehouseResource, batch: list[Page], inbox: Path, move: bool) -> int:
    """Commit a batch of bodies in one short write window; only then move inbox files aside, so a
    crash loses nothing. A moved file is recorded where it will live (inbox/processed/...), not where
    it was dropped, so the warehouse's location of every file is one that exists."""
    moves: list[tuple[Path, Path]] = []
    if move:
        taken: set[Path] = set()
        stored = []
        for page in batch:
            source = _absolute(page.location)
            target = _free_name(inbox / "processed", source, taken)
            moves.append((source, target))
            stored.append(replace(page, location=_relative(target)))
        batch = stored
    with warehouse.connect() as con:
        con.execute("BEGIN")
        added = add_pages(con, batch)
        con.execute("COMMIT")
    for source, target in moves:
        _move_to(source, target)
    return added


def _free_name(target_dir: Path, path: Path, taken: set[Path]) -> Path:
    """A name in target_dir for `path` that no file has (and no other file of this batch will take)."""
    target = target_dir / path.name
    n = 1
    while target.exists() or target in taken:  # a file of the same name was dropped before: keep both
        target = target_dir / f"{path.stem}.{n}{path.suffix}"
        n += 1
    taken.add(target)
    return target


def _move_to(path: Path, target: Path, error: str | None = None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(path), target)
    if error:
        target.with_name(target.name + ".error.txt").write_text(error + "\n", encoding="utf-8")


@multi_asset(
    specs=[
        AssetSpec(
            ["raw", "pages"],
            deps=[["raw", "fetches"]],
            kinds={"python", "duckdb"},
            description="Every distinct page body, keyed by sha256, never modified.",
        ),
        AssetSpec(
            ["raw", "page_locations"],
            kinds={"python", "duckdb"},
            description="Every file path or URL each body was seen at.",
        ),
        AssetSpec(
            ["raw", "ingest_errors"],
            kinds={"python", "duckdb"},
            description="Files that could not be ingested, with the reason.",
        ),
    ],
    group_name="ingest",
    pool=WAREHOUSE_POOL,
    retry_policy=RetryPolicy(max_retries=2, delay=10),
    name="ingest_files",
)
def ingest_files(context: AssetExecutionContext, config: IngestConfig, warehouse: WarehouseResource):
    """Read the bundled sample pages and the inbox into raw.pages (content-addressed, so re-runs add nothing).

    Inbox files are moved to inbox/processed once stored, or to inbox/failed with an .error.txt
    beside them: a dropped file is ingested once and never lost.
    """
    inbox = Path(config.inbox)
    folders = [(Path(config.sample_dir), "seed")] if config.include_samples else []
    folders.append((inbox, "inbox"))
    new = seen = failed = 0
    # Files are read with the warehouse released; it is held only to write a batch or an error row.
    for folder, origin in folders:
        move = origin == "inbox" and config.move_inbox_files
        batch: list[Page] = []
        for item in scan_folder(folder, origin=origin, root=PROJECT_ROOT):
            if isinstance(item, IngestError):
                failed += 1
                source = _absolute(item.location)
                target = None
                if move and os.path.lexists(source):  # a link moves as a link
                    target = _free_name(inbox / "failed", source, set())
                location = _relative(target) if target else item.location
                with warehouse.connect() as con:
                    record_ingest_error(con, location, origin, item.error)
                context.log.warning(f"{item.location}: {item.error}")
                if target:
                    _move_to(source, target, item.error)
                continue
            seen += 1
            batch.append(item)
            if len(batch) >= BATCH_SIZE:
                new += _store_batch(warehouse, batch, inbox, move)
                batch = []
        if batch:
            new += _store_batch(warehouse, batch, inbox, move)
    with warehouse.connect() as con:
        total = con.execute("SELECT count(*) FROM raw.pages").fetchone()[0]
    meta = {"files_seen": seen, "pages_new": new, "files_failed": failed, "pages_total": total}
    yield MaterializeResult(asset_key=["raw", "pages"], metadata=meta)
    yield MaterializeResult(asset_key=["raw", "page_locations"], metadata={"files_seen": seen})
    yield MaterializeResult(asset_key=["raw", "ingest_errors"], metadata={"files_failed": failed})
