"""What charts are drawn from: the published part of the organization (model/visibility.py), its
scoring results (computed once per objective) and the words of one language. Nothing here
comes from the site: `okrsite export charts` and the MkDocs plugin draw the same charts."""

from __future__ import annotations

from typing import Any

from ..model.organization import KeyResult, Objective, Organization, Unit
from ..model.periods import Period
from ..model.visibility import shown
from ..scoring.progress import KRProgress, ObjectiveProgress, Status, objective_progress, objectives_mean, status_counts
from ..text.words import Words


class ChartData:
    def __init__(self, org: Organization, lang: str) -> None:
        self.org = org = shown(org)  # what the audience may read (model/visibility.py)
        self.lang = lang
        self.today = org.today
        self.words = Words(lang, org.settings.periods.fiscal_year_start_month)
        self.current: Period | None = org.current_period()
        units, objectives = list(org.units.values()), org.objectives
        self.units = {u.id: u for u in units}
        self.objectives = objectives
        self._by_unit_period: dict[tuple[str, str], list[Objective]] = {}
        self._by_period: dict[str, list[Objective]] = {}
        for o in objectives:
            self._by_unit_period.setdefault((o.unit.id, o.period.id), []).append(o)
            self._by_period.setdefault(o.period.id, []).append(o)
        self._periods = sorted({o.period for o in objectives} | set(org.periods.values()))
        self._progress: dict[int, ObjectiveProgress] = {}

    def progress(self, obj: Objective) -> ObjectiveProgress:
        key = id(obj)
        if key not in self._progress:
            self._progress[key] = objective_progress(obj, self.org)
        return self._progress[key]

    def kr(self, kr: KeyResult) -> KRProgress:
        return self.progress(kr.objective).key_results[kr.index]

    def periods(self) -> list[Period]:
        """Every period with content, oldest first."""
        return list(self._periods)

    def objectives_of(self, unit: Unit, period: Period | None) -> list[Objective]:
        return list(self._by_unit_period.get((unit.id, period.id), [])) if period else []

    def period_objectives(self, period: Period | None) -> list[Objective]:
        return list(self._by_period.get(period.id, [])) if period else []

    def unit_score(self, unit: Unit, period: Period) -> float | None:
        """The unit's official `unit_score` when written, else the mean of its scored objectives
        (dropped ones left out); None when nothing is scored: such a unit gets no bar."""
        retro = self.org.retro_of(unit, period)
        if retro is not None and retro.unit_score is not None:
            return retro.unit_score
        return objectives_mean([self.progress(o) for o in self.objectives_of(unit, period)]).value

    def counts(self, objectives: list[Objective]) -> dict[Status, int]:
        return status_counts([self.progress(o) for o in objectives])


def chart_data(source: Any) -> ChartData:
    """ChartData itself, or built from anything holding `org` and `lang` (the site view passes itself)."""
    return source if isinstance(source, ChartData) else ChartData(source.org, source.lang)
