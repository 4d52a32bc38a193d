"""The site view's alignment (`view.cascade`): what aligns to what, as the cascade tree shows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model.organization import KeyResult, Objective
from ..model.periods import Period

if TYPE_CHECKING:
    from .view import SiteView

Node = Objective | KeyResult


def period_of(thing: Node) -> Period:
    return thing.objective.period if isinstance(thing, KeyResult) else thing.period


@dataclass(frozen=True, slots=True)
class CascadeView:
    site: SiteView

    def contributors(self, thing: Node) -> list[Node]:
        """What aligns to an objective or KR (published ones), in any period: objective pages list them."""
        return [c for c in thing.contributors if self.site.visible(c)]

    def children(self, thing: Node) -> list[tuple[Node, bool]]:
        """A cascade node's children, as (node, is_reference). The tree holds each objective once,
        under what it aligns to; a KR that contributes to another KR is shown there as a reference
        (a leaf), because its own subtree hangs under its own objective. What aligns across periods
        is shown in its own period's cascade. An objective aligned to several parents (§11) is drawn
        in full under the first and as a reference, marked shared, under the others."""
        period = period_of(thing).id
        return [(c, isinstance(c, KeyResult) or c.aligns_to is not thing)
                for c in self.contributors(thing) if period_of(c).id == period]

    def shared(self, node: Node, is_ref: bool) -> bool:
        """An objective drawn as a reference: it also sits (in full) under its first parent."""
        return is_ref and isinstance(node, Objective)

    def other_parents(self, node: Node, is_ref: bool) -> list[Node]:
        """Where else a node aligns in its period, for the cascade's "also under …": from a shared
        reference, its first parent (where its subtree is); from the full node, the others."""
        if not isinstance(node, Objective):
            return []
        targets = [node.aligns_to] if is_ref else node.also_aligns_to
        return [t for t in targets if t is not None and self.site.visible(t) and period_of(t).id == node.period.id]

    def krs_with_children(self, obj: Objective) -> list[KeyResult]:
        """Key results that other OKRs of the period align to: the cascade shows those below the KR."""
        return [kr for kr in obj.key_results if self.children(kr)]

    def _aligned_in_period(self, obj: Objective) -> bool:
        target = obj.aligns_to
        return target is not None and self.site.visible(target) and period_of(target).id == obj.period.id

    def roots(self, period: Period) -> list[Objective]:
        """Top of the cascade: the root unit's objectives that align to nothing in the period."""
        root = self.site.org.root
        return [o for o in self.site.period_objectives(period) if root is not None and o.unit is root
                and not self._aligned_in_period(o)]

    def orphans(self, period: Period) -> list[Objective]:
        """Other units' objectives that align to nothing in the period (listed apart on the cascade)."""
        root = self.site.org.root
        return [o for o in self.site.period_objectives(period)
                if o.unit is not root and not self._aligned_in_period(o)]

    def aligned_elsewhere(self, obj: Objective) -> Node | None:
        """What an objective aligns to in another (earlier) period, if that is where it aligns."""
        target = obj.aligns_to
        if target is not None and self.site.visible(target) and period_of(target).id != obj.period.id:
            return target
        return None

    # --- dropped objectives: greyed where they were, with their title, counted nowhere (§17.2) ---
    def _dropped(self, period: Period) -> list[Objective]:
        return self.site.history.dropped_objectives_of(period)

    def dropped_under(self, thing: Node) -> list[Objective]:
        """Dropped objectives of the period that aligned to `thing`: drawn greyed beneath it."""
        return [o for o in self._dropped(period_of(thing))
                if any(t is thing for t in (o.aligns_to, *o.also_aligns_to))]

    def _dropped_aligned(self, obj: Objective) -> bool:
        targets = [t for t in (obj.aligns_to, *obj.also_aligns_to) if t is not None]
        return any(self.site.visible(t) and period_of(t).id == obj.period.id for t in targets)

    def dropped_roots(self, period: Period) -> list[Objective]:
        """The root unit's dropped objectives that aligned to nothing in the period."""
        root = self.site.org.root
        return [o for o in self._dropped(period) if o.unit is root and not self._dropped_aligned(o)]

    def dropped_orphans(self, period: Period) -> list[Objective]:
        """Other units' dropped objectives that aligned to nothing in the period."""
        root = self.site.org.root
        return [o for o in self._dropped(period) if o.unit is not root and not self._dropped_aligned(o)]
