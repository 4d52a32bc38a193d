"""The OKR-quality lints (OKR5xx, OKR310) at their thresholds, with the exact message, hint and
place a contributor sees; found missing by mutation testing (`make mutation`).

Thresholds are the documented defaults (docs/rules.md, docs/configuration.md): 3 objectives per
unit and period, 2–4 key results per objective, a check-in at least every 14 days.
"""

from __future__ import annotations

import datetime as dt

import pytest

from .orgs import log, org_from

PM = {"units/pm.md": "---\nname: PM\nkind: person\nparent: product\n---\n"}
TODAY = dt.date(2026, 11, 24)


def _objective(krs: list[str], *, slug="o", type_="aspirational", title="Objective", owner="pm", extra="",
               period="2026-Q4", unit="product") -> dict[str, str]:
    body = "".join(krs) if krs else " []\n"
    return {f"okrs/{period}/{unit}/{slug}.md":
            f"---\nowner: {owner}\ntype: {type_}\ntitle: {title}\nkey_results:{'' if not krs else chr(10)}{body}{extra}---\n"}


def _kr(kid: str, extra: str = "") -> str:
    """A KR in block style, id on its second line, so that each key has a line of its own: the first
    KR's title is on line 6, its id on 7, baseline 8, target 9; the next KR starts 4 lines later."""
    return f"  - title: {kid.upper()}\n    id: {kid}\n    baseline: 0\n    target: 10\n{extra}"


def _serves(*kids: str) -> str:
    return f"initiatives:\n  - {{title: Work, key_results: [{', '.join(kids)}]}}\n"


def _lints(tmp_path, files, code, today=TODAY):
    org = org_from(tmp_path, {**PM, **files}, today)
    assert not [d for d in org.diagnostics if d.severity.value == "error"], org.diagnostics
    return [(d.location.path.removeprefix(str(tmp_path) + "/"), d.location.line, d.message, d.hint)
            for d in org.diagnostics if d.code == code]


# a check-in for every KR, so the only lint left is the one a test is about
def _fresh(*kids: str) -> dict[str, str]:
    return log("2026-11-20", "".join(f"  {k}: 5\n" for k in kids))


def test_more_objectives_than_the_focus_limit(tmp_path):
    files = {}
    for slug in ("a", "b", "c", "d"):
        files.update(_objective([_kr(f"{slug}1"), _kr(f"{slug}2")], slug=slug, extra=_serves(f"{slug}1", f"{slug}2")))
    files.update(_fresh("a1", "a2", "b1", "b2", "c1", "c2", "d1", "d2"))
    org = org_from(tmp_path, {**PM, **files}, TODAY)
    [d] = [d for d in org.diagnostics if d.code == "OKR501"]
    assert d.message == "product has 4 objectives in 2026-Q4 (focus limit 3)"
    assert d.hint == "keep the 2–3 objectives that matter most; the rest can wait"
    assert (d.location.path.endswith("product/d.md"), d.location.line) == (True, 4)  # the fourth one's title
    assert sorted((r.path.rsplit("/", 1)[1], r.line) for r in d.related) == [("a.md", 4), ("b.md", 4), ("c.md", 4)]


def test_three_objectives_are_within_the_focus_limit(tmp_path):
    files = {}
    for slug in ("a", "b", "c"):
        files.update(_objective([_kr(f"{slug}1"), _kr(f"{slug}2")], slug=slug, extra=_serves(f"{slug}1", f"{slug}2")))
    assert _lints(tmp_path, files, "OKR501") == []


@pytest.mark.parametrize("n, code, message, hint", [
    (0, "OKR502", "only 0 key results (at least 2 expected)", "add a KR that measures another side of the objective"),
    (1, "OKR502", "only 1 key result (at least 2 expected)", "add a KR that measures another side of the objective"),
    (2, "OKR502", None, None),
    (4, "OKR503", None, None),
    (5, "OKR503", "5 key results (at most 4 keep the focus)", "keep the KRs that best show the objective is met"),
])
def test_number_of_key_results(tmp_path, n, code, message, hint):
    kids = [f"k{i}" for i in range(n)]
    files = {**_objective([_kr(k) for k in kids], extra=_serves(*kids) if kids else ""), **_fresh(*kids)}
    expected = [("okrs/2026-Q4/product/o.md", 5, message, hint)] if message else []  # the `key_results` key
    assert _lints(tmp_path, files, code) == expected


