"""The files published for every chart, at stable paths, for the site and for wikis:

    charts/<id>.svg        the chart; a style sheet inside it gives dark text, or light text where
                           the reader's scheme is dark (`prefers-color-scheme`, which browsers
                           evaluate for an <img> from its `color-scheme`)
    charts/<id>.vl.json    the Vega-Lite spec (for the Vega editor, BI tools, the iframe page)
    charts/<id>.html       the iframe page: the SVG as an image, tooltips from the .vl.json
    charts/<id>.png  .dark.png   opaque light and dark PNGs, only where configured (`png`)
    charts/<id>.dark.svg   the SVG with light text, only where asked (`dark_files`)
    badges/<id>.svg        (objectives and KRs)

Current-period aliases (stable embed URLs) repeat only what a wiki hotlinks: the SVG, the PNGs
where they exist and the badge have the chart's bytes (an image cannot redirect, and an SVG shown
by <img> loads nothing else), and become hard links to the chart's own files once written
(source/hardlinks.py: the site's on_post_build, `okrsite export charts`), so they are stored once;
the iframe page is a small redirect to the chart's own. `okrsite export
charts` writes exactly these files; the MkDocs plugin adds them to the site. The iframe page
links to the chart's page on the site when the caller says where that is (`page_url`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2

from ..model.organization import KeyResult, Objective, Unit
from ..model.periods import Period
from ..text.escape import xml_attr
from ..text.inline import inline_plain
from .badges import badge_svg, badge_words
from .catalog import aliases, all_charts, chart_id_of
from .data import ChartData, chart_data
from .render import FORMATS, PNG_FORMATS, ChartRenderer, spec_text
from .specs import Chart
from .theme import DARK_TEXT, FONT, LIGHT_TEXT
from .vega import MEASURE_FONT

VEGA_BUNDLE = "assets/okrsite/vega.js"
PNG_CHOICES = ("none", "current", "all")  # which charts get PNGs (docs/charts.md)


@dataclass
class Published:
    files: dict[str, bytes]  # site path -> content
    charts: dict[str, Chart]  # chart id -> chart
    sizes: dict[str, tuple[int, int]]  # chart id -> (width, height) of its SVG, so pages do not jump


_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")
# The colours of both schemes, and the font list, said once (Vega writes the font it measured with,
# charts/vega.py, on every text element).
SCHEME_STYLE = (f"<style>svg{{color:{LIGHT_TEXT}}}text{{font-family:{FONT}}}"
                f"@media (prefers-color-scheme:dark){{svg{{color:{DARK_TEXT}}}}}</style>").encode("ascii")
_FONT_ATTRIBUTES = tuple(f' font-family="{font}"'.encode("ascii") for font in (MEASURE_FONT, FONT))


def colored(svg: bytes, color: str) -> bytes:
    return svg.replace(b"currentColor", color.encode("ascii"))


def themed(svg: bytes) -> bytes:
    """The chart drawn in `currentColor`, with the style sheet that sets it for both schemes and
    gives its text the theme's fonts."""
    m = _SVG_OPEN.search(svg)
    if m is None:
        return svg
    body = svg[m.end():]
    for attribute in _FONT_ATTRIBUTES:
        body = body.replace(attribute, b"")
    return svg[: m.end()] + SCHEME_STYLE + body


def chart_file(chart_id: str, ext: str) -> str:
    return f"charts/{chart_id}.{ext}"


def badge_file(chart_id: str) -> str:
    return f"badges/{chart_id}.svg"


PageUrl = Callable[[Objective | Unit | Period], str]  # a thing's page URL, relative to the site root


def _page_of(data: ChartData, chart_id: str) -> Objective | Unit | Period | None:
    """What a chart belongs to, whose page its iframe page links to."""
    parts = chart_id.split("/")
    if parts[0] == "okrs":
        return next((o for o in data.objectives if o.qid == "/".join(parts[1:4])), None)
    if parts[0] in ("units", "kpis"):  # a KPI's chart links to its unit's page (its KPI section)
        return data.units.get(parts[1])
    if parts[0] == "periods":
        return data.org.periods.get(parts[1])
    return None


def _relative(target: str, from_file: str) -> str:
    """A link from the file at `from_file` to `target` (both relative to the site root)."""
    rel = posixpath.relpath(target.rstrip("/") or ".", posixpath.dirname(from_file) or ".")
    return rel + "/" if (target.endswith("/") or target == "") and not rel.endswith("/") else rel


