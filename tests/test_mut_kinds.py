"""What each kind of key result accepts, and what `okrsite check` says when it does not: the code,
the line, the message and the hint, found missing by mutation testing (`make mutation`).

Messages and hints are what a contributor reads in a pull request, so they are written out in
full here, as docs/rules.md describes each rule. Each KR is written one key per line, so the
line a diagnostic points at is the line of its key.
"""

from __future__ import annotations

import pytest

from .orgs import log, objective, org_from

FIRST_KR_LINE = 6  # objective(): ---, title, owner, type, key_results:, then the KR


def _kr(**keys: object) -> str:
    lines = [f"{'  - ' if i == 0 else '    '}{k}: {v}" for i, (k, v) in enumerate({"id": "k", "title": "K", **keys}.items())]
    return "\n".join(lines) + "\n"


def _line(kr_yaml: str, key: str) -> int:
    """The file line of `key` in the KR written by _kr (counted from the text, not by okrsite)."""
    for i, text in enumerate(kr_yaml.splitlines()):
        if text.lstrip(" -").startswith(f"{key}:"):
            return FIRST_KR_LINE + i
    raise AssertionError(key)


def _check(tmp_path, kr_yaml: str, updates: str | None = None):
    """(code, line, message, hint) of the kind and value diagnostics (OKR2xx–OKR3xx) of one KR."""
    files = objective(kr_yaml, type_="aspirational")
    if updates is not None:
        files.update(log("2026-11-10", updates))
    org = org_from(tmp_path, files)
    assert not [d for d in org.diagnostics if d.code == "OKR000"], org.diagnostics  # okrsite did not crash
    return sorted((d.code, d.location.line, d.message, d.hint) for d in org.diagnostics
                  if d.code.startswith(("OKR2", "OKR3"))), org


@pytest.mark.parametrize("keys, code, key, message, hint", [
    ({"kind": "boolean", "min": 3}, "OKR304", "min", "`min` does not apply to a boolean key result",
     "`min` is for threshold key results; remove it or change `kind`"),
    ({"kind": "threshold", "min": 1, "direction": "increase"}, "OKR304", "direction",
     "`direction` does not apply to a threshold key result",
     "`direction` is for metric / percentage key results; remove it or change `kind`"),
    ({"baseline": "true", "target": 10, "direction": "increase"}, "OKR304", "baseline",
     "`baseline` of a metric key result must be a number, not true/false", "use kind: boolean for a yes/no result"),
    ({"kind": "percentage", "baseline": 10, "target": "false", "direction": "increase"}, "OKR304", "target",
     "`target` of a percentage key result must be a number, not true/false", "use kind: boolean for a yes/no result"),
    ({"baseline": "true", "target": 10, "direction": "decrease"}, "OKR304", "baseline",  # true is no number:
     "`baseline` of a metric key result must be a number, not true/false",  # no direction to contradict
     "use kind: boolean for a yes/no result"),
    ({"baseline": 10, "target": 10.0}, "OKR302", "target", "baseline equals target (10): there is nothing to achieve",
     "set a more ambitious target, or use kind: threshold to hold a level"),
    ({"baseline": 2.5, "target": 2.5}, "OKR302", "target", "baseline equals target (2.5): there is nothing to achieve",
     "set a more ambitious target, or use kind: threshold to hold a level"),
    ({"baseline": 10, "target": 20, "direction": "decrease"}, "OKR301", "direction",
     "direction is decrease, but 10 → 20 is an increase", "fix the numbers, or omit direction (it is inferred)"),
    ({"baseline": 20, "target": 10, "direction": "increase"}, "OKR301", "direction",
     "direction is increase, but 20 → 10 is a decrease", "fix the numbers, or omit direction (it is inferred)"),
    ({"target": 10}, "OKR305", "target", "the baseline is not measured yet, so say which way the target lies",
     "add `direction: increase` or `direction: decrease`"),
    ({"kind": "boolean", "target": 1}, "OKR304", "target", "`target` of a boolean key result must be true or false",
     "a boolean KR is done or not; use kind: metric for numbers"),
    ({"kind": "boolean", "baseline": 0}, "OKR304", "baseline",
     "`baseline` of a boolean key result must be true or false",
     "a boolean KR is done or not; use kind: metric for numbers"),
    ({"kind": "boolean", "baseline": "true", "target": "true"}, "OKR302", "target",
     "baseline equals target (true): there is nothing to achieve", "a boolean KR goes from false to true"),
    ({"kind": "milestones"}, "OKR305", "kind", "a milestones key result needs `steps`",
     "list the steps: steps: [{id: design, title: 設計}, ...]"),
    ({"kind": "threshold"}, "OKR305", "kind", "a threshold key result needs `min` and/or `max`",
     "e.g. min: 99.9 to stay at or above 99.9"),
    ({"kind": "threshold", "min": 5, "max": 3}, "OKR308", "min", "min 5 is greater than max 3", "swap them"),
    ({"kind": "threshold", "min": 1, "baseline": "false"}, "OKR304", "baseline",
     "`baseline` of a threshold key result must be a number", ""),
    ({"baseline": 0, "target": 10, "due": "2027-01-05"}, "OKR303", "due",
     "due 2027-01-05 is outside 2026-Q4 (2026-10-01 – 2026-12-31)", "key results are due within their period"),
])
def test_each_kind_mistake_is_reported_at_its_key(tmp_path, keys, code, key, message, hint):
    kr_yaml = _kr(**keys)
    found, _ = _check(tmp_path, kr_yaml)
    assert found == [(code, _line(kr_yaml, key), message, hint)]


