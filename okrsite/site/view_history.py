"""The site view's learnings, wins and retrospectives."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.organization import LogEntry, Objective, Unit
from ..model.periods import Period
from . import urls


@dataclass(frozen=True)
class Item:
    """A learning or a win, with where it came from."""

    text: str
    log: LogEntry
    unit: Unit
    tags: list[str]
    link: str  # src_uri#anchor of the check-in


class HistoryViews:
    """Mixed into SiteView (which provides org, logs(), objectives …)."""

    def log_link(self, log: LogEntry) -> str:
        """Where a check-in is shown in full: the unit page for the current period, else the
        unit's retrospective page of that period."""
        if self.current is not None and log.period.id == self.current.id:
            page = urls.unit_uri(log.unit)
        elif any(p.id == log.period.id for p in self.retro_pages()):
            page = urls.retro_uri(log.period, log.unit)
        else:
            page = urls.unit_uri(log.unit)
        return f"{page}#{urls.log_anchor(log)}"

    def _items(self, period: Period, texts) -> list[Item]:
        out = []
        for log in self.logs(period=period):
            tags = list(dict.fromkeys([*log.tags, *(t for c in log.check_ins for t in c.key_result.objective.tags)]))
            for text in texts(log):
                out.append(Item(text, log, log.unit, tags, self.log_link(log)))
        return out

    def learning_items(self, period: Period) -> list[Item]:
        return self._items(period, lambda log: log.learnings)

    def win_items(self, period: Period) -> list[Item]:
        return self._items(period, lambda log: log.wins)

    @staticmethod
    def item_units(items: list[Item]) -> list[Unit]:
        return sorted({i.unit for i in items}, key=lambda u: (u.depth, u.id))

    @staticmethod
    def item_tags(items: list[Item]) -> list[str]:
        return sorted({t for i in items for t in i.tags})

    def period_page(self, kind: str, period: Period) -> str:
        return {"learnings": urls.learnings_uri, "wins": urls.wins_uri}[kind](period)

    def retro_page(self, period: Period, unit: Unit | None = None) -> str:
        return urls.retro_uri(period, unit)

    def retro_pages(self) -> dict[Period, list[str]]:
        """{period: [unit ids]} of the retrospective pages (site/layout.py decides; computed once)."""
        if "retro_pages" not in self._cache:
            from .pages import retro_pages

            self._cache["retro_pages"] = retro_pages(self.org, self.objectives, list(self.units.values()))
        return self._cache["retro_pages"]

    def retro_periods(self) -> list[Period]:
        return list(self.retro_pages())

    def retro_units(self, period: Period) -> list[Unit]:
        ids = next((ids for p, ids in self.retro_pages().items() if p.id == period.id), [])
        return sorted((self.units[u] for u in ids), key=lambda u: (u.depth, u.id))

    def has_retro_page(self, period: Period) -> bool:
        return any(p.id == period.id for p in self.retro_periods())

    def period_retro(self, period: Period):
        from ..scoring.retro import period_retro

        key = ("period_retro", period.id)
        if key not in self._cache:
            self._cache[key] = period_retro(self, period)
        return self._cache[key]

    def unit_retro(self, unit: Unit, period: Period):
        from ..scoring.retro import unit_retro

        return unit_retro(self, unit, period)

    @staticmethod
    def objective_changes(obj: Objective) -> list:
        """Mid-period changes of an objective and of its key results, oldest first."""
        return sorted([*obj.changes, *(ch for kr in obj.key_results for ch in kr.changes)],
                      key=lambda c: (c.date, c.log.rel))

    def log_anchor(self, log: LogEntry) -> str:
        return urls.log_anchor(log)

    def unit_feed(self, unit: Unit) -> str:
        return urls.unit_feed(unit)
