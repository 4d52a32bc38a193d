"""Periods: the OKR cycle (quarters by default) and how period ids map to dates.

Period ids name the fiscal year by the calendar year in which it starts, as Japanese
companies say 2026年度 for April 2026 – March 2027 (fiscal_year_name: start, the default), or
by the year in which it ends (fiscal_year_name: end: with February as first month, FY21 runs
2020-02-01 – 2021-01-31). With the default calendar year (fiscal_year_start_month: 1),
2026-Q4 is October–December 2026; with April, 2026-Q3 is.

An id may carry the prefix `FY` and then a 2-digit year (`FY27-Q4` = `FY2027-Q4`); such an
id is its own label, so pages write the period as the company does.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# [FY]<year>-Q<n> / [FY]<year>-H<n>; a 2-digit year only after FY (checked in _year)
_QUARTER = re.compile(r"^(FY)?(\d{4}|\d{2})-Q([1-4])$")
_HALF = re.compile(r"^(FY)?(\d{4}|\d{2})-H([12])$")


def _year(prefix: str | None, digits: str) -> int | None:
    """The fiscal year an id's year part names: 20yy for `FY27`, None for a bare 2-digit year."""
    if len(digits) == 2:
        return 2000 + int(digits) if prefix else None
    year = int(digits)
    return year if year >= 1900 else None


@dataclass(frozen=True, order=True)
class Period:
    """One OKR period (a quarter, a half or a custom span), with its fiscal-year label."""

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
    """How the organization cuts time into periods (okrsite.yml `periods`)."""

    scheme: str = "quarters"  # quarters | halves | custom
    fiscal_year_start_month: int = 1
    custom: tuple[Period, ...] = ()
    fiscal_year_name: str = "start"  # start | end: the calendar year a fiscal year is named by

    def fiscal_year_start(self, year: int) -> dt.date:
        """First day of the fiscal year named `year`."""
        m = self.fiscal_year_start_month
        return dt.date(year - 1 if self.fiscal_year_name == "end" and m > 1 else year, m, 1)

    def fiscal_year_of(self, day: dt.date) -> int:
        """The name of the fiscal year containing `day`."""
        m = self.fiscal_year_start_month
        if self.fiscal_year_name == "end" and m > 1:
            return day.year + 1 if day.month >= m else day.year
        return day.year if day.month >= m else day.year - 1

    def parse(self, period_id: str) -> Period | None:
        """The period an id names, or None when the id is not one of this scheme."""
        if self.scheme == "custom":
            return next((p for p in self.custom if p.id == period_id), None)
        pattern, months, kind = (_QUARTER, 3, "quarter") if self.scheme == "quarters" else (_HALF, 6, "half")
        m = pattern.match(period_id)
        if not m:
            return None
        year, n = _year(m.group(1), m.group(2)), int(m.group(3))
        if year is None or year > 9998:
            return None
        start = _add_months(self.fiscal_year_start(year), months * (n - 1))
        end = _add_months(start, months) - dt.timedelta(days=1)
        return Period(start, end, period_id, year, n, kind, period_id if m.group(1) else "")

    def containing(self, day: dt.date) -> Period | None:
        """The period that contains `day` (None for a custom scheme with a gap there)."""
        if self.scheme == "custom":
            return next((p for p in self.custom if p.contains(day)), None)
        months = 3 if self.scheme == "quarters" else 6
        fy = self.fiscal_year_of(day)
        offset = (day.month - self.fiscal_year_start_month) % 12
        n = offset // months + 1
        return self.parse(f"{fy}-{'Q' if months == 3 else 'H'}{n}")

    def next(self, period: Period) -> Period | None:
        """The period after `period`, written as it is (after FY27-Q4 comes FY28-Q1)."""
        return self.spelled_like(self.containing(period.end + dt.timedelta(days=1)), period)

    def spelled_like(self, period: Period | None, like: Period) -> Period | None:
        """`period` with its id written in the style of `like`'s (`2028-Q1` like `FY27-Q4` is `FY28-Q1`)."""
        m = re.match(r"^FY(\d+)-", like.id)
        if period is None or m is None or period.kind == "custom":
            return period
        short = len(m.group(1)) == 2 and 2000 <= period.fiscal_year <= 2099
        year = f"{period.fiscal_year % 100:02d}" if short else str(period.fiscal_year)
        return self.parse(f"FY{year}-{'Q' if period.kind == 'quarter' else 'H'}{period.index}") or period

    def same(self, a: Period, b: Period) -> bool:
        """Whether two ids name one period (`FY27-Q4`, `FY2027-Q4` and `2027-Q4` do)."""
        return (a.kind, a.start, a.end) == (b.kind, b.start, b.end)

    def example(self) -> str:
        if self.scheme == "custom":
            return ", ".join(p.id for p in self.custom[:3]) or "(no custom periods defined)"
        return "2026-Q4" if self.scheme == "quarters" else "2026-H2"
