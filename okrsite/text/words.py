"""The words and numbers a reader sees, in one language: labels (i18n.py), numbers (numbers.py),
dates (dates.py) and KR values as readers expect them (58%, 1,200件, 達成, 2/4 完了).

One object for pages, charts and badges, so a value reads the same wherever it appears.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model.organization import KeyResult
from ..model.periods import Period
from ..scoring.bands import band_ranges
from ..scoring.progress import KRProgress, Status
from ..scoring.results import Mean
from . import numbers
from .dates import format_date, format_short_date, period_label, period_range
from .i18n import label

FINAL_BANDS = {Status.FINAL_GREEN: "green", Status.FINAL_YELLOW: "yellow", Status.FINAL_RED: "red"}


class Words:
    """Formatting for one language; holds nothing but the language and the fiscal-year start."""

    __slots__ = ("lang", "fiscal_year_start_month")

    def __init__(self, lang: str, fiscal_year_start_month: int = 1) -> None:
        self.lang = lang
        self.fiscal_year_start_month = fiscal_year_start_month

    def t(self, key: str, **fmt: Any) -> str:
        return label(key, self.lang, **fmt)

    def date(self, day: dt.date | None) -> str:
        return format_date(day, self.lang)

    def short_date(self, day: dt.date | None) -> str:
        return format_short_date(day, self.lang)

    def period_name(self, period: Period) -> str:
        return period_label(period, self.lang, self.fiscal_year_start_month)

    def period_range(self, period: Period) -> str:
        return period_range(period, self.lang)

    def number(self, x: float | None) -> str:
        return numbers.number(x, self.lang)

    def pct(self, fraction: float | None) -> str:
        return numbers.percent(fraction, self.lang)

    def score(self, x: float | None) -> str:
        return numbers.score(x, self.lang)

    def confidence(self, x: float | None) -> str:
        return numbers.confidence(x, self.lang)

    def value(self, kr: KeyResult, v: Any) -> str:
        """A KR value as readers expect it: 58%, 1,200件, 達成, 2/4 完了."""
        if v is None:
            return numbers.MISSING
        if kr.kind == "boolean":
            return self.t("achieved") if v is True else self.t("not_achieved")
        if kr.kind == "milestones":
            done = len([s for s in kr.steps if s.id in (v or [])])
            return self.t("steps_done", done=done, total=len(kr.steps))
        unit = kr.unit_label
        text = self.number(v)
        if not unit:
            return text
        tight = unit in ("%", "％") or len(unit) <= 2 and not unit.isascii()  # 58%, 12件; but 12 users
        return f"{text}{unit}" if tight else f"{text} {unit}"

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
        return self.value(kr, p.baseline if p is not None else kr.baseline)

    def status_label(self, status: Status | str) -> str:
        status = Status(status) if isinstance(status, str) and status in Status._value2member_map_ else status
        if isinstance(status, Status) and status in FINAL_BANDS:
            return self.t("final_band", range=band_ranges()[FINAL_BANDS[status]])
        return self.t(status.value if isinstance(status, Status) else status)

    def coverage(self, unscored: int, counted: int) -> str:
        """"3 of 8 KRs unscored" beside a mean; empty when nothing is unscored."""
        return self.t("unscored_coverage", k=unscored, n=counted) if unscored else ""

    def mean_text(self, mean: Mean) -> str:
        """A mean as pages print it: "0.52 (3 of 8 KRs unscored)"; "–" when nothing was scored."""
        text = self.score(mean.value)
        cover = self.coverage(mean.unscored, mean.counted)
        if not cover or mean.value is None:
            return text
        return f"{text}({cover})" if self.lang == "ja" else f"{text} ({cover})"
