"""The files published for every chart, at stable paths, for the site and for wikis:

    charts/<id>.svg  .png  .vl.json  .html      (the iframe page)
    badges/<id>.svg                              (objectives and KRs)

and the same under the current-period aliases. `okrsite export charts` writes exactly these
files; the MkDocs plugin adds them to the site.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import jinja2

from ..model.organization import KeyResult, Objective
from ..site import urls
from ..text.escape import script_json
from .badges import badge_svg
from .catalog import aliases, all_charts, chart_id_of
from .render import ChartRenderer
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


def _page_of(view, chart_id: str) -> str | None:
    """The site page a chart belongs to (its iframe page links there)."""
    parts = chart_id.split("/")
    if parts[0] == "okrs":
        return f"okrs/{parts[1]}/{parts[2]}/{parts[3]}.md"
    if parts[0] == "units":
        return urls.unit_uri(parts[1])
    if parts[0] == "periods" and parts[1] in view.org.periods:
        return urls.period_uri(parts[1])
    return None


def publish(view, renderer: ChartRenderer, env: jinja2.Environment, *, interactive: bool = True) -> Published:
    charts = {c.id: c for c in all_charts(view)}
    rendered = renderer.render([(c.id, c.spec) for c in charts.values()])
    alias_of = aliases(view)
    things: dict[str, Objective | KeyResult] = {}
    for obj in view.objectives:
        things[chart_id_of(obj)] = obj
        for kr in obj.key_results:
            things[chart_id_of(kr)] = kr
    files: dict[str, bytes] = {}
    template = env.get_template("okrsite/embed.html")
    for name, target in [*((cid, cid) for cid in charts), *alias_of.items()]:
        chart = charts[target]
        svg, png = colored(rendered[(target, "svg")], LIGHT_TEXT), rendered[(target, "png")]
        files[chart_file(name, "svg")] = svg
        files[chart_file(name, "dark.svg")] = colored(rendered[(target, "svg")], DARK_TEXT)
        files[chart_file(name, "png")] = png
        files[chart_file(name, "vl.json")] = json.dumps(chart.spec, ensure_ascii=False, indent=1).encode("utf-8")
        here = urls.to_url(chart_file(name, "html"), use_directory_urls=False)
        page = _page_of(view, target)
        html = template.render(chart=chart, svg=svg.decode("utf-8"), lang=view.lang, interactive=interactive,
                               spec_json=script_json(chart.spec),
                               bundle=urls.relative(VEGA_BUNDLE, here),
                               page=urls.relative(urls.to_url(page, view.use_directory_urls), here) if page else None,
                               okr=view)
        files[chart_file(name, "html")] = html.encode("utf-8")
        thing = things.get(target)
        if thing is not None:
            files[badge_file(name)] = badge(view, thing).encode("utf-8")
    if interactive:
        files[VEGA_BUNDLE] = vega_bundle(renderer.cache_dir)
    sizes = {cid: _size(rendered[(cid, "svg")]) for cid in charts}
    return Published(files, charts, sizes)


def _size(svg: bytes) -> tuple[int, int]:
    m = re.search(rb'<svg[^>]*\bwidth="(\d+)"[^>]*\bheight="(\d+)"', svg[:400])
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def badge(view, thing: Objective | KeyResult) -> str:
    if isinstance(thing, KeyResult):
        p = view.kr(thing)
        return badge_svg(view.t("progress"), view.pct(p.progress), p.status.value, thing.title)
    p = view.progress(thing)
    return badge_svg(view.t("progress"), view.pct(p.progress), p.status.value, thing.title)


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
