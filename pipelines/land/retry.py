"""Opening the DuckDB file while a process outside fazhi holds it.

Our flock (`pipelines.land.lock`) orders fazhi's own readers and writers; a plain
`duckdb.connect(..., read_only=True)` (the README shows one) ignores it, and DuckDB refuses a
conflicting open at once with `IO Error: Could not set lock on file …`. So every fazhi open retries
that one error with jittered backoff until a deadline, then gives up with one line naming the
holding process (DuckDB's message carries its program and PID), never a traceback.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path
from typing import Any

import duckdb

from pipelines.land.lock import LOCK_TIMEOUT_ENV, WarehouseBusy

_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


def is_lock_error(exc: BaseException) -> bool:
    """DuckDB's refusal to open a file another process holds (and nothing else)."""
    return isinstance(exc, duckdb.IOException) and "could not set lock" in str(exc).lower()


def holder(exc: BaseException) -> str:
    """Who holds the file, from DuckDB's message: `PID 4711 (/usr/bin/python3.11)`, or `another process`."""
    match = _HOLDER.search(str(exc))
    if match is None:
        return "another process"
    return f"PID {match['pid']} ({match['program']})"


def connect_retrying(
    db: Path, *, read_only: bool, config: dict[str, Any], timeout_s: float, reader: bool
) -> duckdb.DuckDBPyConnection:
    """`duckdb.connect`, retrying DuckDB's lock error until `timeout_s` has passed.

    `reader` only words the message: a reader is told to retry, a writer why it gave up.
    """
    deadline = time.monotonic() + timeout_s
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(db), read_only=read_only, config=dict(config))
        except duckdb.IOException as exc:
            if not is_lock_error(exc):
                raise
            if time.monotonic() + delay > deadline:
                who = holder(exc)
                if reader:
                    raise WarehouseBusy(f"{db} is held by {who}; waited {timeout_s:g}s") from None
                raise WarehouseBusy(
                    f"{db} is held by {who} for over {timeout_s:g}s; gave up (set {LOCK_TIMEOUT_ENV} to wait longer)"
                ) from None
            time.sleep(delay * random.uniform(0.5, 1.0))
            delay = min(delay * 2, 0.5)
