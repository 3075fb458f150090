"""Pages in traditional characters are read with the simplified vocabulary, yet every stored text,
evidence sentence and offset still points into the page as written."""

from __future__ import annotations

from pathlib import Path

from pipelines.process import process_page
from pipelines.records import Page
from pipelines.text.normalize import reading_view, simplified, to_simplified

OWN = Path(__file__).parent / "fixtures" / "real_own"


def _page(name: str) -> Page:
    return Page.from_bytes(
        (OWN / name).read_bytes(),
        url=None,
        origin="inbox",
        media_type="text",
        fetched_at="2025-01-01 00:00:00",
    )


def test_conversion_keeps_every_position() -> None:
    text = (OWN / "ob023.txt").read_text(encoding="utf-8")
    out = to_simplified(text)
    assert len(out) == len(text) and "南昌县坚持" in out and out != text


def test_pinyin_glosses_leave_the_view_and_offsets_map_back() -> None:
    line = "深刻領(lǐng)會“兩個確立”的決定性意義,堅決貫徹落實黨中央、國務(wù)院關(guān)於法治政府建設(shè)"
    view = reading_view(line)
    assert view.text == "深刻领会“两个确立”的决定性意义,坚决贯彻落实党中央、国务院关于法治政府建设"
    i = view.text.index("国务院")
    assert line[view.start(i) : view.end(i + 3)] == "國務(wù)院"


def test_simplified_text_is_its_own_view() -> None:
    view = reading_view("2019年,我区行政复议案件12件。")
    assert view.origin is None and not view.converted and view.text == "2019年,我区行政复议案件12件。"


def test_a_traditional_report_is_understood_and_its_figures_point_into_the_original() -> None:
    result = process_page(_page("oa029.txt"))
    (doc,) = result.documents
    assert doc.is_report and doc.report_year == 2024
    mentions = result.mentions[doc.document_id]
    assert mentions, "a figure of the traditional page is extracted"
    for m in mentions:
        assert doc.body_text[m.start : m.end] == m.value_text
        assert m.evidence in doc.body_text  # the sentence as the page writes it, not the simplified view
        assert m.evidence != simplified(m.evidence)


def test_a_traditional_county_report_gets_its_year_and_county() -> None:
    (doc,) = process_page(_page("ob023.txt")).documents
    assert doc.is_report and doc.report_year == 2023
    assert doc.region is not None and doc.region.code == "360121"  # 南昌縣
    assert doc.body_text.startswith("2023年,南昌縣")
