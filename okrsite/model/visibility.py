"""What is published: `visibility: private` units (and everything below them) and objectives are
checked but shown nowhere, neither on the site nor in charts or exports."""

from __future__ import annotations

from .organization import Objective, Organization, Unit


def published(org: Organization) -> tuple[list[Unit], list[Objective]]:
    """Units and objectives shown on the site: `visibility: private` ones are checked only."""
    hidden_units = {u.id for u in org.units.values()
                    if u.visibility == "private" or any(a.visibility == "private" for a in u.ancestors)}
    units = [u for u in org.units.values() if u.id not in hidden_units]
    objectives = [o for o in org.objectives if o.visibility != "private" and o.unit.id not in hidden_units]
    return units, objectives
