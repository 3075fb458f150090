"""The report as one self-contained HTML page: inline CSS and SVG, no script, no external file.

Every number links to the sentence it was read from (an anchor in the evidence section at the end),
so a journalist can check a figure before quoting it. All text from the warehouse is escaped.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from html import escape

from pipelines.publish import fmt
from pipelines.publish.data import Change, Document, Fact, ReportData, comparable
from pipelines.publish.svg import sparkline

AREA_LABEL = {
    "org_leadership": "组织领导 Leadership",
    "government_functions": "政府职能 Government functions",
    "institutional_system": "制度建设 Rules and normative documents",
    "decision_making": "依法决策 Decision-making",
    "law_enforcement": "行政执法 Law enforcement",
    "oversight": "监督 Oversight",
    "dispute_resolution": "化解纠纷 Dispute resolution",
    "capacity": "法治能力 Capacity and publicity",
}
STATUS = {
    "on_time": ("On time", "published before 1 April of the following year"),
    "late": ("Late", "published on or after 1 April of the following year"),
    "undated": ("Found, date unknown", "a report was found but its publication date is unknown"),
    "partial": ("Part of the year", "only a half-year (or multi-year) report was found"),
    "missing": ("Not found", "no report for this year in the warehouse"),
}
DOC_TYPE = {
    "annual_report": "annual report",
    "half_year_report": "half-year report",
    "work_summary": "work summary",
    "department_report": "department report",
}
MAX_ROWS_PER_CARD = 8
MAX_CHANGES = 30


def anchor(prefix: str, key: str) -> str:
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9_-]', '_', key)}"


def e(text: object) -> str:
    return escape("" if text is None else str(text))


def link_url(url: str | None) -> str:
    if not url:
        return '<span class="muted">no location</span>'
    if url.startswith(("http://", "https://")):
        return f'<a href="{e(url)}" rel="noopener noreferrer">{e(url)}</a>'
    return f'<code class="path">{e(url)}</code>'


def value_link(f: Fact) -> str:
    marks = ""
    if f.has_conflict:
        marks += '<span class="flag" title="another document states a different value">⚠</span>'
    if f.is_flagged:
        marks += '<span class="flag" title="flagged as implausible; check the sentence">?</span>'
    return (
        f'<a class="v" href="#{anchor("ev", f.mention_id)}" title="{e(f.evidence)}">'
        f"{e(fmt.value(f.value, f.unit, f.approx))}</a>{marks}"
    )


# ------------------------------------------------------------------------------------- sections


def header(d: ReportData) -> str:
    reports = [doc for doc in d.documents]
    annual = [c for c in d.cells.values() if c.status in ("on_time", "late")]
    on_time = sum(c.status == "on_time" for c in annual)
    span = f"{d.years[0]}–{d.years[-1]}" if d.years else "–"
    tiles = [
        (len(reports), "reports found"),
        (len(d.regions), "governments with a report"),
        (span, "years covered"),
        (len(d.facts), "indicator values with evidence"),
        (f"{on_time} / {len(annual)}" if annual else "–", "dated reports published on time"),
    ]
    tile_html = "".join(f'<div class="tile"><b>{e(v)}</b><span>{e(label)}</span></div>' for v, label in tiles)
    return (
        '<header><p class="kicker">fazhi · 法治政府建设年度报告</p>'
        "<h1>Rule-of-law reports of local governments</h1>"
        '<p class="lede">Which governments published their annual 法治政府建设 report, whether on time, '
        "and what numbers they reported. Every figure links to the sentence it was read from.</p>"
        f'<div class="tiles">{tile_html}</div>'
        f'<p class="muted small">Generated {e(d.generated_at.isoformat(sep=" "))} from {e(d.db_name)}. '
        "Reports are due before 1 April of the following year.</p></header>"
    )


def coverage(d: ReportData) -> str:
    if not d.regions:
        return (
            '<section id="coverage"><h2>Report coverage</h2><p class="empty">No report has been attributed to '
            "a region and a year yet: add pages to the inbox or enable sources, then run <code>fazhi build</code>."
            "</p></section>"
        )
    head = "".join(f'<th scope="col">{y}</th>' for y in d.years)
    rows = []
    province = object()
    for reg in d.regions:
        if reg.province_code != province:
            province = reg.province_code
            rows.append(
                f'<tr class="prov"><th colspan="{len(d.years) + 1}" scope="rowgroup">'
                f"{e(reg.province_name or reg.province_code or 'unknown province')}</th></tr>"
            )
        sub = " · ".join(x for x in (reg.prefecture_name, reg.level) if x)
        cells = []
        for y in d.years:
            c = d.cells.get((reg.code, y))
            status = c.status if c else "missing"
            label, meaning = STATUS[status]
            if c is None or status == "missing":
                cells.append(f'<td class="cell missing" title="{e(f"{reg.name} {y}: {label}")}">·</td>')
                continue
            date = c.publish_date.isoformat() if c.publish_date else "date unknown"
            kinds = ", ".join(DOC_TYPE.get(t, t) for t in c.doc_types)
            tip = (
                f"{reg.name} {y}: {label} ({meaning}). {kinds}; published {date}; {c.n_indicators} indicators"
            )
            months = c.annual_period_months
            if months is not None and months < 12:  # the year's annual report, on part of the year
                tip += f"; the annual report covers Jan–{fmt.month_name(months)} only"
            glyph = {"on_time": "✓", "late": "!", "undated": "?", "partial": "½"}[status]
            if months is not None and months < 12:
                glyph += f"<sup>1–{months}</sup>"
            short = c.publish_date.strftime("%y-%m-%d") if c.publish_date else "n.d."
            href = f' href="#{anchor("doc", c.document_id)}"' if c.document_id else ""
            cells.append(
                f'<td class="cell {status}" title="{e(tip)}"><a{href}><b>{glyph}</b>'
                f"<small>{e(short)}</small></a></td>"
            )
        rows.append(
            f'<tr><th scope="row" class="region"><span>{e(reg.name)}</span>'
            f"<small>{e(reg.code)}{' · ' + e(sub) if sub else ''}</small></th>{''.join(cells)}</tr>"
        )
    counts = defaultdict(int)
    for reg in d.regions:
        for y in d.years:
            c = d.cells.get((reg.code, y))
            counts[c.status if c else "missing"] += 1
    legend = "".join(
        f'<li><span class="sw {k}"></span>{e(label)} <span class="muted">({counts[k]})</span></li>'
        for k, (label, _) in STATUS.items()
    )
    return (
        '<section id="coverage"><h2>Report coverage</h2>'
        '<p class="muted">Regions that published at least one report, by province; one column per year. '
        "Hover a cell for details; click it to see the report. One rule decides what is the year's "
        "annual report (any report but a half-year one): a report through month N counts, is on time or "
        "late like any other, and is marked <sup>1–N</sup> for the months it covers.</p>"
        f'<ul class="legend">{legend}</ul>'
        f'<div class="scroll"><table id="coverage-heatmap" class="heatmap"><thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def trends(d: ReportData) -> str:
    if not d.facts:
        return '<section id="indicators"><h2>Indicators</h2><p class="empty">No indicator values yet.</p></section>'
    series = d.series()
    by_indicator: dict[str, list[list[Fact]]] = defaultdict(list)
    for (indicator, _region), facts in series.items():
        by_indicator[indicator].append(facts)
    multi = sum(1 for facts in series.values() if len({f.year for f in facts}) > 1)
    order = list(AREA_LABEL)
    areas: dict[str, list[str]] = defaultdict(list)
    for code in by_indicator:
        ind = d.indicators.get(code)
        areas[ind.area if ind and ind.area else "other"].append(code)
    blocks = []
    for area in sorted(areas, key=lambda a: (order.index(a) if a in order else len(order), a)):
        cards = []
        for code in sorted(areas[area], key=lambda c: (-len(by_indicator[c]), c)):
            cards.append(_card(d, code, by_indicator[code]))
        blocks.append(f'<h3>{e(AREA_LABEL.get(area, area))}</h3><div class="cards">{"".join(cards)}</div>')
    note = (
        f"{multi} region–indicator series span more than one year."
        if multi
        else "No region has two years of the same indicator yet, so there are no trend lines: each card "
        "lists the single values found. Lines appear as reports for more years are added."
    )
    return (
        '<section id="indicators"><h2>Indicators by region</h2>'
        f'<p class="muted">{e(note)} Values are whole-region figures; the period they cover is shown '
        "when it is not the full year.</p>"
        f"{''.join(blocks)}</section>"
    )


def _card(d: ReportData, code: str, all_series: list[list[Fact]]) -> str:
    ind = d.indicators.get(code)
    name_zh = ind.name_zh if ind else code
    name_en = ind.name_en if ind and ind.name_en else ""
    unit = fmt.UNIT_LABEL.get(ind.unit if ind else "", ind.unit if ind else "")
    all_series = sorted(all_series, key=lambda s: (-len(s), d.region_names.get(s[0].region_code, "")))
    rows = []
    for facts in all_series:
        region = d.region_names.get(facts[0].region_code, facts[0].region_code)
        chips = " ".join(
            f'<span class="chip"><span class="yr">{f.year}</span>{value_link(f)}{_period_note(f)}</span>'
            for f in facts
        )
        spark = sparkline(
            [
                (f.year, f.value, fmt.value(f.value, f.unit, f.approx), f"#{anchor('ev', f.mention_id)}")
                for f in facts
            ],
            joined=[False] + [comparable(a, b) for a, b in itertools.pairwise(facts)],
        )
        rows.append(f'<tr><th scope="row">{e(region)}</th><td>{chips}</td><td class="sp">{spark}</td></tr>')
    shown, rest = rows[:MAX_ROWS_PER_CARD], rows[MAX_ROWS_PER_CARD:]
    more = (
        f'<details><summary>{len(rest)} more regions</summary><table class="mini">{"".join(rest)}</table></details>'
        if rest
        else ""
    )
    return (
        f'<article class="card" id="{anchor("ind", code)}"><h4>{e(name_zh)}</h4>'
        f'<p class="en">{e(name_en)} <span class="unit">{e(unit)}</span></p>'
        f'<table class="mini">{"".join(shown)}</table>{more}</article>'
    )


def _period_note(f: Fact) -> str:
    if f.period == "full_year" or not f.period:
        return ""
    return f'<span class="period">{e(fmt.period(f.period))}</span>'


def changes(d: ReportData) -> str:
    found, skipped = d.changes()
    skipped_note = (
        f" {skipped} pairs of years were left out because their figures cover different periods "
        "(for example a half-year report against a full-year one)."
        if skipped
        else ""
    )
    if not found:
        return (
            '<section id="changes"><h2>Largest year-on-year changes</h2>'
            '<p class="empty">No region has two years of this indicator yet: changes appear once the '
            f"warehouse holds reports for consecutive years from the same government.{e(skipped_note)}</p></section>"
        )
    rows = []
    for c in found[:MAX_CHANGES]:
        rows.append(_change_row(d, c))
    return (
        '<section id="changes"><h2>Largest year-on-year changes</h2>'
        '<p class="muted">Between consecutive available years of the same region and indicator, with the same '
        f"period coverage; rates in percentage points (pp).{e(skipped_note)}</p>"
        '<div class="scroll"><table class="data"><thead><tr><th>Region</th><th>Indicator</th><th>Years</th>'
        '<th class="num">Before</th><th class="num">After</th><th class="num">Change</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _change_row(d: ReportData, c: Change) -> str:
    ind = d.indicators.get(c.indicator_code)
    direction = "up" if c.delta > 0 else ("down" if c.delta < 0 else "")
    return (
        f"<tr><td>{e(d.region_names.get(c.region_code, c.region_code))}</td>"
        f"<td>{e(ind.name_zh if ind else c.indicator_code)}</td>"
        f"<td>{c.before.year}→{c.after.year}</td>"
        f'<td class="num">{value_link(c.before)}</td><td class="num">{value_link(c.after)}</td>'
        f'<td class="num {direction}">{e(fmt.change(c.delta, c.relative, c.after.unit))}</td></tr>'
    )


def documents(d: ReportData) -> str:
    if not d.documents:
        return ""
    rows = []
    for doc in d.documents:
        rows.append(_doc_row(doc))
    return (
        '<section id="reports"><h2>Reports in the warehouse</h2>'
        '<div class="scroll"><table class="data"><thead><tr><th>Region</th><th>Year</th><th>Title</th>'
        '<th>Type</th><th>Published</th><th>On time</th><th class="num">Indicators</th><th>Source</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _doc_row(doc: Document) -> str:
    on_time = {True: '<span class="ok">yes</span>', False: '<span class="bad">late</span>', None: "–"}[
        doc.published_by_deadline
    ]
    kind = DOC_TYPE.get(doc.doc_type, doc.doc_type)
    if doc.period and doc.period != "full_year":
        kind += f" ({fmt.period(doc.period)})"
    return (
        f'<tr id="{anchor("doc", doc.document_id)}"><td>{e(doc.region_name or "unknown")}</td>'
        f"<td>{e(doc.year or '–')}</td><td>{e(doc.title or doc.issuer or '(untitled)')}</td>"
        f"<td>{e(kind)}</td><td>{e(doc.publish_date or '–')}</td><td>{on_time}</td>"
        f'<td class="num">{doc.n_indicators}</td><td class="src">{link_url(doc.url)}</td></tr>'
    )


def evidence(d: ReportData) -> str:
    if not d.facts:
        return ""
    titles = {doc.document_id: doc for doc in d.documents}
    by_doc: dict[str | None, list[Fact]] = defaultdict(list)
    for f in d.facts:
        by_doc[f.document_id].append(f)
    blocks = []
    for doc_id, facts in by_doc.items():
        doc = titles.get(doc_id or "")
        title = (doc.title or doc.issuer) if doc else None
        region = d.region_names.get(facts[0].region_code, facts[0].region_code)
        items = "".join(_evidence_item(d, f) for f in sorted(facts, key=lambda f: f.indicator_code))
        blocks.append(
            f'<div class="evdoc"><h3>{e(title or "(untitled document)")}</h3>'
            f'<p class="muted small">{e(region)} · {e(facts[0].year)} · {link_url(facts[0].url)}</p>'
            f"<ol>{items}</ol></div>"
        )
    return (
        '<section id="evidence"><h2>Evidence</h2>'
        '<p class="muted">Each value with the sentence that states it, the number highlighted.</p>'
        f"{''.join(blocks)}</section>"
    )


def _evidence_item(d: ReportData, f: Fact) -> str:
    ind = d.indicators.get(f.indicator_code)
    sentence = e(f.evidence)
    if f.mark:
        s, t = f.mark
        sentence = f"{e(f.evidence[:s])}<mark>{e(f.evidence[s:t])}</mark>{e(f.evidence[t:])}"
    notes = []
    if f.period and f.period != "full_year":
        notes.append(f"covers {fmt.period(f.period)}")
    if f.has_conflict and f.conflicting_values:
        other = ", ".join(fmt.value(v, f.unit) for v in f.conflicting_values)
        notes.append(f"other documents state {other}")
    if f.is_flagged:
        notes.append("flagged as implausible")
    note = f' <span class="note">({e("; ".join(notes))})</span>' if notes else ""
    written = f' <span class="muted">as written “{e(f.value_text)}”</span>' if f.value_text else ""
    return (
        f'<li id="{anchor("ev", f.mention_id)}"><span class="evhead"><b>{e(ind.name_zh if ind else f.indicator_code)}</b>'
        f" {e(fmt.value(f.value, f.unit, f.approx))}{written}{note}</span>"
        f'<blockquote lang="zh-CN">{sentence}</blockquote></li>'
    )


# ----------------------------------------------------------------------------------------- page

CSS = """
:root{--ink:#1d2433;--muted:#667085;--line:#e4e7ec;--bg:#fbfaf7;--accent:#1f5f8b;
--ok:#1b7f4b;--late:#d9822b;--undated:#6b9ac4;--partial:#a7c4a0;--missing:#f0f0ee}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);line-height:1.55;
font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",
"WenQuanYi Zen Hei","WenQuanYi Micro Hei",system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:32px 28px 64px}
header h1{font-size:2rem;margin:.1em 0 .2em;letter-spacing:-.01em}
.kicker{color:var(--accent);font-weight:600;margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:.8rem}
.lede{font-size:1.1rem;max-width:60em;margin:.2em 0 1em}
.muted{color:var(--muted)}.small{font-size:.85rem}
.tiles{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.tile{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 16px;min-width:150px}
.tile b{display:block;font-size:1.6rem;font-variant-numeric:tabular-nums}.tile span{color:var(--muted);font-size:.85rem}
nav{position:sticky;top:0;background:rgba(251,250,247,.95);border-bottom:1px solid var(--line);z-index:2;
padding:8px 28px;font-size:.9rem}nav a{margin-right:18px;color:var(--accent);text-decoration:none}
section{margin-top:40px}h2{font-size:1.4rem;border-bottom:2px solid var(--ink);padding-bottom:4px}
h3{font-size:1.1rem;margin:28px 0 10px}
.empty{background:#fff;border:1px dashed #c8ccd2;border-radius:8px;padding:14px 16px;color:var(--muted)}
.scroll{overflow-x:auto}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:16px;font-size:.88rem}
.sw{display:inline-block;width:14px;height:14px;border-radius:3px;margin-right:6px;vertical-align:-2px}
.heatmap{border-collapse:separate;border-spacing:3px;font-size:.85rem}
.heatmap thead th{font-weight:600;color:var(--muted);font-variant-numeric:tabular-nums}
.heatmap .prov th{text-align:left;padding:14px 4px 2px;font-size:.95rem;border-bottom:1px solid var(--line)}
.heatmap th.region{text-align:left;font-weight:500;padding-right:14px;white-space:nowrap}
.heatmap th.region small{display:block;color:var(--muted);font-weight:400;font-size:.75rem}
.cell{width:74px;height:42px;text-align:center;border-radius:5px;font-variant-numeric:tabular-nums}
.cell a{display:block;color:inherit;text-decoration:none}.cell b{display:block;font-size:1rem;line-height:1.1}
.cell small{font-size:.7rem;opacity:.9}
.on_time{background:var(--ok);color:#fff}.late{background:var(--late);color:#fff}
.undated{background:var(--undated);color:#fff}.partial{background:var(--partial);color:#1d2433}
.missing{background:var(--missing);color:#b0b4ba}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:14px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.card h4{margin:0;font-size:1rem}.card .en{margin:0 0 8px;color:var(--muted);font-size:.8rem}
.unit{background:#eef2f6;border-radius:4px;padding:0 5px;margin-left:4px;white-space:nowrap}
table.mini{width:100%;border-collapse:collapse;font-size:.88rem}
table.mini th{text-align:left;font-weight:500;white-space:nowrap;padding:4px 8px 4px 0;vertical-align:top}
table.mini td{padding:4px 0;border-top:1px solid #f2f4f7}table.mini tr:first-child td{border-top:0}
td.sp{width:136px;text-align:right}
.chip{display:inline-block;margin:0 8px 2px 0;white-space:nowrap}
.yr{color:var(--muted);font-size:.75rem;margin-right:4px}
.period{font-size:.7rem;color:#8a5a00;background:#fff4e0;border-radius:3px;padding:0 4px;margin-left:3px}
a.v{color:var(--accent);font-weight:600;text-decoration:none;border-bottom:1px dotted var(--accent);
font-variant-numeric:tabular-nums}
.flag{color:var(--late);margin-left:2px;font-size:.8rem;cursor:help}
.spark .line{fill:none;stroke:var(--accent);stroke-width:1.6}.spark .dot{fill:#fff;stroke:var(--accent);stroke-width:1.4}
.spark .dot.last{fill:var(--accent)}
table.data{border-collapse:collapse;width:100%;font-size:.88rem;background:#fff}
table.data th,table.data td{border-bottom:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top}
table.data th{background:#f5f6f8;font-weight:600}.num{text-align:right!important;font-variant-numeric:tabular-nums}
td.up{color:var(--ok);font-weight:600}td.down{color:#b42318;font-weight:600}
.ok{color:var(--ok)}.bad{color:#b42318}
td.src{max-width:280px;overflow-wrap:anywhere;font-size:.8rem}code.path{font-size:.8rem;color:var(--muted)}
.evdoc{background:#fff;border:1px solid var(--line);border-radius:10px;padding:4px 18px 10px;margin:14px 0}
.evdoc h3{margin:14px 0 0}.evdoc ol{padding-left:1.4em}.evdoc li{margin:10px 0;scroll-margin-top:60px}
.evdoc li:target{background:#fff8d6;outline:3px solid #fff8d6;border-radius:4px}
.evhead{font-size:.9rem}.note{color:#8a5a00;font-size:.85rem}
blockquote{margin:4px 0 0;padding:4px 12px;border-left:3px solid var(--line);color:#344054}
mark{background:#ffe58a;padding:0 2px;border-radius:2px}
tr:target{background:#fff8d6}
#reports td:nth-child(-n+2),#reports td:nth-child(5),#changes td:first-child{white-space:nowrap}
footer{margin-top:48px;color:var(--muted);font-size:.82rem;border-top:1px solid var(--line);padding-top:12px}
@media print{nav{display:none}.card,.evdoc{break-inside:avoid}}
"""


def page(d: ReportData) -> str:
    nav = (
        '<nav><a href="#coverage">Coverage</a><a href="#indicators">Indicators</a>'
        '<a href="#changes">Changes</a><a href="#reports">Reports</a><a href="#evidence">Evidence</a></nav>'
    )
    body = "".join([header(d), coverage(d), trends(d), changes(d), documents(d), evidence(d)])
    footer = (
        "<footer>Produced by fazhi from public government web pages. Values are as stated in the "
        "reports (whole-region figures only); ⚠ marks a value another document contradicts, ? one "
        "flagged as implausible. Check the evidence sentence before quoting a figure.</footer>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>fazhi — rule-of-law reports</title>"
        f"<style>{CSS}</style></head><body>{nav}<main>{body}{footer}</main></body></html>\n"
    )
