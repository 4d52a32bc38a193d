"""The site view's trend and confidence (`view.trend`): what cards, tables and the cascade show beside
progress. The numbers are scoring/trend.py's; this only words them in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..charts.sparkline import sparkline_svg
from ..model.organization import KeyResult, Objective
from ..scoring.progress import CONFIDENCE_ON, CONFIDENCE_RISK
from ..scoring.trend import Trend, confidence_level, kr_trend, objective_confidence, objective_trend, progress_series
from ..text.escape import markup
from ..text.numbers import number

if TYPE_CHECKING:
    from .view import SiteView

Thing = Objective | KeyResult
SHAPES = {"high": "●", "medium": "◐", "low": "○"}  # the level told by shape as well as by words
ARROWS = {"up": "▲", "down": "▼", "flat": "▶"}


@dataclass(frozen=True, slots=True)
class TrendView:
    site: SiteView

    def _finished(self, thing: Thing) -> bool:
        obj = thing.objective if isinstance(thing, KeyResult) else thing
        return obj.period.end < self.site.today

    def of(self, thing: Thing) -> Trend:
        """The change since the previous check-in (computed once per build)."""
        org = self.site.org
        make = (lambda: kr_trend(thing, org)) if isinstance(thing, KeyResult) else (lambda: objective_trend(thing, org))
        return self.site.lookups.remember(("trend", id(thing)), make)

    def direction(self, thing: Thing) -> str:
        return self.of(thing).direction

    def arrow(self, thing: Thing) -> str:
        return ARROWS.get(self.direction(thing), "")

    def text(self, thing: Thing) -> str:
        """"+6 pt", "−3 pt", "no change"; "" when there is nothing to compare (a first check-in)."""
        n = self.of(thing).points
        if n is None:
            return ""
        if n == 0:
            return self.site.t("trend_flat")
        sign = "+" if n > 0 else "−"
        return self.site.t("trend_points", sign=sign, n=number(abs(n), self.site.lang))

    def sort_value(self, thing: Thing) -> str:
        """The change as a sortable number (no change to compare sorts first)."""
        n = self.of(thing).points
        return "-9999" if n is None else str(n)

    def title(self, thing: Thing) -> str:
        """What the change is measured against, for the indicator's tooltip and screen readers."""
        since = self.of(thing).since
        return self.site.t("trend_since", date=self.site.date(since)) if since else ""

    def confidence(self, thing: Thing) -> float | None:
        """The latest confidence (an objective: its least confident KR's); none once the period is over,
        when there is nothing left to forecast."""
        if self._finished(thing):
            return None
        if isinstance(thing, KeyResult):
            return self.site.kr(thing).confidence
        return objective_confidence(self.site.progress(thing))

    def confidence_level(self, thing: Thing) -> str:
        return confidence_level(self.confidence(thing))

    def confidence_shape(self, thing: Thing) -> str:
        return SHAPES.get(self.confidence_level(thing), "")

    def confidence_text(self, thing: Thing) -> str:
        """"Confidence 0.4", or "" without one."""
        c = self.confidence(thing)
        return "" if c is None else f"{self.site.t('confidence')} {self.site.confidence(c)}"

    def confidence_title(self, thing: Thing) -> str:
        """The level in words ("Confidence: low"), for the indicator's tooltip."""
        level = self.confidence_level(thing)
        if level == "none":
            return ""
        return self.site.t(f"confidence_{level}", on=self.site.confidence(CONFIDENCE_ON),
                           risk=self.site.confidence(CONFIDENCE_RISK))

    def sparkline(self, kr: KeyResult) -> Markup:
        """The KR's progress after each check-in as a small inline SVG (empty below two check-ins)."""
        series = self.site.lookups.remember(("series", id(kr)), lambda: progress_series(kr, self.site.org))
        shown = [p for _, p in series]
        label = self.site.t("sparkline_label", points=", ".join(self.site.pct(p / 100) for p in shown))
        return markup(sparkline_svg(shown, label))
