"""How a key result or objective moved since its previous check-in, how confident its team is, and
how far a period has come: the one home of these rules (docs/scoring.md, "Trend and confidence").

The change is counted in whole percentage points of *shown* progress (the one rounding rule):
a KR that went from 50% to 56% on its pages moved "+6 pt", never "+5.6" or a number that
disagrees with the two percentages a reader can see. The previous state is the progress as of
the day before the latest check-in (every earlier check-in counted), so a check-in that changed
nothing reads "no change", and a first check-in has no change to report (None).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.organization import KeyResult, Objective, Organization
from .pace import check_ins_until
from .progress import (
    CONFIDENCE_ON,
    CONFIDENCE_RISK,
    ObjectiveProgress,
    Status,
    _pace_status,
    kr_progress,
    objective_progress,
)
from .rounding import CONTEXT, as_decimal, rounded

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Trend:
    """The change since the previous check-in, in whole points of shown progress (None: nothing to
    compare, e.g. a first check-in), and the day of the latest check-in it ends on."""

    points: int | None
    since: dt.date | None

    @property
    def direction(self) -> str:
        """up | down | flat | none: what the indicator's shape says."""
        if self.points is None:
            return "none"
        return "up" if self.points > 0 else "down" if self.points < 0 else "flat"


def points(fraction: float | None) -> int | None:
    """Progress as the whole percentage pages show (half up, the one rounding rule)."""
    return None if fraction is None else int(rounded(CONTEXT.multiply(as_decimal(fraction), 100), 0))


def _change(now: float | None, before: float | None, since: dt.date | None) -> Trend:
    if now is None or before is None:
        return Trend(None, since)
    return Trend(points(now) - points(before), since)


def _latest_day(kr: KeyResult, on: dt.date) -> dt.date | None:
    checks = check_ins_until(kr, on)
    return checks[-1].date if checks else None


def kr_trend(kr: KeyResult, org: Organization, on: dt.date | None = None) -> Trend:
    """The KR's progress now against its progress the day before its latest check-in with a value."""
    on = on or org.today
    last = _latest_day(kr, on)
    if last is None or last <= kr.objective.period.start:
        return Trend(None, last)
    return _change(kr_progress(kr, org, on).progress, kr_progress(kr, org, last - DAY).progress, last)


def objective_trend(obj: Objective, org: Organization, on: dt.date | None = None) -> Trend:
    """The objective's progress now against the day before the latest check-in of any of its KRs."""
    on = on or org.today
    days = [d for d in (_latest_day(kr, on) for kr in obj.key_results) if d is not None]
    if not days or max(days) <= obj.period.start:
        return Trend(None, max(days, default=None))
    last = max(days)
    return _change(objective_progress(obj, org, on).progress, objective_progress(obj, org, last - DAY).progress,
                   last)


def confidence_level(confidence: float | None) -> str:
    """high | medium | low | none, on the lines a confidence moves a status by (progress.py): from
    CONFIDENCE_ON it keeps a KR on track, from CONFIDENCE_RISK at risk, below that off track."""
    if confidence is None:
        return "none"
    return "high" if confidence >= CONFIDENCE_ON else "medium" if confidence >= CONFIDENCE_RISK else "low"


def objective_confidence(p: ObjectiveProgress) -> float | None:
    """An objective's confidence: its least confident counted KR's latest one (as its status counts it)."""
    return min((k.confidence for k in p.key_results if k.counted and k.confidence is not None), default=None)


def progress_series(kr: KeyResult, org: Organization, on: dt.date | None = None) -> list[tuple[dt.date, int]]:
    """The KR's shown progress after each day it was checked in (oldest first): a sparkline's points."""
    on = on or org.today
    days = sorted({c.date for c in check_ins_until(kr, on)})
    out = [(d, points(kr_progress(kr, org, d).progress)) for d in days]
    return [(d, p) for d, p in out if p is not None]


def period_progress(progresses: list[ObjectiveProgress]) -> float | None:
    """How far a period has come: the mean progress of its objectives that count (not dropped), each
    clamped at 100% and an objective not started yet counting 0%; None without objectives."""
    counted = [p for p in progresses if p.status is not Status.DROPPED]
    if not counted:
        return None
    return sum(min(max(p.progress or 0.0, 0.0), 1.0) for p in counted) / len(counted)


def period_expected(progresses: list[ObjectiveProgress]) -> float | None:
    """The mean expected progress (the pace line) of the same objectives, for the bar's pace marker."""
    counted = [p for p in progresses if p.status is not Status.DROPPED]
    return sum(p.expected for p in counted) / len(counted) if counted else None


def period_pace(progresses: list[ObjectiveProgress]) -> Status:
    """The period's overall progress judged against its pace line as a KR's is (progress.py), for
    the colour and shape of its bar; not started while nothing has progressed."""
    progress, expected = period_progress(progresses), period_expected(progresses)
    if not progress or expected is None:
        return Status.NOT_STARTED
    return _pace_status(progress, expected)
