"""Inline SVG sparklines: a trend readable at a glance, with no script or external library."""

from __future__ import annotations

from html import escape


def sparkline(
    points: list[tuple[int, float, str, str]],
    *,
    joined: list[bool] | None = None,
    width: int = 132,
    height: int = 34,
) -> str:
    """points: (year, value, label, href). Years place the x axis, so a gap year leaves a gap.
    joined[i] says whether point i may be joined to point i-1 by the line (values of comparable
    periods); an unjoined point starts a new line, so no segment suggests a change that is not one."""
    if len(points) < 2:
        return ""
    pad = 5
    years = [p[0] for p in points]
    values = [p[1] for p in points]
    y0, y1 = min(years), max(years)
    v0, v1 = min(values), max(values)

    def x(year: int) -> float:
        return pad + (year - y0) / (y1 - y0) * (width - 2 * pad) if y1 > y0 else width / 2

    def y(v: float) -> float:
        return height / 2 if v1 == v0 else pad + (v1 - v) / (v1 - v0) * (height - 2 * pad)

    joined = joined if joined is not None else [False] + [True] * (len(points) - 1)
    runs: list[list[tuple[int, float, str, str]]] = []
    for point, join in zip(points, joined, strict=True):
        if join and runs:
            runs[-1].append(point)
        else:
            runs.append([point])
    lines = "".join(
        '<polyline points="{}" class="line"/>'.format(
            " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v, _, _ in run)
        )
        for run in runs
        if len(run) > 1
    )
    dots = []
    for i, (yr, v, label, href) in enumerate(points):
        last = i == len(points) - 1
        dots.append(
            f'<a href="{escape(href)}"><circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="{3.2 if last else 2.4}" '
            f'class="{"dot last" if last else "dot"}"><title>{escape(f"{yr}: {label}")}</title></circle></a>'
        )
    summary = f"{years[0]}–{years[-1]}: " + ", ".join(label for _, _, label, _ in points)
    return (
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(summary)}"><title>{escape(summary)}</title>'
        f"{lines}{''.join(dots)}</svg>"
    )
