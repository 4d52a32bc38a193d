"""Who may read what (docs/audiences.md): the tiers, an item's effective tier, and the one
filtering step every output goes through.

Tiers are ordered public < internal < confidential. What a file does not say is internal; a key
result not saying is its objective's, a check-in's update its file's and its KR's. An item's
effective tier is the strictest of its own and everything it sits in (the unit chain, the
objective of a KR, the check-in file and the KR of an update), so a child can only be stricter.

A site or an export is made for one audience: `for_audience` returns a copy of the organization
holding only what that audience may read, before scoring, charts, pages, feeds or exports see it.
Consumers take `shown(org)`, which is that copy (for the default audience when none was chosen),
so none of them can forget to filter: an item above the audience is not in the model they read.
"""

from __future__ import annotations

import copy
import gc
from typing import Any

from .organization import (
    CarryForward,
    Change,
    CheckIn,
    Initiative,
    KeyResult,
    LogEntry,
    Objective,
    ObjectiveGrade,
    Organization,
    Retro,
    RetroScore,
    Unit,
)

TIERS = ("public", "internal", "confidential")
DEFAULT = "internal"  # what a file that says nothing is, and the audience of a build that says nothing
ALIASES = {"company": "internal", "private": "confidential"}  # okrsite's words before audiences


def tier(word: str | None) -> str:
    """The tier a written `visibility` means (`company` → internal, `private` → confidential)."""
    if word is None:
        return DEFAULT
    word = ALIASES.get(word, word)
    if word not in TIERS:
        raise ValueError(f"unknown visibility {word!r}: one of {', '.join(TIERS)}")
    return word


def rank(word: str | None) -> int:
    return TIERS.index(tier(word))


class Tiers:
    """Effective tiers (as ranks) of one organization's items, computed once each."""

    def __init__(self) -> None:
        self._memo: dict[int, int] = {}

    def _own(self, thing: Any, compute) -> int:
        key = id(thing)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def unit(self, u: Unit) -> int:
        return self._own(u, lambda: max(rank(x.visibility) for x in [u, *u.ancestors]))

    def objective(self, o: Objective) -> int:
        return self._own(o, lambda: max(rank(o.visibility), self.unit(o.unit)))

    def key_result(self, kr: KeyResult) -> int:
        parent = self.objective(kr.objective)
        return self._own(kr, lambda: parent if kr.visibility is None else max(rank(kr.visibility), parent))

    def log(self, log: LogEntry) -> int:
        return self._own(log, lambda: max(rank(log.visibility), self.unit(log.unit)))

    def check_in(self, c: CheckIn) -> int:
        parent = max(self.log(c.log), self.key_result(c.key_result))
        return self._own(c, lambda: parent if c.visibility is None else max(rank(c.visibility), parent))

    def retro(self, r: Retro) -> int:
        return self._own(r, lambda: max(rank(r.visibility), self.unit(r.unit)))

    def change(self, ch: Change) -> int:
        """A change goes with its check-in file and with what it changes (a KR no longer in its
        file: with the file alone)."""
        target = ch.target
        of_target = 0 if target is None else (self.key_result(target) if isinstance(target, KeyResult)
                                              else self.objective(target))
        return max(self.log(ch.log), of_target)


def shown(org: Organization) -> Organization:
    """What outputs are made from: `org` when it is already an audience's view, else the default
    audience's view (kept on `org`, so every consumer of one organization shares the same objects)."""
    return org if org.audience is not None else for_audience(org, DEFAULT)


def published(org: Organization) -> tuple[list[Unit], list[Objective]]:
    """The units and objectives of `shown(org)`."""
    view = shown(org)
    return list(view.units.values()), list(view.objectives)


