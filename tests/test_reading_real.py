"""Reading real pages by class (issue 14): our own labelled set, tests/fixtures/real_own.

Each class of reading failure that was fixed keeps real pages of its kind here; every labelled field
of those pages (report or not, title, year, period, publish date, region, body start) must hold.
The set was labelled before the reading changes (see its README); the pages are real openings.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from pipelines.process import process_page, result_json
from pipelines.records import Page

OWN = Path(__file__).parent / "fixtures" / "real_own"
LABELS = {d["file"]: d for d in map(json.loads, (OWN / "labels.jsonl").read_text("utf-8").splitlines())}

CLASSES = {
    "lines between title and body (delivery line, speaker, byline, document number, widgets)": [
        "oa021.txt", "oa025.txt", "oa027.txt", "oa032.txt", "ob001.txt", "oa037.txt",
    ],
    "title set over two or three lines": ["ob014.txt", "oa001.txt"],
    "traditional characters and pinyin glosses": [
        "oa014.txt", "oa019.txt", "oa022.txt", "oa029.txt", "oa039.txt", "ob007.txt", "ob022.txt", "ob023.txt",
    ],
    "addressee or salutation as the first line": ["oa007.txt", "oa008.txt", "oa034.txt", "ob003.txt"],
    "untitled openings (year reviewed, '年是', self-voice)": [
        "ob002.txt", "ob009.txt", "ob018.txt", "ob025.txt", "ob027.txt", "ob030.txt", "ob038.txt",
    ],
    "a passing mention of the 政府工作报告": ["oa020.txt", "oa033.txt", "oa038.txt"],
    "chrome inside the body (watermarks, infobox, description line, page marks)": [
        "ob012.txt", "oa019.txt", "ob034.txt",
    ],
    "publish date as a bare or DD.MM.YYYY date under the title": ["ob039.txt", "ob022.txt", "oa016.txt", "ob020.txt"],
    "look-alike non-reports (templates, placeholders, speeches, court papers, duty reports, plans)": [
        "oa041.txt", "oa042.txt", "oa043.txt", "oa044.txt", "oa047.txt", "oa048.txt", "oa050.txt",
        "oa052.txt", "ob041.txt", "ob042.txt", "ob045.txt", "ob046.txt", "ob049.txt", "ob050.txt", "ob051.txt",
    ],
}  # fmt: skip


def _norm(s: str | None) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", s or "") if not ch.isspace())


def _read(name: str) -> dict:
    page = Page.from_bytes(
        (OWN / name).read_bytes(),
        url=None,
        origin="inbox",
        media_type="text",
        fetched_at="2025-01-01 00:00:00",
    )
    return result_json(process_page(page), name)["documents"][0]


def _misses(name: str) -> list[str]:
    gold, got = LABELS[name]["documents"][0], _read(name)
    bad = [] if got["is_report"] == gold["is_report"] else [f"is_report {got['is_report']}"]
    if not gold["is_report"]:
        return bad
    for key in ("report_year", "period", "publish_date"):
        if gold.get(key) is not None and got.get(key) != gold[key]:
            bad.append(f"{key} {got.get(key)!r} != {gold[key]!r}")
    if "region_code" in gold and (got["region"] or {}).get("code") != gold["region_code"]:
        bad.append(f"region {(got['region'] or {}).get('code')!r} != {gold['region_code']!r}")
    if gold.get("title") and _norm(got["title"]) != _norm(gold["title"]):
        bad.append(f"title {got['title']!r}")
    starts = [gold.get("body_first", ""), *gold.get("body_first_alt", [])]
    body = _norm(got["body"])
    if starts[0] and not any(body.startswith(_norm(s)[:12]) for s in starts if s):
        bad.append(f"body starts {got['body'][:20]!r}")
    return bad


@pytest.mark.parametrize(
    ("cls", "name"), [(c, n) for c, names in CLASSES.items() for n in names], ids=lambda v: v.split(" ")[0]
)
def test_real_pages_of_each_reading_class(cls: str, name: str) -> None:
    assert _misses(name) == [], f"{cls}: {name}"


def test_watermarks_glued_to_lines_leave_the_body() -> None:
    body = _read("ob012.txt")["body"]
    assert "www." not in body and "办公文档之家" not in body
    body = _read("ob034.txt")["body"]  # a watermark injected mid-sentence
    assert "全网资源" not in body and "第一责任人职责" in body


def test_page_marks_of_a_converted_file_are_taken_out() -> None:
    body = _read("ob005.txt")["body"]  # "…依" / "2、法有效化解…": a page break mid-word
    assert "依法有效化解社会矛盾纠纷" in body and "2、法有效" not in body


def test_a_rejected_page_says_why() -> None:
    got = _read("oa047.txt")  # a court's report to its people's congress
    assert not got["is_report"] and got["report_reason"].startswith("title names another kind of paper")
