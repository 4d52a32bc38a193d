"""A legend laid out once per template (charts/legends.py, issue 15): every chart that gets its
legend put back is byte for byte the chart drawn whole, on both samples' KR charts of every shape,
and a legend that could differ between charts is never shared."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrsite.charts import render
from okrsite.charts.catalog import all_charts
from okrsite.charts.fonts import find_cjk_font_dir
from okrsite.charts.legends import LegendPart, learned, legend_key, with_legends, without_legends
from okrsite.charts.vega import for_image, lean
from okrsite.resolve.pipeline import load_organization
from okrsite.site.view import SiteView

from .conftest import CONTENT, ROOT, TODAY

EXAMPLE = ROOT / "examples" / "lumen-foundation" / "content"


def _image_specs(content, today, lang) -> list[tuple[str, dict]]:
    view = SiteView(load_organization(content, today), lang)
    return [(c.id, lean(for_image(c.spec))) for c in all_charts(view)]


@pytest.fixture(scope="module")
def specs() -> list[tuple[str, dict]]:
    render._register(find_cjk_font_dir())
    return _image_specs(CONTENT, TODAY, "ja") + _image_specs(EXAMPLE, dt.date(2026, 12, 10), "en")


def test_every_kr_chart_given_its_templates_legend_is_the_chart_drawn_whole(specs):
    parts: dict[str, LegendPart | None] = {}
    keyed = [(chart_id, spec, legend_key(spec)) for chart_id, spec in specs]
    kr = [item for item in keyed if item[2] is not None]
    assert len(kr) >= 40 and {spec["title"]["text"] != kr[0][1]["title"]["text"] for _, spec, _ in kr} == {True, False}
    for chart_id, spec, key in kr:
        full, bare = render._drawn(spec), render._drawn(without_legends(spec))
        assert len(bare) < len(full), chart_id
        if key not in parts:  # learnt on the template's first chart, as a worker does
            parts[key] = learned(full, bare)
            assert parts[key] is not None, chart_id
        assert with_legends(bare, parts[key]) == full, chart_id
    assert len(parts) == 2  # one template a language: the legend does not depend on the KR


def test_the_renderer_publishes_the_same_bytes_with_the_legend_laid_out_once(specs, monkeypatch):
    monkeypatch.setattr(render, "_legend_parts", {})
    drawn_whole = []
    monkeypatch.setattr(render, "_svg", _counting(render._svg, drawn_whole))
    kr = [(chart_id, spec) for chart_id, spec in specs if legend_key(spec)][:12]
    for chart_id, spec in kr:
        assert render._image(spec) == render._drawn(spec), chart_id
    # each chart was drawn twice above: once by _image, once whole by the test; only the first
    # chart of each language's template was also drawn whole by _image to learn its legend
    legends = sum(1 for spec in drawn_whole if legend_key(spec) is not None)
    assert legends == len(kr) + len({legend_key(spec) for _, spec in kr})


def _counting(fn, seen: list):
    def wrapper(spec):
        seen.append(spec)
        return fn(spec)
    return wrapper


def test_a_legend_that_may_differ_between_charts_is_never_shared(specs):
    kr = next(spec for _, spec in specs if legend_key(spec))
    layer = next(i for i, layer in enumerate(kr["layer"]) if "size" in layer.get("encoding", {}))

    def changed(**legend_or_scale) -> dict:
        enc = dict(kr["layer"][layer]["encoding"]["size"])
        for what, value in legend_or_scale.items():
            enc[what] = {k: v for k, v in {**enc[what], **value}.items() if v is not None}
        layers = list(kr["layer"])
        layers[layer] = {**layers[layer], "encoding": {**layers[layer]["encoding"], "size": enc}}
        return {**kr, "layer": layers}

    assert legend_key(changed(scale={"domain": None})) is None  # entries follow the data
    assert legend_key(changed(legend={"values": None})) is None
    assert legend_key(changed(legend={"orient": "right"})) is None  # placed beside a plot of any width
    assert legend_key(changed(legend={"title": "other"})) != legend_key(kr)
    no_legend_charts = [spec for chart_id, spec in specs if chart_id.startswith(("units/", "periods/"))]
    assert no_legend_charts and all(legend_key(spec) is None for spec in no_legend_charts)


def test_a_part_is_learnt_only_where_it_rebuilds_the_whole_chart(specs):
    a, b = [spec for _, spec in specs if legend_key(spec)][:2]
    full_a, bare_b = render._drawn(a), render._drawn(without_legends(b))
    assert learned(full_a, bare_b) is None  # another chart's drawing: no single block makes it
    assert learned(full_a, full_a) is None
    part = learned(full_a, render._drawn(without_legends(a)))
    assert with_legends(b"<svg>not a drawing</svg>", part) is None
    assert with_legends(bare_b.replace(b"</g>", b"", 1), part) is None  # unbalanced: drawn whole instead


# --- the SVG surgery on its own, on random group trees ------------------------------------------------

_groups = st.recursive(
    st.sampled_from([b'<path d="M0,0"/>', b"<text>a</text>", b'<line x2="1"/>']),
    lambda inner: st.lists(inner, min_size=0, max_size=4).map(lambda kids: b"<g>" + b"".join(kids) + b"</g>"),
    max_leaves=30)
_group = st.lists(_groups, max_size=3).map(lambda kids: b"<g>" + b"".join(kids) + b"</g>")


def _svg(body: bytes, height: int) -> bytes:
    return (b'<svg xmlns="http://www.w3.org/2000/svg" width="320" height="%d" viewBox="0 0 320 %d">' % (height, height)
            + body + b"</svg>")


@settings(max_examples=150, deadline=None)
@given(st.lists(_groups, min_size=1, max_size=3), st.lists(_group, min_size=1, max_size=2),
       st.integers(0, 40), st.data())
def test_a_block_put_into_any_group_is_learnt_and_put_back_exactly(tops, block, extra, data):
    body = b"<g>" + b"".join(tops) + b"</g>"
    groups = [i for i in range(len(body)) if body.startswith(b"<g>", i)]
    at_group = data.draw(st.sampled_from(groups))
    # a place among that group's children: right after its tag or after any child's end
    inner_end = _matching_end(body, at_group)
    places = [at_group + 3] + [i for i in range(at_group + 3, inner_end + 1) if _ends_child(body, at_group, i)]
    at = data.draw(st.sampled_from(sorted(set(places))))
    block_bytes = b"".join(block)
    bare, full = _svg(body, 100), _svg(body[:at] + block_bytes + body[at:], 100 + extra)
    part = learned(full, bare)
    assert part is not None and with_legends(bare, part) == full


@given(st.binary(max_size=300), st.binary(max_size=300))
def test_any_bytes_give_a_part_or_none_and_never_raise(full, bare):
    part = learned(full, bare)
    assert part is None or with_legends(bare, part) == full
    put_back = with_legends(full, LegendPart((0,), 0, b"<g></g>", 3))
    assert put_back is None or (put_back.endswith(b"<g></g></g></svg>") and put_back.startswith(b"<svg"))


def _matching_end(body: bytes, start: int) -> int:
    depth, i = 0, start
    while True:
        if body.startswith(b"<g>", i):
            depth, i = depth + 1, i + 3
        elif body.startswith(b"</g>", i):
            depth -= 1
            if depth == 0:
                return i
            i += 4
        else:
            i += 1


def _ends_child(body: bytes, group: int, i: int) -> bool:
    """Whether offset i is right after one of the group's own children."""
    depth, j = 0, group + 3
    while j < i:
        if body.startswith(b"<g>", j):
            depth, j = depth + 1, j + 3
        elif body.startswith(b"</g>", j):
            depth, j = depth - 1, j + 4
        elif body.startswith((b"<path", b"<line"), j):
            j = body.index(b"/>", j) + 2
        elif body.startswith(b"<text>", j):
            j = body.index(b"</text>", j) + 7
        else:
            j += 1
    return j == i and depth == 0


