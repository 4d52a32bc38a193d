"""`okrsite new period NEXT`: carry what the retrospectives mark `continue` into the next period."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.organization import CheckIn, KeyResult, Objective, Organization, Retro
from ..model.periods import Period
from ..resolve.kinds import NUMERIC
from ..resolve.pipeline import load_organization
from ..scoring.brackets import commit_fits, stretch_fits
from ..scoring.pace import check_ins_until
from ..source.paths import objective_path
from .common import Outcome, PeriodError, parse_period, previous_period, write_new
from .text import _t
from .yamlout import _comment, _document, _entry, _item, _num, _show, _yaml


@dataclass
class _Carry:
    """One objective to write into the next period, and which of its key results go with it."""

    objective: Objective
    retro: Retro
    whole: bool = False  # the objective itself is marked continue
    key_results: list[KeyResult] = field(default_factory=list)  # in the objective's order
    notes: list[str] = field(default_factory=list)  # the retrospective's notes on the objective
    kr_notes: dict[str, str] = field(default_factory=dict)  # KR id -> note, for KRs marked continue


def start_period(root: Path, next_id: str, from_id: str | None, today: dt.date) -> Outcome:
    """Copy what the retrospectives of FROM mark `continue` into NEXT, modifying nothing of FROM."""
    root = Path(root)
    org = load_organization(root, today)
    nxt = parse_period(org.scheme, next_id, "NEXT")
    if from_id is None:
        old = previous_period(org.scheme, nxt)
        if old is None:
            raise PeriodError(f"no period comes before {nxt.id}; name one with --from")
    else:
        old = parse_period(org.scheme, from_id, "--from")
    if old.start >= nxt.start:
        raise PeriodError(f"--from {old.id} does not come before {nxt.id}")
    out = Outcome(org, root)
    if out.failed:
        return out
    if today <= old.end:
        out.warnings.append(f"{old.id} has not ended yet (it ends on {old.end}): baselines are the last values "
                            f"as of {today}")
    lang = org.settings.language
    plan = _plan(org, old, out)

    existing = {(o.unit.id, o.slug): {kr.id for kr in o.key_results}
                for o in org.objectives if o.period.id == nxt.id}
    to_write = _writable(plan, org, root, nxt, existing, out)
    present = dict(existing)  # what NEXT will hold: objectives already there, and those written now
    for carry in to_write:
        present[(carry.objective.unit.id, carry.objective.slug)] = {kr.id for kr in carry.key_results}

    files = {objective_path(nxt.id, c.objective.unit.id, c.objective.slug): carried_objective(c, org, old, nxt, present, lang)
             for c in to_write}
    write_new(out, files)  # all or nothing, never over a file (even one written meanwhile)
    return out


def _writable(plan: list[_Carry], org: Organization, root: Path, nxt: Period,
              existing: dict[tuple[str, str], set[str]], out: Outcome) -> list[_Carry]:
    """The carries that can be written: not in NEXT already, with key results whose ids are free there."""
    next_kr_ids = {(o.unit.id, kr.id): o.slug for o in org.objectives if o.period.id == nxt.id
                   for kr in o.key_results}
    to_write: list[_Carry] = []
    for carry in plan:
        obj = carry.objective
        rel = objective_path(nxt.id, obj.unit.id, obj.slug)
        if os.path.lexists(root / rel) or (obj.unit.id, obj.slug) in existing:
            out.skipped.append((rel, f"exists already in {nxt.id}"))
            continue
        kept = []
        for kr in carry.key_results:
            clash = next_kr_ids.get((obj.unit.id, kr.id))
            if clash is not None:
                out.skipped.append((f"{obj.unit.id}/{obj.slug}/{kr.id}",
                                    f"{nxt.id}/{obj.unit.id}/{clash} has a key result `{kr.id}` already"))
            else:
                kept.append(kr)
        carry.key_results = kept
        if not kept:
            out.skipped.append((rel, "none of its key results is left to carry"))
            continue
        to_write.append(carry)
    return to_write


def _plan(org: Organization, old: Period, out: Outcome) -> list[_Carry]:
    """Objectives and key results of `old` that the retrospectives mark continue."""
    retros = sorted((r for r in org.retros if r.period.id == old.id), key=lambda r: r.unit.id)
    with_objectives = sorted({o.unit.id for o in org.objectives if o.period.id == old.id})
    without = [u for u in with_objectives if not any(r.unit.id == u for r in retros)]
    if without:
        out.notes.append(f"no retrospective in {old.id} for {', '.join(without)}: nothing of theirs is carried")
    plan: list[_Carry] = []
    for retro in retros:
        if retro.status == "draft":
            out.warnings.append(f"{retro.rel} is still a draft; its carry_forward is used as it stands")
        carries: dict[str, _Carry] = {}  # objective slug -> what is carried of it
        stopped: dict[str, str] = {}  # KR qid -> replace | retire
        for c in retro.carry_forward:
            target = c.target
            if target is None:  # an error of okrsite check; never reached
                continue
            obj = target if isinstance(target, Objective) else target.objective
            name = f"{obj.unit.id}/{obj.slug}" + (f"/{target.id}" if isinstance(target, KeyResult) else "")
            if c.action != "continue":
                out.notes.append(f"{c.action}: {name}" + (f" ({c.note})" if c.note else "")
                                 + (": write its successor in the new period" if c.action == "replace" else ""))
                if isinstance(target, KeyResult):
                    stopped[target.qid] = c.action
                continue
            carry = carries.setdefault(obj.slug, _Carry(obj, retro))
            if isinstance(target, Objective):
                carry.whole = True
                if c.note:
                    carry.notes.append(c.note)
            else:
                carry.kr_notes[target.id] = c.note or ""
        for carry in carries.values():
            obj = carry.objective
            for kr in obj.key_results:
                name = f"{obj.unit.id}/{obj.slug}/{kr.id}"
                if not (carry.whole or kr.id in carry.kr_notes):
                    continue
                if kr.qid in stopped and kr.id not in carry.kr_notes:
                    continue  # its own entry says replace or retire (listed in the notes)
                why = _achieved(kr, org)
                if why:
                    out.skipped.append((name, why))
                    continue
                carry.key_results.append(kr)
            plan.append(carry)
    return sorted(plan, key=lambda c: (c.objective.unit.id, c.objective.slug))


def _last(kr: KeyResult, org: Organization):
    checks = check_ins_until(kr, org.today)
    return checks[-1] if checks else None


def _achieved(kr: KeyResult, org: Organization) -> str:
    """Why a key result is not copied: a boolean already true, a milestones KR with every step done."""
    last = _last(kr, org)
    if last is None:
        return ""
    if kr.kind == "boolean" and last.value == kr.target:
        return f"already achieved in {kr.objective.period.id} (a boolean key result)"
    if kr.kind == "milestones" and kr.steps and {s.id for s in kr.steps} <= set(last.value or []):
        return f"every step was done in {kr.objective.period.id}"
    return ""


def _shift(day: dt.date | None, old: Period, nxt: Period) -> dt.date | None:
    if day is None:
        return None
    return min(nxt.start + (day - old.start), nxt.end)


def _short_ref(target: Objective | KeyResult) -> tuple[str, str, str | None]:
    if isinstance(target, KeyResult):
        return target.objective.unit.id, target.objective.slug, target.id
    return target.unit.id, target.slug, None


def _aligns(item: Objective | KeyResult, present: dict[tuple[str, str], set[str]], old: Period, nxt: Period,
            lang: str) -> list[str]:
    """`aligns_to` in NEXT: the same target's short form when it is there, else a comment saying what it was."""
    target = item.aligns_to
    if target is None:
        return []
    unit, slug, kr = _short_ref(target)
    found = present.get((unit, slug))
    if found is not None and (kr is None or kr in found):
        return [f"aligns_to: {unit}/{slug}" + (f"/{kr}" if kr else "")]
    before = target.qid if _owner(target).period.id != old.id else target.qid.split("/", 1)[1]
    return [_comment(_t("aligns_dropped", lang, period=old.id, ref=before, next=nxt.id))]


