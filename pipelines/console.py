"""Dagster's console log for `fazhi build`, with a busy warehouse said in one line.

When a step gives up because another process kept the warehouse (`WarehouseBusy`, after
FAZHI_LOCK_TIMEOUT_S), that is not a bug: its failure is printed as one line naming the holder
instead of Dagster's error report with stack traces. Every other failure is printed as before.
Colour follows the NO_COLOR convention (no-color.org) and whether the stream is a terminal.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any, TextIO

from dagster import InitLoggerContext, colored_console_logger, logger

BUSY = "WarehouseBusy"


def busy_message(error: Any) -> str | None:
    """The WarehouseBusy message in a Dagster error (SerializableErrorInfo) or its causes, or None."""
    seen = 0
    while error is not None and seen < 10:
        if getattr(error, "cls_name", None) == BUSY:
            return str(error.message).strip().removeprefix(f"pipelines.land.lock.{BUSY}: ")
        error = getattr(error, "cause", None) or getattr(error, "context", None)
        seen += 1
    return None


def event_busy_message(event: Any) -> str | None:
    """For a step or run failure event caused by a busy warehouse, its one-line message."""
    if event is None or event.event_type_value not in ("STEP_FAILURE", "RUN_FAILURE"):
        return None
    return busy_message(getattr(event.event_specific_data, "error", None))


def text_busy_message(text: str) -> str | None:
    """The WarehouseBusy line of a formatted Dagster error report (the run's failure), or None."""
    marker = f"pipelines.land.lock.{BUSY}: "
    for line in text.splitlines():
        if line.startswith(marker):
            return line.removeprefix(marker).strip()
    return None


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def colour_wanted(stream: TextIO) -> bool:
    """ANSI colour only for a terminal, and never when NO_COLOR is set to anything non-empty."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


# dbt runs its sources' tests with the models; Dagster records them as observations and says so once
# per test, every build. That is how the project is meant to run, not something to act on.
_BOOKKEEPING = ("instead of an `AssetCheckResult` for dbt test",)


class BusyInOneLine(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        event = (getattr(record, "dagster_meta", None) or {}).get("dagster_event")
        message = event_busy_message(event) or text_busy_message(record.getMessage())
        if message is not None:
            where = (event.step_key if event is not None else None) or "the build"
            record.msg, record.args = f"{where}: busy, retry: {message}", ()
        return True


class DropBookkeeping(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not any(text in record.getMessage() for text in _BOOKKEEPING)


@logger(
    colored_console_logger.config_schema,
    description="Dagster's colored console logger; a busy warehouse is one line, not a stack trace.",
)
def console_logger(init_context: InitLoggerContext) -> logging.Logger:
    log = colored_console_logger.logger_fn(init_context)
    for handler in log.handlers:
        if not any(isinstance(f, BusyInOneLine) for f in handler.filters):
            handler.addFilter(BusyInOneLine())
            handler.addFilter(DropBookkeeping())
        stream = getattr(handler, "stream", None)
        formatter = handler.formatter
        if formatter is not None and stream is not None and not colour_wanted(stream):
            # coloredlogs writes its colours into the format string itself: take them out again.
            plain = _ANSI.sub("", formatter._fmt or "")
            handler.setFormatter(logging.Formatter(plain, formatter.datefmt))
    return log
