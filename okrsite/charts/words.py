"""The words and numbers on charts and badges, in one language: labels from text/i18n, values
as readers expect them (58%, 1,200件, 達成, 2/4 完了).

The site view formats values for pages the same way (site/view.py); both should come from one
text-level module once text/ has a home for number formatting.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ..model.organization import KeyResult
from ..model.periods import Period
from ..scoring.progress import KRProgress, Status
from ..text.i18n import format_short_date, label, period_label


class Words:
    def __init__(self, lang: str, fiscal_year_start_month: int = 1) -> None:
        self.lang = lang
        self.fiscal_year_start_month = fiscal_year_start_month

    def t(self, key: str, **fmt: Any) -> str:
        return label(key, self.lang, **fmt)

    def short_date(self, day: dt.date | None) -> str:
        return format_short_date(day, self.lang)

    def period_name(self, period: Period) -> str:
        return period_label(period, self.lang, self.fiscal_year_start_month)

    @staticmethod
    def number(x: float | None) -> str:
        if x is None or (isinstance(x, float) and not math.isfinite(x)):
            return "–"
        if float(x).is_integer():
            return f"{int(x):,}"
        return f"{x:,.2f}".rstrip("0").rstrip(".")

    @staticmethod
    def pct(fraction: float | None) -> str:
        return "–" if fraction is None else f"{round(fraction * 100)}%"

    @staticmethod
    def score(x: float | None) -> str:
        return "–" if x is None else f"{x:.2f}"

    def value(self, kr: KeyResult, v: Any) -> str:
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
        return self.value(kr, p.baseline if p is not None else kr.baseline)

    def status_label(self, status: Status | str) -> str:
        return self.t(status.value if isinstance(status, Status) else status)