def test_a_rebuilds_few_charts_are_each_drawn_once(specs, monkeypatch, tmp_path):
    """A rebuild's few charts, drawn in the build's own process, learn no legend: learning one
    costs its template's first chart a second drawing, which a dozen charts never pay back."""
    monkeypatch.setattr(render, "_legend_parts", {})
    drawn = []
    monkeypatch.setattr(render, "_svg", _counting(render._svg, drawn))
    kr = [(chart_id, spec) for chart_id, spec in specs if legend_key(spec)][:6]
    renderer = render.ChartRenderer(tmp_path / "cache", find_cjk_font_dir(), jobs=1)
    assert not renderer.pooled(len(kr))
    out = renderer.render([(chart_id, spec) for chart_id, spec in kr], formats=("svg",))
    assert len(drawn) == len(kr)  # one drawing a chart, none to learn a legend
    for chart_id, spec in kr:  # the same bytes as a worker's, which puts a learnt legend back
        assert out[(chart_id, "svg")] == render._image(lean(for_image(spec)))


def test_compiled_skeletons_are_kept_in_the_chart_cache_for_the_next_build(specs, monkeypatch, tmp_path):
    """A rebuild compiles no skeleton a build before it compiled (charts/render.py
    `_compile_skeleton`): they are kept in the chart cache's vega/, and the drawings are the same."""
    import vl_convert as vlc

    from okrsite.charts import vega

    compiled = []
    original = vlc.vegalite_to_vega
    monkeypatch.setattr(vlc, "vegalite_to_vega", lambda spec, *a, **k: compiled.append(1) or original(spec, *a, **k))
    picked = [(chart_id, spec) for chart_id, spec in specs if legend_key(spec)][:3] + \
             [(chart_id, spec) for chart_id, spec in specs if not legend_key(spec)][:3]
    drawings = []
    for cache in (tmp_path / "first", tmp_path / "second"):
        monkeypatch.setattr(vega, "_compiled", {})  # a new process: nothing compiled in memory
        compiled.clear()
        drawings.append(render.ChartRenderer(cache, find_cjk_font_dir(), jobs=1).render(picked, formats=("svg",)))
        if cache.name == "first":
            assert compiled and len(list((cache / "vega").rglob("*.json"))) == len(compiled)
            shutil.copytree(cache / "vega", tmp_path / "second" / "vega")  # the chart cache a rebuild finds
        else:
            assert compiled == []
    assert drawings[0] == drawings[1]
    assert render._kept is None  # set only while a renderer draws
    monkeypatch.setattr(vega, "_compiled", {})
    compiled.clear()
    render.ChartRenderer(None, find_cjk_font_dir(), jobs=1).render(picked[:1], formats=("svg",))
    assert compiled  # no cache: compiled, and kept nowhere


