"""The pace line ends at a KR's `due` date, on the status and on the KR's chart alike; the check-in
window and the milestone share are the same for the score and for the chart.

Period 2026-Q4: 2026-10-01 – 2026-12-31. Expected values come from tests/expected.py (pace)
or are worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt

import pytest

from okrsite.charts.data import ChartData
from okrsite.charts.specs import kr_chart
from okrsite.scoring.progress import Status, kr_progress

from . import expected
from .orgs import log, objective, org_from

START, END, MID = dt.date(2026, 10, 1), dt.date(2026, 12, 31), dt.date(2026, 11, 15)


def _kr(tmp_path, kr_yaml: str, *logs: dict[str, str], type_: str = "committed", today: dt.date = MID):
    files = objective(kr_yaml, type_=type_)
    for entry in logs:
        files.update(entry)
    org = org_from(tmp_path, files, today)
    assert not [d for d in org.diagnostics if d.severity.value == "error"], org.diagnostics
    return org, org.objectives[0].key_results[0]


@pytest.mark.parametrize("due, type_, success", [
    (dt.date(2026, 11, 30), "committed", 1.0),     # 45 of 60 days to the due date: 0.75
    (dt.date(2026, 11, 30), "aspirational", 0.7),  # 0.7 × 0.75 = 0.525
    (dt.date(2026, 11, 10), "committed", 1.0),     # due already passed: all of it is expected
    (dt.date(2026, 10, 1), "committed", 1.0),      # due on the first day: no line to draw, the period end counts
    (None, "committed", 1.0),                      # 45 of 91 days: 0.4945
])
def test_expected_pace_follows_the_due_date(tmp_path, due, type_, success):
    kr_yaml = "  - {id: k, title: K, baseline: 0, target: 100" + (f", due: {due}" if due else "") + "}\n"
    org, kr = _kr(tmp_path, kr_yaml, log("2026-11-10", "  k: 60\n"), type_=type_)
    assert kr_progress(kr, org).expected == pytest.approx(expected.pace(START, END, due, MID, success))


def test_an_early_due_date_makes_a_kr_behind_that_the_period_end_would_not(tmp_path):
    # 60/100 = 0.6. Due 11-30: 0.75 expected, 0.15 behind → at risk. Without due: 0.4945 → on track.
    org, kr = _kr(tmp_path, "  - {id: k, title: K, baseline: 0, target: 100, due: 2026-11-30}\n",
                  log("2026-11-10", "  k: 60\n"))
    assert kr_progress(kr, org).status is Status.AT_RISK
    org, kr = _kr(tmp_path / "b", "  - {id: k, title: K, baseline: 0, target: 100}\n", log("2026-11-10", "  k: 60\n"))
    assert kr_progress(kr, org).status is Status.ON_TRACK


def _chart(org, kr):
    data = ChartData(org, "en")
    return kr_chart("k", kr, data.kr(kr), data).spec["datasets"]


def test_the_chart_pace_line_ends_at_the_due_date(tmp_path):
    # baseline 20 → target 120, aspirational: the line ends at 20 + 0.7 × 100 = 90 on the due date
    org, kr = _kr(tmp_path, "  - {id: k, title: K, baseline: 20, target: 120, due: 2026-11-30}\n",
                  log("2026-11-10", "  k: 60\n"), type_="aspirational")
    # ... and stays level there until the period ends
    assert _chart(org, kr)["pace"] == [{"date": "2026-10-01", "y": 20}, {"date": "2026-11-30", "y": pytest.approx(90)},
                                       {"date": "2026-12-31", "y": pytest.approx(90)}]
    org, kr = _kr(tmp_path / "b", "  - {id: k, title: K, baseline: 20, target: 120}\n",
                  log("2026-11-10", "  k: 60\n"), type_="committed")
    assert _chart(org, kr)["pace"] == [{"date": "2026-10-01", "y": 20}, {"date": "2026-12-31", "y": 120}]


MILESTONES = ("  - id: k\n    title: K\n    kind: milestones\n"
              "    steps: [{id: a, title: A}, {id: b, title: B, weight: 3}, {id: c, title: C}]\n")


def test_milestone_share_is_weighted_for_the_score_and_the_chart(tmp_path):
    # steps weigh 1, 3, 1: [a] is 1/5 = 0.2, [a, b] is 4/5 = 0.8
    org, kr = _kr(tmp_path, MILESTONES, log("2026-10-20", "  k: [a]\n"), log("2026-11-10", "  k: [a, b]\n"))
    assert kr_progress(kr, org).progress == pytest.approx(0.8)
    assert [v["y"] for v in _chart(org, kr)["values"]] == [pytest.approx(20.0), pytest.approx(80.0)]


def test_check_ins_after_the_day_asked_about_do_not_count(tmp_path):
    # on 11-15 only the 10-20 check-in has happened; the 12-01 one is in the future. (Written with
    # today 12-05, since `okrsite check` rejects a check-in dated after today; then asked about 11-15.)
    org, kr = _kr(tmp_path, "  - {id: k, title: K, baseline: 0, target: 10}\n",
                  log("2026-10-20", "  k: 3\n"), log("2026-12-01", "  k: 9\n"), today=dt.date(2026, 12, 5))
    assert kr_progress(kr, org, MID).current == 3
    org.today = MID
    assert [v["date"] for v in _chart(org, kr)["values"]] == ["2026-10-20"]
