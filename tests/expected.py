"""Expected figures computed straight from the content files (plain PyYAML), independently of
okrsite's own model, so that tests compare okrsite with the definition in docs/scoring.md
rather than with itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .sitebuild import front_matter


def history(content: Path, period: str, unit: str, on: dt.date) -> dict[str, list[object]]:
    """KR id -> its check-in values in date order, up to `on`."""
    out: dict[str, list[tuple[dt.date, str, object]]] = {}
    for path in sorted((content / "logs" / period / unit).glob("*.md")):
        day = dt.date.fromisoformat(path.stem[:10])
        if day > on:
            continue
        for ref, update in (front_matter(path).get("updates") or {}).items():
            value = update["value"] if isinstance(update, dict) else update
            out.setdefault(ref.split("/")[-1], []).append((day, path.name, value))
    return {kr: [v for _, _, v in sorted(values, key=lambda x: x[:2])] for kr, values in out.items()}


def progress(kr: dict, values: list[object]) -> float | None:
    """A KR's progress (unclamped), or None before its first check-in."""
    if not values:
        return None
    kind = kr.get("kind", "metric")
    last = values[-1]
    if kind == "boolean":
        return 1.0 if last is True else 0.0
    if kind == "milestones":
        steps = kr["steps"]
        return sum(s.get("weight", 1) for s in steps if s["id"] in last) / sum(s.get("weight", 1) for s in steps)
    if kind == "threshold":
        inside = [v for v in values if ("min" not in kr or v >= kr["min"]) and ("max" not in kr or v <= kr["max"])]
        return len(inside) / len(values)
    baseline = kr.get("baseline", values[0])
    return (last - baseline) / (kr["target"] - baseline)


def score(kr: dict, values: list[object], override: object = None, *, finished: bool = True,
          grade: float | None = None) -> float | None:
    """The KR's shown score (docs/scoring.md, "Which score a KR shows"): the retrospective's entry,
    else the latest check-in grade, else — in a finished period only — its progress clamped to 0–1
    (a ladder's rung score when it has `scoring`); None is unscored."""
    if override is not None:
        return override.get("score") if isinstance(override, dict) else override
    if grade is not None:
        return grade
    if not finished or not values:
        return None
    if kr.get("scoring"):
        return ladder(kr["scoring"], values[-1])
    p = progress(kr, values)
    return None if p is None else min(1.0, max(0.0, p))


def ladder(rungs: list[list[float]], value: float) -> float:
    """The score of the highest rung reached (≥ for rising rungs, ≤ for falling ones); 0.0 below the first."""
    rising = len(rungs) < 2 or rungs[1][0] > rungs[0][0]
    best = 0.0
    for rung_value, rung_score in rungs:
        if (value >= rung_value) if rising else (value <= rung_value):
            best = rung_score
    return best


def clamped_mean(scores: list[float | None], weights: list[float] | None = None) -> float | None:
    """Mean of the scored items, each counted at most 1.0; None when none is scored."""
    weights = weights or [1.0] * len(scores)
    pairs = [(min(s, 1.0), w) for s, w in zip(scores, weights, strict=True) if s is not None]
    if not pairs:
        return None
    return sum(s * w for s, w in pairs) / sum(w for _, w in pairs)


def final_state(shown_score: float | None) -> str:
    """A finished period's state from the score as shown (two decimals)."""
    if shown_score is None:
        return "unscored"
    return "final-green" if shown_score >= 0.7 else "final-yellow" if shown_score >= 0.4 else "final-red"


def pace(start: dt.date, end: dt.date, due: dt.date | None, on: dt.date, success: float) -> float:
    """Expected progress on `on` (docs/scoring.md, Status 1): a straight line from 0 at the period
    start to the success line at the KR's due date (or the period end, when there is no usable due)."""
    finish = due if due is not None and start < due <= end else end
    elapsed = min(max((on - start).days, 0), (finish - start).days)
    return success * elapsed / (finish - start).days
