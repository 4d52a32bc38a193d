"""What templates see: the organization plus formatting, translation, progress and links.

`SiteView` is an immutable façade: built once per build (`SiteView(org, lang, …)`), and derived
for a page with `at(here)` or with charts and a Markdown renderer with `with_charts()` /
`with_markdown()`; nothing is assigned on it afterwards. Build-wide look-ups and caches are in
`Lookups` (lookups.py). Its parts, one concern each: `view.links` (links.py), `view.charts`
(view_charts.py), `view.history` — learnings, wins, retrospectives (view_history.py),
`view.cascade` — alignment (view_cascade.py), `view.tree` — units and people (view_units.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..model.organization import KeyResult, LogEntry, Objective, Organization, Unit
from ..model.periods import Period
from ..model.visibility import shown
from ..scoring.bands import score_band, success_line
from ..scoring.progress import (
    FINAL_ORDER,
    STATUS_ORDER,
    KRProgress,
    ObjectiveProgress,
    Status,
    objective_progress,
    objectives_mean,
    status_counts,
)
from ..scoring.results import Mean
from ..scoring.rounding import rounded
from ..scoring.staleness import days_since, unit_is_stale
from ..source.links import safe_link
from ..text.escape import markup
from ..text.i18n import label
from ..text.inline import inline_html, inline_plain
from ..text.sanitize import prose_cleaner
from ..text.words import Words
from . import urls
from .links import Links
from .lookups import Lookups
from .view_cascade import CascadeView
from .view_charts import ChartView
from .view_dashboard import DashboardView
from .view_history import HistoryView
from .view_kpis import KpiView
from .view_trend import TrendView
from .view_units import UnitsView

if TYPE_CHECKING:
    from ..charts.publish import ChartFiles

MarkdownFn = Callable[[str], str]


def _plain_markdown(text: str) -> str:
    import markdown

    return markdown.markdown(text, extensions=["tables", "fenced_code", "sane_lists"])


@lru_cache(maxsize=1 << 14)
def _title_html(text: str) -> Markup:
    """A title's HTML, made once per process: a KR's title is on many pages, each time through the
    cleaner. Escaped pieces, then the prose allowlist (text/inline.py)."""
    return markup(inline_html(text))


@dataclass(frozen=True)
class Bar:
    """A progress bar's numbers: percent for aria, fill width and pace marker position (0–100)."""

    now: int
    width: int
    pace: int | None


def _percent(fraction: float | None) -> int:
    """A whole percent by the one rounding rule (the bar's aria value reads like the label)."""
    return 0 if fraction is None else int(rounded(fraction * 100, 0))


