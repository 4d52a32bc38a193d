"""Which score a key result shows, what is unscored, and how means treat both (docs/scoring.md,
"Grades", "Unscored", "Over-achievement"). The one home of these rules; progress.py applies them.

Precedence of a KR's score: 1. the retrospective's `scores` entry (a number or a word),
2. the latest check-in `grade` in the period, 3. the score computed from values — only in a
finished period (in the running period the score column is reserved for what a person graded),
4. nothing: unscored. Never 0.

Means leave unscored items out, clamp each item at 1.0 (a grade above 1.0 is shown as written,
but one heroic KR must not hide a missed one), and say how many were clamped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.organization import CheckIn, KeyResult, Organization

MEAN_CLAMP = 1.0  # each item counts at most this much in a mean
UNSCORED_WORDS = ("deferred", "blocked", "wip")  # results the team could not score yet: gaps in coverage
UNCOUNTED_WORDS = ("dropped", "n/a")  # results that do not count: out of means and of coverage

RETRO, GRADE, COMPUTED, OBJECTIVE = "retro", "check-in-grade", "computed", "objective"  # score sources


@dataclass(frozen=True)
class KRResult:
    score: float | None  # None: unscored (or not counted)
    source: str | None  # retro | check-in-grade | computed | None
    word: str | None  # a result in words (deferred | blocked | wip | dropped | n/a)
    reason: str | None
    grade: CheckIn | None  # the latest check-in with a grade in the period, up to the day asked about

    @property
    def counted(self) -> bool:
        """Whether the KR counts at all (in means and in coverage): not dropped, not n/a."""
        return self.word not in UNCOUNTED_WORDS

    @property
    def unscored(self) -> bool:
        return self.counted and self.score is None


def latest_grade(kr: KeyResult, on: dt.date) -> CheckIn | None:
    """The latest check-in grade of the KR dated within its period and not after `on` (by report date)."""
    period = kr.objective.period
    graded = [c for c in kr.grades if c.grade is not None and period.start <= c.date <= min(on, period.end)]
    return graded[-1] if graded else None


def latest_projection(kr: KeyResult, on: dt.date) -> float | None:
    """The latest projection written for the KR in its period, up to `on`."""
    period = kr.objective.period
    found = [c.projection for c in kr.grades if c.projection is not None and period.start <= c.date <= min(on, period.end)]
    return found[-1] if found else None


def kr_result(kr: KeyResult, org: Organization, on: dt.date, computed: float | None) -> KRResult:
    """The KR's shown score by the precedence above; `computed` is the score from values (None: none)."""
    retro = org.retro_of(kr.objective.unit, kr.objective.period)
    entry = retro.scores.get(kr.qid) if retro else None
    grade = latest_grade(kr, on)
    if entry is not None:
        return KRResult(entry.score, RETRO if entry.score is not None else None, entry.status, entry.reason, grade)
    if grade is not None:
        return KRResult(grade.grade, GRADE, None, None, grade)
    if computed is not None and on > kr.objective.period.end:
        return KRResult(computed, COMPUTED, None, None, None)
    return KRResult(None, None, None, None, None)


@dataclass(frozen=True)
class Mean:
    """A mean of scores: its value (None when nothing was scored), how many items were above 1.0 and
    counted as 1.0, and its coverage in KRs (k of n unscored)."""

    value: float | None
    clamped: int
    unscored: int
    counted: int
    official: float | None = None  # a unit's official `unit_score`, where the mean is a unit's


def clamped_mean(items: list[tuple[float | None, float]]) -> tuple[float | None, int]:
    """The weighted mean of the scored items (score, weight), each clamped at 1.0; and how many were clamped."""
    scored = [(min(s, MEAN_CLAMP), w, s > MEAN_CLAMP) for s, w in items if s is not None]
    total = sum(w for _, w, _ in scored)
    if not scored or total == 0:
        return None, 0
    return sum(s * w for s, w, _ in scored) / total, sum(1 for *_, c in scored if c)
