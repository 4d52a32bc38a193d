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


# --- issue 9 §15: fiscal years named by their end, FY-prefixed ids ---------------------------

END2 = PeriodScheme("quarters", 2, fiscal_year_name="end")
END4 = PeriodScheme("quarters", 4, fiscal_year_name="end")
START2 = PeriodScheme("quarters", 2)
END1 = PeriodScheme("quarters", 1, fiscal_year_name="end")
HALF_END2 = PeriodScheme("halves", 2, fiscal_year_name="end")


@pytest.mark.parametrize("scheme, period_id, start, end", [
    # start month 2, named by the end: FY21 = 2020-02-01 – 2021-01-31 (the design's example)
    (END2, "FY21-Q1", D(2020, 2, 1), D(2020, 4, 30)),
    (END2, "FY21-Q4", D(2020, 11, 1), D(2021, 1, 31)),
    (END2, "FY2021-Q1", D(2020, 2, 1), D(2020, 4, 30)),
    (END2, "2021-Q1", D(2020, 2, 1), D(2020, 4, 30)),
    (END2, "FY27-Q4", D(2026, 11, 1), D(2027, 1, 31)),
    # the same ids named by the start
    (START2, "FY21-Q1", D(2021, 2, 1), D(2021, 4, 30)),
    (START2, "FY21-Q4", D(2021, 11, 1), D(2022, 1, 31)),
    # start month 4 (a Japanese fiscal year), named by the end: FY2027 = Apr 2026 – Mar 2027
    (END4, "FY2027-Q1", D(2026, 4, 1), D(2026, 6, 30)),
    (END4, "FY27-Q4", D(2027, 1, 1), D(2027, 3, 31)),
    # start month 1: both names coincide
    (END1, "FY27-Q4", D(2027, 10, 1), D(2027, 12, 31)),
    (PeriodScheme(), "FY27-Q4", D(2027, 10, 1), D(2027, 12, 31)),
    # halves
    (HALF_END2, "FY21-H1", D(2020, 2, 1), D(2020, 7, 31)),
    (HALF_END2, "FY2021-H2", D(2020, 8, 1), D(2021, 1, 31)),
    (PeriodScheme("halves", 4), "FY26-H2", D(2026, 10, 1), D(2027, 3, 31)),
])
def test_fiscal_year_period_dates(scheme, period_id, start, end):
    p = scheme.parse(period_id)
    assert (p.start, p.end) == (start, end)
    assert p.id == period_id


@pytest.mark.parametrize("scheme, day, period_id", [
    (END2, D(2020, 2, 1), "2021-Q1"),
    (END2, D(2020, 1, 31), "2020-Q4"),
    (END2, D(2026, 12, 10), "2027-Q4"),
    (END4, D(2026, 3, 31), "2026-Q4"),
    (END4, D(2026, 4, 1), "2027-Q1"),
    (END1, D(2026, 12, 10), "2026-Q4"),
    (START2, D(2026, 12, 10), "2026-Q4"),
])
def test_fiscal_year_of_a_day(scheme, day, period_id):
    assert scheme.containing(day).id == period_id


@pytest.mark.parametrize("period_id", ["fy27-Q4", "FY7-Q4", "27-Q4", "FY27-Q5", "FY27-H1", "FY027-Q1", "FY 27-Q1",
                                       "FY27Q1", "FY27-q1", "F27-Q1"])
def test_ids_that_are_not_fiscal_quarters(period_id):
    assert END2.parse(period_id) is None


def test_fy_ids_name_the_same_period_in_every_spelling():
    a, b, c = END2.parse("FY27-Q4"), END2.parse("FY2027-Q4"), END2.parse("2027-Q4")
    assert END2.same(a, b) and END2.same(b, c)
    assert not END2.same(a, END2.parse("FY27-Q3"))


@pytest.mark.parametrize("scheme, period_id, lang, label", [
    (END2, "FY27-Q4", "en", "FY27-Q4"),
    (END2, "FY27-Q4", "ja", "FY27-Q4"),
    (END2, "FY2027-Q4", "en", "FY2027-Q4"),
    (END2, "2027-Q4", "en", "FY2027 Q4"),
    (END2, "2027-Q4", "ja", "2027年度 第4四半期"),
    (PeriodScheme(), "2026-Q4", "ja", "2026年 第4四半期"),
    (PeriodScheme(), "2026-Q4", "en", "Q4 2026"),
    (HALF_END2, "FY21-H1", "ja", "FY21-H1"),
])
def test_period_labels_keep_the_company_notation(scheme, period_id, lang, label):
    from okrsite.text.dates import period_label
    assert period_label(scheme.parse(period_id), lang, scheme.fiscal_year_start_month) == label


_ANY_ID = st.one_of(
    st.text(max_size=12),
    st.builds(lambda fy, y, k, n: f"{fy}{y}-{k}{n}", st.sampled_from(["", "FY", "fy"]),
              st.one_of(st.integers(0, 99).map(lambda v: f"{v:02d}"), st.integers(0, 9999).map(lambda v: f"{v:04d}")),
              st.sampled_from(["Q", "H"]), st.integers(0, 5)))


@given(_ANY_ID, st.integers(1, 12), st.sampled_from(["quarters", "halves"]), st.sampled_from(["start", "end"]))
def test_period_id_parsing_never_crashes_and_round_trips(period_id, month, kind, name):
    scheme = PeriodScheme(kind, month, fiscal_year_name=name)
    p = scheme.parse(period_id)
    if p is None:
        return
    assert p.id == period_id
    assert p.start <= p.end
    # the period containing its first and last day is the same period, written plainly
    for day in (p.start, p.end):
        q = scheme.containing(day)
        assert scheme.same(p, q) and q.fiscal_year == p.fiscal_year and q.index == p.index
        assert scheme.parse(q.id) == q


@given(st.dates(D(1990, 1, 1), D(2100, 12, 31)), st.integers(1, 12), st.sampled_from(["quarters", "halves"]))
def test_end_named_fiscal_years_contain_their_days(day, month, kind):
    scheme = PeriodScheme(kind, month, fiscal_year_name="end")
    p = scheme.containing(day)
    assert p.start <= day <= p.end
    assert scheme.fiscal_year_start(p.fiscal_year) <= day  # named by the year it ends in
    assert scheme.next(p).start == p.end + dt.timedelta(days=1)


@pytest.mark.parametrize("period_id, after", [
    ("FY27-Q4", "FY28-Q1"), ("FY2027-Q4", "FY2028-Q1"), ("2027-Q4", "2028-Q1"), ("FY27-Q2", "FY27-Q3"),
    ("FY99-Q4", "FY2100-Q1"),
])
def test_the_next_period_is_written_as_the_one_before(period_id, after):
    p = END2.parse(period_id)
    nxt = END2.next(p)
    assert nxt.id == after and nxt.start == p.end + dt.timedelta(days=1)


def test_the_previous_period_of_a_carry_is_written_as_the_new_one():
    from okrsite.lifecycle.common import previous_period
    assert previous_period(END2, END2.parse("FY28-Q1")).id == "FY27-Q4"
    assert previous_period(END2, END2.parse("2028-Q1")).id == "2027-Q4"
