"""Grades, unscored key results, over-achievement, ladders, objective-level and official scores,
and the status of finished periods (docs/scoring.md). Table-driven: each row is a small
organization; the expected numbers come from tests/expected.py (computed from the rows' own
numbers, never by okrsite), or are written by hand where a row says so.

Today is 2026-11-24: 2026-Q3 is finished, 2026-Q4 is running.
"""

from __future__ import annotations

import datetime as dt

import pytest

from okrsite.scoring.progress import Status, kr_progress, objective_progress, objectives_mean, status_counts
from okrsite.site.view import SiteView

from . import expected
from .orgs import log, objective, org_from

Q3, Q4 = "2026-Q3", "2026-Q4"
TODAY = dt.date(2026, 11, 24)


def _errors(org) -> list:
    return [d for d in org.diagnostics if d.severity.value == "error"]


def _org(tmp_path, krs: str, *, period: str = Q3, logs: dict[str, str] | None = None, retro: str | None = None,
         type_: str = "aspirational"):
    files = objective(krs, period=period, type_=type_)
    for day, updates in (logs or {}).items():
        files.update(log(day, updates, period=period))
    if retro is not None:
        files[f"retros/{period}/product.md"] = f"---\n{retro}---\n"
    org = org_from(tmp_path, files, TODAY)
    assert not _errors(org), _errors(org)
    return org


KR_A = "  - {id: a, title: A, baseline: 0, target: 10}\n"
KR_B = "  - {id: b, title: B, baseline: 0, target: 10}\n"
KR_C = "  - {id: c, title: C, baseline: 0, target: 10}\n"


# --- precedence: retro result > check-in grade > computed (finished only) > unscored ---------------
@pytest.mark.parametrize("period, logs, retro, source, value", [
    # finished period
    (Q3, {"2026-09-20": "  a: 5\n"}, None, "computed", 5 / 10),
    (Q3, {"2026-09-20": "  a: {value: 5, grade: 0.8}\n"}, None, "check-in-grade", 0.8),
    (Q3, {"2026-09-20": "  a: {value: 5, grade: 0.8}\n"}, "scores:\n  a: 0.3\n", "retro", 0.3),
    (Q3, {"2026-08-20": "  a: {grade: 0.2}\n", "2026-09-20": "  a: {grade: 0.7}\n"}, None, "check-in-grade", 0.7),
    (Q3, {}, None, None, None),  # nothing: unscored, not 0
    # running period: a computed number is never in the score column
    (Q4, {"2026-11-10": "  a: 5\n"}, None, None, None),
    (Q4, {"2026-11-10": "  a: {value: 5, grade: 0.6, projection: 0.8}\n"}, None, "check-in-grade", 0.6),
    (Q4, {}, "scores:\n  a: 0.4\n", "retro", 0.4),  # a retrospective written early counts
])
def test_which_score_a_kr_shows(tmp_path, period, logs, retro, source, value):
    org = _org(tmp_path, KR_A, period=period, logs=logs, retro=retro)
    p = kr_progress(org.objectives[0].key_results[0], org)
    grades = [g for _, g in sorted((day, _grade(u)) for day, u in logs.items()) if g is not None]
    overrides = {"a": 0.3} if retro and "0.3" in retro else {"a": 0.4} if retro else {}
    values = [v for v in (_value(u) for _, u in sorted(logs.items())) if v is not None]
    want = expected.score(KR_DICT, values, overrides.get("a"), finished=period == Q3,
                          grade=grades[-1] if grades else None)
    assert want == pytest.approx(value) if value is not None else want is None  # the table agrees with expected.py
    assert (p.result.source, p.score) == (source, pytest.approx(value) if value is not None else None)
    assert p.unscored is (value is None)


KR_DICT = {"id": "a", "baseline": 0, "target": 10}


def _grade(update: str) -> float | None:
    return float(update.split("grade: ")[1].split(",")[0].split("}")[0]) if "grade:" in update else None


def _value(update: str) -> float | None:
    text = update.split(": ", 1)[1].strip()
    if text.startswith("{"):
        return float(text.split("value: ")[1].split(",")[0]) if "value:" in text else None
    return float(text)


def test_a_grade_only_kr_takes_its_grade_as_progress(tmp_path):
    org = _org(tmp_path, KR_A, period=Q4, logs={"2026-11-10": "  a: {grade: 0.3}\n"})
    p = kr_progress(org.objectives[0].key_results[0], org)
    assert (p.progress, p.score, p.current) == (0.3, 0.3, None)
    assert p.days_since_check_in == 14  # a grade-only update is a check-in


