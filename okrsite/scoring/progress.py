"""Progress, scores and status of key results and objectives, used by pages, charts, badges and exports.

Definitions (docs/scoring.md explains them to users):

- current value: the latest check-in on or before the day asked about; check-ins dated
  outside the KR's period are ignored (the window is pace.check_ins_until).
- progress: how far from baseline to target, (current − baseline) / (target − baseline);
  it is direction-aware by construction and may exceed 1.0 (shown above 100%).
  boolean: 1.0 when done. milestones: weighted share of steps done (pace.milestone_share). threshold: share of
  check-ins so far within the band. A KR whose baseline was not known at the start
  ("measure the baseline first") uses its first check-in as the baseline.
- score: progress clamped to 0.0–1.0, or the retrospective's override. Objective score:
  weight-averaged KR scores. Unit and company roll-ups: the mean of objective scores.
- status: progress compared with the expected pace (pace.py; the success line is in
  bands.py) combined with the latest confidence; the worse of the two counts. An objective
  is at least at risk while one of its KRs is off track.
- stale: staleness.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ..model.organization import CheckIn, KeyResult, Objective, Organization, Unit
from ..model.periods import Period
from .bands import success_line
from .pace import check_ins_until, expected_at, milestone_share
from .staleness import days_since, is_stale


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_STARTED = "not_started"

    @property
    def rank(self) -> int:  # higher is worse
        return {"on_track": 0, "not_started": 1, "at_risk": 2, "off_track": 3}[self.value]


STATUS_ORDER = (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.NOT_STARTED)
# how far behind the expected pace (in progress points) a KR may be and still be on track / at risk
ON_TRACK_SLACK = 0.10
AT_RISK_SLACK = 0.25
# confidence levels: at or above ON is on track, at or above RISK is at risk, below is off track.
# 0.5 is the usual confidence of a well-set stretch goal, so it does not count as a risk.
CONFIDENCE_ON = 0.5
CONFIDENCE_RISK = 0.3


@dataclass(frozen=True)
class KRProgress:
    key_result: KeyResult
    on: dt.date
    current: object  # float | bool | list[str] | None
    baseline: object
    last_check_in: CheckIn | None
    progress: float | None  # unclamped; None when nothing is known yet
    computed_score: float  # clamp(progress) (0.0 when unknown)
    score: float  # the retrospective's override when there is one
    score_overridden: bool
    expected: float  # expected progress at `on` on the success line (0.0–1.0)
    confidence: float | None
    status: Status
    stale: bool
    days_since_check_in: int | None


def _clamp(x: float) -> float:
    return 0.0 if x < 0 else 1.0 if x > 1 else x


def _number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def raw_progress(kr: KeyResult, checks: list[CheckIn]) -> tuple[float | None, object]:
    """(progress, baseline used) from the check-ins given (oldest first)."""
    if kr.kind == "boolean":
        if not checks:
            return None, kr.baseline
        return (1.0 if checks[-1].value is True else 0.0), kr.baseline
    if kr.kind == "milestones":
        if not checks:
            return None, None
        return milestone_share(kr, checks[-1].value), None
    if kr.kind == "threshold":
        if not checks:
            return None, kr.baseline
        inside = [c for c in checks if within(kr, c.value)]
        return len(inside) / len(checks), kr.baseline
    # metric / percentage
    baseline = kr.baseline if _number(kr.baseline) else (checks[0].value if checks else None)
    if not checks or not _number(kr.target) or baseline is None:
        return None, baseline
    current = checks[-1].value
    span = kr.target - baseline
    if span == 0:  # baseline equals target (an error in check) or a measured baseline already on target
        reached = current >= kr.target if kr.direction != "decrease" else current <= kr.target
        return (1.0 if reached else 0.0), baseline
    return (current - baseline) / span, baseline


def within(kr: KeyResult, value: object) -> bool:
    if not _number(value):
        return False
    if kr.min is not None and value < kr.min:
        return False
    return not (kr.max is not None and value > kr.max)


def _pace_status(progress: float, expected: float) -> Status:
    gap = progress - expected
    if progress >= 1.0 or gap >= -ON_TRACK_SLACK:
        return Status.ON_TRACK
    if gap >= -AT_RISK_SLACK:
        return Status.AT_RISK
    return Status.OFF_TRACK


def _confidence_status(confidence: float | None) -> Status | None:
    if confidence is None:
        return None
    if confidence >= CONFIDENCE_ON:
        return Status.ON_TRACK
    if confidence >= CONFIDENCE_RISK:
        return Status.AT_RISK
    return Status.OFF_TRACK


def kr_progress(kr: KeyResult, org: Organization, on: dt.date | None = None) -> KRProgress:
    on = on or org.today
    checks = check_ins_until(kr, on)
    progress, baseline = raw_progress(kr, checks)
    last = checks[-1] if checks else None
    confidence = next((c.confidence for c in reversed(checks) if c.confidence is not None), None)
    expected = expected_at(kr, on, success_line(kr.objective.type, org))
    computed = _clamp(progress) if progress is not None else 0.0
    retro = org.retro_of(kr.objective.unit, kr.objective.period)
    override = retro.scores.get(kr.qid) if retro else None
    if progress is None:
        status = Status.NOT_STARTED
    elif kr.kind == "threshold":
        status = Status.ON_TRACK if within(kr, last.value) else Status.OFF_TRACK
    else:
        status = _pace_status(progress, expected)
        conf = _confidence_status(confidence) if progress < 1.0 else None
        if conf is not None and conf.rank > status.rank:
            status = conf
    last_day = last.date if last else None
    stale = is_stale(last_day, kr.objective.period, on, org.settings.stale_after_days)
    days = days_since(last_day, on)
    return KRProgress(kr, on, last.value if last else None, baseline, last, progress, computed,
                      override.score if override else computed, override is not None, expected, confidence,
                      status, stale, days)


@dataclass(frozen=True)
class ObjectiveProgress:
    objective: Objective
    key_results: tuple[KRProgress, ...]
    progress: float | None  # weighted mean of clamped KR progress; None when no KR has started
    score: float  # weighted mean of KR scores (overrides included)
    expected: float
    status: Status
    stale: bool


def objective_progress(obj: Objective, org: Organization, on: dt.date | None = None) -> ObjectiveProgress:
    on = on or org.today
    krs = tuple(kr_progress(kr, org, on) for kr in obj.key_results)
    total = sum(p.key_result.weight for p in krs)
    started = [p for p in krs if p.progress is not None]
    if not krs or total == 0:
        return ObjectiveProgress(obj, krs, None, 0.0, 0.0, Status.NOT_STARTED, False)
    score = sum(p.score * p.key_result.weight for p in krs) / total
    progress = (sum(p.computed_score * p.key_result.weight for p in krs) / total) if started else None
    expected = sum(p.expected * p.key_result.weight for p in krs) / total
    if not started:
        status = Status.NOT_STARTED
    else:
        worst_conf = min((p.confidence for p in krs if p.confidence is not None), default=None)
        status = _pace_status(progress, expected)
        conf = _confidence_status(worst_conf) if progress < 1.0 else None
        if conf is not None and conf.rank > status.rank:
            status = conf
        if any(p.status is Status.OFF_TRACK for p in krs) and status is Status.ON_TRACK:
            status = Status.AT_RISK
    return ObjectiveProgress(obj, krs, progress, score, expected, status, any(p.stale for p in krs))


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def unit_score(unit: Unit, period: Period, org: Organization, *, subtree: bool = False,
               on: dt.date | None = None) -> float | None:
    """Mean objective score of a unit in a period (with its descendants when `subtree`)."""
    units = {unit.id}
    if subtree:
        units |= {u.id for u in org.units.values() if unit in u.ancestors}
    objs = [o for o in org.objectives if o.unit.id in units and o.period.id == period.id]
    return mean([objective_progress(o, org, on).score for o in objs])


def status_counts(progresses: list[ObjectiveProgress] | list[KRProgress]) -> dict[Status, int]:
    counts = {s: 0 for s in STATUS_ORDER}
    for p in progresses:
        counts[p.status] += 1
    return counts

