"""Progress, score and status rules, against values worked out by hand.

Period 2026-Q4 runs 2026-10-01 – 2026-12-31 (91 days). On 2026-11-15, 45 days have
passed: the expected pace is 45/91 = 0.4945 of the way for committed objectives, and
0.7 × 0.4945 = 0.3462 for aspirational ones (0.7 is their success line).
"""

from __future__ import annotations

import datetime as dt

import pytest

from okrsite.scoring.bands import score_band
from okrsite.scoring.progress import Status, kr_progress, objective_progress, unit_score

from .orgs import log, objective, org_from

MID = dt.date(2026, 11, 15)


def one_kr(tmp_path, kr_yaml: str, updates: list[tuple[str, str]], *, type_="aspirational", today=MID):
    files = objective(kr_yaml, type_=type_)
    for day, upd in updates:
        files.update(log(day, upd))
    org = org_from(tmp_path, files, today)
    assert not [d for d in org.diagnostics if d.severity.value == "error"], org.diagnostics
    return org, org.objectives[0].key_results[0]


METRIC = "  - {id: k, title: K, baseline: 50, target: 70}\n"
DECREASE = "  - {id: k, title: K, baseline: 20, target: 10}\n"


@pytest.mark.parametrize("kr_yaml, updates, progress, score", [
    (METRIC, [("2026-11-10", "  k: 60\n")], 0.5, 0.5),
    (METRIC, [("2026-11-10", "  k: 80\n")], 1.5, 1.0),  # beyond the target: above 100%, score clamped
    (METRIC, [("2026-11-10", "  k: 40\n")], -0.5, 0.0),  # below the baseline
    (METRIC, [("2026-10-10", "  k: 66\n"), ("2026-11-10", "  k: 55\n")], 0.25, 0.25),  # latest counts
    (DECREASE, [("2026-11-10", "  k: 16\n")], 0.4, 0.4),  # 20 → 16 of 20 → 10
    (DECREASE, [("2026-11-10", "  k: 24\n")], -0.4, 0.0),  # got worse
    ("  - {id: k, title: K, baseline: -10, target: 10}\n", [("2026-11-10", "  k: 0\n")], 0.5, 0.5),  # negatives
    ("  - {id: k, title: K, kind: boolean}\n", [("2026-11-10", "  k: true\n")], 1.0, 1.0),
    ("  - {id: k, title: K, kind: boolean}\n", [("2026-11-10", "  k: false\n")], 0.0, 0.0),
    ("  - id: k\n    title: K\n    kind: milestones\n    steps: [{id: a, title: A}, {id: b, title: B, weight: 3}]\n",
     [("2026-11-10", "  k: [b]\n")], 0.75, 0.75),
    ("  - {id: k, title: K, kind: threshold, min: 99.9}\n",
     [("2026-10-10", "  k: 99.95\n"), ("2026-10-20", "  k: 99.5\n"), ("2026-11-01", "  k: 99.99\n"),
      ("2026-11-10", "  k: 99.92\n")], 0.75, 0.75),  # 3 of 4 check-ins within the band
    ("  - {id: k, title: K, kind: threshold, min: 10, max: 20}\n",
     [("2026-11-10", "  k: 25\n")], 0.0, 0.0),
    # "measure the baseline first": the first check-in is the baseline
    ("  - {id: k, title: K, target: 100, direction: increase}\n",
     [("2026-10-05", "  k: 40\n"), ("2026-11-10", "  k: 70\n")], 0.5, 0.5),
])
def test_progress_and_score(tmp_path, kr_yaml, updates, progress, score):
    org, kr = one_kr(tmp_path, kr_yaml, updates)
    p = kr_progress(kr, org)
    assert p.progress == pytest.approx(progress)
    assert p.computed_score == pytest.approx(score)
    assert p.score is None  # running period: the score column holds only what a person graded
    after = kr_progress(kr, org, kr.objective.period.end + dt.timedelta(days=1))
    assert after.score == pytest.approx(score)  # finished: the computed score is the final score


def test_no_check_in_means_not_started(tmp_path):
    org, kr = one_kr(tmp_path, METRIC, [])
    p = kr_progress(kr, org)
    assert (p.progress, p.score, p.status, p.current) == (None, None, Status.NOT_STARTED, None)


def test_current_value_is_the_latest_on_or_before_the_day(tmp_path):
    org, kr = one_kr(tmp_path, METRIC, [("2026-10-10", "  k: 55\n"), ("2026-11-10", "  k: 65\n")])
    assert kr_progress(kr, org, dt.date(2026, 10, 31)).current == 55
    assert kr_progress(kr, org, dt.date(2026, 11, 10)).current == 65
    assert kr_progress(kr, org, dt.date(2026, 10, 9)).current is None


