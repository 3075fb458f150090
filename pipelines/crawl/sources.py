"""The sources registry (seeds/sources.csv): which government sites to crawl and how.

Columns: id, region_code, name, listing_urls (';'-separated), allowed_hosts (';'-separated, exact
host names or `*.domain` for any subdomain; empty = the hosts of the listing URLs), link_rules
(';'-separated regexes matched against a link's URL and text: extra signals that a link is a
report; write a literal ';' as \\x3b), max_pages (page budget per run for this source), enabled,
local (may crawl loopback/private addresses: tests only), note (free text: provenance, caveats),
fresh_hours (a report page fetched less than this many hours ago is not asked for again; empty =
the crawl policy's default, 20 hours; 0 = always revalidate; the column may be absent), verified
(someone has checked that the listing URLs and link rules reach the reports, e.g. with
`fazhi crawl --source ID --dry-run`; empty or absent = false). The schedules and a plain
`fazhi crawl` crawl only sources that are enabled and verified; `--source ID` crawls any one.

A region_code must be a known division (seeds/regions.csv, towns.csv, non_mca_county_units.csv):
a typo would otherwise attribute every crawled report's host hint to a region that does not exist.

The crawler admits origins (scheme, host, port), not host names. An allowed_hosts entry `host` or
`*.domain` admits that host on the default ports only (http on 80, https on 443); `host:port` admits
that port (http or https), `scheme://host[:port]` exactly that origin. The origin of each listing URL
is admitted too (its host must be allowed). So a redirect to another port of an allowed host is refused.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from pipelines.paths import SEEDS_DIR, sources_file

DEFAULT_PORTS = {"http": 80, "https": 443}
Origin = tuple[str, str, int]  # (scheme, host, port), lower-case host without a trailing dot

_TRUE = {"1", "true", "yes", "y", "t"}


def origin_of(url: str) -> Origin | None:
    """(scheme, host, port) of an http(s) URL, the port made explicit; None if it has none."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in DEFAULT_PORTS or not host:
        return None
    return scheme, host, port if port is not None else DEFAULT_PORTS[scheme]


def _host_matches(allowed: str, host: str) -> bool:
    allowed = allowed.lower().rstrip(".")
    if allowed.startswith("*."):
        base = allowed[2:]
        return host == base or host.endswith("." + base)
    return host == allowed


def _parse_entry(entry: str) -> tuple[str | None, str, int | None]:
    """An allowed_hosts entry -> (scheme or None, host pattern, port or None)."""
    entry = entry.strip()
    scheme = None
    if "://" in entry:
        scheme, _, entry = entry.partition("://")
        scheme = scheme.lower()
    entry = entry.split("/", 1)[0]
    if entry.startswith("*."):
        return scheme, entry.lower(), None
    try:
        parts = urlsplit("//" + entry)
        port = parts.port
    except ValueError:
        return scheme, entry.lower(), None
    return scheme, (parts.hostname or entry).lower().rstrip("."), port


_FALSE = {"0", "false", "no", "n", "f", ""}


@dataclass(frozen=True)
class Source:
    id: str
    listing_urls: tuple[str, ...]
    allowed_hosts: tuple[str, ...] = ()
    region_code: str | None = None
    name: str = ""
    link_rules: tuple[str, ...] = ()
    max_pages: int = 200
    enabled: bool = True
    local: bool = False
    note: str = ""
    fresh_hours: float | None = None  # None: the crawl policy's revisit_after
    verified: bool = False  # listing URLs and link rules checked by a person: scheduled crawls need it

    @property
    def scheduled(self) -> bool:
        """Crawled by the schedules and by a plain `fazhi crawl`."""
        return self.enabled and self.verified

    def __post_init__(self) -> None:
        if not self.allowed_hosts:
            hosts = tuple(dict.fromkeys(h for u in self.listing_urls if (h := urlsplit(u).hostname)))
            object.__setattr__(self, "allowed_hosts", hosts)

    @property
    def source_id(self) -> str:
        return self.id

    def revisit_after(self, default: timedelta | None) -> timedelta | None:
        """How long a fetched report page of this source stays fresh: its own window, or `default`."""
        return timedelta(hours=self.fresh_hours) if self.fresh_hours is not None else default

    def allows_host(self, host: str | None) -> bool:
        """True if `host` (no port) is one of the allowed hosts; `*.x.gov.cn` admits x.gov.cn and subdomains.

        A host check only: what the crawler may request is decided by `allows_origin`."""
        if not host:
            return False
        host = host.lower().rstrip(".")
        return any(_host_matches(_parse_entry(a)[1], host) for a in self.allowed_hosts)

    @cached_property
    def listing_origins(self) -> frozenset[Origin]:
        return frozenset(o for u in self.listing_urls if (o := origin_of(u)) and self.allows_host(o[1]))

    def allows_origin(self, origin: Origin | None) -> bool:
        """True if the origin (scheme, host, port) may be requested: a listing URL's origin, or an
        allowed_hosts entry matching host, port (the scheme's default port unless the entry names
        one) and scheme (if the entry names one)."""
        if origin is None:
            return False
        scheme, host, port = origin
        host = host.lower().rstrip(".")
        if (scheme, host, port) in self.listing_origins:
            return True
        for entry in self.allowed_hosts:
            e_scheme, e_host, e_port = _parse_entry(entry)
            if not _host_matches(e_host, host) or (e_scheme is not None and e_scheme != scheme):
                continue
            if port == (e_port if e_port is not None else DEFAULT_PORTS.get(scheme)):
                return True
        return False

    def allows_url(self, url: str) -> bool:
        return self.allows_origin(origin_of(url))

    def allowed_origins_text(self) -> str:
        """The allowed origins, for messages: listing origins, then the allowed_hosts entries."""
        listed = sorted(f"{s}://{h}:{p}" for s, h, p in self.listing_origins)
        return ", ".join([*listed, *self.allowed_hosts])

    def link_patterns(self) -> list[re.Pattern[str]]:
        return [re.compile(rule) for rule in self.link_rules]


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split(";") if part.strip())