def test_an_update_with_only_a_note_is_an_error(tmp_path):
    files = {**objective(KR_A, period=Q4), **log("2026-11-10", "  a: {note: looked at it}\n", period=Q4)}
    org = org_from(tmp_path, files, TODAY)
    assert [d.code for d in _errors(org)] == ["OKR102"]


# --- unscored, words, coverage --------------------------------------------------------------------
@pytest.mark.parametrize("retro, scores, counted", [
    ("scores:\n  a: 0.6\n  b: 0.9\n", [0.6, 0.9, None], 3),  # c: no value, no grade → unscored
    ("scores:\n  a: 0.6\n  b: {status: deferred, reason: moved}\n  c: 0.3\n", [0.6, None, 0.3], 3),
    ("scores:\n  a: 0.6\n  b: {status: n/a, reason: not ours}\n  c: 0.3\n", [0.6, 0.3], 2),  # n/a leaves N too
    ("scores:\n  a: {status: wip, reason: x}\n  b: {status: blocked, reason: y}\n", [None, None, None], 3),
])
def test_unscored_is_left_out_of_the_mean_and_counted_beside_it(tmp_path, retro, scores, counted):
    org = _org(tmp_path, KR_A + KR_B + KR_C, retro=retro)
    p = objective_progress(org.objectives[0], org)
    want = expected.clamped_mean(scores)
    assert p.score == (pytest.approx(want) if want is not None else None)
    assert (p.unscored, p.counted) == (sum(s is None for s in scores), counted)
    assert p.status.value == expected.final_state(None if want is None else round(want, 2))
    for kp in p.key_results:
        assert kp.score != 0.0 or kp.result.score == 0.0  # never a 0 for a missing score


def test_status_counts_list_dropped_only_when_something_counted_is_dropped(tmp_path):
    retro = "scores:\n  a: {status: deferred, reason: moved}\n  b: {status: n/a, reason: not ours}\n  c: 0.5\n"
    org = _org(tmp_path, KR_A + KR_B + KR_C, retro=retro)
    krs = objective_progress(org.objectives[0], org).key_results
    assert status_counts(krs) == {Status.FINAL_GREEN: 0, Status.FINAL_YELLOW: 1, Status.FINAL_RED: 0,
                                  Status.UNSCORED: 1, Status.DROPPED: 1}
    # without the n/a one nothing counted is dropped: no "0 Dropped" (a dropped objective is left out
    # of the lists counted, so a zero there would read as "nothing was dropped")
    assert Status.DROPPED not in status_counts([krs[0], krs[2]])


def test_words_show_as_words_and_dropped_ones_as_dropped(tmp_path):
    retro = "scores:\n  a: {status: deferred, reason: moved}\n  b: {status: n/a, reason: not ours}\n  c: 0.5\n"
    org = _org(tmp_path, KR_A + KR_B + KR_C, retro=retro)
    a, b, c = objective_progress(org.objectives[0], org).key_results
    assert (a.status, a.result.word, a.unscored) == (Status.UNSCORED, "deferred", True)
    assert (b.status, b.result.word, b.unscored, b.counted) == (Status.DROPPED, "n/a", False, False)
    assert c.status is Status.FINAL_YELLOW
    view = SiteView(org, "en")
    assert view.result_word(a) == "Deferred" and view.result_word(b) == "Not applicable"


def test_a_word_result_needs_a_reason_and_one_result_per_entry(tmp_path):
    files = {**objective(KR_A + KR_B, period=Q3),
             "retros/2026-Q3/product.md": "---\nscores:\n  a: {status: wip}\n  b: {score: 0.5, status: wip, reason: x}\n---\n"}
    org = org_from(tmp_path, files, TODAY)
    assert sorted(d.code for d in _errors(org)) == ["OKR102", "OKR314"]


# --- over-achievement -------------------------------------------------------------------------------
@pytest.mark.parametrize("scores", [[1.44, 0.4], [1.3, 1.2], [2.0, 0.0, 0.5], [0.9, 0.7]])
def test_over_achievement_is_shown_as_written_and_clamped_in_means(tmp_path, scores):
    ids = "abc"[:len(scores)]
    krs = "".join(f"  - {{id: {i}, title: {i.upper()}, baseline: 0, target: 10}}\n" for i in ids)
    retro = "scores:\n" + "".join(f"  {i}: {s}\n" for i, s in zip(ids, scores, strict=True))
    org = _org(tmp_path, krs, retro=retro)
    p = objective_progress(org.objectives[0], org)
    assert [k.score for k in p.key_results] == scores  # as written
    assert p.score == pytest.approx(expected.clamped_mean(scores))
    assert p.clamped == sum(s > 1.0 for s in scores)
    view = SiteView(org, "en")
    assert view.score(p.key_results[0].score) == f"{scores[0]:.2f}"