def for_audience(org: Organization, audience: str) -> Organization:
    """The organization as `audience` may read it: a copy without anything above it. Check-ins keep
    only the updates and changes the audience may read; retrospectives only their results of
    visible KRs and objectives; an official score written over hidden items is left out (the
    visible items' mean is shown instead); ids of hidden units leave owner and member lists."""
    limit = rank(audience)
    word = TIERS[limit]
    if org.audience == word:
        return org
    if org.audience is not None and rank(org.audience) < limit:
        raise ValueError(f"a view for {org.audience} cannot be widened to {word}")
    if word not in org.views:  # (a view for a wider audience is narrowed like the whole organization)
        # copying a large graph triggers full collections that walk all of it (4x the time on 1,000
        # units); collection resumes afterwards, when the copies are all linked
        paused = gc.isenabled()
        gc.disable()
        try:
            org.views[word] = _Restriction(org, limit).view(word)
        finally:
            if paused:
                gc.enable()
    return org.views[word]


class _Restriction:
    """Copies the visible items of an organization and links the copies to each other only."""

    def __init__(self, org: Organization, limit: int) -> None:
        self.org, self.limit, self.tiers = org, limit, Tiers()
        self.new: dict[int, Any] = {}  # id(original) -> its copy, for every visible item
        self.original: dict[int, Any] = {}  # id(copy) -> what it copies
        self.hidden_units = {uid for uid, u in org.units.items() if self.tiers.unit(u) > limit}
        self.by_unit_period: dict[tuple[int, str], list[Objective]] = {}  # what official scores cover
        for o in org.objectives:
            self.by_unit_period.setdefault((id(o.unit), o.period.id), []).append(o)

    def _keep(self, thing: Any, effective: int) -> bool:
        if effective > self.limit:
            return False
        self.new[id(thing)] = twin = copy.copy(thing)
        self.original[id(twin)] = thing
        return True

    def m(self, thing: Any) -> Any:
        return None if thing is None else self.new.get(id(thing))

    def ms(self, things: list) -> list:
        return [self.new[id(t)] for t in things if id(t) in self.new]

    def ids(self, written: list[str]) -> list[str]:
        return [x for x in written if x not in self.hidden_units]

    # --- which items stay ------------------------------------------------------------------------
    def _select(self) -> None:
        t, org = self.tiers, self.org
        for u in org.units.values():
            self._keep(u, t.unit(u))
        for o in [*org.objectives, *org.dropped_objectives]:
            if not self._keep(o, t.objective(o)):
                continue
            for kr in [*o.key_results, *o.dropped_key_results]:
                self._keep(kr, t.key_result(kr))
            for ini in o.initiatives:
                if not ini.key_results or any(id(k) in self.new for k in ini.key_results):
                    self._keep(ini, 0)
        for log in org.logs:
            if self._keep(log, t.log(log)):
                for c in log.check_ins:
                    self._keep(c, t.check_in(c))
                for ch in log.changes:
                    self._keep(ch, t.change(ch))
        for r in org.retros:
            self._keep(r, t.retro(r))

    # --- linking the copies ------------------------------------------------------------------------
    def view(self, word: str) -> Organization:
        self._select()
        org = self.org
        out = copy.copy(org)
        out.audience, out.views, out.diagnostics = word, {}, []
        out.units = {uid: self.new[id(u)] for uid, u in org.units.items() if id(u) in self.new}
        for u in out.units.values():
            self._unit(u)
        out.root = self.m(org.root)
        out.objectives = [self._objective(self.new[id(o)]) for o in org.objectives if id(o) in self.new]
        out.dropped_objectives = [self._objective(self.new[id(o)]) for o in org.dropped_objectives if id(o) in self.new]
        out.logs = [self._log(self.new[id(x)]) for x in org.logs if id(x) in self.new]
        out.retros = [self._retro(self.new[id(r)]) for r in org.retros if id(r) in self.new]
        with_content = {o.period.id for o in [*out.objectives, *out.dropped_objectives]}
        with_content |= {x.period.id for x in [*out.logs, *out.retros]}
        out.periods = {pid: p for pid, p in org.periods.items() if pid in with_content}
        out.unreadable_units = {u for u in org.unreadable_units if u not in self.hidden_units}
        return out

    def _unit(self, u: Unit) -> None:
        u.parent, u.children = self.m(u.parent), self.ms(u.children)
        u.owners, u.members = self.ids(u.owners), self.ids(u.members)

    def _owners(self, thing: Any) -> None:
        thing.owners = self.ids(thing.owners)
        thing.owner = thing.owner if thing.owner in thing.owners else (thing.owners[0] if thing.owners else None)

    def _aligned(self, thing: Objective | KeyResult) -> None:
        if thing.aligns_to is not None and self.m(thing.aligns_to) is None:
            thing.aligns_ref = None  # what it aligns to is hidden: here it aligns to nothing
        thing.aligns_to, thing.also_aligns_to = self.m(thing.aligns_to), self.ms(thing.also_aligns_to)
        # the written references name hidden items too; nothing after resolving reads more than the first
        thing.aligns_refs = [thing.aligns_ref] if thing.aligns_ref is not None else []
        thing.contributors, thing.changes = self.ms(thing.contributors), self.ms(thing.changes)
        self._owners(thing)

    def _objective(self, o: Objective) -> Objective:
        o.unit = self.new[id(o.unit)]
        o.key_results, o.dropped_key_results = self.ms(o.key_results), self.ms(o.dropped_key_results)
        o.initiatives = self.ms(o.initiatives)
        self._aligned(o)
        for i, kr in enumerate(o.key_results):
            self._key_result(kr, o, i)
        for kr in o.dropped_key_results:
            self._key_result(kr, o, kr.index)
        hidden = {k.id for k in self.original[id(o)].key_results if id(k) not in self.new}
        for i, ini in enumerate(o.initiatives):
            self._initiative(ini, o, i, hidden)
        return o

    def _key_result(self, kr: KeyResult, obj: Objective, index: int) -> None:
        kr.objective, kr.index = obj, index  # its position among the KRs the audience sees
        self._aligned(kr)
        kr.check_ins, kr.grades = self.ms(kr.check_ins), self.ms(kr.grades)
        kr.initiatives = self.ms(kr.initiatives)

    def _initiative(self, ini: Initiative, obj: Objective, index: int, hidden: set[str]) -> None:
        ini.objective, ini.index = obj, index
        ini.key_results = self.ms(ini.key_results)
        ini.key_result_ids = [k for k in ini.key_result_ids if k not in hidden]
        self._owners(ini)

    def _log(self, log: LogEntry) -> LogEntry:
        log.unit = self.new[id(log.unit)]
        log.check_ins, log.changes = self.ms(log.check_ins), self.ms(log.changes)
        for c in log.check_ins:
            c.key_result, c.log = self.new[id(c.key_result)], log
        for ch in log.changes:
            ch.log, ch.target = log, self.m(ch.target)
        if log.author in self.hidden_units:
            log.author = ""
        return log

    def _retro(self, r: Retro) -> Retro:
        if not self._unit_whole(self.original[id(r)]):
            r.unit_score = r.unit_score_reason = None
        r.unit = self.new[id(r.unit)]
        r.scores = {q: RetroScore(self.new[id(s.key_result)], s.score, s.reason, s.status)
                    for q, s in r.scores.items() if id(s.key_result) in self.new}
        r.objective_scores = {q: ObjectiveGrade(self.new[id(g.objective)], g.score, g.reason)
                              for q, g in r.objective_scores.items()
                              if id(g.objective) in self.new and self._whole(g.objective)}
        r.carry_forward = [CarryForward(c.ref, c.action, c.note, self.m(c.target)) for c in r.carry_forward
                           if self.m(c.target) is not None]
        return r

    def _whole(self, obj: Objective) -> bool:
        """Whether the audience sees every KR an objective's grade as a whole was given over."""
        return all(id(k) in self.new for k in [*obj.key_results, *obj.dropped_key_results])

    def _unit_whole(self, r: Retro) -> bool:
        """Whether the audience sees every objective (and KR) a unit's official score was given over."""
        scored = self.by_unit_period.get((id(r.unit), r.period.id), [])
        return all(id(o) in self.new and self._whole(o) for o in scored)