# Expected pace on 2026-11-15: committed 0.4945, aspirational 0.3462.
@pytest.mark.parametrize("value, type_, confidence, status", [
    (60, "committed", None, Status.ON_TRACK),     # 0.50 vs 0.49
    (58, "committed", None, Status.ON_TRACK),     # 0.40: 0.09 behind, within 0.10
    (56, "committed", None, Status.AT_RISK),      # 0.30: 0.19 behind
    (53, "committed", None, Status.OFF_TRACK),    # 0.15: 0.34 behind
    (56, "aspirational", None, Status.ON_TRACK),  # 0.30 vs 0.35 on the 0.7 success line
    (52, "aspirational", None, Status.AT_RISK),   # 0.10: 0.25 behind → at risk (boundary)
    (51, "aspirational", None, Status.OFF_TRACK), # 0.05: 0.30 behind
    (60, "committed", 0.4, Status.AT_RISK),       # on pace, but the team is not confident
    (60, "committed", 0.2, Status.OFF_TRACK),
    (60, "committed", 0.5, Status.ON_TRACK),      # 0.5 is normal for a stretch goal
    (75, "committed", 0.1, Status.ON_TRACK),      # target reached: confidence no longer matters
])
def test_status_from_pace_and_confidence(tmp_path, value, type_, confidence, status):
    conf = f", confidence: {confidence}" if confidence is not None else ""
    org, kr = one_kr(tmp_path, METRIC, [("2026-11-10", f"  k: {{value: {value}{conf}}}\n")], type_=type_)
    assert kr_progress(kr, org).status is status


def test_due_date_moves_the_expected_pace(tmp_path):
    kr_yaml = "  - {id: k, title: K, baseline: 0, target: 100, due: 2026-11-15}\n"
    org, kr = one_kr(tmp_path, kr_yaml, [("2026-11-10", "  k: 80\n")], type_="committed")
    p = kr_progress(kr, org)
    assert p.expected == pytest.approx(1.0)  # due today: all of it was expected
    assert p.status is Status.AT_RISK  # 0.8: 0.2 behind


def test_threshold_status_follows_the_latest_value(tmp_path):
    kr_yaml = "  - {id: k, title: K, kind: threshold, min: 99.9}\n"
    org, kr = one_kr(tmp_path, kr_yaml, [("2026-10-10", "  k: 99.0\n"), ("2026-11-10", "  k: 99.95\n")])
    assert kr_progress(kr, org).status is Status.ON_TRACK
    org, kr = one_kr(tmp_path / "b", kr_yaml, [("2026-11-10", "  k: 99.0\n")])
    assert kr_progress(kr, org).status is Status.OFF_TRACK


def test_stale_after_the_threshold(tmp_path):
    org, kr = one_kr(tmp_path, METRIC, [("2026-10-31", "  k: 60\n")], today=dt.date(2026, 11, 15))
    assert kr_progress(kr, org).stale  # 15 days > 14
    assert not kr_progress(kr, org, dt.date(2026, 11, 14)).stale  # 14 days
    assert not kr_progress(kr, org, dt.date(2027, 1, 20)).stale  # the period has ended


def test_objective_score_is_the_weighted_mean(tmp_path):
    krs = ("  - {id: a, title: A, baseline: 0, target: 10, weight: 3}\n"
           "  - {id: b, title: B, baseline: 0, target: 10}\n")
    files = {**objective(krs), **log("2026-11-10", "  a: 10\n  b: 2\n")}
    org = org_from(tmp_path, files, MID)
    p = objective_progress(org.objectives[0], org, dt.date(2027, 1, 5))
    assert p.score == pytest.approx((1.0 * 3 + 0.2) / 4)


def test_retrospective_score_overrides_the_computed_one(tmp_path):
    files = {**objective(METRIC, period="2026-Q3"),
             **log("2026-09-20", "  k: 60\n", period="2026-Q3"),
             "retros/2026-Q3/product.md": "---\nscores:\n  k: {score: 0.8, reason: 定義変更を考慮}\n---\n"}
    org = org_from(tmp_path, files)
    p = kr_progress(org.objectives[0].key_results[0], org)
    assert (p.computed_score, p.score, p.score_overridden) == (pytest.approx(0.5), 0.8, True)
    assert unit_score(org.units["product"], org.objectives[0].period, org) == pytest.approx(0.8)


@pytest.mark.parametrize("score, band", [(0.0, "red"), (0.3, "red"), (0.39, "red"), (0.4, "yellow"),
                                         (0.6, "yellow"), (0.69, "yellow"), (0.7, "green"), (1.0, "green")])
def test_score_bands(score, band):
    assert score_band(score) == band