def _owner(target: Objective | KeyResult) -> Objective:
    return target.objective if isinstance(target, KeyResult) else target


def _with_comment(key: str, value: Any, comment: str) -> list[str]:
    """`key: value  # comment`, or the comment above the entry when the value spans lines."""
    entry = _entry(key, value)
    return [f"{entry[0]}  {_comment(comment)}"] if len(entry) == 1 else [_comment(comment), *entry]


def _baseline_lines(kr: KeyResult, last: CheckIn | None, old: Period, lang: str) -> list[str]:
    """The new baseline: the last value of OLD, with where it came from in a comment."""
    if last is None:
        if kr.baseline is None:  # "measure the baseline first", still unmeasured
            return [_comment(_t("baseline_unknown", lang, period=old.id))]
        return _with_comment("baseline", _num(kr.baseline), _t("baseline_kept", lang, period=old.id))
    why = _t("baseline_from", lang, period=old.id, day=last.date.isoformat(),
             old=_show(kr.baseline) if kr.baseline is not None else "-")
    if kr.baseline == 0 and last.value != 0 and kr.kind in NUMERIC:  # e.g. 四半期累計: counts restart at 0
        why += _t("from_zero", lang)
    return _with_comment("baseline", _num(last.value), why)


def _unit_label(kr: KeyResult) -> str:
    return "" if kr.kind == "percentage" and kr.unit_label == "%" else kr.unit_label


