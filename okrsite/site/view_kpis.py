"""The site view's KPIs (docs/kpis.md): the rows unit pages, the dashboard, the KPI page, objective
pages and retrospectives lay out. Health, staleness and breaches come from scoring/kpi_health.py;
what an audience may read from model/kpis.visible_kpis; the words from text/i18n.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..charts.kpi_charts import band_text, kpi_chart_id, kpi_value
from ..model.kpis import Kpi, KpiBook, visible_kpis
from ..model.organization import KeyResult, LogEntry, Unit
from ..model.periods import Period
from ..scoring.kpi_health import breaches, days_quiet, health, in_band, kpi_is_stale
from ..text.i18n import label
from .urls import KPIS_PAGE

if TYPE_CHECKING:
    from .view import SiteView



@dataclass(frozen=True)
class KpiRow:
    """One KPI as a page shows it: every value already in words."""

    kpi: Kpi
    title: Any  # inline Markdown as markup
    unit: Unit
    unit_url: str
    state: str  # healthy | warning | breached | no-data (a CSS modifier and data attribute)
    state_text: str
    latest: str
    latest_date: str
    trend: str  # up / down / flat, with which way is good
    band: str
    good: str
    cadence: str
    source: str | None
    stale: str  # "no value for 20 days", or ""
    chart: str  # chart id (kpis/<unit>/<kpi>)
    anchor: str


@dataclass(frozen=True)
class LogValue:
    """A KPI value a check-in gives, as its timeline entry shows it."""

    title: Any
    url: str
    value: str
    note: str | None
    outside: bool  # outside the KPI's healthy band


@dataclass(frozen=True)
class Breach:
    row: KpiRow
    values: list[str]  # "08/20 1.8 %"


@dataclass(frozen=True, slots=True)
class KpiView:
    site: SiteView

    def _book(self) -> KpiBook:
        return self.site.lookups.remember(("kpi_book",), lambda: visible_kpis(self.site.org))

    def _row(self, k: Kpi) -> KpiRow:
        site, lang = self.site, self.site.lang
        h = health(k, site.today)
        change = h.change
        trend = "" if change is None else label("kpi_up" if change > 0 else "kpi_down" if change < 0 else "kpi_flat", lang)
        running = site.org.running_period()
        stale = ""
        if kpi_is_stale(k, running, site.today, site.org.settings.stale_after_days):
            stale = label("kpi_stale", lang, days=days_quiet(k, running, site.today))
        return KpiRow(k, site.title(k), k.unit, site.url(k.unit), h.state, label(f"kpi_{h.state}", lang),
                      kpi_value(k, h.latest.value if h.latest else None, site),
                      site.date(h.latest.date) if h.latest else "", trend,
                      band_text(k, lang, lambda v: kpi_value(k, v, site)), label(f"kpi_good_{k.direction}", lang),
                      label(f"kpi_{k.cadence}", lang), k.source, stale, kpi_chart_id(k), f"kpi-{k.unit.id}-{k.id}")

    def any(self) -> bool:
        return bool(self._book().items)

    def of_unit(self, unit: Unit) -> list[KpiRow]:
        return [self._row(k) for k in self._book().of_unit(unit.id)]

    def all(self) -> list[KpiRow]:
        """Every KPI, unit by unit in the unit tree's order (the root first), then by `order`."""
        book = self._book()
        units = sorted({k.unit.id for k in book.items.values()},
                       key=lambda uid: (self.site.org.units[uid].depth, uid))
        return [self._row(k) for uid in units for k in book.of_unit(uid)]

    def attention(self) -> list[KpiRow]:
        """The dashboard's list: KPIs breached or in warning, breached first."""
        rows = [r for r in self.all() if r.state in ("breached", "warning")]
        return sorted(rows, key=lambda r: r.state != "breached")

    def of_kr(self, kr: KeyResult) -> KpiRow | None:
        k = self._book().of_kr(kr)
        return self._row(k) if k is not None else None

    def breached_in(self, period: Period, unit: Unit | None = None) -> list[Breach]:
        """KPIs (of `unit`, or all) with a value outside their band during `period`: for retrospectives."""
        out = []
        for k in self._book().items.values():
            if unit is not None and k.unit.id != unit.id:
                continue
            found = breaches(k, period.start, period.end)
            if found:
                out.append(Breach(self._row(k), [f"{self.site.short_date(r.date)} {kpi_value(k, r.value, self.site)}"
                                                 for r in found]))
        return sorted(out, key=lambda b: (b.row.unit.id, b.row.kpi.id))

    def of_log(self, log: LogEntry) -> list[LogValue]:
        """The KPI values a check-in gives (for its entry in timelines)."""
        by_log = self.site.lookups.remember(("kpi_by_log",), self._by_log)
        site = self.site
        return [LogValue(site.title(r.kpi), f"{self.page_url()}#kpi-{r.kpi.unit.id}-{r.kpi.id}",
                         kpi_value(r.kpi, r.value, site), r.note, not in_band(r.kpi, r.value))
                for r in by_log.get(log.rel, [])]

    def _by_log(self) -> dict[str, list]:
        out: dict[str, list] = {}
        for k in self._book().items.values():
            for r in k.readings:
                out.setdefault(r.log.rel, []).append(r)
        return out

    def page_url(self) -> str:
        return self.site.url(KPIS_PAGE)

