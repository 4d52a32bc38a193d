"""Chart cost and files (issue 15): each distinct spec is rendered once, an added check-in re-renders
only the charts whose data changed, PNGs exist only where configured and are opaque, dark mode is a
style sheet inside the one SVG, alias and embed URLs resolve, progress is shown only on a terminal.

vl-convert is replaced by a recorder where only counts and file names matter (no timing here:
bench/charts.py measures cost)."""

from __future__ import annotations

import io
import json
import os
import posixpath
import re
import shutil
import struct
import xml.etree.ElementTree as ET
import zlib

import pytest

from okrsite.charts import render as render_module
from okrsite.charts.catalog import aliases, all_charts
from okrsite.charts.fonts import find_cjk_font_dir
from okrsite.charts.progress import TerminalProgress, wanted
from okrsite.charts.publish import publish, themed
from okrsite.charts.render import ChartRenderer
from okrsite.charts.theme import DARK_BACKGROUND, FONT, LIGHT_BACKGROUND
from okrsite.resolve.pipeline import load_organization
from okrsite.site.templates import environment
from okrsite.site.view import SiteView

from .conftest import CONTENT, TODAY

Q4 = "2026-Q4"
KR = f"okrs/{Q4}/product/self-serve/week1-active"


@pytest.fixture
def drawn(monkeypatch) -> list[str]:
    """vl-convert replaced by a recorder: each call's chart title, and a tiny SVG naming the spec."""
    calls: list[str] = []

    def fake(job, learn=True):  # noqa: ARG001 - the renderer says whether to learn legends
        spec_json, formats, _font = job
        spec = json.loads(spec_json)
        title = spec.get("title", {}).get("text", "") if isinstance(spec.get("title"), dict) else ""
        calls.append(spec.get("description", title))
        tag = str(len(calls)).encode()
        svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"><text fill="currentColor">' + tag + \
            b"</text></svg>"
        return {fmt: svg if fmt == "svg" else b"\x89PNG" + tag for fmt in formats}

    monkeypatch.setattr(render_module, "_render", fake)
    return calls


def _view(content=CONTENT) -> SiteView:
    return SiteView(load_organization(content, TODAY), "ja")


@pytest.fixture(scope="module")
def sample() -> SiteView:
    return _view()


def test_each_distinct_spec_is_rendered_once_and_then_comes_from_the_cache(drawn, tmp_path):
    a, b = {"mark": "point", "description": "a"}, {"mark": "point", "description": "b"}
    first = ChartRenderer(tmp_path, None, jobs=1)
    out = first.render([("x", a), ("y", dict(a)), ("z", b)])
    assert drawn == ["a", "b"]
    assert (first.requested, first.distinct, first.rendered, first.hits) == (3, 2, 2, 0)
    assert out[("x", "svg")] == out[("y", "svg")] != out[("z", "svg")]
    again = ChartRenderer(tmp_path, None, jobs=1)
    again.render([("x", a), ("z", b)])
    assert (again.rendered, again.hits) == (0, 2) and drawn == ["a", "b"]


def test_a_site_renders_each_distinct_spec_once_and_aliases_render_nothing(drawn, tmp_path, sample):
    view = sample
    renderer = ChartRenderer(tmp_path, None, jobs=1)
    published = publish(view, renderer, environment(), interactive=False)
    specs = {json.dumps(c.spec, sort_keys=True) for c in all_charts(view)}
    assert aliases(view)  # the sample has current-period aliases, which must not be drawn again
    assert len(drawn) == renderer.rendered == renderer.distinct == len(specs)
    assert renderer.requested == len(published.charts)


