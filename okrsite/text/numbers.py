"""Every number okrsite shows, formatted for the reader's language (Babel), with one rounding rule.

The rule (docs/scoring.md, "Rounding"): a value is rounded half up on its decimal digits as
written (0.695 → 0.70, 0.625 → 63%), never by binary floating point or banker's rounding, so a
score reads the same on a page, in a chart's text, a badge, a feed and a retrospective stub.
Scores show two decimals, percentages whole percent, confidences one decimal, other numbers
at most two decimals with grouping (1,234.5).
"""

from __future__ import annotations

import math
from decimal import Decimal, localcontext
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from ..scoring.rounding import CONTEXT as _CONTEXT
from ..scoring.rounding import SCORE_PLACES, rounded
from ..scoring.rounding import as_decimal as _decimal

if TYPE_CHECKING:
    from babel import Locale
    from babel.numbers import NumberPattern

PERCENT_PLACES = 0
CONFIDENCE_PLACES = 1
NUMBER_PLACES = 2  # at most; trailing zeros are dropped
FILE_PLACES = 6  # numbers written into hand-edited files (YAML, comments)
MISSING = "–"  # what a page shows for "no value yet"


@cache
def _locale(lang: str) -> Locale:
    from babel import Locale  # imported when a number is first formatted, not with this module

    return Locale.parse(lang if lang in ("ja", "en") else "en")


@cache
def _pattern(places: int, fixed: bool, percent: bool = False) -> NumberPattern:
    from babel.numbers import parse_pattern

    decimals = ("0" if fixed else "#") * places
    return parse_pattern("#,##0" + ("." + decimals if places else "") + ("%" if percent else ""))


def _apply(pattern: NumberPattern, value: Decimal, lang: str) -> str:
    with localcontext(_CONTEXT):  # Babel quantizes again, in the current context
        return pattern.apply(value, _locale(lang))


def _shown(x: Any) -> bool:
    return x is not None and not isinstance(x, bool) and math.isfinite(x)


# a page shows the same few numbers many times (scores, percentages, confidences), and Babel costs
# about 40 µs a number: each is formatted once per process (typed: 1, 1.0 and True are apart)
_once = lru_cache(maxsize=1 << 16, typed=True)


@_once
def number(x: float | int | None, lang: str) -> str:
    """1234.5 → "1,234.5", 1200.0 → "1,200", 3.14159 → "3.14"; "–" without a value."""
    if not _shown(x):
        return MISSING
    return _apply(_pattern(NUMBER_PLACES, False), rounded(x, NUMBER_PLACES), lang)


@_once
def decimal(x: float | int | None, lang: str, places: int) -> str:
    """Exactly `places` decimals: 0.7 → "0.70" with two."""
    if not _shown(x):
        return MISSING
    return _apply(_pattern(places, True), rounded(x, places), lang)


def score(x: float | None, lang: str) -> str:
    """A 0.0–1.0 score with two decimals: 0.695 → "0.70"."""
    return decimal(x, lang, SCORE_PLACES)


def confidence(x: float | None, lang: str) -> str:
    """A check-in's confidence with one decimal: 0.65 → "0.7"."""
    return decimal(x, lang, CONFIDENCE_PLACES)


@_once
def percent(fraction: float | None, lang: str) -> str:
    """A fraction as a whole percentage: 0.625 → "63%", 1.2 → "120%"."""
    if not _shown(fraction):
        return MISSING
    value = rounded(_CONTEXT.multiply(_decimal(fraction), 100), PERCENT_PLACES)
    value = _CONTEXT.divide(value, 100)
    return _apply(_pattern(PERCENT_PLACES, True, percent=True), value, lang)


def as_written(value: Any) -> Any:
    """A number as a person writes it into a YAML file: 63.0 → 63; anything else unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def file_number(value: Any) -> Any:
    """A number quoted in a file's comment or a message: 0.1 + 0.2 → 0.3, 63.0 → 63."""
    if isinstance(value, float) and math.isfinite(value):
        return as_written(float(rounded(value, FILE_PLACES)))
    return value
