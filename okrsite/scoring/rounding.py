"""The one rounding rule (docs/scoring.md, "Rounding"), shared by what pages show and what
the score bands judge: half up on the number's decimal digits as written (0.695 → 0.70,
0.625 → 63%), never binary floating point or banker's rounding. A score is coloured by the
value printed next to it, so the two can never disagree."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

SCORE_PLACES = 2  # scores are shown, and judged against bands and success lines, at two decimals
NOISE_PLACES = 10  # computed values are cleaned of binary noise first: 0.6949999999999998 is 0.695
CONTEXT = Context(prec=400)  # enough digits for any float with NOISE_PLACES decimals (default 28: 1e20 fails)


def as_decimal(x: float | int | Decimal) -> Decimal:
    """The number's shortest decimal form (0.695, not 0.69499999999999995115…)."""
    return x if isinstance(x, Decimal) else Decimal(repr(x) if isinstance(x, float) else x)


def rounded(x: float | int | Decimal, places: int) -> Decimal:
    """Half up, on the number's decimal form (0.695 → 0.70, not 0.69); -0 becomes 0."""
    clean = as_decimal(x).quantize(Decimal(1).scaleb(-NOISE_PLACES), rounding=ROUND_HALF_UP, context=CONTEXT)
    value = clean.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=CONTEXT)
    return value.copy_abs() if value.is_zero() else value


def shown_score(score: float) -> float:
    """A score at the precision pages show it: what bands and success lines judge."""
    return float(rounded(score, SCORE_PLACES))
