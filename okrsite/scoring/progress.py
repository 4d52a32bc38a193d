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
from . import ladder
from .bands import score_band, success_line
from .pace import check_ins_until, expected_at, milestone_share
from .results import UNCOUNTED_WORDS, KRResult, Mean, clamped_mean, kr_result, latest_projection
from .rounding import shown_score
from .staleness import days_since, kr_is_stale


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_STARTED = "not_started"
    # a finished period's final states (never a pace status there): the band of the shown score
    FINAL_GREEN = "final-green"
    FINAL_YELLOW = "final-yellow"
    FINAL_RED = "final-red"
    UNSCORED = "unscored"
    DROPPED = "dropped"

    @property
    def rank(self) -> int:  # higher is worse
        return {"on_track": 0, "not_started": 1, "at_risk": 2, "off_track": 3}.get(self.value, 0)

    @property
    def final(self) -> bool:
        return self in FINAL_ORDER


STATUS_ORDER = (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.NOT_STARTED)
FINAL_ORDER = (Status.FINAL_GREEN, Status.FINAL_YELLOW, Status.FINAL_RED, Status.UNSCORED, Status.DROPPED)
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
    computed_score: float  # clamp(progress), or the ladder's rung score (0.0 when unknown)
    score: float | None  # the shown score (results.py precedence); None: unscored
    score_overridden: bool  # the score is the retrospective's
    expected: float  # expected progress at `on` on the success line (0.0–1.0)
    confidence: float | None
    status: Status
    stale: bool
    days_since_check_in: int | None
    result: KRResult | None = None
    projection: float | None = None

    @property
    def unscored(self) -> bool:
        return self.result.unscored if self.result else self.score is None

    @property
    def counted(self) -> bool:
        return self.result.counted if self.result else True


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
    if kr.scoring and checks:
        return ladder.score(kr.scoring, checks[-1].value), baseline
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


def _projection_status(projection: float | None, line: float) -> Status | None:
    """A team's forecast judged like the pace at the period's end: within 0.10 of the success line
    on track, within 0.25 at risk, further off track."""
    return None if projection is None else _pace_status(projection, line)


def final_state(score: float | None) -> Status:
    """A finished period's state of a KR or objective: the band of its shown score, or unscored."""
    if score is None:
        return Status.UNSCORED
    return {"green": Status.FINAL_GREEN, "yellow": Status.FINAL_YELLOW, "red": Status.FINAL_RED}[score_band(score)]


def _worst(*statuses: Status | None) -> Status:
    return max((s for s in statuses if s is not None), key=lambda s: s.rank)


def _kr_status(kr: KeyResult, progress: float | None, last: CheckIn | None, expected: float, line: float,
               confidence: float | None, projected: float | None, result: KRResult, finished: bool) -> Status:
    """One status: Dropped for a dropped / n/a result; in a finished period the final state; in the
    running period the pace, the confidence and the projection, the worst counting."""
    if result.word in UNCOUNTED_WORDS:
        return Status.DROPPED
    if finished:
        return Status.UNSCORED if result.word else final_state(result.score)
    if result.word:
        return Status.UNSCORED
    if kr.kind == "threshold" and last is not None:
        return Status.ON_TRACK if within(kr, last.value) else Status.OFF_TRACK
    projection = _projection_status(projected, line)
    if progress is None:
        return _worst(Status.NOT_STARTED, projection)
    conf = _confidence_status(confidence) if progress < 1.0 else None
    return _worst(_pace_status(progress, expected), conf, projection)


def _assessed(kr: KeyResult, on: dt.date) -> list[CheckIn]:
    """Every check-in of the KR that counts on `on`, with or without a value (oldest first)."""
    period = kr.objective.period
    extra = [c for c in kr.grades if c.value is None and period.start <= c.date <= min(on, period.end)]
    return sorted(check_ins_until(kr, on) + extra, key=lambda c: (c.date, c.log.rel))


def kr_progress(kr: KeyResult, org: Organization, on: dt.date | None = None) -> KRProgress:
    on = on or org.today
    checks = check_ins_until(kr, on)
    progress, baseline = raw_progress(kr, checks)
    computed = None if progress is None else progress if kr.scoring else _clamp(progress)
    if kr.scoring and progress is not None:
        progress = _clamp(progress)  # the rung's score drives the pace; the computed score stays unclamped
    result = kr_result(kr, org, on, computed)
    if progress is None and result.grade is not None:  # graded, never measured: the grade is the progress
        progress = _clamp(result.grade.grade)
    last = checks[-1] if checks else None
    assessed = _assessed(kr, on)
    confidence = next((c.confidence for c in reversed(assessed) if c.confidence is not None), None)
    line = success_line(kr.objective.type, org)
    expected = expected_at(kr, on, line)
    projected = latest_projection(kr, on)
    status = _kr_status(kr, progress, last, expected, line, confidence, projected, result, on > kr.objective.period.end)
    last_day = assessed[-1].date if assessed else None
    stale = kr_is_stale(kr, last_day, last.value if last else None, on, org.settings.stale_after_days)
    return KRProgress(kr, on, last.value if last else None, baseline, last, progress,
                      computed if computed is not None else (progress or 0.0), result.score,
                      result.source == "retro", expected, confidence, status, stale, days_since(last_day, on),
                      result, projected)


