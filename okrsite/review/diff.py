"""What a change does to the OKRs: the typed result `okrsite diff` renders as a pull-request comment.

Both sides are loaded with `load_organization` and judged by scoring/ on the same day, so a value,
a progress or a status in the comment is exactly what the site will show after the merge.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics.diagnostic import Diagnostic
from ..model.organization import CheckIn, KeyResult, Objective, Organization
from ..model.visibility import for_audience
from ..scoring.attention import TARGET_FIELDS  # what a KR aims at: one list for diff and the dashboard
from ..scoring.progress import KRProgress, kr_progress, objective_progress
from ..scoring.rounding import shown_score
from ..text.numbers import file_number
from .kpi_review import KpiUpdate, kpi_updates

MARKER = "<!-- okrsite-diff -->"  # a workflow finds its one comment by this line and updates it


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ItemChange:
    """An objective or key result added, removed or edited (with the fields that changed)."""

    kind: str  # objective | key_result
    action: str  # added | removed | edited
    qid: str
    title: str
    file: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class KRState:
    value: Any
    progress: float | None
    status: str
    score: float | None


@dataclass(frozen=True)
class CheckInUpdate:
    """A KR whose check-ins the change adds or edits: its state before and after."""

    qid: str
    title: str
    file: str | None  # the newest check-in file of the change that updates it
    old: KRState | None  # None: the KR is new
    new: KRState
    kr: KeyResult = field(compare=False, repr=False)  # the head's KR, to format its values


@dataclass(frozen=True)
class TargetChange:
    """A KR's target changed after its period started, with the change record that explains it."""

    qid: str
    title: str
    field: str
    old: Any
    new: Any
    reason: str | None  # None: no change record says why
    reason_recorded: bool  # False for `reason: unrecorded` and for no record
    record: str | None  # the check-in file holding the change record
    kr: KeyResult = field(compare=False, repr=False)


@dataclass(frozen=True)
class ScoreChange:
    kind: str  # objective | key_result
    qid: str
    title: str
    old: float | None
    new: float | None


