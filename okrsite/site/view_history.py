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

    @staticmethod
    def score_override(unit_retro, kr: KeyResult):
        """The retrospective's own score of a key result (with its reason), if it gives one."""
        return unit_retro.retro.scores.get(kr.qid) if unit_retro.retro else None

    @staticmethod
    def objective_changes(obj: Objective) -> list:
        """Mid-period changes of an objective and of its key results, oldest first."""
        return sorted([*obj.changes, *(ch for kr in obj.key_results for ch in kr.changes)],
                      key=lambda c: (c.date, c.log.rel))
