"""Staleness at its boundary: exactly `stale_after_days` without a check-in is not stale yet, one
more day is. The KR's flag, `okrsite check` (OKR509) and the dashboard's "needs a check-in" list
must all change on the same day.

Period 2026-Q4 starts 2026-10-01. The last check-in below is on 2026-11-01: 14 days later is
11-15, 15 days later is 11-16.
"""

from __future__ import annotations

import datetime as dt

import pytest

from okrsite.scoring.progress import kr_progress
from okrsite.site.view import SiteView

from .orgs import log, objective, org_from

KR = "  - {id: k, title: K, baseline: 0, target: 10}\n"


def _org(tmp_path, today: dt.date, *, checked_in: bool = True, config: str = ""):
    files = objective(KR)
    if checked_in:
        files.update(log("2026-11-01", "  k: 3\n"))
    if config:
        files["okrsite.yml"] = config
    return org_from(tmp_path, files, today)


def _okr509(org) -> list[str]:
    return [d.message for d in org.diagnostics if d.code == "OKR509"]


def _flags(org):
    """(the KR's stale flag, OKR509 messages, the dashboard's list) on the org's today."""
    kr = org.objectives[0].key_results[0]
    view = SiteView(org, "en")
    listed = [(unit.id, days) for unit, days in view.needs_check_in(org.objectives[0].period)]
    return kr_progress(kr, org).stale, _okr509(org), listed


def test_exactly_the_threshold_is_not_stale(tmp_path):
    assert _flags(_org(tmp_path, dt.date(2026, 11, 15))) == (False, [], [])


def test_one_day_more_is_stale_everywhere(tmp_path):
    stale, lint, listed = _flags(_org(tmp_path, dt.date(2026, 11, 16)))
    assert stale is True
    assert lint == ["key result `k` has had no check-in for 15 days (since 2026-11-01)"]
    assert listed == [("product", 15)]


@pytest.mark.parametrize("today, stale", [(dt.date(2026, 10, 15), False), (dt.date(2026, 10, 16), True)])
def test_without_any_check_in_the_period_start_counts(tmp_path, today, stale):
    # 10-01 + 14 days = 10-15: not yet; 10-16: stale
    org = _org(tmp_path, today, checked_in=False)
    flag, lint, listed = _flags(org)
    assert flag is stale
    assert lint == (["key result `k` has had no check-in for 15 days (since the period started on 2026-10-01)"]
                    if stale else [])
    # a unit that never checked in is listed as such from the first day, never as "checked in recently"
    assert listed == []
    never = SiteView(org, "en").never_checked_in(org.objectives[0].period)
    assert [(u.id, days) for u, days in never] == [("product", (today - dt.date(2026, 10, 1)).days)]


@pytest.mark.parametrize("today, stale", [(dt.date(2026, 11, 8), False), (dt.date(2026, 11, 9), True)])
def test_the_threshold_comes_from_the_settings(tmp_path, today, stale):
    # stale_after_days: 7 → 11-01 + 7 = 11-08 is the last day that is not stale
    flag, lint, listed = _flags(_org(tmp_path, today, config="stale_after_days: 7\n"))
    assert (flag, bool(lint), bool(listed)) == (stale, stale, stale)


def test_a_period_that_has_ended_is_never_stale(tmp_path):
    assert _flags(_org(tmp_path, dt.date(2027, 1, 20))) == (False, [], [])
