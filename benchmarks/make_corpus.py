"""Deterministic generator of realistic government report pages, for benchmarks that compare run to run.

Each page is one of the sample report bodies (seeds/pages/00*.txt, cut at the labelled first and last
body lines) re-issued by another real government: the sample's region, its prefecture and province are
replaced consistently by names from seeds/regions.csv, years are shifted to a new report year, counts
are rescaled, and the text is wrapped in the chrome of one of the CMS styles described in
/work/shared/reference/gov-pages.md (TRS with comment markers, Hanweb #zoom, 政务公开 metadata table,
legacy GB2312 table layout) or written as a WET-like text dump. A few pages are attachment-only shells.

Real pages are mixed in, each once, so speed is also measured on the shapes the reader meets in the
wild: page 20 of every 40 is, while they last, one of the repository's real pages in a fixed order (the
three real HTML pages of seeds/pages, the CMS fixtures of tests/fixtures/clean, then the real page
openings of tests/fixtures/real_*/ as text dumps, about 200 in all); `--no-real` leaves them out.

Page i depends only on (seed, i), so a 1,000-page corpus is the prefix of a 10,000-page one, and pages
are written one by one (nothing but a set of body digests is held in memory).

    .venv/bin/python benchmarks/make_corpus.py --pages 1000 --out /tmp/corpus --seed 1
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SAMPLES = SEEDS / "pages"
LABELS = ROOT / "tests" / "dev" / "labels.jsonl"

# Share of each page style (cumulative draw). Shells carry the report only as an attachment.
STYLES = (("trs", 0.30), ("hanweb", 0.22), ("xxgk", 0.20), ("legacy", 0.08), ("text", 0.15), ("shell", 0.05))
DEPARTMENTS = ("司法局", "市场监督管理局", "生态环境局", "自然资源局", "人力资源和社会保障局", "应急管理局")
NAV = (
    "首页",
    "要闻动态",
    "政务公开",
    "政务服务",
    "政民互动",
    "数据开放",
    "走进{short}",
    "专题专栏",
    "公共服务",
)
TOPBAR = ("简体版", "繁體版", "无障碍浏览", "长者模式", "关怀版", "登录", "注册", "热门搜索：", "智能问答")
TOOLS = ("【打印本页】", "【关闭窗口】", "分享到：", "扫一扫在手机打开当前页", "【字体：大 中 小】", "收藏")
FIRST_YEAR, LAST_YEAR = 2015, 2024  # report years drawn (a division is only used for years it existed)
COUNTERS = r"(?=(?:多|余)?(?:件次|人次|件|项|人|次|个|场|家|条|份|户|起|宗|万元|元|期|批|篇))"


@dataclass(frozen=True)
class Place:
    """A government and the names a report uses for it and for its parents."""

    code: str
    name: str
    short: str
    level: str
    prefecture: tuple[str, str] | None  # (name, short_name)
    province: tuple[str, str]
    valid_from: int = 0  # first year the division existed under this code


@dataclass(frozen=True)
class Base:
    """One sample report body with what must be substituted in it."""

    file: str
    title: str | None
    year: int
    place: Place
    lines: tuple[str, ...]


@dataclass(frozen=True)
class GeneratedPage:
    name: str
    body: bytes
    style: str
    region_code: str
    year: int


def _short(row: dict[str, str]) -> str:
    return row.get("short_name") or row["name"]


@cache
def regions() -> dict[str, dict[str, str]]:
    with (SEEDS / "regions.csv").open(encoding="utf-8") as f:
        return {r["code"]: r for r in csv.DictReader(f)}


@cache
def active_places() -> dict[str, tuple[Place, ...]]:
    """Active county- and prefecture-level governments, with parents' names, in a stable order."""
    regs = regions()
    out: dict[str, list[Place]] = {"county": [], "prefecture": []}
    with (SEEDS / "non_mca_county_units.csv").open(encoding="utf-8") as f:
        # Known issue (docs/benchmarks.md): a division sharing its name with an NBS-only unit (嘉峪关市)
        # is resolved to the unit, which fails a dbt test and so the whole build. Left out until fixed.
        clash = {r["name"] for r in csv.DictReader(f)}
    for code, r in sorted(regs.items()):
        if r["status"] != "active" or r["level"] not in out or int(r["valid_from"] or 0) > LAST_YEAR:
            continue
        if r["name"] in clash:
            continue
        out[r["level"]].append(_place(code))
    return {k: tuple(v) for k, v in out.items()}


