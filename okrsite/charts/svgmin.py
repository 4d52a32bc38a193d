"""What Vega writes into an SVG that an image never uses, left out once when a chart is rendered
(the cache holds the result, so a warm build pays nothing for it).

Pages and wikis show a chart with `<img>` (its `alt` says what it shows): an image takes no
pointer events, exposes no ARIA to assistive technology and no class names to the page's CSS.
So every tag loses `class`, `role`, `aria-*` and `pointer-events`, and the attributes that say
a default (`opacity="1"`, `transform="translate(0,0)"`); a group's background or foreground
path that is hidden or has neither fill nor stroke (it draws nothing) is left out. Together
about a quarter of a chart's bytes, the same pixels. Only tags are touched, never drawn text:
text between tags holds no `<`.
"""

from __future__ import annotations

import re

_TAG = re.compile(rb"<[^<>]*>")
_UNUSED = re.compile(rb' (?:class|role|aria-[a-z]+|pointer-events)="[^"]*"'
                     rb'| opacity="1"| transform="translate\(0,0\)"')
_FRAME_PATH = re.compile(rb'<path class="(?:background|foreground)"')
_PAINTS = re.compile(rb' (?:fill|stroke)="')


def _tag(m: re.Match[bytes]) -> bytes:
    tag = m.group()
    if _FRAME_PATH.match(tag) and (b' display="none"' in tag or not _PAINTS.search(tag)):
        return b""
    return _UNUSED.sub(b"", tag)


def minified(svg: bytes) -> bytes:
    """`svg` without what an image does not use (above)."""
    return _TAG.sub(_tag, svg)
