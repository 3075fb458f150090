"""The division index: names, short names and codes of every Chinese division, with their history.

Loaded once per process from the seed CSVs (seeds/regions.csv, towns.csv, region_changes.csv: the
public GB/T 2260 and NBS lists) and shared by every page. All lookups are dict hits or scans of short strings, so resolving a page costs
microseconds; nothing here loops over the 41k towns per page.

A name is never resolved through a short name alone in free text: short names such as 平安, 新建,
公安, 同心 are common words. `find_names` accepts a short (or two-character) name only where it is
delimited: at a string edge or punctuation, or directly joined to another division name
("常州钟楼区", "大连 旅顺口"), or followed by an organ word ("钟楼区人民政府" is full anyway).
"""

from __future__ import annotations

import csv
import functools
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.levels import LEVEL_RANK
from pipelines.paths import SEEDS_DIR

# Names that are also everyday words for "the urban area", "the new area" ...: accepted only right
# after a parent name ("阳泉市城区", "攀枝花市东区").
GENERIC_NAMES = frozenset({"城区", "郊区", "矿区", "新区", "市区", "东区", "西区", "南区", "北区", "市中区"})

# Words that may follow a short name and show it names a government or one of its organs.
ORGAN_FOLLOWERS = (
    "人民政府",
    "政府",
    "人大",
    "政协",
    "党委",
    "司法局",
    "法制办",
    "依法治",
    "区委",
    "市委",
    "县委",
    "旗委",
    "州委",
    "省委",
)

_CJK = re.compile(r"[\u3400-\u9fff]")

# Abbreviations of development-zone names as reports write them.
_ZONE_SUFFIX_ALIASES = (
    ("高新技术产业开发区", ("高新区", "高新技术开发区", "高新开发区")),
    ("经济技术开发区", ("经开区", "经济开发区", "经济技术开发区")),
    ("经济开发区", ("经开区", "经济开发区")),
)


@dataclass(frozen=True, slots=True)
class Division:
    """One row of the history (county and above), of the NBS town list, or of the NBS zone list."""

    code: str
    name: str
    short_name: str
    level: str  # province | prefecture | county | township | development_zone
    division_type: str
    parent_code: str | None
    province_code: str | None
    prefecture_code: str | None
    county_code: str | None = None
    valid_from: int | None = None  # None: no history known (towns, zones) -> valid in any year
    valid_to: int | None = None  # exclusive
    status: str = "active"

    def valid_in(self, year: int | None) -> bool:
        """Valid in `year` (exclusive upper bound); with no year, valid now. Towns and zones have no
        history in the seeds (one NBS edition), so they count as valid in any year."""
        if self.valid_from is None:
            return True
        if year is None:
            return self.valid_to is None
        return self.valid_from <= year < (self.valid_to or 9999)

    def within(self, code: str) -> bool:
        """True when `code` is this division or one of its ancestors."""
        return code in (
            self.code,
            self.parent_code,
            self.province_code,
            self.prefecture_code,
            self.county_code,
        )

    @property
    def rank(self) -> int:
        return LEVEL_RANK.get(self.level, 3)


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    text: str
    candidates: tuple[Division, ...]
    short: bool  # matched through a short name ("钟楼") rather than a full name ("钟楼区")


