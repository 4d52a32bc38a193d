"""Building the resolved Organization from validated documents, checking every reference.

Errors about how files relate to each other (unknown units, dangling or ambiguous
references, cycles, contradictions with the path) are reported here; checks of a key
result's own values are in kinds.py and OKR-quality lints in lints.py.
"""

from __future__ import annotations

import datetime as dt
import re

from ..diagnostics.diagnostic import Location
from ..diagnostics.reporter import Reporter
from ..diagnostics.suggest import close_hint
from ..model.organization import (
    Initiative,
    KeyResult,
    Objective,
    Organization,
    Step,
    Unit,
)
from ..model.periods import Period
from ..source.documents import LogDoc, ObjectiveDoc, UnitDoc
from ..source.paths import slugify
from ..source.repository import Document, Repository
from .history import History
from .kinds import check_key_result, resolve_direction

_PERIOD_LIKE = re.compile(r"^\d{4}[-_]?[A-Za-z]")  # what a period id looks like (2026-Q4, 2026-H2, 2026a)



class Resolver:
    def __init__(self, repo: Repository, today: dt.date, reporter: Reporter) -> None:
        self.repo = repo
        self.r = reporter
        self.org = Organization(repo.settings, repo.settings.period_scheme(), today, pages=list(repo.pages))
        self.bad_periods: set[str] = set()
        self.bad_units: set[str] = set()
        # units+periods with an objective file that could not be fully read: unknown-KR errors
        # there may be consequences of the first error, so they are not reported twice.
        self.incomplete: set[tuple[str, str]] = self.org.partly_read
        # ids of KRs that validation removed ("*": one without an id)
        self.broken_kr_ids: set[tuple[str, str, str]] = set()
        self.unread_parent: set[str] = set()  # units whose `parent` is not a valid id
        self.ambiguous: set[tuple[str, str, str]] = set()  # (period, unit, ref) reported as OKR206
        self.dropped_krs: set[tuple[str, str, str]] = set()  # (period, unit, kr id) dropped by a logged change

    # --- entry point ------------------------------------------------------------------------
    def run(self) -> Organization:
        for place in self.repo.unnamed:  # a badly named file may hold the unit, objective or check-in others miss
            if place.kind == "unit":
                self.bad_units.add(slugify(place.unit))
                self.org.unreadable_units.add(slugify(place.unit))
            elif place.kind == "objective":
                self.incomplete.add((place.period, place.unit))
            elif place.kind == "log":
                self.org.partly_read_logs.add((place.period, place.unit))
        self.units()
        docs = [d for d in self.repo.documents if d.place.kind != "unit"]
        for doc in docs:
            self.check_path(doc)
        for doc in docs:
            if doc.place.kind == "objective":
                self.objective(doc)
        self.unique_kr_ids()
        self.alignment()
        logs = sorted((d for d in docs if d.place.kind == "log"), key=lambda d: (d.place.date, d.place.rel))
        for doc in logs:  # a KR dropped mid-period is gone from its objective file, not from the history
            for ch in (doc.doc.changes if isinstance(doc.doc, LogDoc) else []):
                if ch.action == "dropped" and ch.key_result:
                    self.dropped_krs.add((doc.place.period, doc.place.unit, ch.key_result.split("/")[-1]))
        history = History(self)
        for doc in logs:
            history.log(doc)
        history.conflicting_check_ins()
        for doc in docs:
            if doc.place.kind == "retro":
                history.retro(doc)
        for kr in self.org.key_results():
            kr.check_ins.sort(key=lambda c: (c.date, c.log.rel))
        self.org.logs.sort(key=lambda e: (e.date, e.rel))
        return self.org

    # --- units ------------------------------------------------------------------------------
    def units(self) -> None:
        org, kinds = self.org, self.repo.settings.unit_kinds
        for d in self.repo.of_kind("unit"):
            doc: UnitDoc | None = d.doc
            if doc is None:
                self.bad_units.add(d.place.unit)
                self.org.unreadable_units.add(d.place.unit)
                continue
            if not d.complete:  # e.g. `kind` was missing: whether it is a person is not known
                self.org.unreadable_units.add(d.place.unit)
            if any(path == ("parent",) for path, _ in d.dropped):
                self.unread_parent.add(d.place.unit)  # it has a parent, just not a valid id: not a root
            if doc.kind not in kinds:
                self.r.add("OKR104", f"`{doc.kind}` is not a unit kind", d.source.loc(("kind",)),
                           (close_hint(doc.kind, kinds) + " ").lstrip() + "kinds: " + ", ".join(kinds)
                           + " (add more with extra_unit_kinds in okrsite.yml)")
            org.units[d.place.unit] = Unit(
                d.place.unit, doc.name, doc.kind, doc.parent, doc.owners, doc.members, doc.role, doc.visibility,
                doc.tags, d.source.body.strip(), d.place.rel, d.source)
        for unit in org.units.values():
            if unit.parent_id is None:
                continue
            parent = org.units.get(unit.parent_id)
            if parent is None:
                if unit.parent_id not in self.bad_units:
                    self.r.add("OKR202", f"parent unit `{unit.parent_id}` does not exist", unit.src.loc(("parent",)),
                               close_hint(unit.parent_id, org.units) or "add content/units/<id>.md or fix the id")
            elif parent is unit:
                self.r.add("OKR207", f"unit `{unit.id}` is its own parent", unit.src.loc(("parent",)),
                           "name the unit above it (only the root company has no `parent`)")
            else:
                unit.parent = parent
        self.unit_cycles()
        for unit in org.units.values():
            if unit.parent is not None:
                unit.parent.children.append(unit)
        for unit in org.units.values():
            unit.children.sort(key=lambda u: (u.kind == "person", u.id))
        roots = [u for u in org.units.values() if u.parent_id is None and u.id not in self.unread_parent]
        if not roots and org.units:
            first = min(org.units.values(), key=lambda u: u.rel)
            self.r.add("OKR208", "no root unit: every unit has a parent", first.src.loc(("parent",)),
                       "the company unit has no `parent`")
        for extra in roots[1:]:
            self.r.add("OKR208", f"a second root unit `{extra.id}` (the root is `{roots[0].id}`)",
                       extra.src.loc(()), "give it a `parent`: the organization has exactly one root")
        if roots:
            root = roots[0]
            if root.kind != "company":
                self.r.add("OKR208", f"the root unit `{root.id}` is a {root.kind}, not a company",
                           root.src.loc(("kind",)), "set `kind: company` on the root, or give it a parent")
            org.root = root

    def unit_cycles(self) -> None:
        reported: set[str] = set()
        for unit in self.org.units.values():
            seen: list[Unit] = []
            cur: Unit | None = unit
            while cur is not None and cur not in seen:
                seen.append(cur)
                cur = cur.parent
            if cur is not None and cur.id not in reported:
                cycle = seen[seen.index(cur):]
                reported.update(u.id for u in cycle)
                names = " → ".join(u.id for u in cycle + [cur])
                self.r.add("OKR207", f"units form a cycle: {names}", cur.src.loc(("parent",)),
                           "the hierarchy must be a tree: one of these parents is wrong")
                cur.parent = None  # break the cycle so that walking ancestors terminates

    # --- paths --------------------------------------------------------------------------------
    def period(self, period_id: str) -> Period | None:
        return self.org.scheme.parse(period_id)

    def check_path(self, d: Document) -> None:
        place, top = d.place, d.place.rel.split("/")[0]
        if self.period(place.period) is None:
            key = f"{top}/{place.period}"
            if key not in self.bad_periods:
                self.bad_periods.add(key)
                self.r.add("OKR211", f"`{place.period}` is not a period of the {self.org.scheme.scheme} scheme",
                           Location(d.source.path, 0, 0),
                           f"name period directories like {self.org.scheme.example()}")
        if place.unit not in self.org.units:
            key = f"{top}/{place.period}/{place.unit}"
            if key not in self.bad_units and place.unit not in self.bad_units:
                self.bad_units.add(key)
                named = "file" if top == "retros" else "directory"
                self.r.add("OKR202", f"unit `{place.unit}` (from the {named} name) does not exist",
                           Location(d.source.path, 0, 0),
                           close_hint(place.unit, self.org.units) or f"add content/units/{place.unit}.md")

    def usable(self, d: Document) -> tuple[Unit, Period] | None:
        period = self.period(d.place.period)
        unit = self.org.units.get(d.place.unit)
        if d.doc is None or period is None or unit is None:
            return None
        self.org.periods.setdefault(period.id, period)
        return unit, period

    def path_keys(self, d: Document, values: dict[str, object]) -> None:
        """Front matter may repeat what the path says, but must not contradict it."""
        for key, value in values.items():
            expected = getattr(d.place, key) if key != "date" else d.place.date
            if value is not None and value != expected:
                self.r.add("OKR108", f"`{key}: {value}` contradicts the path, which says `{expected}`",
                           d.source.loc((key,)), "remove the key (the path decides) or move the file")

    # --- objectives ------------------------------------------------------------------------------
    def objective(self, d: Document) -> None:
        ctx = self.usable(d)
        if d.place.unit and d.place.period and (not d.complete or ctx is None):
            self.incomplete.add((d.place.period, d.place.unit))
        for path, item in d.dropped:
            if path[:1] != ("key_results",) or not isinstance(item, dict):
                continue
            kr_id = item.get("id")  # an invalid id is most likely meant as its slug (`Week1 Active`)
            for key in {str(kr_id), slugify(str(kr_id))} if isinstance(kr_id, (str, int, float)) else {"*"}:
                self.broken_kr_ids.add((d.place.period, d.place.unit, key))
        if ctx is None:
            return
        unit, period = ctx
        doc: ObjectiveDoc = d.doc
        self.path_keys(d, {"unit": doc.unit, "period": doc.period})
        obj = Objective(d.place.slug, doc.title, doc.owner, doc.type, doc.aligns_to, doc.visibility, doc.tags,
                        d.source.body.strip(), unit, period, d.place.rel, d.source, complete=d.complete)
        for i, k in enumerate(doc.key_results):
            kr = KeyResult(
                k.id, k.title, k.kind, k.baseline, k.target, k.unit or ("%" if k.kind == "percentage" else ""),
                None, k.commit, k.stretch, k.min, k.max,
                [Step(s.id, s.title, s.weight, s.due) for s in (k.steps or [])], k.weight, k.owner, k.due,
                k.aligns_to, k.measurement, obj, i)
            kr.direction = resolve_direction(k.kind, k.baseline, k.target, k.direction)
            obj.key_results.append(kr)
            check_key_result(kr, k, self.r)
        kr_by_id = {kr.id: kr for kr in obj.key_results}
        for i, ini in enumerate(doc.initiatives):
            item = Initiative(ini.title, ini.key_results, ini.status, ini.owner, ini.link, obj, i)
            for j, ref in enumerate(ini.key_results):
                kr = kr_by_id.get(ref)
                if kr is not None:
                    item.key_results.append(kr)
                    kr.initiatives.append(item)
                elif not {(period.id, unit.id, ref), (period.id, unit.id, "*")} & self.broken_kr_ids:
                    self.org.unsure_contributors.add((period.id, unit.id))  # it was meant for one of them
                    self.r.add("OKR204", f"initiative `{ini.title}` serves `{ref}`, which is not a key result here",
                               d.source.loc(("initiatives", i, "key_results", j)),
                               close_hint(ref, kr_by_id) or "key results here: " + (", ".join(kr_by_id) or "none"))
            obj.initiatives.append(item)
        self.org.objectives.append(obj)

    def unique_kr_ids(self) -> None:
        seen: dict[tuple[str, str, str], KeyResult] = {}
        for obj in self.org.objectives:
            for kr in obj.key_results:
                key = (obj.period.id, obj.unit.id, kr.id)
                first = seen.get(key)
                if first is None:
                    seen[key] = kr
                    continue
                where = "this objective" if first.objective is obj else f"`{first.objective.slug}`"
                self.r.add("OKR201", f"key result id `{kr.id}` is already used by {where} in {obj.period.id}",
                           obj.src.loc(kr.path + ("id",)),
                           "key result ids are unique within a unit's period, so check-ins can name them",
                           (first.objective.src.loc(first.path + ("id",)),))

    # --- references ----------------------------------------------------------------------------
    def split_ref(self, ref: str, period: Period, unit: Unit) -> tuple[Period | None, list[str]]:
        """The period and `[unit, objective(, kr)]` a reference names; the period is None when the
        reference starts with something meant as a period that is not one (`2026-Q5/...`)."""
        parts = ref.split("/")
        if len(parts) == 4 or (len(parts) == 3 and (self.period(parts[0]) is not None or (
                parts[0] not in self.org.units and _PERIOD_LIKE.match(parts[0])))):
            return self.period(parts[0]), parts[1:]
        if len(parts) == 1:
            return period, [unit.id, parts[0]]
        return period, parts

    def find(self, ref: str, period: Period, unit: Unit) -> tuple[object | None, Period | None]:
        """Resolve `unit/objective[/kr]`, `period/unit/objective[/kr]` or `objective` (same unit)."""
        target_period, parts = self.split_ref(ref, period, unit)
        if target_period is None or len(parts) not in (2, 3):
            return None, target_period
        qid = f"{target_period.id}/{parts[0]}/{parts[1]}"
        obj = self.objective_index.get(qid)
        if obj is None or len(parts) == 2:
            return obj, target_period
        return next((kr for kr in obj.key_results if kr.id == parts[2]), None), target_period

    def alignment(self) -> None:
        self.objective_index = {o.qid: o for o in self.org.objectives}
        items: list[tuple[Objective | KeyResult, tuple]] = []
        for obj in self.org.objectives:
            items.append((obj, ("aligns_to",)))
            items.extend((kr, kr.path + ("aligns_to",)) for kr in obj.key_results)
        for item, path in items:
            obj = item if isinstance(item, Objective) else item.objective
            ref = item.aligns_ref
            if not ref:
                continue
            target, tperiod = self.find(ref, obj.period, obj.unit)
            if target is None:
                tperiod, parts = self.split_ref(ref, obj.period, obj.unit)
                if tperiod is None:
                    self.r.add("OKR211", f"`{ref.split('/')[0]}` in `aligns_to: {ref}` is not a period of "
                               f"the {self.org.scheme.scheme} scheme", obj.src.loc(path),
                               f"periods are named like {self.org.scheme.example()}; or omit the period "
                               "to align within the same period")
                    continue
                if (tperiod.id, parts[0]) in self.incomplete:
                    continue
                # the link was meant for some objective or KR there, which must not look unsupported (OKR506)
                self.org.unsure_contributors.add((tperiod.id, parts[0] if parts[0] in self.org.units else "*"))
                names = [o.qid.split("/", 1)[1] for o in self.org.objectives if o.period.id == obj.period.id]
                names += [k.qid.split("/", 1)[1] for o in self.org.objectives if o.period.id == obj.period.id
                          for k in o.key_results]
                self.r.add("OKR203", f"`aligns_to: {ref}` names no objective or key result",
                           obj.src.loc(path), close_hint(ref, names) or
                           "write unit/objective[/kr] for the same period, or period/unit/objective[/kr]")
                continue
            tobj = target if isinstance(target, Objective) else target.objective
            if target is item or (isinstance(item, Objective) and tobj is item):
                self.r.add("OKR209", f"`{ref}` is this objective itself", obj.src.loc(path),
                           "align to an objective or KR of a parent unit")
                continue
            if tobj.period.start > obj.period.start:
                self.r.add("OKR210", f"aligned to `{target.qid}` of a later period ({tobj.period.id})",
                           obj.src.loc(path), f"align to an objective of {obj.period.id} or earlier")
                continue
            item.aligns_to = target
        self.alignment_cycles(items)
        for item, _ in items:
            if item.aligns_to is not None:
                item.aligns_to.contributors.append(item)

    def alignment_cycles(self, items) -> None:
        def parent(node):
            if isinstance(node, KeyResult) and node.aligns_to is None:
                return node.objective
            return node.aligns_to

        reported: set[int] = set()
        for item, _path in items:
            seen: list = []
            cur = item
            while cur is not None and cur not in seen:
                seen.append(cur)
                cur = parent(cur)
            if cur is None or id(cur) in reported:
                continue
            cycle = seen[seen.index(cur):]
            reported.update(id(x) for x in cycle)
            names = " → ".join(x.qid for x in cycle + [cur])
            broken = next((x for x in cycle if x.aligns_to is not None), cur)
            owner = broken if isinstance(broken, Objective) else broken.objective
            where = ("aligns_to",) if isinstance(broken, Objective) else broken.path + ("aligns_to",)
            self.r.add("OKR209", f"alignment forms a cycle: {names}", owner.src.loc(where),
                       "align upward only: to objectives of parent units")
            broken.aligns_to = None

    def unit_kr(self, ref: str, unit: Unit, period: Period) -> KeyResult | Objective | None:
        """A KR (or objective) of `unit` in `period`: `kr`, `objective/kr`, or fully qualified."""
        parts = ref.split("/")
        if len(parts) == 1:
            return next((kr for o in self.org.objectives_of(unit, period) for kr in o.key_results
                         if kr.id == ref), None)
        target, _ = self.find(ref, period, unit) if len(parts) >= 3 else self.find(f"{unit.id}/{ref}", period, unit)
        if isinstance(target, KeyResult) and target.objective.unit is unit and target.objective.period.id == period.id:
            return target
        return None

    def unknown_kr(self, ref: str, unit: Unit, period: Period, loc: Location, what: str) -> bool:
        """Report a reference to no KR; False when it names a KR that a logged change dropped."""
        if (period.id, unit.id, ref.split("/")[-1]) in self.dropped_krs:
            return False  # check-ins and scores of a KR that a change dropped (and removed from the objective)
        if (period.id, unit.id) in self.incomplete or {(period.id, unit.id, ref.split("/")[-1]),
                                                       (period.id, unit.id, "*")} & self.broken_kr_ids:
            return True  # most likely a KR of the file that could not be read: reported there
        ids = [kr.id for o in self.org.objectives_of(unit, period) for kr in o.key_results]
        others = sorted({o.unit.id for o in self.org.objectives if o.period.id == period.id and o.unit is not unit
                         and any(kr.id == ref for kr in o.key_results)})
        hint = close_hint(ref.split("/")[-1], ids) or (
            f"{unit.id}'s key results in {period.id}: " + ", ".join(ids) if ids
            else f"{unit.id} has no objectives in {period.id}")
        if others:  # e.g. a team writing the company's KR into its own check-in
            where = f"retros/{period.id}/{others[0]}.md" if what == "in scores" else f"logs/{period.id}/{others[0]}/"
            hint = f"`{ref}` is a key result of {', '.join(others)}: record it in {where}"
        self.r.add("OKR205", f"`{ref}` ({what}) is not a key result of {unit.id} in {period.id}", loc, hint)
        return True
