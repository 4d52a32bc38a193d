"""The pace a key result is measured against: which check-ins count, where the pace line
ends, and how far a milestones KR has come."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..model.organization import CheckIn, KeyResult


def check_ins_until(kr: KeyResult, on: dt.date) -> list[CheckIn]:
    """The check-ins that count on `on`: dated within the KR's period and not after `on` (oldest first)."""
    period = kr.objective.period
    return [c for c in kr.check_ins if period.start <= c.date <= min(on, period.end)]


def pace_end(kr: KeyResult) -> dt.date:
    """Where the pace line reaches the success line: the KR's `due` when it lies in the period
    after its first day, else the period's end."""
    period = kr.objective.period
    return kr.due if kr.due and period.start < kr.due <= period.end else period.end


def expected_at(kr: KeyResult, on: dt.date, success: float) -> float:
    """Expected progress on `on`: a straight line from 0 at the period start to `success` at pace_end."""
    start, end = kr.objective.period.start, pace_end(kr)
    if on <= start:
        return 0.0
    if on >= end:
        return success
    return success * (on - start).days / max(1, (end - start).days)


def milestone_share(kr: KeyResult, done: Iterable[str] | None) -> float:
    """The weighted share of a milestones KR's steps that are done (steps weigh 1 unless written)."""
    finished = set(done or [])
    total = sum(s.weight for s in kr.steps) or 1.0
    return sum(s.weight for s in kr.steps if s.id in finished) / total