@dataclass(frozen=True, slots=True, eq=False)
class SiteView:
    org: Organization
    lang: str
    links: Links
    published: ChartFiles | None  # when charts are on
    markdown_fn: MarkdownFn
    lookups: Lookups
    clean: MarkdownFn  # rendered prose -> what a page may hold (text/sanitize.py: the allowlist, or trust_html)

    def __init__(self, org: Organization, lang: str, *, use_directory_urls: bool = True,
                 markdown: MarkdownFn | None = None, site_url: str = "", published: ChartFiles | None = None,
                 trust_html: bool = False) -> None:
        org = shown(org)  # the audience's organization: nothing above it reaches a page (model/visibility.py)
        for name, value in (("org", org), ("lang", lang), ("links", Links("", use_directory_urls, site_url)),
                            ("published", published), ("markdown_fn", markdown or _plain_markdown),
                            ("lookups", Lookups.of(org)), ("clean", prose_cleaner(trust_html))):
            object.__setattr__(self, name, value)

    def _with(self, **changes: Any) -> SiteView:
        new = object.__new__(SiteView)
        for f in fields(self):
            object.__setattr__(new, f.name, changes.get(f.name, getattr(self, f.name)))
        return new

    def at(self, here: str) -> SiteView:
        """The view of the page at `here` (its URL relative to the site root)."""
        return self._with(links=self.links.at(here))

    def with_charts(self, published: ChartFiles) -> SiteView:
        return self._with(published=published)

    def with_markdown(self, markdown: MarkdownFn) -> SiteView:
        return self._with(markdown_fn=markdown)

    # --- the parts ------------------------------------------------------------------------------
    @property
    def charts(self) -> ChartView:
        return ChartView(self)

    @property
    def history(self) -> HistoryView:
        return HistoryView(self)

    @property
    def kpis(self) -> KpiView:  # docs/kpis.md (view_kpis.py)
        return KpiView(self)

    @property
    def cascade(self) -> CascadeView:
        return CascadeView(self)

    @property
    def tree(self) -> UnitsView:
        return UnitsView(self)

    @property
    def dash(self) -> DashboardView:
        return DashboardView(self)

    @property
    def trend(self) -> TrendView:
        return TrendView(self)

    @property
    def today(self) -> dt.date:
        return self.lookups.today

    @property
    def current(self) -> Period | None:
        return self.lookups.current

    @property
    def units(self) -> dict[str, Unit]:
        return self.lookups.units

    @property
    def objectives(self) -> list[Objective]:
        return self.lookups.objectives

    @property
    def use_directory_urls(self) -> bool:
        return self.links.use_directory_urls

    @property
    def site_url(self) -> str:
        return self.links.site_url

    # --- words, numbers, dates: text/words.py is their one home ------------------------------
    @property
    def words(self) -> Words:
        return Words(self.lang, self.org.settings.periods.fiscal_year_start_month)

    def t(self, key: str, **fmt: Any) -> str:
        return label(key, self.lang, **fmt)

    def date(self, day: dt.date | None) -> str:
        return self.words.date(day)

    def short_date(self, day: dt.date | None) -> str:
        return self.words.short_date(day)

    def period_name(self, period: Period) -> str:
        return self.words.period_name(period)

    def period_range(self, period: Period) -> str:
        return self.words.period_range(period)

    def period_state(self, period: Period) -> str:
        return period.state(self.today)

    def number(self, x: float | None) -> str:
        return self.words.number(x)

    def pct(self, fraction: float | None) -> str:
        return self.words.pct(fraction)

    def score(self, x: float | None) -> str:
        return self.words.score(x)

    @staticmethod
    def band(x: float | None) -> str:
        return "none" if x is None else score_band(x)

    def band_tile(self, band: str) -> str:
        """A score-distribution tile's words: its band's range, so the tile is not told by colour alone."""
        from ..scoring.bands import band_ranges

        if band == "unscored":
            return self.t("unscored")
        return self.t("band_objectives", range=band_ranges()[band])

    def value(self, kr: KeyResult, v: Any) -> str:
        return self.words.value(kr, v)

    def target_text(self, kr: KeyResult) -> str:
        return self.words.target_text(kr)

    def baseline_text(self, kr: KeyResult, p: KRProgress | None = None) -> str:
        return self.words.baseline_text(kr, p)

    def status_label(self, status: Status | str) -> str:
        return self.words.status_label(status)

    def statuses(self, period: Period | None = None) -> list[Status]:
        """Every status a period's rows can have, in the order lists and filters show them: the pace
        statuses, or a finished period's final states (never a pace word for a finished period)."""
        return list(FINAL_ORDER if period is not None and period.end < self.today else STATUS_ORDER)

    def days_since(self, days: int | None) -> str:
        """How long ago a unit last checked in: "n days ago", or never."""
        return self.t("never") if days is None else self.t("days_since", days=days)

    def last_check_in(self, p: KRProgress) -> str:
        """When a key result was last checked in (an update with only a grade, projection or confidence
        counts: the team looked at it), or never."""
        if p.days_since_check_in is None:
            return self.t("never")
        return self.date(p.on - dt.timedelta(days=p.days_since_check_in))

    def confidence(self, x: float | None) -> str:
        """A confidence (0–1) with one decimal."""
        return self.words.confidence(x)

    @staticmethod
    def sort_value(x: float | None) -> str:
        """A number for a sortable table cell: machine-readable; a missing one sorts first."""
        return "-1" if x is None else f"{x:.4f}"

    @staticmethod
    def bar(fraction: float | None, expected: float | None = None, status: Status | None = None) -> Bar:
        """A finished period's bar has no pace marker: pace means nothing once the period is graded."""
        now = _percent(fraction)
        if expected is None or (status is not None and status.final):
            return Bar(max(now, 0), min(max(now, 0), 100), None)
        return Bar(max(now, 0), min(max(now, 0), 100), min(max(_percent(expected), 0), 100))

    def search_text(self, *parts: str | None) -> str:
        """What a list filter matches: the words of an entry, in lower case."""
        return " ".join(p for p in parts if p).lower()

    @staticmethod
    def title(thing: Any) -> Markup:
        """An objective's, KR's, initiative's or step's title, its inline Markdown as HTML (§18)."""
        return _title_html(thing.title)

    @staticmethod
    def plain(text: str | None) -> str:
        """A title as plain text, for attributes, sort keys and labels (never raw Markdown)."""
        return inline_plain(text or "")

    @staticmethod
    def outside_link(url: str | None) -> str | None:
        """A contributor's link field as an href, or None when a browser would run it rather than follow
        it (checked as OKR122; a site served with errors still never links it)."""
        return url if safe_link(url) else None

    @staticmethod
    def priority(thing: Any) -> str:
        """`P1` for rank 1, "" without a priority (§13)."""
        rank = getattr(thing, "priority", None)
        return "" if rank is None else f"P{rank}"

    @staticmethod
    def priority_sort(thing: Any) -> str:
        """The sort key of a priority column: rank ascending, items without one last."""
        rank = getattr(thing, "priority", None)
        return "99" if rank is None else f"{rank:02d}"

    @classmethod
    def priorities(cls, things: list[Any]) -> list[str]:
        """The priorities written among `things`, most important first (the filter's choices)."""
        ranks = sorted({t.priority for t in things if getattr(t, "priority", None) is not None})
        return [f"P{r}" for r in ranks]

    @staticmethod
    def objective_of(thing: Objective | KeyResult) -> Objective:
        return thing.objective if isinstance(thing, KeyResult) else thing

    @staticmethod
    def is_kr(thing: Any) -> bool:
        return isinstance(thing, KeyResult)

    def step_done(self, p: KRProgress, step: Any) -> bool:
        return bool(p.current) and step.id in p.current

    def markdown(self, text: str, shift: int = 0) -> Markup:
        """Render Markdown written by a team; headings are shifted down to sit inside a section.
        A check-in appears on several pages: it is converted once. The result is markup already,
        so templates never need `| safe`."""
        def convert() -> Markup:
            shifted = re.sub(r"^(#{1,6})(?=\s)", lambda m: "#" * min(6, len(m.group(1)) + shift), text,
                             flags=re.M) if shift else text
            return markup(self.clean(self.markdown_fn(shifted)) if shifted.strip() else "")

        return self.lookups.remember(("markdown", self.markdown_fn, self.clean, text, shift), convert)

    # --- progress (computed once per build) ---------------------------------------------------
    def progress(self, obj: Objective) -> ObjectiveProgress:
        return self.lookups.remember(("progress", id(obj)), lambda: objective_progress(obj, self.org))

    def kr(self, kr: KeyResult) -> KRProgress:
        return self.progress(kr.objective).key_results[kr.index]

    def objectives_of(self, unit: Unit, period: Period | None) -> list[Objective]:
        if period is None:
            return []
        return list(self.lookups.by_unit_period.get((unit.id, period.id), []))

    def period_objectives(self, period: Period | None) -> list[Objective]:
        if period is None:
            return []
        return list(self.lookups.by_period.get(period.id, []))

    def period_units(self, period: Period | None) -> list[Unit]:
        """The units with objectives in a period, highest first (the period overview's unit table)."""
        return sorted({o.unit for o in self.period_objectives(period)}, key=lambda u: (u.depth, u.name, u.id))

    def mean_score(self, objectives: list[Objective]) -> float | None:
        return self.objectives_mean(objectives).value

    def objectives_mean(self, objectives: list[Objective]) -> Mean:
        """The mean of objective scores with its coverage (scoring/results.py)."""
        return objectives_mean([self.progress(o) for o in objectives])

    def period_mean(self, period: Period | None) -> Mean:
        """The period score with its coverage: the mean of the period's scored objectives, each once
        (no number when nothing is scored; an official unit score does not enter it)."""
        return self.objectives_mean(self.period_objectives(period))

    def not_graded(self, period: Period | None) -> bool:
        """A finished period in which nothing is scored: it has no period score ("Not graded")."""
        return period is not None and period.end < self.today and self.period_mean(period).value is None

    def unit_not_graded(self, unit: Unit, period: Period | None) -> bool:
        """A finished period in which nothing of the unit is scored and no official score was written."""
        return (period is not None and period.end < self.today
                and self.unit_score(unit, period) is None)

    @staticmethod
    def dropped_status() -> Status:
        """The one status a dropped objective or KR shows, in every period (never a pace word)."""
        return Status.DROPPED

    def mean_text(self, objectives: list[Objective]) -> str:
        """"0.52 (3 of 8 KRs unscored)", or "–" when nothing is scored."""
        return self.words.mean_text(self.objectives_mean(objectives))

    def unit_score(self, unit: Unit, period: Period | None) -> float | None:
        """The unit's score: the team's official `unit_score` when written, else the mean of its objectives."""
        official = self.official_score(unit, period)
        return official if official is not None else self.mean_score(self.objectives_of(unit, period))

    def official_score(self, unit: Unit, period: Period | None) -> float | None:
        retro = self.org.retro_of(unit, period) if period is not None else None
        return retro.unit_score if retro else None

    def unit_score_text(self, unit: Unit, period: Period | None) -> str:
        """The unit's score as its page says it: "0.40 official (computed mean 0.30)" when they differ,
        the mean with its coverage otherwise."""
        computed = self.objectives_mean(self.objectives_of(unit, period))
        official = self.official_score(unit, period)
        if official is None:
            return self.words.mean_text(computed)
        if self.score(official) == self.score(computed.value):
            return self.score(official)
        return self.t("official_score", score=self.score(official), mean=self.score(computed.value))

    def unit_mean(self, unit: Unit, period: Period | None) -> Mean:
        """The computed mean of a unit's objectives in a period, with its coverage and official score."""
        m = self.objectives_mean(self.objectives_of(unit, period))
        return replace(m, official=self.official_score(unit, period))

    def mean_notes(self, x: Mean | ObjectiveProgress) -> list[str]:
        """What is said beside a score: an official score's computed mean when they differ, a grade as a
        whole and its KRs' mean, "(3 of 8 KRs unscored)", "1 score(s) above 1.0 counted as 1.0"."""
        notes = []
        if isinstance(x, ObjectiveProgress) and x.graded_whole:
            notes.append(self.t("graded_whole", score=self.score(x.score), mean=self.score(x.kr_mean)))
        if isinstance(x, Mean) and x.official is not None and self.score(x.official) != self.score(x.value):
            notes.append(self.t("official_note", mean=self.score(x.value)))
        cover = self.words.coverage(x.unscored, x.counted)
        if cover and (x.score if isinstance(x, ObjectiveProgress) else x.value) is not None:
            notes.append(f"({cover})")
        if x.clamped:
            notes.append(self.t("clamped_note", k=x.clamped))
        return notes

    def coverage(self, p: ObjectiveProgress) -> str:
        """An objective's "(k of n KRs unscored)", empty when none is."""
        return self.words.coverage(p.unscored, p.counted)

    def score_source(self, p: KRProgress) -> str:
        """Where a KR's shown score comes from: "final score", "grade of 2026-11-20" (with its
        projection), "computed from values"; empty when unscored."""
        source = p.result.source if p.result else None
        if source is None:
            return ""
        if source == "check-in-grade":
            text = self.t("score_source_check-in-grade", date=self.date(p.result.grade.date))
        else:
            text = self.t(f"score_source_{source}")
        if p.projection is not None and not p.status.final:
            text += f" · {self.t('projection')} {self.score(p.projection)}"
        return text

    def result_word(self, p: KRProgress) -> str:
        """A result given in words (Deferred, Not applicable…), else empty."""
        return self.t(p.result.word) if p.result and p.result.word else ""

    def counts(self, objectives: list[Objective]) -> dict[Status, int]:
        return status_counts([self.progress(o) for o in objectives])

    def success_text(self, obj: Objective) -> str:
        key = "success_committed" if obj.type == "committed" else "success_aspirational"
        return self.t(key, success=self.score(success_line(obj.type, self.org)))

    def periods(self) -> list[Period]:
        """Every period with content, newest first."""
        return list(self.lookups.periods)

    # --- people and units ----------------------------------------------------------------------
    def person(self, pid: str | None) -> Unit | None:
        unit = self.units.get(pid or "")
        return unit if unit is not None and unit.kind == "person" else None

    def person_name(self, pid: str | None) -> str:
        """The name of the unit an owner or author names (a person, a team, a role); its id only
        when no published unit has it."""
        unit = self.units.get(pid or "")
        return unit.name if unit else (pid or "")

    def owner_names(self, thing: Any) -> str:
        """Every owner's name, in the order written (sort keys and search)."""
        return ", ".join(self.person_name(pid) for pid in getattr(thing, "owners", []))

    def root(self) -> Unit | None:
        root = self.org.root
        return root if root is not None and root.id in self.units else None

    def root_label(self, what: str) -> str:
        """`objectives` / `feed` of the root unit, labelled by its kind (§14): "Company objectives",
        "Foundation objectives", "Project objectives"."""
        root = self.org.root
        kind = root.kind if root is not None else "company"
        if kind == "company":
            return self.t(f"company_{what}")
        return self.t(f"root_{what}", kind=self.tree.kind_label(root))

    # --- what is published ---------------------------------------------------------------------------------
    def visible(self, thing: Any) -> bool:
        obj = thing.objective if isinstance(thing, KeyResult) else thing
        return id(obj) in self.lookups.visible

    # --- check-ins ----------------------------------------------------------------------------------
    def logs(self, *, unit: Unit | None = None, period: Period | None = None,
             objective: Objective | None = None) -> list[LogEntry]:
        """Check-ins (of a unit, a period, an objective), newest first."""
        if objective is not None:
            logs = self.lookups.logs_by_objective.get(id(objective), [])
        elif unit is not None:
            logs = self.lookups.logs_by_unit.get(unit.id, [])
        else:
            logs = self.lookups.logs
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
            krs = [kr for o in self.period_objectives(period) if o.unit is unit for kr in o.key_results]
            if last is not None and unit_is_stale(last, krs, period, self.today, limit):
                out.append((unit, days_since(last, self.today)))
        return out

    def current_label(self) -> str:
        """What the site's current period is called: "Current period" only while it runs, else
        "Latest period (finished)" — never both current and finished."""
        running = self.current is not None and self.is_running(self.current)
        return self.t("current_period" if running else "latest_period_finished")

    def is_running(self, period: Period | None) -> bool:
        """Whether today lies in the period (only then are check-ins due, and pace statuses shown)."""
        return period is not None and period.start <= self.today <= period.end

    def never_checked_in(self, period: Period | None) -> list[tuple[Unit, int]]:
        """Units with objectives in the running period and no check-in in it yet, with the days since
        the period started: never counted as "checked in recently"."""
        if period is None or self.period_state(period) != "running":
            return []
        units = sorted({o.unit for o in self.period_objectives(period)}, key=lambda u: u.id)
        return [(u, (self.today - period.start).days) for u in units
                if not any(log.date <= self.today for log in self.logs(unit=u, period=period))]

    def top_level_objectives(self, period: Period | None) -> list[Objective]:
        """The objectives of a period aligned to nothing, highest units first: what the dashboard shows
        when the root unit has no objectives in the period."""
        tops = [o for o in self.period_objectives(period) if o.aligns_ref is None]
        return sorted(tops, key=lambda o: (o.unit.depth, o.unit.id))

    # --- links ---------------------------------------------------------------------------------------
    def url(self, thing: Any) -> str:
        """A relative link from the page being rendered to `thing` (an object or a src_uri)."""
        return self.links.url(thing)

    def link_unit(self, pid: str | None) -> str | None:
        return self.url(self.units[pid]) if pid in self.units else None

    def log_link(self, log: LogEntry) -> str:
        """Where a check-in is shown in full (src_uri#anchor): the unit page for the current period,
        else the unit's retrospective page of that period."""
        if self.current is not None and log.period.id == self.current.id:
            page = urls.unit_uri(log.unit)
        elif self.has_retro_page(log.period):
            page = urls.retro_uri(log.period, log.unit)
        else:
            page = urls.unit_uri(log.unit)
        return f"{page}#{urls.log_anchor(log)}"

    def feedback(self, thing: Objective | LogEntry):
        """The "comment / suggest a change" links of an objective or a check-in (site/forge.py), or None."""
        from .forge import feedback_of

        return feedback_of(self, thing)

    # --- which retrospective pages exist ------------------------------------------------------------
    def retro_pages(self) -> dict[Period, list[str]]:
        """{period: [unit ids]} of the retrospective pages (pages.retro_pages decides)."""
        from .pages import retro_pages

        return self.lookups.remember(("retro_pages",), lambda: retro_pages(self.org, self.objectives,
                                                                          list(self.units.values())))

    def retro_periods(self) -> list[Period]:
        return list(self.retro_pages())

    def retro_units(self, period: Period) -> list[Unit]:
        ids = next((ids for p, ids in self.retro_pages().items() if p.id == period.id), [])
        return sorted((self.units[u] for u in ids), key=lambda u: (u.depth, u.id))

    def has_retro_page(self, period: Period) -> bool:
        return any(p.id == period.id for p in self.retro_periods())
