"""Numbers as Chinese government reports write them, found in running text with their offsets.

Reports mix Arabic digits (with thousands commas once full-width punctuation has been normalised to
ASCII: "103,098件" but "38件,1件" is a clause break), decimals with 万/亿 ("1132.18万元"), Chinese
numerals ("六场", "两个", "十余次", "百余场次", "2万余条"), percentages ("93.1%", "百分之百"),
percentage points ("11个百分点") and hedges ("约170人", "40余项", "1100多件", "97%以上").

A number counts as a *quantity* only when a counter (件/宗/项/人次/万元/%...) follows it: that single
rule keeps years (2018年), dates (4月29日), document numbers (〔2017〕49号), durations (7年) and most
programme names (两法衔接, 三中全会, 12345热线) out, because none of them is followed by a counter.
Everything here is a pure function of the input string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pipelines.text.numerals import BIG, DIGITS, parse_chinese_int, to_halfwidth

QuantityKind = Literal["count", "amount", "percent", "points", "duration"]

# Counters (longest first inside each alternation). The kind says what the quantity measures.
_DURATION_UNITS = ("个工作日", "个月", "工作日", "小时", "分钟", "周年", "天")
_AMOUNT_UNITS = ("万元", "亿元", "元")
_COUNT_UNITS = (
    "人次", "件次", "场次", "批次", "户次", "余人", "个", "件", "宗", "起", "份", "条", "项", "次",
    "场", "人", "名", "户", "家", "期", "篇", "册", "张", "卷", "本", "批", "部", "处", "所", "类", "位",
)  # fmt: skip
_APPROX_PREFIX = ("大约", "将近", "接近", "超过", "多达", "约", "近", "逾", "超")
_APPROX_SUFFIX = ("以上", "左右", "上下", "有余")

# Thousands are grouped with commas ("103,098件") or, in typeset reports, with a space ("29 757件").
_ARABIC = r"(?<![\d.第])(?<!第[ ])(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d{1,3}(?:[ \u00a0]\d{3})+(?![\d.])|\d+(?:\.\d+)?)"
_CHINESE = r"(?<![第每之某单唯统逐零〇一二两三四五六七八九十百千万亿])[零〇一二两三四五六七八九十百千万亿]+"

_ALT = "|".join
# Some sites set every figure apart with spaces ("受理法律援助案件 537 件", "1.3 万件"): one space (ASCII,
# no-break, or an ideographic space already made ASCII) may stand after an Arabic number, never a line break.
_PAD = "[ \u00a0]"
QUANTITY_RE = re.compile(
    rf"""
    (?=[\d约大将接超多近逾百零〇一二两三四五六七八九十千万亿])  # cheap first-character filter
    (?P<pre>{_ALT(_APPROX_PREFIX)})?
    (?:
        百分之(?P<pct_cn>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)
      | (?P<num>{_ARABIC}|{_CHINESE})
        (?P<sp1>{_PAD})?
        (?P<hedge1>余|多)?
        (?P<mult>万|亿)?
        (?P<hedge2>余|多)?
        (?P<sp2>{_PAD})?
        (?P<unit>个百分点|%|{_ALT(_DURATION_UNITS)}|{_ALT(_AMOUNT_UNITS)}|{_ALT(_COUNT_UNITS)})
    )
    (?P<post>{_ALT(_APPROX_SUFFIX)})?
    """,
    re.VERBOSE,
)

_NUMBER_ONLY_RE = re.compile(
    rf"^(?P<pre>{_ALT(_APPROX_PREFIX)})?(?P<num>{_ARABIC}|[零〇一二两三四五六七八九十百千万亿]+)"
    r"(?P<hedge1>余|多)?(?P<mult>万|亿)?(?P<hedge2>余|多)?(?P<pct>%)?"
    rf"(?P<post>{_ALT(_APPROX_SUFFIX)})?$"
)


@dataclass(frozen=True)
class Quantity:
    """A number with its counter, as found in a text.

    value is the number times any 万/亿 multiplier (1132.18万元 -> 11321800.0); unit_raw is the counter
    without the multiplier (元, 件, %, 个百分点); start/end cover the whole expression including hedges
    and counter, num_start/num_end only the digits.
    """

    value: float
    kind: QuantityKind
    unit_raw: str
    approx: str | None
    start: int
    end: int
    num_start: int
    num_end: int
    chinese: bool = False


def _arabic_value(s: str) -> float:
    return float(s.replace(",", "").replace(" ", "").replace("\u00a0", ""))


def _number_value(num: str) -> float | None:
    if num[0].isdigit():
        return _arabic_value(num)
    v = parse_chinese_int(num)
    return None if v is None else float(v)


def _join_approx(*parts: str | None) -> str | None:
    marks = [p for p in parts if p]
    return "…".join(marks) if marks else None


def _kind(unit: str) -> QuantityKind:
    if unit == "%":
        return "percent"
    if unit == "个百分点":
        return "points"
    if unit in _DURATION_UNITS:
        return "duration"
    if unit in _AMOUNT_UNITS:
        return "amount"
    return "count"


def _from_match(m: re.Match[str], offset: int = 0) -> Quantity | None:
    pre, post = m.group("pre"), m.group("post")
    if m.group("pct_cn") is not None:
        raw = m.group("pct_cn")
        if raw.replace(".", "").replace("点", "").isdigit():
            value: float | None = float(raw.replace("点", "."))
        elif "点" in raw:
            whole, _, frac = raw.partition("点")
            w = parse_chinese_int(whole)
            digits = [DIGITS.get(c) for c in frac]
            value = None if w is None or None in digits else float(f"{w}.{''.join(map(str, digits))}")
        else:
            iv = parse_chinese_int(raw)
            value = None if iv is None else float(iv)
        if value is None:
            return None
        ns = m.start() + (len(pre) if pre else 0)
        return Quantity(value, "percent", "%", _join_approx(pre, post), m.start() + offset, m.end() + offset,
                        ns + offset, ns + 3 + len(raw) + offset, chinese=True)  # fmt: skip
    num = m.group("num")
    unit = m.group("unit")
    chinese = not num[0].isdigit()
    if chinese and (m.group("sp1") or m.group("sp2")):
        return None  # "十 个" is not how a count is written; a spaced figure is always Arabic
    # A lone 一 with a counter is almost always idiom (一次办, 一件事, 一个季度), never a statistic.
    # (万/亿 glued to a Chinese numeral belong to the numeral itself: 两万, 三亿.)
    if chinese and num == "一":
        return None
    value = _number_value(num)
    if value is None:
        return None
    mult = m.group("mult")
    if mult:
        value *= BIG[mult]
    unit_raw = unit
    if unit == "万元":
        value *= 10_000
        unit_raw = "元"
    elif unit == "亿元":
        value *= 100_000_000
        unit_raw = "元"
    hedge = m.group("hedge1") or m.group("hedge2")
    if unit == "余人":
        hedge, unit_raw = "余", "人"
    value = round(value, 6)
    return Quantity(
        value=value,
        kind=_kind(unit),
        unit_raw=unit_raw,
        approx=_join_approx(pre, hedge, post),
        start=m.start() + offset,
        end=m.end() + offset,
        num_start=m.start("num") + offset,
        num_end=m.end("num") + offset,
        chinese=chinese,
    )


# Positions and scores of an assessment have no counter after the number (the catalog units rank and
# points): a rank is an ordinal right after a ranking verb ("排名第3位", "列第41位", "位居全省第一",
# "排名全市第二名"), a score a number of 分 right after a score word ("总分770.83分", "评估总分为677.78分").
# Only these two shapes are read, as counts with the counters 名次 and 分, so that no other rule can take
# them; ordinals elsewhere (第二批, 第三次会议) and other 分 (十分, 分钟, 分局) stay unread.
RANK_UNIT, SCORE_UNIT = "名次", "分"
_RANK_VERBS = ("排名", "排在", "排", "列", "居")
_RANK_PEERS = ("", "全国", "全省", "全市", "全区", "全县", "全州", "全盟")
_SCORE_WORDS = ("总分", "得分", "评分", "总得分")
_SCORE_VERBS = ("", "为", "是", "达", "达到")
# The verb and peer words are matched, not looked behind (one alternation per position instead of a
# lookbehind per verb-peer pair): the quantity starts at 第 or at the score's digits.
_RANK_RE = re.compile(
    "(?:" + "|".join(sorted(_RANK_VERBS, key=len, reverse=True)) + ")"
    "(?:" + "|".join(p for p in _RANK_PEERS if p) + ")?"
    r"(?P<q>第(?P<num>\d{1,3}|[一二三四五六七八九十]{1,3})(?:位|名)?)(?![\d一二三四五六七八九十批次轮届期号条章款节个项年部类季])"
)
_SCORE_RE = re.compile(
    "(?:" + "|".join(sorted(_SCORE_WORDS, key=len, reverse=True)) + ")"
    "(?:" + "|".join(sorted((v for v in _SCORE_VERBS if v), key=len, reverse=True)) + ")?"
    r"(?P<q>(?P<num>\d{1,4}(?:\.\d{1,2})?)分)(?![钟局院支类别期批])"
)


def _assessment_quantities(text: str, offset: int) -> list[Quantity]:
    out = []
    for rx, unit in ((_RANK_RE, RANK_UNIT), (_SCORE_RE, SCORE_UNIT)):
        for m in rx.finditer(text):
            value = _number_value(m.group("num"))
            if value is None or value == 0:
                continue
            out.append(Quantity(value=value, kind="count", unit_raw=unit, approx=None, start=m.start("q") + offset,
                                end=m.end() + offset, num_start=m.start("num") + offset, num_end=m.end("num") + offset,
                                chinese=not m.group("num")[0].isdigit()))  # fmt: skip
    return out


def scan_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every number-with-counter in text, left to right, offsets shifted by offset, and the ranks and
    scores of an assessment (counters 名次 and 分).

    text should already be half-width (to_halfwidth); callers that need offsets into the original
    string can translate it first because the translation preserves lengths.
    """
    out: list[Quantity] = []
    for m in QUANTITY_RE.finditer(text):
        q = _from_match(m, offset)
        if q is not None:
            out.append(q)
    extra = _assessment_quantities(text, offset)
    if extra:
        taken = [(q.start, q.end) for q in out]
        out.extend(q for q in extra if not any(a < q.end and q.start < b for a, b in taken))
        out.sort(key=lambda q: q.start)
    return out


def parse_number(text: str) -> float | None:
    """The value of one written number, or None when text is not exactly one number.

    Accepts what the reports write, optionally hedged and with a percent sign or a trailing counter:
    "103,098" -> 103098, "1132.18万" -> 11321800, "1132.18万元" -> 11321800 (yuan), "六" -> 6,
    "十余" -> 10, "百余场次" -> 100, "2万余条" -> 20000, "93.1%" -> 93.1, "百分之百" -> 100,
    "约170人" -> 170. "38,1" (a clause break, not thousands) and "第六" (an ordinal) give None.
    """
    s = to_halfwidth(text.strip())
    if not s:
        return None
    m = QUANTITY_RE.fullmatch(s)
    if m is not None:
        q = _from_match(m)
        return None if q is None else q.value
    m2 = _NUMBER_ONLY_RE.match(s)
    if m2 is None:
        return None
    value = _number_value(m2.group("num"))
    if value is None:
        return None
    if m2.group("mult"):
        value *= BIG[m2.group("mult")]
    return round(value, 6)
