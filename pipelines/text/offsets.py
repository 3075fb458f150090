"""Carry positions from one text to another made of its lines (some dropped, each stripped).

A document file's page starts are offsets in the reader's text; the cleaner keeps some of its lines,
and understanding splits them into documents. Both outputs are the source's lines in order, so a
position is carried along by finding each kept line in the source.
"""

from __future__ import annotations

import bisect


def carry_offsets(src: str, positions: list[int], dst: str) -> list[int]:
    """Each position of `src` as a position of `dst`: inside a kept line it moves with the line;
    in a dropped stretch it goes to the next kept line's start (the end of `dst` past the last).
    The result is non-decreasing, like page starts."""
    if not positions:
        return []
    segments: list[tuple[int, int, int]] = []  # (src start, dst start, length) of each kept line
    cursor = 0
    at = 0
    for line in dst.split("\n"):
        text = line.strip()
        if text:
            found = src.find(text, cursor)
            if found >= 0:
                segments.append((found, at + line.index(text), len(text)))
                cursor = found + len(text)
        at += len(line) + 1
    ends = [s + n for s, _, n in segments]
    out: list[int] = []
    for pos in positions:
        k = bisect.bisect_right(ends, pos)
        if k >= len(segments):
            value = len(dst)
        else:
            s, d, _ = segments[k]
            value = d + (pos - s) if s <= pos else d
        out.append(max(value, out[-1]) if out else value)
    return out


def page_of(page_starts: list[int], offset: int) -> int | None:
    """The 1-based page an offset is on, or None when the text has no pages."""
    if not page_starts:
        return None
    return max(1, bisect.bisect_right(page_starts, offset))
