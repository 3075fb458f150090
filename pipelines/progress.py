"""Progress of an in-process build, drawn from Dagster's own step events.

A Dagster logger receives every event of the run; this one turns step starts and ends into short
numbered lines on stderr ("[3/8] extract_indicators: done in 1.2s"), so `fazhi build` shows where it
is without the full event log. Plain lines, not a live bar: dbt's own output interleaves safely.
"""

from __future__ import annotations

import logging
import sys
import time

from dagster import Field, InitLoggerContext, logger

_END_VERBS = {"STEP_SUCCESS": "done", "STEP_FAILURE": "FAILED", "STEP_SKIPPED": "skipped"}


class ProgressHandler(logging.Handler):
    def __init__(self, total_steps: int, quiet: bool = False) -> None:
        super().__init__(level=logging.DEBUG)
        self.total = total_steps
        self.quiet = quiet
        self.finished = 0
        self.started: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        event = (getattr(record, "dagster_meta", None) or {}).get("dagster_event")
        if self.quiet or event is None or not event.step_key:
            return
        step, kind = event.step_key, event.event_type_value
        if kind == "STEP_START":
            self.started[step] = time.monotonic()
            self._line(f"[{self.finished + 1}/{self.total}] {step} ...")
        elif kind in _END_VERBS:
            self.finished += 1
            elapsed = time.monotonic() - self.started.get(step, time.monotonic())
            self._line(f"[{self.finished}/{self.total}] {step}: {_END_VERBS[kind]} in {elapsed:.1f}s")

    @staticmethod
    def _line(text: str) -> None:
        print(f"fazhi build {text}", file=sys.stderr, flush=True)


@logger(
    config_schema={"total_steps": Field(int, default_value=1), "quiet": Field(bool, default_value=False)},
    description="Numbered progress lines of the run's steps on stderr.",
)
def progress_logger(init_context: InitLoggerContext) -> logging.Logger:
    log = logging.getLogger("fazhi.progress")
    log.propagate = False
    log.setLevel(logging.DEBUG)
    for old in [h for h in log.handlers if isinstance(h, ProgressHandler)]:
        log.removeHandler(old)  # one build per process is usual, but a second one gets its own count
    config = init_context.logger_config
    log.addHandler(ProgressHandler(config["total_steps"], config["quiet"]))
    return log
