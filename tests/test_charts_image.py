"""Chart files as images (issue 15): what vl-convert is given and what the renderer keeps say the
same words and draw the same pixels as the spec as built, and a current-period alias's images are
the chart's own file under a second name (a hard link), never a second copy on disk."""

from __future__ import annotations

import os
import re

import pytest

from okrsite.charts.catalog import aliases, all_charts
from okrsite.charts.fonts import find_cjk_font_dir
from okrsite.charts.render import _svg
from okrsite.charts.svgmin import minified
from okrsite.charts.vega import MEASURE_FONT, for_image, lean, restored, stand_ins
from okrsite.export.folder import export_into
from okrsite.resolve.pipeline import load_organization
from okrsite.site.view import SiteView
from okrsite.source.hardlinks import copies, link_copies, place_copies

from .conftest import CONTENT, ROOT, TODAY
from .sitebuild import shared_site

_TEXT = re.compile(r"<text\b[^>]*>([^<]*)</text>")


@pytest.fixture(scope="module")
def picked() -> list:
    """One chart of each kind (by id shape) of the sample organization."""
    view = SiteView(load_organization(CONTENT, TODAY), "ja")
    kinds: dict[tuple, object] = {}
    for chart in all_charts(view):
        kinds.setdefault((chart.id.split("/")[0], chart.id.count("/")), chart)
    return list(kinds.values())


def test_the_image_spec_draws_the_same_words_without_tooltips_or_aria(picked):
    import vl_convert as vlc

    from okrsite.charts.render import _register

    _register(find_cjk_font_dir())
    for chart in picked:
        full = vlc.vegalite_to_svg(chart.spec)
        image = _svg(lean(for_image(chart.spec)))  # the title measured through stand-ins
        assert sorted(_TEXT.findall(image)) == sorted(_TEXT.findall(full)), chart.id
        # only the title and subtitle keep a label (svgmin.py takes those out)
        assert image.count("aria-label") <= 2 < full.count("aria-label"), chart.id
        assert f'font-family="{MEASURE_FONT}"' in image, chart.id
    assert any("tooltip" in str(c.spec) for c in picked)
    assert all("tooltip" not in str(for_image(c.spec)) for c in picked)
    assert all("tooltip" in str(c.spec) for c in picked if "tooltip" in str(c.spec))  # the .vl.json keeps them


