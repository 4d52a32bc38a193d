"""The dashboard's view (`view.dash`): the period at a glance, its status counts as links to the
lists they count, and what needs attention. Which objectives need attention is decided by
scoring/attention.py; this module only finds the words, dates and addresses for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model.organization import KeyResult, Objective
from ..model.periods import Period
from ..scoring.attention import (
    LOW_CONFIDENCE,
    OFF_TRACK,
    STALE,
    UNEXPLAINED,
    Attention,
    Reason,
    confidence_line,
    last_check_in,
    needs_attention,
)
from ..scoring.progress import Status
from ..scoring.trend import period_expected, period_pace, period_progress
from . import urls

if TYPE_CHECKING:
    from .view import SiteView


@dataclass(frozen=True)
class StatusLink:
    """One status count: its status, how many objectives have it, and the list of them (None at 0)."""

    status: Status
    n: int
    url: str | None


@dataclass(frozen=True)
class StatusSection:
    status: Status
    anchor: str
    objectives: list[Objective]


@dataclass(frozen=True, slots=True)
class DashboardView:
    site: SiteView

    # --- the period's progress: only while it runs (a finished period shows its final score) ----
    def shows_progress(self, period: Period) -> bool:
        return self.site.is_running(period)

    def progress(self, period: Period) -> float | None:
        return period_progress([self.site.progress(o) for o in self.site.period_objectives(period)])

    def expected(self, period: Period) -> float | None:
        return period_expected([self.site.progress(o) for o in self.site.period_objectives(period)])

    def expected_status(self, period: Period) -> Status:
        return period_pace([self.site.progress(o) for o in self.site.period_objectives(period)])

    # --- status counts and the lists they lead to ----------------------------------------------
    @staticmethod
    def status_anchor(status: Status) -> str:
        return f"status-{status.value}"

    def statuses_url(self, period: Period) -> str:
        return self.site.url(urls.statuses_uri(period))

    def status_links(self, period: Period) -> list[StatusLink]:
        """The counts of the period's objectives by status, each linking to the list of exactly those."""
        counts = self.site.counts(self.site.period_objectives(period))
        page = urls.statuses_uri(period)
        return [StatusLink(s, n, self.site.url(f"{page}#{self.status_anchor(s)}") if n else None)
                for s, n in counts.items()]

    def status_sections(self, period: Period) -> list[StatusSection]:
        """Every status some objective of the period has, with those objectives (highest units first)."""
        objs = self.site.period_objectives(period)
        ordered = sorted(objs, key=lambda o: (o.unit.depth, o.unit.id, o.rel))
        return [StatusSection(link.status, self.status_anchor(link.status),
                              [o for o in ordered if self.site.progress(o).status is link.status])
                for link in self.status_links(period) if link.n]

    # --- needs attention ------------------------------------------------------------------------
    def attention(self, period: Period) -> list[Attention]:
        return self.site.lookups.remember(("attention", period.id), lambda: needs_attention(
            self.site.period_objectives(period), self.site.org, period, self.site.progress))

    def attention_scope(self, period: Period) -> str:
        """What the list checks, so an empty list says what is true."""
        if period.end < self.site.today:
            return self.site.t("attention_scope_finished")
        return self.site.t("attention_scope", line=self.site.confidence(confidence_line(self.site.org)),
                           days=self.site.org.settings.stale_after_days)

    def attention_empty(self, period: Period) -> str:
        key = "attention_none_finished" if period.end < self.site.today else "attention_none"
        return self.site.t(key)

    def reason_groups(self, item: Attention) -> list[tuple[KeyResult, list[str]]]:
        """The reasons by key result, in the order found: each KR once, with its reasons in words.
        The objective's own status (off track) is its badge beside the title."""
        groups: dict[int, tuple[KeyResult, list[str]]] = {}
        for r in item.reasons:
            if r.key_result is not None:
                groups.setdefault(id(r.key_result), (r.key_result, []))[1].append(self.reason_text(r))
        return list(groups.values())

    def reason_text(self, reason: Reason) -> str:
        """One reason in words: "Off track", "Confidence 0.3 (below 0.5)", "No check-in for 20 days",
        "Target changed without a reason: 520 → 450 (Nov 10)", "Unscored: awaiting a grade"."""
        t = self.site.t
        if reason.kind == OFF_TRACK:
            return t("off_track")
        if reason.kind == LOW_CONFIDENCE:
            return t("attention_low_confidence", value=self.site.confidence(reason.confidence),
                     line=self.site.confidence(confidence_line(self.site.org)))
        if reason.kind == STALE:
            kp = self.site.kr(reason.key_result)
            if kp.days_since_check_in is None:
                return t("attention_never")
            return t("attention_stale", when=self.site.last_check_in(kp))
        if reason.kind == UNEXPLAINED:
            ch = reason.change
            return t("attention_unexplained", field=ch.field, old=ch.old, new=ch.new, date=self.site.date(ch.date))
        return t("attention_unscored")

    def last_check_in(self, item: Attention) -> str:
        return self.site.date(item.last_check_in) if item.last_check_in else self.site.t("never")

    def objective_last_check_in(self, obj: Objective) -> str:
        day = last_check_in(self.site.progress(obj))
        return self.site.date(day) if day else self.site.t("never")
