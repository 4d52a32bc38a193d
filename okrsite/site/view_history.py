"""The site view's learnings, wins and retrospectives (`view.history`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model.organization import KeyResult, LogEntry, LogItem, Objective, Unit
from ..model.periods import Period
from . import urls

if TYPE_CHECKING:
    from .view import SiteView

LATEST = 8  # wins and learnings on the dashboard
SHOWN_CHECK_INS = 4  # an objective's latest check-ins shown open; older ones behind "Earlier check-ins"
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
    about: tuple = ()  # the objectives and KRs its `about` names (those this build shows)


@dataclass(frozen=True)
class Told:
    """A win or learning as a check-in shows it: its text and the objectives and KRs it is about."""

    text: str
    about: list  # Objective | KeyResult the audience may see


@dataclass(frozen=True)
class Split:
    """A check-in on one objective's page: what concerns the objective, and the team's other updates."""

    wins: list[Told]
    learnings: list[Told]  # front matter learnings (the body's are in the body)
    body: bool  # the Markdown body concerns this objective (the check-in reports on it alone)
    other_wins: list[Told]
    other_learnings: list[Told]
    other_body: bool

    @property
    def has_other(self) -> bool:
        return bool(self.other_wins or self.other_learnings or self.other_body)


@dataclass(frozen=True, slots=True)
class HistoryView:
    site: SiteView

    def _items(self, period: Period, kind: str) -> list[Item]:
        out = []
        for log in self.site.logs(period=period):
            for item in self.log_items(log, kind):
                concerned = self.concerns(log, item) or []
                tags = list(dict.fromkeys([*log.tags, *(t for o in concerned for t in o.tags)]))
                out.append(Item(item.text, log, log.unit, tags, self.site.log_link(log), tuple(self.about(item))))
        return out

    def learning_items(self, period: Period) -> list[Item]:
        return self._items(period, "learning")

    def win_items(self, period: Period) -> list[Item]:
        return self._items(period, "win")

    # --- what a check-in's items are about (docs/format.md, "What an item is about") ---------------
    @staticmethod
    def log_items(log: LogEntry, kind: str) -> list[LogItem]:
        """A check-in's wins or learnings with their `about` (a log made without items: its texts)."""
        if log.items:
            return [i for i in log.items if i.kind == kind]
        return [LogItem(kind, t, in_body=kind == "learning") for t in (log.wins if kind == "win" else log.learnings)]

    def _targets(self) -> dict[str, Objective | KeyResult]:
        """Every objective and KR the audience may see, by qualified id (what `about` resolved to)."""
        def index() -> dict[str, Objective | KeyResult]:
            out: dict[str, Objective | KeyResult] = {}
            for o in self.site.objectives:
                out[o.qid] = o
                out.update({kr.qid: kr for kr in o.key_results})
            return out

        return self.site.lookups.remember(("about_targets",), index)

    def about(self, item: LogItem) -> list:
        """The objectives and KRs an item names in `about` that this build shows."""
        targets = self._targets()
        return [targets[q] for q in item.about if q in targets]

    def subject(self, log: LogEntry) -> Objective | None:
        """The one objective a check-in reports on (its updates and changes), None when it reports on
        several or none: its items without `about` then concern no objective in particular."""
        touched = {id(c.key_result.objective): c.key_result.objective for c in log.check_ins}
        for ch in log.changes:
            if ch.target is not None:
                obj = ch.target if isinstance(ch.target, Objective) else ch.target.objective
                touched[id(obj)] = obj
        return next(iter(touched.values())) if len(touched) == 1 else None

    def concerns(self, log: LogEntry, item: LogItem) -> list[Objective] | None:
        """The objectives an item concerns: those of its `about` targets; without `about`, the check-in's
        one subject; None when that cannot be told (several subjects)."""
        if item.written_about:
            return list({id(o): o for o in (self.site.objective_of(t) for t in self.about(item))}.values())
        one = self.subject(log)
        return [one] if one is not None else None

    def told(self, item: LogItem) -> Told:
        return Told(item.text, self.about(item))

    def split(self, log: LogEntry, obj: Objective) -> Split:
        """A check-in as the objective's page shows it: its items about the objective (or its KRs) and the
        body when the check-in reports on this objective alone; the rest as "other updates"."""
        def mine(item: LogItem) -> bool:
            return any(o is obj for o in self.concerns(log, item) or [])

        wins, learnings = self.log_items(log, "win"), [i for i in self.log_items(log, "learning") if not i.in_body]
        body = self.subject(log) is obj
        return Split([self.told(i) for i in wins if mine(i)], [self.told(i) for i in learnings if mine(i)], body,
                     [self.told(i) for i in wins if not mine(i)], [self.told(i) for i in learnings if not mine(i)],
                     not body and bool(log.body.strip()))

    def timeline(self, obj: Objective) -> tuple[list[LogEntry], list[LogEntry]]:
        """The check-ins an objective's page shows, newest first: those reporting on it, changing it or with
        an item about it; the latest four, then the earlier ones (collapsed)."""
        touched = {id(log) for log in self.site.logs(objective=obj)}
        about = {id(log) for log in self._about_index(obj.period).get(id(obj), [])}
        logs = [log for log in self.site.logs(period=obj.period) if id(log) in touched or id(log) in about]
        return logs[:SHOWN_CHECK_INS], logs[SHOWN_CHECK_INS:]

    def _about_index(self, period: Period) -> dict[int, list[LogEntry]]:
        """id() of each objective -> the period's check-ins with an item whose `about` concerns it (built once)."""
        def index() -> dict[int, list[LogEntry]]:
            out: dict[int, list[LogEntry]] = {}
            for log in self.site.logs(period=period):
                named = {id(o): o for i in log.items if i.written_about for o in self.concerns(log, i) or []}
                for key in named:
                    out.setdefault(key, []).append(log)
            return out

        return self.site.lookups.remember(("about_index", period.id), index)

    @staticmethod
    def changes_of(log: LogEntry, obj: Objective) -> list:
        """A check-in's mid-period changes of one objective or of its key results."""
        return [ch for ch in log.changes if ch.target is not None
                and (ch.target if isinstance(ch.target, Objective) else ch.target.objective) is obj]

    def log_told(self, log: LogEntry, kind: str) -> list[Told]:
        """A check-in's wins, or its front matter learnings, with what each is about (the full check-in)."""
        return [self.told(i) for i in self.log_items(log, kind) if not i.in_body]

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
