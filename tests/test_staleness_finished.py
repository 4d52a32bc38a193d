"""A finished KR is never stale (issue 11): a boolean KR checked in `true`, a milestones KR with every
step done. The KR's flag and `okrsite check` (OKR509) agree; an unfinished KR beside it still goes
stale on the same day. Period 2026-Q4 starts 2026-10-01; the check-in is on 2026-10-05, and on
2026-11-24 that is 50 days ago (limit 14)."""

from __future__ import annotations

import datetime as dt

import pytest

from okrsite.scoring.progress import kr_progress

from .orgs import log, objective, org_from

TODAY = dt.date(2026, 11, 24)
KRS = ("  - {id: launch, title: Launch, kind: boolean}\n"
       "  - id: steps\n    title: Steps\n    kind: milestones\n"
       "    steps: [{id: a, title: A}, {id: b, title: B}]\n")


def _stale(tmp_path, launch: str, steps: str) -> tuple[dict[str, bool], list[str]]:
    org = org_from(tmp_path, {**objective(KRS), **log("2026-10-05", f"  launch: {launch}\n  steps: {steps}\n")}, TODAY)
    flags = {kr.id: kr_progress(kr, org).stale for kr in org.objectives[0].key_results}
    lint = sorted(d.message.split("`")[1] for d in org.diagnostics if d.code == "OKR509")
    return flags, lint


def test_done_boolean_and_finished_milestones_are_not_stale(tmp_path):
    assert _stale(tmp_path, "true", "[a, b]") == ({"launch": False, "steps": False}, [])


@pytest.mark.parametrize("launch, steps, stale", [
    ("false", "[a, b]", ["launch"]),
    ("true", "[a]", ["steps"]),
    ("false", "[]", ["launch", "steps"]),
])
def test_unfinished_ones_still_go_stale(tmp_path, launch, steps, stale):
    flags, lint = _stale(tmp_path, launch, steps)
    assert lint == stale
    assert sorted(k for k, v in flags.items() if v) == stale


@pytest.mark.parametrize("launch, steps, listed", [("true", "[a, b]", []), ("true", "[a]", ["product"])])
def test_the_dashboard_asks_the_same_rule(tmp_path, launch, steps, listed):
    from okrsite.site.view import SiteView

    org = org_from(tmp_path, {**objective(KRS), **log("2026-10-05", f"  launch: {launch}\n  steps: {steps}\n")}, TODAY)
    view = SiteView(org, "en")
    assert [u.id for u, _days in view.needs_check_in(org.objectives[0].period)] == listed
