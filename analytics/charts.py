"""Small SVG charts drawn on the server: no chart library, no script, no inline style.

Each function returns safe markup: an <svg> with a <title> and <desc> for screen readers,
colours from CSS classes (analytics/dashboard.css) so both themes read well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 36


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    css: str  # series-1 … series-6


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step:
            return step
    return float(int(value * 1.1) + 1)


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _axes(labels: Sequence[str], top: float, *, percent: bool = False) -> list[SafeString]:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts: list[SafeString] = []
    for i in range(5):
        y = TOP + plot_h * i / 4
        value = top * (4 - i) / 4
        text = f"{value * 100:.0f}%" if percent else _fmt(value)
        parts.append(
            format_html(
                '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>',
                LEFT,
                WIDTH - RIGHT,
                _fmt(y),
                _fmt(y),
                LEFT - 6,
                _fmt(y + 4),
                text,
            )
        )
    n = len(labels)
    every = max(1, n // 8)
    for i, label in enumerate(labels):
        if i % every and i != n - 1:
            continue
        x = LEFT + (plot_w * (i + 0.5) / n if n else 0)
        parts.append(
            format_html(
                '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                _fmt(x),
                HEIGHT - BOTTOM + 16,
                label,
            )
        )
    return parts


def _legend(series: Sequence[Series]) -> SafeString:
    return format_html(
        '<ul class="legend">{}</ul>',
        format_html_join(
            "", '<li><span class="swatch {}"></span>{}</li>', ((s.css, s.name) for s in series)
        ),
    )


def _svg(title: str, desc: str, body: list[SafeString], series: Sequence[Series]) -> SafeString:
    return format_html(
        '<figure class="chart"><svg viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>{}</figure>',
        WIDTH,
        HEIGHT,
        _id(title),
        _id(title),
        _id(title),
        title,
        _id(title),
        desc,
        mark_safe("".join(body)),  # noqa: S308 - every part comes from format_html
        _legend(series),
    )


def _id(title: str) -> str:
    return "chart-" + "".join(c if c.isalnum() else "-" for c in title.lower())


def line_chart(
    title: str, labels: Sequence[str], series: Sequence[Series], *, percent: bool = False
) -> SafeString:
    """Lines over time, one per series; gaps where a value is None."""
    values = [v for s in series for v in s.values if v is not None]
    top = 1.0 if percent else _nice_max(max(values, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(labels)
    body = _axes(labels, top, percent=percent)
    for s in series:
        points = []
        for i, value in enumerate(s.values):
            if value is None:
                continue
            x = LEFT + plot_w * (i + 0.5) / max(n, 1)
            y = TOP + plot_h * (1 - float(value) / top)
            points.append((x, y))
        if not points:
            continue
        path = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
        body.append(format_html('<polyline class="line {}" points="{}"/>', s.css, path))
        body.extend(
            format_html('<circle class="dot {}" cx="{}" cy="{}" r="2.5"/>', s.css, _fmt(x), _fmt(y))
            for x, y in points
        )
    last = ", ".join(
        f"{s.name} {_fmt(float(s.values[-1]))}"
        for s in series
        if s.values and s.values[-1] is not None
    )
    desc = f"{n} points from {labels[0]} to {labels[-1]}; latest: {last}." if n else "No data."
    return _svg(title, desc, body, series)


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float], css: str) -> SafeString:
    """One bar per label (a funnel: each step out of the first)."""
    top = _nice_max(max(values, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(values)
    body = _axes(labels, top)
    slot = plot_w / max(n, 1)
    for i, value in enumerate(values):
        h = plot_h * float(value) / top
        body.append(
            format_html(
                '<rect class="bar {}" x="{}" y="{}" width="{}" height="{}"/>'
                '<text class="value" x="{}" y="{}" text-anchor="middle">{}</text>',
                css,
                _fmt(LEFT + slot * i + slot * 0.15),
                _fmt(TOP + plot_h - h),
                _fmt(slot * 0.7),
                _fmt(h),
                _fmt(LEFT + slot * (i + 0.5)),
                _fmt(TOP + plot_h - h - 4),
                _fmt(float(value)),
            )
        )
    desc = "; ".join(f"{label}: {_fmt(float(v))}" for label, v in zip(labels, values, strict=True))
    return _svg(title, desc or "No data.", body, [Series(title, values, css)])
