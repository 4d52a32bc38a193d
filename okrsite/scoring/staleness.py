"""When a key result or a unit is stale: quiet for longer than `stale_after_days` in a running period.

The KR's flag on pages, the dashboard's "needs a check-in" list, `okrsite check` (OKR509) and
`okrsite remind` all ask this module, so they cannot disagree about the boundary day or about
what is finished: a boolean KR checked in `true` and a milestones KR with every step done have
nothing left to report, and a finished period is never stale.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model.organization import KeyResult
from ..model.periods import Period
from .pace import check_ins_until


def days_since(last: dt.date | None, on: dt.date) -> int | None:
    """Days from the last check-in to `on`; None when there has been none."""
    return None if last is None else (on - last).days


def is_stale(last: dt.date | None, period: Period, on: dt.date, limit: int) -> bool:
    """Quiet for more than `limit` days on `on`: since the last check-in, or since the period
    started when there has been none. Only a running period can be stale: exactly `limit`
    days is not stale yet, one more is."""
    if not period.contains(on):
        return False
    return (on - (last if last is not None else period.start)).days > limit


def is_finished(kr: KeyResult, value: Any) -> bool:
    """A KR whose last value leaves nothing to check in: a boolean KR that is `true`, or a
    milestones KR with every step done. (A metric at its target can still move back: not finished.)"""
    if kr.kind == "boolean":
        return value is True
    if kr.kind == "milestones" and kr.steps and isinstance(value, list | tuple | set):
        return {s.id for s in kr.steps} <= {str(v) for v in value}
    return False


def kr_is_stale(kr: KeyResult, last: dt.date | None, value: Any, on: dt.date, limit: int) -> bool:
    """The KR's staleness: `is_stale` for its period, never for a finished KR (`value` is its last one)."""
    return not is_finished(kr, value) and is_stale(last, kr.objective.period, on, limit)


def unit_is_stale(last: dt.date | None, krs: list[KeyResult], period: Period, on: dt.date, limit: int) -> bool:
    """A unit needs a check-in when its last one is stale and some KR of the period is not finished."""
    def last_value(kr: KeyResult) -> Any:
        checks = check_ins_until(kr, on)
        return checks[-1].value if checks else None

    return is_stale(last, period, on, limit) and not all(is_finished(kr, last_value(kr)) for kr in krs)