def _place(code: str) -> Place:
    regs = regions()
    r = regs[code]
    prov = regs[r["province_code"]]
    pref_code = r["prefecture_code"] or (r["parent_code"] if r["level"] == "county" else "")
    pref = regs.get(pref_code) if pref_code and pref_code != r["province_code"] else None
    return Place(
        code,
        r["name"],
        _short(r),
        r["level"],
        (pref["name"], _short(pref)) if pref else None,
        (prov["name"], _short(prov)),
        int(r["valid_from"] or 0),
    )


def _base_place(code: str) -> Place:
    """The sample's own region: a region code, or a sub-county unit from towns.csv (named like a district)."""
    if code in regions():
        return _place(code)
    with (SEEDS / "towns.csv").open(encoding="utf-8") as f:
        town = next(r for r in csv.DictReader(f) if r["code"] == code)
    short = town["short_name"] or town["name"]
    parent = _place(town["county_code"] or town["parent_code"])  # 中山市-style towns sit under a prefecture
    return Place(code, short + "区", short, "county", (parent.name, parent.short), parent.province)


@cache
def bases() -> tuple[Base, ...]:
    """The labelled sample reports, body only (first to last labelled line)."""
    out = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        gold = label["documents"][0]
        if not gold.get("is_report") or not label["file"].endswith(".txt"):
            continue
        raw = (SAMPLES / label["file"]).read_text(encoding="utf-8")
        start = raw.find(gold["body_first"])
        end = raw.find(gold["body_last"], start) + len(gold["body_last"])
        lines = tuple(s.strip() for s in raw[start:end].splitlines() if s.strip())
        place = _base_place(gold["region_code"])
        out.append(Base(label["file"], gold.get("title"), gold["report_year"], place, lines))
    return tuple(out)


def _name_pattern(full: str, short: str, suffixes: str) -> str:
    alts = sorted({re.escape(full), re.escape(short) + f"(?:{suffixes})?"}, key=len, reverse=True)
    return "|".join(alts)


def substitute(text: str, base: Place, target: Place, year_shift: int) -> str:
    """Rename the base government (and its parents) to the target's names in one pass, shift years."""
    groups: list[tuple[str, str, str]] = []  # (pattern, full replacement, short replacement)
    groups.append((_name_pattern(base.name, base.short, "区|县|市|旗"), target.name, target.short))
    if base.prefecture:
        tp = target.prefecture or target.province
        groups.append((_name_pattern(*base.prefecture, "市|州|地区|盟"), tp[0], tp[1]))
    groups.append((_name_pattern(*base.province, "省|自治区|市"), *target.province))
    regex = re.compile("|".join(f"(?P<g{i}>{p})" for i, (p, _, _) in enumerate(groups)))

    shorts = [base.short, (base.prefecture or ("", ""))[1], base.province[1]]

    def repl(m: re.Match[str]) -> str:
        i = int((m.lastgroup or "g0")[1:])
        _, full, short = groups[i]
        return short if m.group() == shorts[i] else full

    text = regex.sub(repl, text)
    return re.sub(r"(?<!\d)(20[01]\d|202\d)(?!\d)", lambda m: str(int(m.group()) + year_shift), text)


