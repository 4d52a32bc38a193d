"""The look-ups every page makes, built once per build and shared by every page's view.

Pages must not scan the whole organization (a 1,000-unit site renders ~2,000 pages), so the
published units and objectives are indexed here, and what is costly (progress, Markdown, retro
aggregates) is memoised in `memo`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..model.organization import LogEntry, Objective, Organization, Unit
from ..model.periods import Period
from ..model.visibility import shown


@dataclass(frozen=True, slots=True)
class Lookups:
    today: dt.date
    current: Period | None
    units: dict[str, Unit]
    objectives: list[Objective]
    visible: frozenset[int]  # id() of the published objectives
    by_unit_period: dict[tuple[str, str], list[Objective]]
    by_period: dict[str, list[Objective]]
    periods: list[Period]  # every period with content, newest first
    logs: list[LogEntry]  # newest first
    logs_by_unit: dict[str, list[LogEntry]]
    logs_by_objective: dict[int, list[LogEntry]]
    memo: dict[tuple, Any] = field(default_factory=dict)  # computed once per build, keyed by what and of what

    @classmethod
    def of(cls, org: Organization) -> Lookups:
        org = shown(org)  # what the build's audience may read (model/visibility.py)
        units, objectives = list(org.units.values()), org.objectives
        unit_ids = {u.id for u in units}
        by_unit_period: dict[tuple[str, str], list[Objective]] = {}
        by_period: dict[str, list[Objective]] = {}
        for o in objectives:
            by_unit_period.setdefault((o.unit.id, o.period.id), []).append(o)
            by_period.setdefault(o.period.id, []).append(o)
        logs = sorted((log for log in org.logs if log.unit.id in unit_ids),
                      key=lambda e: (e.date, e.rel), reverse=True)
        logs_by_unit: dict[str, list[LogEntry]] = {}
        logs_by_objective: dict[int, list[LogEntry]] = {}
        for log in logs:
            logs_by_unit.setdefault(log.unit.id, []).append(log)
            for key in _touched(log):
                logs_by_objective.setdefault(key, []).append(log)
        return cls(today=org.today, current=org.current_period(), units={u.id: u for u in units},
                   objectives=objectives, visible=frozenset(id(o) for o in objectives),
                   by_unit_period=by_unit_period, by_period=by_period,
                   periods=sorted({o.period for o in objectives} | set(org.periods.values()), reverse=True),
                   logs=logs, logs_by_unit=logs_by_unit, logs_by_objective=logs_by_objective)

    def remember(self, key: tuple, compute) -> Any:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


def _touched(log: LogEntry) -> set[int]:
    """id() of the objectives a check-in reports on or changes."""
    touched = {id(c.key_result.objective) for c in log.check_ins}
    touched |= {id(ch.target) if isinstance(ch.target, Objective) else id(ch.target.objective)
                for ch in log.changes if ch.target is not None}
    return touched
