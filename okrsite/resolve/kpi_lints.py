"""KPI lints (docs/kpis.md): a KPI quiet for too long (OKR404) and a KR that asks for what its KPI's
healthy band already calls normal (OKR405). The numbers come from scoring/kpi_health.py."""

from __future__ import annotations

from ..diagnostics.reporter import Reporter
from ..model.organization import Organization
from ..scoring.kpi_health import days_quiet, in_band, kpi_is_stale, stale_limit
from ..source.paths import checkin_dir


def lint_kpis(org: Organization, r: Reporter) -> None:
    _stale(org, r)
    _inside_band(org, r)


def _stale(org: Organization, r: Reporter) -> None:
    running = org.running_period()
    if running is None:
        return
    for kpi in org.kpis.items.values():
        if (running.id, kpi.unit.id) in org.partly_read_logs:
            continue  # a check-in file of the unit could not be read: it may hold the missing value
        if kpi_is_stale(kpi, running, org.today, org.settings.stale_after_days):
            limit = stale_limit(kpi, org.settings.stale_after_days)
            since = f"since {kpi.readings[-1].date}" if kpi.readings else f"since the period started on {running.start}"
            r.add("OKR404", f"KPI `{kpi.id}` has had no value for {days_quiet(kpi, running, org.today)} days ({since})",
                  kpi.src.loc(("title",)),
                  f"record it under `kpis:` in content/{checkin_dir(running.id, kpi.unit.id)}, or run "
                  f"`okrsite import kpis FILE.csv` (limit: {limit} days)")


def _inside_band(org: Organization, r: Reporter) -> None:
    for kr in org.key_results():
        kpi = org.kpis.of_kr(kr)
        if kpi is None or kr.objective.type != "aspirational" or kpi.min is None or kpi.max is None:
            continue  # an open band (one edge) has no "normal" ceiling a stretch would have to pass
        target = kr.target
        if isinstance(target, bool) or not isinstance(target, int | float) or not in_band(kpi, float(target)):
            continue
        band = f"{'' if kpi.min is None else f'{kpi.min:g}'}–{'' if kpi.max is None else f'{kpi.max:g}'}"
        r.add("OKR405", f"key result `{kr.id}` aims at {target:g}, inside KPI `{kpi.id}`'s healthy band ({band}), "
              "in an aspirational objective",
              kr.objective.src.loc(kr.path + ("target",)),
              "aim beyond the band, make the objective committed, or keep the number as a KPI only")
