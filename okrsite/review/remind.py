"""Who owes a check-in: the key results scoring/staleness.py calls stale, grouped by owner and unit,
with the page of each KR and the check-in file each unit adds.

Staleness is asked of scoring (KRProgress.stale), never decided here: a done boolean KR, a finished
milestones KR and a finished period are its business, so remind, pages and OKR509 agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.organization import KeyResult, Organization
from ..scoring.progress import KRProgress, kr_progress
from ..site.links import Links
from ..source.paths import checkin_path
from .kpi_review import StaleKpi, stale_kpis
from .siteconfig import SiteConfig


@dataclass(frozen=True)
class StaleKR:
    qid: str
    title: str
    days: int | None  # since the last check-in; None: none yet
    last: dt.date | None
    page: str  # the KR's page: an absolute URL with site_url, else its path in the site


@dataclass(frozen=True)
class UnitReminder:
    unit: str
    name: str
    period: str
    add: str  # the check-in file to add, relative to the repository root
    add_url: str  # the git host's new-file form for it ("" without repo_url and edit_uri)
    key_results: tuple[StaleKR, ...]


@dataclass(frozen=True)
class OwnerReminder:
    owner: str | None  # a person id; None: the KRs name no owner
    name: str
    units: tuple[UnitReminder, ...]


@dataclass(frozen=True)
class Reminder:
    today: dt.date
    lang: str
    site_url: str  # "" when unknown: pages are paths then
    owners: tuple[OwnerReminder, ...]
    kpis: tuple[StaleKpi, ...] = ()  # KPIs without a recent value (kpi_review.py)

    @property
    def count(self) -> int:
        return len({kr.qid for o in self.owners for u in o.units for kr in u.key_results})


def _owners(kr: KeyResult) -> list[str | None]:
    """Whom the KR's reminder goes to: its owners, else its objective's, else nobody in particular."""
    return list(kr.owners or kr.objective.owners) or [None]


def stale_key_results(org: Organization) -> list[KRProgress]:
    """The KRs of kept objectives that scoring calls stale today."""
    found = [kr_progress(kr, org) for kr in org.key_results()]
    return [p for p in found if p.stale and p.counted]


def _stale_kr(p: KRProgress, links: Links) -> StaleKR:
    last = p.last_check_in.date if p.last_check_in else None
    page = links.address(p.key_result) if links.site_url else links.site_path(p.key_result)
    return StaleKR(p.key_result.qid, p.key_result.title, p.days_since_check_in, last, page)


def _unit(org: Organization, key: tuple[str, str], items: list[StaleKR], prefix: str,
          config: SiteConfig) -> UnitReminder:
    period, unit_id = key
    unit = org.units.get(unit_id)
    rel = checkin_path(period, unit_id, org.today)
    return UnitReminder(unit_id, unit.name if unit else unit_id, period, prefix + rel, config.new_file_url(rel),
                        tuple(items))


NO_CONFIG = SiteConfig()  # no mkdocs.yml: pages as paths, no new-file links


def remind(org: Organization, config: SiteConfig = NO_CONFIG, prefix: str = "") -> Reminder:
    """Every stale KR, under each of its owners, by unit; owners and units in a stable order."""
    site_url = config.site_url
    links = Links(site_url=site_url)
    grouped: dict[str | None, dict[tuple[str, str], list[StaleKR]]] = {}
    for p in stale_key_results(org):
        kr = p.key_result
        for owner in _owners(kr):
            units = grouped.setdefault(owner, {})
            units.setdefault((kr.objective.period.id, kr.objective.unit.id), []).append(_stale_kr(p, links))
    owners = []
    for owner in sorted(grouped, key=lambda o: (o is None, o or "")):
        person = org.units.get(owner) if owner else None
        units = tuple(_unit(org, key, items, prefix, config) for key, items in sorted(grouped[owner].items()))
        owners.append(OwnerReminder(owner, person.name if person else (owner or ""), units))
    return Reminder(org.today, org.settings.language, site_url, tuple(owners), stale_kpis(org, site_url, prefix))
