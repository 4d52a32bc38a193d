"""`okrsite export`: the model as JSON and CSV for BI tools, and the chart files for wikis,
without building the site. Numbers come from scoring/progress.py, like everything on the site;
what is published from model/visibility.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from ..model.organization import KeyResult, LogEntry, Objective, Organization, Retro, Unit
from ..model.visibility import shown as audience_view
from ..scoring.progress import KRProgress, ObjectiveProgress, objective_progress
from ..scoring.rounding import shown_score
from ..text.dates import period_label
from ..text.inline import inline_plain
from ..text.numbers import as_written
from .folder import export_into
from .kpi_data import kpi_csv_tables, kpi_records


def _qid(thing: Any) -> str | None:
    return thing.qid if thing is not None and hasattr(thing, "qid") else None


def _value(v: Any) -> Any:
    return as_written(v)


def _priority(rank: int | None) -> str | None:
    return None if rank is None else f"P{rank}"


def kr_record(kr: KeyResult, p: KRProgress) -> dict[str, Any]:
    return {
        "id": kr.id, "qid": kr.qid, "title": inline_plain(kr.title), "title_markdown": kr.title, "kind": kr.kind,
        "baseline": _value(kr.baseline), "target": _value(kr.target), "unit": kr.unit_label,
        "direction": kr.direction, "commit": _value(kr.commit), "stretch": _value(kr.stretch),
        "min": _value(kr.min), "max": _value(kr.max),
        "steps": [{"id": s.id, "title": inline_plain(s.title), "title_markdown": s.title, "weight": _value(s.weight),
                   "due": s.due.isoformat() if s.due else None} for s in kr.steps],
        "weight": _value(kr.weight), "owner": kr.owner, "owners": kr.owners, "priority": _priority(kr.priority),
        "due": kr.due.isoformat() if kr.due else None,
        "aligns_to": _qid(kr.aligns_to), "also_aligns_to": [_qid(t) for t in kr.also_aligns_to],
        "current": _value(p.current), "progress": p.progress, "score": p.score,
        "score_shown": None if p.score is None else float(shown_score(p.score)),
        "score_source": p.result.source if p.result else None, "unscored": p.unscored,
        "result": p.result.word if p.result else None, "projection": p.projection,
        "score_overridden": p.score_overridden, "expected": p.expected, "status": p.status.value,
        "confidence": p.confidence, "stale": p.stale,
        "last_check_in": p.last_check_in.date.isoformat() if p.last_check_in else None,
    }


def objective_record(obj: Objective, p: ObjectiveProgress) -> dict[str, Any]:
    return {
        "id": obj.qid, "period": obj.period.id, "unit": obj.unit.id, "slug": obj.slug,
        "title": inline_plain(obj.title), "title_markdown": obj.title,
        "owner": obj.owner, "owners": obj.owners, "priority": _priority(obj.priority), "order": obj.order,
        "type": obj.type, "aligns_to": _qid(obj.aligns_to), "also_aligns_to": [_qid(t) for t in obj.also_aligns_to],
        "tags": obj.tags,
        "progress": p.progress, "score": p.score,
        "score_shown": None if p.score is None else float(shown_score(p.score)),
        "score_source": "objective" if p.graded_whole else ("mean" if p.score is not None else None),
        "unscored_key_results": p.unscored, "expected": p.expected, "status": p.status.value,
        "stale": p.stale, "source": obj.rel,
        "key_results": [kr_record(kp.key_result, kp) for kp in p.key_results],
        "initiatives": [{"title": inline_plain(i.title), "title_markdown": i.title, "key_results": i.key_result_ids,
                         "status": i.status, "owner": i.owner, "owners": i.owners, "link": i.link} for i in obj.initiatives],
    }


def data(source: Organization | Any, lang: str | None = None) -> dict[str, Any]:
    """Everything published, as plain JSON-ready data (`source`: the organization, or anything
    holding it as `org`, such as the site view; `lang`: of the period labels)."""
    org: Organization = audience_view(getattr(source, "org", source))  # what the audience may read (model/visibility.py)
    lang = lang or getattr(source, "lang", None) or org.settings.language
    units, objectives = list(org.units.values()), org.objectives
    shown = {u.id for u in units}
    visible = {id(o) for o in objectives}
    logs = sorted((log for log in org.logs if log.unit.id in shown), key=lambda e: (e.date, e.rel))
    periods = sorted({o.period for o in objectives} | set(org.periods.values()))
    current = org.current_period()
    fy = org.settings.periods.fiscal_year_start_month
    return {
        "today": org.today.isoformat(),
        "audience": org.audience,  # who may read this export (docs/audiences.md)
        "current_period": current.id if current else None,
        "units": [_unit_record(u) for u in sorted(units, key=lambda u: u.id)],
        "periods": [{"id": p.id, "start": p.start.isoformat(), "end": p.end.isoformat(),
                     "label": period_label(p, lang, fy), "state": p.state(org.today)} for p in periods],
        "objectives": [objective_record(o, objective_progress(o, org)) for o in sorted(objectives, key=lambda o: o.qid)],
        "check_ins": [{"date": c.date.isoformat(), "period": log.period.id, "unit": log.unit.id, "author": log.author,
                       "key_result": c.key_result.qid, "value": _value(c.value), "confidence": c.confidence,
                       "note": c.note, "source": log.rel}
                      for log in logs for c in log.check_ins if id(c.key_result.objective) in visible],
        "logs": [_log_record(log) for log in logs],
        "retros": [_retro_record(r) for r in org.retros if r.unit.id in shown],
        "kpis": kpi_records(org),  # docs/kpis.md (export/kpi_data.py)
    }


def _unit_record(u: Unit) -> dict[str, Any]:
    return {"id": u.id, "name": u.name, "kind": u.kind, "parent": u.parent_id, "owners": u.owners,
            "members": u.members, "role": u.role, "tags": u.tags}


def _log_record(log: LogEntry) -> dict[str, Any]:
    return {"date": log.date.isoformat(), "period": log.period.id, "unit": log.unit.id, "author": log.author,
            "wins": log.wins, "learnings": log.sections.get("learnings", []),
            "blockers": log.sections.get("blockers", []), "next_steps": log.sections.get("next_steps", []),
            "changes": [{"ref": ch.ref, "target": _qid(ch.target), "action": ch.action, "field": ch.field,
                         "from": _value(ch.old), "to": _value(ch.new), "reason": ch.reason} for ch in log.changes],
            "tags": log.tags, "source": log.rel}


def _retro_record(r: Retro) -> dict[str, Any]:
    return {"period": r.period.id, "unit": r.unit.id, "status": r.status,
            "scores": {qid: {"score": s.score, "reason": s.reason} for qid, s in r.scores.items()},
            "went_well": r.went_well, "to_improve": r.to_improve, "learnings": r.learnings,
            "carry_forward": [{"ref": c.ref, "action": c.action, "note": c.note, "target": _qid(c.target)}
                              for c in r.carry_forward], "source": r.rel}


CSV_TABLES = {
    "objectives.csv": ["id", "period", "unit", "title", "owner", "type", "aligns_to", "progress", "score",
                       "expected", "status", "stale", "owners", "priority"],
    "key_results.csv": ["qid", "title", "kind", "baseline", "target", "unit", "direction", "current", "progress",
                        "score", "score_overridden", "expected", "status", "confidence", "stale", "last_check_in",
                        "owner", "due", "weight", "owners", "priority"],
    "check_ins.csv": ["date", "period", "unit", "key_result", "value", "confidence", "author", "note"],
    "units.csv": ["id", "name", "kind", "parent", "role"],
}


def _cell(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return v


def csv_tables(record: dict[str, Any]) -> dict[str, str]:
    rows = {
        "objectives.csv": record["objectives"],
        "key_results.csv": [kr for o in record["objectives"] for kr in o["key_results"]],
        "check_ins.csv": record["check_ins"],
        "units.csv": record["units"],
    }
    out = {}
    for name, columns in CSV_TABLES.items():
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for row in rows[name]:
            writer.writerow([_cell(row.get(c)) for c in columns])
        out[name] = buf.getvalue()
    out.update(kpi_csv_tables(record, _cell))  # kpis.csv, kpi_values.csv (export/kpi_data.py)
    return out


def data_files(org: Organization, lang: str | None = None) -> dict[str, str]:
    """okrs.json and the CSV tables, by file name."""
    record = data(org, lang)
    files = {"okrs.json": json.dumps(record, ensure_ascii=False, indent=1) + "\n"}
    for name, text in csv_tables(record).items():
        # UTF-8 with a BOM: Excel, which many BI hand-offs go through, then reads Japanese correctly
        files[name] = "\ufeff" + text
    return files


def write_data(org: Organization, out: Path, lang: str | None = None) -> list[Path]:
    """Write data_files into `out` (export/folder.py says which folders may be written)."""
    return [out / rel for rel in export_into(out, data_files(org, lang))]


def write_files(files: dict[str, bytes], out: Path) -> int:
    return len(export_into(out, files))


def today_or(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()