def test_a_grade_above_2_is_a_typo(tmp_path):
    files = {**objective(KR_A, period=Q3), "retros/2026-Q3/product.md": "---\nscores:\n  a: 70\n---\n"}
    org = org_from(tmp_path, files, TODAY)
    (d,) = _errors(org)
    assert d.code == "OKR105" and "0.7, not 70" in d.hint


# --- ladders ------------------------------------------------------------------------------------------
RISING = [[20, 0.3], [40, 0.6], [70, 1.0], [90, 1.3]]
FALLING = [[10, 0.5], [5, 1.0]]


@pytest.mark.parametrize("rungs, value", [
    *((RISING, v) for v in (0, 19, 20, 21, 39, 40, 41, 69, 70, 71, 89, 90, 120)),
    *((FALLING, v) for v in (12, 10.5, 10, 9, 5.1, 5, 2)),
])
def test_ladder_scores_step_at_each_rung(tmp_path, rungs, value):
    baseline = 0 if rungs is RISING else 20
    krs = f"  - {{id: a, title: A, baseline: {baseline}, scoring: {rungs}}}\n"
    org = _org(tmp_path, krs, logs={"2026-09-20": f"  a: {value}\n"})
    p = kr_progress(org.objectives[0].key_results[0], org)
    want = expected.ladder(rungs, value)
    assert p.score == pytest.approx(want)  # finished: the rung's score, unclamped
    assert p.progress == pytest.approx(min(want, 1.0))  # progress (and pace) clamp at 1.0


def test_a_ladder_gives_its_target_and_direction(tmp_path):
    org = _org(tmp_path, f"  - {{id: a, title: A, baseline: 20, scoring: {FALLING}}}\n")
    kr = org.objectives[0].key_results[0]
    assert (kr.target, kr.direction) == (5.0, "decrease")
    assert not [d for d in org.diagnostics if d.code == "OKR504"]


@pytest.mark.parametrize("krs, code", [
    ("  - {id: a, title: A, baseline: 0, scoring: [[20, 0.6], [40, 0.3]]}\n", "OKR311"),
    ("  - {id: a, title: A, baseline: 0, scoring: [[20, 0.6], [20, 0.8]]}\n", "OKR311"),
    ("  - {id: a, title: A, baseline: 0, scoring: [[20, 0.6], [40, 2.5]]}\n", "OKR311"),
    ("  - {id: a, title: A, baseline: 0, target: 30, scoring: [[20, 0.5], [40, 1.0]]}\n", "OKR312"),
    ("  - {id: a, title: A, baseline: 25, scoring: [[20, 0.5], [40, 1.0]]}\n", "OKR312"),
    ("  - {id: a, title: A, baseline: 0, stretch: 50, scoring: [[20, 0.5], [40, 1.0]]}\n", "OKR304"),
    ("  - {id: a, title: A, kind: boolean, scoring: [[1, 1.0]]}\n", "OKR304"),
])
def test_ladders_that_are_not_ladders(tmp_path, krs, code):
    org = org_from(tmp_path, objective(krs, period=Q3), TODAY)
    assert [d.code for d in _errors(org)] == [code]


# --- objective-level and official unit scores -----------------------------------------------------
def test_an_objective_graded_as_a_whole_overrides_its_kr_mean(tmp_path):
    retro = "scores:\n  o: {objective: 0.81, reason: graded at the review}\n  a: 0.5\n"
    org = _org(tmp_path, KR_A + KR_B, retro=retro)
    p = objective_progress(org.objectives[0], org)
    assert (p.score, p.graded_whole) == (0.81, True)
    assert p.kr_mean == pytest.approx(expected.clamped_mean([0.5, None]))
    assert (p.unscored, p.counted) == (0, 2)  # its KRs are covered by the grade
    assert p.status is Status.FINAL_GREEN


@pytest.mark.parametrize("retro, message", [
    ("scores:\n  a: {objective: 0.8}\n", "OKR205"),  # a KR, not an objective
    ("scores:\n  o: 0.8\n", "OKR205"),  # an objective takes {objective: …}
])
def test_objective_grades_name_objectives(tmp_path, retro, message):
    files = {**objective(KR_A, period=Q3), "retros/2026-Q3/product.md": f"---\n{retro}---\n"}
    org = org_from(tmp_path, files, TODAY)
    assert [d.code for d in _errors(org)] == [message]


