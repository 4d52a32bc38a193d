"""KPI health: healthy, warning or breached, by the healthy band and the trend (docs/kpis.md).

The one home of the rule; unit pages, the dashboard, the KPI page, charts, exports, lints,
retrospectives, `okrsite diff` and `okrsite remind` all ask it.

- **breached**: the latest value lies outside the band (below `min` or above `max`).
- **warning**: inside the band, but one more change like the last one would leave it (the
  trend points out of the band at the pace it moved).
- **healthy**: inside the band otherwise (also a KPI without a band, which cannot breach).
- **no data**: no value yet.

Staleness reuses scoring/staleness.py: quiet for longer than the stale threshold (at least the
KPI's cadence) in the running period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.kpis import Kpi, KpiReading
from ..model.periods import Period
from .staleness import days_since, is_stale

HEALTHY, WARNING, BREACHED, NO_DATA = "healthy", "warning", "breached", "no-data"
STATES = (HEALTHY, WARNING, BREACHED, NO_DATA)
CADENCE_DAYS = {"weekly": 7, "monthly": 31}


@dataclass(frozen=True)
class KpiHealth:
    """Where a KPI stands (healthy, warning, breached, no data), with the readings that decide it."""

    state: str
    latest: KpiReading | None
    previous: KpiReading | None

    @property
    def change(self) -> float | None:
        """The latest value minus the one before (None with fewer than two)."""
        if self.latest is None or self.previous is None:
            return None
        return self.latest.value - self.previous.value


def in_band(kpi: Kpi, value: float) -> bool:
    """At or above `min` and at or below `max` (an edge is inside: `min: 30` is healthy at 30)."""
    return (kpi.min is None or value >= kpi.min) and (kpi.max is None or value <= kpi.max)


def readings_until(kpi: Kpi, on: dt.date) -> list[KpiReading]:
    return [r for r in kpi.readings if r.date <= on]


def health(kpi: Kpi, on: dt.date) -> KpiHealth:
    """The KPI's health as of `on`, from its readings up to that day."""
    until = readings_until(kpi, on)
    if not until:
        return KpiHealth(NO_DATA, None, None)
    latest = until[-1]
    previous = until[-2] if len(until) > 1 else None
    if not in_band(kpi, latest.value):
        return KpiHealth(BREACHED, latest, previous)
    if previous is not None and not in_band(kpi, 2 * latest.value - previous.value):
        return KpiHealth(WARNING, latest, previous)
    return KpiHealth(HEALTHY, latest, previous)


def breaches(kpi: Kpi, start: dt.date, end: dt.date) -> list[KpiReading]:
    """The readings from `start` to `end` (inclusive) outside the band: what a retrospective lists."""
    return [r for r in kpi.readings if start <= r.date <= end and not in_band(kpi, r.value)]


def stale_limit(kpi: Kpi, stale_after_days: int) -> int:
    """The organization's stale threshold, but never shorter than the KPI's cadence (a monthly KPI is
    not stale after two weeks)."""
    return max(stale_after_days, CADENCE_DAYS.get(kpi.cadence, 0))


def kpi_is_stale(kpi: Kpi, running: Period | None, on: dt.date, stale_after_days: int) -> bool:
    """`staleness.is_stale` for the KPI's last value in the running period (none running: not stale)."""
    if running is None:
        return False
    until = readings_until(kpi, on)
    return is_stale(until[-1].date if until else None, running, on, stale_limit(kpi, stale_after_days))


def days_quiet(kpi: Kpi, running: Period, on: dt.date) -> int:
    """Days since the last value (or since the running period started, with none)."""
    until = readings_until(kpi, on)
    return days_since(until[-1].date if until else running.start, on) or 0
