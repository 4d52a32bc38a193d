"""KPIs: the health metrics a unit keeps within a band while its OKRs stretch (docs/kpis.md).

A KPI lives in its own file (content/kpis/<unit>/<kpi>.md); its values arrive through the
same check-in logs as KR values (`kpis:`), so each reading points at the LogEntry it came
from. The book is one field of the Organization; an audience's copy of the organization
shares it, and `visible_kpis` is the one place that narrows it to what that copy may show
(the KPI's unit and tier, and readings of check-ins the copy kept).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .organization import KeyResult, LogEntry, Organization, SourceFile, Unit


@dataclass(eq=False)
class KpiReading:
    """One value of a KPI, as a check-in recorded it."""

    kpi: Kpi
    log: LogEntry
    value: float
    note: str | None
    ref: str = ""  # the key under `kpis:` that names the KPI, to point diagnostics at it

    @property
    def date(self) -> dt.date:
        return self.log.date


@dataclass(eq=False)
class Kpi:
    """A health metric a unit watches beside its OKRs (kpis/<unit>/<kpi>.md), with its readings."""

    id: str
    title: str
    unit: Unit
    unit_label: str
    min: float | None
    max: float | None
    direction: str  # increase | decrease: which way is good
    owners: list[str]
    source: str | None
    cadence: str  # weekly | monthly
    body: str
    rel: str
    src: SourceFile
    visibility: str | None = None  # as written (None: the unit's)
    order: int | None = None
    readings: list[KpiReading] = field(default_factory=list)  # in date order

    @property
    def key(self) -> str:
        """`unit/kpi`: unique in the organization, what check-ins of other units and KRs may write."""
        return f"{self.unit.id}/{self.id}"

    def __repr__(self) -> str:
        return f"Kpi({self.key})"


@dataclass
class KpiBook:
    """Every KPI by key, and which KPI each KR names (`kpi:`), by the KR's qualified id."""

    items: dict[str, Kpi] = field(default_factory=dict)
    by_kr: dict[str, str] = field(default_factory=dict)  # KR qid -> KPI key

    def of_unit(self, unit_id: str) -> list[Kpi]:
        return sorted((k for k in self.items.values() if k.unit.id == unit_id),
                      key=lambda k: (k.order is None, k.order or 0, k.rel))

    def of_kr(self, kr: KeyResult) -> Kpi | None:
        key = self.by_kr.get(kr.qid)
        return self.items.get(key) if key else None


def visible_kpis(org: Organization) -> KpiBook:
    """The KPIs `org` (an audience's view, or the whole organization) may show: those of its units,
    no stricter than its audience, with only the readings of check-ins it kept."""
    from .visibility import rank, tier

    book: KpiBook = org.kpis
    if org.audience is None:
        return book
    limit = rank(org.audience)
    logs = {log.rel for log in org.logs}
    out = KpiBook()
    for key, k in book.items.items():
        unit = org.units.get(k.unit.id)
        if unit is None or (k.visibility is not None and rank(tier(k.visibility)) > limit):
            continue
        twin = Kpi(**{**k.__dict__, "unit": unit, "readings": []})
        twin.readings = [KpiReading(twin, r.log, r.value, r.note, r.ref) for r in k.readings if r.log.rel in logs]
        out.items[key] = twin
    out.by_kr = {qid: key for qid, key in book.by_kr.items() if key in out.items}
    return out
