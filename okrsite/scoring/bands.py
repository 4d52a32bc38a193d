"""The score scale: each objective type's success line, and the colour bands.

Scores are judged at the precision pages show them (scoring/rounding.py): a 0.6976 is shown as
0.70, so it is green and meets an aspirational 0.7 success line. Judging the unrounded value
would colour a "0.70" yellow next to the scale that says 0.7 is green.
"""

from __future__ import annotations

from ..model.organization import Organization
from .rounding import shown_score

COMMITTED_SUCCESS = 1.0  # committed objectives are expected to be delivered in full
YELLOW_FROM = 0.4  # below this a score is red
GREEN_FROM = 0.7  # from this a score is green
shown = shown_score  # the score as pages show it: the one rounding rule


def success_line(objective_type: str, org: Organization) -> float:
    """The score that counts as success: 1.0 for committed objectives, `aspirational_success`
    (okrsite.yml, default 0.7) for aspirational ones."""
    return COMMITTED_SUCCESS if objective_type == "committed" else org.settings.aspirational_success


def reaches(score: float, line: float) -> bool:
    """Whether a score meets a line (a success line, or 1.0 for "perfect"), at the shown precision."""
    return shown(score) >= shown(line)


def score_band(score: float) -> str:
    """The retrospective colour scale: red below 0.4, yellow 0.4 up to 0.7, green from 0.7."""
    if reaches(score, GREEN_FROM):
        return "green"
    if reaches(score, YELLOW_FROM):
        return "yellow"
    return "red"


def band_ranges() -> dict[str, str]:
    """Each band as the scale is usually written, in tenths: red 0.0–0.3, yellow 0.4–0.6, green 0.7–1.0."""
    step = 0.1
    return {"red": f"0.0–{YELLOW_FROM - step:.1f}", "yellow": f"{YELLOW_FROM:.1f}–{GREEN_FROM - step:.1f}",
            "green": f"{GREEN_FROM:.1f}–1.0"}
