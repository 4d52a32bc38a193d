"""The site view's learnings, wins and retrospectives (`view.history`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model.organization import KeyResult, LogEntry, Objective, Unit
from ..model.periods import Period
from . import urls

if TYPE_CHECKING:
    from .view import SiteView

LATEST = 8  # wins and learnings on the dashboard
# the sections of a written retrospective, in page order: (field, heading id)
RETRO_SECTIONS = (("went_well", "went-well"), ("to_improve", "to-improve"), ("learnings", "learnings"))


@dataclass(frozen=True)
class Item:
    """A learning or a win, with where it came from."""

    text: str
    log: LogEntry
    unit: Unit
    tags: list[str]
    link: str  # src_uri#anchor of the check-in


@dataclass(frozen=True, slots=True)
class HistoryView:
    site: SiteView

    def _items(self, period: Period, texts) -> list[Item]:
        out = []
        for log in self.site.logs(period=period):
            tags = list(dict.fromkeys([*log.tags, *(t for c in log.check_ins for t in c.key_result.objective.tags)]))
            for text in texts(log):
                out.append(Item(text, log, log.unit, tags, self.site.log_link(log)))
        return out

    def learning_items(self, period: Period) -> list[Item]:
        return self._items(period, lambda log: log.learnings)

    def win_items(self, period: Period) -> list[Item]:
        return self._items(period, lambda log: log.wins)

    def latest(self, period: Period, kind: str) -> list[tuple[LogEntry, str]]:
        """The newest wins or learnings of a period, for the dashboard."""
        out = [(log, text) for log in self.site.logs(period=period)
               for text in (log.wins if kind == "wins" else log.learnings)]
        return out[:LATEST]

    def past_periods(self, unit: Unit) -> list[Period]:
        """Periods before the current one in which a unit had objectives, newest first."""
        site, current = self.site, self.site.current
        return [p for p in site.periods() if p != current and (current is None or p.start < current.start)
                and site.objectives_of(unit, p)]

    @staticmethod
    def item_units(items: list[Item]) -> list[Unit]:
        return sorted({i.unit for i in items}, key=lambda u: (u.depth, u.id))

    @staticmethod
    def item_tags(items: list[Item]) -> list[str]:
        return sorted({t for i in items for t in i.tags})

    def period_page_url(self, kind: str, period: Period) -> str:
        """The learnings or wins page of another period."""
        return self.site.url({"learnings": urls.learnings_uri, "wins": urls.wins_uri}[kind](period))

    def period_retro(self, period: Period):
        from ..scoring.retro import period_retro

        return self.site.lookups.remember(("period_retro", period.id), lambda: period_retro(self.site, period))

    def unit_retro(self, unit: Unit, period: Period):
        from ..scoring.retro import unit_retro

        return unit_retro(self.site, unit, period)

    @staticmethod
    def retro_sections(retro) -> list[tuple[str, str, list[str]]]:
        """A written retrospective's lists as (heading id, label key, items)."""
        return [(dom, key, getattr(retro, key)) for key, dom in RETRO_SECTIONS]

    @staticmethod
    def check_ins(log: LogEntry, objective: Objective | None = None) -> list:
        """A check-in's values, or only those on one objective's key results (on its page)."""
        return [c for c in log.check_ins if objective is None or c.key_result.objective is objective]

    def change_what(self, change) -> str:
        """What a mid-period change did: the action, or for an edit, the field it changed."""
        if change.action != "changed":
            return self.site.t(change.action)
        return change.field or self.site.t("changes")

    def change_title(self, change) -> str:
        """The changed item's title: from the item (kept in its file even when dropped), else from a
        dropped KR's drop record (`title:`), else its id."""
        return change.target.title if change.target is not None else (change.title or change.ref)

    def change_link(self, change):
        """The item a change links to: only one with a page (not a dropped objective, none hidden from the audience)."""
        target = change.target
        if target is None or not self.site.visible(target):
            return None
        obj = target.objective if isinstance(target, KeyResult) else target
        gone = obj.dropped is not None or any(kr is target for kr in obj.dropped_key_results)
        return None if gone else target

    def change_reason(self, change) -> str:
        """Why: the reason as written, or "Reason not recorded" for imported history (`reason: unrecorded`)."""
        return change.reason if change.reason_recorded else self.site.t("reason_unrecorded")

    def recorded_note(self, log: LogEntry) -> str:
        """"recorded 2027-02-10" beside a back-filled check-in (written later than the day it reports on)."""
        if log.recorded is None or log.recorded == log.date:
            return ""
        return self.site.t("recorded_on", date=self.site.date(log.recorded))

    def dropped_objectives(self, unit: Unit, period: Period) -> list[Objective]:
        """The unit's objectives a logged change dropped (those the audience may see: the view's
        organization holds no others): shown with their title, counted nowhere."""
        return [o for o in self.site.org.dropped_objectives if o.unit is unit and o.period.id == period.id]

    def dropped_objectives_of(self, period: Period) -> list[Objective]:
        """Every unit's objectives a logged change dropped in the period (the view's organization holds
        only those the audience may see)."""
        return [o for o in self.site.org.dropped_objectives if o.period.id == period.id and o.unit.id in self.site.units]

    def dropped_on(self, item) -> str:
        drop = next((c for c in item.changes if c.action == "dropped"), None)
        return self.site.t("dropped_on", date=self.site.date(drop.date)) if drop else ""

    @staticmethod
    def dropped_key_results(obj: Objective) -> list[KeyResult]:
        return list(obj.dropped_key_results)

    @staticmethod
    def score_override(unit_retro, kr: KeyResult):
        """The retrospective's own score of a key result (with its reason), if it gives one."""
        return unit_retro.retro.scores.get(kr.qid) if unit_retro.retro else None

    @staticmethod
    def objective_changes(obj: Objective) -> list:
        """Mid-period changes of an objective and of its key results, oldest first."""
        return sorted([*obj.changes, *(ch for kr in obj.key_results for ch in kr.changes)],
                      key=lambda c: (c.date, c.log.rel))
