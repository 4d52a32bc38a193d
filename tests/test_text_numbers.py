"""Numbers and dates as readers see them, in Japanese and English, with the rounding rule of
docs/scoring.md ("Rounding"). Every expected string is written by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from okrsite.text import numbers
from okrsite.text.dates import format_date, format_short_date

from .hostile import hostile_site  # noqa: F401  (the shared fixture)
from .sitebuild import content_of, page


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("value, shown", [
    (1234.5, "1,234.5"),
    (1200.0, "1,200"),
    (1234567, "1,234,567"),
    (3.14159, "3.14"),
    (2.005, "2.01"),  # half up on the written digits (binary 2.005 is 2.00499…)
    (0.5, "0.5"),
    (-12.25, "-12.25"),
    (1e20, "100,000,000,000,000,000,000"),
    (-0.001, "0"),  # a huge value is shown, not an error
    (None, "–"),
    (float("nan"), "–"),
    (float("inf"), "–"),
])
def test_numbers(lang, value, shown):
    assert numbers.number(value, lang) == shown


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("value, shown", [
    (0.695, "0.70"),  # f"{0.695:.2f}" gives 0.69; the rule says 0.70
    (0.685, "0.69"),  # banker's rounding (Babel's default) would give 0.68
    (1.005 - 0.31, "0.70"),  # computed as 0.6949999999999998: binary noise, it means 0.695
    (0.694, "0.69"),
    (0.7, "0.70"),
    (1.0, "1.00"),
    (0.0, "0.00"),
    (None, "–"),
])
def test_scores_have_two_decimals_rounded_half_up(lang, value, shown):
    assert numbers.score(value, lang) == shown


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("fraction, shown", [
    (0.625, "63%"),  # round(62.5) is 62 in Python; the rule says 63
    (0.615, "62%"),
    (0.41 * 1.5, "62%"),  # computed as 0.6149999999999999
    (0.58, "58%"),
    (0.005, "1%"),
    (0.0, "0%"),
    (1.0, "100%"),
    (1.2, "120%"),
    (12.5, "1,250%"),
    (-0.2, "-20%"),
    (None, "–"),
])
def test_percentages_are_whole_and_rounded_half_up(lang, fraction, shown):
    assert numbers.percent(fraction, lang) == shown


@pytest.mark.parametrize("value, shown", [(0.65, "0.7"), (0.6, "0.6"), (1, "1.0"), (0.25, "0.3"), (None, "–")])
def test_confidence_has_one_decimal(value, shown):
    assert numbers.confidence(value, "ja") == shown
    assert numbers.confidence(value, "en") == shown


@pytest.mark.parametrize("value, written", [(63.0, 63), (0.5, 0.5), (7, 7), ("x", "x"), (True, True)])
def test_numbers_written_into_files_look_hand_written(value, written):
    out = numbers.as_written(value)
    assert out == written and type(out) is type(written)


@pytest.mark.parametrize("value, written", [(0.1 + 0.2, 0.3), (63.0, 63), (1 / 3, 0.333333), (2.0000004, 2)])
def test_numbers_quoted_in_files_are_cleaned(value, written):
    out = numbers.file_number(value)
    assert out == written and type(out) is type(written)


@pytest.mark.parametrize("day, ja, en", [
    (dt.date(2026, 11, 24), "2026年11月24日", "Nov 24, 2026"),
    (dt.date(2027, 1, 5), "2027年1月5日", "Jan 5, 2027"),
    (dt.date(2026, 9, 30), "2026年9月30日", "Sep 30, 2026"),
])
def test_dates(day, ja, en):
    assert format_date(day, "ja") == ja
    assert format_date(day, "en") == en


def test_short_dates_and_no_date():
    assert format_short_date(dt.date(2026, 7, 8), "ja") == "7月8日"
    assert format_short_date(dt.date(2026, 7, 8), "en") == "Jul 8"
    assert format_date(None, "ja") == format_short_date(None, "en") == ""


def test_pages_show_a_rounding_tie_by_the_rule(hostile_site):  # noqa: F811
    """625 of 1,000 is 62.5%: the page says 63% (f-strings and round() said 62%)."""
    kr = content_of(page(hostile_site, "okrs/2026-Q4/product/o")).select_one("#kr-ties")
    assert kr.select_one(".okr-pct").get_text(strip=True) == "63%"
    # the running period's score column holds only grades (docs/scoring.md, "Which score a KR shows")
    assert kr.select_one(".okr-score").get_text(strip=True) == "–"
    assert kr.select_one(".okr-numbers__current").get_text(strip=True) == "625"
