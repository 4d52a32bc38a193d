"""Resolving the unit tree: each unit's file, its parent, cycles, and the one root (of any kind)."""

from __future__ import annotations

from ..diagnostics.suggest import close_hint
from ..model.organization import Unit
from ..source.documents import UnitDoc
from ..source.paths import UNITS
from .state import Resolution


def resolve_units(s: Resolution) -> None:
    _read_units(s)
    _link_parents(s)
    _break_cycles(s)
    for unit in s.org.units.values():
        if unit.parent is not None:
            unit.parent.children.append(unit)
    for unit in s.org.units.values():
        unit.children.sort(key=lambda u: (u.kind == "person", u.order is None, u.order or 0, u.id))
    _find_root(s)


def _read_units(s: Resolution) -> None:
    kinds = s.org.settings.unit_kinds
    for d in s.repo.of_kind("unit"):
        doc: UnitDoc | None = d.doc
        if doc is None:
            s.bad_units.add(d.place.unit)
            s.org.unreadable_units.add(d.place.unit)
            continue
        if not d.complete:  # e.g. `kind` was missing: whether it is a person is not known
            s.org.unreadable_units.add(d.place.unit)
        if any(path == ("parent",) for path, _ in d.dropped):
            s.unread_parent.add(d.place.unit)  # it has a parent, just not a valid id: not a root
        if doc.kind not in kinds:
            s.r.add("OKR104", f"`{doc.kind}` is not a unit kind", d.source.loc(("kind",)),
                    (close_hint(doc.kind, kinds) + " ").lstrip() + "kinds: " + ", ".join(kinds)
                    + " (add more with extra_unit_kinds in okrsite.yml)")
        s.org.units[d.place.unit] = Unit(
            d.place.unit, doc.name, doc.kind, doc.parent, doc.owners, doc.members, doc.role, doc.visibility,
            doc.tags, d.source.body.strip(), d.place.rel, d.source, order=doc.order)


def _link_parents(s: Resolution) -> None:
    units = s.org.units
    for unit in units.values():
        if unit.parent_id is None:
            continue
        parent = units.get(unit.parent_id)
        if parent is None:
            if unit.parent_id not in s.bad_units:
                s.r.add("OKR202", f"parent unit `{unit.parent_id}` does not exist", unit.src.loc(("parent",)),
                        close_hint(unit.parent_id, units) or f"add content/{UNITS}/<id>.md or fix the id")
        elif parent is unit:
            s.r.add("OKR207", f"unit `{unit.id}` is its own parent", unit.src.loc(("parent",)),
                    "name the unit above it (only the root company has no `parent`)")
        else:
            unit.parent = parent


def _break_cycles(s: Resolution) -> None:
    reported: set[str] = set()
    for unit in s.org.units.values():
        seen: list[Unit] = []
        cur: Unit | None = unit
        while cur is not None and cur not in seen:
            seen.append(cur)
            cur = cur.parent
        if cur is not None and cur.id not in reported:
            cycle = seen[seen.index(cur):]
            reported.update(u.id for u in cycle)
            names = " → ".join(u.id for u in cycle + [cur])
            s.r.add("OKR207", f"units form a cycle: {names}", cur.src.loc(("parent",)),
                    "the hierarchy must be a tree: one of these parents is wrong")
            cur.parent = None  # break the cycle so that walking ancestors terminates


def _find_root(s: Resolution) -> None:
    org = s.org
    roots = [u for u in org.units.values() if u.parent_id is None and u.id not in s.unread_parent]
    if not roots and org.units:
        first = min(org.units.values(), key=lambda u: u.rel)
        s.r.add("OKR208", "no root unit: every unit has a parent", first.src.loc(("parent",)),
                "the company unit has no `parent`")
    for extra in roots[1:]:
        s.r.add("OKR208", f"a second root unit `{extra.id}` (the root is `{roots[0].id}`)",
                extra.src.loc(()), "give it a `parent`: the organization has exactly one root")
    if roots:  # of any kind: a company, a foundation, a project, ... (§14)
        org.root = roots[0]
