"""Serve the fake site (site.py) from a ThreadingHTTPServer on 127.0.0.1, port 0, in a daemon thread.

`serve_site()` is a context manager yielding a `FakeSite`: its base URL and a log of every request
(path and headers), so tests assert exactly what the crawler asked for.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from crawl_site.site import LAST_MODIFIED, Route, build_routes, encode_body, etag_of


@dataclass
class Request:
    path: str
    headers: dict[str, str]


@dataclass
class FakeSite:
    port: int
    routes: dict[str, Route]
    log: list[Request] = field(default_factory=list)
    hits: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        with self.lock:
            return [r.path for r in self.log]

    def clear_log(self) -> None:
        with self.lock:
            self.log.clear()


def _handler(site: FakeSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "FakeGov/1.0"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

        def do_GET(self) -> None:
            with site.lock:
                site.log.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
                site.hits[self.path] += 1
                hit = site.hits[self.path]
            route = site.routes.get(self.path)
            if route is None:
                self._send(404, [], b"<html><body>Not Found</body></html>")
                return
            if route.delay:
                time.sleep(route.delay)
            if route.dynamic is not None:
                status, headers, body = route.dynamic(str(site.port))
                self._send(status, list(headers), body)
                return
            if hit <= route.fail_first:
                self._send(503, [("Retry-After", "1")], b"<html><body>Service Unavailable</body></html>")
                return
            headers = list(route.headers)
            if route.status == 200:
                etag = etag_of(route.body)
                if route.etag:
                    headers.append(("ETag", etag))
                if route.last_modified:
                    headers.append(("Last-Modified", LAST_MODIFIED))
                if self._not_modified(route, etag):
                    self._send(304, headers, b"", content_type=None)
                    return
            if route.gzip:
                headers.append(("Content-Encoding", "gzip"))
            self._send(route.status, headers, encode_body(route), route.content_type, route.send_length)

        def _not_modified(self, route: Route, etag: str) -> bool:
            match = self.headers.get("If-None-Match")
            if route.etag and match is not None:
                return etag in [m.strip() for m in match.split(",")]
            since = self.headers.get("If-Modified-Since")
            if route.last_modified and since:
                try:
                    return parsedate_to_datetime(since) >= parsedate_to_datetime(LAST_MODIFIED)
                except (TypeError, ValueError):
                    return False
            return False

        def _send(
            self,
            status: int,
            headers: list[tuple[str, str]],
            body: bytes,
            content_type: str | None = "text/html; charset=utf-8",
            send_length: bool = True,
        ) -> None:
            try:
                self.send_response(status)
                if content_type and status != 304:
                    self.send_header("Content-Type", content_type)
                for key, value in headers:
                    self.send_header(key, value)
                if send_length:
                    self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                for start in range(0, len(body), 65536):
                    self.wfile.write(body[start : start + 65536])
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeouts, size limits): expected

    return Handler


@contextmanager
def serve_site(routes: dict[str, Route] | None = None) -> Iterator[FakeSite]:
    """Serve `routes` (path -> Route; default: the fake government site of site.py)."""
    site = FakeSite(port=0, routes=build_routes() if routes is None else routes)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    server.block_on_close = False
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)