def rescale_counts(text: str, rng: random.Random) -> str:
    """Counts before a counter word (件, 项, 人次 …) scaled by one factor per page: new figures, same prose."""
    factor = rng.uniform(0.55, 1.8)

    def repl(m: re.Match[str]) -> str:
        n = int(m.group())
        return str(max(1, round(n * factor))) if n >= 3 else m.group()

    return re.sub(r"(?<![\d.％%])\d{1,7}(?![\d.])" + COUNTERS, repl, text)


def _pick_style(rng: random.Random) -> str:
    x = rng.random()
    acc = 0.0
    for style, share in STYLES:
        acc += share
        if x < acc:
            return style
    return STYLES[-1][0]


def _issuer(place: Place, rng: random.Random) -> tuple[str, bool]:
    if rng.random() < 0.2:
        return place.name + rng.choice(DEPARTMENTS), True
    return place.name + "人民政府", False


def _title(issuer: str, place: Place, year: int, substituted: str | None, rng: random.Random) -> str:
    forms = (
        f"{issuer}关于{year}年度法治政府建设情况的报告",
        f"{issuer}{year}年法治政府建设年度报告",
        f"{year}年{place.name}法治政府建设工作报告",
        f"{issuer}{year}年度法治政府建设工作情况",
    )
    if substituted and rng.random() < 0.5:
        return substituted
    return rng.choice(forms)


def _site_code(place: Place, rng: random.Random) -> str:
    return f"{place.code}{rng.randint(1, 60):04d}"


def _publish_date(year: int, rng: random.Random) -> tuple[int, int, int]:
    # Most reports come out by the 1 April deadline of the following year; some are late.
    month = rng.choice((1, 2, 2, 3, 3, 3, 3)) if rng.random() < 0.8 else rng.randint(4, 12)
    return year + 1, month, rng.randint(1, 28)


def _links(rng: random.Random, n: int, place: Place) -> str:
    names = [f"{place.province[1]}{d}" for d in DEPARTMENTS] + ["国务院", "中国政府网", "省政府", "市政府"]
    return "".join(
        f'<li><a href="http://www.{rng.randint(100, 999)}.gov.cn/" target="_blank">{rng.choice(names)}</a></li>'
        for _ in range(n)
    )


def _head(title: str, site: str, date: str, source: str, extra_meta: str = "", charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{title}_{site}</title>"
        f'<meta name="SiteName" content="{site}"><meta name="ArticleTitle" content="{title}">'
        f'<meta name="PubDate" content="{date}"><meta name="ContentSource" content="{source}">{extra_meta}'
        '<link rel="stylesheet" href="/images/common.css"><script src="/js/jquery.min.js"></script></head>'
    )


def _header(place: Place, site: str, rng: random.Random) -> str:
    top = " | ".join(rng.sample(TOPBAR, 5))
    nav = "".join(
        f'<li><a href="/col/{i}/">{n.format(short=place.short)}</a></li>' for i, n in enumerate(NAV)
    )
    return (
        f'<div class="topbar">{top}</div><div class="logo"><img src="/images/logo.png" alt="{site}"></div>'
        f'<ul class="nav">{nav}</ul>'
    )


def _footer(place: Place, site: str, sitecode: str, rng: random.Random) -> str:
    return (
        f'<div class="links"><h3>政府网站</h3><ul>{_links(rng, rng.randint(20, 160), place)}</ul></div>'
        f'<div class="footer"><p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | 网站声明</p>'
        f"<p>主办单位：{site.replace('门户网站', '')}办公室 承办单位：{place.name}大数据中心</p>"
        f"<p>{place.province[1][:1]}ICP备{rng.randint(10**7, 10**8 - 1)}号 "
        f"{place.province[1][:1]}公网安备 {rng.randint(10**13, 10**14 - 1)}号 网站标识码：{sitecode}</p>"
        f'<script id="_jiucuo_" sitecode="{sitecode}" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>'
        '<script src="https://dcs.conac.cn/js/33/000/0000/60411007/CA330000000604110070000.js"></script></div>'
    )


