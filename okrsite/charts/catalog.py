"""Which charts the organization has, and their stable ids.

A chart's id is the path of its published files without the extension:

    okrs/<period>/<unit>/<objective>          the objective's KRs side by side
    okrs/<period>/<unit>/<objective>/<kr>     one KR's values over the period
    units/<unit>/<period>/status              the unit's objectives by status
    units/<unit>/history                      the unit's score, period by period
    periods/<period>/status                   every objective of the period by status
    periods/<period>/scores                   each unit's score in the period

Aliases follow the current period, so a wiki that embeds one stays up to date:
units/<unit>/current/status, units/<unit>/current/okrs/<objective>[/<kr>],
periods/current/status, periods/current/scores.
"""

from __future__ import annotations

from ..model.organization import KeyResult, Objective, Unit
from ..model.periods import Period
from .specs import Chart, history_chart, kr_chart, objective_chart, scores_chart, status_chart


def objective_id(obj: Objective) -> str:
    return f"okrs/{obj.period.id}/{obj.unit.id}/{obj.slug}"


def kr_id(kr: KeyResult) -> str:
    return f"{objective_id(kr.objective)}/{kr.id}"


def unit_status_id(unit: Unit, period: Period | str) -> str:
    return f"units/{unit.id}/{period if isinstance(period, str) else period.id}/status"


def unit_history_id(unit: Unit) -> str:
    return f"units/{unit.id}/history"


def period_id(period: Period | str, kind: str) -> str:
    return f"periods/{period if isinstance(period, str) else period.id}/{kind}"


def chart_id_of(thing: Objective | KeyResult) -> str:
    return kr_id(thing) if isinstance(thing, KeyResult) else objective_id(thing)


def units_in(view, period: Period) -> list[Unit]:
    return sorted({o.unit for o in view.period_objectives(period)}, key=lambda u: u.id)


def history_of(view, unit: Unit) -> list[tuple[Period, float]]:
    return [(p, view.unit_score(unit, p)) for p in sorted(view.periods()) if view.objectives_of(unit, p)]


def all_charts(view) -> list[Chart]:
    """Every chart of the published organization, in a stable order."""
    charts: list[Chart] = []
    for obj in sorted(view.objectives, key=lambda o: o.qid):
        p = view.progress(obj)
        charts.append(objective_chart(objective_id(obj), obj, p, view))
        for kp in p.key_results:
            charts.append(kr_chart(kr_id(kp.key_result), kp.key_result, kp, view))
    for period in sorted(view.periods()):
        objs = view.period_objectives(period)
        if not objs:
            continue
        name = view.period_name(period)
        charts.append(status_chart(period_id(period, "status"), name, view.counts(objs), view))
        scores = [(u, view.unit_score(u, period)) for u in units_in(view, period)]
        charts.append(scores_chart(period_id(period, "scores"), f"{name}: {view.t('unit_score')}", scores, view))
        for unit in units_in(view, period):
            charts.append(status_chart(unit_status_id(unit, period), f"{unit.name} · {name}",
                                       view.counts(view.objectives_of(unit, period)), view))
    for unit in sorted(view.units.values(), key=lambda u: u.id):
        history = history_of(view, unit)
        if history:
            charts.append(history_chart(unit_history_id(unit), unit, history, view))
    return charts


def aliases(view) -> dict[str, str]:
    """current-period alias id -> the chart id it stands for."""
    period = view.current
    if period is None or not view.period_objectives(period):
        return {}
    out = {period_id("current", "status"): period_id(period, "status"),
           period_id("current", "scores"): period_id(period, "scores")}
    for unit in units_in(view, period):
        out[unit_status_id(unit, "current")] = unit_status_id(unit, period)
        for obj in view.objectives_of(unit, period):
            out[f"units/{unit.id}/current/okrs/{obj.slug}"] = objective_id(obj)
            for kr in obj.key_results:
                out[f"units/{unit.id}/current/okrs/{obj.slug}/{kr.id}"] = kr_id(kr)
    return out
