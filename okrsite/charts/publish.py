"""The files published for every chart, at stable paths, for the site and for wikis:

    charts/<id>.svg  .png  .vl.json  .html      (the iframe page)
    badges/<id>.svg                              (objectives and KRs)

and the same under the current-period aliases. `okrsite export charts` writes exactly these
files; the MkDocs plugin adds them to the site. The iframe page links to the chart's page on
the site when the caller says where that is (`page_url`): pages are the site's business.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2

from ..model.organization import KeyResult, Objective, Unit
from ..model.periods import Period
from ..text.escape import script_json
from ..text.inline import inline_plain
from .badges import badge_svg, badge_words
from .catalog import aliases, all_charts, chart_id_of
from .data import ChartData, chart_data
from .render import FORMATS, ChartRenderer
from .specs import Chart

VEGA_BUNDLE = "assets/okrsite/vega.js"


@dataclass
class Published:
    files: dict[str, bytes]  # site path -> content
    charts: dict[str, Chart]  # chart id -> chart
    sizes: dict[str, tuple[int, int]]  # chart id -> (width, height) of its SVG, so pages do not jump


# Charts are drawn in `currentColor`; files fix it to a colour for light backgrounds (wikis, the
# site's light scheme) and, for the site's dark scheme, to one for dark backgrounds.
LIGHT_TEXT, DARK_TEXT = "#1f2329", "#e3e5e8"


def colored(svg: bytes, color: str) -> bytes:
    return svg.replace(b"currentColor", color.encode("ascii"))


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


def publish(source: ChartData | Any, renderer: ChartRenderer, env: jinja2.Environment, *,
            interactive: bool = True, page_url: PageUrl | None = None,
            formats: tuple[str, ...] = FORMATS) -> Published:
    """Every chart's files (`source`: see charts.data.chart_data); `env` loads okrsite/embed.html.
    `formats` without "png" publishes no PNGs (a site built where no Japanese font is installed)."""
    data = chart_data(source)
    charts = {c.id: c for c in all_charts(data)}
    rendered = renderer.render([(c.id, c.spec) for c in charts.values()], formats)
    things: dict[str, Objective | KeyResult] = {}
    for obj in data.objectives:
        things[chart_id_of(obj)] = obj
        for kr in obj.key_results:
            things[chart_id_of(kr)] = kr
    files: dict[str, bytes] = {}
    template = env.get_template("okrsite/embed.html")
    for name, target in [*((cid, cid) for cid in charts), *aliases(data).items()]:
        chart, svg = charts[target], rendered[(target, "svg")]
        files[chart_file(name, "svg")] = colored(svg, LIGHT_TEXT)
        files[chart_file(name, "dark.svg")] = colored(svg, DARK_TEXT)
        if "png" in formats:
            files[chart_file(name, "png")] = rendered[(target, "png")]
        files[chart_file(name, "vl.json")] = json.dumps(chart.spec, ensure_ascii=False, indent=1).encode("utf-8")
        here = chart_file(name, "html")
        page = _page_of(data, target) if page_url else None
        html = template.render(chart=chart, svg=colored(svg, LIGHT_TEXT).decode("utf-8"), lang=data.lang,
                               interactive=interactive,
                               spec_json=script_json(chart.spec),
                               bundle=_relative(VEGA_BUNDLE, here),
                               page=_relative(page_url(page), here) if page is not None else None,
                               okr=data.words)
        files[here] = html.encode("utf-8")
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
