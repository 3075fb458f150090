"""Which government a web host belongs to: a versioned table (seeds/hosts.csv) and what it says.

A host is a weak signal: mirrors and aggregators repost reports of every region, a county site may
post its prefecture's report, and a provincial portal's subdomains are provincial departments
(hrss.tj.gov.cn is 天津市's bureau). So the resolver uses the host only to break a tie the text
leaves open or to confirm a weak name, never to override a region the text states.

Columns of seeds/hosts.csv: host (a domain; it also covers its subdomains), path_prefix (optional:
the row applies only under that path), region_code, source (where the row comes from), note.
Everything here is pure: no network, no page state.
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pipelines.paths import SEEDS_DIR

HOSTS_CSV = SEEDS_DIR / "hosts.csv"


@dataclass(frozen=True)
class HostRow:
    host: str
    path_prefix: str
    region_code: str
    source: str
    note: str = ""


def _norm_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    if host.startswith("*."):
        host = host[2:]
    return host


def load_hosts(path: Path = HOSTS_CSV) -> tuple[HostRow, ...]:
    """The rows of a hosts table (cached per path)."""
    return _load(Path(path).resolve())


@functools.cache
def _load(path: Path) -> tuple[HostRow, ...]:
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(
            HostRow(
                host=_norm_host(r["host"]),
                path_prefix=(r.get("path_prefix") or "").strip(),
                region_code=r["region_code"].strip(),
                source=(r.get("source") or "").strip(),
                note=(r.get("note") or "").strip(),
            )
            for r in csv.DictReader(fh)
            if r.get("host") and r.get("region_code")
        )


def _split(url: str) -> tuple[str, str] | None:
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
    except ValueError:
        return None
    host = parts.hostname
    if not host:
        return None
    return _norm_host(host), parts.path or "/"


def region_for_url(url: str | None, rows: Iterable[HostRow] | None = None) -> tuple[str, str] | None:
    """(region code, evidence) of the longest matching host (then longest path prefix), or None.

    A row for `tj.gov.cn` covers `www.tj.gov.cn` and `hrss.tj.gov.cn`; a row with a path prefix
    applies only under that path.
    """
    if not url:
        return None
    split = _split(url)
    if split is None:
        return None
    host, path = split
    best: tuple[int, int, HostRow] | None = None
    for row in load_hosts() if rows is None else rows:
        if host != row.host and not host.endswith("." + row.host):
            continue
        if row.path_prefix and not path.startswith(row.path_prefix):
            continue
        key = (len(row.host), len(row.path_prefix))
        if best is None or key > best[:2]:
            best = (*key, row)
    if best is None:
        return None
    row = best[2]
    where = row.host + (row.path_prefix or "")
    return row.region_code, f"host {host} -> {row.region_code} (hosts.csv {where}, {row.source})"


def propose_hosts(
    rows: Iterable[tuple[str | None, str | None, float | None, str | None]],
    *,
    min_documents: int = 2,
    min_confidence: float = 0.9,
    known: Iterable[HostRow] | None = None,
) -> list[dict[str, str]]:
    """New seeds/hosts.csv rows learnt from documents whose region is certain.

    `rows` are (url, region_code, confidence, evidence) of extracted documents, e.g. every
    document of the warehouse. Only documents with a code and confidence >= `min_confidence` count
    (a region that itself came from the host never should: pass it with a low confidence). A host
    is proposed when at least `min_documents` such documents sit on it and every one of them agrees
    on the code; one disagreeing document (a mirror, an aggregator, a county site posting its
    prefecture's report) withholds the host. Hosts the table already maps (`known`, default: the
    current seeds/hosts.csv) to the same code are left out; a known host with a different code is
    proposed again, with a note, for a person to decide.

    Returns dicts with the columns of seeds/hosts.csv (host, path_prefix, region_code, source,
    note), sorted by host, for a command that prints or appends them after review. Nothing is
    written here.
    """
    by_host: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for url, code, confidence, evidence in rows:
        if not url or not code or confidence is None or confidence < min_confidence:
            continue
        split = _split(url)
        if split is None:
            continue
        by_host[split[0]].append((code, evidence or ""))
    table = list(load_hosts() if known is None else known)
    out: list[dict[str, str]] = []
    for host, docs in sorted(by_host.items()):
        codes = {c for c, _ in docs}
        if len(docs) < min_documents or len(codes) != 1:
            continue
        code = codes.pop()
        current = region_for_url("http://" + host + "/", table)
        if current and current[0] == code:
            continue
        note = f"{len(docs)} documents agree"
        first = next((e for _, e in docs if e), "")
        if first:
            note += f"; e.g. {first[:80]}"
        if current:
            note += f"; hosts.csv says {current[0]}"
        out.append(asdict(HostRow(host=host, path_prefix="", region_code=code, source="proposed", note=note)))
    return out
