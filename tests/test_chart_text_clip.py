"""Chart text is clipped, the text alternative is whole (charts/specs.py, CHART_TEXT_MAX): a
contributor's 100 KB title must not make a chart cost minutes to draw (the renderer measures every
glyph it draws), and readers of the text alternative still get every word."""

from __future__ import annotations

import time

import vl_convert as vlc

from okrsite.charts.catalog import all_charts
from okrsite.charts.data import ChartData
from okrsite.charts.specs import CHART_TEXT_MAX

from .orgs import log, objective, org_from

HUGE = "Grow <img " * 10_000  # 100 KB of what once made the offline guard quadratic


def _charts(tmp_path, title: str):
    files = objective(f"  - {{id: k, title: {title!r}, baseline: 0, target: 100}}\n")
    files = {path: text.replace("title: Objective", f"title: {title!r}") for path, text in files.items()}
    files.update(log("2026-11-20", "  k: 40\n"))
    org = org_from(tmp_path, files)
    return {c.id: c for c in all_charts(ChartData(org, "en"))}


def _texts(spec: dict) -> list[str]:
    """Every string a chart draws: its title, subtitle and the strings of its data rows."""
    title = spec["title"]
    rows = [v for rows in spec["datasets"].values() for row in rows for v in row.values() if isinstance(v, str)]
    return [title["text"], title.get("subtitle", ""), *rows]


def test_a_huge_title_is_clipped_in_the_chart_and_whole_in_its_text_alternative(tmp_path):
    charts = _charts(tmp_path, HUGE)
    kr = next(c for cid, c in charts.items() if cid.endswith("/k"))
    assert max(len(t) for t in _texts(kr.spec)) <= CHART_TEXT_MAX
    assert kr.spec["title"]["text"].endswith("…") and kr.spec["title"]["text"].startswith("Grow <img Grow")
    assert HUGE.strip() in kr.alt and HUGE.strip() in kr.spec["description"]


def test_a_short_title_is_drawn_whole(tmp_path):
    kr = next(c for cid, c in _charts(tmp_path, "Signups double").items() if cid.endswith("/k"))
    assert kr.spec["title"]["text"] == "Signups double"


def test_drawing_a_chart_with_a_huge_title_costs_about_what_a_short_one_does(tmp_path):
    def cpu(title: str, where) -> float:
        spec = next(c for cid, c in _charts(where, title).items() if cid.endswith("/k")).spec
        start = time.process_time()
        vlc.vegalite_to_svg(spec)
        return time.process_time() - start

    short = cpu("Signups double", tmp_path / "short")
    assert cpu(HUGE, tmp_path / "huge") < 2 * short + 0.5
