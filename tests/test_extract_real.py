"""Indicator extraction on real report texts beyond the dev set (tests/fixtures/real_extract).

Fifteen verbatim excerpts of published 法治政府建设 reports (county, town, street, city and department
issuers, 2019-2025; URLs in SOURCES.md), hand-labelled in facts.jsonl with every whole-region catalog
fact, the tempting numbers that must not become facts (distractors) and sentences too ambiguous to
score (excluded from both sides). Scored the way the product is scored: whole-region, non-change
mentions matched on code and value within 0.5% or 0.5.
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from pipelines.extract import extract_mentions
from pipelines.paths import PROJECT_ROOT
from pipelines.records import Document, Mention

REAL = PROJECT_ROOT / "tests" / "fixtures" / "real_extract"
# The catalog the labels were made with: a code added later is not scored against them (its figures
# were labelled as distractors or left out when it did not exist), as the dev scorer does.
LABELLED_CODES = frozenset((REAL / "catalog_codes.txt").read_text(encoding="utf-8").split())


def _doc(body: str, year: int, period: str) -> Document:
    return Document(
        document_id="real-0", page_id="p", part=0, is_report=True, doc_type="annual_report", title=None,
        issuer=None, issuer_kind=None, region=None, region_reason=None, report_year=year, year_reason=None,
        period=period, publish_date=None, written_date=None, body_text=body,
    )  # fmt: skip


@cache
def real_reports() -> list[tuple[dict, Document]]:
    lines = (REAL / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        if line.strip():
            label = json.loads(line)
            body = (REAL / label["file"]).read_text(encoding="utf-8")
            out.append((label, _doc(body, label["report_year"], label["period"])))
    return out


def _value_match(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.5, 0.005 * abs(b))


def _spans(body: str, texts: list[str]) -> list[tuple[int, int]]:
    out = []
    for t in texts:
        pos = body.find(t)
        assert pos >= 0, t
        out.append((pos, pos + len(t)))
    return out


def _inside(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(s <= m.start and m.end <= e for s, e in spans)


def score() -> tuple[int, int, int, list[str]]:
    """(tp, fp, fn, notes) over the real set; mentions inside an ambiguous sentence are not scored."""
    tp = fp = fn = 0
    notes: list[str] = []
    for label, doc in real_reports():
        ambiguous = _spans(doc.body_text, [a["text"] for a in label["ambiguous"]])
        gold = list(label["facts"])
        used: set[int] = set()
        for m in extract_mentions(doc):
            if not m.is_region_result or _inside(m, ambiguous):
                continue
            if m.indicator_code not in LABELLED_CODES:
                continue
            k = next((i for i, g in enumerate(gold) if i not in used and g["code"] == m.indicator_code
                      and _value_match(m.value, g["value"])), None)  # fmt: skip
            if k is None:
                fp += 1
                notes.append(f"{label['file']}: extra {m.indicator_code}={m.value} ({m.value_text})")
            else:
                tp += 1
                used.add(k)
        for i, g in enumerate(gold):
            if i not in used:
                fn += 1
                notes.append(f"{label['file']}: missed {g['code']}={g['value']} ({g['evidence']})")
    return tp, fp, fn, notes


def test_real_reports_precision_and_recall() -> None:
    tp, fp, fn, notes = score()
    assert tp / (tp + fp) >= 0.98, notes
    assert tp / (tp + fn) >= 0.95, notes


def test_real_reports_extract_no_distractor() -> None:
    """No labelled distractor yields a mention of any code of the labels' catalog, except a true fact it
    happens to contain."""
    for label, doc in real_reports():
        true_values = {(f["code"], float(f["value"])) for f in label["facts"]}
        spans = _spans(doc.body_text, [d["text"] for d in label["distractors"]])
        for m in extract_mentions(doc):
            if m.indicator_code not in LABELLED_CODES:
                continue
            if _inside(m, spans) and (m.indicator_code, m.value) not in true_values:
                raise AssertionError((label["file"], m.indicator_code, m.value, m.value_text))


if __name__ == "__main__":
    tp, fp, fn, notes = score()
    print("\n".join(notes))
    print(f"real set: precision {100 * tp / max(tp + fp, 1):.1f}%  recall {100 * tp / max(tp + fn, 1):.1f}%"
          f"  (tp {tp}, fp {fp}, fn {fn})")  # fmt: skip


# --- the rules the real set called for, one row per phrasing -----------------------------------------


def _facts(body: str) -> set[tuple[str, float, str]]:
    # Each sentence is read as part of the report it came from: the year it names leads its clause.
    named = re.search(r"(?:^|[。,，])((?:19|20)\d{2})年", body)
    doc = _doc(body, int(named.group(1)) if named else 2024, "full_year")
    return {(m.indicator_code, round(m.value, 2), m.measure) for m in extract_mentions(doc)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # spaced figures: the trigger still ends right before the number
        ("政务服务事项网上可办率 94.3%,受理法律援助案件 537 件。",
         {("online_service_rate", 94.3, "rate"), ("legal_aid_cases", 537, "count")}),
        ("办理县人大代表建议 119 件、县政协委员提案 105 件。",
         {("npc_suggestions_handled", 119, "count"), ("cppcc_proposals_handled", 105, "count")}),
        # reconsideration: settled before acceptance is not accepted; 审结…复议申请 is concluded, not received
        ("2024年复议受理前协商化解案件17件。", set()),
        ("新受理行政复议案件151件,复议受理前协商化解案件17件。", {("recon_cases_accepted", 151, "count")}),
        ("全年共审结行政复议申请135件(含上年度结转),其中纠错29件,纠错率约19.2%。",
         {("recon_cases_concluded", 135, "count"), ("recon_corrections", 29, "count"),
          ("recon_correction_rate", 19.2, "rate")}),
        ("全年收到行政复议申请38件。", {("recon_applications_received", 38, "count")}),
        # licences and penalties as items of one enumeration; a licence *item list* is not cases
        ("其中,行政处罚137.07万宗,罚没金额2.92亿元;行政许可80.96万宗,同比上升26.11%。",
         {("admin_penalty_cases", 1370700, "count"), ("fines_confiscations_amount", 292000000, "amount"),
          ("admin_license_cases", 809600, "count"), ("admin_license_cases", 26.11, "change_pct")}),
        ("编制公布行政许可事项清单236项。", set()),
        ("实施行政许可事项50个。", set()),
        # a filing rate names its topic in the paragraph; a bare 规范率 still needs it in the sentence
        ("规范性文件由司法所进行合法性审查后报党委会议审议。2025年,全镇备案率、合规率均达100%。",
         {("normdoc_filing_rate", 100, "rate")}),
        ("2025年,执法规范率达100%。", set()),
        # publicity events named by 普法 with words between it and the number
        ("47家行政执法部门开门普法集中宣传48场次。", {("law_publicity_events", 48, "count")}),
        ("开展普法进乡村宣传活动12场。", {("law_publicity_events", 12, "count")}),
        # totals named between the noun and the number; 予以许可; item types counted in 个 are not cases
        ("2020年度我局实施行政处罚总数为293宗,罚没收入11817.5万元。",
         {("admin_penalty_cases", 293, "count"), ("fines_confiscations_amount", 118175000, "amount")}),
        ("行政许可申请总数为2207宗,予以许可2207宗。", {("admin_license_cases", 2207, "count")}),
        ("公布政府规章0个、行政许可28个、行政处罚18个。", set()),
        # 法治学习 of a study group is a law-study session
        ("全年党工委理论学习中心组法治学习4次。", {("law_study_sessions", 4, "count")}),
        # zeros by negation only when the request noun closes the clause
        ("2020年我局未收到政府信息公开申请。", {("info_disclosure_requests", 0, "count")}),
        ("全年未收到行政复议申请,未发生行政诉讼败诉。",
         {("recon_applications_received", 0, "count"), ("litigation_cases_lost", 0, "count")}),
        ("未收到行政复议申请被撤销的通知。", set()),
    ],
)  # fmt: skip
def test_real_report_phrasings(sentence: str, expected: set) -> None:
    assert _facts(sentence) == expected
