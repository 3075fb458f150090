"""understand_page on the dev pages (bodies cut by hand from the dumps) and on the hard kinds of page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.paths import SAMPLE_PAGES_DIR
from pipelines.records import CleanedPage, Document
from pipelines.understand import RegionIndex, understand_page

LABELS = Path(__file__).parent / "dev" / "labels.jsonl"
PAGE_ID = "ab" * 32

# Rule-of-law prose to make synthetic bodies read like a report (about 900 characters).
PROSE = (
    "坚持依法行政,严格落实重大行政决策程序,全面推行合法性审查。加强规范性文件备案审查,深化政务公开。"
    "严格规范公正文明执法,落实行政执法三项制度,加强行政执法监督。依法办理行政复议案件,做好行政诉讼应诉工作,"
    "行政机关负责人出庭应诉率达到100%。深入开展普法宣传,完善公共法律服务体系,发挥法律顾问作用,化解矛盾纠纷。"
)
BODY = "一、主要工作\n" + PROSE * 2 + "\n二、存在的问题\n" + PROSE + "\n三、下一步工作安排\n" + PROSE * 2


@pytest.fixture(scope="module")
def idx() -> RegionIndex:
    return RegionIndex.load()


def page(title: str | None, body: str, *, publish_date: str | None = None, **meta: object) -> CleanedPage:
    written = meta.pop("written_date", None)
    return CleanedPage(
        title=title, body_text=body, page_meta=dict(meta), publish_date=publish_date, written_date=written
    )  # type: ignore[arg-type]


def one(idx: RegionIndex, cleaned: CleanedPage) -> Document:
    docs = understand_page(cleaned, page_id=PAGE_ID, regions=idx)
    assert len(docs) == 1
    return docs[0]


# ------------------------------------------------------------------ the dev pages, cut by hand


def _dev_cases() -> list[tuple[str, dict]]:
    out = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        lab = json.loads(line)
        if lab["file"].endswith(".txt"):
            out.append((lab["file"], lab["documents"][0]))
    return out


# Page metadata as the info bar / metadata table of each dump shows it (read by hand from the file).
DEV_META = {
    "000": {
        "publish_date": "2018-12-04",
        "written_date": "2018-11-29",
        "site_id_code": "3204040002",
        "issuer": "政府办",
    },
    "001": {"publish_date": "2020-08-20", "source": "伊春市司法局"},
    "002": {},
    "003": {"publish_date": "2020-03-27"},
    "004": {
        "publish_date": "2017-02-09",
        "source": "中山市石岐区政府",
        "site_name": "中山市人民政府石岐区办事处",
    },
}


@pytest.mark.parametrize(("name", "gold"), _dev_cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_dev_text_pages(idx: RegionIndex, name: str, gold: dict) -> None:
    raw = (SAMPLE_PAGES_DIR / name).read_text(encoding="utf-8")
    start = raw.index(gold["body_first"])
    end = raw.index(gold["body_last"], start) + len(gold["body_last"])
    meta = dict(DEV_META[name[:3]])
    doc = one(idx, page(gold.get("title"), raw[start:end], **meta))
    assert doc.is_report is True
    assert doc.region is not None and doc.region.code == gold["region_code"], doc.region_reason
    assert doc.report_year == gold["report_year"]
    assert doc.period == gold["period"]
    assert doc.publish_date == gold.get("publish_date")
    assert doc.document_id == Document.make_id(PAGE_ID, 0)
    assert doc.evidence["region"] and doc.evidence["report_year"]


def test_dev_kinds_and_issuers(idx: RegionIndex) -> None:
    """The dev dumps' issuers: a township office (石岐区办事处) and a city government."""
    raw = (SAMPLE_PAGES_DIR / "004_81586c45a05d9cf7.txt").read_text(encoding="utf-8")
    doc = one(idx, page("石岐区2016年法治政府建设工作总结及2017年工作计划", raw[raw.index("2016年,我区") :]))
    assert doc.region is not None and doc.region.level == "township" and doc.issuer_kind == "sub_district"
    assert doc.doc_type == "work_summary"
    raw = (SAMPLE_PAGES_DIR / "001_10e73418a0569e5a.txt").read_text(encoding="utf-8")
    title = "伊春市人民政府关于2020年上半年法治政府建设情况的报告"
    doc = one(idx, page(title, raw[raw.index("根据《伊春市") :], publish_date="2020-08-20"))
    assert (doc.issuer, doc.issuer_kind, doc.doc_type) == ("伊春市人民政府", "government", "half_year_report")


