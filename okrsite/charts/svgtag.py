"""The `<svg>` tag of a drawing as vl-convert writes it: where it ends and the size it states.

Several steps rewrite a drawn chart's tag: the style sheet goes right after it (publish.themed),
an opaque background too (render.opaque_svg), a chart gets the size its page gave it before it was
drawn (publish.fitted), and a legend put back makes it higher (legends.py). The tag is read here
once, so they agree on what it looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = re.compile(rb"<svg\b[^>]*>")
_SIZE = re.compile(rb'\bwidth="(\d+)" height="(\d+)" viewBox="0 0 (\d+) (\d+)"')


@dataclass(frozen=True)
class Tag:
    """The `<svg>` tag at the start of a drawing: it ends at `end`; `size` (width, height) px,
    its viewBox `view` (width, height) from 0 0."""

    end: int
    size: tuple[int, int]
    view: tuple[int, int]


def svg_tag(svg: bytes) -> Tag | None:
    """The tag that opens `svg`, if it states a whole-pixel size and viewBox (vl-convert's do)."""
    m = OPEN.match(svg)
    s = _SIZE.search(svg, 0, m.end()) if m else None
    if m is None or s is None:
        return None
    w, h, vw, vh = (int(v) for v in s.groups())
    return Tag(m.end(), (w, h), (vw, vh))


def resized(svg: bytes, size: tuple[int, int], view: tuple[int, int]) -> bytes:
    """`svg` with its tag stating `size` and a viewBox of `view` (`svg` as it is without such a tag)."""
    m = OPEN.match(svg)
    s = _SIZE.search(svg, 0, m.end()) if m else None
    if s is None:
        return svg
    return svg[: s.start()] + b'width="%d" height="%d" viewBox="0 0 %d %d"' % (*size, *view) + svg[s.end():]
