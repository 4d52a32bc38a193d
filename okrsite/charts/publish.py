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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import jinja2

from ..model.organization import KeyResult, Objective, Unit
from ..model.periods import Period
from ..text.escape import xml_attr
from ..text.inline import inline_plain
from .badges import badge_svg, badge_words
from .catalog import aliases, all_charts, chart_id_of
from .data import ChartData, chart_data
from .render import FORMATS, PNG_FORMATS, ChartRenderer, Rendering, spec_text
from .specs import Chart
from .svgtag import OPEN, resized, svg_tag
from .theme import DARK_TEXT, FONT, LIGHT_TEXT
from .vega import MEASURE_FONT

VEGA_BUNDLE = "assets/okrsite/vega.js"
PNG_CHOICES = ("none", "current", "all")  # which charts get PNGs (docs/charts.md)


class ChartFiles(Protocol):
    """What pages need of a build's charts, drawn (`Published`) or not yet (`ChartPlan`)."""

    charts: dict[str, Chart]  # chart id -> chart
    sizes: dict[str, tuple[int, int]]  # chart id -> (width, height) px as published

    @property
    def paths(self) -> frozenset[str]:
        """The site paths of every chart file."""
        ...


@dataclass
class Published:
    files: dict[str, bytes]  # site path -> content
    charts: dict[str, Chart]  # chart id -> chart
    sizes: dict[str, tuple[int, int]]  # chart id -> (width, height) of its SVG, so pages do not jump

    @property
    def paths(self) -> frozenset[str]:
        return frozenset(self.files)


@dataclass
class ChartPlan:
    """A build's charts before any is drawn: each chart, its size (`Chart.size`, charts/specs.py) and
    every file it publishes, so a host lays out its pages while the charts are drawn (`chart_files`
    makes the files once they are)."""

    data: ChartData
    charts: dict[str, Chart]  # chart id -> chart
    texts: dict[str, str]  # chart id -> spec_text (hashed for the cache, published as .vl.json)
    alias_of: dict[str, str]  # alias id -> the current chart's id
    formats: tuple[str, ...]
    png_for: Callable[[str], bool]
    interactive: bool
    page_url: PageUrl | None
    dark_files: bool
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # chart id -> (width, height)
    things: dict[str, Objective | KeyResult] = field(default_factory=dict)  # chart id -> what gets a badge
    paths: frozenset[str] = frozenset()

    def start(self, renderer: ChartRenderer) -> Rendering:
        """Begin drawing the charts (ChartRenderer.start: raises ChartFontMissing at once)."""
        return renderer.start(self.texts.items(), self.formats, png_for=self.png_for)


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
    m = OPEN.search(svg)
    if m is None:
        return svg
    body = svg[m.end():]
    for attribute in _FONT_ATTRIBUTES:
        body = body.replace(attribute, b"")
    return svg[: m.end()] + SCHEME_STYLE + body


def fitted(svg: bytes, size: tuple[int, int]) -> bytes:
    """The SVG at `size`, the size its page gives it before it is drawn (charts/specs.py,
    `Chart.size`): a chart drawn less high gets the rest as blank space below its drawing; one
    drawn larger than its size (marks reaching further than any measured) is scaled to fit."""
    tag = svg_tag(svg)
    if tag is None or tag.size == size:
        return svg
    w, h = tag.size
    return resized(svg, size, (w, size[1]) if w == size[0] and h < size[1] else (w, h))


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
    """Every chart's files, drawn (or read from the cache) before it returns; see `plan`."""
    charts = plan(source, interactive=interactive, page_url=page_url, png=png, dark_files=dark_files)
    rendering = charts.start(renderer)
    return Published(dict(chart_files(charts, rendering.result, env, renderer.cache_dir)), charts.charts, charts.sizes)


