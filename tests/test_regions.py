"""The division index and the region resolver: names, history, ambiguity and the clues that settle it."""

from __future__ import annotations

import pytest

from pipelines.understand import RegionIndex
from pipelines.understand.resolve import Signals, resolve


@pytest.fixture(scope="module")
def idx() -> RegionIndex:
    return RegionIndex.load()


def test_load_is_cached(idx: RegionIndex) -> None:
    assert RegionIndex.load() is idx


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("常州市钟楼区人民政府办公室", [("常州市", ["320400"]), ("钟楼区", ["320404"])]),
        (
            "江苏省常州市钟楼区星港路88号",
            [("江苏省", ["320000"]), ("常州市", ["320400"]), ("钟楼区", ["320404"])],
        ),
        ("大连 旅顺口", [("大连", ["210200"]), ("旅顺口", ["210212"])]),  # short names, delimited
        ("石家庄高新区管委会", [("石家庄高新区", ["130171"])]),  # development-zone abbreviation
        ("沛县人民政府", [("沛县", ["320322"])]),
    ],
)
def test_find_names(idx: RegionIndex, text: str, expected: list[tuple[str, list[str]]]) -> None:
    matches = idx.find_names(text.replace(" ", ""))
    got = [(m.text, sorted({c.code for c in m.candidates if c.valid_in(2019)})) for m in matches]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    ["2019年平安建设取得成效", "市公安局开展新建小区检查", "同心协力推进共和国法治", "各市和县政府"],
)
def test_common_words_are_not_places(idx: RegionIndex, text: str) -> None:
    """平安, 新建, 公安, 同心, 和县 are divisions' (short) names but here only words."""
    assert idx.find_names(text) == []


def test_ambiguous_name_lists_candidates(idx: RegionIndex) -> None:
    (got,) = idx.find_names("鼓楼区人民政府")
    assert {c.code for c in got.candidates} == {"320106", "320302", "350102", "410204"}


def test_history_validity_and_successor(idx: RegionIndex) -> None:
    old = idx.get("230702", 2018)
    assert old is not None and old.name == "伊春区" and old.valid_in(2018) and not old.valid_in(2019)
    succ, note = idx.current("230702", 2019)
    assert succ is not None and succ.code == "230717" and "230717" in note


def test_towns_named(idx: RegionIndex) -> None:
    assert [t.code for t in idx.towns_named("石岐区办事处")] == ["442000001"]
    assert len(idx.towns_named("东城街道")) > 30


def _resolve(idx: RegionIndex, issuer: str, *, body: str = "", year: int | None = 2019, **kw):  # type: ignore[no-untyped-def]
    return resolve(idx, Signals(year=year, issuer_texts=[("title issuer", issuer)], body=body, **kw))


def test_ambiguous_without_clue_is_null(idx: RegionIndex) -> None:
    res = _resolve(idx, "鼓楼区", body="我区推进依法行政。")
    assert res.region is None
    assert res.reason.startswith("ambiguous: 鼓楼区") and "320106" in res.reason and "350102" in res.reason


@pytest.mark.parametrize(
    ("kw", "code", "clue"),
    [
        ({"site_code": "3501020001"}, "350102", "网站标识码"),
        ({"body": "在南京市委的领导下,我区推进依法行政。"}, "320106", "南京"),
        ({"context_texts": [("footer", "地址:河南省开封市鼓楼区xx路1号")]}, "410204", "河南"),
        ({"context_texts": [("site name", "福州市鼓楼区人民政府")]}, "350102", "福州"),
    ],
)
def test_ambiguous_name_settled_by_a_clue(idx: RegionIndex, kw: dict, code: str, clue: str) -> None:
    res = _resolve(idx, "鼓楼区", **kw)
    assert res.region is not None and res.region.code == code
    assert clue in res.region.evidence


def test_conflicting_parents_in_body_stay_ambiguous(idx: RegionIndex) -> None:
    res = _resolve(idx, "西湖区", body="学习杭州经验,对标南昌。")
    assert res.region is None


def test_short_name_needs_a_parent(idx: RegionIndex) -> None:
    assert _resolve(idx, "钟楼", body="我区推进依法行政。", year=2018).region is None
    res = _resolve(idx, "钟楼", body="在常州市委领导下,我区推进依法行政。", year=2018)
    assert res.region is not None and res.region.code == "320404" and res.region.level == "county"
    assert res.region.prefecture_code == "320400" and res.region.province_code == "320000"


def test_division_valid_in_report_year(idx: RegionIndex) -> None:
    assert _resolve(idx, "伊春区", year=2018).region.code == "230702"  # type: ignore[union-attr]
    res = _resolve(idx, "伊春区", year=2020)
    assert res.region is not None and res.region.code == "230717"  # renamed 伊美区 in 2019
    res = _resolve(idx, "伊美区", year=2017)
    assert res.region is None  # did not exist yet


def test_stale_site_code_follows_changes(idx: RegionIndex) -> None:
    res = resolve(idx, Signals(year=2020, issuer_texts=[], site_code="2307020001", body="我区推进依法行政。"))
    assert res.region is not None and res.region.code == "230717"


def test_site_owner_must_fit_the_report_voice(idx: RegionIndex) -> None:
    """A city site (320400) carrying a report that calls itself 我区 is not the city's report."""
    res = resolve(
        idx, Signals(year=2019, issuer_texts=[], site_code="3204000001", body="我区推进。我区完成。")
    )
    assert res.region is None
    res = resolve(
        idx, Signals(year=2019, issuer_texts=[], site_code="3204000001", body="我市推进。我市完成。")
    )
    assert res.region is not None and res.region.code == "320400"


def test_township_needs_parent_and_gets_nine_digits(idx: RegionIndex) -> None:
    assert _resolve(idx, "东城街道", body="我街道推进依法行政。").region is None
    res = _resolve(idx, "东城街道", body="在高平市委的领导下,我街道推进依法行政。")
    assert res.region is not None and res.region.code == "140581002" and res.region.level == "township"
    res = _resolve(idx, "中山市人民政府石岐区办事处", year=2016)
    assert res.region is not None and res.region.code == "442000001" and res.township
    assert res.region.prefecture_code == "442000"


def test_department_gets_its_government(idx: RegionIndex) -> None:
    res = _resolve(idx, "大连市司法局")
    assert res.region is not None and res.region.code == "210200" and res.region.level == "prefecture"


def test_development_zone_is_flagged(idx: RegionIndex) -> None:
    res = _resolve(idx, "石家庄高新区")
    assert res.region is not None and res.region.code == "130171" and res.region.level == "development_zone"
