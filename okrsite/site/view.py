"""What templates see: the organization plus formatting, translation, progress and links.

Templates stay declarative; anything that needs a decision or a computation is here,
where it is tested, and cached once per build.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from ..model.organization import KeyResult, LogEntry, Objective, Organization, Unit
from ..model.periods import Period
from ..scoring.bands import score_band, success_line
from ..scoring.progress import (
    KRProgress,
    ObjectiveProgress,
    Status,
    mean,
    objective_progress,
    status_counts,
)
from ..scoring.staleness import days_since, is_stale
from ..text import numbers
from ..text.dates import format_date, format_short_date, period_label, period_range
from ..text.i18n import label
from ..text.sanitize import clean_html
from . import urls
from .pages import published
from .view_charts import ChartViews
from .view_history import HistoryViews

MarkdownFn = Callable[[str], str]


def _plain_markdown(text: str) -> str:
    import markdown

    return markdown.markdown(text, extensions=["tables", "fenced_code", "sane_lists"])


class SiteView(ChartViews, HistoryViews):
    def __init__(self, org: Organization, lang: str, *, use_directory_urls: bool = True,
                 markdown: MarkdownFn | None = None, base_uri: str = "") -> None:
        self.org = org
        self.lang = lang
        self.today = org.today
        self.use_directory_urls = use_directory_urls
        self.markdown_fn = markdown or _plain_markdown
        self.current: Period | None = org.current_period()
        units, objectives = published(org)
        self.units = {u.id: u for u in units}
        self.objectives = objectives
        self._visible = {id(o) for o in objectives}
        self._progress: dict[int, ObjectiveProgress] = {}
        self._cache: dict[tuple, Any] = {}
        self._index()
        self.here = ""  # URL of the page being rendered (set by the renderer)
        self.published = None  # charts.publish.Published, when charts are on
        self.site_url = ""  # absolute base URL of the site (mkdocs site_url), for embed snippets

    def _index(self) -> None:
        """Look-ups every page makes, computed once: pages must not scan the whole organization
        (a 1,000-unit site renders ~2,000 pages)."""
        self._by_unit_period: dict[tuple[str, str], list[Objective]] = {}
        self._by_period: dict[str, list[Objective]] = {}
        for o in self.objectives:
            self._by_unit_period.setdefault((o.unit.id, o.period.id), []).append(o)
            self._by_period.setdefault(o.period.id, []).append(o)
        self._periods = sorted({o.period for o in self.objectives} | set(self.org.periods.values()), reverse=True)
        logs = sorted((log for log in self.org.logs if log.unit.id in self.units),
                      key=lambda e: (e.date, e.rel), reverse=True)  # newest first
        self._logs = logs
        self._logs_by_unit: dict[str, list[LogEntry]] = {}
        self._logs_by_objective: dict[int, list[LogEntry]] = {}
        for log in logs:
            self._logs_by_unit.setdefault(log.unit.id, []).append(log)
            touched = {id(c.key_result.objective) for c in log.check_ins}
            touched |= {id(ch.target) if isinstance(ch.target, Objective) else id(ch.target.objective)
                        for ch in log.changes if ch.target is not None}
            for key in touched:
                self._logs_by_objective.setdefault(key, []).append(log)
        self._markdown: dict[tuple[str, int], str] = {}

    # --- words, numbers, dates -------------------------------------------------------------
    def t(self, key: str, **fmt: Any) -> str:
        return label(key, self.lang, **fmt)

    def date(self, day: dt.date | None) -> str:
        return format_date(day, self.lang)

    def short_date(self, day: dt.date | None) -> str:
        return format_short_date(day, self.lang)

    def period_name(self, period: Period) -> str:
        return period_label(period, self.lang, self.org.settings.periods.fiscal_year_start_month)

    def period_range(self, period: Period) -> str:
        return period_range(period, self.lang)

    def period_state(self, period: Period) -> str:
        if period.end < self.today:
            return "finished"
        return "running" if period.start <= self.today else "upcoming"

    def number(self, x: float | None) -> str:
        return numbers.number(x, self.lang)

    def pct(self, fraction: float | None) -> str:
        return numbers.percent(fraction, self.lang)

    def score(self, x: float | None) -> str:
        return numbers.score(x, self.lang)

    @staticmethod
    def band(x: float | None) -> str:
        return "none" if x is None else score_band(x)

    def value(self, kr: KeyResult, v: Any) -> str:
        """A KR value as readers expect it: 58%, 1,200件, 達成, 2/4 完了."""
        if v is None:
            return "–"
        if kr.kind == "boolean":
            return self.t("achieved") if v is True else self.t("not_achieved")
        if kr.kind == "milestones":
            done = len([s for s in kr.steps if s.id in (v or [])])
            return self.t("steps_done", done=done, total=len(kr.steps))
        unit = kr.unit_label
        text = self.number(v)
        if not unit:
            return text
        return f"{text}{unit}" if unit in ("%", "％") or len(unit) <= 2 and not unit.isascii() else f"{text} {unit}"

    def target_text(self, kr: KeyResult) -> str:
        if kr.kind == "threshold":
            lo = self.value(kr, kr.min) if kr.min is not None else None
            hi = self.value(kr, kr.max) if kr.max is not None else None
            if lo and hi:
                return self.t("between", lo=lo, hi=hi)
            return self.t("at_least", v=lo) if lo else self.t("at_most", v=hi)
        if kr.kind == "milestones":
            return self.t("steps_done", done=len(kr.steps), total=len(kr.steps))
        return self.value(kr, kr.target)

    def baseline_text(self, kr: KeyResult, p: KRProgress | None = None) -> str:
        if kr.kind == "milestones":
            return self.t("steps_done", done=0, total=len(kr.steps))
        base = p.baseline if p is not None else kr.baseline
        return self.value(kr, base)

    def status_label(self, status: Status | str) -> str:
        return self.t(status.value if isinstance(status, Status) else status)

    def markdown(self, text: str, shift: int = 0) -> str:
        """Render Markdown written by a team; headings are shifted down to sit inside a section.
        A check-in appears on several pages: it is converted once."""
        key = (text, shift)
        if key not in self._markdown:
            if shift:
                text = re.sub(r"^(#{1,6})(?=\s)", lambda m: "#" * min(6, len(m.group(1)) + shift), text, flags=re.M)
            self._markdown[key] = clean_html(self.markdown_fn(text)) if text.strip() else ""
        return self._markdown[key]

    # --- progress (computed once per build) ---------------------------------------------------
    def progress(self, obj: Objective) -> ObjectiveProgress:
        key = id(obj)
        if key not in self._progress:
            self._progress[key] = objective_progress(obj, self.org)
        return self._progress[key]

    def kr(self, kr: KeyResult) -> KRProgress:
        return self.progress(kr.objective).key_results[kr.index]

    def objectives_of(self, unit: Unit, period: Period | None) -> list[Objective]:
        if period is None:
            return []
        return list(self._by_unit_period.get((unit.id, period.id), []))

    def period_objectives(self, period: Period | None) -> list[Objective]:
        if period is None:
            return []
        return list(self._by_period.get(period.id, []))

    def mean_score(self, objectives: list[Objective]) -> float | None:
        return mean([self.progress(o).score for o in objectives])

    def unit_score(self, unit: Unit, period: Period | None) -> float | None:
        return mean([self.progress(o).score for o in self.objectives_of(unit, period)])

    def counts(self, objectives: list[Objective]) -> dict[Status, int]:
        return status_counts([self.progress(o) for o in objectives])

    def success_text(self, obj: Objective) -> str:
        key = "success_committed" if obj.type == "committed" else "success_aspirational"
        return self.t(key, success=f"{success_line(obj.type, self.org):.1f}")

    def periods(self) -> list[Period]:
        """Every period with content, newest first."""
        return list(self._periods)

    # --- people and units ----------------------------------------------------------------------
    def person(self, pid: str | None) -> Unit | None:
        unit = self.units.get(pid or "")
        return unit if unit is not None and unit.kind == "person" else None

    def person_name(self, pid: str | None) -> str:
        unit = self.person(pid)
        return unit.name if unit else (pid or "")

    def kind_label(self, unit: Unit) -> str:
        try:
            return self.t(unit.kind)
        except KeyError:
            return unit.kind

    def members(self, unit: Unit) -> list[Unit]:
        people = [c for c in unit.children if c.kind == "person" and c.id in self.units]
        extra = [self.units[m] for m in unit.members if m in self.units and self.units[m] not in people]
        return people + extra

    def child_units(self, unit: Unit) -> list[Unit]:
        return [c for c in unit.children if c.kind != "person" and c.id in self.units]

    def people(self) -> list[Unit]:
        return sorted((u for u in self.units.values() if u.kind == "person"),
                      key=lambda u: (u.parent.id if u.parent else "", u.id))

    def owned_by(self, pid: str, only: Period | None = None) -> list[tuple[Period, list[Objective],
                                                                       list[KeyResult], list]]:
        """What a person owns, by period (newest first), or in the period `only`."""
        out = []
        for period in ([only] if only is not None else self.periods()):
            objs = [o for o in self.period_objectives(period) if o.owner == pid]
            krs = [k for o in self.period_objectives(period) for k in o.key_results if k.owner == pid]
            inis = [i for o in self.period_objectives(period) for i in o.initiatives if i.owner == pid]
            if objs or krs or inis:
                out.append((period, objs, krs, inis))
        return out

    def root(self) -> Unit | None:
        root = self.org.root
        return root if root is not None and root.id in self.units else None

    # --- alignment ---------------------------------------------------------------------------------
    def visible(self, thing: Any) -> bool:
        obj = thing.objective if isinstance(thing, KeyResult) else thing
        return id(obj) in self._visible

    def children_of(self, thing: Objective | KeyResult) -> list[Objective | KeyResult]:
        """What aligns to an objective or KR (published ones), in any period: objective pages list them."""
        return [c for c in thing.contributors if self.visible(c)]

    @staticmethod
    def _period_of(thing: Objective | KeyResult) -> Period:
        return thing.objective.period if isinstance(thing, KeyResult) else thing.period

    def cascade_children(self, thing: Objective | KeyResult) -> list[tuple[Objective | KeyResult, bool]]:
        """A cascade node's children, as (node, is_reference). The tree holds each objective once,
        under what it aligns to; a KR that contributes to another KR is shown there as a reference
        (a leaf), because its own subtree hangs under its own objective."""
        period = self._period_of(thing).id
        out = []
        for c in self.children_of(thing):
            if self._period_of(c).id != period:
                continue  # aligned across periods: shown in its own period's cascade
            out.append((c, isinstance(c, KeyResult)))
        return out

    def krs_with_children(self, obj: Objective) -> list[KeyResult]:
        """Key results that other OKRs of the period align to: the cascade shows those below the KR."""
        return [kr for kr in obj.key_results if self.cascade_children(kr)]

    def _aligned_in_period(self, obj: Objective) -> bool:
        target = obj.aligns_to
        return target is not None and self.visible(target) and self._period_of(target).id == obj.period.id

    def cascade_roots(self, period: Period) -> list[Objective]:
        """Top of the cascade: the root unit's objectives that align to nothing in the period."""
        root = self.org.root
        return [o for o in self.period_objectives(period) if root is not None and o.unit is root
                and not self._aligned_in_period(o)]

    def orphans(self, period: Period) -> list[Objective]:
        """Other units' objectives that align to nothing in the period (listed apart on the cascade)."""
        root = self.org.root
        return [o for o in self.period_objectives(period) if o.unit is not root and not self._aligned_in_period(o)]

    def aligned_elsewhere(self, obj: Objective) -> Objective | KeyResult | None:
        """What an objective aligns to in another (earlier) period, if that is where it aligns."""
        target = obj.aligns_to
        if target is not None and self.visible(target) and self._period_of(target).id != obj.period.id:
            return target
        return None

    # --- check-ins ----------------------------------------------------------------------------------
    def logs(self, *, unit: Unit | None = None, period: Period | None = None,
             objective: Objective | None = None) -> list[LogEntry]:
        """Check-ins (of a unit, a period, an objective), newest first."""
        if objective is not None:
            logs = self._logs_by_objective.get(id(objective), [])
        elif unit is not None:
            logs = self._logs_by_unit.get(unit.id, [])
        else:
            logs = self._logs
        return [log for log in logs if (unit is None or log.unit is unit)
                and (period is None or log.period.id == period.id)]

    def needs_check_in(self, period: Period | None) -> list[tuple[Unit, int | None]]:
        """Units of the running period whose last check-in is older than the stale threshold."""
        if period is None or self.period_state(period) != "running":
            return []
        limit = self.org.settings.stale_after_days
        out = []
        for unit in sorted({o.unit for o in self.period_objectives(period)}, key=lambda u: u.id):
            last = max((log.date for log in self.logs(unit=unit, period=period) if log.date <= self.today), default=None)
            if is_stale(last, period, self.today, limit):
                out.append((unit, days_since(last, self.today)))
        return out

    # --- links ---------------------------------------------------------------------------------------
    def uri(self, thing: Any) -> str:
        if isinstance(thing, str):
            return thing
        if isinstance(thing, Objective):
            return urls.objective_uri(thing)
        if isinstance(thing, KeyResult):
            return urls.objective_uri(thing.objective) + "#" + urls.anchor(thing)
        if isinstance(thing, Unit):
            return urls.unit_uri(thing)
        if isinstance(thing, Period):
            return urls.period_uri(thing)
        raise TypeError(f"no page for {thing!r}")

    def url(self, thing: Any) -> str:
        """A relative link from the page being rendered to `thing` (an object or a src_uri)."""
        uri = self.uri(thing)
        fragment = ""
        if "#" in uri:
            uri, fragment = uri.split("#", 1)
            fragment = "#" + fragment
        return urls.relative(urls.to_url(uri, self.use_directory_urls) + fragment, self.here)

    def link_unit(self, pid: str | None) -> str | None:
        return self.url(self.units[pid]) if pid in self.units else None

    def breadcrumbs(self, thing: Any) -> list[tuple[str, str | None]]:
        unit = thing if isinstance(thing, Unit) else thing.unit if isinstance(thing, Objective) else None
        crumbs: list[tuple[str, str | None]] = []
        if unit is not None:
            chain = [u for u in reversed(unit.ancestors) if u.id in self.units]
            crumbs = [(u.name, self.url(u)) for u in chain]
            if isinstance(thing, Objective):
                crumbs.append((unit.name, self.url(unit)))
                crumbs.append((self.period_name(thing.period), self.url(thing.period)))
        return crumbs

    def cascade_url(self, period: Period) -> str:
        return self.url(urls.cascade_uri(period))

    def dom_id(self, thing: Any) -> str:
        return re.sub(r"[^a-z0-9-]+", "-", self.uri(thing).lower()).strip("-")