def plan(source: ChartData | Any, *, interactive: bool = True, page_url: PageUrl | None = None,
         png: str = "none", dark_files: bool = False) -> ChartPlan:
    """Every chart of `source` (see charts.data.chart_data) and what it will publish.
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
    out = ChartPlan(data, charts, {cid: spec_text(c.spec) for cid, c in charts.items()}, alias_of, formats,
                    png_for, interactive, page_url, dark_files)
    out.sizes = {cid: c.size for cid, c in charts.items()}
    out.things = _things(data)
    out.paths = frozenset(path for path, *_ in _entries(out))
    return out


def _things(data: ChartData) -> dict[str, Objective | KeyResult]:
    """Chart id -> the objective or KR it draws (those get badges)."""
    things: dict[str, Objective | KeyResult] = {}
    for obj in data.objectives:
        things[chart_id_of(obj)] = obj
        for kr in obj.key_results:
            things[chart_id_of(kr)] = kr
    return things


def _entries(p: ChartPlan) -> Iterator[tuple[str, str, str]]:
    """(site path, what it is, chart id) of every file the plan publishes: a chart's own files, an
    alias's (its target's, under the alias's name), and the Vega bundle."""
    for name, target in [*((cid, cid) for cid in p.charts), *p.alias_of.items()]:
        yield chart_file(name, "svg"), "svg", target
        if p.dark_files:
            yield chart_file(name, "dark.svg"), "dark.svg", target
        if p.png_for(target):
            for fmt in (f for f in PNG_FORMATS if f in p.formats):
                yield chart_file(name, fmt), fmt, target
        if name != target:
            yield chart_file(name, "html"), "redirect", target
        else:
            yield chart_file(name, "vl.json"), "vl.json", target
            yield chart_file(name, "html"), "html", target
        if target in p.things:
            yield badge_file(name), "badge", target
    if p.interactive:
        yield VEGA_BUNDLE, "bundle", ""


_DRAWN = frozenset(("svg", "dark.svg", *PNG_FORMATS))  # the files made from a chart's drawing


def chart_files(p: ChartPlan, drawn: Callable[[], dict[tuple[str, str], bytes]], env: jinja2.Environment,
                cache_dir: Path | None = None) -> Iterator[tuple[str, bytes]]:
    """(site path, bytes) of every file of the plan: first those that need no drawing (iframe pages,
    specs, badges, the Vega bundle), then `drawn()` ({(chart id, format): bytes}: Rendering.result,
    which waits for the drawing) and the images, so a host writes the first while charts are drawn.
    `env` loads okrsite/embed.html; the Vega bundle is kept in `cache_dir`."""
    entries = list(_entries(p))
    template = env.get_template("okrsite/embed.html")
    for path, what, target in entries:
        if what not in _DRAWN:
            yield path, _undrawn_file(p, path, what, target, template, cache_dir)
    rendered = drawn()
    for path, what, target in entries:
        if what == "svg":
            yield path, fitted(themed(rendered[(target, "svg")]), p.sizes[target])
        elif what == "dark.svg":
            yield path, fitted(colored(rendered[(target, "svg")], DARK_TEXT), p.sizes[target])
        elif what in PNG_FORMATS:
            yield path, rendered[(target, what)]


def _undrawn_file(p: ChartPlan, path: str, what: str, target: str, template: jinja2.Template,
                  cache_dir: Path | None) -> bytes:
    if what == "redirect":
        return redirect_page(chart_file(target, "html"), path, p.charts[target].title)
    if what == "vl.json":
        return p.texts[target].encode("utf-8")
    if what == "html":
        page = _page_of(p.data, target) if p.page_url else None
        return template.render(
            chart=p.charts[target], image=posixpath.basename(chart_file(target, "svg")), lang=p.data.lang,
            interactive=p.interactive, spec=posixpath.basename(chart_file(target, "vl.json")),
            size=p.sizes[target], bundle=_relative(VEGA_BUNDLE, path),
            page=_relative(p.page_url(page), path) if page is not None else None, okr=p.data.words).encode("utf-8")
    if what == "badge":
        return badge(p.data, p.things[target]).encode("utf-8")
    return vega_bundle(cache_dir)


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
