"""Figures that are not the region's result for the report year never come out as if they were.

The sentences are real (tests/fixtures/sentences, labelled by hand); each is read as the body of a
report of the year its page covers.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.extract import extract_mentions
from pipelines.records import Document

SENTENCES = {
    d["id"]: d
    for d in map(
        json.loads,
        (Path(__file__).parent / "fixtures/sentences/labels.jsonl").read_text("utf-8").splitlines(),
    )
}


def _doc(body: str, year: int | None) -> Document:
    return Document(
        document_id="d-0", page_id="d", part=0, is_report=True, doc_type="annual_report", title=None,
        issuer=None, issuer_kind=None, region=None, region_reason=None, report_year=year, year_reason=None,
        period="full_year", publish_date=None, written_date=None, body_text=body,
    )  # fmt: skip


def _whole(body: str, year: int | None) -> set[tuple[str, float]]:
    return {
        (m.indicator_code, m.value) for m in extract_mentions(_doc(body, year)) if m.scope == "whole_region"
    }


def test_a_clause_led_by_the_previous_year_is_not_this_years_figure() -> None:
    s = SENTENCES["s0092"]  # "2012年,市政府共承办…代表建议58件、…政协提案274件" in the 2013 report
    assert s["year"] == 2013
    assert not {c for c, _ in _whole(s["sentence"], 2013)} & {
        "npc_suggestions_handled",
        "cppcc_proposals_handled",
    }
    # the same sentence in the 2012 report is that year's result
    assert ("npc_suggestions_handled", 58.0) in _whole(s["sentence"], 2012)


def test_a_breakdown_introduced_by_qizhong_is_a_part_not_the_whole() -> None:
    s = SENTENCES["s0112"]  # "我局办理行政诉讼案件31宗,其中一审案件25宗,二审案件6宗"
    found = [m for m in extract_mentions(_doc(s["sentence"], 2019)) if m.indicator_code == "litigation_cases"]
    whole = {m.value for m in found if m.scope == "whole_region"}
    assert 25.0 not in whole and 6.0 not in whole


def test_cases_assigned_from_above_are_not_petitions_received() -> None:
    body = "其中2018年省交办122件减存案件化解117件,完成率95.9%;2019年省交办62件,化解52件,完成率83.9%。"
    codes = {c for c, _ in _whole(body, 2019)}
    assert "petitions_received" not in codes
    assert ("petitions_resolved", 52.0) in _whole(body, 2019)


def test_a_requirement_or_target_is_not_a_result() -> None:
    # 力争实现办复率达到100% (a goal); 全年200件目标任务 (a target beside the 245 done); 不少于30日 (a rule)
    goal = SENTENCES["s0096"]["sentence"]
    assert not {c for c, _ in _whole(goal, 2021)} & {"npc_suggestions_handled", "cppcc_proposals_handled"}
    target = SENTENCES["s0033"]["sentence"]
    assert ("legal_aid_cases", 200.0) not in _whole(target, 2021)
    assert not _whole(SENTENCES["s0218"]["sentence"], 2022)
    # a required frequency from a township's report (labelled set dev/real b045, traditional characters)
    rule = "我鎮積極開展普法宣傳“六進”活動,每月至少開展3場次禁毒普法宣傳。"
    assert ("law_publicity_events", 3.0) not in _whole(rule, 2022)