def test_end_to_end_through_the_cleaner(idx: RegionIndex) -> None:
    clean = pytest.importorskip("pipelines.clean")
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    for lab in labels:
        path = SAMPLE_PAGES_DIR / lab["file"]
        cleaned = clean.clean_page(path.read_bytes(), "text" if path.suffix == ".txt" else "html")
        docs = understand_page(cleaned, page_id=PAGE_ID, regions=idx)
        gold = lab["documents"][0]
        assert [d.is_report for d in docs] == [g["is_report"] for g in lab["documents"]], lab["file"]
        doc = docs[0]
        assert doc.publish_date == gold.get("publish_date"), lab["file"]
        if gold["is_report"]:
            assert doc.region is not None and doc.region.code == gold["region_code"], lab["file"]
            assert (doc.report_year, doc.period) == (gold["report_year"], gold["period"]), lab["file"]
        else:
            assert doc.doc_type == "not_report" and doc.body_text


# ------------------------------------------------------------------ not reports


@pytest.mark.parametrize(
    ("title", "opening"),
    [
        ("关于印发《2020年法治政府建设工作要点》的通知", "各街道、各部门:"),
        ("XX区2020年法治政府建设实施方案", "为深入推进依法行政,"),
        ("我区召开2020年法治政府建设工作推进会", "近日,我区召开会议。"),
        ("区政府常务会议审议2019年法治政府建设年度报告", "3月5日,区政府召开常务会议。"),
        ("2020年政府工作报告", "各位代表:"),
        ("法治政府建设年度报告范文(精选5篇)", "篇一\n"),
        ("法治政府建设的路径研究", "摘要:本文讨论。关键词:法治政府\n"),
        ("1-10月德清县固定资产投资结构趋稳趋优", "1-10月,全县固定资产投资完成246.79亿元。"),
    ],
)
def test_not_reports(idx: RegionIndex, title: str, opening: str) -> None:
    doc = one(idx, page(title, opening + BODY, publish_date="2020-03-01"))
    assert (doc.is_report, doc.doc_type, doc.period) == (False, "not_report", "unknown")
    assert doc.body_text.startswith(opening.strip()[:4])
    assert doc.evidence["is_report"]


def test_unrelated_untitled_page_is_not_report(idx: RegionIndex) -> None:
    doc = one(idx, page(None, "今年以来,全市经济运行稳中向好,工业增加值同比增长6%。" * 20))
    assert doc.is_report is False


# ------------------------------------------------------------------ reports: titles, years, periods


@pytest.mark.parametrize(
    ("title", "opening", "publish", "year", "period"),
    [
        ("2019年旅顺口区法治政府建设工作报告", "2019年,我区", "2020-03-27", 2019, "full_year"),
        ("关于2022年度法治政府建设情况的报告", "2022年,我区", "2023-02-10", 2022, "full_year"),
        ("关于二〇二一年法治政府建设情况的报告", "一年来,我区", "2022-03-01", 2021, "full_year"),
        ("石岐区2016年法治政府建设工作总结及2017年工作计划", "2016年,我区", "2017-02-09", 2016, "full_year"),
        ("本区法治政府建设年度报告", "2020年以来,我区", "2021-01-20", 2020, "full_year"),
        ("本区法治政府建设年度报告", "今年以来,我区", "2019-12-20", 2019, "full_year"),
        ("本区法治政府建设年度报告", "一年来,我区", "2020-03-27", 2019, "full_year"),  # publish date rule
        (
            "关于2020年上半年法治政府建设情况的报告",
            "现就上半年情况汇报如下。",
            "2020-08-20",
            2020,
            "first_half",
        ),
        ("2016-2020年法治政府建设工作总结", "五年来,我区", "2020-12-20", 2020, "multi_year"),
        ("“十三五”时期法治政府建设工作总结", "五年来,我区", "2020-12-20", 2020, "multi_year"),
        (
            "2018年依法行政工作情况汇报",
            "2018年,截至10月底,受理行政复议案件34件。",
            "2018-12-04",
            2018,
            "through_month_10",
        ),
        (
            "2018年依法行政工作情况汇报",
            "2018年,1-11月受理行政复议案件34件。",
            "2018-12-20",
            2018,
            "through_month_11",
        ),
        (
            "2018年依法行政工作情况汇报",
            "2018年,截至10月底,受理行政复议案件34件。",
            "2019-01-20",
            2018,
            "full_year",
        ),
    ],
)
def test_year_and_period(
    idx: RegionIndex, title: str, opening: str, publish: str, year: int, period: str
) -> None:
    doc = one(idx, page(title, opening + BODY, publish_date=publish))
    assert doc.is_report
    assert (doc.report_year, doc.period) == (year, period), doc.evidence
    assert doc.publish_date == publish


def test_plan_year_gives_the_year_before(idx: RegionIndex) -> None:
    body = "一年来,我区" + BODY.replace("三、下一步工作安排", "三、2021年工作计划")
    doc = one(idx, page("本区法治政府建设年度报告", body))
    assert doc.report_year == 2020 and "2021" in doc.evidence["report_year"]


