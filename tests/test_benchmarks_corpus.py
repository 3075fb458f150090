"""The benchmark corpus generator: deterministic, distinct pages that the cleaner reads like real ones.

Benchmark figures are only comparable run to run if the corpus is the same bytes every time, and only
meaningful if the pages exercise the pipeline the way real government pages do (chrome to strip, a
report body to find, many regions and years).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_corpus  # noqa: E402

from pipelines.clean import clean_page  # noqa: E402

N = 60
CHROME = (
    "网站标识码",
    "ICP备",
    "当前位置",
    "主办单位",
    "扫一扫在手机打开当前页",
    "打印本页",
    "无障碍浏览",
    "索 引 号",
)


@pytest.fixture(scope="module")
def pages() -> list[make_corpus.GeneratedPage]:
    return list(make_corpus.generate(N, seed=7))


def test_same_seed_same_bytes(pages, tmp_path):
    again = list(make_corpus.generate(N, seed=7))
    assert [(p.name, p.body) for p in again] == [(p.name, p.body) for p in pages]
    make_corpus.write_corpus(N, tmp_path, seed=7)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in pages)
    assert (tmp_path / pages[5].name).read_bytes() == pages[5].body


def test_smaller_corpus_is_a_prefix_and_other_seed_differs(pages):
    assert [p.body for p in make_corpus.generate(10, seed=7)] == [p.body for p in pages[:10]]
    assert [p.body for p in make_corpus.generate(10, seed=8)] != [p.body for p in pages[:10]]


def test_every_page_is_a_distinct_body(pages):
    digests = {hashlib.sha256(p.body).hexdigest() for p in pages}
    assert len(digests) == len(pages)


def test_variety_of_styles_regions_and_years(pages):
    assert {p.style for p in pages} >= {"trs", "hanweb", "xxgk", "text"}
    assert len({p.region_code for p in pages}) > N // 2
    assert len({p.year for p in pages}) >= 5
    assert len({p.region_code[:2] for p in pages}) >= 10  # many provinces


def test_legacy_pages_are_gb2312_declared_and_not_utf8():
    page = next(p for p in make_corpus.generate(400, seed=3) if p.style == "legacy")
    assert b"charset=gb2312" in page.body
    with pytest.raises(UnicodeDecodeError):
        page.body.decode("utf-8")


def test_region_names_substituted_consistently():
    base = make_corpus.bases()[0]
    target = make_corpus.active_places()["county"][100]
    text = make_corpus.substitute("\n".join(base.lines), base.place, target, year_shift=1)
    assert base.place.name not in text
    assert target.name in text
    original = "\n".join(base.lines)
    assert text.count(str(base.year + 1)) >= original.count(str(base.year)) > 0  # every year mention shifted


@pytest.mark.parametrize("style", ["trs", "hanweb", "xxgk", "legacy", "text"])
def test_cleaner_finds_the_body_and_drops_the_chrome(pages, style):
    extra = [p for p in make_corpus.generate(300, seed=11) if p.style == style][:3]
    for page in [p for p in pages if p.style == style][:3] + extra:
        media = "text" if page.name.endswith(".txt") else "html"
        cleaned = clean_page(page.body, media)
        assert cleaned.error is None, page.name
        body = cleaned.body_text
        assert len(body) > 1500, page.name  # a report body, not a shell or a menu
        assert "法治" in body
        leaked = [c for c in CHROME if c in body]
        assert not leaked, (page.name, leaked)


def test_real_pages_are_mixed_in_once_each_and_can_be_left_out():
    found = [p for p in make_corpus.generate(200, seed=7) if p.style.startswith("real_")]
    assert [int(p.name[:6]) for p in found] == [20, 60, 100, 140, 180]
    assert found[0].body == make_corpus.real_pages()[0][1]  # a real HTML page of seeds/pages, unchanged
    assert len({p.body for p in found}) == len(found)
    everything = make_corpus.real_pages()
    assert sum(1 for suffix, _ in everything if suffix == ".txt") >= 100  # real openings as text dumps
    assert not [p for p in make_corpus.generate(200, seed=7, real=False) if p.style.startswith("real_")]