def test_an_added_check_in_re_renders_only_the_charts_whose_data_changed(drawn, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    publish(_view(content), ChartRenderer(tmp_path / "cache", None, jobs=1), environment(), interactive=False)
    drawn.clear()
    (content / "logs" / Q4 / "product" / "2026-11-23.md").write_text(
        "---\ndate: 2026-11-23\nauthor: kobayashi-ren\nupdates:\n  week1-active: {value: 66, confidence: 0.7}\n---\n",
        encoding="utf-8")
    view = _view(content)
    renderer = ChartRenderer(tmp_path / "cache", None, jobs=1)
    publish(view, renderer, environment(), interactive=False)
    kr_title = next(c.title for c in all_charts(view) if c.id == KR)
    # the KR's chart and what rolls it up (its objective, the unit's and period's status and scores,
    # the unit's history) at most: never another unit's objectives or KRs
    assert 2 <= renderer.rendered == len(drawn) <= 7, drawn
    assert any(d.startswith(kr_title) for d in drawn)
    others = [c for c in all_charts(view) if c.id.startswith("okrs/") and "/product/" not in c.id]
    assert not [c.id for c in others if c.alt in drawn]
    assert renderer.hits == renderer.distinct - renderer.rendered


def _png_corner(png: bytes) -> tuple[int, int, int, int]:
    """The top-left pixel of an 8-bit RGBA PNG (whatever a row's filter, its first pixel is stored as is)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert header is not None and header[2:] == (8, 6), header  # 8 bits, RGBA
    raw = zlib.decompress(idat)
    return tuple(raw[1:5])


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def test_pngs_are_opaque_in_a_light_and_a_dark_variant(sample):
    chart = next(c for c in all_charts(sample) if c.id == KR)
    out = ChartRenderer(None, find_cjk_font_dir(), jobs=1).render([(chart.id, chart.spec)],
                                                                    ("svg", "png", "dark.png"))
    assert _png_corner(out[(KR, "png")]) == (*_rgb(LIGHT_BACKGROUND), 255)
    assert _png_corner(out[(KR, "dark.png")]) == (*_rgb(DARK_BACKGROUND), 255)
    assert out[(KR, "png")] != out[(KR, "dark.png")]
    published = themed(out[(KR, "svg")])  # the font list is said once, in the style sheet
    assert b"font-family=" in out[(KR, "svg")] and b"font-family=" not in published
    assert b' opacity="1"' not in out[(KR, "svg")]  # defaults are left out when rendered (charts/svgmin.py)
    style = ET.fromstring(published).find("{http://www.w3.org/2000/svg}style")
    assert f"text{{font-family:{FONT}}}" in style.text


def test_pngs_only_where_configured(drawn, tmp_path, sample):
    view = sample
    renderer = ChartRenderer(tmp_path, find_cjk_font_dir(), jobs=1)
    plain = publish(view, renderer, environment(), interactive=False)
    assert not [p for p in plain.files if p.endswith(".png")]  # the default: none
    current = publish(view, renderer, environment(), interactive=False, png="current")
    pngs = {p for p in current.files if p.endswith(".png")}
    targets = set(aliases(view).values())
    expected = {f"charts/{name}.{ext}" for name, target in [*((t, t) for t in targets), *aliases(view).items()]
                for ext in ("png", "dark.png")}
    assert pngs == expected and f"charts/{KR}.dark.png" in pngs
    assert not [p for p in pngs if "2026-Q3" in p]  # a finished period's charts get none
    everything = publish(view, renderer, environment(), interactive=False, png="all")
    assert len([p for p in everything.files if p.endswith(".png")]) == 2 * (len(everything.charts) + len(aliases(view)))


def test_dark_mode_is_a_style_sheet_inside_the_one_svg(drawn, tmp_path, sample):
    view = sample
    published = publish(view, ChartRenderer(tmp_path, None, jobs=1), environment(), interactive=False)
    svg = published.files[f"charts/{KR}.svg"]
    root = ET.fromstring(svg)
    style = root.find("{http://www.w3.org/2000/svg}style")
    assert style is not None and re.search(r"@media \(prefers-color-scheme:\s*dark\)\{svg\{color:#", style.text)
    assert b'fill="currentColor"' in svg  # drawn in the colour the style sheet sets
    assert not [p for p in published.files if p.endswith(".dark.svg")]
    image = view.with_charts(published).at(f"okrs/{Q4}/product/self-serve/").charts.image(KR)
    assert image.light == image.dark  # the page's two images are the one file
    asked = publish(view, ChartRenderer(tmp_path, None, jobs=1), environment(), interactive=False, dark_files=True)
    assert b"currentColor" not in asked.files[f"charts/{KR}.dark.svg"]


def test_alias_and_embed_urls_resolve(drawn, tmp_path, sample):
    view = sample
    published = publish(view, ChartRenderer(tmp_path, find_cjk_font_dir(), jobs=1), environment(),
                        interactive=False, png="current")
    files = published.files
    for name, target in aliases(view).items():
        for ext in ("svg", "png", "dark.png"):  # images a wiki hotlinks: the same bytes
            assert files[f"charts/{name}.{ext}"] == files[f"charts/{target}.{ext}"], (name, ext)
        if f"badges/{target}.svg" in files:
            assert files[f"badges/{name}.svg"] == files[f"badges/{target}.svg"]
        page = f"charts/{name}.html"
        url = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', files[page].decode()).group(1)
        assert posixpath.normpath(posixpath.join(posixpath.dirname(page), url)) == f"charts/{target}.html"
        assert len(files[page]) < 1000
    site = view.with_charts(published).at(f"okrs/{Q4}/product/self-serve/")
    snippets = site.charts.embed(KR).snippets
    assert view.t("embed_confluence") in [label for label, _ in snippets]  # a PNG is published
    for _label, snippet in snippets:
        for url in re.findall(r'(?:\.\./)*(?:charts|badges)/[^)"|!\s]+?\.(?:svg|png|html)', snippet):
            assert posixpath.normpath(posixpath.join(f"okrs/{Q4}/product/self-serve/", url)) in files, url


def test_the_confluence_snippet_appears_only_where_pngs_are_published(drawn, tmp_path, sample):
    view = sample
    published = publish(view, ChartRenderer(tmp_path, None, jobs=1), environment(), interactive=False)
    labels = [label for label, _ in view.with_charts(published).charts.embed(KR).snippets]
    assert view.t("embed_confluence") not in labels and view.t("embed_markdown") in labels


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_only_on_a_terminal_and_never_in_ci_unless_asked(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert wanted(None, _Stream(tty=True)) and not wanted(None, _Stream(tty=False))
    assert wanted(True, _Stream(tty=False)) and not wanted(False, _Stream(tty=True))
    monkeypatch.setenv("CI", "true")
    assert not wanted(None, _Stream(tty=True))


def test_progress_counts_charts_and_the_cache_hit_rate(drawn, tmp_path):
    specs = [(f"c{i}", {"mark": "point", "description": str(i)}) for i in range(4)]
    ChartRenderer(tmp_path, None, jobs=1).render(specs[:1])
    stream = _Stream(tty=True)
    ChartRenderer(tmp_path, None, jobs=1, progress=TerminalProgress(stream, every=0)).render(specs)
    lines = stream.getvalue().split("\r")
    assert lines[-1] == "okrsite: charts 4/4 · 25% from the cache\n"
    assert "okrsite: charts 2/4" in stream.getvalue()


def test_the_cheaper_rendering_draws_the_same_picture(sample):
    """charts/vega.py: the Vega compiled once per skeleton gives the SVG vl-convert gives for the whole
    spec (but for Vega's clip-path counter), and leaving out empty layers gives the same pixels."""
    import vl_convert as vlc

    from okrsite.charts.render import _register
    from okrsite.charts.vega import lean, to_vega

    _register(find_cjk_font_dir())
    picked: dict[tuple, object] = {}
    for chart in all_charts(sample):  # one chart of each kind, leaned or not
        picked.setdefault((chart.id.split("/")[0], chart.id.count("/"), lean(chart.spec) is chart.spec), chart)
    assert any(lean(c.spec) is not c.spec for c in picked.values())
    same = lambda svg: re.sub(r"clip\d+", "clip", svg)  # noqa: E731
    for chart in picked.values():
        leaned = lean(chart.spec)
        assert same(vlc.vega_to_svg(to_vega(leaned, vlc.vegalite_to_vega))) == same(vlc.vegalite_to_svg(leaned)), chart.id
        if leaned is not chart.spec:
            assert vlc.svg_to_png(vlc.vegalite_to_svg(leaned)) == vlc.svg_to_png(vlc.vegalite_to_svg(chart.spec)), chart.id


def test_clip_ids_are_numbered_by_appearance_so_the_same_chart_gives_the_same_bytes():
    from okrsite.charts.render import stable_ids

    drawn_late = b'<svg><clipPath id="clip16"/><g clip-path="url(#clip16)"/><clipPath id="clip17"/><g clip-path="url(#clip17)"/></svg>'
    drawn_first = b'<svg><clipPath id="clip0"/><g clip-path="url(#clip0)"/><clipPath id="clip1"/><g clip-path="url(#clip1)"/></svg>'
    assert stable_ids(drawn_late) == drawn_first
    assert stable_ids(b'<text>clip16 clipboard</text>') == b'<text>clip16 clipboard</text>'  # drawn text kept


def test_start_returns_while_the_charts_are_drawn_and_result_waits_for_them(tmp_path, monkeypatch):
    """A host builds its pages while the workers draw (the plugin's on_files starts, on_post_build
    waits): `start` must not wait for the drawing. Here the drawing cannot end before the test
    opens the gate, which it does only once `start` has returned."""
    import threading

    gate = threading.Event()

    def gated(self, jobs, stop=None):
        assert gate.wait(20), "start() waited for the drawing"
        for key, (spec, formats, _font) in jobs:
            yield key, {fmt: spec.encode() for fmt in formats}

    monkeypatch.setattr(ChartRenderer, "_results", gated)
    specs = [(f"c{i}", {"mark": "point", "description": str(i)}) for i in range(20)]
    renderer = ChartRenderer(tmp_path, None, jobs=2)
    rendering = renderer.start(specs)
    assert not (tmp_path / "cache").exists() and not list(tmp_path.rglob("*.svg"))  # nothing drawn yet
    gate.set()
    out = rendering.result()
    assert out[("c3", "svg")] == render_module.spec_text(specs[3][1]).encode()
    assert len(list(tmp_path.rglob("*.svg"))) == 20 and (renderer.rendered, renderer.hits) == (20, 0)
    assert ChartRenderer(tmp_path, None, jobs=2).start(specs).result() == out  # now from the cache


def test_a_failed_build_stops_drawing_its_charts(tmp_path):
    """`cancel` (the plugin's on_build_error) drops the batches no worker has begun: real workers here."""
    specs = [(f"c{i}", {"mark": "point", "data": {"values": [{"a": i}]}, "encoding": {"x": {"field": "a"}}})
             for i in range(80)]
    rendering = ChartRenderer(tmp_path, None, jobs=2).start(specs)
    rendering.cancel()
    assert len(list(tmp_path.rglob("*.svg"))) < 40  # 20 batches of 4; a few had begun
    with pytest.raises(RuntimeError, match="cancelled"):
        rendering.result()


def test_a_build_writes_chart_files_once_and_never_through_an_earlier_builds_link(tmp_path):
    from okrsite.source.hardlinks import write_once

    files = [("charts/a.svg", b"A"), ("charts/current/a.svg", b"A"), ("charts/b.svg", b"B")]
    assert write_once(tmp_path, iter(files)) == (3, 1)
    assert os.path.samefile(tmp_path / "charts/a.svg", tmp_path / "charts/current/a.svg")
    assert (tmp_path / "charts/b.svg").stat().st_nlink == 1
    # the next build changes a.svg only: its old alias (a link to it) keeps the old bytes
    assert write_once(tmp_path, [("charts/a.svg", b"A2")]) == (1, 0)
    assert (tmp_path / "charts/a.svg").read_bytes() == b"A2"
    assert (tmp_path / "charts/current/a.svg").read_bytes() == b"A"
    assert not [p for p in tmp_path.rglob(".*")]  # no temporary file left


def test_a_published_svg_has_the_size_its_page_was_given():
    from okrsite.charts.publish import fitted

    drawn = b'<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200"><g/></svg>'
    assert fitted(drawn, (320, 200)) == drawn
    # drawn less high than predicted: the rest is blank space below the drawing, never a stretch
    taller = fitted(drawn, (320, 208))
    assert ET.fromstring(taller).attrib == {"width": "320", "height": "208", "viewBox": "0 0 320 208"}
    # drawn higher than predicted: the whole drawing, scaled into the size
    lower = ET.fromstring(fitted(drawn, (320, 190)))
    assert (lower.get("width"), lower.get("height"), lower.get("viewBox")) == ("320", "190", "0 0 320 200")
    assert taller.endswith(b"<g/></svg>") and fitted(b"<svg/>", (1, 1)) == b"<svg/>"


def test_the_files_a_plan_lists_before_drawing_are_exactly_those_published(drawn, tmp_path, sample):
    """The plugin lists the chart files in MkDocs' files at on_files, before any is drawn, and writes
    them at on_post_build: the list must be what is written, for every setting that adds files."""
    from okrsite.charts.publish import plan

    for options in ({"png": "none"}, {"png": "current", "dark_files": True}, {"png": "all", "interactive": False}):
        published = publish(sample, ChartRenderer(tmp_path, find_cjk_font_dir(), jobs=1), environment(), **options)
        assert plan(sample, **options).paths == published.paths == set(published.files), options
    assert any(p.endswith(".dark.png") for p in published.files) and "assets/okrsite/vega.js" not in published.files