def _paras(lines: list[str]) -> str:
    return "".join(f"<p>\u3000\u3000{html.escape(s)}</p>" for s in lines)


def _meta_table(rows: list[tuple[str, str]], cls: str) -> str:
    cells = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="{cls}">{cells}</table>'


def render(
    style: str,
    *,
    title: str,
    lines: list[str],
    place: Place,
    issuer: str,
    date: tuple[int, int, int],
    index: int,
    rng: random.Random,
) -> tuple[str, bytes]:
    """One page in one CMS style: returns (file suffix, bytes)."""
    y, m, d = date
    iso = f"{y}-{m:02d}-{d:02d}"
    hm = f"{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"
    site = f"{place.name}人民政府门户网站"
    sitecode = _site_code(place, rng)
    source = rng.choice((issuer, f"{place.name}司法局", f"{place.name}人民政府办公室"))
    index_no = f"{rng.randint(10**8, 10**9 - 1)}/{y}-{index % 100000:05d}"
    signature = [issuer, f"{y}年{m}月{d}日"]
    meta_rows = [
        ("索 引 号", index_no),
        ("主题分类", "政务公开"),
        ("发布机构", issuer),
        ("成文日期", f"{y}-{m:02d}-{max(1, d - 1):02d}"),
        ("标\u3000\u3000题", title),
        ("发文字号", ""),
        ("发布日期", iso),
    ]
    if style == "trs":
        url_meta = f'<meta name="Url" content="./t{y}{m:02d}{d:02d}_{index + 100000}.shtml">'
        credit = (
            f"<p>（责任编辑：{rng.choice('王李张刘陈杨赵黄周吴')}{rng.choice('伟芳娜敏静丽强磊洋艳')}）</p>"
        )
        body = f'<div class="TRS_Editor"><!--<$[信息内容]>begin-->{_paras(lines + signature)}<!--<$[信息内容]>end-->{credit}</div>'
        mobile = (
            f'<div class="mobile-article" style="display:none">{_paras(lines[:3])}</div>'
            if rng.random() < 0.2
            else ""
        )
        doc = (
            _head(title, site, f"{iso} {hm}", source, url_meta)
            + f"<body>{_header(place, site, rng)}"
            + '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 法治政府建设</div>'
            + f'<div class="article"><h1>{title}</h1><div class="info">发布日期：{iso} {hm} | 来源：{source} | '
            + "浏览次数： | 【字体：大 中 小】 | 打印 | 分享到：</div>"
            + f'<div id="dochtmlcon">{body}</div>{mobile}<div class="tools">{" ".join(rng.sample(TOOLS, 4))}</div>'
            + '<div class="prevnext">上一篇：关于开展执法监督检查的通知<br>下一篇：政务公开工作要点</div></div>'
            + _footer(place, site, sitecode, rng)
            + "</body></html>"
        )
        return ".shtml", doc.encode("utf-8")
    if style == "hanweb":
        extra = '<meta name="Author" content="大汉网络"><meta name="Generator" content="大汉版通">'
        doc = (
            _head(title, site, f"{iso} {hm}", source, extra)
            + f"<body>{_header(place, site, rng)}"
            + '<div class="bt-position">当前位置： 首页 / 政务公开 / 法治政府建设年度报告</div>'
            + f'<div class="main"><div class="title">{title}</div><div class="info">时间：{iso} 来源：{source} '
            + "字号：[ 大 中 小 ]</div>"
            + f'<div id="zoom" class="main-txt"><!--ZJEG_RSS.content.begin-->{_paras(lines + signature)}'
            + "<!--ZJEG_RSS.content.end--></div>"
            + f'<div class="tools">{" ".join(rng.sample(TOOLS, 3))}</div></div>'
            + _footer(place, site, sitecode, rng)
            + "<a href='http://www.hanweb.com' style='display:none'>Produced By 大汉网络 大汉版通发布系统</a></body></html>"
        )
        return ".html", doc.encode("utf-8")
    if style in {"xxgk", "shell"}:
        twice = rng.random() < 0.5
        tables = _meta_table(meta_rows, "xxgk-pc") + (_meta_table(meta_rows, "xxgk-mobile") if twice else "")
        if style == "shell":
            pdf = f"/xxgk/{y}{m:02d}/P0{index + 100000}.pdf"
            content = f'<p>附件：<a href="{pdf}">{html.escape(title)}.pdf</a></p>'
        else:
            content = _paras(lines + signature)
        doc = (
            _head(title, f"{place.name}政府信息公开", iso, source)
            + f"<body>{_header(place, site, rng)}<div class='crumb'>当前位置：首页 &gt; 政府信息公开 &gt; 法定主动公开内容</div>"
            + f'<div class="xxgk">{tables}<div id="zoom"><h2>{title}</h2>{content}</div>'
            + "<div class='down'>pdf下载 word下载</div></div>"
            + f'<div class="tools">{" ".join(rng.sample(TOOLS, 3))}</div>'
            + _footer(place, site, sitecode, rng)
            + "<p>政府信息公开基础平台</p></body></html>"
        )
        return ".html", doc.encode("utf-8")
    if style == "legacy":
        # Word-pasted paragraphs (upper-case tags, MsoNormal) or <BR>-separated lines in one cell.
        if rng.random() < 0.5:
            text = "".join(
                '<P class=MsoNormal style="TEXT-INDENT: 21pt"><FONT size=3><SPAN style="FONT-FAMILY: 宋体">'
                f"{html.escape(s)}</SPAN></FONT></P>\n"
                for s in lines + signature
            )
        else:
            text = "<BR>\n".join(f"&nbsp;&nbsp;&nbsp;&nbsp;{html.escape(s)}" for s in lines + signature)
        rows = f'<tr><td colspan="2" class="zw"><div id="Content">{text}</div></td></tr>'
        nav = " | ".join(n.format(short=place.short) for n in NAV)
        doc = (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f"<title>{title}</title></head><body>"
            f'<table width="778" align="center"><tr><td><img src="/images/banner.gif"></td></tr>'
            f"<tr><td>{nav}</td></tr></table>"
            '<table width="778" align="center"><tr><td width="180" valign="top">'
            f"<table>{_links(rng, rng.randint(10, 40), place).replace('li>', 'td>')}</table></td>"
            f'<td valign="top"><table width="100%"><tr><td align="center"><b>{title}</b></td></tr>'
            f'<tr><td align="center">{iso}　来源：{source}　点击数：{rng.randint(10, 9999)}</td></tr>{rows}'
            "<tr><td>[1]</td></tr></table></td></tr></table>"
            f'<table width="778" align="center"><tr><td>版权所有：{site} {place.province[1][:1]}ICP备'
            f"{rng.randint(10**7, 10**8 - 1)}号</td></tr></table></body></html>"
        )
        return ".htm", doc.encode("gb18030")
    # A WET-style text dump: chrome survives as short lines, navigation with intra-word spaces.
    spaced = " ".join(" ".join(n.format(short=place.short)) for n in NAV[:5])
    head = [f"• {t}" for t in rng.sample(TOPBAR, 4)] + [
        spaced,
        f"当前位置：首页 > 政务公开 > {rng.choice(('法治政府建设', '工作报告', '规划计划'))}",
        f"信息名称:{title}",
        f"索 引 号:{index_no}",
        f"发布机构:{issuer}",
        f"发布日期: {iso}",
        title,
        "",
    ]
    tail = [
        "",
        " ".join(rng.sample(TOOLS, 3)),
        "",
        "联系我们 | 网站地图 | 网站纠错",
        f"主办单位:{place.name}人民政府办公室 承办单位:{place.name}大数据中心",
        f"{place.province[1][:1]}公网安备{rng.randint(10**13, 10**14 - 1)}号 网站标识码:{sitecode} "
        f"{place.province[1][:1]}ICP备{rng.randint(10**7, 10**8 - 1)}号",
    ]
    return ".txt", "\n".join(head + [s + "\n" for s in lines + signature] + tail).encode("utf-8")


