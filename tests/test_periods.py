"""Period ids and their dates, including Japanese fiscal years that start in April."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrsite.model.periods import Period, PeriodScheme

D = dt.date


@pytest.mark.parametrize("scheme, period_id, start, end", [
    (PeriodScheme(), "2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
    (PeriodScheme(), "2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
    (PeriodScheme(fiscal_year_start_month=4), "2026-Q1", D(2026, 4, 1), D(2026, 6, 30)),
    (PeriodScheme(fiscal_year_start_month=4), "2026-Q4", D(2027, 1, 1), D(2027, 3, 31)),
    (PeriodScheme("halves"), "2026-H2", D(2026, 7, 1), D(2026, 12, 31)),
    (PeriodScheme("halves", 4), "2026-H2", D(2026, 10, 1), D(2027, 3, 31)),
    (PeriodScheme("quarters", 2), "2024-Q1", D(2024, 2, 1), D(2024, 4, 30)),  # leap year
])
def test_period_dates(scheme, period_id, start, end):
    p = scheme.parse(period_id)
    assert (p.start, p.end) == (start, end)


@pytest.mark.parametrize("period_id", ["2026-Q5", "2026-Q0", "2026-H1", "26-Q1", "2026Q1", "q4", ""])
def test_ids_outside_the_quarter_scheme(period_id):
    assert PeriodScheme().parse(period_id) is None


def test_custom_periods():
    spring = Period(D(2026, 3, 1), D(2026, 6, 30), "2026-spring", kind="custom")
    scheme = PeriodScheme("custom", 1, (spring,))
    assert scheme.parse("2026-spring") is spring
    assert scheme.containing(D(2026, 4, 1)) is spring
    assert scheme.containing(D(2026, 7, 1)) is None


@given(st.dates(D(1990, 1, 1), D(2100, 12, 31)), st.integers(1, 12), st.sampled_from(["quarters", "halves"]))
def test_every_day_lies_in_exactly_the_period_that_contains_it(day, month, kind):
    scheme = PeriodScheme(kind, month)
    p = scheme.containing(day)
    assert p.start <= day <= p.end
    assert scheme.parse(p.id) == p
    nxt = scheme.next(p)
    assert nxt.start == p.end + dt.timedelta(days=1)
    assert p.days in (range(89, 93) if kind == "quarters" else range(181, 185))
