"""Resolving what happened during a period: check-ins, mid-period changes and retrospectives.

Works on the structure units.py and objectives.py have built, looks KRs up through
references.py and reports through the same Resolution: dangling KR references, values that do
not fit, conflicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from ..diagnostics.diagnostic import Location
from ..diagnostics.suggest import close_hint
from ..model.organization import (
    CarryForward,
    Change,
    CheckIn,
    KeyResult,
    LogEntry,
    Objective,
    ObjectiveGrade,
    Retro,
    RetroScore,
    Unit,
)
from ..model.periods import Period
from ..source.documents import ChangeDoc, KeyResultDoc, LogDoc, ObjectiveDoc, RetroDoc
from ..source.logbody import sections
from ..source.repository import Document
from ..source.yaml import SourceFile
from .about import About
from .kinds import check_value
from .references import References
from .state import Resolution


def change_fields(item: str) -> list[str]:
    """The keys a logged change may name: what the item's kind defines, except its id."""
    model = KeyResultDoc if item == "KR" else ObjectiveDoc
    return [f.alias or name for name, f in model.model_fields.items() if name != "id"]


def dropped_on(item: KeyResult | Objective) -> dt.date | None:
    """The day a logged change dropped the item, if one did."""
    return next((c.date for c in item.changes if c.action == "dropped"), None)