def make_page(seed: int, index: int, salt: int = 0) -> GeneratedPage:
    """Page `index` of the corpus for `seed` (salt re-rolls it when its body collided with an earlier one)."""
    rng = random.Random(f"{seed}:{index}:{salt}")
    base = rng.choice(bases())
    places = active_places()["prefecture" if base.place.level == "prefecture" else "county"]
    place = rng.choice(places)
    year = rng.randint(
        max(FIRST_YEAR, place.valid_from), LAST_YEAR
    )  # a report of a year the division existed
    shift = year - base.year
    issuer, _ = _issuer(place, rng)
    lines = [rescale_counts(substitute(s, base.place, place, shift), rng) for s in base.lines]
    title = _title(
        issuer,
        place,
        year,
        substitute(base.title, base.place, place, shift) if base.title else None,
        rng,
    )
    style = _pick_style(rng)
    suffix, body = render(
        style,
        title=title,
        lines=lines,
        place=place,
        issuer=issuer,
        date=_publish_date(year, rng),
        index=index,
        rng=rng,
    )
    return GeneratedPage(f"{index:06d}_{style}{suffix}", body, style, place.code, year)


REAL_EVERY, REAL_AT = 40, 20
FIXTURES = ROOT / "tests" / "fixtures"


@cache
def real_pages() -> tuple[tuple[str, bytes], ...]:
    """(suffix, bytes) of the repository's real pages, in a fixed order, each body once."""
    files = [
        *sorted(SAMPLES.glob("*.html")),
        *sorted((FIXTURES / "clean").glob("*.html")),
        *sorted(FIXTURES.glob("real_*/*.txt")),
    ]
    out: dict[bytes, tuple[str, bytes]] = {}
    for f in files:
        body = f.read_bytes()
        out.setdefault(hashlib.sha256(body).digest()[:16], (f.suffix, body))
    return tuple(out.values())


