"""The page pipeline used by both `fazhi extract` and the assets, serial and on a process pool."""

from __future__ import annotations

from pipelines.ingest import read_page_file
from pipelines.paths import SAMPLE_PAGES_DIR
from pipelines.process import extract_one, process_page, stage_batches, stage_mapper, understand_one


def sample_pages():
    return [read_page_file(p, origin="seed") for p in sorted(SAMPLE_PAGES_DIR.iterdir())]


def test_a_process_pool_gives_exactly_the_serial_results() -> None:
    pages = sample_pages()
    with stage_mapper(1) as serial:
        expected = serial(understand_one, pages)
    with stage_mapper(2) as pool:
        got = pool(understand_one, pages)
    assert got == expected
    documents = [d for _, _, docs in expected for d in docs]
    with stage_mapper(1) as serial:
        expected_mentions = serial(extract_one, documents)
    with stage_mapper(2) as pool:
        assert pool(extract_one, documents) == expected_mentions
    assert sum(len(e.mentions) for _, e in expected_mentions) > 50
    assert sum(len(e.quantities) for _, e in expected_mentions) > sum(
        len(e.mentions) for _, e in expected_mentions
    )


def test_batches_run_one_ahead_give_the_serial_results_in_order() -> None:
    pages = sample_pages()
    batches = [pages[:2], pages[2:3], pages[3:]]
    read: list[int] = []  # how many batches the stage had taken when each result reached the caller

    def stream():
        for b in batches:
            read.append(len(read) + 1)
            yield b

    with stage_mapper(1) as serial:
        expected = [serial(understand_one, b) for b in batches]
    with stage_batches(2) as run:
        got = []
        for results in run(understand_one, stream()):
            got.append(results)
            seen = len(read)
            assert seen <= len(got) + 1  # never more than one batch ahead of the caller
    assert got == expected


def test_every_page_yields_a_document_and_mentions_point_into_its_body() -> None:
    for page in sample_pages():
        result = process_page(page)
        assert result.documents, page.location
        for d in result.documents:
            assert d.page_id == page.page_id
            for m in result.mentions[d.document_id]:
                assert d.body_text[m.start : m.end] == m.value_text
                assert m.value_text in m.evidence
