"""KPIs: their files, the values check-ins give them (`kpis:`) and the KRs that name them (`kpi:`).

Runs after history.py (the check-ins are LogEntries by then), so a KPI reading points at the
same LogEntry as the KR check-ins of its file: audiences, dates and `recorded` apply alike.
"""

from __future__ import annotations

import datetime as dt

from ..diagnostics.diagnostic import Location
from ..diagnostics.suggest import close_hint
from ..model.kpis import Kpi, KpiReading
from ..model.organization import LogEntry, Objective
from ..source.documents import KpiDoc, LogDoc, ObjectiveDoc
from ..source.paths import kpi_path, slugify, unit_path
from ..source.repository import Document
from .state import Resolution


def resolve_kpis(s: Resolution) -> None:
    """Fill `s.org.kpis`: KPI files, then check-in values, then KR links (each reference checked)."""
    unreadable = {f"{slugify(p.unit)}/{slugify(p.slug)}" for p in s.repo.unnamed if p.kind == "kpi"}
    for d in s.repo.of_kind("kpi"):
        _kpi_file(s, d, unreadable)
    _readings(s, unreadable)
    _kr_links(s, unreadable)


def _kpi_file(s: Resolution, d: Document, unreadable: set[str]) -> None:
    place, book = d.place, s.org.kpis
    unit = s.org.units.get(place.unit)
    if unit is None:
        unreadable.add(f"{place.unit}/{place.slug}")
        if place.unit not in s.bad_units:
            s.bad_units.add(place.unit)
            s.r.add("OKR202", f"unit `{place.unit}` (from the directory name) does not exist",
                    Location(d.source.path, 0, 0), close_hint(place.unit, s.org.units) or f"add content/{unit_path(place.unit)}")
        return
    doc = d.doc
    if not isinstance(doc, KpiDoc):
        unreadable.add(f"{place.unit}/{place.slug}")
        return
    if doc.min is not None and doc.max is not None and doc.min > doc.max:
        s.r.add("OKR401", f"KPI `{place.slug}` has an empty healthy band: min {doc.min:g} is above max {doc.max:g}",
                d.source.loc(("min",)), "swap min and max: healthy at or above min, at or below max")
    kpi = Kpi(place.slug, doc.title, unit, doc.unit or "", doc.min, doc.max, doc.direction, list(doc.owner),
              doc.source, doc.cadence, d.source.body.strip(), place.rel, d.source, doc.visibility, doc.order)
    book.items[kpi.key] = kpi


def _key(ref: str, unit_id: str) -> str | None:
    """`kpi` (the unit's own) or `unit/kpi`; anything longer names no KPI."""
    parts = ref.split("/")
    return f"{unit_id}/{ref}" if len(parts) == 1 else ref if len(parts) == 2 else None


def _unknown(s: Resolution, ref: str, unit_id: str, loc: Location, unreadable: set[str]) -> None:
    key = _key(ref, unit_id)
    if key in unreadable:
        return  # the KPI's file could not be read: reported there
    own = [k.id for k in s.org.kpis.of_unit(unit_id)]
    hint = close_hint(ref, own) or close_hint(ref, s.org.kpis.items) or (
        f"{unit_id}'s KPIs: " + ", ".join(own) if own
        else f"add content/{kpi_path(unit_id, ref.split('/')[-1])}, or write another unit's KPI as unit/kpi")
    s.r.add("OKR402", f"`{ref}` names no KPI", loc, hint)


def _readings(s: Resolution, unreadable: set[str]) -> None:
    entries: dict[str, LogEntry] = {e.rel: e for e in s.org.logs}
    seen: dict[tuple[str, object], Location] = {}
    for d in sorted(s.repo.of_kind("log"), key=lambda d: (d.place.date or dt.date.min, d.place.rel)):
        entry = entries.get(d.place.rel)
        if entry is None or not isinstance(d.doc, LogDoc):
            continue
        for ref, upd in d.doc.kpis.items():
            loc = entry.src.loc(("kpis", ref), key=True)
            key = _key(ref, entry.unit.id)
            kpi = s.org.kpis.items.get(key) if key else None
            if kpi is None:
                _unknown(s, ref, entry.unit.id, loc, unreadable)
                continue
            first = seen.setdefault((kpi.key, entry.date), loc)
            if first is not loc:
                s.r.add("OKR403", f"KPI `{kpi.key}` has a second value on {entry.date}", loc,
                        "a day has one value: keep one of the two", (first,))
                continue
            kpi.readings.append(KpiReading(kpi, entry, float(upd.value), upd.note, ref))
    for kpi in s.org.kpis.items.values():
        kpi.readings.sort(key=lambda r: (r.date, r.log.rel))


def _kr_links(s: Resolution, unreadable: set[str]) -> None:
    objectives: dict[str, Objective] = {o.rel: o for o in [*s.org.objectives, *s.org.dropped_objectives]}
    for d in s.repo.of_kind("objective"):
        obj = objectives.get(d.place.rel)
        if obj is None or not isinstance(d.doc, ObjectiveDoc):
            continue
        krs = {kr.id: kr for kr in [*obj.key_results, *obj.dropped_key_results]}
        for krdoc in d.doc.key_results:
            kr = krs.get(krdoc.id)
            if krdoc.kpi is None or kr is None:
                continue
            key = _key(krdoc.kpi, obj.unit.id)
            if key not in s.org.kpis.items:
                _unknown(s, krdoc.kpi, obj.unit.id, obj.src.loc(kr.path + ("kpi",)), unreadable)
                continue
            s.org.kpis.by_kr[kr.qid] = key
