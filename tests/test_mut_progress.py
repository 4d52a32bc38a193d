"""Progress rules at their edges, found by mutation testing (`make mutation`, docs/testing.md).

Every expected value is worked out by hand from docs/scoring.md. Period 2026-Q4 runs
2026-10-01 – 2026-12-31: 91 days from start to end. A committed KR due 2026-10-11 is expected
at 0.2 on 2026-10-03 (2 of 10 days) and at 0.5 on 2026-10-06 (5 of 10 days).
"""

from __future__ import annotations

import datetime as dt

import pytest

from okrsite.scoring.bands import score_band
from okrsite.scoring.progress import Status, kr_progress, objective_progress, status_counts, unit_score

from .orgs import log, objective, org_from

MID = dt.date(2026, 11, 15)  # 45 of 91 days: committed pace 45/91, aspirational 0.7 × 45/91


def _org(tmp_path, files, today=MID):
    org = org_from(tmp_path, files, today)
    assert not [d for d in org.diagnostics if d.severity.value == "error"], org.diagnostics
    return org


def _one(tmp_path, kr_yaml, updates, *, type_="committed", today=MID):
    files = objective(kr_yaml, type_=type_)
    for day, upd in updates:
        files.update(log(day, upd))
    org = _org(tmp_path, files, today)
    return org, org.objectives[0].key_results[0]


DUE_10_DAYS = "  - {id: k, title: K, baseline: 0, target: 100, due: 2026-10-11}\n"


def test_a_check_in_on_the_first_day_of_the_period_counts(tmp_path):
    org, kr = _one(tmp_path, "  - {id: k, title: K, baseline: 50, target: 70}\n", [("2026-10-01", "  k: 60\n")])
    p = kr_progress(kr, org)
    assert (p.current, p.progress) == (60, pytest.approx(0.5))


def test_a_kr_measuring_its_baseline_first_without_check_ins_is_not_started(tmp_path):
    org, kr = _one(tmp_path, "  - {id: k, title: K, target: 100, direction: increase, due: 2026-12-01}\n", [])
    p = kr_progress(kr, org)
    # a running period shows a grade or nothing: no check-in and no grade is unscored, not 0 (docs/scoring.md)
    assert (p.progress, p.score, p.status, p.baseline) == (None, None, Status.NOT_STARTED, None)


@pytest.mark.parametrize("value, status", [
    (99.9, Status.ON_TRACK),  # at the minimum: within the band
    (99.89, Status.OFF_TRACK),
])
def test_a_threshold_holds_at_its_minimum(tmp_path, value, status):
    org, kr = _one(tmp_path, "  - {id: k, title: K, kind: threshold, min: 99.9, due: 2026-12-01}\n",
                   [("2026-11-10", f"  k: {value}\n")])
    p = kr_progress(kr, org)
    assert (p.status, p.progress) == (status, 1.0 if status is Status.ON_TRACK else 0.0)


def test_a_threshold_holds_at_its_maximum(tmp_path):
    org, kr = _one(tmp_path, "  - {id: k, title: K, kind: threshold, max: 200, due: 2026-12-01}\n",
                   [("2026-11-01", "  k: 200\n"), ("2026-11-10", "  k: 201\n")])
    p = kr_progress(kr, org)
    assert (p.progress, p.status) == (0.5, Status.OFF_TRACK)  # 200 within, 201 not; latest is outside


@pytest.mark.parametrize("on, value, status", [
    ("2026-10-03", 10, Status.ON_TRACK),   # 0.1 vs 0.2: exactly 0.10 behind is still on track
    ("2026-10-06", 25, Status.AT_RISK),    # 0.25 vs 0.5: exactly 0.25 behind is still at risk
    ("2026-10-06", 24, Status.OFF_TRACK),  # 0.24 vs 0.5
])
def test_pace_boundaries_are_inclusive(tmp_path, on, value, status):
    day = dt.date.fromisoformat(on)
    org, kr = _one(tmp_path, DUE_10_DAYS, [(on, f"  k: {value}\n")], today=day)
    assert kr_progress(kr, org).status is status


def test_confidence_of_exactly_0_3_is_at_risk(tmp_path):
    org, kr = _one(tmp_path, DUE_10_DAYS, [("2026-10-03", "  k: {value: 50, confidence: 0.3}\n")],
                   today=dt.date(2026, 10, 3))
    assert kr_progress(kr, org).status is Status.AT_RISK  # 0.5 is ahead of 0.2: only confidence counts


TWO_KRS = ("  - {id: a, title: A, baseline: 0, target: 10, weight: 3, due: 2026-11-15}\n"
           "  - {id: b, title: B, baseline: 0, target: 10, due: 2026-12-31}\n")


def test_objective_progress_and_expected_pace_are_weighted_means(tmp_path):
    org = _org(tmp_path, {**objective(TWO_KRS, type_="committed"), **log("2026-11-10", "  a: 10\n  b: 2\n")})
    p = objective_progress(org.objectives[0], org)
    assert p.objective is org.objectives[0]
    assert [k.key_result.id for k in p.key_results] == ["a", "b"]
    assert p.progress == pytest.approx((3 * 1.0 + 0.2) / 4)
    assert p.expected == pytest.approx((3 * 1.0 + 45 / 91) / 4)  # a is due today, b at the period end
    assert p.status is Status.AT_RISK  # 0.8 vs 0.874 is on pace, but b (0.2 vs 0.49) is off track
    assert p.stale is False