def _new_process(monkeypatch) -> None:
    """What a process that has drawn nothing knows: no legend learnt, no kept file looked for."""
    monkeypatch.setattr(render, "_legend_parts", {})
    monkeypatch.setattr(render, "_unkept", set())


def test_a_legend_learnt_by_one_build_is_kept_for_the_next_builds_few_charts(specs, monkeypatch, tmp_path):
    """A worker of the cold build learns a template's legend and keeps it in the chart cache's
    legends/; a rebuild's few charts (drawn in the build's own process, learning nothing) then
    draw only their bare charts and get the legend back: the same bytes, one drawing each."""
    kr = [(chart_id, spec) for chart_id, spec in specs if legend_key(spec)]
    first, later = kr[:2], kr[2:8]
    cache = tmp_path / "cache"
    _new_process(monkeypatch)
    with render._keeping(render._Kept(str(cache), find_cjk_font_dir() or "")):
        for _, spec in first:  # a worker: learns on its first chart
            render._image(lean(for_image(spec)))
    kept = list((cache / "legends").glob("*.json"))
    assert len(kept) == len({legend_key(spec) for _, spec in first}) >= 1
    _new_process(monkeypatch)
    drawn, whole = [], render._svg
    monkeypatch.setattr(render, "_svg", _counting(whole, drawn))
    renderer = render.ChartRenderer(cache, find_cjk_font_dir(), jobs=1)
    assert not renderer.pooled(len(later))
    out = renderer.render(later, formats=("svg",))
    assert len(drawn) == len(later) and all(legend_key(spec) is None for spec in drawn)  # bare drawings only
    monkeypatch.setattr(render, "_svg", whole)
    for chart_id, spec in later:
        assert out[(chart_id, "svg")] == render._drawn(lean(for_image(spec))), chart_id


def test_a_kept_legend_is_read_only_in_the_shape_it_is_written(monkeypatch, tmp_path):
    """A legends/ file that is not what _keep_legend writes (damaged, or another shape) is drawn
    afresh, never put into a chart; a legend that cannot be shared is kept as such."""
    part = LegendPart((1, 0), 2, b'<g><path d="M0,0"/></g>', 18)
    monkeypatch.setattr(render, "_kept", render._Kept(str(tmp_path), "font"))
    _new_process(monkeypatch)
    render._keep_legend("k", part)
    render._keep_legend("none", None)
    _new_process(monkeypatch)
    assert render._legend_for("k") == part and render._legend_for("none") is None
    path = Path(render._legend_file("k"))
    for bad in ('{"path": [1], "after": -1, "block": "<g/>", "extra": 0}', '{"path": [true], "after": 0, '
                '"block": "<g/>", "extra": 0}', '{"path": [], "after": 0, "block": "<script/>", "extra": 0}',
                '{"path": [], "after": 0, "block": "<g/>", "extra": 0, "more": 1}', '[1, 2]', '{"path"'):
        path.write_text(bad, encoding="utf-8")
        _new_process(monkeypatch)
        assert render._legend_for("k") is render._UNLEARNT, bad
    monkeypatch.setattr(render, "_kept", render._Kept(str(tmp_path), "another font"))
    _new_process(monkeypatch)
    assert render._legend_for("none") is render._UNLEARNT  # measured in another font: not this legend
    monkeypatch.setattr(render, "_kept", None)
    assert render._legend_for("none") is render._UNLEARNT and render._legend_file("k") is None
