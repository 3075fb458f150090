"""Readers and writers of the warehouse file take turns through one lock file, `<db>.lock`.

DuckDB allows one writing process per file, or any number of read-only ones, and fails at once
(`Could not set lock`) instead of waiting. So every fazhi opener of the file takes an flock first:

- a **writer** (Python assets, the crawler's store, the dbt asset around dbt) takes it exclusive
  (`warehouse_write_lock`), for one short write window at a time;
- a **reader** (`open_read_only`: query, report, export, status) takes it shared
  (`warehouse_read_lock`) for as long as its connection is open.

A writer that waits for readers must not be starved by readers that keep overlapping, so a second
file, `<db>.lock.queue`, is a turnstile: a writer holds it exclusive while it waits for the main lock,
and a reader passes it (shared) before asking for the main lock. Readers arriving while a writer
waits queue behind it.

Processes outside fazhi (plain `duckdb.connect(..., read_only=True)`, the DuckDB CLI) ignore these
files: `pipelines.land.retry` retries DuckDB's own lock error for them.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

# How long a writer retries DuckDB's own lock error (a process outside fazhi holds the file) before
# giving up with one line naming the holder.
LOCK_TIMEOUT_ENV = "FAZHI_LOCK_TIMEOUT_S"
DEFAULT_LOCK_TIMEOUT_S = 120.0
# How long a reader waits for a writer's window to close by default (`--wait` overrides it).
DEFAULT_READ_WAIT_S = 5.0


class WarehouseBusy(TimeoutError):
    """Another process kept the warehouse for longer than we were willing to wait (one-line message)."""


def lock_timeout_s() -> float:
    """FAZHI_LOCK_TIMEOUT_S, or the default; a value that is not a number is an error, not ignored."""
    raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_LOCK_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        raise WarehouseBusy(f"{LOCK_TIMEOUT_ENV} must be a number of seconds, got {raw!r}") from None
    return max(0.0, value)


def lock_path(db: Path) -> Path:
    return Path(str(db) + ".lock")


def _take(handle: IO[str], mode: int, deadline: float, poll_s: float) -> bool:
    """flock `handle` in `mode` (LOCK_SH or LOCK_EX), polling until `deadline`; False on timeout."""
    while True:
        try:
            fcntl.flock(handle.fileno(), mode | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(poll_s)


@contextmanager
def _lock(db: Path, mode: int, timeout_s: float, poll_s: float, what: str) -> Iterator[None]:
    main = lock_path(db)
    deadline = time.monotonic() + timeout_s
    try:
        main.parent.mkdir(parents=True, exist_ok=True)
        handle = open(main, "a+")  # noqa: SIM115 - closed below, after the yield
    except OSError:
        if mode == fcntl.LOCK_EX:
            raise
        yield  # a reader of a warehouse on a read-only folder: DuckDB's own lock still protects it
        return
    with handle:
        with open(str(main) + ".queue", "a+") as queue:
            # Writers hold the turnstile while they wait; readers only pass through it.
            if not _take(queue, mode, deadline, poll_s) or not _take(handle, mode, deadline, poll_s):
                raise WarehouseBusy(f"{db} {what} for over {timeout_s:.0f}s")
            fcntl.flock(queue.fileno(), fcntl.LOCK_UN)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextmanager
def warehouse_write_lock(db: Path, *, timeout_s: float = 1800.0, poll_s: float = 0.05) -> Iterator[None]:
    """Exclusive: no fazhi reader or other writer has the file while this is held."""
    with _lock(Path(db), fcntl.LOCK_EX, timeout_s, poll_s, "is being used by another process"):
        yield


@contextmanager
def warehouse_read_lock(
    db: Path, *, timeout_s: float = DEFAULT_READ_WAIT_S, poll_s: float = 0.05
) -> Iterator[None]:
    """Shared: any number of fazhi readers at once, never while a writer has (or waits for) the file."""
    with _lock(Path(db), fcntl.LOCK_SH, timeout_s, poll_s, "is being written by another process"):
        yield
