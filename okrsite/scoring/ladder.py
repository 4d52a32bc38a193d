"""Ladder (rubric) scoring: a KR's `scoring: [[value, score], ...]` steps (docs/scoring.md, "Ladders").

Step, not linear: the score is the score of the highest rung the value has reached (below the
first rung it is 0.0). The rungs' order gives the direction: increasing values mean "reach at
least", decreasing values "get down to at most".
"""

from __future__ import annotations

Rungs = list[tuple[float, float]]
LADDER_MAX = 2.0  # a rung may award over-achievement up to 2.0


def direction(rungs: Rungs) -> str:
    return "decrease" if len(rungs) > 1 and rungs[1][0] < rungs[0][0] else "increase"


def problem(rungs: Rungs) -> str | None:
    """Why the rungs are not a ladder (OKR311), or None."""
    if not rungs:
        return "a ladder needs at least one [value, score] rung"
    values = [v for v, _ in rungs]
    scores = [s for _, s in rungs]
    pairs = list(zip(values, values[1:], strict=False))
    if not (all(a < b for a, b in pairs) or all(a > b for a, b in pairs)):
        return "the rungs' values must be strictly increasing or strictly decreasing"
    if not all(a < b for a, b in zip(scores, scores[1:], strict=False)):
        return "the rungs' scores must be strictly increasing"
    if any(not 0.0 <= s <= LADDER_MAX for s in scores):
        return "the rungs' scores must lie in 0.0–2.0"
    return None


def reached(rungs: Rungs, value: float, rung_value: float) -> bool:
    return value <= rung_value if direction(rungs) == "decrease" else value >= rung_value


def score(rungs: Rungs, value: float) -> float:
    """The score of the highest rung `value` has reached; 0.0 below the first rung (unclamped)."""
    got = [s for v, s in rungs if reached(rungs, value, v)]
    return max(got) if got else 0.0


def full_rung(rungs: Rungs) -> float | None:
    """The value of the rung scoring 1.0 (the KR's target), or None."""
    return next((v for v, s in rungs if s == 1.0), None)
