"""A cross-process write lock for the warehouse file.

DuckDB allows one writing process per file and fails at once when another holds it. Every writer of
the warehouse (Python assets, the crawler's store, dbt) takes this lock first, so a second run that
starts while another writes waits its turn instead of failing, whoever launched it (Dagster daemon,
`fazhi build`, a test).
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class WarehouseBusy(TimeoutError):
    """Another process kept the warehouse for longer than we were willing to wait."""


@contextmanager
def warehouse_write_lock(db: Path, *, timeout_s: float = 1800.0, poll_s: float = 0.2) -> Iterator[None]:
    lock_path = Path(str(db) + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WarehouseBusy(
                        f"{db} is being written by another process for over {timeout_s:.0f}s"
                    ) from None
                time.sleep(poll_s)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