def _numeric_lines(kr: KeyResult, last: CheckIn | None, old: Period, lang: str) -> list[str]:
    """Baseline, target (unless reached), unit, direction, and commit/stretch if they still bracket it."""
    unit = _unit_label(kr)
    baseline = last.value if last is not None else kr.baseline
    target, direction = kr.target, kr.direction
    reached = (target is not None and baseline is not None and direction is not None
               and (baseline >= target if direction == "increase" else baseline <= target))
    lines = _baseline_lines(kr, last, old, lang)
    if reached:  # baseline == target would be OKR302: no target, so OKR504 asks for a new one
        lines.append(_comment(_t("target_reached", lang, period=old.id, target=_show(target, unit),
                                 last=_show(baseline, unit))))
    elif target is not None:
        lines += _entry("target", _num(target))
    if unit:
        lines += _entry("unit", unit)
    if direction:
        lines += _entry("direction", direction)
    if target is not None and not reached and direction:
        if kr.commit is not None:
            if commit_fits(kr.commit, baseline, target, direction):
                lines += _entry("commit", _num(kr.commit))
            else:
                lines.append(_comment(_t("commit_dropped", lang, commit=_show(kr.commit, unit))))
        if kr.stretch is not None and stretch_fits(kr.stretch, target, direction):
            lines += _entry("stretch", _num(kr.stretch))
    return lines


def _boolean_lines(kr: KeyResult, last: CheckIn | None) -> list[str]:
    """Not achieved (an achieved one is not copied): where it stands, and true as the target."""
    return _entry("baseline", bool(last.value if last is not None else kr.baseline)) + _entry("target", bool(kr.target))


def _threshold_lines(kr: KeyResult, last: CheckIn | None, old: Period, lang: str) -> list[str]:
    lines = _baseline_lines(kr, last, old, lang)
    unit = _unit_label(kr)
    if unit:
        lines += _entry("unit", unit)
    for key, value in (("min", kr.min), ("max", kr.max)):
        if value is not None:
            lines += _entry(key, _num(value))
    return lines


def _milestones_lines(kr: KeyResult, last: CheckIn | None, old: Period, nxt: Period, lang: str) -> list[str]:
    """The steps not done in OLD (the done ones named in a comment), due dates moved to NEXT."""
    done = set(last.value or []) if last is not None else set()
    lines = []
    if done:
        lines.append(_comment(_t("steps_done_before", lang, period=old.id,
                                 ids=", ".join(s.id for s in kr.steps if s.id in done))))
    lines.append("steps:")
    for s in kr.steps:
        if s.id in done:
            continue
        step: dict[str, Any] = {"id": s.id, "title": s.title}
        if s.weight != 1:
            step["weight"] = _num(s.weight)
        if s.due:
            step["due"] = _shift(s.due, old, nxt)
        flow = _yaml(step, flow=True)
        lines += [f"  - {flow}"] if "\n" not in flow else _item(_yaml(step).split("\n"), "  ")
    return lines