@pytest.mark.parametrize("title, flagged", [("2026", True), ("１２０％", True), ("(+20%)", True),
                                            ("売上 120%", False), ("Grow 20%", False)])
def test_objective_title_that_is_only_a_number(tmp_path, title, flagged):
    files = {**_objective([_kr("a"), _kr("b")], title=f"'{title}'", extra=_serves("a", "b")), **_fresh("a", "b")}
    expected = [("okrs/2026-Q4/product/o.md", 4, f"the objective `{title}` is only a number",
                 "an objective says, in words, what you want to be true; numbers go into key results")]
    assert _lints(tmp_path, files, "OKR507") == (expected if flagged else [])


def test_key_result_without_a_target(tmp_path):
    krs = ["  - title: A\n    id: a\n    direction: increase\n", _kr("b")]
    files = {**_objective(krs, extra=_serves("a", "b")), **_fresh("a", "b")}
    assert _lints(tmp_path, files, "OKR504") == [
        ("okrs/2026-Q4/product/o.md", 7, "key result `a` has no measurable target",  # at its id
         "give it a baseline and a target, or move it to initiatives (it reads like a task)")]


def test_a_boolean_key_result_needs_no_numeric_target(tmp_path):
    krs = ["  - {id: a, title: A, kind: boolean}\n", _kr("b")]
    files = {**_objective(krs, extra=_serves("a", "b")), **log("2026-11-20", "  a: false\n  b: 5\n")}
    assert _lints(tmp_path, files, "OKR504") == []


def test_key_results_no_initiative_serves(tmp_path):
    extra = "initiatives:\n  - {title: Old, key_results: [b], status: dropped}\n  - {title: Work, key_results: [c]}\n"
    files = {**_objective([_kr("a"), _kr("b"), _kr("c")], extra=extra), **_fresh("a", "b", "c")}
    hint = "add an initiative with `key_results: [{}]`, or align a team OKR to it"
    assert _lints(tmp_path, files, "OKR506") == [
        ("okrs/2026-Q4/product/o.md", 7, "no initiative serves key result `a`", hint.format("a")),  # at its id
        ("okrs/2026-Q4/product/o.md", 11, "only dropped initiatives serve key result `b`", hint.format("b"))]


def test_a_key_result_a_team_aligns_to_needs_no_initiative(tmp_path):
    team = {"units/platform.md": "---\nname: Platform\nkind: team\nparent: acme\n---\n",
            "okrs/2026-Q4/platform/t.md": "---\ntitle: Team\nowner: pm\nkey_results:\n"
                                          "  - {id: t1, title: T1, baseline: 0, target: 5, aligns_to: product/o/a}\n"
                                          "  - {id: t2, title: T2, baseline: 0, target: 5}\n"
                                          "initiatives:\n  - {title: W, key_results: [t1, t2]}\n---\n",
            "logs/2026-Q4/platform/2026-11-20.md": "---\ndate: 2026-11-20\nauthor: pm\nupdates:\n  t1: 1\n  t2: 1\n---\n"}
    files = {**team, **_objective([_kr("a"), _kr("b")], extra=_serves("b")), **_fresh("a", "b")}
    assert _lints(tmp_path, files, "OKR506") == []


def test_initiative_serving_no_key_result(tmp_path):
    extra = "initiatives:\n  - {title: Work, key_results: [a, b]}\n  - {title: Side quest}\n"
    files = {**_objective([_kr("a"), _kr("b")], extra=extra), **_fresh("a", "b")}
    assert _lints(tmp_path, files, "OKR505") == [
        ("okrs/2026-Q4/product/o.md", 16, "initiative `Side quest` serves no key result",
         "list the KRs it moves in `key_results`, or drop it")]


def test_committed_key_result_without_a_due_date(tmp_path):
    krs = [_kr("a"), _kr("b", "    due: 2026-12-15\n")]
    files = {**_objective(krs, type_="committed", extra=_serves("a", "b")), **_fresh("a", "b")}
    assert _lints(tmp_path, files, "OKR508") == [
        ("okrs/2026-Q4/product/o.md", 7, "key result `a` of a committed objective has no due date",
         "committed objectives are delivered in full: add `due:`")]
    assert _lints(tmp_path / "asp", {**_objective(krs, extra=_serves("a", "b")), **_fresh("a", "b")}, "OKR508") == []


