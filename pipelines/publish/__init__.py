"""`fazhi report`: one self-contained HTML page for journalists (coverage, trends, evidence)."""

from __future__ import annotations

from pathlib import Path

from pipelines.land.connect import WarehouseError
from pipelines.land.lock import DEFAULT_READ_WAIT_S
from pipelines.publish.data import ReportData, load
from pipelines.publish.render import page

__all__ = ["ReportData", "WarehouseError", "load", "render_report", "write_report"]


def render_report(data: ReportData) -> str:
    return page(data)


def write_report(db: Path, out: Path, *, wait_s: float = DEFAULT_READ_WAIT_S) -> Path:
    """Read the marts of `db` (read-only, waiting at most `wait_s` for a writer) and write the report
    to `out` (a file, or a folder)."""
    out = Path(out)
    if out.is_dir():
        out = out / "fazhi-report.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    html = render_report(load(Path(db), wait_s=wait_s))
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
    return out