def test_a_title_is_measured_through_stand_ins_of_its_width_and_drawn_with_its_own_text():
    import vl_convert as vlc

    spec = {"title": {"text": "売上 & <利益>", "subtitle": "進捗 74%\n最終スコア"}, "mark": "point",
            "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    shown, lines = stand_ins(spec)
    assert shown["title"] == {"text": "—— & <——>", "subtitle": "—— 74%\n—————"}
    assert lines == {"—— & <——>": "売上 & <利益>", "—— 74%": "進捗 74%", "—————": "最終スコア"}
    svg = _svg(spec)
    assert all(line in _TEXT.sub(lambda m: m.group(1), svg).replace("&amp;", "&").replace("&lt;", "<")
                                 .replace("&gt;", ">") for line in lines.values())
    assert "—" not in svg
    full = vlc.vegalite_to_svg(spec)
    assert re.findall(r'transform="translate\(([^)]*)\)"', svg)[:6] == re.findall(r'transform="translate\(([^)]*)\)"', full)[:6]


def test_every_sample_chart_measured_through_title_stand_ins_is_the_svg_its_real_title_gives():
    """A title's width places nothing (it starts at the left, wrapped to fit): so even a line that
    mixes scripts, which vl-convert measures wholly in the Japanese font (wider Latin letters and
    digits than the stand-in's), gives the same bytes."""
    import vl_convert as vlc

    from okrsite.charts.render import _register, stable_ids
    from okrsite.charts.vega import to_vega

    _register(find_cjk_font_dir())
    view = SiteView(load_organization(CONTENT, TODAY), "ja")
    checked = 0
    for chart in all_charts(view):
        spec = lean(for_image(chart.spec))
        shown, lines = stand_ins(spec)
        if not lines:
            continue
        svg = restored(vlc.vega_to_svg(to_vega(shown, vlc.vegalite_to_vega), allowed_base_urls=[]), lines)
        assert svg is not None, chart.id
        real = vlc.vega_to_svg(to_vega(spec, vlc.vegalite_to_vega), allowed_base_urls=[])
        assert minified(stable_ids(svg.encode())) == minified(stable_ids(real.encode())), chart.id
        checked += 1
    assert checked >= 40


def test_a_title_cut_by_its_limit_is_drawn_from_its_real_text():
    spec = {"title": {"text": "長い題名" * 20, "limit": 120}, "mark": "point",
            "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    shown, lines = stand_ins(spec)
    assert restored("<text>" + "—" * 80 + "…</text>", lines) is None  # the stand-in was cut: not found whole
    svg = _svg(spec)
    assert "長い題名" in svg and "…" in svg and "—" not in svg


def test_what_an_image_does_not_use_is_left_out_with_the_same_pixels(picked):
    import vl_convert as vlc

    for chart in picked:
        svg = vlc.vegalite_to_svg(for_image(chart.spec)).encode("utf-8")
        small = minified(svg)
        assert len(small) < 0.8 * len(svg), chart.id
        for attribute in (b" class=", b" role=", b" aria-", b" pointer-events=", b' opacity="1"', b'display="none"'):
            assert attribute not in small, (chart.id, attribute)
        assert _TEXT.findall(small.decode()) == _TEXT.findall(svg.decode()), chart.id
        assert vlc.svg_to_png(small.decode()) == vlc.svg_to_png(svg.decode()), chart.id


def test_only_tags_are_touched_never_drawn_text():
    svg = b'<svg><g class="x" role="y"><text opacity="1">a class="b" role="c" opacity="1"</text></g></svg>'
    assert minified(svg) == b'<svg><g><text>a class="b" role="c" opacity="1"</text></g></svg>'
    hidden = b'<svg><path class="foreground" d="" display="none"/><path class="background" d="M0,0h9v9h-9Z"/>' \
             b'<path class="background" d="M0,0h9v9h-9Z" fill="#fff"/></svg>'
    assert minified(hidden) == b'<svg><path d="M0,0h9v9h-9Z" fill="#fff"/></svg>'


def test_an_alias_is_the_charts_own_file_in_the_built_site():
    site = shared_site(ROOT / "mkdocs.yml")
    view = SiteView(load_organization(CONTENT, TODAY), "ja")
    checked = 0
    for alias, target in aliases(view).items():
        for folder, ext in (("charts", "svg"), ("badges", "svg")):
            here, there = site / folder / f"{alias}.{ext}", site / folder / f"{target}.{ext}"
            if not there.exists():
                continue
            assert here.read_bytes() == there.read_bytes(), alias
            assert os.path.samefile(here, there), alias  # one file under two names
            checked += 1
        assert (site / "charts" / f"{alias}.html").stat().st_nlink == 1  # the redirect page is its own
    assert checked > len(aliases(view))  # every SVG, and the badges of objectives and KRs


def test_an_export_links_its_copies_and_a_later_export_replaces_them(tmp_path):
    files = {"charts/a.svg": b"<svg>a</svg>", "charts/current/a.svg": b"<svg>a</svg>", "charts/b.svg": b"<svg>b</svg>"}
    assert copies(files) == {"charts/current/a.svg": "charts/a.svg"}
    out = tmp_path / "out"
    export_into(out, files)
    assert os.path.samefile(out / "charts/a.svg", out / "charts/current/a.svg")
    assert (out / "charts/b.svg").stat().st_nlink == 1
    export_into(out, {**files, "charts/a.svg": b"<svg>A</svg>"})  # the alias now stands for another chart
    assert (out / "charts/a.svg").read_bytes() == b"<svg>A</svg>"
    assert (out / "charts/current/a.svg").read_bytes() == b"<svg>a</svg>"


def test_a_copy_stays_where_a_link_cannot_be_made(tmp_path, monkeypatch):
    (tmp_path / "a").write_bytes(b"x")
    (tmp_path / "b").write_bytes(b"x")

    def refuse(*_args, **_kwargs):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refuse)
    assert link_copies(tmp_path, {"b": "a"}) == 0
    assert (tmp_path / "b").read_bytes() == b"x" and sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_a_site_build_places_copies_as_links_or_else_as_files(tmp_path, monkeypatch):
    (tmp_path / "a").write_bytes(b"x")
    assert place_copies(tmp_path, {"current/b": "a"}) == 1  # MkDocs never wrote it
    assert os.path.samefile(tmp_path / "current/b", tmp_path / "a")
    (tmp_path / "current/b").unlink()

    def refuse(*_args, **_kwargs):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refuse)
    assert place_copies(tmp_path, {"current/b": "a"}) == 0
    assert (tmp_path / "current/b").read_bytes() == b"x" and (tmp_path / "a").stat().st_nlink == 1
    assert sorted(p.name for p in (tmp_path / "current").iterdir()) == ["b"]  # no temporary file left


def test_a_build_without_charts_gets_nothing_of_an_earlier_builds_charts(tmp_path):
    """MkDocs reuses a plugin instance across builds (`mkdocs serve`, several configs in a process):
    a later build with charts turned off must not link or copy the earlier build's alias images."""
    from .conftest import CONTENT, ROOT
    from .sitebuild import CHART_CACHE, build_site

    build_site(ROOT / "mkdocs.yml", tmp_path / "with", chart_cache=CHART_CACHE)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\ndocs_dir: {docs}\ntheme: {{name: material, font: false}}\n"
                      f"plugins: [{{okrsite: {{content: {CONTENT}, charts: {{enabled: false}}}}}}]\n", encoding="utf-8")
    site = build_site(config, tmp_path / "without")
    assert (site / "about" / "index.html").exists()
    assert not (site / "charts").exists() and not (site / "badges").exists()
