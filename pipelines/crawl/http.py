"""One bounded HTTP exchange: no redirects followed, body size and decoded size capped, total time capped.

Compression is decoded here, not by httpx, so a small gzip body that inflates to gigabytes (a
decompression bomb) is stopped as soon as the decoded output passes the limit.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass

import httpx

ACCEPT_ENCODING = "gzip, deflate"


class BodyTooLarge(Exception):
    pass


class RequestTooSlow(Exception):
    pass


class UnsupportedEncoding(Exception):
    pass


@dataclass(frozen=True)
class RawResponse:
    status: int
    headers: httpx.Headers
    body: bytes  # decoded (Content-Encoding removed), at most max_bytes


class _Inflater:
    """Incremental gzip/deflate decoder whose output per call is bounded."""

    def __init__(self, encoding: str) -> None:
        self._obj: zlib._Decompress | None = None
        if encoding in ("gzip", "x-gzip"):
            self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, data: bytes, limit: int) -> tuple[bytes, bytes]:
        """Decode at most `limit` bytes from `data`; returns (output, input not consumed yet)."""
        if self._obj is None:  # deflate: zlib-wrapped per the RFC, raw in practice on some servers
            zlib_header = len(data) >= 2 and data[0] & 0x0F == 8 and ((data[0] << 8) | data[1]) % 31 == 0
            self._obj = zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)
        out = self._obj.decompress(data, limit)
        return out, self._obj.unconsumed_tail


def read_response(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    *,
    max_bytes: int,
    max_seconds: float,
    timeout: httpx.Timeout | None = None,
) -> RawResponse:
    """GET `url` once. Raises httpx errors, BodyTooLarge, RequestTooSlow or UnsupportedEncoding.

    `timeout` replaces the client's connect/read timeouts for this request (a URL's deadline)."""
    started = time.monotonic()
    request_headers = {"Accept-Encoding": ACCEPT_ENCODING, **headers}
    extra = {"timeout": timeout} if timeout is not None else {}
    with client.stream("GET", url, headers=request_headers, follow_redirects=False, **extra) as response:
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > max_bytes and response.status_code < 300:
            raise BodyTooLarge(f"Content-Length {declared} exceeds {max_bytes} bytes")
        encodings = [
            e.strip().lower() for e in response.headers.get("content-encoding", "").split(",") if e.strip()
        ]
        encodings = [e for e in encodings if e != "identity"]
        if len(encodings) > 1 or (encodings and encodings[0] not in ("gzip", "x-gzip", "deflate")):
            raise UnsupportedEncoding(f"Content-Encoding {encodings} not supported")
        inflater = _Inflater(encodings[0]) if encodings else None
        chunks: list[bytes] = []
        size = 0
        for raw in response.iter_raw(16384):
            pending = raw
            while pending:
                if inflater is None:
                    out, pending = pending, b""
                else:
                    out, pending = inflater.feed(pending, max_bytes - size + 1)
                size += len(out)
                if size > max_bytes:
                    raise BodyTooLarge(f"body exceeds {max_bytes} bytes (decoded)")
                chunks.append(out)
                if not out and pending:
                    break
            if time.monotonic() - started > max_seconds:
                raise RequestTooSlow(f"request took longer than {max_seconds:.1f} s")
        return RawResponse(response.status_code, response.headers, b"".join(chunks))
