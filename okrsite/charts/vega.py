"""Vega-Lite specs made cheaper to render, with the same picture.

Profiling vl-convert on a 200-unit organization's own charts (bench/charts.py) showed where a KR
chart's ~50 ms goes: ~10 ms compiling Vega-Lite to Vega, the rest in Vega laying out marks and
measuring text (about 0.4 ms per Latin and 1 ms per Japanese string drawn). So:

- layers whose named dataset is empty are left out before rendering (an empty pace or final-result
  layer draws nothing but still costs its scenegraph); a layer that makes a legend is kept, so the
  picture is the same pixel for pixel;
- the Vega-Lite → Vega compilation does not depend on the data, the title or the description, so it
  runs once per *skeleton* (the spec without them: a few dozen per organization) and each chart's
  data and texts are put into a copy of the compiled Vega.

- what an image cannot use is left out (`for_image`): tooltips and ARIA attributes (an SVG shown by
  `<img>`, as pages and wikis show it, exposes neither; its `alt` says what it shows), which cost
  a formatted string per data point and a tenth of the SVG's bytes;
- text is measured with vl-convert's built-in sans-serif (Liberation Sans, held in memory) for Latin
  characters and falls back to the Japanese font for the rest: vl-convert measures a string by
  outlining its glyphs, and every glyph of a font found on disk maps the whole font file again
  (about 1,000 `mmap`s per KR chart with IPAexGothic first, a third of its CPU, most of it system
  time). The published SVG names the theme's fonts in its style sheet (charts/publish.py), so
  browsers draw it as before; only the measured widths (and a PNG's Latin glyphs) follow the
  built-in font.

- a title's wide (CJK) characters are measured as em dashes (`stand_ins`), which are as wide
  (1 em) in the built-in font, and the real lines are put back into the SVG (`restored`): the
  title and subtitle were about a third of a KR chart's CPU, for the reason above. Only a title
  can be measured so: vl-convert measures a line that mixes scripts wholly in the Japanese font,
  whose Latin letters and digits are wider than the built-in font's, so the stand-in is exact only
  for a line of wide characters; a title's width places nothing (it starts at the left, wrapped to
  fit by specs.wrap), and the samples' SVGs are byte for byte those of the real titles, but an axis
  label's width moves the plot (stand-ins for the axis labels and data made only of wide
  characters were tried: about 2% less CPU, not kept). Vega's `limit` still cuts a line too long
  for the chart (its stand-in is then not found whole, and the chart is drawn again with the real
  text).

The published `.vl.json` is the spec as built; only what vl-convert is given changes.
"""

from __future__ import annotations

import html
import json
import unicodedata
from typing import Any

from .legends import legend_encodings

_TITLE, _SUBTITLE, _DESCRIPTION = "\x00okrsite:title", "\x00okrsite:subtitle", "\x00okrsite:description"
_compiled: dict[str, dict[str, Any]] = {}  # skeleton JSON -> compiled Vega (per process)
MEASURE_FONT = "sans-serif"  # vl-convert's built-in Liberation Sans: measured without reading a file


