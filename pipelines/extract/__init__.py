"""Indicator extraction: numbers in report prose -> catalog indicator mentions with evidence.

Public entry points (the pipeline and the CLI call exactly these):
    load_catalog(path=SEEDS_DIR / "indicators.csv") -> Catalog      (cached)
    extract_mentions(doc, catalog=None) -> list[Mention]
    parse_number(text) -> float | None                                 (one written number)
"""

from pipelines.extract.catalog import Catalog, Indicator, load_catalog
from pipelines.extract.extractor import extract_mentions
from pipelines.extract.numbers import Quantity, parse_number, scan_quantities

__all__ = [
    "Catalog",
    "Indicator",
    "Quantity",
    "extract_mentions",
    "load_catalog",
    "parse_number",
    "scan_quantities",
]
