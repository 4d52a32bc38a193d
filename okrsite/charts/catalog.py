"""Which charts the organization has, and their stable ids.

A chart's id is the path of its published files without the extension:

    okrs/<period>/<unit>/<objective>          the objective's KRs side by side
    okrs/<period>/<unit>/<objective>/<kr>     one KR's values over the period
    units/<unit>/<period>/status              the unit's objectives by status
    units/<unit>/history                      the unit's score, period by period
    periods/<period>/status                   every objective of the period by status
    periods/<period>/scores                   each unit's score in the period
    kpis/<unit>/<kpi>                         a KPI's values with its healthy band (kpi_charts.py)

Aliases follow the current period, so a wiki that embeds one stays up to date:
units/<unit>/current/status, units/<unit>/current/okrs/<objective>[/<kr>],
periods/current/status, periods/current/scores.
"""

from __future__ import annotations

from typing import Any

from ..model.organization import KeyResult, Objective, Unit
from ..model.periods import Period
from .data import ChartData, chart_data
from .kpi_charts import kpi_charts
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


def units_in(data: ChartData, period: Period) -> list[Unit]:
    return sorted({o.unit for o in data.period_objectives(period)}, key=lambda u: u.id)


def history_of(data: ChartData, unit: Unit) -> list[tuple[Period, float]]:
    return [(p, data.unit_score(unit, p)) for p in data.periods() if data.objectives_of(unit, p)]


def all_charts(source: ChartData | Any) -> list[Chart]:
    """Every chart of the published organization, in a stable order (`source`: see chart_data)."""
    data = chart_data(source)
    charts: list[Chart] = []
    for obj in sorted(data.objectives, key=lambda o: o.qid):
        p = data.progress(obj)
        charts.append(objective_chart(objective_id(obj), obj, p, data))
        for kp in p.key_results:
            charts.append(kr_chart(kr_id(kp.key_result), kp.key_result, kp, data))
    for period in data.periods():
        objs = data.period_objectives(period)
        if not objs:
            continue
        name = data.words.period_name(period)
        charts.append(status_chart(period_id(period, "status"), name, data.counts(objs), data))
        scores = [(u, data.unit_score(u, period)) for u in units_in(data, period)]
        charts.append(scores_chart(period_id(period, "scores"), f"{name}: {data.words.t('unit_score')}", scores, data))
        for unit in units_in(data, period):
            charts.append(status_chart(unit_status_id(unit, period), f"{unit.name} · {name}",
                                       data.counts(data.objectives_of(unit, period)), data))
    for unit in sorted(data.units.values(), key=lambda u: u.id):
        history = history_of(data, unit)
        if history:
            charts.append(history_chart(unit_history_id(unit), unit, history, data))
    charts += kpi_charts(data)  # kpis/<unit>/<kpi> (docs/kpis.md)
    return charts


def aliases(source: ChartData | Any) -> dict[str, str]:
    """current-period alias id -> the chart id it stands for."""
    data = chart_data(source)
    period = data.current
    if period is None or not data.period_objectives(period):
        return {}
    out = {period_id("current", "status"): period_id(period, "status"),
           period_id("current", "scores"): period_id(period, "scores")}
    for unit in units_in(data, period):
        out[unit_status_id(unit, "current")] = unit_status_id(unit, period)
        for obj in data.objectives_of(unit, period):
            out[f"units/{unit.id}/current/okrs/{obj.slug}"] = objective_id(obj)
            for kr in obj.key_results:
                out[f"units/{unit.id}/current/okrs/{obj.slug}/{kr.id}"] = kr_id(kr)
    return out