def test_stale_key_results(tmp_path):
    files = {**_objective([_kr("a"), _kr("b"), _kr("c")], extra=_serves("a", "b", "c")),
             **log("2026-11-09", "  a: 1\n"), **log("2026-11-10", "  b: 1\n")}
    hint = "record a check-in in content/logs/2026-Q4/product/ (limit: 14 days)"
    assert _lints(tmp_path, files, "OKR509") == [  # on 2026-11-24: a 15 days, b 14 days (not yet), c never
        ("okrs/2026-Q4/product/o.md", 7, "key result `a` has had no check-in for 15 days (since 2026-11-09)", hint),
        ("okrs/2026-Q4/product/o.md", 15,
         "key result `c` has had no check-in for 54 days (since the period started on 2026-10-01)", hint)]


def test_a_new_period_is_not_stale_for_its_first_14_days(tmp_path):
    files = {**_objective([_kr("a"), _kr("b")], extra=_serves("a", "b"))}
    assert _lints(tmp_path, files, "OKR509", today=dt.date(2026, 10, 15)) == []
    assert [m for _, _, m, _ in _lints(tmp_path / "b", files, "OKR509", today=dt.date(2026, 10, 16))] == [
        "key result `a` has had no check-in for 15 days (since the period started on 2026-10-01)",
        "key result `b` has had no check-in for 15 days (since the period started on 2026-10-01)"]


def test_only_the_running_period_goes_stale(tmp_path):
    files = _objective([_kr("a"), _kr("b")], extra=_serves("a", "b"), period="2026-Q3")
    files.update(_objective([_kr("c"), _kr("d")], slug="q4", extra=_serves("c", "d")))
    files.update(_fresh("c", "d"))
    assert _lints(tmp_path, files, "OKR509") == []


def test_people_named_must_be_person_units(tmp_path):
    files = {"units/product.md": "---\nname: Product\nkind: team\nparent: acme\nowners: [pm, ito]\nmembers: [zzz]\n---\n",
             "units/ito.md": "---\nname: Ito\nkind: person\nparent: product\n---\n",
             "units/sales.md": "---\nname: Sales\nkind: team\nparent: acme\nowners: [pn]\n---\n",
             **_objective([_kr("a", "    owner: pn\n"), _kr("b")], owner="sales",
                          extra="initiatives:\n  - title: W\n    key_results: [a, b]\n    owner: zzz\n"),
             **log("2026-11-20", "  a: 5\n  b: 5\n"),
             "logs/2026-Q4/product/2026-11-21.md": "---\ndate: 2026-11-21\nauthor: product\nupdates:\n  a: 6\n---\n"}
    found = sorted(_lints(tmp_path, files, "OKR510"))
    new_person = "add content/units/<person-id>.md with kind: person"
    # an objective's, KR's or initiative's owner may be any unit (a team, a role): `sales` is fine;
    # a unit's owners, its members and check-in authors must be people
    assert found == [
        ("logs/2026-Q4/product/2026-11-21.md", 3, "author `product` is not a person unit",
         "`product` is a team: an author is a person (e.g. an owner: pm, ito)"),
        ("okrs/2026-Q4/product/o.md", 10, "owner `pn` names no unit", "did you mean `pm`?"),  # the KR's
        ("okrs/2026-Q4/product/o.md", 18, "owner `zzz` names no unit",
         "add content/units/<id>.md (a person, team or role)"),  # the initiative's
        ("units/product.md", 6, "member `zzz` is not a person unit", new_person),
        ("units/sales.md", 5, "owner `pn` is not a person unit", "did you mean `pm`?"),
    ]


def test_a_team_may_own_an_objective(tmp_path):
    """Design §10: an objective owned by a team (no person named) is not an OKR510 mistake."""
    files = {"units/sales.md": "---\nname: Sales\nkind: team\nparent: acme\n---\n",
             **_objective([_kr("a"), _kr("b")], owner="sales", extra=_serves("a", "b")), **_fresh("a", "b")}
    assert _lints(tmp_path, files, "OKR510") == []


def test_a_check_in_today_counts_for_staleness(tmp_path):
    files = {**_objective([_kr("a"), _kr("b")], extra=_serves("a", "b")), **log("2026-11-01", "  a: 1\n  b: 1\n"),
             **log("2026-11-24", "  a: 2\n  b: 2\n")}
    assert _lints(tmp_path, files, "OKR509") == []