@dataclass
class RegionIndex:
    by_code: dict[str, list[Division]] = field(default_factory=dict)
    names: dict[str, list[Division]] = field(default_factory=dict)  # full names, county and above + zones
    shorts: dict[str, list[Division]] = field(default_factory=dict)
    town_names: dict[str, list[Division]] = field(default_factory=dict)
    town_shorts: dict[str, list[Division]] = field(default_factory=dict)
    changes: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)  # old -> (year, new, kind)
    max_len: int = 2

    @classmethod
    def load(cls, seeds_dir: Path = SEEDS_DIR) -> RegionIndex:
        """The index for `seeds_dir`, built once per process and then shared."""
        return _load(Path(seeds_dir).resolve())

    # ----------------------------------------------------------------- lookups

    def get(self, code: str, year: int | None = None) -> Division | None:
        """The record of `code` valid in `year` (else the most recent one)."""
        rows = self.by_code.get(code) or []
        for row in rows:
            if year is not None and row.valid_in(year):
                return row
        return rows[-1] if rows else None

    def current(self, code: str, year: int | None) -> tuple[Division | None, str]:
        """`code` as valid in `year`, following renames and mergers (stale site codes, old names).

        Returns the division and a note saying which change was followed ("" when none was needed).
        """
        row = self.get(code, year)
        if row is None or year is None or row.valid_in(year):
            return row, ""
        seen = {code}
        frontier = [code]
        note = ""
        for _ in range(4):
            nxt: list[str] = []
            for old in frontier:
                moves = [
                    (y, new, kind)
                    for y, new, kind in self.changes.get(old, [])
                    if kind != "territory_transfer" and y <= year
                ]
                targets = sorted({new for _, new, _ in moves})
                if len(targets) != 1:
                    continue
                new = targets[0]
                if new in seen:
                    continue
                seen.add(new)
                kind = next(k for _, n, k in moves if n == new)
                note += f"{old}->{new} ({kind}) "
                cand = self.get(new, year)
                if cand is not None and cand.valid_in(year):
                    return cand, note.strip()
                nxt.append(new)
            frontier = nxt
        return None, note.strip()

    def find_names(self, text: str, *, towns: bool = False) -> list[NameMatch]:
        """Division names in a short string (an issuer, a title, an address), left to right.

        Longest match wins at each position. Full names of three or more characters always count;
        short and two-character names only where delimited (see the module docstring). With
        `towns`, township names ending in 街道/镇/乡/苏木 are matched too.
        """
        out: list[NameMatch] = []
        i, n = 0, len(text)
        while i < n:
            found = None
            if _CJK.match(text[i]):
                for length in range(min(self.max_len, n - i), 1, -1):
                    sub = text[i : i + length]
                    full = self.names.get(sub)
                    if full:
                        found = NameMatch(i, i + length, sub, tuple(full), False)
                        break
                    short = self.shorts.get(sub)
                    if short:
                        found = NameMatch(i, i + length, sub, tuple(short), True)
                        break
                    if towns and sub[-1] in "镇乡道木":
                        town = self.town_names.get(sub)
                        if town:
                            found = NameMatch(i, i + length, sub, tuple(town), False)
                            break
            if found is None:
                i += 1
                continue
            prev_adjacent = bool(out) and out[-1].end == found.start
            if found.text in GENERIC_NAMES and not prev_adjacent:
                i += 1
                continue
            needs_delimiting = found.short or len(found.text) == 2
            if needs_delimiting and not self._delimited(text, found, prev_adjacent):
                i += 1
                continue
            out.append(found)
            i = found.end
        return out

    def _delimited(self, text: str, m: NameMatch, prev_adjacent: bool) -> bool:
        before_ok = m.start == 0 or prev_adjacent or not _CJK.match(text[m.start - 1])
        rest = text[m.end :]
        after_ok = (
            not rest
            or not _CJK.match(rest[0])
            or rest.startswith(ORGAN_FOLLOWERS)
            or self._starts_with_name(rest)
        )
        return before_ok and after_ok

    def _starts_with_name(self, text: str) -> bool:
        for length in range(min(self.max_len, len(text)), 1, -1):
            sub = text[:length]
            if sub in self.names or sub in self.shorts:
                return True
        return False

    def towns_named(self, token: str) -> list[Division]:
        """Towns a township token may mean: 石岐街道, 石岐区办事处, 石岐镇人民政府 -> 石岐街道."""
        token = re.sub(r"(人民政府|政府|办事处|街道办|党工委|管委会)$", "", token)
        if token in self.town_names:
            return list(self.town_names[token])
        stem = re.sub(r"(街道|镇|乡|苏木|区)$", "", token)
        if len(stem) < 2:
            return []
        return list(self.town_shorts.get(stem, []))

    def ancestor_names(self, div: Division) -> list[tuple[str, str]]:
        """(level, name) of the parents that can disambiguate `div`: full and short names."""
        out: list[tuple[str, str]] = []
        for level, code in (
            ("county", div.county_code if div.level == "township" else None),
            ("prefecture", div.prefecture_code),
            ("province", div.province_code),
        ):
            if not code or code == div.code:
                continue
            row = self.get(code)
            if row is None:
                continue
            out.append((level, row.name))
            if row.short_name and row.short_name != row.name and len(row.short_name) >= 2:
                out.append((level, row.short_name))
        return out


def _int(value: str) -> int | None:
    return int(value) if value else None


