"""The score scale has one definition (okrsite/scoring/bands.py): the success line of each
objective type, the colour bands and the rounding they are judged at. Expected values are
written by hand from docs/scoring.md: red below 0.4, yellow 0.4 up to 0.7, green from 0.7,
judged at the two decimals pages show (0.6976 is shown as 0.70, so it is green); committed
objectives succeed at 1.0, aspirational ones at `aspirational_success` (default 0.7).
"""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from okrsite.scoring.bands import score_band
from okrsite.scoring.progress import kr_progress
from okrsite.site.pages import PageSpec
from okrsite.site.templates import Renderer, environment
from okrsite.site.view import SiteView
from okrsite.text.i18n import label

from .orgs import log, objective, org_from


@pytest.mark.parametrize("score, band", [
    (0.0, "red"), (0.39, "red"), (0.3949, "red"),  # shown 0.39
    (0.3951, "yellow"), (0.4, "yellow"), (0.69, "yellow"), (0.6949, "yellow"),  # 0.3951 is shown 0.40
    (0.6951, "green"), (0.6976, "green"), (0.7, "green"), (1.0, "green"),  # 0.6951 and 0.6976 are shown 0.70
])
def test_band_boundaries_at_the_shown_precision(score, band):
    assert score_band(score) == band


def test_the_colour_always_matches_the_number_shown(sample_org):
    """Whatever the score, its colour is the band of the number printed next to it."""
    view = SiteView(sample_org, "en")
    for i in range(10001):
        x = i / 10000
        shown = float(view.score(x))
        assert view.band(x) == ("green" if shown >= 0.7 else "yellow" if shown >= 0.4 else "red"), x


@pytest.mark.parametrize("type_, config, line", [
    ("committed", "", 1.0), ("aspirational", "", 0.7), ("aspirational", "aspirational_success: 0.6\n", 0.6),
    ("committed", "aspirational_success: 0.6\n", 1.0),
])
def test_the_pace_line_ends_on_the_success_line_of_the_type(tmp_path, type_, config, line):
    files = {**objective("  - {id: k, title: K, baseline: 0, target: 10}\n", type_=type_),
             **log("2026-11-10", "  k: 5\n")}
    if config:
        files["okrsite.yml"] = config
    org = org_from(tmp_path, files, dt.date(2026, 11, 15))
    kr = org.objectives[0].key_results[0]
    assert kr_progress(kr, org, dt.date(2026, 12, 31)).expected == pytest.approx(line)


# Q3 objectives of one unit, each with one KR from 0 to 10000, and the Q3 score it reaches.
Q3 = [("asp-hit", "aspirational", 6976),   # 0.6976, shown 0.70: green, meets 0.7
      ("asp-miss", "aspirational", 6949),  # 0.6949, shown 0.69: yellow, misses 0.7
      ("com-hit", "committed", 9960),      # 0.996, shown 1.00: meets 1.0, and every KR is at 1.0
      ("com-miss", "committed", 9940),     # 0.994, shown 0.99: misses 1.0, still green
      ("low", "aspirational", 3949),       # 0.3949, shown 0.39: red, listed as low
      ("not-low", "aspirational", 3951)]   # 0.3951, shown 0.40: yellow


def _q3_view(tmp_path, config: str = "") -> SiteView:
    files = {"okrsite.yml": config} if config else {}
    for slug, type_, _ in Q3:
        kr = f"  - {{id: {slug}-k, title: K, baseline: 0, target: 10000, due: 2026-09-30}}\n"
        files.update(objective(kr, type_=type_, slug=slug, period="2026-Q3"))
    updates = "".join(f"  {slug}-k: {value}\n" for slug, _, value in Q3)
    files.update(log("2026-09-20", updates, period="2026-Q3"))
    org = org_from(tmp_path, files)
    assert not [d for d in org.diagnostics if d.severity.value == "error"], org.diagnostics
    return SiteView(org, "en")


def test_period_retrospective_counts_successes_bands_and_lows(tmp_path):
    view = _q3_view(tmp_path)
    pr = view.history.period_retro(view.org.periods["2026-Q3"])
    assert {t: (o.success_line, o.count, o.successes) for t, o in pr.outcomes.items()} == {
        "committed": (1.0, 2, 1), "aspirational": (0.7, 4, 1)}
    assert pr.bands == {"green": 3, "yellow": 2, "red": 1}
    assert [o.slug for o, _ in pr.low] == ["low"]
    assert [o.slug for o, _ in pr.perfect] == ["com-hit"]


def _success_column(view: SiteView) -> dict[str, str]:
    period = view.org.periods["2026-Q3"]
    html, _ = Renderer(environment(), view).render(PageSpec("retros/2026-Q3.md", "retro_period", "t", obj=period),
                                                   "retros/2026-Q3/")
    rows = BeautifulSoup(html, "html.parser").select("#committed-aspirational ~ .okr-table-wrap tbody tr")
    return {r.select("td")[0].get_text(strip=True): r.select("td")[3].get_text(strip=True) for r in rows}


def test_the_retrospective_page_shows_each_type_s_success_line(tmp_path):
    assert _success_column(_q3_view(tmp_path)) == {"Committed": "1.00", "Aspirational": "0.70"}
    assert _success_column(_q3_view(tmp_path / "b", "aspirational_success: 0.6\n")) == {
        "Committed": "1.00", "Aspirational": "0.60"}


def test_labels_state_the_scale_that_is_applied():
    assert label("score_scale", "en") == "Score scale: 0.0–0.3 red / 0.4–0.6 yellow / 0.7–1.0 green"
    assert label("score_scale", "ja") == "スコアの目安: 0.0–0.3 赤 / 0.4–0.6 黄 / 0.7–1.0 緑"
    assert label("below_low", "en") == "Objectives under 0.4"


def test_objective_pages_state_the_success_line_of_their_type(tmp_path):
    view = _q3_view(tmp_path, "aspirational_success: 0.6\n")
    by_slug = {o.slug: o for o in view.org.objectives}
    assert view.success_text(by_slug["com-hit"]) == "Committed objectives are expected at 1.00"
    assert view.success_text(by_slug["asp-hit"]) == "For aspirational objectives, 0.60 counts as success"
