"""Periods: the OKR cycle (quarters by default) and how period ids map to dates.

Period ids name the fiscal year by the calendar year in which it starts, as Japanese
companies say 2026年度 for April 2026 – March 2027. With the default calendar year
(fiscal_year_start_month: 1), 2026-Q4 is October–December 2026; with April, 2026-Q3 is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    id: str
    fiscal_year: int = 0
    index: int = 0  # 1-based quarter/half number, 0 for custom periods
    kind: str = "quarter"  # quarter | half | custom
    label: str = ""

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def state(self, today: dt.date) -> str:
        """finished | running | upcoming, as of `today`."""
        if self.end < today:
            return "finished"
        return "running" if self.start <= today else "upcoming"


def _add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + y, m + 1, 1)


@dataclass(frozen=True)
class PeriodScheme:
    scheme: str = "quarters"  # quarters | halves | custom
    fiscal_year_start_month: int = 1
    custom: tuple[Period, ...] = ()

    def parse(self, period_id: str) -> Period | None:
        """The period an id names, or None when the id is not one of this scheme."""
        if self.scheme == "custom":
            return next((p for p in self.custom if p.id == period_id), None)
        pattern, months, kind = (_QUARTER, 3, "quarter") if self.scheme == "quarters" else (_HALF, 6, "half")
        m = pattern.match(period_id)
        if not m:
            return None
        year, n = int(m.group(1)), int(m.group(2))
        if year < 1900:
            return None
        fy_start = dt.date(year, self.fiscal_year_start_month, 1)
        start = _add_months(fy_start, months * (n - 1))
        end = _add_months(start, months) - dt.timedelta(days=1)
        return Period(start, end, period_id, year, n, kind)

    def containing(self, day: dt.date) -> Period | None:
        """The period that contains `day` (None for a custom scheme with a gap there)."""
        if self.scheme == "custom":
            return next((p for p in self.custom if p.contains(day)), None)
        months = 3 if self.scheme == "quarters" else 6
        fy = day.year if day.month >= self.fiscal_year_start_month else day.year - 1
        offset = (day.month - self.fiscal_year_start_month) % 12
        n = offset // months + 1
        return self.parse(f"{fy}-{'Q' if months == 3 else 'H'}{n}")

    def next(self, period: Period) -> Period | None:
        return self.containing(period.end + dt.timedelta(days=1))

    def example(self) -> str:
        if self.scheme == "custom":
            return ", ".join(p.id for p in self.custom[:3]) or "(no custom periods defined)"
        return "2026-Q4" if self.scheme == "quarters" else "2026-H2"