def test_objective_on_pace_with_every_kr_on_track_is_on_track(tmp_path):
    org = _org(tmp_path, {**objective(TWO_KRS, type_="committed"), **log("2026-11-10", "  a: 10\n  b: 5\n")})
    p = objective_progress(org.objectives[0], org)
    assert [k.status for k in p.key_results] == [Status.ON_TRACK, Status.ON_TRACK]
    assert (p.progress, p.status) == (pytest.approx(0.875), Status.ON_TRACK)


def test_objective_whose_krs_are_all_off_track_stays_off_track(tmp_path):
    org = _org(tmp_path, {**objective(TWO_KRS, type_="committed"), **log("2026-11-10", "  a: 1\n  b: 0\n")})
    p = objective_progress(org.objectives[0], org)
    assert p.progress == pytest.approx(3 * 0.1 / 4)
    assert p.status is Status.OFF_TRACK  # not lifted to "at risk" by the off-track KR rule


def test_objective_takes_the_lowest_confidence_of_its_krs(tmp_path):
    updates = "  a: {value: 10, confidence: 0.9}\n  b: {value: 5, confidence: 0.2}\n"
    org = _org(tmp_path, {**objective(TWO_KRS, type_="committed"), **log("2026-11-10", updates)})
    assert objective_progress(org.objectives[0], org).status is Status.OFF_TRACK  # on pace, confidence 0.2


def test_objective_done_ignores_confidence(tmp_path):
    updates = "  a: {value: 10, confidence: 0.1}\n  b: {value: 12, confidence: 0.1}\n"
    org = _org(tmp_path, {**objective(TWO_KRS, type_="committed"), **log("2026-11-10", updates)})
    p = objective_progress(org.objectives[0], org)
    assert (p.progress, p.status) == (1.0, Status.ON_TRACK)


def test_objective_with_some_krs_started(tmp_path):
    org = _org(tmp_path, {**objective(TWO_KRS, type_="committed"), **log("2026-11-10", "  b: 4\n")})
    p = objective_progress(org.objectives[0], org)
    assert p.progress == pytest.approx(0.4 / 4)  # a has not started: it counts as 0
    assert p.status is not Status.NOT_STARTED


def test_objective_before_any_check_in_is_not_started(tmp_path):
    org = _org(tmp_path, {**objective(TWO_KRS, type_="committed"), **log("2026-11-10", "  a: 10\n  b: 5\n")})
    p = objective_progress(org.objectives[0], org, dt.date(2026, 11, 1))  # the day asked about, not today
    assert (p.progress, p.score, p.status) == (None, None, Status.NOT_STARTED)
    assert objective_progress(org.objectives[0], org, dt.date(2026, 11, 10)).progress == pytest.approx(0.875)


def test_objective_without_key_results(tmp_path):
    files = {"okrs/2026-Q4/product/o.md": "---\ntitle: Objective\nowner: pm\nkey_results: []\n---\n"}
    org = _org(tmp_path, files)
    obj = org.objectives[0]
    p = objective_progress(obj, org)
    assert (p.objective, p.key_results, p.progress, p.score, p.expected, p.status, p.stale) == (
        obj, (), None, None, 0.0, Status.NOT_STARTED, False)


def test_objective_with_a_stale_kr_is_stale(tmp_path):
    org = _org(tmp_path, {**objective(TWO_KRS, type_="committed"), **log("2026-10-20", "  a: 5\n  b: 5\n")})
    assert objective_progress(org.objectives[0], org).stale is True  # 26 days since the last check-in


def _unit_objective(unit: str, kr: str, period: str = "2026-Q4") -> dict[str, str]:
    return {f"okrs/{period}/{unit}/o.md":
            f"---\ntitle: O\nowner: pm\nkey_results:\n  - {{id: {kr}, title: K, baseline: 0, target: 10}}\n---\n"}


def _unit_log(unit: str, day: str, updates: str, period: str = "2026-Q4") -> dict[str, str]:
    return {f"logs/{period}/{unit}/{day}.md": f"---\ndate: {day}\nauthor: pm\nupdates:\n{updates}---\n"}


@pytest.fixture
def three_units(tmp_path):
    """acme 0.2, product 1.0 and sales 0.0 in 2026-Q4; product 0.0 in 2026-Q3."""
    files = {"units/sales.md": "---\nname: Sales\nkind: team\nparent: acme\n---\n",
             **_unit_objective("acme", "ka"), **_unit_objective("product", "kp"), **_unit_objective("sales", "ks"),
             **_unit_objective("product", "old", "2026-Q3"),
             **_unit_log("acme", "2026-11-10", "  ka: 2\n"), **_unit_log("product", "2026-11-10", "  kp: 10\n"),
             **_unit_log("sales", "2026-11-10", "  ks: 0\n"), **_unit_log("product", "2026-09-10", "  old: 0\n", "2026-Q3")}
    org = _org(tmp_path, files, dt.date(2027, 1, 15))  # Q4 has ended: its computed scores are final
    return org, org.periods["2026-Q4"]


