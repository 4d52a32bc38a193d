"""Charts, their text alternatives and badges say only what is true for real data (issue 9,
docs/charts.md "What a chart says"): no pace line or pace word in a finished period, a finished KR's
final result marked at its end date, grade-only KRs drawn as their grades, ladders drawn as their
rungs, unscored items never a 0 line or a 0 bar, scores above 1.0 clamped in the bar and labelled as
written.

The specs (Vega-Lite JSON) are read, not rendered, except in one test. Expected numbers come from
the content files (read with PyYAML), tests/expected.py, or the hand computation of
examples/lumen-foundation/EXPECTED.md.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from decimal import ROUND_HALF_UP, Decimal

import pytest

from okrsite.charts.catalog import all_charts
from okrsite.charts.data import ChartData
from okrsite.charts.fonts import find_cjk_font_dir
from okrsite.charts.publish import badge
from okrsite.charts.render import ChartRenderer
from okrsite.charts.specs import scores_chart
from okrsite.resolve.pipeline import load_organization

from . import expected
from .conftest import CONTENT, ROOT
from .orgs import log, objective, org_from
from .sitebuild import front_matter

LUMEN = ROOT / "examples" / "lumen-foundation" / "content"
TODAY = dt.date(2026, 12, 10)  # EXPECTED.md's day
FINISHED = ("FY27-Q1", "FY27-Q2", "FY27-Q3")
RUNNING = "FY27-Q4"
PACE_WORDS = re.compile(r"\b(On track|At risk|Off track|Not started)\b")  # docs/scoring.md's pace statuses
SVG = "{http://www.w3.org/2000/svg}"


def _shown(x: float) -> str:
    """Two decimals, half up (docs/scoring.md, "Rounding")."""
    return str(Decimal(repr(x)).quantize(Decimal("0.01"), ROUND_HALF_UP))


@pytest.fixture(scope="module")
def lumen():
    org = load_organization(LUMEN, TODAY)
    data = ChartData(org, "en")
    return data, {c.id: c for c in all_charts(data)}


def _layers_reading(spec: dict, dataset: str) -> list[dict]:
    return [layer for layer in spec["layer"] if layer.get("data", {}).get("name") == dataset]


def _okr_charts(charts: dict, period: str) -> list:
    return [c for cid, c in charts.items() if cid.startswith(f"okrs/{period}/")]


# --- 1/2: pace only in the running period -----------------------------------------------------------
@pytest.mark.parametrize("period", FINISHED)
def test_a_finished_period_draws_no_pace_and_says_no_pace_word(lumen, period):
    _, charts = lumen
    okr = _okr_charts(charts, period)
    assert len(okr) >= 9, period
    for chart in okr:
        datasets = chart.spec["datasets"]
        assert datasets.get("pace", []) == [] and datasets.get("pace_steps", []) == [], chart.id
        assert datasets.get("today", []) == [], chart.id
        # an objective chart has no expected-pace tick layer at all
        assert not [la for la in chart.spec["layer"] if la.get("encoding", {}).get("x", {}).get("field") == "expected"]
        words = " ".join([chart.alt, chart.spec["title"]["text"], chart.spec["title"].get("subtitle", ""),
                          *(str(r.get("status_label", "")) for r in datasets.get("krs", []))])
        assert not PACE_WORDS.search(words), (chart.id, words)


def test_the_running_period_draws_the_pace(lumen):
    _, charts = lumen
    krs = [c for c in _okr_charts(charts, RUNNING) if c.id.count("/") == 4]
    assert sum(1 for c in krs if c.spec["datasets"]["pace"] or c.spec["datasets"]["pace_steps"]) >= 8
    objective = charts[f"okrs/{RUNNING}/tsc/review-capacity"]
    assert [la for la in objective.spec["layer"] if la.get("encoding", {}).get("x", {}).get("field") == "expected"]
    assert all(c.spec["datasets"]["final"] == [] for c in krs)  # no final result while the period runs


# --- ladders ---------------------------------------------------------------------------------------------
def _kr_doc(period: str, unit: str, slug: str, kr_id: str) -> dict:
    doc = front_matter(LUMEN / "okrs" / period / unit / f"{slug}.md")
    return next(k for k in doc["key_results"] if k["id"] == kr_id)


def test_a_ladder_kr_draws_its_rungs_and_its_final_rung_score(lumen):
    _, charts = lumen
    kr = _kr_doc("FY27-Q3", "docs-wg", "docs-for-everyone", "docs-translated")
    chart = charts["okrs/FY27-Q3/docs-wg/docs-for-everyone/docs-translated"]
    rules = chart.spec["datasets"]["rules"]
    assert sorted(r["y"] for r in rules) == sorted(v for v, _ in kr["scoring"])
    for value, score in kr["scoring"]:  # each rung labelled with its score and its value
        assert any(r["y"] == value and r["label"] == f"{_shown(score)}: {value} pages" for r in rules), (value, rules)
    values = expected.history(LUMEN, "FY27-Q3", "docs-wg", TODAY)["docs-translated"]
    assert [p["y"] for p in chart.spec["datasets"]["values"]] == values  # the y axis stays in pages
    final = expected.ladder(kr["scoring"], values[-1])
    assert final == 0.6  # EXPECTED.md: 46 pages reach the 40-page rung (0.60), not the 70 one
    assert [f["label"] for f in chart.spec["datasets"]["final"]] == [f"Final score {_shown(final)}"]
    assert chart.spec["datasets"]["final"][0]["date"] == "2026-10-31"  # at the period's end
    assert "Scored on a ladder (0.30: 20 pages, 0.60: 40 pages, 1.00: 70 pages), ladder score 0.60." in chart.alt
    assert "Final score 0.60" in chart.alt


def test_a_running_ladder_kr_climbs_its_pace_rung_by_rung(lumen):
    """The pace of a ladder is stepped: the baseline until the day the expected pace (0 → success line
    0.7 over the period, expected.pace) reaches a rung's score, then that rung's value; the 1.0 rung
    lies above an aspirational success line and is never expected."""
    _, charts = lumen
    kr = _kr_doc(RUNNING, "docs-wg", "spanish-guide", "guide-pages-translated")
    start, end = dt.date(2026, 11, 1), dt.date(2027, 1, 31)
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    steps = [(start.isoformat(), kr["baseline"])]
    for value, score in kr["scoring"]:
        day = next((d for d in days if expected.pace(start, end, None, d, 0.7) >= score - 1e-9), None)
        if day is not None:
            steps.append((day.isoformat(), value))
    steps.append((end.isoformat(), steps[-1][1]))
    assert steps == [("2026-11-01", 46), ("2026-12-10", 55), ("2027-01-18", 62), ("2027-01-31", 62)]  # by hand too
    chart = charts[f"okrs/{RUNNING}/docs-wg/spanish-guide/guide-pages-translated"]
    assert [(p["date"], p["y"]) for p in chart.spec["datasets"]["pace_steps"]] == steps
    assert chart.spec["datasets"]["pace"] == []
    [layer] = _layers_reading(chart.spec, "pace_steps")
    assert layer["mark"]["interpolate"] == "step-after"


# --- grade-only KRs ------------------------------------------------------------------------------------
def _grades(period: str, unit: str, kr_id: str, on: dt.date) -> list[tuple[str, float]]:
    out = []
    for path in sorted((LUMEN / "logs" / period / unit).glob("*.md")):
        update = (front_matter(path).get("updates") or {}).get(kr_id)
        if isinstance(update, dict) and "grade" in update and dt.date.fromisoformat(path.stem) <= on:
            out.append((path.stem, update["grade"]))
    return out


def test_a_grade_only_kr_draws_its_grades_and_its_final_score(lumen):
    _, charts = lumen
    chart = charts["okrs/FY27-Q3/release-wg/release-train/trains-shipped"]
    grades = _grades("FY27-Q3", "release-wg", "trains-shipped", TODAY)
    assert grades == [("2026-09-15", 0.5), ("2026-10-31", 1.0)]
    assert [(p["date"], p["y"]) for p in chart.spec["datasets"]["values"]] == grades  # not an empty chart
    y_titles = {la["encoding"]["y"].get("title") for la in chart.spec["layer"]
                if isinstance(la.get("encoding", {}).get("y"), dict) and "title" in la["encoding"]["y"]}
    assert y_titles == {"Score"}  # the axis of a grade-only KR is the score, not the KR's unit
    # EXPECTED.md: 1.00, the back-filled grade of 2026-10-31 (no retrospective), Final 0.7–1.0
    assert [(p["date"], p["y"]) for p in chart.spec["datasets"]["final_point"]] == [("2026-10-31", 1.0)]
    assert chart.spec["datasets"]["final"][0]["label"] == "Final score 1.00"
    assert "2 grade(s): 0.50 (Sep 15), 1.00 (Oct 31). Final 0.7–1.0, Final score 1.00." in chart.alt


def test_a_running_grade_only_kr_is_paced_on_the_score_scale(lumen):
    _, charts = lumen
    chart = charts[f"okrs/{RUNNING}/release-wg/release-train/trains-shipped"]
    assert [(p["date"], p["y"]) for p in chart.spec["datasets"]["values"]] == \
        _grades(RUNNING, "release-wg", "trains-shipped", TODAY) == [("2026-12-01", 0.5)]
    pace = chart.spec["datasets"]["pace"]
    assert (pace[0]["y"], pace[-1]["y"]) == (0.0, pytest.approx(0.7))  # 0 → the aspirational success line
    assert chart.spec["datasets"]["final_point"] == []


# --- unscored is never a line or a bar at 0 ------------------------------------------------------------
def test_an_unscored_kr_without_values_is_no_line_at_zero(lumen):
    _, charts = lumen
    for kr_id in ("median-review-days", "active-reviewers"):  # EXPECTED.md: FY27-Q3 tsc, both unscored
        chart = charts[f"okrs/FY27-Q3/tsc/review-capacity/{kr_id}"]
        datasets = chart.spec["datasets"]
        assert datasets["values"] == [] and datasets["pace"] == [] and datasets["final_point"] == []
        assert [f["label"] for f in datasets["final"]] == ["Unscored"]
        assert "Unscored" in chart.alt and "0.00" not in chart.alt and "0%" not in chart.alt


def test_every_unscored_kr_bar_is_absent_never_zero(lumen):
    data, charts = lumen
    seen = 0
    for chart in charts.values():
        for row in chart.spec["datasets"].get("krs", []):
            if row["status"] == "unscored":
                assert row["shown"] is None and row["pct"] in ("–", "Deferred", "Blocked", "Work in progress"), \
                    (chart.id, row)
                seen += 1
    assert seen >= 6 + 2 + 2  # FY27-Q1's six KRs, FY27-Q3's review-capacity, mentor-pairs/flaky-tests …


def test_finished_objective_charts_show_final_scores_clamped_and_labelled_as_written(lumen):
    _, charts = lumen
    chart = charts["okrs/FY27-Q3/docs-wg/docs-for-everyone"]
    rows = chart.spec["datasets"]["krs"]
    # EXPECTED.md: commands-documented 0.85, tutorial-views 1.30 (retro), docs-translated 0.60 (ladder)
    assert [r["pct"] for r in rows] == ["0.85", "1.30", "0.60"]
    assert [r["shown"] for r in rows] == [0.85, 1.0, 0.6]  # the bar stops at 1.0, the label says 1.30
    assert chart.spec["datasets"]["goal"] == [{"x": 0.7}]  # the aspirational success line, on the score scale
    assert "Final score 0.82" in chart.spec["title"]["subtitle"]  # 0.8167 (EXPECTED.md)
    whole = charts["okrs/FY27-Q3/tsc/reliable-releases"]
    assert "Graded as a whole: 0.70 (mean of its KRs: 0.55)" in whole.alt
    partly = charts["okrs/FY27-Q3/lumen/sustainable-funding"]
    assert [r["pct"] for r in partly.spec["datasets"]["krs"]] == ["0.70", "Deferred"]
    assert "0.70 (1 of 2 KRs unscored)" in partly.alt


@pytest.mark.parametrize("period, shown", [
    ("FY27-Q1", {"lumen": None, "tsc": None, "community-wg": None}),
    ("FY27-Q3", {"lumen": "0.50", "tsc": "0.70", "community-wg": "0.70", "docs-wg": "0.82", "security": "0.80",
                 "infra": "0.35", "release-wg": "1.00"}),
])
def test_unit_score_bars_leave_unscored_units_without_a_bar(lumen, period, shown):
    data, charts = lumen
    rows = {r["unit"]: r for r in charts[f"periods/{period}/scores"].spec["datasets"]["scores"]}
    names = {uid: data.units[uid].name for uid in shown}
    assert set(rows) == set(names.values())
    for uid, text in shown.items():
        row = rows[names[uid]]
        if text is None:
            assert (row["score"], row["score_text"], row["band"]) == (None, "–", "none")
            assert f"{names[uid]} Unscored" in charts[f"periods/{period}/scores"].alt
        else:
            assert row["score_text"] == text and row["score"] is not None


def test_unit_history_shows_an_ungraded_period_as_a_dash(lumen):
    _, charts = lumen
    chart = charts["units/tsc/history"]
    rows = {r["period"]: r for r in chart.spec["datasets"]["history"]}
    assert (rows["FY27-Q1"]["score"], rows["FY27-Q1"]["score_text"]) == (None, "–")  # never graded
    assert (rows["FY27-Q2"]["score_text"], rows["FY27-Q3"]["score_text"]) == ("0.65", "0.70")  # EXPECTED.md
    assert "FY27-Q1 Unscored" in chart.alt


def test_a_score_above_one_is_clamped_in_the_bar_and_labelled_as_written(tmp_path):
    org = org_from(tmp_path, objective("  - {id: k, title: K, baseline: 0, target: 100}\n"))
    data = ChartData(org, "en")
    unit = org.units["product"]
    rows = scores_chart("c", "Scores", [(unit, 1.3), (org.units["acme"], None)], data).spec["datasets"]["scores"]
    assert [(r["score"], r["score_text"], r["band"]) for r in rows] == [(1.0, "1.30", "green"), (None, "–", "none")]


def _bar_rows(tmp_path, chart) -> list[float]:
    """The distinct heights at which the chart draws a coloured bar, translations included."""
    svg = ChartRenderer(tmp_path, find_cjk_font_dir(), jobs=1).render([(chart.id, chart.spec)], formats=("svg",))
    tops: set[float] = set()

    def walk(node, y: float) -> None:
        moved = re.search(r"translate\([-\d.]+,([-\d.]+)\)", node.get("transform", ""))
        y += float(moved.group(1)) if moved else 0.0
        if node.tag == f"{SVG}path" and node.get("fill") in ("#43a047", "#f59f00", "#e53935"):
            tops.add(round(y + float(re.search(r"M[-\d.]+,([-\d.]+)", node.get("d")).group(1)), 1))
        for child in node:
            walk(child, y)

    walk(ET.fromstring(svg[(chart.id, "svg")]), 0.0)
    return sorted(tops)


def test_two_krs_of_one_title_and_two_teams_of_one_name_are_two_rows(tmp_path):
    krs = ("  - {id: a, title: Same name, baseline: 0, target: 100}\n"
           "  - {id: b, title: Same name, baseline: 0, target: 10}\n")
    files = {**objective(krs), **log("2026-11-20", "  a: 60\n  b: 3\n")}
    org = org_from(tmp_path / "org", files)
    data = ChartData(org, "en")
    chart = next(c for c in all_charts(data) if c.id == "okrs/2026-Q4/product/o")
    assert "Same name 60%" in chart.alt and "Same name 30%" in chart.alt
    assert len(_bar_rows(tmp_path / "a", chart)) == 2
    unit = org.units["product"]
    scores = scores_chart("c", "Scores", [(unit, 0.8), (unit, 0.5)], data)
    assert len(_bar_rows(tmp_path / "b", scores)) == 2


# --- the Japanese sample keeps its numbers --------------------------------------------------------------
def test_the_japanese_samples_finished_quarter_charts_its_final_scores():
    org = load_organization(CONTENT, dt.date(2026, 11, 24))
    data = ChartData(org, "ja")
    charts = {c.id: c for c in all_charts(data)}
    checked = 0
    for path in sorted((CONTENT / "okrs" / "2026-Q3").glob("*/*.md")):
        unit = path.parent.name
        retro = CONTENT / "retros" / "2026-Q3" / f"{unit}.md"
        overrides = {k.split("/")[-1]: v for k, v in (front_matter(retro).get("scores") or {}).items()} \
            if retro.exists() else {}
        history = expected.history(CONTENT, "2026-Q3", unit, dt.date(2026, 11, 24))
        chart = charts[f"okrs/2026-Q3/{unit}/{path.stem}"]
        rows = chart.spec["datasets"]["krs"]
        for kr, row in zip(front_matter(path)["key_results"], rows, strict=True):
            score = expected.score(kr, history.get(kr["id"], []), overrides.get(kr["id"]))
            assert score is not None, kr["id"]  # design §0: every KR of the sample has a result
            assert row["pct"] == _shown(score), (path, kr["id"])
            assert row["shown"] == pytest.approx(min(1.0, score))
            checked += 1
        assert chart.spec["datasets"]["krs"] and "expected" not in str(
            [la.get("encoding", {}).get("x") for la in chart.spec["layer"]])
    assert checked >= 20


# --- badges ------------------------------------------------------------------------------------------------
def _badge_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text for t in root.iter(f"{SVG}text")]


def test_finished_badges_show_the_final_grade_or_unscored(lumen):
    data, _ = lumen
    obj = {o.qid: o for o in data.objectives}
    assert _badge_texts(badge(data, obj["FY27-Q3/docs-wg/docs-for-everyone"])) == ["Final", "0.82"]
    assert _badge_texts(badge(data, obj["FY27-Q1/tsc/governance-charter"])) == ["Final", "Unscored"]
    assert _badge_texts(badge(data, obj["FY27-Q3/release-wg/release-train"])) == ["Final", "1.00 · 1 unscored"]
    funded = next(k for k in obj["FY27-Q3/lumen/sustainable-funding"].key_results if k.id == "funded-maintainers")
    assert _badge_texts(badge(data, funded)) == ["Final", "Deferred"]
    for o in data.objectives:
        if o.period.id in FINISHED:
            for thing in (o, *o.key_results):
                svg = badge(data, thing)
                assert not PACE_WORDS.search(svg) and "%" not in svg, (thing.qid, svg)
    running = _badge_texts(badge(data, obj[f"{RUNNING}/docs-wg/spanish-guide"]))
    assert running == ["Progress", "–"]  # no check-in yet, no grade: no number made up
    # EXPECTED.md, FY27-Q4: active-reviewers graded 0.40 on 2026-12-03, so its objective scores 0.40 too
    graded = _badge_texts(badge(data, obj[f"{RUNNING}/tsc/review-capacity"]))
    assert graded[0] == "Progress" and graded[1].endswith(" · Grade 0.40") and "%" in graded[1]


def test_finished_badges_in_japanese_say_mi_saiten():
    org = load_organization(LUMEN, TODAY)
    data = ChartData(org, "ja")
    obj = next(o for o in data.objectives if o.qid == "FY27-Q1/tsc/governance-charter")
    assert _badge_texts(badge(data, obj)) == ["最終", "未採点"]


# --- one rendered chart: the SVG carries the final label and the rungs -----------------------------------
def test_the_rendered_ladder_chart_shows_its_rungs_and_final_score(lumen, tmp_path):
    _, charts = lumen
    chart = charts["okrs/FY27-Q3/docs-wg/docs-for-everyone/docs-translated"]
    svg = ChartRenderer(tmp_path, find_cjk_font_dir(), jobs=1).render([(chart.id, chart.spec)], formats=("svg",))
    texts = {t.text for t in ET.fromstring(svg[(chart.id, "svg")]).iter(f"{SVG}text") if t.text}
    assert {"Final score 0.60", "0.30: 20 pages", "0.60: 40 pages", "1.00: 70 pages"} <= texts
    assert not any(PACE_WORDS.search(t) for t in texts)


def test_a_pages_badge_alt_text_says_what_the_badge_says():
    """The <img> of a badge on a page carries the badge's own words: a finished objective's final
    score or "Unscored", never its progress (the site view, charts taken from all_charts unrendered)."""
    from okrsite.charts.publish import Published
    from okrsite.site.view import SiteView

    view = SiteView(load_organization(LUMEN, TODAY), "en")
    view = view.with_charts(Published({}, {c.id: c for c in all_charts(view)}, {}))
    obj = {o.qid: o for o in view.objectives}
    assert view.charts.badge(obj["FY27-Q3/docs-wg/docs-for-everyone"]).alt == "Final: 0.82"  # EXPECTED.md
    assert view.charts.badge(obj["FY27-Q1/tsc/governance-charter"]).alt == "Final: Unscored"
    assert view.charts.badge(obj[f"{RUNNING}/tsc/review-capacity"]).alt.startswith("Progress: ")
    assert view.charts.badge(obj[f"{RUNNING}/tsc/review-capacity"]).alt.endswith(" · Grade 0.40")