def _read(path: Path) -> list[dict[str, str]]:
    """The rows, each distinct value one shared string: codes, names and levels repeat across rows
    (a division's history, parents, province codes), and every worker process loads the index."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: sys.intern(v) for k, v in row.items()} for row in csv.DictReader(fh)]


def _zone_aliases(name: str, province_names: list[str], prefecture_short: str | None) -> set[str]:
    bases = {name}
    for prov in province_names:
        if name.startswith(prov) and len(name) > len(prov) + 2:
            bases.add(name[len(prov) :])
    out = set(bases)
    for base in bases:
        for suffix, aliases in _ZONE_SUFFIX_ALIASES:
            if base.endswith(suffix):
                stem = base[: -len(suffix)]
                out.update(stem + a for a in aliases)
        if (
            prefecture_short
            and base.startswith(prefecture_short)
            and not base.startswith(prefecture_short + "市")
        ):
            out.update("".join((prefecture_short, "市", a[len(prefecture_short) :])) for a in list(out))
    return {a for a in out if len(a) >= 4}


# How reports write autonomous divisions: the short name plus the bare level word, without the
# ethnic part ("红河哈尼族彝族自治州" -> "红河州", "彭水苗族土家族自治县" -> "彭水县" or "彭水自治县",
# "广西自治区").
_AUTONOMOUS_WORD = {"自治州": "州", "自治县": "县", "自治旗": "旗", "自治区": "自治区"}


def _autonomous_aliases(div: Division) -> list[str]:
    """Also the short name with the whole autonomous word ("镇宁自治县", "长阳自治县", "石柱自治县"),
    as county documents write it."""
    word = _AUTONOMOUS_WORD.get(div.division_type)
    if word is None or div.short_name == div.name:
        return []
    stem = re.sub(r"族$", "", div.short_name)
    aliases = {stem + word, stem + div.division_type}
    return sorted(a for a in aliases if len(a) >= 3 and a != div.name)


@functools.cache
def _load(seeds_dir: Path) -> RegionIndex:
    idx = RegionIndex()
    by_code: dict[str, list[Division]] = defaultdict(list)
    names: dict[str, list[Division]] = defaultdict(list)
    shorts: dict[str, list[Division]] = defaultdict(list)
    for r in _read(seeds_dir / "regions.csv"):
        if r["division_type"] == "其他县级":
            continue
        div = Division(
            code=r["code"],
            name=r["name"],
            short_name=r["short_name"] or r["name"],
            level=r["level"],
            division_type=r["division_type"],
            parent_code=r["parent_code"] or None,
            province_code=r["province_code"] or None,
            prefecture_code=r["prefecture_code"] or (r["code"] if r["level"] == "prefecture" else None),
            valid_from=_int(r["valid_from"]),
            valid_to=_int(r["valid_to"]),
            status=r["status"],
        )
        by_code[div.code].append(div)
        names[div.name].append(div)
        if div.short_name != div.name and len(div.short_name) >= 2:
            shorts[div.short_name].append(div)
        for alias in _autonomous_aliases(div):
            names[alias].append(div)
    for rows in by_code.values():
        rows.sort(key=lambda d: d.valid_from or 0)

    province_names: dict[str, list[str]] = defaultdict(list)
    for code, rows in by_code.items():
        if code.endswith("0000"):
            for row in rows:
                province_names[code] += [row.name, row.short_name]

    for r in _read(seeds_dir / "non_mca_county_units.csv"):
        level = "development_zone" if r["kind"] == "development_zone" else "county"
        pref = r["prefecture_code"] or None
        div = Division(
            code=r["code"],
            name=r["name"],
            short_name=r["name"],
            level=level,
            division_type=r["kind"],
            parent_code=pref or r["province_code"],
            province_code=r["province_code"] or None,
            prefecture_code=pref,
        )
        by_code[div.code].append(div)
        pref_row = by_code.get(pref or "", [None])[-1] if pref else None
        pref_short = pref_row.short_name if pref_row else None
        for alias in _zone_aliases(div.name, province_names.get(div.province_code or "", []), pref_short):
            # An MCA division of the same name (嘉峪关市 620200 vs the NBS-only unit 620201) is the
            # government that reports; the NBS statistical unit never shadows it.
            if names.get(alias):
                continue
            names[alias].append(div)

    town_names: dict[str, list[Division]] = defaultdict(list)
    town_shorts: dict[str, list[Division]] = defaultdict(list)
    for r in _read(seeds_dir / "towns.csv"):
        div = Division(
            code=r["code"],
            name=r["name"],
            short_name=r["short_name"] or r["name"],
            level="township",
            division_type="township",
            parent_code=r["parent_code"] or None,
            province_code=r["province_code"] or None,
            prefecture_code=r["prefecture_code"] or None,
            county_code=r["county_code"] or None,
        )
        by_code[div.code].append(div)
        town_names[div.name].append(div)
        if div.short_name != div.name:
            town_shorts[div.short_name].append(div)

    changes: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for r in _read(seeds_dir / "region_changes.csv"):
        changes[r["old_code"]].append((int(r["change_year"]), r["new_code"], r["kind"]))

    idx.by_code = dict(by_code)
    idx.names = dict(names)
    idx.shorts = dict(shorts)
    idx.town_names = dict(town_names)
    idx.town_shorts = dict(town_shorts)
    idx.changes = dict(changes)
    idx.max_len = max(len(k) for k in list(names) + list(shorts))
    return idx
