"""The crawler's `CrawlStore` over the warehouse (raw.fetches, raw.pages).

A polite crawl spends most of its time waiting, so each call opens a short-lived connection instead
of holding DuckDB's single write lock for the whole crawl: read-only queries and other writers can
get in between requests.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import duckdb

from pipelines.land.raw import add_page, add_record
from pipelines.records import FetchRecord, FetchState, Page

Connect = Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]]


class DuckDBCrawlStore:
    def __init__(self, connect: Connect) -> None:
        self._connect = connect

    def last_fetch(self, url: str) -> FetchState | None:
        with self._connect() as con:
            row = con.execute(
                """select url, page_id, etag, last_modified, fetched_at from raw.fetches
                   where url = ? and outcome in ('ok', 'not_modified')
                   order by fetched_at desc, attempt desc limit 1""",
                [url],
            ).fetchone()
        if row is None:
            return None
        return FetchState(row[0], row[1], row[2], row[3], row[4].isoformat() + "+00:00")

    def has_page(self, page_id: str) -> bool:
        with self._connect() as con:
            return con.execute("select 1 from raw.pages where page_id = ?", [page_id]).fetchone() is not None

    def add_page(self, page: Page) -> bool:
        with self._connect() as con:
            return add_page(con, page)

    def add_fetch(self, fetch: FetchRecord, page: Page | None = None) -> bool:
        """The attempt's row and its body in one transaction: after a crash at any point both are
        stored or neither is (a SIGKILL between two writes used to keep the body without its row)."""
        with self._connect() as con:
            con.execute("BEGIN")
            try:
                new = add_page(con, page) if page is not None else False
                add_record(con, fetch)
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
            return new

    def page_body(self, page_id: str) -> bytes | None:
        with self._connect() as con:
            row = con.execute("select body from raw.pages where page_id = ?", [page_id]).fetchone()
        return bytes(row[0]) if row else None