class History:
    def __init__(self, res: Resolution, refs: References) -> None:
        self.res = res
        self.refs = refs

    def carry_target(self, ref: str, unit: Unit, period: Period,
                     loc: Callable[[], Location]) -> KeyResult | Objective | None:
        """What a retrospective's carry_forward names: `objective`, `kr`, `objective/kr` or `unit/objective`."""
        parts = ref.split("/")
        if len(parts) == 1:
            obj = self.refs.objective_index.get(f"{period.id}/{unit.id}/{ref}")
            kr = self.refs.unit_kr(ref, unit, period)
            if obj is not None and kr is not None:
                self.res.ambiguous.add((period.id, unit.id, ref))
                self.res.r.add("OKR206", f"`{ref}` is both an objective and a key result of {unit.id} in {period.id}", loc(),
                               f"write `{kr.objective.slug}/{ref}` for the key result, or `{unit.id}/{ref}` "
                               "for the objective")
                return None
            return obj or kr
        kr = self.refs.unit_kr(ref, unit, period)
        if kr is None and len(parts) == 2 and parts[0] == unit.id:
            return self.refs.objective_index.get(f"{period.id}/{unit.id}/{parts[1]}")
        return kr

    # --- logs ----------------------------------------------------------------------------------
    def log(self, d: Document) -> None:
        if not d.complete:
            self.res.org.partly_read_logs.add((d.place.period, d.place.unit))
        ctx = self.res.usable(d)
        if ctx is None:
            return
        unit, period = ctx
        doc: LogDoc = d.doc
        src = d.source
        self.res.path_keys(d, {"date": doc.date})
        day = d.place.date or doc.date
        if not period.contains(day):
            self.res.r.add("OKR303", f"check-in dated {day} is outside {period.id} ({period.start} – {period.end})",
                           src.loc(("date",)), "fix the date or move the file to the right period's directory")
        if day > self.res.org.today:
            self.res.r.add("OKR309", f"check-in dated {day}, after today ({self.res.org.today})", src.loc(("date",)),
                           "check-ins record what happened; fix the date")
        body = {k: list(v) for k, v in d.body_sections.items()} if d.body_sections is not None else sections(src.body)
        items = About(self.res, self.refs).items(doc, body.get("learnings", []), unit, period, src)
        if doc.learnings:  # front matter learnings first, then the body's: one list for every page and feed
            body["learnings"] = [i.text for i in items if i.kind == "learning"]
        entry = LogEntry(day, d.place.slug, doc.author, unit, period, [i.text for i in items if i.kind == "win"],
                         doc.tags, src.body.strip(), body, d.place.rel, src, recorded=self._recorded(doc, day, src),
                         visibility=doc.visibility, items=items)
        self._updates(doc, entry)
        self._changes(doc, entry)
        self.res.org.logs.append(entry)

    def _recorded(self, doc: LogDoc, day: dt.date, src) -> dt.date | None:
        """`recorded`: when a back-filled check-in was written; never before the day it reports on."""
        recorded = doc.recorded
        if recorded is None:
            return None
        if recorded < day:
            self.res.r.add("OKR313", f"recorded {recorded}, before the day this check-in reports on ({day})",
                           src.loc(("recorded",)), "`recorded` is the day the entry was written: the same day or later; "
                           "fix it or the file's date")
        elif recorded > self.res.org.today:
            self.res.r.add("OKR309", f"recorded {recorded}, after today ({self.res.org.today})", src.loc(("recorded",)),
                           "fix the recording date")
        return recorded

    def _updates(self, doc: LogDoc, entry: LogEntry) -> None:
        """The check-ins of a log: one per KR it names, when the value fits the KR's kind.
        Positions are worked out only for what is reported (that parses the file again,
        source/yaml.py); a bare KR id is looked up in the unit's KRs directly (most are)."""
        unit, period, src, r = entry.unit, entry.period, entry.src, self.res.r
        krs = self.refs.krs_of(unit, period)
        for ref, upd in doc.updates.items():
            kr = krs.get(ref) if "/" not in ref else self.refs.unit_kr(ref, unit, period)
            if not isinstance(kr, KeyResult):
                if self.refs.unknown_kr(ref, unit, period, src.loc(("updates", ref), key=True), "in updates"):
                    self.res.org.partly_read_logs.add((period.id, unit.id))
                continue
            value = upd.value
            nothing = value is None and None is upd.grade is upd.projection is upd.confidence
            if nothing and upd.note is not None:
                r.add("OKR102", f"the update of `{ref}` holds only a note", src.loc(("updates", ref), key=True),
                      "an update needs a value, grade, projection or confidence")
                continue
            if (value is not None or nothing) and not check_value(kr, value, partial(src.loc, ("updates", ref)), r):
                self.res.org.partly_read_logs.add((period.id, unit.id))
                continue
            if isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            check = CheckIn(kr, entry, value, upd.confidence, upd.note, ref, upd.grade, upd.projection, upd.visibility)
            entry.check_ins.append(check)
            if value is not None:
                kr.check_ins.append(check)
            if value is None or upd.grade is not None or upd.projection is not None:
                kr.grades.append(check)

    def _changes(self, doc: LogDoc, entry: LogEntry) -> None:
        """Mid-period changes a log records, linked to the KR or objective they change."""
        unit, period, src = entry.unit, entry.period, entry.src
        for i, ch in enumerate(doc.changes):
            loc = partial(src.loc, ("changes", i))
            target: KeyResult | Objective | None = None
            if ch.key_result:
                target = self.refs.unit_kr(ch.key_result, unit, period)
                if target is None and ch.action not in ("added", "dropped"):  # a dropped KR is removed from its file
                    self.refs.unknown_kr(ch.key_result, unit, period, src.loc(("changes", i, "key_result")), "in changes")
            elif ch.objective:
                target = self.refs.objective_index.get(f"{period.id}/{unit.id}/{ch.objective}")
                if target is None:
                    slugs = [o.slug for o in self.res.org.objectives_of(unit, period)]
                    self.res.r.add("OKR205", f"change of objective `{ch.objective}`, which {unit.id} does not have in {period.id}",
                                   src.loc(("changes", i, "objective")), close_hint(ch.objective, slugs))
            else:
                self.res.r.add("OKR102", "a change names neither `key_result` nor `objective`", loc(),
                               "say which key result (or objective) changed")
            self._check_field(ch, target, src, i)
            if ch.action == "dropped" and ch.key_result and target is None and not ch.title:
                self.res.r.add("OKR315", f"dropped KR `{ch.key_result}` is no longer in its objective file and this "
                               "record has no `title`, so pages can show only its id", loc(),
                               "add `title:` to this record, or keep the KR in the objective file")
            change = Change(entry, target, ch.key_result or ch.objective or "", ch.action, ch.field, ch.from_, ch.to,
                            ch.reason, ch.title)
            entry.changes.append(change)
            if target is not None:
                target.changes.append(change)

    def _check_field(self, ch: ChangeDoc, target: KeyResult | Objective | None, src: SourceFile, i: int) -> None:
        """OKR213: a change's `field` names a key the changed item has (§17.3 of the design)."""
        if ch.field is None:
            return
        loc = partial(src.loc, ("changes", i, "field"))
        if ch.action != "changed":
            self.res.r.add("OKR213", f"a change with `action: {ch.action}` has no field (`field: {ch.field}`)", loc(),
                           "remove `field`: an added or dropped item is recorded as a whole")
            return
        if target is None:
            return
        item = "KR" if isinstance(target, KeyResult) else "objective"
        keys = change_fields(item)
        if ch.field not in keys:
            self.res.r.add("OKR213", f"`{ch.field}` is not a field of a {item}", loc(),
                           close_hint(ch.field, keys) or f"a {item}'s fields are " + ", ".join(f"`{k}`" for k in keys))
            return
        if ch.to is not None and ch.field not in target.written:
            name = target.id if isinstance(target, KeyResult) else target.slug
            self.res.r.add("OKR213", f"the {item} `{name}` has no `{ch.field}`", loc(),
                           f"add `{ch.field}` to the {item} (the file holds the new value) or fix the field")

    def set_aside_dropped(self) -> None:
        """Dropped objectives (and dropped KRs kept in their file) leave every list that is counted:
        they stay readable, with their title, in `org.dropped_objectives` / `objective.dropped_key_results`."""
        org = self.res.org
        self.refs.forget_krs()
        for o in org.objectives:
            kept = [kr for kr in o.key_results if not dropped_on(kr)]
            o.dropped_key_results.extend(kr for kr in o.key_results if dropped_on(kr))
            o.key_results[:] = kept
        org.dropped_objectives.extend(o for o in org.objectives if dropped_on(o))
        org.objectives[:] = [o for o in org.objectives if not dropped_on(o)]
        gone = set(map(id, org.dropped_objectives)) | {id(kr) for o in org.objectives for kr in o.dropped_key_results}
        gone |= {id(kr) for o in org.dropped_objectives for kr in o.key_results}
        for item in [*org.objectives, *org.key_results()]:
            item.contributors[:] = [c for c in item.contributors if id(c) not in gone]

    def conflicting_check_ins(self) -> None:
        """One KR set on one day by two files: reported in each, since either may be the new one."""
        for kr in self.res.org.key_results():
            if len(kr.check_ins) < 2:
                continue
            by_day: dict[dt.date, list[CheckIn]] = {}
            for c in kr.check_ins:
                by_day.setdefault(c.date, []).append(c)
            # nearly every day one check-in sets the KR: only the others are sorted and compared, in
            # the order of their files (a file has one date, so a group's first file is its own)
            groups = [sorted(checks, key=lambda c: c.log.rel) for checks in by_day.values() if len(checks) > 1]
            for checks in sorted(groups, key=lambda g: g[0].log.rel):
                day = checks[0].date
                for i, c in enumerate(checks):
                    twice = next((o for o in checks[:i] if o.log is c.log), None)
                    if twice is not None:  # `nps` and `objective/nps` in one file
                        self.res.r.add("OKR307",
                                       f"`{kr.id}` is set twice in this check-in (as `{twice.ref}` and `{c.ref}`)",
                                       c.log.src.loc(("updates", c.ref), key=True), "keep one of them",
                                       (c.log.src.loc(("updates", twice.ref), key=True),))
                    others = [o for o in checks if o.log is not c.log]
                    if not others:
                        continue
                    self.res.r.add("OKR307", f"`{kr.id}` is set on {day} here and in "
                                   + ", ".join(o.log.rel for o in others), c.log.src.loc(("updates", c.ref), key=True),
                                   "keep one value per key result per day",
                                   tuple(o.log.src.loc(("updates", o.ref), key=True) for o in others))

    # --- retrospectives ------------------------------------------------------------------------
    def retro(self, d: Document) -> None:
        ctx = self.res.usable(d)
        if ctx is None:
            return
        unit, period = ctx
        doc: RetroDoc = d.doc
        src = d.source
        scores, graded = self._scores(doc, unit, period, src)
        carries = []
        for i, c in enumerate(doc.carry_forward):
            target = self.carry_target(c.ref, unit, period, partial(src.loc, ("carry_forward", i, "ref")))
            if target is None and (period.id, unit.id, c.ref) not in self.res.ambiguous:
                slugs = [o.slug for o in self.res.org.objectives_of(unit, period)]
                slugs += [kr.id for o in self.res.org.objectives_of(unit, period) for kr in o.key_results]
                if (period.id, unit.id) not in self.res.incomplete:
                    self.res.r.add("OKR205", f"carry_forward `{c.ref}` is not an objective or key result of {unit.id} in {period.id}",
                                   src.loc(("carry_forward", i, "ref")), close_hint(c.ref, slugs))
            carries.append(CarryForward(c.ref, c.action, c.note, target))
        self.res.org.retros.append(Retro(unit, period, doc.status, scores, doc.went_well, doc.to_improve, doc.learnings,
                                     carries, src.body.strip(), d.place.rel, src, graded, doc.unit_score,
                                     doc.unit_score_reason, doc.visibility))

    def _scores(self, doc: RetroDoc, unit: Unit, period: Period, src) -> tuple[dict, dict]:
        """A retrospective's results: KR scores and words by KR qid, objective grades by objective qid."""
        scores: dict[str, RetroScore] = {}
        graded: dict[str, ObjectiveGrade] = {}
        for ref, s in doc.scores.items():
            loc = partial(src.loc, ("scores", ref))
            given = [k for k in ("score", "status", "objective") if getattr(s, k) is not None]
            if len(given) != 1:
                self.res.r.add("OKR314" if given else "OKR102",
                               f"the result of `{ref}` gives {' and '.join(f'`{k}`' for k in given) or 'nothing'}",
                               loc(), "give one of `score`, `status` (with a reason) or `objective`")
                continue
            if s.status is not None and not (s.reason or "").strip():
                self.res.r.add("OKR102", f"the result `{s.status}` of `{ref}` has no reason", loc(),
                               "say why, e.g. `reason: conference moved` (or `reason: unrecorded`)")
            if s.objective is not None:
                obj = self._scored_objective(ref, unit, period, loc)
                if obj is not None:
                    graded[obj.qid] = ObjectiveGrade(obj, s.objective, s.reason)
                continue
            kr = self.refs.unit_kr(ref, unit, period)
            if not isinstance(kr, KeyResult):
                if self._scored_objective(ref, unit, period, None) is not None:
                    self.res.r.add("OKR205", f"`{ref}` is an objective; a score here needs a key result", loc(),
                                   "objectives take `{objective: …}`, e.g. `" + ref + ": {objective: 0.8}`")
                else:
                    self.refs.unknown_kr(ref, unit, period, src.loc(("scores", ref), key=True), "in scores")
                continue
            scores[kr.qid] = RetroScore(kr, s.score, s.reason, s.status)
        return scores, graded

    def _scored_objective(self, ref: str, unit: Unit, period: Period,
                          loc: Callable[[], Location] | None) -> Objective | None:
        """The objective a `{objective: x}` entry names: its slug or `unit/slug` (OKR205 when none, if `loc`)."""
        slug = ref.split("/", 1)[1] if ref.startswith(f"{unit.id}/") else ref
        obj = self.refs.objective_index.get(f"{period.id}/{unit.id}/{slug}")
        if obj is None and loc is not None:
            slugs = [o.slug for o in self.res.org.objectives_of(unit, period)]
            self.res.r.add("OKR205", f"`{ref}` is not an objective of {unit.id} in {period.id}", loc(),
                           close_hint(ref, slugs) or "write `{objective: 0.8}` only for an objective")
        return obj