@dataclass(frozen=True)
class Problem:
    code: str
    severity: str
    message: str
    file: str
    line: int
    column: int

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes a problem the same on both sides: lines move when a file is edited."""
        return (self.code, self.file, self.message)


@dataclass(frozen=True)
class OrgDiff:
    base: str
    head: str
    prefix: str  # the content directory relative to the repository root ("content/")
    lang: str
    today: dt.date
    items: tuple[ItemChange, ...]
    check_ins: tuple[CheckInUpdate, ...]
    targets: tuple[TargetChange, ...]
    scores: tuple[ScoreChange, ...]
    problems: tuple[Problem, ...]  # introduced by the change
    fixed: int  # problems of the base that the change removes
    kpis: tuple[KpiUpdate, ...] = ()  # KPI values the change adds or edits (kpi_review.py)

    @property
    def empty(self) -> bool:
        return not (self.items or self.check_ins or self.targets or self.scores or self.problems or self.fixed
                    or self.kpis)


def plain(value: Any) -> Any:
    """A value as JSON writes it and as a person wrote it: 63.0 as 63, dates as ISO text, tuples as lists."""
    if isinstance(value, float):
        return file_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


# --- objectives and key results --------------------------------------------------------------

def _objective_fields(o: Objective) -> dict[str, Any]:
    return {"title": o.title, "owners": o.owners, "type": o.type, "aligns_to": o.aligns_refs,
            "visibility": o.visibility, "tags": o.tags, "priority": o.priority, "order": o.order,
            "initiatives": [f"{i.title} ({i.status})" for i in o.initiatives], "body": o.body.strip()}


def _kr_fields(kr: KeyResult) -> dict[str, Any]:
    return {"title": kr.title, "kind": kr.kind, "baseline": kr.baseline, "target": kr.target,
            "unit": kr.unit_label, "direction": kr.direction, "commit": kr.commit, "stretch": kr.stretch,
            "min": kr.min, "max": kr.max, "steps": [s.id for s in kr.steps], "weight": kr.weight,
            "owners": kr.owners, "due": kr.due, "aligns_to": kr.aligns_refs, "measurement": kr.measurement,
            "priority": kr.priority, "scoring": [list(r) for r in kr.scoring]}


def _field_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(k, plain(old[k]), plain(new[k])) for k in old if plain(old[k]) != plain(new[k]))


def _by_qid(things: list) -> dict[str, Any]:
    return {t.qid: t for t in things}


def _item_changes(base: Organization, head: Organization) -> list[ItemChange]:
    out: list[ItemChange] = []
    for kind, old, new, fields in (("objective", _by_qid(base.objectives), _by_qid(head.objectives), _objective_fields),
                                   ("key_result", _by_qid(base.key_results()), _by_qid(head.key_results()), _kr_fields)):
        for qid, thing in new.items():
            if qid not in old:
                out.append(ItemChange(kind, "added", qid, thing.title, _rel(thing)))
            elif changed := _field_changes(fields(old[qid]), fields(thing)):
                out.append(ItemChange(kind, "edited", qid, thing.title, _rel(thing), changed))
        out += [ItemChange(kind, "removed", qid, t.title, _rel(t)) for qid, t in old.items() if qid not in new]
    return out


def _rel(thing: Objective | KeyResult) -> str:
    return (thing.objective if isinstance(thing, KeyResult) else thing).rel


# --- check-ins -------------------------------------------------------------------------------

def _signature(c: CheckIn) -> str:
    """What a check-in says, comparable across the two sides (its file and every value in it)."""
    return json.dumps([c.log.rel, plain(c.value), c.confidence, c.grade, c.projection, c.note], ensure_ascii=False)


def _check_ins(kr: KeyResult) -> list[CheckIn]:
    return kr.check_ins + [c for c in kr.grades if c not in kr.check_ins]


def _state(p: KRProgress) -> KRState:
    return KRState(plain(p.current), p.progress, p.status.value, p.score)


def _check_in_updates(base: Organization, head: Organization) -> list[CheckInUpdate]:
    old_krs = _by_qid(base.key_results())
    out = []
    for kr in head.key_results():
        before = old_krs.get(kr.qid)
        old_sigs = Counter(_signature(c) for c in _check_ins(before)) if before else Counter()
        new = [c for c in _check_ins(kr) if _signature(c) not in old_sigs]
        if not new and (before is None or Counter(_signature(c) for c in _check_ins(kr)) == old_sigs):
            continue
        latest = max(new, key=lambda c: (c.date, c.log.rel)).log.rel if new else None
        old_state = _state(kr_progress(before, base)) if before else None
        out.append(CheckInUpdate(kr.qid, kr.title, latest, old_state, _state(kr_progress(kr, head)), kr))
    return out


# --- targets changed mid-period --------------------------------------------------------------

def _record(kr: KeyResult, name: str, value: Any):
    """The change record that explains the KR's `name` now being `value` (the newest that does)."""
    records = [c for c in kr.changes if c.action == "changed" and c.field == name]
    fitting = [c for c in records if plain(c.new) == plain(value)] or records
    return max(fitting, key=lambda c: (c.date, c.log.rel)) if fitting else None


def _target_changes(base: Organization, head: Organization) -> list[TargetChange]:
    old_krs = _by_qid(base.key_results())
    out = []
    for kr in head.key_results():
        before = old_krs.get(kr.qid)
        if before is None or kr.objective.period.start > head.today:
            continue  # a new KR, or a plan still being written before its period starts
        for name in TARGET_FIELDS:
            old, new = plain(getattr(before, name)), plain(getattr(kr, name))
            if old == new:
                continue
            rec = _record(kr, name, new)
            out.append(TargetChange(kr.qid, kr.title, name, old, new, rec.reason if rec else None,
                                    bool(rec and rec.reason_recorded), rec.log.rel if rec else None, kr))
    return out


