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


def score(kr: dict, values: list[object], override: object = None) -> float:
    """The KR's score: the retrospective's override, else its progress clamped to 0–1."""
    if override is not None:
        return override["score"] if isinstance(override, dict) else override
    p = progress(kr, values)
    return 0.0 if p is None else min(1.0, max(0.0, p))


def pace(start: dt.date, end: dt.date, due: dt.date | None, on: dt.date, success: float) -> float:
    """Expected progress on `on` (docs/scoring.md, Status 1): a straight line from 0 at the period
    start to the success line at the KR's due date (or the period end, when there is no usable due)."""
    finish = due if due is not None and start < due <= end else end
    elapsed = min(max((on - start).days, 0), (finish - start).days)
    return success * elapsed / (finish - start).days
