"""What a period's retrospectives say: per unit, and for the whole company.

Scores are the retrospective's results where written, grades, else computed (results.py); unscored
objectives are left out of every mean and count, and counted in the "unscored" bar.
The company view answers the questions a quarterly review asks: how scores spread across
units, how committed and aspirational objectives fared, which objectives hit 1.0 across the
board (a hint that targets were not ambitious) and which stayed in the red band (bands.py),
and which learnings came up most.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ..model.organization import Change, LogEntry, Objective, Period, Retro, Unit
from .bands import reaches, score_band, success_line
from .progress import ObjectiveProgress, Status, objectives_mean
from .results import MEAN_CLAMP, Mean


@dataclass
class UnitRetro:
    unit: Unit
    period: Period
    retro: Retro | None
    objectives: list[tuple[Objective, ObjectiveProgress]]
    changes: list[Change]
    highlights: list[tuple[LogEntry, str]]  # learnings from the period's check-ins
    logs: list[LogEntry]

    @property
    def mean(self) -> Mean:
        """The computed mean of its objectives, with coverage (unscored left out, each clamped at 1.0)."""
        return objectives_mean([p for _, p in self.objectives])

    @property
    def score(self) -> float | None:
        """The unit's score: its official `unit_score` when written, else the computed mean."""
        if self.retro is not None and self.retro.unit_score is not None:
            return self.retro.unit_score
        return self.mean.value


@dataclass
class TypeOutcome:
    type: str
    success_line: float  # the score that counts as success for this type
    count: int = 0  # scored objectives
    total: float = 0.0  # their scores, each clamped at 1.0
    successes: int = 0
    unscored: int = 0  # objectives of the type without a score (named beside the count)

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None


@dataclass
class CitedLearning:
    text: str
    count: int
    units: list[Unit] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # "retro" | "log"


@dataclass
class PeriodRetro:
    period: Period
    units: list[UnitRetro]
    outcomes: dict[str, TypeOutcome]
    perfect: list[tuple[Objective, ObjectiveProgress]]  # every KR at the top of the scale, 1.0
    low: list[tuple[Objective, ObjectiveProgress]]  # score in the red band
    bands: dict[str, int]  # green / yellow / red / unscored
    learnings: list[CitedLearning]

    @property
    def mean(self) -> Mean:
        """The period score with coverage; its value is None (no period score) when nothing is scored."""
        return objectives_mean([p for u in self.units for _, p in u.objectives])

    @property
    def score(self) -> float | None:
        return self.mean.value


def unit_retro(view, unit: Unit, period: Period) -> UnitRetro:
    objs = [(o, view.progress(o)) for o in view.objectives_of(unit, period)]
    logs = view.logs(unit=unit, period=period)
    changes = sorted((ch for log in logs for ch in log.changes), key=lambda c: (c.date, c.ref))
    highlights = [(log, text) for log in logs for text in log.learnings]
    return UnitRetro(unit, period, view.org.retro_of(unit, period), objs, changes, highlights, logs)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\s、。,.!！?？「」『』()（）・:：]+", "", text)


def period_retro(view, period: Period) -> PeriodRetro:
    units = [unit_retro(view, u, period) for u in view.retro_units(period)]
    outcomes = {t: TypeOutcome(t, success_line(t, view.org)) for t in ("committed", "aspirational")}
    perfect, low = [], []
    bands = {"green": 0, "yellow": 0, "red": 0, "unscored": 0}
    for u in units:
        for obj, p in u.objectives:
            if p.status is Status.DROPPED:
                continue
            o = outcomes[obj.type]
            if p.score is None:  # unscored: never 0, never red, never "perfect"
                o.unscored += 1
                bands["unscored"] += 1
                continue
            o.count += 1
            o.total += min(p.score, MEAN_CLAMP)
            o.successes += reaches(p.score, o.success_line)
            band = score_band(p.score)
            bands[band] += 1
            if p.perfect:
                perfect.append((obj, p))
            if band == "red":
                low.append((obj, p))
    if not bands["unscored"]:
        del bands["unscored"]  # the fourth bar appears only when something is unscored
    return PeriodRetro(period, units, outcomes, perfect, low, bands, cited_learnings(units))


def cited_learnings(units: list[UnitRetro], limit: int = 12) -> list[CitedLearning]:
    """Learnings ranked by how many retrospectives and check-ins state them (after folding width,
    case and punctuation); the retrospectives' own learnings come first among equals."""
    found: dict[str, CitedLearning] = {}
    order: Counter = Counter()
    for u in units:
        items = [(t, "retro") for t in (u.retro.learnings if u.retro else [])] + [(t, "log") for _, t in u.highlights]
        for text, source in items:
            key = _norm(text)
            if not key:
                continue
            item = found.setdefault(key, CitedLearning(text, 0))
            item.count += 1
            if u.unit not in item.units:
                item.units.append(u.unit)
            item.sources.append(source)
            order[key] += 1 if source == "retro" else 0
    ranked = sorted(found.items(), key=lambda kv: (-kv[1].count, -order[kv[0]], kv[1].text))
    return [item for _, item in ranked[:limit]]
