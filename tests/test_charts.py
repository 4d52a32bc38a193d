"""Charts: valid Vega-Lite with the right data, rendered offline (cached), published at stable
URLs with a current-period alias, and in agreement with pages, badges and the JSON export."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest

from okrsite.charts.catalog import aliases, all_charts
from okrsite.charts.fonts import find_cjk_font_dir
from okrsite.charts.publish import publish
from okrsite.charts.render import ChartFontMissing, ChartRenderer, _render
from okrsite.export.data import data
from okrsite.resolve.pipeline import load_organization
from okrsite.site.templates import environment
from okrsite.site.view import SiteView

from . import expected
from .conftest import CONTENT, ROOT, TODAY
from .sitebuild import chart_size_mismatches, front_matter, latest_values, page, shared_site

CACHE = ROOT / ".cache" / "okrsite"
Q4 = "2026-Q4"


def view_of(content: Path = CONTENT, today: dt.date = TODAY, settings=None, lang: str = "ja") -> SiteView:
    return SiteView(load_organization(content, today, settings), lang)


@pytest.fixture(scope="module")
def sample():
    view = view_of()
    published = publish(view, ChartRenderer(CACHE, find_cjk_font_dir()), environment())
    return view, published


@pytest.fixture(scope="module")
def vega_lite_schema():
    import altair

    schema_path = Path(altair.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json"
    return jsonschema.Draft7Validator(json.loads(schema_path.read_text(encoding="utf-8")))


def test_every_chart_spec_is_valid_vega_lite(sample, vega_lite_schema):
    view, published = sample
    kinds = {}
    for chart in published.charts.values():
        kinds.setdefault(chart.id.split("/")[0] + str(chart.id.count("/")), chart)
    for chart in list(kinds.values()) + [c for c in published.charts.values() if c.id.startswith(f"okrs/{Q4}")]:
        errors = list(vega_lite_schema.iter_errors(chart.spec))
        assert not errors, (chart.id, errors[0].message)


def test_kr_chart_holds_the_check_ins_from_the_logs(sample):
    view, published = sample
    for path in sorted((CONTENT / "okrs" / Q4 / "product").glob("*.md")):
        unit = path.parent.name
        for kr in front_matter(path)["key_results"]:
            chart = published.charts[f"okrs/{Q4}/{unit}/{path.stem}/{kr['id']}"]
            points = chart.spec["datasets"]["values"]
            dates = [p["date"] for p in points]
            expected = []
            for log in sorted((CONTENT / "logs" / Q4 / unit).glob("*.md")):
                fm = front_matter(log)
                if kr["id"] in (fm.get("updates") or {}) and fm["date"] <= TODAY:
                    expected.append(fm["date"].isoformat())
            assert dates == expected, kr["id"]
            if kr.get("kind", "metric") in ("metric", "percentage"):
                latest = latest_values(CONTENT, Q4, unit, TODAY)[kr["id"]]
                assert points[-1]["y"] == latest
                assert {"y": kr["target"]}.items() <= chart.spec["datasets"]["rules"][0].items()


def test_every_chart_has_a_text_alternative(sample):
    """The alt text names what is charted (titles read from the content files, not from okrsite), and
    it is the spec's description, so the SVG carries it too."""
    view, published = sample
    okr_charts = 0
    for chart in published.charts.values():
        assert chart.spec["description"] == chart.alt
        parts = chart.id.split("/")
        if parts[0] != "okrs":
            continue
        fm = front_matter(CONTENT.joinpath(*parts[:4]).with_suffix(".md"))
        krs = {kr["id"]: kr["title"] for kr in fm["key_results"]}
        title = fm["title"] if len(parts) == 4 else krs[parts[4]]
        assert chart.alt.startswith(f"{title}: "), chart.id
        if len(parts) == 4:  # an objective's chart lists its key results
            assert all(kr_title in chart.alt for kr_title in krs.values()), chart.id
        okr_charts += 1
    assert okr_charts >= len(view.objectives)


def test_published_files_for_every_objective_and_kr(sample):
    view, published = sample
    for obj in view.objectives:
        for thing_id in [f"okrs/{obj.qid}"] + [f"okrs/{kr.qid}" for kr in obj.key_results]:
            for ext in ("svg", "vl.json", "html"):
                assert f"charts/{thing_id}.{ext}" in published.files, (thing_id, ext)
            for ext in ("png", "dark.png", "dark.svg"):  # only where configured (test_chart_files.py)
                assert f"charts/{thing_id}.{ext}" not in published.files, (thing_id, ext)
            assert f"badges/{thing_id}.svg" in published.files
    spec = json.loads(published.files[f"charts/okrs/{Q4}/product/self-serve.vl.json"])
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_iframe_pages_load_nothing_from_other_hosts(sample):
    view, published = sample
    html = published.files[f"charts/okrs/{Q4}/product/self-serve/week1-active.html"].decode()
    assert '<img src="week1-active.svg"' in html and 'src="../../../../../assets/okrsite/vega.js"' in html
    assert 'fetch("week1-active.vl.json")' in html  # the spec beside it, not a copy inside the page
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html)
    assert "assets/okrsite/vega.js" in published.files


