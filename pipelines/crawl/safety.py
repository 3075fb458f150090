"""Which URLs the crawler may request at all: scheme, origin allow-list (scheme, host, port), and no
private addresses.

Checked before every request and again on every redirect hop, so a public site cannot bounce the
crawler to an intranet address (SSRF) or to another site.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from pipelines.crawl.sources import Source, origin_of

Resolver = Callable[[str], list[str]]


@dataclass(frozen=True)
class Refusal:
    kind: str  # an error_kind of FetchRecord: scheme | foreign_host | private_address | dns
    message: str


def resolve_host(host: str) -> list[str]:
    """All addresses `host` resolves to (IPv4 and IPv6), or OSError."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]).split("%")[0] for info in infos})


def is_public_address(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved, unspecified and shared (CGNAT) addresses."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or ip in ipaddress.ip_network("100.64.0.0/10")
    )


def check_url(url: str, source: Source, resolver: Resolver = resolve_host) -> Refusal | None:
    """None if `url` may be requested for `source`, else why not.

    The address check resolves the host and refuses if *any* address is non-public (unless the source is
    marked local). Known gap: the HTTP client resolves again when connecting (DNS rebinding window).
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # raises ValueError on a malformed port
    except ValueError as exc:
        return Refusal("scheme", f"malformed URL {url!r}: {exc}")
    if parts.scheme not in ("http", "https"):
        return Refusal("scheme", f"only http(s) is crawled, not {parts.scheme or 'no scheme'!r}")
    if not host:
        return Refusal("scheme", f"URL has no host: {url!r}")
    if parts.username or parts.password:
        return Refusal("scheme", "URLs with credentials are not crawled")
    if not source.allows_host(host):
        return Refusal("foreign_host", f"host {host!r} is not among {list(source.allowed_hosts)}")
    origin = origin_of(url)
    if not source.allows_origin(origin):
        scheme, _, port = origin or (parts.scheme, host, parts.port)
        return Refusal(
            "foreign_host",
            f"origin {scheme}://{host}:{port} is not allowed (allowed: {source.allowed_origins_text()})",
        )
    if source.local:
        return None
    try:
        addresses = [host] if _is_ip(host) else resolver(host)
    except OSError as exc:
        return Refusal("dns", f"cannot resolve {host!r}: {exc}")
    if not addresses:
        return Refusal("dns", f"{host!r} resolves to nothing")
    blocked = [a for a in addresses if not is_public_address(a)]
    if blocked:
        return Refusal("private_address", f"{host!r} resolves to non-public {blocked}")
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