def test_a_changed_field_must_be_applied(tmp_path):
    change = ("---\ndate: 2026-11-12\nauthor: pm\nchanges:\n  - key_result: a\n    field: target\n"
              "    from: 10\n    to: 12\n    reason: more demand\n---\n")
    files = {**_objective([_kr("a"), _kr("b")], extra=_serves("a", "b")), **_fresh("a", "b"),
             "logs/2026-Q4/product/2026-11-12.md": change}
    org = org_from(tmp_path, {**PM, **files}, TODAY)
    [d] = [d for d in org.diagnostics if d.code == "OKR310"]
    assert d.message == (f"{tmp_path}/logs/2026-Q4/product/2026-11-12.md changed `a`'s target to 12, but "
                         f"{tmp_path}/okrs/2026-Q4/product/o.md says 10.0")
    assert d.hint == "set `target: 12` on the key result, or correct the change record"
    assert d.location.line == 8  # `to: 12`
    assert [(r.path.endswith("o.md"), r.line) for r in d.related] == [(True, 9)]  # its target


def test_an_applied_change_is_fine(tmp_path):
    change = ("---\ndate: 2026-11-12\nauthor: pm\nchanges:\n  - key_result: a\n    field: target\n"
              "    from: 8\n    to: 10\n    reason: more demand\n---\n")
    files = {**_objective([_kr("a"), _kr("b")], extra=_serves("a", "b")), **_fresh("a", "b"),
             "logs/2026-Q4/product/2026-11-12.md": change}
    assert _lints(tmp_path, files, "OKR310") == []


def _change(day: str, field: str, old: object, new: object, action: str = "changed") -> dict[str, str]:
    return {f"logs/2026-Q4/product/{day}.md":
            f"---\ndate: {day}\nauthor: pm\nchanges:\n  - key_result: a\n    action: {action}\n    field: {field}\n"
            f"    from: {old}\n    to: {new}\n    reason: more demand\n---\n"}


def _with_changes(tmp_path, *changes, krs=None):
    files = {**_objective(krs or [_kr("a"), _kr("b")], extra=_serves("a", "b")), **_fresh("a", "b")}
    for change in changes:
        files.update(change)
    return _lints(tmp_path, files, "OKR310")


def test_the_latest_change_of_a_field_is_the_one_that_must_hold(tmp_path):
    assert _with_changes(tmp_path, _change("2026-11-05", "target", 8, 12), _change("2026-11-12", "target", 12, 10)) == []
    found = _with_changes(tmp_path / "b", _change("2026-11-05", "target", 8, 10), _change("2026-11-12", "target", 10, 12))
    assert [m.split(" changed ")[1] for _, _, m, _ in found] == [
        f"`a`'s target to 12, but {tmp_path}/b/okrs/2026-Q4/product/o.md says 10.0"]


def test_an_applied_change_of_a_text_field_is_fine(tmp_path):
    krs = ["  - {id: a, title: New name, baseline: 0, target: 10}\n", _kr("b")]
    assert _with_changes(tmp_path, _change("2026-11-12", "title", "Old name", "New name"), krs=krs) == []


def _field_errors(tmp_path, *changes):
    files = {**_objective([_kr("a"), _kr("b")], extra=_serves("a", "b")), **_fresh("a", "b")}
    for change in changes:
        files.update(change)
    org = org_from(tmp_path, {**PM, **files}, TODAY)
    return [(d.message, d.hint) for d in org.diagnostics if d.code == "OKR213"]


def test_a_change_to_a_field_the_kr_does_not_have(tmp_path):
    """A change that sets a key the KR's file does not hold is a wrong record (OKR213), not OKR310."""
    assert _field_errors(tmp_path, _change("2026-11-12", "due", "null", "2026-12-01")) == [
        ("the KR `a` has no `due`", "add `due` to the KR (the file holds the new value) or fix the field")]


@pytest.mark.parametrize("action", ["added", "dropped"])
def test_only_changed_records_are_compared(tmp_path, action):
    """An added or dropped item is recorded as a whole: a `field` on it is OKR213, never compared (OKR310)."""
    [(message, hint)] = _field_errors(tmp_path, _change("2026-11-12", "target", 8, 99, action=action))
    assert message.startswith(f"a change with `action: {action}` has no field")
    assert hint == "remove `field`: an added or dropped item is recorded as a whole"
