"""A legend that every chart of a template draws alike is laid out once, not once a chart.

Vega lays out a chart's legend anew each time: the KR charts' confidence legend (three sizes
and a title) was a third of their CPU, about 15 of 47 ms, and a 2,000-unit organization has
10,000 of them (issue 15). A legend whose entries the spec fixes (its scale's domain and its
values are given) and that sits at the bottom of the plot is the same drawing, at the same
place relative to the plot, in every chart of the template. So the renderer draws the first
chart of such a template twice, with and without its legends, and keeps the difference
(`LegendPart`): which group of the SVG the legends are, where, and how much higher they make
the drawing. Every later chart of the template is drawn without its legends and gets that
part put back (`with_legends`). The part is kept only when it rebuilds the first chart's SVG
byte for byte; otherwise, and for any other legend, charts are drawn whole as before.

This works on the SVG as published (charts/svgmin.py: tags without class or ARIA, text between
tags holding no `<`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .svgtag import Tag, resized, svg_tag

_LEGEND_CHANNELS = ("size", "shape", "opacity", "color", "fill", "stroke")
_TAG = re.compile(rb"<[^<>]*>")


def legend_encodings(layer: dict[str, Any]) -> list[dict[str, Any]]:
    """The encodings of `layer` that draw a legend (a field, and neither `legend` nor `scale` None)."""
    encoding = layer.get("encoding")
    if not isinstance(encoding, dict):
        return []
    return [enc for channel in _LEGEND_CHANNELS
            if isinstance(enc := encoding.get(channel), dict) and "field" in enc
            and enc.get("legend", {}) is not None and enc.get("scale", {}) is not None]  # `scale: None` draws none


def _fixed(enc: dict[str, Any]) -> bool:
    """The legend draws the same entries whatever the data: domain and values given, at the bottom."""
    legend, scale = enc.get("legend"), enc.get("scale")
    return (isinstance(legend, dict) and isinstance(scale, dict) and isinstance(scale.get("domain"), list)
            and isinstance(legend.get("values"), list) and legend.get("orient") == "bottom")


def legend_key(spec: dict[str, Any]) -> str | None:
    """What a chart's legends depend on (the layers that draw them, the plot's height, the config),
    or None when the spec has no legend or one that may differ from chart to chart."""
    layers = spec.get("layer")
    if not isinstance(layers, list):
        return None
    drawing = [layer for layer in layers if legend_encodings(layer)]
    if not drawing or not all(_fixed(enc) for layer in drawing for enc in legend_encodings(layer)):
        return None
    # a legend at the bottom sits under the x axis: its marks, its channels and the x axis place it
    shown = [[layer.get("mark"), {ch: enc for ch, enc in layer["encoding"].items() if ch in (*_LEGEND_CHANNELS, "x")}]
             for layer in drawing]
    # the title is the group the legends go before
    return json.dumps([shown, spec.get("height"), spec.get("config"), bool(spec.get("title"))],
                      sort_keys=True, ensure_ascii=False)


def without_legends(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` with every legend turned off (the marks and scales as before)."""
    def bare(layer: dict[str, Any]) -> dict[str, Any]:
        encoding = {channel: ({**enc, "legend": None} if enc in legend_encodings(layer) else enc)
                    for channel, enc in layer.get("encoding", {}).items()}
        return {**layer, "encoding": encoding} if legend_encodings(layer) else layer
    return {**spec, "layer": [bare(layer) for layer in spec["layer"]]}


@dataclass(frozen=True)
class LegendPart:
    """The legends of a template as drawn: `block`, the SVG of their group(s), goes into the group
    reached by `path` (child indices from the SVG's root), before its last `after` children;
    they make the drawing `extra` px higher."""

    path: tuple[int, ...]
    after: int
    block: bytes
    extra: int


@dataclass
class _Element:
    start: int
    end: int = -1
    children: list[_Element] | None = None


def _tree(body: bytes) -> _Element | None:
    """The elements of `body` (the SVG's content after its `<svg>` tag), None if unbalanced."""
    root = _Element(0, len(body), [])
    stack = [root]
    for m in _TAG.finditer(body):
        tag = m.group()
        if tag.startswith(b"</"):
            if len(stack) == 1:
                return None
            stack.pop().end = m.end()
        elif not tag.startswith((b"<?", b"<!")):
            element = _Element(m.start(), m.end(), None if tag.endswith(b"/>") else [])
            stack[-1].children.append(element)  # type: ignore[union-attr]
            if element.children is not None:
                stack.append(element)
    return root if len(stack) == 1 else None


_END = b"</svg>"


def _split(svg: bytes) -> tuple[Tag, bytes] | None:
    """The `<svg>` tag and what is between it and `</svg>`, for an SVG as vl-convert writes it."""
    tag = svg_tag(svg)
    if tag is None or tag.size[1] != tag.view[1] or not svg.endswith(_END):
        return None
    return tag, svg[tag.end: -len(_END)]


def _higher(svg: bytes, tag: Tag, extra: int) -> bytes:
    """The `<svg>` tag of `svg`, stating a drawing `extra` px higher."""
    (w, h), (vw, vh) = tag.size, tag.view
    return resized(svg[: tag.end], (w, h + extra), (vw, vh + extra))


def _insert_at(tree: _Element, path: tuple[int, ...], after: int) -> int | None:
    node = tree
    for index in path:
        if not node.children or index >= len(node.children):
            return None
        node = node.children[index]
    if node.children is None or after > len(node.children) or node is tree:
        return None
    if after:
        return node.children[-after].start
    return node.end - len(b"</g>") if node.end >= 0 else None


def with_legends(bare: bytes, part: LegendPart) -> bytes | None:
    """The SVG of a chart drawn without its legends (`bare`) with `part` put back; None when it
    has not the shape the part was learnt on."""
    split = _split(bare)
    tree = _tree(split[1]) if split else None
    if split is None or tree is None:
        return None
    tag, body = split
    at = _insert_at(tree, part.path, part.after)
    if at is None:
        return None
    return _higher(bare, tag, part.extra) + body[:at] + part.block + body[at:] + _END


def _places(tree: _Element, path: tuple[int, ...] = ()):
    """Every (path, after, offset) where a block of elements could go, deepest groups first."""
    for i, child in enumerate(tree.children or []):
        if child.children is not None:
            yield from _places(child, (*path, i))
    if path:
        children = tree.children or []
        for after in range(len(children) + 1):
            yield path, after, (children[-after].start if after else tree.end - len(b"</g>"))


def learned(full: bytes, bare: bytes) -> LegendPart | None:
    """The part that turns `bare` (a chart drawn without its legends) into `full` (the same chart
    drawn whole), if one block of whole elements inserted into one group does it exactly."""
    a, b = _split(full), _split(bare)
    tree = _tree(b[1]) if b else None
    if a is None or b is None or tree is None:
        return None
    (tag_a, whole), (tag_b, body) = a, b
    higher = tag_a.size[1] - tag_b.size[1]
    if higher < 0 or _higher(bare, tag_b, higher) != full[: tag_a.end]:
        return None
    extra = len(whole) - len(body)
    if extra <= 0:
        return None
    for path, after, at in _places(tree):
        if whole[:at] == body[:at] and whole[at + extra:] == body[at:]:
            block = whole[at: at + extra]
            part = LegendPart(path, after, block, higher)
            if _tree(block) is not None and block.startswith(b"<g") and with_legends(bare, part) == full:
                return part
    return None