def _bool(cell: str | None, column: str, where: str) -> bool:
    value = (cell or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{where}: {column} must be true/false, got {cell!r}")


def parse_source(
    row: dict[str, str], where: str = "source", known_regions: frozenset[str] | None = None
) -> Source:
    """One CSV row to a validated Source; ValueError naming the row and column when it is wrong.
    With `known_regions`, a region_code must be one of them."""
    source_id = (row.get("id") or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", source_id):
        raise ValueError(f"{where}: id must be a non-empty slug, got {source_id!r}")
    where = f"{where} ({source_id})"
    listing_urls = _split(row.get("listing_urls"))
    if not listing_urls:
        raise ValueError(f"{where}: listing_urls is empty")
    for url in listing_urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{where}: listing URL must be http(s) with a host: {url!r}")
    region_code = (row.get("region_code") or "").strip() or None
    if region_code is not None and not re.fullmatch(r"\d{6}|\d{9}", region_code):
        raise ValueError(f"{where}: region_code must be 6 or 9 digits, got {region_code!r}")
    if region_code is not None and known_regions is not None and region_code not in known_regions:
        raise ValueError(
            f"{where}: region_code {region_code} is not a known division code (seeds/regions.csv)"
        )
    link_rules = _split(row.get("link_rules"))
    for rule in link_rules:
        try:
            re.compile(rule)
        except re.error as exc:
            raise ValueError(f"{where}: bad link rule {rule!r}: {exc}") from exc
    max_pages_cell = (row.get("max_pages") or "").strip()
    try:
        max_pages = int(max_pages_cell) if max_pages_cell else 200
    except ValueError as exc:
        raise ValueError(f"{where}: max_pages must be an integer, got {max_pages_cell!r}") from exc
    if max_pages < 1:
        raise ValueError(f"{where}: max_pages must be at least 1")
    fresh_cell = (row.get("fresh_hours") or "").strip()
    try:
        fresh_hours = float(fresh_cell) if fresh_cell else None
    except ValueError:
        raise ValueError(f"{where}: fresh_hours must be a number of hours, got {fresh_cell!r}") from None
    if fresh_hours is not None and not 0 <= fresh_hours < 1e6:
        raise ValueError(f"{where}: fresh_hours must be 0 or more, got {fresh_cell!r}")
    source = Source(
        id=source_id,
        listing_urls=listing_urls,
        allowed_hosts=_split(row.get("allowed_hosts")),
        region_code=region_code,
        name=(row.get("name") or "").strip(),
        link_rules=link_rules,
        max_pages=max_pages,
        enabled=_bool(row.get("enabled", "true"), "enabled", where),
        local=_bool(row.get("local"), "local", where),
        note=(row.get("note") or "").strip(),
        fresh_hours=fresh_hours,
        verified=_bool(row.get("verified"), "verified", where),
    )
    for url in listing_urls:
        if not source.allows_url(url):
            raise ValueError(f"{where}: listing URL host not in allowed_hosts: {url!r}")
    return source


def known_region_codes(seeds: Path = SEEDS_DIR) -> frozenset[str]:
    """Every division code the warehouse knows (counties and up, towns, NBS-only units)."""
    codes: set[str] = set()
    for name in ("regions.csv", "towns.csv", "non_mca_county_units.csv"):
        path = seeds / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                codes.update(row["code"].strip() for row in csv.DictReader(handle) if row.get("code"))
    return frozenset(codes)


def load_sources(path: Path | None = None) -> list[Source]:
    """All rows of the registry (enabled or not), validated; duplicate ids are an error."""
    path = Path(path) if path is not None else sources_file()
    known = known_region_codes()
    sources: list[Source] = []
    seen: set[str] = set()
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for index, row in enumerate(reader, start=2):
            source = parse_source(row, where=f"{path}:{index}", known_regions=known)
            if source.id in seen:
                raise ValueError(f"{path}:{index}: duplicate source id {source.id!r}")
            seen.add(source.id)
            sources.append(source)
    return sources
