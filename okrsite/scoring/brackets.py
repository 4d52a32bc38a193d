"""Where `commit` and `stretch` may lie: baseline → commit → target → stretch (direction-aware).

A commit is the level promised for sure. It must go beyond the baseline (a promise kept
already at the start means nothing) and at most reach the target; a stretch goes beyond
the target. `okrsite check` (OKR306) and `okrsite new period` (which drops a commit the
new baseline has overtaken) both ask these functions.
"""

from __future__ import annotations


def _sign(direction: str) -> int:
    return 1 if direction == "increase" else -1


def commit_fits(commit: float, baseline: float | None, target: float, direction: str) -> bool:
    """Baseline < commit ≤ target in the KR's direction; without a baseline, only commit ≤ target."""
    sign = _sign(direction)
    if sign * (commit - target) > 0:
        return False
    return baseline is None or sign * (commit - baseline) > 0


def stretch_fits(stretch: float, target: float, direction: str) -> bool:
    """A stretch lies strictly beyond the target in the KR's direction."""
    return _sign(direction) * (stretch - target) > 0