def test_no_year_signal_is_null_with_reason(idx: RegionIndex) -> None:
    doc = one(idx, page("本区法治政府建设年度报告", "一年来,我区" + BODY, publish_date="2020-07-15"))
    assert doc.report_year is None and doc.year_reason


def test_signature_gives_issuer_region_and_dates(idx: RegionIndex) -> None:
    body = "2022年,我县" + BODY + "\n沛县人民政府\n2023年3月10日"
    doc = one(idx, page("关于2022年度法治政府建设情况的报告", body))
    assert doc.region is not None and doc.region.code == "320322"
    assert (doc.issuer, doc.issuer_kind) == ("沛县人民政府", "government")
    assert doc.publish_date == "2023-03-10" and doc.written_date == "2023-03-10"


def test_untitled_report_found_by_its_voice(idx: RegionIndex) -> None:
    body = "2020年以来,在南昌市委的坚强领导下,西湖区人民政府坚持依法行政。现将年度工作情况汇报如下:\n" + BODY
    doc = one(idx, page(None, body))
    assert doc.is_report and doc.title is None
    assert doc.region is not None and doc.region.code == "360103"
    assert doc.report_year == 2020


def test_ambiguous_report_region_is_null_with_candidates(idx: RegionIndex) -> None:
    doc = one(idx, page("2019年鼓楼区法治政府建设年度报告", "2019年,我区" + BODY, publish_date="2020-03-01"))
    assert doc.is_report and doc.region is None
    assert (
        doc.region_reason is not None and "ambiguous" in doc.region_reason and "350102" in doc.region_reason
    )


def test_department_report(idx: RegionIndex) -> None:
    doc = one(idx, page("大连市司法局2019年法治政府建设年度报告", "2019年,我局" + BODY))
    assert (doc.doc_type, doc.issuer_kind) == ("department_report", "department")
    assert doc.region is not None and doc.region.code == "210200"


def test_department_without_place_takes_the_site_government(idx: RegionIndex) -> None:
    doc = one(
        idx, page("市司法局2019年法治政府建设年度报告", "2019年,我局" + BODY, site_id_code="2102000001")
    )
    assert doc.region is not None and doc.region.code == "210200" and doc.region.confidence < 0.9


def test_changed_division_uses_the_report_year(idx: RegionIndex) -> None:
    old = one(idx, page("2018年伊春区法治政府建设工作报告", "2018年,我区" + BODY))
    new = one(
        idx, page("关于2020年度法治政府建设情况的报告", "2020年,我区" + BODY, site_id_code="2307020001")
    )
    assert old.region is not None and old.region.code == "230702"
    assert new.region is not None and new.region.code == "230717"


def test_title_copy_is_not_in_the_body(idx: RegionIndex) -> None:
    title = "2019年旅顺口区法治政府建设工作报告"
    doc = one(idx, page(title, f"{title}\n\n2019年,我区{BODY}"))
    assert doc.body_text.startswith("2019年,我区")


# ------------------------------------------------------------------ several reports on one page


def test_page_with_several_reports_is_split(idx: RegionIndex) -> None:
    body = (
        "现将各部门报告公布如下。\n"
        "大连市公安局2019年法治政府建设年度报告\n2019年,我局" + BODY + "\n"
        "大连市教育局2019年法治政府建设年度报告\n2019年,我局" + BODY
    )
    docs = understand_page(page("2019年各部门法治政府建设年度报告", body), page_id=PAGE_ID, regions=idx)
    assert [d.title for d in docs] == [
        "大连市公安局2019年法治政府建设年度报告",
        "大连市教育局2019年法治政府建设年度报告",
    ]
    assert [d.part for d in docs] == [0, 1]
    assert len({d.document_id for d in docs}) == 2
    assert all(d.is_report and d.doc_type == "department_report" and d.report_year == 2019 for d in docs)
    assert all(d.region is not None and d.region.code == "210200" for d in docs)
    assert docs[0].body_text.startswith("2019年,我局") and "教育局" not in docs[0].body_text


def test_section_headings_do_not_split_a_report(idx: RegionIndex) -> None:
    body = (
        "2019年,我区"
        + BODY
        + "\n一、2019年法治政府建设工作报告\n"
        + PROSE * 3
        + "\n二、2020年法治政府建设工作总结\n"
        + PROSE * 3
    )
    docs = understand_page(page("2019年旅顺口区法治政府建设工作报告", body), page_id=PAGE_ID, regions=idx)
    assert len(docs) == 1