@dataclass(frozen=True)
class ObjectiveProgress:
    objective: Objective
    key_results: tuple[KRProgress, ...]
    progress: float | None  # weighted mean of clamped KR progress; None when no KR has started
    score: float | None  # its `{objective:}` grade, else the weighted, clamped mean of scored KRs; None: unscored
    expected: float
    status: Status
    stale: bool
    kr_mean: float | None = None  # the mean of its KRs' scores (shown beside a grade as a whole)
    graded_whole: bool = False  # the retrospective graded the objective as a whole
    clamped: int = 0  # KR scores above 1.0 counted as 1.0 in its mean
    unscored: int = 0  # KRs without a score (coverage: `unscored` of `counted`)
    counted: int = 0  # KRs that count: not dropped, not n/a

    @property
    def perfect(self) -> bool:
        """Every KR that counts at the top of the scale, none unscored."""
        scored = [k.score for k in self.key_results if k.counted]
        return bool(scored) and all(s is not None and shown_score(s) >= 1.0 for s in scored)


def _objective_grade(obj: Objective, org: Organization) -> float | None:
    retro = org.retro_of(obj.unit, obj.period)
    grade = retro.objective_scores.get(obj.qid) if retro else None
    return grade.score if grade else None


def objective_progress(obj: Objective, org: Organization, on: dt.date | None = None) -> ObjectiveProgress:
    on = on or org.today
    krs = tuple(kr_progress(kr, org, on) for kr in obj.key_results)
    counted = [p for p in krs if p.counted]
    total = sum(p.key_result.weight for p in counted)
    whole = _objective_grade(obj, org)
    kr_mean, clamped = clamped_mean([(p.score, p.key_result.weight) for p in counted])
    score = whole if whole is not None else kr_mean
    unscored = 0 if whole is not None else sum(1 for p in counted if p.unscored)
    finished = on > obj.period.end
    extra = dict(kr_mean=kr_mean, graded_whole=whole is not None, clamped=0 if whole is not None else clamped,
                 unscored=unscored, counted=len(counted))
    if not counted or total == 0:
        status = Status.DROPPED if krs and not counted else final_state(score) if finished else Status.NOT_STARTED
        return ObjectiveProgress(obj, krs, None, score, 0.0, status, False, **extra)
    started = [p for p in counted if p.progress is not None]
    progress = (sum(_clamp(p.computed_score) * p.key_result.weight for p in counted) / total) if started else None
    expected = sum(p.expected * p.key_result.weight for p in counted) / total
    if finished:
        status = final_state(score)
    elif not started:
        status = Status.NOT_STARTED
    else:
        worst_conf = min((p.confidence for p in counted if p.confidence is not None), default=None)
        conf = _confidence_status(worst_conf) if progress < 1.0 else None
        projections = [_projection_status(p.projection, success_line(obj.type, org)) for p in counted]
        status = _worst(_pace_status(progress, expected), conf, *projections)
        if any(p.status is Status.OFF_TRACK for p in counted) and status is Status.ON_TRACK:
            status = Status.AT_RISK
    return ObjectiveProgress(obj, krs, progress, score, expected, status, any(p.stale for p in counted), **extra)


def mean(values: list[float | None]) -> float | None:
    """The mean of scores: unscored (None) left out, each clamped at 1.0; None when nothing was scored."""
    return clamped_mean([(v, 1.0) for v in values])[0]


def unit_score(unit: Unit, period: Period, org: Organization, *, subtree: bool = False,
               on: dt.date | None = None) -> float | None:
    """Mean objective score of a unit in a period (with its descendants when `subtree`)."""
    units = {unit.id}
    if subtree:
        units |= {u.id for u in org.units.values() if unit in u.ancestors}
    objs = [o for o in org.objectives if o.unit.id in units and o.period.id == period.id]
    return objectives_mean([objective_progress(o, org, on) for o in objs]).value


def objectives_mean(progresses: list[ObjectiveProgress]) -> Mean:
    """The mean of objective scores (unit, subtree, period): scored objectives only, each clamped at
    1.0, with the coverage of their KRs. Dropped objectives (every KR dropped) are left out."""
    counted = [p for p in progresses if p.status is not Status.DROPPED]
    value, clamped = clamped_mean([(p.score, 1.0) for p in counted])
    return Mean(value, clamped, sum(p.unscored for p in counted), sum(p.counted for p in counted))


def status_counts(progresses: list[ObjectiveProgress] | list[KRProgress]) -> dict[Status, int]:
    """How many have each status: the pace statuses, or a finished period's final states (never both).
    Dropped is listed only when something counted is dropped: dropped objectives are left out of the
    lists counted, and "0 Dropped" beside a period that dropped one would read as untrue."""
    final = bool(progresses) and all(p.status.final for p in progresses)
    counts = {s: 0 for s in (FINAL_ORDER if final else STATUS_ORDER) if s is not Status.DROPPED}
    for p in progresses:
        counts[p.status] = counts.get(p.status, 0) + 1
    return counts

