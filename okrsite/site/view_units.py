"""The site view's organization (`view.tree`): units, their members and people, where a page sits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model.organization import KeyResult, Objective, Unit
from ..model.periods import Period
from . import urls

if TYPE_CHECKING:
    from .view import SiteView

Owned = tuple[Period, list[Objective], list[KeyResult], list]


@dataclass(frozen=True, slots=True)
class UnitsView:
    site: SiteView

    def kind_label(self, unit: Unit) -> str:
        """A unit kind's display name: `unit_kind_labels` (okrsite.yml), else the built-in label,
        else the kind itself (`working-group` → Working group)."""
        written = self.site.org.settings.unit_kind_labels.get(unit.kind)
        if written:
            return written
        try:
            return self.site.t(unit.kind)
        except KeyError:  # an extra kind: `working-group` → Working group
            words = unit.kind.replace("-", " ").replace("_", " ")
            return words[:1].upper() + words[1:]

    def members(self, unit: Unit) -> list[Unit]:
        units = self.site.units
        people = [c for c in unit.children if c.kind == "person" and c.id in units]
        extra = [units[m] for m in unit.members if m in units and units[m] not in people]
        return people + extra

    def child_units(self, unit: Unit) -> list[Unit]:
        return [c for c in unit.children if c.kind != "person" and c.id in self.site.units]

    def people(self) -> list[Unit]:
        """The People page's table (§10): every person who owns anything in any period (objective, KR,
        initiative, co-owned included) or leads a unit. Someone who owns nothing in the current period
        stays listed, with the latest period they owned something in."""
        owning = self._owners() | {pid for u in self.site.units.values() for pid in u.owners}
        return sorted((u for u in self.site.units.values() if u.kind == "person" and u.id in owning),
                      key=lambda u: (u.parent.id if u.parent else "", u.id))

    def other_people(self) -> list[Unit]:
        """People who own nothing and lead nothing: listed apart, so nobody disappears from the directory."""
        listed = set(map(id, self.people()))
        return sorted((u for u in self.site.units.values() if u.kind == "person" and id(u) not in listed),
                      key=lambda u: (u.name, u.id))

    def unit_less_owners(self) -> list[str]:
        """Owners that name no unit, listed by their id: an organization without person units writes
        people's slugs as owners (OKR510 is raised only when person units exist)."""
        return sorted(o for o in self._owners() if o not in self.site.org.units)

    def _owners(self, only: Period | None = None) -> set[str]:
        owning: set[str] = set()
        for period in ([only] if only is not None else self.site.periods()):
            for o in self.site.period_objectives(period):
                owning.update(o.owners)
                for k in o.key_results:
                    owning.update(k.owners)
                for i in o.initiatives:
                    owning.update(i.owners)
        return owning

    def latest_owned(self, pid: str) -> Period | None:
        """The newest period in which `pid` owns something (for "Nothing this period (latest: …)")."""
        owned = self.owned_by(pid)
        return owned[0][0] if owned else None

    def owned_by(self, pid: str, only: Period | None = None) -> list[Owned]:
        """What a person owns, by period (newest first), or in the period `only`."""
        out = []
        for period in ([only] if only is not None else self.site.periods()):
            objectives = self.site.period_objectives(period)
            objs = [o for o in objectives if pid in o.owners]  # co-owned items on each co-owner's page
            krs = [k for o in objectives for k in o.key_results if pid in k.owners]
            inis = [i for o in objectives for i in o.initiatives if pid in i.owners]
            if objs or krs or inis:
                out.append((period, objs, krs, inis))
        return out

    def owner_units(self, only: Period | None = None) -> list[tuple[Unit, list[Unit]]]:
        """Teams and roles that own something (in the period `only`, else in any period), each with
        the people who hold it (a role's members): the People page's own section (§10)."""
        owning = self._owners(only)
        units = self.site.units
        found = [units[u] for u in owning if u in units and units[u].kind != "person"]
        return [(u, self.members(u)) for u in sorted(found, key=lambda u: (u.name, u.id))]

    def breadcrumbs(self, thing: Any) -> list[tuple[str, str | None]]:
        """Where a unit's or objective's page sits: the units above it (and, for an objective, its
        unit and period)."""
        site = self.site
        unit = thing if isinstance(thing, Unit) else thing.unit if isinstance(thing, Objective) else None
        if unit is None:
            return []
        crumbs = [(u.name, site.url(u)) for u in reversed(unit.ancestors) if u.id in site.units]
        if isinstance(thing, Objective):
            crumbs += [(unit.name, site.url(unit)), (site.period_name(thing.period), site.url(thing.period))]
        return crumbs

    def retro_breadcrumbs(self, unit: Unit, period: Period) -> list[tuple[str, str | None]]:
        """A unit retrospective's trail: the units above, the unit, the period's retrospective."""
        site = self.site
        return [*self.breadcrumbs(unit), (unit.name, site.url(unit)),
                (site.t("retrospective") + ": " + site.period_name(period), site.url(urls.retro_uri(period)))]
