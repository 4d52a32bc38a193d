"""KPIs in `okrsite export data` (docs/kpis.md): okrs.json's `kpis` and the tables kpis.csv and
kpi_values.csv. Health comes from scoring/kpi_health.py; what the audience may read from
model/kpis.visible_kpis (the export's organization is already the audience's view)."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..model.kpis import Kpi, visible_kpis
from ..model.organization import Organization
from ..scoring.kpi_health import health, kpi_is_stale
from ..text.inline import inline_plain
from ..text.numbers import as_written

KPI_COLUMNS = ["key", "unit", "id", "title", "unit_label", "min", "max", "direction", "cadence", "owners",
               "source", "latest", "latest_date", "health", "stale", "key_results"]
VALUE_COLUMNS = ["date", "kpi", "value", "note", "source"]


def _record(k: Kpi, org: Organization, krs: list[str]) -> dict[str, Any]:
    h = health(k, org.today)
    return {"key": k.key, "unit": k.unit.id, "id": k.id, "title": inline_plain(k.title), "unit_label": k.unit_label,
            "min": as_written(k.min), "max": as_written(k.max), "direction": k.direction, "cadence": k.cadence,
            "owners": k.owners, "source": k.source,
            "latest": as_written(h.latest.value) if h.latest else None,
            "latest_date": h.latest.date.isoformat() if h.latest else None, "health": h.state,
            "stale": kpi_is_stale(k, org.running_period(), org.today, org.settings.stale_after_days),
            "key_results": krs,
            "values": [{"date": r.date.isoformat(), "kpi": k.key, "value": as_written(r.value), "note": r.note,
                        "source": r.log.rel} for r in k.readings]}


def kpi_records(org: Organization) -> list[dict[str, Any]]:
    book = visible_kpis(org)
    krs = {qid for o in org.objectives for qid in (kr.qid for kr in o.key_results)}
    return [_record(k, org, sorted(q for q, key in book.by_kr.items() if key == k.key and q in krs))
            for _, k in sorted(book.items.items())]


def _table(columns: list[str], rows: list[dict[str, Any]], cell) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return buf.getvalue()


def kpi_csv_tables(record: dict[str, Any], cell) -> dict[str, str]:
    kpis = record.get("kpis", [])
    return {"kpis.csv": _table(KPI_COLUMNS, kpis, cell),
            "kpi_values.csv": _table(VALUE_COLUMNS, [v for k in kpis for v in k["values"]], cell)}