def test_site_owner_decides_when_no_issuer_is_named(idx: RegionIndex) -> None:
    """A passing mention ("对标深圳、杭州") is not the issuer; the site's owner line is."""
    body = "2019年,对标深圳、杭州,我区" + BODY
    doc = one(idx, page("2019年度法治政府建设情况报告", body, site_name="南京市鼓楼区人民政府"))
    assert doc.region is not None and doc.region.code == "320106"
    assert doc.region.confidence < 0.9 and "site name" in doc.region.evidence


# --- rules added from the real-page fixtures (tests/fixtures/real) ---------------------------------

_UNTITLED = [
    # year-led opening naming the topic, numbered sections: a report
    (
        "2024年,在市委、市政府正确领导下,我区深入践行习近平法治思想,围绕法治政府建设工作部署要求,较好地完成了全年各项工作任务。\n"
        "一、坚持政治引领,全面建设法治政府。" + "区政府常务会常态开展学法活动,推进行政执法规范化。" * 12,
        True,
    ),
    # report voice in the opening, after a salutation
    (
        "城中区委全面依法治区委员会:\n在新征程上,街道办事处系统推进法治政府建设。现将2025年工作情况总结如下:\n"
        "一、全年工作完成情况\n" + "全年召开法治建设专题会议4次,精准破解基层治理法治化中的难点堵点。" * 8,
        True,
    ),
    # a plan states its own purpose: not a report
    (
        "为深入学习贯彻党的二十大精神,全面规范法治政府建设年度报告工作,制定本工作指引。\n一、指导思想。"
        + "坚持以习近平新时代中国特色社会主义思想为指导,扎实推进依法行政。" * 10,
        False,
    ),
    # topic but neither voice nor year-led opening: not enough
    (
        "按照省市法治政府建设工作要求,我县总结全县法治政府建设工作,现解读如下:\n一、起草背景\n"
        + "党中央、国务院高度重视法治政府建设。" * 12,
        False,
    ),
    # a year-reviewing opening on the topic is a report even when the excerpt shows no section heading
    # (real page openings are short: most stop before the first 一、)
    ("2024年,我区法治政府建设取得新成效。" + "区政府常务会常态开展学法活动。" * 30, True),
    # the same opening as news about the topic is not
    (
        "近日,记者从区司法局获悉,2024年我区法治政府建设取得新成效。" + "区政府常务会常态开展学法活动。" * 30,
        False,
    ),
]


@pytest.mark.parametrize(("body", "expected"), _UNTITLED)
def test_untitled_report_opening(body: str, expected: bool) -> None:
    from pipelines.understand.detect import judge

    assert judge(None, body).is_report is expected


@pytest.mark.parametrize(
    ("body", "year"),
    [
        ("城中区委:\n在新征程上,街道系统推进法治建设。现将2025年工作情况总结如下:\n一、全年工作", 2025),
        ("街道按照要求推进法治建设。现将虹桥街道2021年度法治政府建设工作及2022年工作计划报告如下:", 2021),
        (
            "街道按照要求推进法治建设。现将2022年工作计划报告如下:",
            None,
        ),  # a plan year is not the year reviewed
    ],
)
def test_report_voice_names_the_year(body: str, year: int | None) -> None:
    from pipelines.understand.timing import decide

    t = decide(None, body, publish_date=None, written_date=None, is_report=True, half_year=False)
    if year is None:
        assert not t.year_reason.startswith("report voice")
    else:
        assert (t.report_year, t.year_reason.startswith("report voice")) == (year, True)


def test_cited_plan_and_topic_word_do_not_name_the_issuer() -> None:
    from pipelines.understand.page import _issuer_texts

    body = "人民街街道办事处认真贯彻落实《城中区2025年法治政府建设工作要点》要求,系统推进法治政府建设。"
    texts = [t for label, t in _issuer_texts(None, body) if label == "opening"]
    assert texts == []


def test_a_site_code_the_cleaner_rejected_is_not_a_region_signal() -> None:
    """A malformed 12-digit 网站标识码 (kept by the cleaner as site_id_code_raw) must not become 310000."""
    from pipelines.records import CleanedPage
    from pipelines.understand import understand_page

    body = (
        "2020年,我市坚持以习近平法治思想为指导,全面推进法治政府建设,现将有关情况报告如下。\n"
        "一、加强组织领导\n全年召开政府常务会议学法4次,审核规范性文件12件,全部报送备案。\n"
        "二、严格规范公正文明执法\n开展行政执法人员培训,持续推进法治政府建设。"
    )
    cleaned = CleanedPage(
        title="2020年法治政府建设情况的报告",
        body_text=body * 4,
        page_meta={"site_id_code_raw": "310000000044"},
        owner_lines=["主办单位:某某人民政府办公室 网站标识码:310000000044"],
    )
    doc = understand_page(cleaned, page_id="f" * 64)[0]
    assert doc.region is None
    assert "3100000000" not in str(doc.evidence) + str(doc.region_reason)