def _real_page(index: int) -> GeneratedPage | None:
    if index % REAL_EVERY != REAL_AT:
        return None
    k = index // REAL_EVERY
    found = real_pages()
    if k >= len(found):
        return None
    suffix, body = found[k]
    style = "real_text" if suffix == ".txt" else "real_html"
    return GeneratedPage(f"{index:06d}_real{suffix}", body, style, "", 0)


def generate(pages: int, seed: int, real: bool = True) -> Iterator[GeneratedPage]:
    """Yield pages 0..pages-1; every body is distinct (sha256), re-rolled in the rare case it is not."""
    seen: set[bytes] = set()
    for i in range(pages):
        found = _real_page(i) if real else None
        if found is not None and hashlib.sha256(found.body).digest()[:16] not in seen:
            seen.add(hashlib.sha256(found.body).digest()[:16])
            yield found
            continue
        salt = 0
        while True:
            page = make_page(seed, i, salt)
            digest = hashlib.sha256(page.body).digest()[:16]
            if digest not in seen:
                break
            salt += 1
        seen.add(digest)
        yield page


def write_corpus(pages: int, out: Path, seed: int, real: bool = True) -> dict[str, int]:
    """Write the corpus to `out` file by file; returns page counts per style."""
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for page in generate(pages, seed, real):
        (out / page.name).write_bytes(page.body)
        counts[page.style] = counts.get(page.style, 0) + 1
    return counts


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-real", action="store_true", help="generated pages only, no real pages mixed in")
    args = ap.parse_args(argv)
    counts = write_corpus(args.pages, args.out, args.seed, real=not args.no_real)
    size = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    print(f"{args.pages} pages ({size / 1e6:.1f} MB) in {args.out}: {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
