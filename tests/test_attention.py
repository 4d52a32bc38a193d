"""What needs attention (scoring/attention.py), on a hand-built organization whose expected lists
are worked out by hand in the comments: today 2026-11-24, 2026-Q4 runs 10-01 – 12-31 (54 of 91
days gone), so an aspirational KR is expected at 0.7 × 54/91 = 0.415 progress; stale after 14 days."""

from __future__ import annotations

import datetime as dt

import pytest

from okrsite.diagnostics.diagnostic import Severity
from okrsite.scoring.attention import needs_attention

from .orgs import org_from

TODAY = dt.date(2026, 11, 24)


def _objective(slug: str, krs: str, period: str = "2026-Q4", unit: str = "product") -> dict[str, str]:
    return {f"okrs/{period}/{unit}/{slug}.md":
            f"---\ntitle: {slug}\nowner: pm\ntype: aspirational\nkey_results:\n{krs}---\n"}


def _metric(kr: str, target: int = 100) -> str:
    return f"  - {{id: {kr}, title: {kr}, baseline: 0, target: {target}, unit: pt, owner: pm}}\n"


def _log(day: str, body: str, period: str = "2026-Q4", unit: str = "product") -> dict[str, str]:
    return {f"logs/{period}/{unit}/{day}.md": f"---\nauthor: pm\n{body}---\n"}


FILES = {
    "units/pm.md": "---\nname: PM\nkind: person\nparent: product\n---\n",
    # steady: 60% on 11-20 (ahead of 0.415), confident 0.8, 4 days ago; its target change has a reason
    **_objective("steady", _metric("a1", 90)),
    # behind: 5% on 11-20 against 0.415 expected: more than 0.25 behind, off track (objective too)
    **_objective("behind", _metric("b1")),
    # unsure: 60% but confidence 0.4: below the default line 0.5 (at risk by status, not off track)
    **_objective("unsure", _metric("c1")),
    # quiet: 60% on 11-01, 23 days before today: stale; a boolean KR done on 10-05 is finished, never stale
    **_objective("quiet", _metric("d1") + "  - {id: d2, title: d2, kind: boolean, owner: pm}\n"),
    # moved: healthy, but its target went 100 -> 80 with `reason: unrecorded`
    **_objective("moved", _metric("e1", 80)),
    # gone: off track, but the objective was dropped: never listed
    **_objective("gone", _metric("g1")),
    **_log("2026-10-05", "updates:\n  d2: true\n"),
    **_log("2026-11-01", "updates:\n  d1: {value: 60, confidence: 0.9}\n"),
    **_log("2026-11-10", "updates:\n  a1: 40\n  g1: 2\n"
           "changes:\n  - {key_result: steady/a1, field: target, from: 100, to: 90, reason: scope narrowed}\n"
           "  - {key_result: moved/e1, field: target, from: 100, to: 80, reason: unrecorded}\n"
           "  - {objective: gone, action: dropped, reason: merged into behind}\n"),
    **_log("2026-11-20", "updates:\n  a1: {value: 54, confidence: 0.8}\n  b1: {value: 5, confidence: 0.9}\n"
           "  c1: {value: 60, confidence: 0.4}\n  e1: {value: 48, confidence: 0.7}\n"),
    # a finished period (2026-Q3): pace, confidence and staleness mean nothing there any more
    **_objective("done", _metric("f1") + _metric("f2"), period="2026-Q3"),
    **_objective("graded", _metric("h1"), period="2026-Q3"),
    **_log("2026-08-01", "updates:\n  done/f1: {value: 3, confidence: 0.1}\n  graded/h1: 70\n", period="2026-Q3"),
}


def _found(org, period_id: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    period = next(p for p in org.period_list() if p.id == period_id)
    return [(a.objective.slug, [(r.kind, r.key_result.id if r.key_result else None) for r in a.reasons])
            for a in needs_attention(org.objectives, org, period)]


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    return org_from(tmp_path_factory.mktemp("attention"), FILES, TODAY)


def test_the_content_is_read_without_errors(org):
    assert [d for d in org.diagnostics if d.severity is Severity.ERROR] == []


def test_running_period_lists_off_track_low_confidence_stale_and_unexplained_targets(org):
    # weightiest reason first: off track, then low confidence, stale, unexplained target change
    assert _found(org, "2026-Q4") == [
        ("behind", [("off_track", None), ("off_track", "b1")]),
        ("unsure", [("low_confidence", "c1")]),
        ("quiet", [("stale", "d1")]),
        ("moved", [("target_unexplained", "e1")]),
    ]


def test_each_item_carries_its_latest_check_in(org):
    period = next(p for p in org.period_list() if p.id == "2026-Q4")
    days = {a.objective.slug: a.last_check_in for a in needs_attention(org.objectives, org, period)}
    assert days == {"behind": dt.date(2026, 11, 20), "unsure": dt.date(2026, 11, 20),
                    "quiet": dt.date(2026, 11, 1), "moved": dt.date(2026, 11, 20)}


def test_a_finished_period_names_no_pace_only_what_awaits_a_grade(org):
    # done/f1 has a value (computed score 0.03, a low confidence that no longer matters); done/f2 has
    # nothing: unscored. graded/h1 is computed from its value: scored, nothing to do.
    assert _found(org, "2026-Q3") == [("done", [("unscored", "f2")])]


@pytest.mark.parametrize("line, expected", [
    (0.3, ["behind", "quiet", "moved"]),  # c1's 0.4 is not below 0.3
    (0.4, ["behind", "quiet", "moved"]),  # nor below 0.4: the line itself is not below it
    # every latest confidence is below 0.95 (b1 0.9, d1 0.9, a1 0.8, e1 0.7, c1 0.4): behind stays first
    # (off track), the others share their weightiest reason and follow by file name
    (0.95, ["behind", "moved", "quiet", "steady", "unsure"]),
])
def test_the_confidence_line_is_a_setting(tmp_path, line, expected):
    org = org_from(tmp_path, {**FILES, "okrsite.yml": f"attention:\n  confidence_below: {line}\n"}, TODAY)
    assert [slug for slug, _ in _found(org, "2026-Q4")] == expected


def test_with_a_line_of_095_each_low_confidence_is_named(tmp_path):
    org = org_from(tmp_path, {**FILES, "okrsite.yml": "attention: {confidence_below: 0.95}\n"}, TODAY)
    low = {(slug, kr) for slug, reasons in _found(org, "2026-Q4") for kind, kr in reasons if kind == "low_confidence"}
    # d1's 0.9 is from 11-01 and still its latest; every other latest confidence is below 0.95 as well
    assert low == {("behind", "b1"), ("steady", "a1"), ("unsure", "c1"), ("quiet", "d1"), ("moved", "e1")}


@pytest.mark.parametrize("value", ["1.5", "high", "-0.1"])
def test_a_bad_confidence_line_is_okr008_at_its_key_and_the_default_holds(tmp_path, value):
    org = org_from(tmp_path, {**FILES, "okrsite.yml": f"language: en\nattention:\n  confidence_below: {value}\n"},
                   TODAY)
    bad = [d for d in org.diagnostics if d.code == "OKR008"]
    assert [(d.location.line, d.severity) for d in bad] == [(3, Severity.ERROR)]
    assert "confidence_below" in bad[0].message
    assert org.settings.attention_confidence_below == 0.5