def _kr_lines(kr: KeyResult, org: Organization, old: Period, nxt: Period,
              present: dict[tuple[str, str], set[str]], lang: str, note: str | None) -> list[str]:
    """One key result as it starts in NEXT, keys in the order of docs/format.md."""
    lines = _entry("id", kr.id)
    if note:
        lines.append(_comment(_t("retro_note", lang, note=note)))
    lines += _entry("title", kr.title) + _entry("kind", kr.kind)
    last = _last(kr, org)
    if kr.kind in NUMERIC:
        lines += _numeric_lines(kr, last, old, lang)
    elif kr.kind == "boolean":
        lines += _boolean_lines(kr, last)
    elif kr.kind == "threshold":
        lines += _threshold_lines(kr, last, old, lang)
    elif kr.kind == "milestones":
        lines += _milestones_lines(kr, last, old, nxt, lang)
    if kr.weight != 1:
        lines += _entry("weight", _num(kr.weight))
    lines += _owner_entry(kr.owners)
    if kr.priority is not None:
        lines += _entry("priority", f"P{kr.priority}")
    if kr.due:
        lines += _entry("due", _shift(kr.due, old, nxt))
    lines += _aligns(kr, present, old, nxt, lang)
    if kr.measurement:
        lines += _entry("measurement", kr.measurement)
    if kr.visibility is not None:  # a confidential KR stays confidential (docs/audiences.md)
        lines += _entry("visibility", kr.visibility)
    return lines


def _owner_entry(owners: list[str]) -> list[str]:
    """`owner: x`, or the list of co-owners; nothing without an owner."""
    if len(owners) > 1:
        return _entry("owner", owners, flow=True)
    return _entry("owner", owners[0]) if owners else []


def carried_objective(carry: _Carry, org: Organization, old: Period, nxt: Period,
                      present: dict[tuple[str, str], set[str]], lang: str) -> str:
    """The objective file in NEXT: what the team carries, ready to be reviewed in a pull request."""
    obj = carry.objective
    front = [_comment(_t("carried_head", lang, old=obj.qid, retro=carry.retro.rel, today=org.today.isoformat()))]
    front += [_comment(_t("retro_note", lang, note=n)) for n in carry.notes]
    front += _entry("title", obj.title) + _owner_entry(obj.owners) + _entry("type", obj.type)
    if obj.priority is not None:
        front += _entry("priority", f"P{obj.priority}")
    front += _aligns(obj, present, old, nxt, lang)
    if obj.visibility is not None:  # as written (docs/audiences.md)
        front += _entry("visibility", obj.visibility)
    if obj.tags:
        front += _entry("tags", obj.tags, flow=True)
    front.append("key_results:")
    ids = {kr.id for kr in carry.key_results}
    for kr in carry.key_results:
        front += _item(_kr_lines(kr, org, old, nxt, present, lang, carry.kr_notes.get(kr.id)), "  ")
    initiatives = []
    for ini in obj.initiatives:
        served = [k for k in ini.key_result_ids if k in ids]
        if ini.status in ("planned", "in-progress") and served:
            lines = _entry("title", ini.title) + _entry("key_results", served, flow=True)
            lines += _entry("status", ini.status)
            lines += _owner_entry(ini.owners)
            if ini.link:
                lines += _entry("link", ini.link)
            initiatives.append(lines)
    if initiatives:
        front.append("initiatives:")
        for lines in initiatives:
            front += _item(lines, "  ")
    body = _t("carried_body", lang, period=old.id, old=obj.qid)
    if obj.body:
        body += "\n\n" + obj.body
    return _document(front, body)
