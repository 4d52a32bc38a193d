"""What each kind of key result needs, and which values fit it.

metric / percentage: numeric baseline → target, direction inferred from them.
boolean: done or not (target true). milestones: weighted steps, check-ins list the steps
done. threshold: hold a level (`min` and/or `max`), e.g. 稼働率 99.9% 以上を維持.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..diagnostics.diagnostic import Location
from ..diagnostics.reporter import Reporter
from ..model.organization import KeyResult
from ..scoring import ladder
from ..scoring.brackets import commit_fits, stretch_fits
from ..source.documents import KeyResultDoc
from ..text.numbers import as_written

NUMERIC = ("metric", "percentage")
# keys that only make sense for some kinds
_ONLY_FOR = {
    "direction": NUMERIC,
    "commit": NUMERIC,
    "stretch": NUMERIC,
    "min": ("threshold",),
    "max": ("threshold",),
    "steps": ("milestones",),
    "scoring": NUMERIC,
    "target": NUMERIC + ("boolean",),
    "baseline": NUMERIC + ("boolean", "threshold"),
}


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def resolve_direction(kind: str, baseline: Any, target: Any, given: str | None) -> str | None:
    """increase/decrease from baseline and target; the written direction when they cannot tell."""
    if kind not in NUMERIC:
        return None
    if _is_number(baseline) and _is_number(target) and baseline != target:
        return "increase" if target > baseline else "decrease"
    return given


def check_key_result(kr: KeyResult, doc: KeyResultDoc, r: Reporter) -> None:
    """Kind-specific checks of one key result, reported at the offending key."""
    src = kr.objective.src
    period = kr.objective.period

    def at(*keys: Any) -> Location:
        return src.loc(kr.path + keys)

    given = doc.model_fields_set
    for key, kinds in _ONLY_FOR.items():
        if key in given and getattr(doc, key) is not None and kr.kind not in kinds:
            r.add("OKR304", f"`{key}` does not apply to a {kr.kind} key result", at(key),
                  f"`{key}` is for {' / '.join(kinds)} key results; remove it or change `kind`")
    if kr.kind in NUMERIC:
        _check_numeric(kr, doc, at, r)
        if doc.scoring is not None:
            _check_ladder(kr, doc, at, r)
    elif kr.kind == "boolean":
        _check_boolean(kr, doc, at, r)
    elif kr.kind == "milestones":
        _check_milestones(kr, doc, at, r)
    elif kr.kind == "threshold":
        _check_threshold(doc, at, r)
    if doc.due is not None and not period.contains(doc.due):
        r.add("OKR303", f"due {doc.due} is outside {period.id} ({period.start} – {period.end})", at("due"),
              "key results are due within their period")


def _check_numeric(kr: KeyResult, doc: KeyResultDoc, at: Callable[..., Location], r: Reporter) -> None:
    for key in ("baseline", "target"):
        if isinstance(getattr(doc, key), bool):
            r.add("OKR304", f"`{key}` of a {kr.kind} key result must be a number, not true/false", at(key),
                  "use kind: boolean for a yes/no result")
    base = doc.baseline if _is_number(doc.baseline) else None
    target = doc.target if _is_number(doc.target) else None
    if base is not None and target is not None:
        if base == target:
            r.add("OKR302", f"baseline equals target ({_fmt(base)}): there is nothing to achieve", at("target"),
                  "set a more ambitious target, or use kind: threshold to hold a level")
        elif doc.direction is not None:
            inferred = "increase" if target > base else "decrease"
            if doc.direction != inferred:
                r.add("OKR301", f"direction is {doc.direction}, but {_fmt(base)} → {_fmt(target)} is "
                      f"{'an' if inferred == 'increase' else 'a'} {inferred}",
                      at("direction"), "fix the numbers, or omit direction (it is inferred)")
    elif target is not None and base is None and doc.direction is None:
        r.add("OKR305", "the baseline is not measured yet, so say which way the target lies",
              at("target"), "add `direction: increase` or `direction: decrease`")
    _check_commit_stretch(kr, doc, at, r)


def _check_boolean(kr: KeyResult, doc: KeyResultDoc, at: Callable[..., Location], r: Reporter) -> None:
    for key in ("baseline", "target"):
        value = getattr(doc, key)
        if value is not None and not isinstance(value, bool):
            r.add("OKR304", f"`{key}` of a boolean key result must be true or false", at(key),
                  "a boolean KR is done or not; use kind: metric for numbers")
    if isinstance(doc.baseline, bool) and isinstance(doc.target, bool) and doc.baseline == doc.target:
        r.add("OKR302", f"baseline equals target ({str(doc.target).lower()}): there is nothing to achieve",
              at("target"), "a boolean KR goes from false to true")
    kr.baseline = doc.baseline if isinstance(doc.baseline, bool) else False
    kr.target = doc.target if isinstance(doc.target, bool) else True


def _check_milestones(kr: KeyResult, doc: KeyResultDoc, at: Callable[..., Location], r: Reporter) -> None:
    period = kr.objective.period
    if not doc.steps:
        r.add("OKR305", "a milestones key result needs `steps`", at("kind"),
              "list the steps: steps: [{id: design, title: 設計}, ...]")
    seen: dict[str, int] = {}
    for i, step in enumerate(doc.steps or []):
        if step.id in seen:
            r.add("OKR201", f"step id `{step.id}` is used twice", at("steps", i, "id"),
                  "give each step its own id")
        seen.setdefault(step.id, i)
        if step.due is not None and not period.contains(step.due):
            r.add("OKR303", f"step due {step.due} is outside {period.id} ({period.start} – {period.end})",
                  at("steps", i, "due"), "steps are due within the period")


def _check_threshold(doc: KeyResultDoc, at: Callable[..., Location], r: Reporter) -> None:
    if doc.min is None and doc.max is None:
        r.add("OKR305", "a threshold key result needs `min` and/or `max`", at("kind"),
              "e.g. min: 99.9 to stay at or above 99.9")
    elif doc.min is not None and doc.max is not None and doc.min > doc.max:
        r.add("OKR308", f"min {_fmt(doc.min)} is greater than max {_fmt(doc.max)}", at("min"), "swap them")
    if isinstance(doc.baseline, bool):
        r.add("OKR304", "`baseline` of a threshold key result must be a number", at("baseline"))


def _check_commit_stretch(kr: KeyResult, doc: KeyResultDoc, at: Callable[..., Location], r: Reporter) -> None:
    """OKR306: baseline → commit → target → stretch (the rule is scoring/brackets.py)."""
    base, target = doc.baseline, doc.target
    if not (_is_number(target) and kr.direction):
        return
    low = base if _is_number(base) else None
    if _is_number(doc.commit) and not commit_fits(doc.commit, low, target, kr.direction):
        r.add("OKR306", f"commit {_fmt(doc.commit)} is not between baseline and target "
              f"({_fmt(base) if low is not None else '?'} → {_fmt(target)})", at("commit"),
              "commit is the level promised for sure: beyond the baseline, at most the target")
    if _is_number(doc.stretch) and not stretch_fits(doc.stretch, target, kr.direction):
        r.add("OKR306", f"stretch {_fmt(doc.stretch)} does not go beyond the target {_fmt(target)}", at("stretch"),
              "stretch is a level beyond the target")


def _check_ladder(kr: KeyResult, doc: KeyResultDoc, at: Callable[..., Location], r: Reporter) -> None:
    """OKR311 / OKR312 / OKR304 / OKR301: a ladder (`scoring:`) that is one, and agrees with the KR (scoring/ladder.py)."""
    rungs = kr.scoring
    for key in ("commit", "stretch"):
        if getattr(doc, key) is not None:
            r.add("OKR304", f"`{key}` does not combine with `scoring`", at(key), "the ladder's rungs say it; remove it")
    why = ladder.problem(rungs)
    if why:
        r.add("OKR311", f"`scoring` of `{kr.id}` is not a ladder: {why}", at("scoring"),
              "write rungs like [[20, 0.3], [40, 0.6], [70, 1.0]]")
        return
    full = ladder.full_rung(rungs)
    if _is_number(doc.target) and doc.target != full:
        r.add("OKR312", f"target {_fmt(doc.target)} is not the value of the ladder's 1.0 rung "
              f"({'none' if full is None else _fmt(full)})", at("target"), "make them agree, or omit `target`")
    if _is_number(doc.baseline) and ladder.reached(rungs, doc.baseline, rungs[0][0]):
        r.add("OKR312", f"baseline {_fmt(doc.baseline)} already reaches the first rung ({_fmt(rungs[0][0])})",
              at("baseline"), "the first rung must lie beyond the baseline")
    if doc.direction is not None and doc.direction != ladder.direction(rungs):
        r.add("OKR301", f"direction is {doc.direction}, but the ladder's rungs {ladder.direction(rungs)}",
              at("direction"), "fix the rungs or omit direction")


def check_value(kr: KeyResult, value: Any, where: Callable[[], Location], r: Reporter) -> bool:
    """Whether a check-in value fits the key result's kind (reporting OKR304 at `where()` when not:
    a position is worked out only for what is reported)."""
    if kr.kind in NUMERIC or kr.kind == "threshold":
        if _is_number(value):
            return True
        r.add("OKR304", f"`{kr.id}` is a {kr.kind} key result; its value must be a number, got {_show(value)}", where(),
              "YAML reads yes/no/on/off as true/false; write the measured number, e.g. 58" if isinstance(value, bool)
              else "write the measured number, e.g. 58")
        return False
    if kr.kind == "boolean":
        if isinstance(value, bool):
            return True
        r.add("OKR304", f"`{kr.id}` is a boolean key result; its value must be true or false, got {_show(value)}", where(),
              "a boolean KR is done (true) or not (false); use kind: metric for numbers")
        return False
    if not kr.steps:
        return False  # the KR itself lacks steps (OKR305): not repeated for each check-in
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        known = {s.id for s in kr.steps}
        unknown = [v for v in value if v not in known]
        if unknown:
            r.add("OKR304", f"`{', '.join(unknown)}` is not a step of `{kr.id}`", where(),
                  "steps: " + ", ".join(s.id for s in kr.steps))
            return False
        return True
    r.add("OKR304", f"`{kr.id}` is a milestones key result; its value is the list of steps done", where(),
          "e.g. value: [design, beta]")
    return False


def _show(value: Any) -> str:
    """A check-in value in the words of YAML, not Python (`true`, not `True`)."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return _fmt(value)
    if isinstance(value, str):
        return f"text `{value}`"
    return "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else type(value).__name__


def _fmt(v: Any) -> str:
    return str(as_written(v))