def test_unit_score_is_the_mean_of_its_objectives(three_units):
    org, q4 = three_units
    units = org.units
    assert unit_score(units["acme"], q4, org) == pytest.approx(0.2)  # the company's own objective only
    assert unit_score(units["acme"], q4, org, subtree=True) == pytest.approx((0.2 + 1.0 + 0.0) / 3)
    assert unit_score(units["product"], q4, org, subtree=True) == pytest.approx(1.0)
    assert unit_score(units["product"], q4, org) == pytest.approx(1.0)  # its 2026-Q3 objective is not counted


def test_unit_score_of_a_unit_without_objectives_is_none(tmp_path):
    org = _org(tmp_path, {**_unit_objective("acme", "ka")})
    q4 = org.objectives[0].period
    assert unit_score(org.units["product"], q4, org) is None


def test_status_counts_count_each_status(tmp_path):
    krs = TWO_KRS + "  - {id: c, title: C, baseline: 0, target: 10, due: 2026-12-31}\n"
    org = _org(tmp_path, {**objective(krs, type_="committed"), **log("2026-11-10", "  a: 10\n  b: 2\n  c: 5\n")})
    p = objective_progress(org.objectives[0], org)
    counts = status_counts(list(p.key_results))
    assert counts == {Status.ON_TRACK: 2, Status.AT_RISK: 0, Status.OFF_TRACK: 1, Status.NOT_STARTED: 0}


MEASURE_FIRST = "  - {{id: k, title: K, target: {target}, direction: {direction}, due: 2026-12-01}}\n"


@pytest.mark.parametrize("direction, target, values, progress", [
    ("increase", 100, [100], 1.0),       # the baseline measured on target: reached
    ("increase", 100, [100, 120], 1.0),
    ("increase", 100, [100, 90], 0.0),   # fell short of it again
    ("decrease", 10, [10], 1.0),
    ("decrease", 10, [10, 12], 0.0),
    ("decrease", 10, [10, 8], 1.0),
])
def test_a_baseline_measured_on_target_scores_by_whether_the_target_is_met(tmp_path, direction, target, values,
                                                                           progress):
    days = ["2026-10-05", "2026-11-05"]
    org, kr = _one(tmp_path, MEASURE_FIRST.format(target=target, direction=direction),
                   [(day, f"  k: {v}\n") for day, v in zip(days, values, strict=False)])
    assert kr_progress(kr, org).progress == progress


def test_a_kr_with_a_baseline_but_no_target_has_no_progress(tmp_path):
    org, kr = _one(tmp_path, "  - {id: k, title: K, baseline: 0, direction: increase, due: 2026-12-01}\n",
                   [("2026-11-10", "  k: 5\n")])
    p = kr_progress(kr, org)
    assert (p.progress, p.current, p.status) == (None, 5, Status.NOT_STARTED)


def test_what_a_kr_progress_reports(tmp_path):
    org, kr = _one(tmp_path, "  - {id: k, title: K, baseline: 50, target: 70, due: 2026-12-01}\n",
                   [("2026-10-20", "  k: 55\n"), ("2026-11-01", "  k: 60\n")])
    p = kr_progress(kr, org)
    assert (p.key_result, p.on, p.baseline, p.current) == (kr, MID, 50, 60)
    assert (p.last_check_in.date, p.days_since_check_in) == (dt.date(2026, 11, 1), 14)
    assert p.stale is False  # 14 days: not yet


def test_before_the_period_nothing_is_expected(tmp_path):
    org, kr = _one(tmp_path, DUE_10_DAYS, [])
    assert kr_progress(kr, org, dt.date(2026, 9, 15)).expected == 0.0


def test_stale_on_the_last_day_of_the_period(tmp_path):
    org, kr = _one(tmp_path, "  - {id: k, title: K, baseline: 0, target: 10, due: 2026-12-31}\n",
                   [("2026-12-01", "  k: 5\n")], today=dt.date(2026, 12, 31))
    assert kr_progress(kr, org).stale is True  # 30 days, and the period still runs today


@pytest.mark.parametrize("on, stale", [("2026-10-15", False), ("2026-10-16", True)])
def test_a_kr_without_check_ins_goes_stale_after_14_days_of_the_period(tmp_path, on, stale):
    org, kr = _one(tmp_path, DUE_10_DAYS.replace("2026-10-11", "2026-12-01"), [], today=dt.date.fromisoformat(on))
    assert kr_progress(kr, org).stale is stale  # 14 days since 2026-10-01, then 15


@pytest.mark.parametrize("score, band", [(0.7 - 1e-9, "green"), (0.4 - 1e-9, "yellow")])
def test_a_score_that_rounds_to_a_band_edge_is_in_the_band(score, band):
    # weighted means of floats can land a hair below 0.7 or 0.4; such a score is shown as 0.7 (0.4)
    # and belongs to that band
    assert score_band(score) == band
