"""A key result's sparkline: its progress after each check-in as a tiny inline SVG.

Built by hand rather than through Vega-Lite and vl-convert: a polyline of a few points needs no
renderer, and inline SVG costs no request and no file. Every piece of text goes through
text/escape.py; the SVG refers to nothing outside itself (site/offline.py holds pages to that).
"""

from __future__ import annotations

from ..text.escape import xml_attr, xml_text

WIDTH, HEIGHT, PAD = 64, 18, 2  # px: about one line of table text


def _y(point: int, low: int, high: int) -> float:
    """A point's height: 0% at the bottom, 100% (or the highest point above it) at the top."""
    return round(HEIGHT - PAD - (point - low) / max(1, high - low) * (HEIGHT - 2 * PAD), 1)


def sparkline_svg(points: list[int], label: str) -> str:
    """An inline SVG polyline of shown progress points (whole percent, oldest first), "" when there are
    fewer than two (a single point says no more than the percentage beside it). `label` is its text
    alternative, e.g. "Progress at each check-in: 20%, 35%, 41%"."""
    if len(points) < 2:
        return ""
    low, high = min(0, *points), max(100, *points)
    step = (WIDTH - 2 * PAD) / (len(points) - 1)
    coords = " ".join(f"{round(PAD + i * step, 1)},{_y(p, low, high)}" for i, p in enumerate(points))
    last_x, last_y = coords.rsplit(" ", 1)[-1].split(",")
    return (f'<svg class="okr-spark" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{xml_attr(label)}">'
            f"<title>{xml_text(label)}</title>"
            f'<polyline points="{coords}" fill="none" stroke="currentColor" stroke-width="1.5" '
            f'stroke-linejoin="round" stroke-linecap="round"/>'
            f'<circle cx="{last_x}" cy="{last_y}" r="2" fill="currentColor"/></svg>')