@pytest.mark.parametrize("keys", [
    {"baseline": 10, "target": 20, "direction": "increase"},  # the direction agrees
    {"target": 10, "direction": "decrease"},
    {"kind": "boolean", "baseline": "false", "target": "true"},
    {"kind": "threshold", "min": 3, "max": 3},  # a band of one value
    {"kind": "threshold", "max": 3, "baseline": 2},
    {"baseline": 0, "target": 10, "due": "2026-12-31"},  # the last day of the period
    {"baseline": 0, "target": 10, "due": "2026-10-01"},
])
def test_what_fits_its_kind_is_not_reported(tmp_path, keys):
    assert _check(tmp_path, _kr(**keys))[0] == []


def test_a_boolean_kr_goes_from_false_to_true_unless_written(tmp_path):
    _, org = _check(tmp_path, _kr(kind="boolean"))
    kr = org.objectives[0].key_results[0]
    assert (kr.baseline, kr.target, kr.direction) == (False, True, None)


def test_the_direction_is_inferred_from_baseline_and_target(tmp_path):
    _, org = _check(tmp_path, _kr(baseline=20, target=10))
    assert org.objectives[0].key_results[0].direction == "decrease"
    _, org = _check(tmp_path / "b", _kr(baseline=10, target=20, direction="decrease"))
    assert org.objectives[0].key_results[0].direction == "increase"  # the numbers win (and OKR301 says so)


STEPS = ("\n    steps:\n      - {id: a, title: A}\n      - title: B\n        weight: 2\n        id: a\n"
         "        due: 2027-01-05")


def test_milestone_steps_are_unique_and_due_within_the_period(tmp_path):
    kr_yaml = _kr(kind="milestones" + STEPS)
    found, _ = _check(tmp_path, kr_yaml)
    kind = _line(kr_yaml, "kind")  # steps: is the next line, then the first step, then the second
    assert found == [("OKR201", kind + 5, "step id `a` is used twice", "give each step its own id"),  # at its id
                     ("OKR303", kind + 6, "step due 2027-01-05 is outside 2026-Q4 (2026-10-01 – 2026-12-31)",
                      "steps are due within the period")]  # at its due


def test_a_boolean_kr_keeps_the_baseline_and_target_written(tmp_path):
    _, org = _check(tmp_path, _kr(kind="boolean", baseline="true", target="false"))  # e.g. "no longer needed"
    kr = org.objectives[0].key_results[0]
    assert (kr.baseline, kr.target) == (True, False)


@pytest.mark.parametrize("keys, message", [
    ({"baseline": 10, "target": 20, "commit": 25}, "commit 25 is not between baseline and target (10 → 20)"),
    ({"baseline": 10, "target": 20, "commit": 20.5}, "commit 20.5 is not between baseline and target (10 → 20)"),
    ({"baseline": 10, "target": 20, "commit": 5}, "commit 5 is not between baseline and target (10 → 20)"),
    ({"baseline": 10, "target": 20, "commit": 9.5}, "commit 9.5 is not between baseline and target (10 → 20)"),
    ({"baseline": 20, "target": 10, "commit": 5}, "commit 5 is not between baseline and target (20 → 10)"),
    ({"baseline": 20, "target": 10, "commit": 25}, "commit 25 is not between baseline and target (20 → 10)"),
    ({"target": 100, "direction": "increase", "commit": 120}, "commit 120 is not between baseline and target (? → 100)"),
    ({"target": 100, "direction": "decrease", "commit": 120}, None),  # unknown baseline: any level short of 100
])
def test_commit_lies_between_baseline_and_target(tmp_path, keys, message):
    kr_yaml = _kr(**keys)
    found, _ = _check(tmp_path, kr_yaml)
    expected = [("OKR306", _line(kr_yaml, "commit"), message,
                 "commit is the level promised for sure: beyond the baseline, at most the target")] if message else []
    assert found == expected


@pytest.mark.parametrize("commit", [10.5, 19.5, 20])  # baseline < commit ≤ target (docs/scoring.md)
def test_commit_at_or_inside_the_ends_is_fine(tmp_path, commit):
    assert _check(tmp_path, _kr(baseline=10, target=20, commit=commit))[0] == []