def redirect_page(target: str, from_file: str, title: str) -> bytes:
    """An alias's iframe page: sends the frame on to the chart's own page (a few hundred bytes)."""
    url = xml_attr(_relative(target, from_file))
    return (f'<!doctype html><meta charset="utf-8"><title>{xml_attr(title)}</title>'
            f'<meta http-equiv="refresh" content="0; url={url}"><link rel="canonical" href="{url}">'
            f'<a href="{url}">{xml_attr(title)}</a>\n').encode()


def publish(source: ChartData | Any, renderer: ChartRenderer, env: jinja2.Environment, *,
            interactive: bool = True, page_url: PageUrl | None = None,
            png: str = "none", dark_files: bool = False) -> Published:
    """Every chart's files (`source`: see charts.data.chart_data); `env` loads okrsite/embed.html.
    `png`: which charts get PNGs, "none", "current" (the current period's, which the aliases
    point at) or "all"; `dark_files`: also `.dark.svg` files with light text."""
    if png not in PNG_CHOICES:
        raise ValueError(f"charts.png must be one of {', '.join(PNG_CHOICES)}, not {png!r}")
    data = chart_data(source)
    charts = {c.id: c for c in all_charts(data)}
    alias_of = aliases(data)
    current = set(alias_of.values())
    png_for = {"none": lambda cid: False, "current": current.__contains__, "all": lambda cid: True}[png]
    formats = FORMATS + (PNG_FORMATS if png != "none" else ())
    texts = {cid: spec_text(c.spec) for cid, c in charts.items()}  # hashed for the cache and published
    rendered = renderer.render(texts.items(), formats, png_for=png_for)
    things: dict[str, Objective | KeyResult] = {}
    for obj in data.objectives:
        things[chart_id_of(obj)] = obj
        for kr in obj.key_results:
            things[chart_id_of(kr)] = kr
    files: dict[str, bytes] = {}
    template = env.get_template("okrsite/embed.html")
    for name, target in [*((cid, cid) for cid in charts), *alias_of.items()]:
        chart, svg = charts[target], rendered[(target, "svg")]
        files[chart_file(name, "svg")] = themed(svg)
        if dark_files:
            files[chart_file(name, "dark.svg")] = colored(svg, DARK_TEXT)
        for fmt in PNG_FORMATS:
            if (target, fmt) in rendered:
                files[chart_file(name, fmt)] = rendered[(target, fmt)]
        here = chart_file(name, "html")
        if name != target:
            files[here] = redirect_page(chart_file(target, "html"), here, chart.title)
        else:
            files[chart_file(name, "vl.json")] = texts[target].encode("utf-8")
            page = _page_of(data, target) if page_url else None
            files[here] = template.render(
                chart=chart, image=posixpath.basename(chart_file(name, "svg")), lang=data.lang,
                interactive=interactive, spec=posixpath.basename(chart_file(name, "vl.json")),
                size=_size(svg), bundle=_relative(VEGA_BUNDLE, here),
                page=_relative(page_url(page), here) if page is not None else None, okr=data.words).encode("utf-8")
        thing = things.get(target)
        if thing is not None:
            files[badge_file(name)] = badge(data, thing).encode("utf-8")
    if interactive:
        files[VEGA_BUNDLE] = vega_bundle(renderer.cache_dir)
    sizes = {cid: _size(rendered[(cid, "svg")]) for cid in charts}
    return Published(files, charts, sizes)


def _size(svg: bytes) -> tuple[int, int]:
    m = re.search(rb'<svg[^>]*\bwidth="(\d+)"[^>]*\bheight="(\d+)"', svg[:400])
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def badge(source: ChartData | Any, thing: Objective | KeyResult) -> str:
    data = chart_data(source)
    p = data.kr(thing) if isinstance(thing, KeyResult) else data.progress(thing)
    return badge_svg(*badge_words(data.words, p), inline_plain(thing.title))


def vega_bundle(cache_dir) -> bytes:
    """Vega + Vega-Lite + Vega-Embed in one file (~900 KB), as vl-convert ships it; producing it
    takes over a second, so it is cached next to the charts."""
    import vl_convert as vlc

    from .render import _version

    path = cache_dir / f"vega-bundle-{_version()}.js" if cache_dir else None
    if path is not None and path.exists():
        return path.read_bytes()
    data = vlc.javascript_bundle().encode("utf-8")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return data