@pytest.mark.parametrize("unit_score, scores, text", [
    (0.4, [0.3, 0.3], "0.40 official (computed mean 0.30)"),
    (0.3, [0.3, 0.3], "0.30"),  # the same shown value: no second number
    (None, [0.6, None], "0.60 (1 of 2 KRs unscored)"),
    (None, [None, None], "–"),
])
def test_the_official_unit_score_is_the_units_score(tmp_path, unit_score, scores, text):
    lines = "".join(f"  {k}: {s}\n" for k, s in zip("ab", scores, strict=True) if s is not None)
    retro = ("scores:\n" + lines if lines else "") + (f"unit_score: {unit_score}\n" if unit_score is not None else "")
    org = _org(tmp_path, KR_A + KR_B, retro=retro or "status: published\n")
    view = SiteView(org, "en")
    unit, period = org.units["product"], org.periods[Q3]
    want = unit_score if unit_score is not None else expected.clamped_mean(scores)
    assert view.unit_score(unit, period) == (pytest.approx(want) if want is not None else None)
    assert view.unit_score_text(unit, period) == text
    # the official score stays out of the period score (a mean of objectives)
    pr = view.history.period_retro(period)
    assert pr.score == (pytest.approx(expected.clamped_mean(scores)) if any(s is not None for s in scores) else None)


# --- status of finished periods (F1–F3) and of the running one --------------------------------------
@pytest.mark.parametrize("logs, retro, state", [
    ({"2026-09-20": "  a: 8\n  b: 9\n"}, None, "final-green"),  # F1 computed: (0.8 + 0.9) / 2
    ({}, "scores:\n  a: 0.5\n  b: 0.3\n", "final-yellow"),  # F1 graded: 0.40
    ({}, "scores:\n  a: 0.2\n", "final-red"),  # F2: b unscored, mean of the scored 0.2
    ({}, None, "unscored"),  # F3: nothing scored
])
def test_a_finished_period_shows_final_states_never_pace(tmp_path, logs, retro, state):
    org = _org(tmp_path, KR_A + KR_B, logs=logs, retro=retro)
    p = objective_progress(org.objectives[0], org)
    assert p.status.value == state
    assert all(k.status.final for k in p.key_results)
    for k in p.key_results:  # one number, one status on each row
        assert k.status.value == expected.final_state(None if k.score is None else round(k.score, 2))
    counts = SiteView(org, "en").counts(org.objectives)
    assert not set(counts) & {Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.NOT_STARTED}


def test_a_period_with_nothing_scored_has_no_period_score(tmp_path):
    org = _org(tmp_path, KR_A + KR_B)
    m = objectives_mean([objective_progress(o, org) for o in org.objectives])
    assert (m.value, m.unscored, m.counted) == (None, 2, 2)
    assert SiteView(org, "en").words.mean_text(m) == "–"
    assert SiteView(org, "ja").words.mean_text(type(m)(0.52, 0, 1, 2)) == "0.52(2件中1件のKRが未採点)"
    assert SiteView(org, "en").words.mean_text(type(m)(0.52, 0, 1, 2)) == "0.52 (1 of 2 KRs unscored)"


# Expected pace on 2026-11-24 for an aspirational KR: 0.7 × 54 / 91 = 0.4154 (hand computation).
@pytest.mark.parametrize("projection, status", [
    (0.65, Status.ON_TRACK),  # 0.05 below 0.7
    (0.5, Status.AT_RISK),  # 0.20 below
    (0.4, Status.OFF_TRACK),  # 0.30 below
])
def test_a_projection_is_judged_like_the_pace_at_the_end(tmp_path, projection, status):
    org = _org(tmp_path, KR_A, period=Q4, logs={"2026-11-20": f"  a: {{value: 5, projection: {projection}}}\n"})
    p = kr_progress(org.objectives[0].key_results[0], org)
    assert p.progress == 0.5  # on pace by itself (0.50 vs 0.42)
    assert p.status is status
    assert p.score is None  # a projection is not a grade


@pytest.mark.parametrize("retro, logs, flagged", [
    ("scores:\n  a: 0.5\n", {}, ["b"]),  # b: no result, no value, no grade
    ("scores:\n  a: 0.5\n", {"2026-09-20": "  b: {grade: 0.4}\n"}, []),  # a grade is a result
    ("scores:\n  a: 0.5\n  b: {status: n/a, reason: not ours}\n", {}, []),
    ("status: draft\nscores:\n  a: 0.5\n", {}, []),  # a draft may still be filled in
    (None, {}, []),  # no retrospective: the period is simply ungraded
])
def test_okr514_flags_a_kr_a_published_retrospective_leaves_unscored(tmp_path, retro, logs, flagged):
    files = objective(KR_A + KR_B, period=Q3)
    for day, updates in logs.items():
        files.update(log(day, updates, period=Q3))
    if retro is not None:
        files["retros/2026-Q3/product.md"] = f"---\n{retro}---\n"
    org = org_from(tmp_path, files, TODAY)
    assert [d.message.split("`")[1] for d in org.diagnostics if d.code == "OKR514"] == flagged