def for_image(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` as an image needs it: no tooltips, no ARIA, text measured in the built-in font."""
    spec = {**spec, "config": {**spec.get("config", {}), "aria": False, "font": MEASURE_FONT}}
    layers = spec.get("layer")
    if isinstance(layers, list):
        return {**spec, "layer": [_untipped(layer) for layer in layers]}
    return _untipped(spec)


_EM = "\u2014"  # an em dash: 1 em wide, as a CJK character is


def stand_ins(spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """`spec` with its title's wide characters replaced by em dashes, and {stand-in line: real line}
    ({} and `spec` itself when nothing changes or two lines would get the same stand-in)."""
    title = spec.get("title")
    if not isinstance(title, dict):
        return spec, {}
    lines: dict[str, str] = {}
    shown = dict(title)
    for key in ("text", "subtitle"):
        if not isinstance(title.get(key), str):
            continue
        out = []
        for line in title[key].split("\n"):
            stand_in = "".join(_EM if unicodedata.east_asian_width(ch) in "WF" else ch for ch in line)
            if stand_in != line:
                if lines.setdefault(stand_in, line) != line:
                    return spec, {}
            out.append(stand_in)
        shown[key] = "\n".join(out)
    return ({**spec, "title": shown}, lines) if lines else (spec, {})


def restored(svg: str, lines: dict[str, str]) -> str | None:
    """`svg` with each stand-in line replaced by its real line; None unless each is found once, whole."""
    for stand_in, line in lines.items():
        drawn = f">{html.escape(stand_in, quote=False)}<"
        if svg.count(drawn) != 1:
            return None
        svg = svg.replace(drawn, f">{html.escape(line, quote=False)}<")
    return svg


def _untipped(layer: dict[str, Any]) -> dict[str, Any]:
    encoding = layer.get("encoding")
    if not isinstance(encoding, dict) or "tooltip" not in encoding:
        return layer
    return {**layer, "encoding": {k: v for k, v in encoding.items() if k != "tooltip"}}


def lean(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` without the layers that draw nothing (their named dataset is empty, no legend)."""
    datasets = spec.get("datasets") or {}
    layers = spec.get("layer")
    if not isinstance(layers, list) or not datasets:
        return spec
    kept = [layer for layer in layers
            if not (isinstance(layer.get("data"), dict) and layer["data"].get("name") in datasets)
            or datasets[layer["data"]["name"]] or legend_encodings(layer)]
    if not kept or len(kept) == len(layers):
        return spec
    used = {layer["data"]["name"] for layer in kept if isinstance(layer.get("data"), dict) and "name" in layer["data"]}
    return {**spec, "layer": kept, "datasets": {k: v for k, v in datasets.items() if k in used}}


def _substitute(node: Any, texts: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        return {k: _substitute(v, texts) for k, v in node.items()}
    if isinstance(node, list):
        return [_substitute(v, texts) for v in node]
    if isinstance(node, str) and node in texts:
        return texts[node]
    return node


def _skeleton(spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The spec with empty datasets and placeholder texts, and the texts the placeholders stand for."""
    texts: dict[str, Any] = {}
    skeleton = {**spec, "datasets": {name: [] for name in spec.get("datasets") or {}}}
    title = spec.get("title")
    if isinstance(title, dict):
        skeleton["title"] = dict(title)
        for key, mark in (("text", _TITLE), ("subtitle", _SUBTITLE)):
            if key in title:
                skeleton["title"][key], texts[mark] = mark, title[key]
    if isinstance(spec.get("description"), str):
        skeleton["description"], texts[_DESCRIPTION] = _DESCRIPTION, spec["description"]
    return skeleton, texts


def to_vega(spec: dict[str, Any], compile_vl, compile_skeleton=None) -> dict[str, Any]:
    """The Vega of `spec` (already lean), compiled once per skeleton with `compile_skeleton`
    (`compile_vl`, vl_convert.vegalite_to_vega, unless given: render.py's keeps skeletons in the
    chart cache); falls back to compiling the whole spec with `compile_vl` when the compiled
    skeleton does not hold every dataset and text as plain values."""
    datasets = spec.get("datasets") or {}
    skeleton, texts = _skeleton(spec)
    key = json.dumps(skeleton, sort_keys=True, ensure_ascii=False)
    if key not in _compiled:
        _compiled[key] = (compile_skeleton or compile_vl)(skeleton)
    vega = _substitute(_compiled[key], texts)
    data = vega.get("data", [])
    inline = {d.get("name") for d in data if "values" in d}
    if not set(datasets) <= inline or "\x00okrsite:" in json.dumps(vega, ensure_ascii=False):
        return compile_vl(spec)
    vega["data"] = [{**d, "values": datasets[d["name"]]} if d.get("name") in datasets and "values" in d
                    else d for d in data]
    return vega
