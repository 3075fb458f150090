"""The sources registry (seeds/sources.csv): which government sites to crawl and how.

Columns: id, region_code, name, listing_urls (';'-separated), allowed_hosts (';'-separated, exact
host names or `*.domain` for any subdomain; empty = the hosts of the listing URLs), link_rules
(';'-separated regexes matched against a link's URL and text: extra signals that a link is a
report; write a literal ';' as \\x3b), max_pages (page budget per run for this source), enabled,
local (may crawl loopback/private addresses: tests only), note (free text: provenance, caveats).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pipelines.paths import SEEDS_DIR

_TRUE = {"1", "true", "yes", "y", "t"}
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

    def __post_init__(self) -> None:
        if not self.allowed_hosts:
            hosts = tuple(dict.fromkeys(h for u in self.listing_urls if (h := urlsplit(u).hostname)))
            object.__setattr__(self, "allowed_hosts", hosts)

    @property
    def source_id(self) -> str:
        return self.id

    def allows_host(self, host: str | None) -> bool:
        """True if `host` (no port) is one of the allowed hosts; `*.x.gov.cn` admits x.gov.cn and subdomains."""
        if not host:
            return False
        host = host.lower().rstrip(".")
        for allowed in self.allowed_hosts:
            allowed = allowed.lower().rstrip(".")
            if allowed.startswith("*."):
                base = allowed[2:]
                if host == base or host.endswith("." + base):
                    return True
            elif host == allowed:
                return True
        return False

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


def parse_source(row: dict[str, str], where: str = "source") -> Source:
    """One CSV row to a validated Source; ValueError naming the row and column when it is wrong."""
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
    )
    for url in listing_urls:
        if not source.allows_host(urlsplit(url).hostname):
            raise ValueError(f"{where}: listing URL host not in allowed_hosts: {url!r}")
    return source


def load_sources(path: Path = SEEDS_DIR / "sources.csv") -> list[Source]:
    """All rows of the registry (enabled or not), validated; duplicate ids are an error."""
    sources: list[Source] = []
    seen: set[str] = set()
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for index, row in enumerate(reader, start=2):
            source = parse_source(row, where=f"{path}:{index}")
            if source.id in seen:
                raise ValueError(f"{path}:{index}: duplicate source id {source.id!r}")
            seen.add(source.id)
            sources.append(source)
    return sources
