"""Give the build process's freed memory back to the system before a child process needs it.

The Python stages leave the heap holding pages of freed objects (results, DuckDB transfers); glibc keeps
them for reuse, so the build process still counts them while dbt, a separate process, builds the marts.
`release_memory` collects garbage and asks the allocator to return free pages (a no-op off glibc).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys


def rss_mb() -> float | None:
    """This process's resident set in MB (Linux), or None where /proc is absent."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def release_memory() -> None:
    gc.collect()
    if not sys.platform.startswith("linux"):
        return
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        return