# --- grades and scores -----------------------------------------------------------------------

def _shown(score: float | None) -> float | None:
    return None if score is None else shown_score(score)


def _score_changes(base: Organization, head: Organization) -> list[ScoreChange]:
    out = []
    old_objs = _by_qid(base.objectives)
    for obj in head.objectives:
        before = old_objs.get(obj.qid)
        if before is None:
            continue
        old_p, new_p = objective_progress(before, base), objective_progress(obj, head)
        if _shown(old_p.score) != _shown(new_p.score):
            out.append(ScoreChange("objective", obj.qid, obj.title, old_p.score, new_p.score))
        old_krs = {p.key_result.qid: p for p in old_p.key_results}
        for p in new_p.key_results:
            q = old_krs.get(p.key_result.qid)
            if q is not None and _shown(q.score) != _shown(p.score):
                out.append(ScoreChange("key_result", p.key_result.qid, p.key_result.title, q.score, p.score))
    return out


# --- problems --------------------------------------------------------------------------------

def _problem(d: Diagnostic, root: Path) -> Problem:
    path = Path(d.location.path)
    try:
        rel = (Path.cwd() / path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = d.location.path
    return Problem(d.code, d.severity.value, d.message, rel, d.location.line, d.location.column)


def new_problems(base: list[Problem], head: list[Problem]) -> tuple[list[Problem], int]:
    """The head's problems that the base did not have (by code, file and message, counting
    repeats), and how many of the base's are gone."""
    left = Counter(p.key for p in base)
    introduced = []
    for p in head:
        if left[p.key]:
            left[p.key] -= 1
        else:
            introduced.append(p)
    return introduced, sum(left.values())


def _hidden(org: Organization, view: Organization) -> tuple[set[str], set[str]]:
    """The files of `org` that `view` leaves out, and the ids and titles of its hidden objectives and
    key results (what a problem's message may name)."""
    def files(o: Organization) -> set[str]:
        return {x.rel for x in [*o.units.values(), *o.objectives, *o.dropped_objectives, *o.logs, *o.retros]}

    shown = {o.rel for o in [*view.objectives, *view.dropped_objectives]}
    shown_krs = {kr.qid for o in [*view.objectives, *view.dropped_objectives] for kr in o.key_results}
    words: set[str] = set()
    for o in [*org.objectives, *org.dropped_objectives]:
        if o.rel not in shown:
            words |= {o.slug, o.title}
        words |= {w for kr in o.key_results if kr.qid not in shown_krs for w in (kr.id, kr.title)}
    return files(org) - files(view), words


def _for_audience(base: Organization, head: Organization, problems: list[Problem],
                  audience: str) -> tuple[Organization, Organization, list[Problem]]:
    """Both sides as `audience` may read them, and the problems that name nothing hidden from it."""
    base_view, head_view = for_audience(base, audience), for_audience(head, audience)
    files, words = _hidden(head, head_view)
    shown = [p for p in problems if p.file not in files and not any(w and w in p.message for w in words)]
    return base_view, head_view, shown


def compare(base: Organization, head: Organization, *, base_root: Path, head_root: Path, labels: tuple[str, str],
            prefix: str = "", audience: str = "internal") -> OrgDiff:
    """Everything the change from `base` to `head` does, in the order a reviewer reads it, as far as
    `audience` may read it: the OKRs a build for it shows, and the problems in files it sees that
    name nothing hidden from it (docs/audiences.md)."""
    problems, fixed = new_problems([_problem(d, base_root) for d in base.diagnostics],
                                   [_problem(d, head_root) for d in head.diagnostics])
    base, head, problems = _for_audience(base, head, problems, audience)
    return OrgDiff(labels[0], labels[1], prefix, head.settings.language, head.today,
                   tuple(_item_changes(base, head)), tuple(_check_in_updates(base, head)),
                   tuple(_target_changes(base, head)), tuple(_score_changes(base, head)), tuple(problems), fixed,
                   tuple(kpi_updates(base, head)))
