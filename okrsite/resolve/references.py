"""Resolving references between objectives and key results: `aligns_to` (with its cycles and
later-period targets), and the KR ids that check-ins, changes and retrospectives name.

References are written `objective`, `kr`, `unit/objective[/kr]` or `period/unit/objective[/kr]`.
"""

from __future__ import annotations

import re

from ..diagnostics.diagnostic import Location
from ..diagnostics.suggest import close_hint
from ..model.organization import KeyResult, Objective, Unit
from ..model.periods import Period
from ..source.paths import checkin_dir, retro_path
from .state import Resolution

_PERIOD_LIKE = re.compile(r"^\d{4}[-_]?[A-Za-z]")  # what a period id looks like (2026-Q4, 2026-H2, 2026a)

Aligned = Objective | KeyResult


class References:
    """Look-ups by reference, over the objectives read so far (built once they are all read)."""

    def __init__(self, s: Resolution) -> None:
        self.s = s
        self.objective_index: dict[str, Objective] = {o.qid: o for o in s.org.objectives}
        # (unit, period) -> its objectives in author order: Organization.objectives_of scans them all,
        # once per check-in update (quadratic at thousands of units)
        self.by_unit_period: dict[tuple[str, str], list[Objective]] = {}
        for o in s.org.objectives:
            self.by_unit_period.setdefault((o.unit.id, o.period.id), []).append(o)

        self._krs: dict[tuple[str, str], dict[str, KeyResult]] = {}

    def objectives_of(self, unit: Unit, period: Period) -> list[Objective]:
        """As Organization.objectives_of, from the index."""
        return self.by_unit_period.get((unit.id, period.id), [])

    def forget_krs(self) -> None:
        """Drop the KR index: set_aside_dropped takes dropped KRs out of their objectives."""
        self._krs.clear()

    def krs_of(self, unit: Unit, period: Period) -> dict[str, KeyResult]:
        """The KRs of a unit's objectives in a period by id, the first in author order for an id
        two objectives share (as a scan finds it); built on first use, once per unit and period."""
        key = (unit.id, period.id)
        found = self._krs.get(key)
        if found is None:
            found = {}
            for o in self.objectives_of(unit, period):
                for kr in o.key_results:
                    found.setdefault(kr.id, kr)
            self._krs[key] = found
        return found

    def split_ref(self, ref: str, period: Period, unit: Unit) -> tuple[Period | None, list[str]]:
        """The period and `[unit, objective(, kr)]` a reference names; the period is None when the
        reference starts with something meant as a period that is not one (`2026-Q5/...`)."""
        parts = ref.split("/")
        if len(parts) == 4 or (len(parts) == 3 and (self.s.period(parts[0]) is not None or (
                parts[0] not in self.s.org.units and _PERIOD_LIKE.match(parts[0])))):
            return self.s.period(parts[0]), parts[1:]
        if len(parts) == 1:
            return period, [unit.id, parts[0]]
        return period, parts

    def find(self, ref: str, period: Period, unit: Unit) -> tuple[Aligned | None, Period | None]:
        """Resolve `unit/objective[/kr]`, `period/unit/objective[/kr]` or `objective` (same unit)."""
        target_period, parts = self.split_ref(ref, period, unit)
        if target_period is None or len(parts) not in (2, 3):
            return None, target_period
        obj = self.objective_index.get(f"{target_period.id}/{parts[0]}/{parts[1]}")
        if obj is None or len(parts) == 2:
            return obj, target_period
        return next((kr for kr in obj.key_results if kr.id == parts[2]), None), target_period

    def unit_kr(self, ref: str, unit: Unit, period: Period) -> Aligned | None:
        """A KR of `unit` in `period`: `kr`, `objective/kr`, or fully qualified."""
        parts = ref.split("/")
        if len(parts) == 1:
            return self.krs_of(unit, period).get(ref)
        target, _ = self.find(ref if len(parts) >= 3 else f"{unit.id}/{ref}", period, unit)
        if isinstance(target, KeyResult) and target.objective.unit is unit and target.objective.period.id == period.id:
            return target
        return None

    def unknown_kr(self, ref: str, unit: Unit, period: Period, loc: Location, what: str) -> bool:
        """Report a reference to no KR; False when it names a KR that a logged change dropped."""
        s, key = self.s, (period.id, unit.id, ref.split("/")[-1])
        if key in s.dropped_krs:
            return False  # check-ins and scores of a KR that a change dropped (and removed from the objective)
        if (period.id, unit.id) in s.incomplete or {key, (period.id, unit.id, "*")} & s.broken_kr_ids:
            return True  # most likely a KR of the file that could not be read: reported there
        ids = [kr.id for o in self.objectives_of(unit, period) for kr in o.key_results]
        others = sorted({o.unit.id for o in s.org.objectives if o.period.id == period.id and o.unit is not unit
                         and any(kr.id == ref for kr in o.key_results)})
        hint = close_hint(ref.split("/")[-1], ids) or (
            f"{unit.id}'s key results in {period.id}: " + ", ".join(ids) if ids
            else f"{unit.id} has no objectives in {period.id}")
        if others:  # e.g. a team writing the company's KR into its own check-in
            where = retro_path(period.id, others[0]) if what == "in scores" else checkin_dir(period.id, others[0])
            hint = f"`{ref}` is a key result of {', '.join(others)}: record it in {where}"
        s.r.add("OKR205", f"`{ref}` ({what}) is not a key result of {unit.id} in {period.id}", loc, hint)
        return True

    # --- aligns_to --------------------------------------------------------------------------------
    def alignment(self) -> None:
        """Link every `aligns_to` to its targets (the first is `aligns_to`, the rest `also_aligns_to`),
        and each target to its contributors."""
        items: list[tuple[Aligned, tuple]] = []
        for obj in self.s.org.objectives:
            items.append((obj, ("aligns_to",)))
            items.extend((kr, kr.path + ("aligns_to",)) for kr in obj.key_results)
        for item, path in items:
            refs = item.aligns_refs or ([item.aligns_ref] if item.aligns_ref else [])
            for i, ref in enumerate(refs):
                target = self._align(item, ref, path if len(refs) == 1 else path + (i,))
                if target is None or target is item.aligns_to or target in item.also_aligns_to:
                    continue
                if item.aligns_to is None:
                    item.aligns_to = target
                else:
                    item.also_aligns_to.append(target)
        self._break_cycles(items)
        self._shared_cycles(items)
        for item, _ in items:
            for target in ([item.aligns_to] if item.aligns_to is not None else []) + item.also_aligns_to:
                target.contributors.append(item)

    def _align(self, item: Aligned, ref: str, path: tuple) -> Aligned | None:
        obj = item if isinstance(item, Objective) else item.objective
        target, _ = self.find(ref, obj.period, obj.unit)
        if target is None:
            self._unresolved(obj, ref, path)
            return None
        tobj = target if isinstance(target, Objective) else target.objective
        if target is item or (isinstance(item, Objective) and tobj is item):
            self.s.r.add("OKR209", f"`{ref}` is this objective itself", obj.src.loc(path),
                         "align to an objective or KR of a parent unit")
        elif tobj.period.start > obj.period.start:
            self.s.r.add("OKR210", f"aligned to `{target.qid}` of a later period ({tobj.period.id})",
                         obj.src.loc(path), f"align to an objective of {obj.period.id} or earlier")
        else:
            return target
        return None

    def _unresolved(self, obj: Objective, ref: str, path: tuple) -> None:
        s = self.s
        tperiod, parts = self.split_ref(ref, obj.period, obj.unit)
        if tperiod is None:
            s.r.add("OKR211", f"`{ref.split('/')[0]}` in `aligns_to: {ref}` is not a period of "
                    f"the {s.org.scheme.scheme} scheme", obj.src.loc(path),
                    f"periods are named like {s.org.scheme.example()}; or omit the period "
                    "to align within the same period")
            return
        if (tperiod.id, parts[0]) in s.incomplete:
            return
        # the link was meant for some objective or KR there, which must not look unsupported (OKR506)
        s.org.unsure_contributors.add((tperiod.id, parts[0] if parts[0] in s.org.units else "*"))
        same = [o for o in s.org.objectives if o.period.id == obj.period.id]
        names = [o.qid.split("/", 1)[1] for o in same] + [k.qid.split("/", 1)[1] for o in same for k in o.key_results]
        s.r.add("OKR203", f"`aligns_to: {ref}` names no objective or key result", obj.src.loc(path),
                close_hint(ref, names) or "write unit/objective[/kr] for the same period, or period/unit/objective[/kr]")

    def _shared_cycles(self, items: list[tuple[Aligned, tuple]]) -> None:
        """A second target above which the item itself sits is a cycle too (OKR209); it is dropped."""
        for item, path in items:
            for target in list(item.also_aligns_to):
                seen: list[Aligned] = []
                cur: Aligned | None = target
                while cur is not None and cur not in seen and cur is not item:
                    seen.append(cur)
                    cur = _parent(cur)
                if cur is item:
                    owner = item if isinstance(item, Objective) else item.objective
                    self.s.r.add("OKR209", f"alignment forms a cycle: {item.qid} → {target.qid} → … → {item.qid}",
                                 owner.src.loc(path), "align upward only: to objectives of parent units")
                    item.also_aligns_to.remove(target)

    def _break_cycles(self, items: list[tuple[Aligned, tuple]]) -> None:
        parent = _parent

        reported: set[int] = set()
        for item, _path in items:
            seen: list[Aligned] = []
            cur: Aligned | None = item
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
            self.s.r.add("OKR209", f"alignment forms a cycle: {names}", owner.src.loc(where),
                         "align upward only: to objectives of parent units")
            broken.aligns_to = None


def _parent(node: Aligned) -> Aligned | None:
    if isinstance(node, KeyResult) and node.aligns_to is None:
        return node.objective
    return node.aligns_to
