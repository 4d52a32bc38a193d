"""Trend and confidence (scoring/trend.py, site/view_trend.py, charts/sparkline.py) on a hand-built
organization: every expected number below is worked out by hand from the check-ins written here."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from okrsite.charts.sparkline import sparkline_svg
from okrsite.scoring.trend import confidence_level, kr_trend, objective_trend, progress_series
from okrsite.site.offline import remote_loads
from okrsite.site.view import SiteView

from .orgs import org_from

TODAY = dt.date(2026, 11, 24)
OBJ = ("okrs/2026-Q4/product/o.md", "---\ntitle: O\nowner: pm\ntype: aspirational\nkey_results:\n"
       "  - {id: up, title: Up, baseline: 0, target: 100, unit: pt}\n"
       "  - {id: down, title: Down, baseline: 0, target: 200, unit: pt}\n"
       "  - {id: flat, title: Flat, baseline: 0, target: 100, unit: pt}\n"
       "  - {id: once, title: Once, baseline: 0, target: 100, unit: pt}\n---\n")
LOGS = {
    "logs/2026-Q4/product/2026-11-01.md": "---\nauthor: pm\nupdates:\n  up: 20\n  down: 100\n  flat: 30\n---\n",
    "logs/2026-Q4/product/2026-11-10.md": "---\nauthor: pm\nupdates:\n  up: 34\n  down: 100\n  flat: 30.4\n---\n",
    # up 34 → 40: +6 pt; down 100 → 94 of 200: 50% → 47%, −3 pt; flat 30.4 → 30.2: 30% both, no change
    "logs/2026-Q4/product/2026-11-20.md": "---\nauthor: pm\nupdates:\n  up: {value: 40, confidence: 0.8}\n"
                                          "  down: {value: 94, confidence: 0.4}\n  flat: {value: 30.2, confidence: 0.2}\n"
                                          "  once: 10\n---\n",
}


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    return org_from(tmp_path_factory.mktemp("trend"), {OBJ[0]: OBJ[1], **LOGS}, TODAY)


def _kr(org, kid):
    return next(kr for kr in org.objectives[0].key_results if kr.id == kid)


@pytest.mark.parametrize("kid, points, direction", [
    ("up", 6, "up"), ("down", -3, "down"), ("flat", 0, "flat"), ("once", None, "none")])
def test_the_change_since_the_previous_check_in_is_in_shown_points(org, kid, points, direction):
    trend = kr_trend(_kr(org, kid), org)
    assert (trend.points, trend.direction) == (points, direction)
    assert trend.since == dt.date(2026, 11, 20)


def test_an_objective_moves_by_its_mean_progress(org):
    # on 11-19: up 34%, down 50%, flat 30.4%, once not started (0): mean 28.6% → 29%
    # now: up 40%, down 47%, flat 30.2%, once 10%: mean 31.8% → 32%; +3 pt
    assert objective_trend(org.objectives[0], org).points == 3


def test_the_sparkline_points_are_the_shown_progress_after_each_check_in(org):
    assert [p for _, p in progress_series(_kr(org, "up"), org)] == [20, 34, 40]
    assert [p for _, p in progress_series(_kr(org, "once"), org)] == [10]


@pytest.mark.parametrize("value, level", [(None, "none"), (0.5, "high"), (0.49, "medium"), (0.3, "medium"),
                                          (0.29, "low")])
def test_confidence_levels_follow_the_lines_a_confidence_moves_a_status_by(value, level):
    assert confidence_level(value) == level


@pytest.mark.parametrize("lang, up, down, flat", [("en", "+6 pt", "−3 pt", "no change"),
                                                  ("ja", "+6ポイント", "−3ポイント", "変化なし")])
def test_the_change_is_worded_in_the_reader_s_language(org, lang, up, down, flat):
    view = SiteView(org, lang)
    assert [view.trend.text(_kr(org, k)) for k in ("up", "down", "flat", "once")] == [up, down, flat, ""]
    assert [view.trend.arrow(_kr(org, k)) for k in ("up", "down", "flat")] == ["▲", "▼", "▶"]


def test_confidence_is_told_by_words_and_shape(org):
    view = SiteView(org, "en")
    shown = [(view.trend.confidence_text(_kr(org, k)), view.trend.confidence_shape(_kr(org, k)))
             for k in ("up", "down", "flat", "once")]
    assert shown == [("Confidence 0.8", "●"), ("Confidence 0.4", "◐"), ("Confidence 0.2", "○"), ("", "")]
    # an objective's confidence is its least confident KR's
    assert view.trend.confidence_text(org.objectives[0]) == "Confidence 0.2"


def test_confidence_is_not_shown_once_the_period_is_over(tmp_path):
    org = org_from(tmp_path, {OBJ[0]: OBJ[1], **LOGS}, dt.date(2027, 1, 15))
    view = SiteView(org, "en")
    assert view.trend.confidence_text(_kr(org, "up")) == ""
    assert view.trend.text(_kr(org, "up")) == "+6 pt"  # the last move is still what it was


def test_a_sparkline_is_inline_svg_with_its_label_escaped_and_nothing_remote():
    svg = sparkline_svg([20, 34, 40], 'Progress <script>alert(1)</script> "x"')
    soup = BeautifulSoup(svg, "html.parser")
    assert soup.find("script") is None and soup.svg["aria-label"].startswith("Progress <script>")
    assert soup.svg.title.get_text() == 'Progress <script>alert(1)</script> "x"'
    ys = [float(p.split(",")[1]) for p in soup.polyline["points"].split()]
    assert ys[0] > ys[1] > ys[2]  # higher progress is drawn higher (smaller y)
    assert remote_loads(svg) == []
    assert sparkline_svg([40], "one") == ""