@pytest.mark.parametrize("keys, message", [
    ({"baseline": 10, "target": 20, "stretch": 20}, "stretch 20 does not go beyond the target 20"),
    ({"baseline": 10, "target": 20, "stretch": 15}, "stretch 15 does not go beyond the target 20"),
    ({"baseline": 20, "target": 10, "stretch": 12}, "stretch 12 does not go beyond the target 10"),
    ({"baseline": 10, "target": 20, "stretch": 20.5}, None),
    ({"baseline": 20, "target": 10, "stretch": 9.5}, None),
])
def test_stretch_goes_beyond_the_target(tmp_path, keys, message):
    kr_yaml = _kr(**keys)
    found, _ = _check(tmp_path, kr_yaml)
    assert found == ([("OKR306", _line(kr_yaml, "stretch"), message, "stretch is a level beyond the target")]
                     if message else [])


def test_commit_is_not_compared_with_a_baseline_that_is_no_number(tmp_path):
    kr_yaml = _kr(baseline="true", target=10, direction="increase", commit=0.5)
    found, _ = _check(tmp_path, kr_yaml)
    assert [(code, line) for code, line, *_ in found] == [("OKR304", _line(kr_yaml, "baseline"))]


def test_commit_and_stretch_without_a_target_are_not_checked(tmp_path):
    # no target: OKR504 (a lint) says so; there is nothing to compare commit or stretch with
    assert _check(tmp_path, _kr(direction="increase", commit=5, stretch=1))[0] == []


FIRST_UPDATE_LINE = 5  # log(): ---, date, author, updates:, then the first update

NUMERIC_HINT = "write the measured number, e.g. 58"


@pytest.mark.parametrize("keys, value, message, hint", [
    ({"baseline": 0, "target": 10}, "yes", "`k` is a metric key result; its value must be a number, got true",
     "YAML reads yes/no/on/off as true/false; write the measured number, e.g. 58"),
    ({"baseline": 0, "target": 10}, "'58'", "`k` is a metric key result; its value must be a number, got text `58`",
     NUMERIC_HINT),
    ({"baseline": 0, "target": 10}, "[1, 2]", "`k` is a metric key result; its value must be a number, got a list",
     NUMERIC_HINT),
    ({"baseline": 0, "target": 10}, "{value: {a: 1}}",
     "`k` is a metric key result; its value must be a number, got a mapping", NUMERIC_HINT),
    ({"baseline": 0, "target": 10}, "", "`k` is a metric key result; its value must be a number, got nothing",
     NUMERIC_HINT),
    ({"baseline": 0, "target": 10}, "2026-11-01",
     "`k` is a metric key result; its value must be a number, got date", NUMERIC_HINT),  # YAML reads a date
    ({"kind": "threshold", "min": 1}, "off", "`k` is a threshold key result; its value must be a number, got false",
     "YAML reads yes/no/on/off as true/false; write the measured number, e.g. 58"),
    ({"kind": "boolean"}, "3", "`k` is a boolean key result; its value must be true or false, got 3",
     "a boolean KR is done (true) or not (false); use kind: metric for numbers"),
    ({"kind": "boolean"}, "2.5", "`k` is a boolean key result; its value must be true or false, got 2.5",
     "a boolean KR is done (true) or not (false); use kind: metric for numbers"),
    ({"kind": "boolean"}, "done", "`k` is a boolean key result; its value must be true or false, got text `done`",
     "a boolean KR is done (true) or not (false); use kind: metric for numbers"),
    ({"kind": "milestones" + "\n    steps: [{id: a, title: A}, {id: b, title: B}]"}, "[a, x, y]",
     "`x, y` is not a step of `k`", "steps: a, b"),
    ({"kind": "milestones" + "\n    steps: [{id: a, title: A}, {id: b, title: B}]"}, "a",
     "`k` is a milestones key result; its value is the list of steps done", "e.g. value: [design, beta]"),
])
def test_check_in_values_that_do_not_fit_the_kind(tmp_path, keys, value, message, hint):
    found, org = _check(tmp_path, _kr(**keys), f"  k: {value}\n")
    assert found == [("OKR304", FIRST_UPDATE_LINE, message, hint)]
    assert org.objectives[0].key_results[0].check_ins == []  # the value is not counted


@pytest.mark.parametrize("keys, value", [
    ({"baseline": 0, "target": 10}, "7.5"),
    ({"kind": "threshold", "min": 1}, "3"),
    ({"kind": "boolean"}, "true"),
    ({"kind": "milestones" + "\n    steps: [{id: a, title: A}, {id: b, title: B}]"}, "[b, a]"),
    ({"kind": "milestones" + "\n    steps: [{id: a, title: A}, {id: b, title: B}]"}, "[]"),
])
def test_check_in_values_that_fit_are_counted(tmp_path, keys, value):
    found, org = _check(tmp_path, _kr(**keys), f"  k: {value}\n")
    assert found == []
    assert len(org.objectives[0].key_results[0].check_ins) == 1


def test_check_ins_of_a_milestones_kr_without_steps_are_not_reported_again(tmp_path):
    kr_yaml = _kr(kind="milestones")
    found, org = _check(tmp_path, kr_yaml, "  k: [a]\n")
    assert [c for c, *_ in found] == ["OKR305"]  # the KR's own mistake, once
    assert org.objectives[0].key_results[0].check_ins == []  # and its check-ins are not counted
