"""Reviewers' corrections of facts (seeds/corrections.csv): validated and appended here, applied in dbt.

A correction is keyed by what survives re-extraction: the fact's grain (region, year, indicator), or
a document and words of its evidence sentence for one mention. Offsets and mention ids change when
extraction improves, so they are never keys. dbt (stg_corrections -> int_mentions_corrected ->
fct_rule_of_law_indicators, fct_corrections) applies the file and reports corrections whose target no
longer exists.
"""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from pipelines.extract import load_catalog
from pipelines.paths import SEEDS_DIR

CORRECTIONS_CSV = SEEDS_DIR / "corrections.csv"
COLUMNS = (
    "correction_id", "region_code", "year", "indicator_code", "document_id", "evidence",
    "action", "value", "reason", "reviewer", "corrected_on",
)  # fmt: skip
_REGION_RE = re.compile(r"^\d{6}(?:\d{3})?$")


class CorrectionError(ValueError):
    """A correction that cannot be recorded as given: a one-line message naming the field."""


@dataclass(frozen=True)
class Correction:
    correction_id: str
    region_code: str
    year: int | None
    indicator_code: str
    document_id: str
    evidence: str
    action: str  # set | reject
    value: float | None
    reason: str
    reviewer: str
    corrected_on: str


def _known_regions() -> set[str]:
    codes: set[str] = set()
    for name in ("regions.csv", "towns.csv", "non_mca_county_units.csv"):
        path = SEEDS_DIR / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                codes.update(row["code"] for row in csv.DictReader(fh) if row.get("code"))
    return codes


def make_correction(
    *,
    indicator: str,
    reason: str,
    region: str | None = None,
    year: int | None = None,
    value: float | None = None,
    reject: bool = False,
    document: str | None = None,
    evidence: str | None = None,
    reviewer: str = "",
    existing: list[dict[str, str]] | None = None,
    today: date | None = None,
) -> Correction:
    """A validated correction with the next free id; CorrectionError says what is wrong."""
    if indicator not in load_catalog():
        raise CorrectionError(f"unknown indicator code {indicator!r} (see seeds/indicators.csv)")
    if not reason.strip():
        raise CorrectionError("a correction needs a reason")
    if reject == (value is not None):
        raise CorrectionError("give either --value (the corrected value) or --reject")
    if (document is None) != (evidence is None):
        raise CorrectionError("a mention correction needs both --document and --evidence")
    if document is None:
        if not region or not _REGION_RE.match(region):
            raise CorrectionError(f"--region must be a 6- or 9-digit division code, not {region!r}")
        if region not in _known_regions():
            raise CorrectionError(f"region {region} is not in seeds/regions.csv or seeds/towns.csv")
        if year is None or not 1980 <= year <= 2100:
            raise CorrectionError(f"--year must be the year the report covers, not {year!r}")
    ids = [
        int(r["correction_id"][1:]) for r in existing or [] if re.match(r"^c\d+$", r.get("correction_id", ""))
    ]
    return Correction(
        correction_id=f"c{max(ids, default=0) + 1:04d}",
        region_code=region or "",
        year=year,
        indicator_code=indicator,
        document_id=document or "",
        evidence=(evidence or "").strip(),
        action="reject" if reject else "set",
        value=value,
        reason=reason.strip(),
        reviewer=reviewer.strip(),
        corrected_on=(today or date.today()).isoformat(),
    )


def read_corrections(path: Path = CORRECTIONS_CSV) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def append_correction(correction: Correction, path: Path = CORRECTIONS_CSV) -> None:
    """Add one row (writing the header first when the file is new); the file stays valid CSV for dbt."""
    new = not path.exists() or path.stat().st_size == 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        if new:
            writer.writeheader()
        row = {k: ("" if v is None else v) for k, v in asdict(correction).items()}
        if correction.value is not None:
            row["value"] = f"{correction.value:g}"
        writer.writerow(row)