def test_the_current_alias_follows_the_period(tmp_path):
    renderer = ChartRenderer(CACHE, find_cjk_font_dir())
    q4 = publish(view_of(), renderer, environment(), interactive=False)
    alias = "charts/units/product/current/status.svg"
    assert q4.files[alias] == q4.files[f"charts/units/product/{Q4}/status.svg"]
    q3 = publish(view_of(settings={"current_period": "2026-Q3"}), renderer, environment(), interactive=False)
    assert q3.files[alias] == q3.files["charts/units/product/2026-Q3/status.svg"]
    assert q3.files[alias] != q4.files[alias]
    assert "charts/units/product/current/okrs/self-serve.svg" not in q3.files  # self-serve is a Q4 objective


def test_rendering_is_cached_and_only_changed_charts_are_redrawn(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    cache = tmp_path / "cache"
    view = view_of(content)
    specs = [(c.id, c.spec) for c in all_charts(view) if c.id.startswith(f"okrs/{Q4}/product/")]
    first = ChartRenderer(cache, find_cjk_font_dir(), jobs=1)
    first.render(specs)
    assert first.rendered == len(specs)
    log = content / "logs" / Q4 / "product" / "2026-11-20.md"
    log.write_text(log.read_text(encoding="utf-8").replace("value: 63", "value: 64", 1), encoding="utf-8")
    again = ChartRenderer(cache, find_cjk_font_dir(), jobs=1)
    changed = [(c.id, c.spec) for c in all_charts(view_of(content)) if c.id.startswith(f"okrs/{Q4}/product/")]
    again.render(changed)
    assert 1 <= again.rendered <= 2  # the KR's chart, and its objective's if its progress moved


def test_two_builds_storing_the_same_chart_at_once_both_succeed(tmp_path, monkeypatch):
    """Two builds sharing a chart cache (CI jobs, `mkdocs serve` beside a build) may store the same
    chart at the same moment: the second store here lands while the first is between writing and
    renaming its file, and each still replaces the chart whole."""
    import os

    key = "ab" + "0" * 62
    first, second = ChartRenderer(tmp_path, None, jobs=1), ChartRenderer(tmp_path, None, jobs=1)
    real = os.replace
    interleaved: list[str] = []

    def replace(src, dst):
        if not interleaved:
            interleaved.append(str(src))
            second._store(key, {"svg": b"<svg>second</svg>"})
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    first._store(key, {"svg": b"<svg>first</svg>"})
    assert interleaved
    assert (tmp_path / "ab" / f"{key}.svg").read_bytes() == b"<svg>first</svg>"  # the last to land
    assert [p.name for p in (tmp_path / "ab").iterdir()] == [f"{key}.svg"]  # no file of either write left


def test_no_japanese_font_means_no_png_of_boxes():
    view = view_of()
    chart = next(c for c in all_charts(view) if c.id.endswith("week1-active"))
    with pytest.raises(ChartFontMissing, match="fonts-ipafont-gothic"):
        ChartRenderer(None, None).render([(chart.id, chart.spec)], formats=("svg", "png"))
    assert ChartRenderer(None, None).render([(chart.id, chart.spec)])  # SVG text is the browser's


def test_remote_data_fails_loudly_instead_of_an_empty_chart():
    spec = {"data": {"url": "https://example.com/data.json"}, "mark": "point",
            "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    # the remote URL is refused (allowed_base_urls=[]), not fetched; any other error would not show that
    with pytest.raises(ValueError, match=r"External data url not allowed: https://example\.com/data\.json"):
        _render((json.dumps(spec), ("svg",), None))


def test_aliases_exist_only_for_the_current_period(sample):
    view, _ = sample
    targets = set(aliases(view).values())
    assert targets and all(Q4 in t for t in targets)


# --- one test for all four: pages, charts, badges and the JSON export agree with the content --------------
def test_pages_charts_badges_and_export_agree_with_the_content(tmp_path, sample):
    view, published = sample
    site = shared_site(ROOT / "mkdocs.yml")  # the sample, built once per session (sitebuild.py)
    exported = {kr["qid"]: kr for o in data(view)["objectives"] for kr in o["key_results"]}
    checked = 0
    for path in sorted((CONTENT / "okrs" / Q4).glob("*/*.md")):
        unit = path.parent.name
        history = expected.history(CONTENT, Q4, unit, TODAY)
        soup = page(site, f"okrs/{Q4}/{unit}/{path.stem}")
        for kr in front_matter(path)["key_results"]:
            p = expected.progress(kr, history.get(kr["id"], []))
            pct = None if p is None else round(p * 100)
            shown = "–" if pct is None else f"{pct}%"
            qid = f"{Q4}/{unit}/{path.stem}/{kr['id']}"
            section = soup.select_one(f"#kr-{kr['id']}")
            assert section.select_one(".okr-pct").get_text(strip=True) == shown, qid          # the page
            chart = published.charts[f"okrs/{qid}"]
            assert f"{shown}," in chart.alt and f" {shown} " in chart.spec["title"]["subtitle"] + " "  # the chart
            badge = (site / "badges" / "okrs" / f"{qid}.svg").read_text(encoding="utf-8")
            assert f">{shown}</text>" in badge                                                      # the badge
            assert section.select_one("img.okr-badge")["alt"].endswith(shown)
            for ext in ("svg", "vl.json", "html"):
                assert (site / "charts" / "okrs" / f"{qid}.{ext}").is_file(), (qid, ext)
            progress = exported[qid]["progress"]
            assert (None if progress is None else round(progress * 100)) == pct                    # the export
            checked += 1
    assert checked >= 30


def test_every_chart_is_shown_at_its_own_size_which_the_page_knew_before_it_was_drawn():
    """Pages are built while the charts are drawn (issue 15), so an image's width and height are the
    chart's size as its spec predicts it (charts/specs.py, `Chart.size`); the published SVG has
    exactly that size, its drawing unscaled."""
    checked, wrong = chart_size_mismatches(shared_site(ROOT / "mkdocs.yml"))
    assert checked > 100 and not wrong, wrong[:5]


def test_a_charts_predicted_size_is_what_vega_draws_with_at_most_a_few_blank_pixels(sample):
    """The predicted height holds Vega's drawing whole (never scaled down) and adds at most a few
    pixels of blank space: the room each template takes is measured, not guessed."""
    view, published = sample
    raw = ChartRenderer(CACHE, find_cjk_font_dir()).render((cid, c.spec) for cid, c in published.charts.items())
    blank = []
    for cid, chart in published.charts.items():
        m = re.search(rb'width="(\d+)" height="(\d+)"', raw[(cid, "svg")][:400])
        width, height = int(m.group(1)), int(m.group(2))
        assert width == chart.size[0] and height <= chart.size[1], (cid, (width, height), chart.size)
        blank.append(chart.size[1] - height)
    assert max(blank) <= 12 and sorted(blank)[len(blank) // 2] <= 6, sorted(blank)


def test_a_japanese_font_comes_with_the_set_up_even_without_system_fonts(monkeypatch):
    """`make` installs matplotlib-fontja's font file (--no-deps): a fresh machine without Japanese
    fonts still renders Japanese PNG charts instead of refusing to build."""
    from okrsite.charts import fonts

    monkeypatch.setattr(fonts, "SYSTEM_DIRS", ())
    fonts.find_cjk_font_dir.cache_clear()
    try:
        found = fonts.find_cjk_font_dir(None)
        assert found is not None and any(p.name.lower().startswith("ipaexg") for p in Path(found).iterdir())
    finally:
        fonts.find_cjk_font_dir.cache_clear()


def test_the_pace_line_reaches_the_target_on_the_due_date(sample):
    """A committed KR due before the period ends is expected at its target on the due date, not on
    the period's last day (read from the objective file)."""
    _, published = sample
    path = CONTENT / "okrs" / Q4 / "company" / "enterprise-trust.md"
    fm = front_matter(path)
    assert fm["type"] == "committed"
    kr = next(k for k in fm["key_results"] if k["id"] == "enterprise-deals")
    pace = published.charts[f"okrs/{Q4}/company/enterprise-trust/enterprise-deals"].spec["datasets"]["pace"]
    by_date = {p["date"]: p["y"] for p in pace}
    assert by_date[f"{Q4[:4]}-10-01"] == kr["baseline"]
    assert by_date[kr["due"].isoformat()] == pytest.approx(kr["target"])
    assert max(p["y"] for p in pace) == pytest.approx(kr["target"])  # level after the due date
