"""The indicator catalog (seeds/indicators.csv): codes, units and phrasings every mention refers to.

The codes are the contract with the warehouse and the evaluation; the unit column decides how a value
is stored (yuan for money, percent 0-100 for rates, counts otherwise).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipelines.paths import SEEDS_DIR

DEFAULT_CATALOG_PATH = SEEDS_DIR / "indicators.csv"


@dataclass(frozen=True)
class Indicator:
    code: str
    area: str
    name_zh: str
    name_en: str
    unit: str  # times | items | documents | cases | persons | yuan | percent
    aggregation: str
    keywords_zh: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class Catalog:
    indicators: dict[str, Indicator]

    def __contains__(self, code: object) -> bool:
        return code in self.indicators

    def __getitem__(self, code: str) -> Indicator:
        return self.indicators[code]

    def __len__(self) -> int:
        return len(self.indicators)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(self.indicators)


def _read(path: Path) -> Catalog:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    indicators = {
        r["code"]: Indicator(
            code=r["code"],
            area=r["area"],
            name_zh=r["name_zh"],
            name_en=r["name_en"],
            unit=r["unit"],
            aggregation=r["aggregation"],
            keywords_zh=tuple(k for k in (r.get("keywords_zh") or "").split("|") if k),
            notes=r.get("notes") or "",
        )
        for r in rows
        if r.get("code")
    }
    return Catalog(indicators)


@lru_cache(maxsize=8)
def _cached(path: str) -> Catalog:
    return _read(Path(path))


def load_catalog(path: Path = DEFAULT_CATALOG_PATH) -> Catalog:
    """Read the catalog once per path (cached: extraction calls this for every document)."""
    return _cached(str(Path(path).resolve()))
