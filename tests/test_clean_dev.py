"""clean_page against the labelled dev pages, scored exactly like ../shared/dev/score (NFKC, no whitespace)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from pipelines.clean import clean_page
from pipelines.paths import SAMPLE_PAGES_DIR

LABELS = Path(__file__).parent / "dev" / "labels.jsonl"
CASES = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


def norm(s: str | None) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", s or "") if not ch.isspace())


def _clean(label: dict):
    name = label["file"]
    body = (SAMPLE_PAGES_DIR / name).read_bytes()
    return clean_page(body, "html" if name.endswith(".html") else "text", url=label.get("url"))


@pytest.mark.parametrize("label", CASES, ids=[c["file"] for c in CASES])
def test_dev_page_body_title_date(label: dict) -> None:
    gold = label["documents"][0]
    page = _clean(label)
    assert page.error is None
    body = norm(page.body_text)
    head, tail = body, body
    for a in gold.get("allowed_prefix", []):
        if head.startswith(norm(a)):
            head = head[len(norm(a)) :]
    for a in gold.get("allowed_suffix", []):
        if tail.endswith(norm(a)):
            tail = tail[: len(tail) - len(norm(a))]
    starts = [gold["body_first"], *gold.get("body_first_alt", [])]
    assert any(head.startswith(norm(s)) for s in starts), body[:60]
    assert tail.endswith(norm(gold["body_last"])), body[-60:]
    leaked = [c for c in gold.get("chrome", []) if norm(c) in body]
    assert not leaked
    if gold.get("title"):
        assert norm(page.title) == norm(gold["title"])
    if gold.get("publish_date"):
        assert page.publish_date == gold["publish_date"]


def test_text_dump_title_line_is_not_body() -> None:
    page = _clean(CASES[0])
    assert page.title and norm(page.title) not in norm(page.body_text)


def test_dev_metadata_fields() -> None:
    by_file = {c["file"]: _clean(c) for c in CASES}
    zl = by_file["000_bdf0fc9054b6607e.txt"]
    assert zl.page_meta["index_number"] == "014119467/2018-00140"
    assert zl.page_meta["site_id_code"] == "3204040002"
    assert zl.page_meta["site_division_code"] == "320404"
    assert zl.written_date == "2018-11-29"
    jl = by_file["page_xxgk_table.html"]
    assert jl.written_date == "2022-01-27" and jl.publish_date == "2022-01-28"
    assert jl.page_meta["doc_number"] == "吉政明电〔2022〕1号"
    assert jl.page_meta["issuer"] == "吉林省人民政府"
    hw = by_file["page_hanweb.html"]
    assert hw.page_meta["site_id_code"] == "3300000020"  # empty <meta SiteIDCode>, taken from the footer
    assert hw.page_meta["source"] == "省发改委"
    legacy = by_file["page_gb2312_legacy.html"]
    assert legacy.encoding == "gb18030" and "\ufffd" not in legacy.body_text
    assert legacy.page_meta.get("editor") == "黄帅"
