"""OKR-quality lints: the practice the product encodes, as warnings with their own codes.

Focus (2–3 objectives per unit), 2–4 measurable KRs per objective, initiatives tied to
KRs, committed objectives with due dates, regular check-ins. Thresholds come from
okrsite.yml (`lint:`); severities can be raised to errors or turned off per code.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..diagnostics.reporter import Reporter
from ..diagnostics.suggest import close_hint
from ..model.organization import Objective, Organization
from ..scoring.pace import check_ins_until
from ..scoring.staleness import days_since, kr_is_stale
from ..source.paths import checkin_dir, unit_path
from .kinds import NUMERIC

_ONLY_NUMBER = re.compile(r"^[\s\d０-９.,，．%％+\-−()（）]+$")


def lint(org: Organization, r: Reporter) -> None:
    cfg = org.settings.lint
    per_unit: dict[tuple[str, str], list[Objective]] = defaultdict(list)
    for obj in org.objectives:
        per_unit[(obj.period.id, obj.unit.id)].append(obj)
    for (period_id, unit_id), objs in sorted(per_unit.items()):
        if len(objs) > cfg.max_objectives:
            objs = sorted(objs, key=lambda o: o.rel)
            extra = objs[cfg.max_objectives]
            r.add("OKR501", f"{unit_id} has {len(objs)} objectives in {period_id} (focus limit {cfg.max_objectives})",
                  extra.src.loc(("title",)), "keep the 2–3 objectives that matter most; the rest can wait",
                  tuple(o.src.loc(("title",)) for o in objs if o is not extra))
        _unit_period(objs, cfg.max_p0, r)
    for obj in org.objectives:
        if obj.complete:
            _objective(obj, org, r)
    _stale(org, r)
    _people(org, r)
    _changes_applied(org, r)
    _unscored(org, r)


def _unscored(org: Organization, r: Reporter) -> None:
    """OKR514: a KR of a finished period whose unit published a retrospective that gives it no
    result, and that has neither a value nor a grade: it will show as unscored. (A unit without a
    retrospective is not flagged per KR: its period is simply ungraded.)"""
    for obj in org.objectives:
        retro = org.retro_of(obj.unit, obj.period)
        if (retro is None or retro.status != "published" or org.today <= obj.period.end
                or obj.qid in retro.objective_scores or (obj.period.id, obj.unit.id) in org.partly_read_logs):
            continue
        for kr in obj.key_results:
            if kr.qid in retro.scores or kr.check_ins or any(c.grade is not None for c in kr.grades):
                continue
            r.add("OKR514", f"key result `{kr.id}` has no result in the published retrospective, no value and no "
                  "grade: it shows as unscored", obj.src.loc(kr.path + ("id",)),
                  f"write a score in {retro.rel}, or a word such as `{kr.id}: {{status: n/a, reason: …}}`")


# fields of a key result that a change record may name, and the attribute holding each
_CHANGEABLE = {"target": "target", "baseline": "baseline", "commit": "commit", "stretch": "stretch",
               "min": "min", "max": "max", "due": "due", "title": "title", "owner": "owner", "weight": "weight"}


def _changes_applied(org: Organization, r: Reporter) -> None:
    """The latest logged change of a KR's field must be what the objective file now says: a change
    recorded but not applied (or applied differently) leaves readers unsure which value holds."""
    for kr in org.key_results():
        latest = {}
        for ch in sorted(kr.changes, key=lambda c: (c.date, c.log.rel)):
            if ch.action == "changed" and ch.field in _CHANGEABLE and ch.new is not None:
                latest[ch.field] = ch
        for field, ch in latest.items():
            now = getattr(kr, _CHANGEABLE[field])
            same = now == ch.new or (isinstance(now, float) and isinstance(ch.new, int) and now == float(ch.new))
            if not same:
                obj = kr.objective
                r.add("OKR310", f"{ch.log.src.path} changed `{kr.id}`'s {field} to {ch.new}, but "
                      f"{obj.src.path} says {now if now is not None else 'nothing'}",
                      ch.log.src.loc(("changes", ch.log.changes.index(ch), "to")),
                      f"set `{field}: {ch.new}` on the key result, or correct the change record",
                      (obj.src.loc(kr.path + (field,)),))


def _unit_period(objs: list[Objective], max_p0: int, r: Reporter) -> None:
    """OKR512 (too many P0 objectives) and OKR513 (two objectives with the same `order`)."""
    p0 = [o for o in objs if o.priority == 0]
    if len(p0) > max_p0:
        extra = p0[max_p0]
        r.add("OKR512", f"{len(p0)} P0 objectives in {extra.unit.id}'s {extra.period.id} (at most {max_p0})",
              extra.src.loc(("priority",)), "P0 means the rest waits: keep P0 for the one or two that cannot",
              tuple(o.src.loc(("priority",)) for o in p0 if o is not extra))
    by_order: dict[int, Objective] = {}
    for obj in objs:
        if obj.order is None:
            continue
        first = by_order.setdefault(obj.order, obj)
        if first is not obj:
            r.add("OKR513", f"`order: {obj.order}` is also given to `{first.slug}`; both sort by file name",
                  obj.src.loc(("order",)), "give each objective of the unit and period its own order",
                  (first.src.loc(("order",)),))


def _objective(obj: Objective, org: Organization, r: Reporter) -> None:
    cfg = org.settings.lint
    if not obj.owners:
        r.add("OKR511", f"the objective `{obj.slug}` has no owner", obj.src.loc(("title",)),
              "add `owner:` with the person, team or role accountable for it (a list names co-owners)")
    p0 = [kr for kr in obj.key_results if kr.priority == 0]
    if len(p0) > cfg.max_p0:
        r.add("OKR512", f"{len(p0)} P0 key results in `{obj.slug}` (at most {cfg.max_p0})",
              obj.src.loc(p0[cfg.max_p0].path + ("priority",)),
              "P0 means the rest waits: keep P0 for the one or two that cannot")
    n = len(obj.key_results)
    if n < cfg.min_key_results:
        r.add("OKR502", f"only {n} key result{'s' if n != 1 else ''} (at least {cfg.min_key_results} expected)",
              obj.src.loc(("key_results",), key=True), "add a KR that measures another side of the objective")
    if n > cfg.max_key_results:
        r.add("OKR503", f"{n} key results (at most {cfg.max_key_results} keep the focus)",
              obj.src.loc(("key_results",), key=True), "keep the KRs that best show the objective is met")
    if _ONLY_NUMBER.match(obj.title):
        r.add("OKR507", f"the objective `{obj.title}` is only a number", obj.src.loc(("title",)),
              "an objective says, in words, what you want to be true; numbers go into key results")
    # a KR may have a contributor in a file that could not be read, or be what a dangling reference meant
    period_id, unit_id = obj.period.id, obj.unit.id
    unsure_contributors = (any(p == period_id for p, _ in org.partly_read)
                           or not {(period_id, unit_id), (period_id, "*")}.isdisjoint(org.unsure_contributors))
    for kr in obj.key_results:
        if kr.kind in NUMERIC and kr.target is None and not kr.scoring:  # a ladder says what counts
            r.add("OKR504", f"key result `{kr.id}` has no measurable target", obj.src.loc(kr.path + ("id",)),
                  "give it a baseline and a target, or move it to initiatives (it reads like a task)")
        active = [i for i in kr.initiatives if i.status != "dropped"]
        if not active and not kr.contributors and not unsure_contributors:
            what = "only dropped initiatives serve" if kr.initiatives else "no initiative serves"
            r.add("OKR506", f"{what} key result `{kr.id}`", obj.src.loc(kr.path + ("id",)),
                  "add an initiative with `key_results: [" + kr.id + "]`, or align a team OKR to it")
        if obj.type == "committed" and kr.due is None:
            r.add("OKR508", f"key result `{kr.id}` of a committed objective has no due date",
                  obj.src.loc(kr.path + ("id",)), "committed objectives are delivered in full: add `due:`")
    for ini in obj.initiatives:
        if not ini.key_result_ids:
            r.add("OKR505", f"initiative `{ini.title}` serves no key result",
                  obj.src.loc(("initiatives", ini.index)), "list the KRs it moves in `key_results`, or drop it")


def _stale(org: Organization, r: Reporter) -> None:
    """OKR509: a KR of the running period that is stale (scoring/staleness.py)."""
    period = org.running_period()
    if period is None:
        return
    limit = org.settings.stale_after_days
    for obj in org.objectives:
        if obj.period.id != period.id or (period.id, obj.unit.id) in org.partly_read_logs:
            continue  # a check-in file of the unit could not be read: it may hold the missing check-in
        for kr in obj.key_results:
            checks = check_ins_until(kr, org.today)
            last = checks[-1].date if checks else None
            if kr_is_stale(kr, last, checks[-1].value if checks else None, org.today, limit):
                days = days_since(last or period.start, org.today)
                since = f"since {last}" if last else f"since the period started on {period.start}"
                r.add("OKR509", f"key result `{kr.id}` has had no check-in for {days} days ({since})",
                      obj.src.loc(kr.path + ("id",)),
                      f"record a check-in in content/{checkin_dir(period.id, obj.unit.id)} (limit: {limit} days)")


def _people(org: Organization, r: Reporter) -> None:
    """OKR510: owners name a unit (any kind); members, unit owners and authors name a person."""
    people = {u.id for u in org.people()}
    if not people:
        return

    def check(pid: str | None, src, path, what: str, *, any_unit: bool = False) -> None:
        if not pid or pid == "unknown" or pid in people or pid in org.unreadable_units:
            return
        unit = org.units.get(pid)
        if unit is not None and (any_unit or unit.kind not in org.settings.unit_kinds):
            return  # an owner may be a team or role; or its kind is invalid (OKR104): not known
        if unit is None:
            hint = close_hint(pid, list(org.units) if any_unit else people) or (
                f"add content/{unit_path('<id>')} (a person, team or role)" if any_unit
                else f"add content/{unit_path('<person-id>')} with kind: person")
            r.add("OKR510", f"{what} `{pid}` names no unit" if any_unit else f"{what} `{pid}` is not a person unit",
                  src.loc(path), hint)
            return
        hint = f"`{pid}` is a {unit.kind}: an {what} is a person"  # e.g. a team named as an author
        hint += f" (e.g. an owner: {', '.join(unit.owners)})" if unit.owners else ""
        r.add("OKR510", f"{what} `{pid}` is not a person unit", src.loc(path), hint)

    def owners(items: list[str], src, path: tuple) -> None:
        for i, pid in enumerate(items):
            check(pid, src, path if len(items) == 1 else path + (i,), "owner", any_unit=True)

    for unit in org.units.values():
        for i, pid in enumerate(unit.owners):
            check(pid, unit.src, ("owners", i), "owner")
        for i, pid in enumerate(unit.members):
            check(pid, unit.src, ("members", i), "member")
    for obj in org.objectives:
        owners(obj.owners, obj.src, ("owner",))
        for kr in obj.key_results:
            owners(kr.owners, obj.src, kr.path + ("owner",))
        for ini in obj.initiatives:
            owners(ini.owners, obj.src, ("initiatives", ini.index, "owner"))
    for log in org.logs:
        check(log.author, log.src, ("author",), "author")
