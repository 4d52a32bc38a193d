"""Status rules that only a second look catches: an off-track KR caps its objective at "at risk",
and the confidence that counts is the latest one written, not the first.

Period 2026-Q4 runs 2026-10-01 – 2026-12-31; on 2026-11-15 the committed pace line is at
45/91 = 0.4945 (docs/scoring.md, Status).
"""

from __future__ import annotations

import datetime as dt

import pytest

from okrsite.scoring.progress import Status, kr_progress, objective_progress

from .orgs import log, objective, org_from

MID = dt.date(2026, 11, 15)
TWO = ("  - {id: a, title: A, baseline: 0, target: 10}\n"
       "  - {id: b, title: B, baseline: 0, target: 10}\n")


def _org(tmp_path, krs: str, *logs: dict[str, str], type_: str = "committed"):
    files = objective(krs, type_=type_)
    for entry in logs:
        files.update(entry)
    org = org_from(tmp_path, files, MID)
    assert not [d for d in org.diagnostics if d.severity.value == "error"], org.diagnostics
    return org


def test_an_off_track_key_result_caps_its_objective_at_at_risk(tmp_path):
    # a: 10/10 = 1.0 (on track); b: 0.5/10 = 0.05, 0.44 behind 0.4945 (off track).
    # The objective's mean, (1.0 + 0.05) / 2 = 0.525, is ahead of its pace: on track but for b.
    org = _org(tmp_path, TWO, log("2026-11-10", "  a: 10\n  b: 0.5\n"))
    p = objective_progress(org.objectives[0], org)
    assert [k.status for k in p.key_results] == [Status.ON_TRACK, Status.OFF_TRACK]
    assert p.progress == pytest.approx(0.525)
    assert p.status is Status.AT_RISK


def test_the_cap_does_not_lift_nor_lower_an_objective_already_worse(tmp_path):
    # a: 1/10 = 0.1 and b: 0.5/10 = 0.05: the mean 0.075 is 0.42 behind: off track on its own.
    org = _org(tmp_path, TWO, log("2026-11-10", "  a: 1\n  b: 0.5\n"))
    assert objective_progress(org.objectives[0], org).status is Status.OFF_TRACK


def test_without_an_off_track_key_result_the_objective_stays_on_track(tmp_path):
    # a: 1.0, b: 3/10 = 0.3 is 0.19 behind: at risk, not off track, so nothing caps the objective.
    org = _org(tmp_path, TWO, log("2026-11-10", "  a: 10\n  b: 3\n"))
    p = objective_progress(org.objectives[0], org)
    assert [k.status for k in p.key_results] == [Status.ON_TRACK, Status.AT_RISK]
    assert p.status is Status.ON_TRACK


ONE = "  - {id: k, title: K, baseline: 0, target: 10}\n"


@pytest.mark.parametrize("first, latest, confidence, status", [
    (0.1, 0.9, 0.9, Status.ON_TRACK),   # the team grew confident: the old 0.1 no longer counts
    (0.9, 0.1, 0.1, Status.OFF_TRACK),  # the team lost confidence since
    (0.9, 0.4, 0.4, Status.AT_RISK),
])
def test_confidence_is_the_latest_written(tmp_path, first, latest, confidence, status):
    # 6/10 = 0.6 is ahead of the 0.4945 pace, so only confidence can make it worse.
    org = _org(tmp_path, ONE, log("2026-10-20", f"  k: {{value: 5, confidence: {first}}}\n"),
               log("2026-11-10", f"  k: {{value: 6, confidence: {latest}}}\n"))
    p = kr_progress(org.objectives[0].key_results[0], org)
    assert p.confidence == confidence
    assert p.status is status
    assert objective_progress(org.objectives[0], org).status is status  # the objective uses it too


def test_a_check_in_without_confidence_keeps_the_last_one_written(tmp_path):
    org = _org(tmp_path, ONE, log("2026-10-10", "  k: {value: 4, confidence: 0.1}\n"),
               log("2026-10-20", "  k: {value: 5, confidence: 0.8}\n"), log("2026-11-10", "  k: 6\n"))
    p = kr_progress(org.objectives[0].key_results[0], org)
    assert (p.confidence, p.status) == (0.8, Status.ON_TRACK)
