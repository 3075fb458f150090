"""The labelled sentence sets (tests/fixtures/sentences*/) read the way the tests and the scorer read
them: each sentence is the body of an annual report of its year."""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.extract import extract_mentions
from pipelines.records import Document, Mention

FIXTURES = Path(__file__).parent / "fixtures"
RESULT_MEASURES = ("count", "rate", "amount")


def report_doc(body: str, year: int | None, period: str = "full_year", document_id: str = "d-0") -> Document:
    return Document(
        document_id=document_id, page_id=document_id, part=0, is_report=True, doc_type="annual_report",
        title=None, issuer=None, issuer_kind=None, region=None, region_reason=None, report_year=year,
        year_reason=None, period=period, publish_date=None, written_date=None, body_text=body,
    )  # fmt: skip


def load(name: str) -> dict[str, dict]:
    """A set's records by id (name: the folder under tests/fixtures, e.g. "sentences")."""
    lines = (FIXTURES / name / "labels.jsonl").read_text("utf-8").splitlines()
    return {d["id"]: d for d in map(json.loads, lines)}


def mentions(record: dict, year: int | None = None, period: str = "full_year") -> list[Mention]:
    return extract_mentions(report_doc(record["sentence"], year or record["year"] or 2020, period))


def facts(record: dict, year: int | None = None) -> set[tuple[str, float]]:
    """(code, value) of what reaches the fact table: whole-region results."""
    return {(m.indicator_code, m.value) for m in mentions(record, year) if m.is_region_result}


def labelled(record: dict) -> set[tuple[str, float]]:
    """The sentence's labelled whole-region results."""
    return {
        (f["code"], f["value"])
        for f in record["figures"]
        if f["code"] and f["scope"] == "whole_region" and f["measure"] in RESULT_MEASURES
        and not f["year_qualifier"]
    }  # fmt: skip


class SentenceSet:
    """One labelled set, read by sentence id: what the class tests of each set call."""

    def __init__(self, name: str) -> None:
        self.records = load(name)

    def mentions(self, sid: str, year: int | None = None, period: str = "full_year") -> list[Mention]:
        return mentions(self.records[sid], year, period)

    def facts(self, sid: str, year: int | None = None) -> set[tuple[str, float]]:
        return facts(self.records[sid], year)

    def labelled(self, sid: str) -> set[tuple[str, float]]:
        return labelled(self.records[sid])
