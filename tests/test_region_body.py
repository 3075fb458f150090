"""Whose report a page is when no title names the issuer: the body, the level the report speaks
from, autonomous-division aliases, departments, towns, and the host as a tie-breaker only.

The excerpts in tests/fixtures/region_excerpts are real lines copied from labelled pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.clean import clean_page
from pipelines.understand.hosts import HostRow, load_hosts, propose_hosts, region_for_url
from pipelines.understand.page import understand_page
from pipelines.understand.regions import RegionIndex

EXCERPTS = Path(__file__).parent / "fixtures" / "region_excerpts"


def _doc(name: str, url: str | None = None):
    text = (EXCERPTS / name).read_text(encoding="utf-8")
    if name.startswith("traditional_"):
        import opencc

        text = opencc.OpenCC("t2s").convert(text)
    return understand_page(clean_page(text.encode("utf-8"), "text"), page_id=name, url=url)[0]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("brand_cited_county.txt", "360732"),  # 我县 + 模范兴国
        ("addressee_province_city_brand.txt", "420100"),  # addressee 湖北省, 我市, 法治武汉
        ("autonomous_prefecture_short.txt", "532500"),  # 红河州
        ("autonomous_prefecture_gov.txt", "222400"),  # 延边州政府
        ("department_city_body_name.txt", "330600"),  # 市市场监管局 + 《绍兴市…规定》
        ("department_address_line.txt", "120000"),  # 市人社局, address 天津市和平区
        ("department_self_cited.txt", "330102"),  # 我局 + 《上城区人力社保局…》
        ("street_office_subject.txt", "310110012"),  # 控江路街道坚持…
        ("province_visit_short.txt", "610000"),  # 省政府 + 习近平总书记来陕考察 (real_held2 rhh015)
        (
            "province_doc_number_short.txt",
            "320000",
        ),  # 省…办公室 (苏依法办〔2019〕5号) + 我局 (real_own oa006)
        ("town_body_county.txt", "500102130"),  # 我镇, 增福镇 with 涪陵 named
        ("traditional_namesake_district.txt", "120102"),  # 河东区 + 天津 (not 临沂)
    ],
)
def test_region_from_the_body(name: str, code: str) -> None:
    d = _doc(name)
    assert d.region is not None, d.region_reason
    assert d.region.code == code
    assert d.region.evidence


@pytest.mark.parametrize(
    ("name", "above", "word"),
    [
        ("county_names_only_province.txt", "360000", "我县"),  # only 江西省 named
        ("city_opening_names_province.txt", "620000", "我市"),  # 甘肃省 in passing
    ],
)
def test_never_above_the_issuer(name: str, above: str, word: str) -> None:
    d = _doc(name)
    assert d.region is None or d.region.code != above
    assert d.region is None
    assert word in (d.region_reason or "")


def test_host_breaks_a_tie_only() -> None:
    name = "department_ambiguous_district.txt"  # 西湖区 (杭州 or 南昌)
    d = _doc(name)
    assert d.region is None and "ambiguous" in (d.region_reason or "")
    d = _doc(name, url="https://www.ncxh.gov.cn/art/2024/3/1/art_1.html")
    assert d.region is not None and d.region.code == "360103"
    assert "host" in d.region.evidence
    # A host never overrides what the text states.
    d = _doc("brand_cited_county.txt", url="https://www.zhonglou.gov.cn/x.html")
    assert d.region is not None and d.region.code == "360732"


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("红河州", "532500"),
        ("黔西南州", "522300"),
        ("恩施州", "422800"),
        ("延边州", "222400"),
        ("彭水县", "500243"),
    ],
)
def test_autonomous_aliases(alias: str, code: str) -> None:
    idx = RegionIndex.load()
    assert code in {d.code for d in idx.names[alias] if d.valid_in(2020)}


def test_region_for_url_longest_match() -> None:
    assert region_for_url("https://hrss.tj.gov.cn/a.html")[0] == "120000"  # provincial department
    assert region_for_url("http://www.zhonglou.gov.cn/")[0] == "320404"
    assert region_for_url("https://www.example.com/") is None
    assert region_for_url(None) is None
    rows = [
        HostRow("gd.gov.cn", "", "440000", "t"),
        HostRow("sz.gd.gov.cn", "", "440300", "t"),
        HostRow("sz.gd.gov.cn", "/lhq/", "440309", "t"),
    ]
    assert region_for_url("https://sz.gd.gov.cn/lhq/x", rows)[0] == "440309"
    assert region_for_url("https://sz.gd.gov.cn/y", rows)[0] == "440300"
    assert region_for_url("https://wsjkw.gd.gov.cn/y", rows)[0] == "440000"


def test_hosts_table_is_well_formed() -> None:
    rows = load_hosts()
    assert len(rows) >= 37
    idx = RegionIndex.load()
    for r in rows:
        assert idx.get(r.region_code) is not None, r
        assert r.source
    assert len({(r.host, r.path_prefix) for r in rows}) == len(rows)


def test_propose_hosts() -> None:
    docs = [
        ("https://www.a.gov.cn/1", "330600", 0.9, "body"),
        ("https://www.a.gov.cn/2", "330600", 0.95, "title"),
        ("https://mirror.example.com/1", "330600", 0.95, "title"),
        ("https://mirror.example.com/2", "120000", 0.95, "title"),
        ("https://www.b.gov.cn/1", "110000", 0.95, "title"),  # one document only
        ("https://www.c.gov.cn/1", "440000", 0.5, "host"),  # not certain
        ("https://www.c.gov.cn/2", "440000", 0.5, "host"),
        ("https://www.zhonglou.gov.cn/1", "320404", 0.95, "t"),  # already known
        ("https://www.zhonglou.gov.cn/2", "320404", 0.95, "t"),
    ]
    got = propose_hosts(docs)
    assert [(r["host"], r["region_code"]) for r in got] == [("www.a.gov.cn", "330600")]
    assert set(got[0]) == {"host", "path_prefix", "region_code", "source", "note"}
