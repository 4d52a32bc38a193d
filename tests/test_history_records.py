"""Issue 9 §15–17: fiscal years named by their end, back-filled check-ins (`recorded`), dropped
objectives, `reason: unrecorded`, and logged changes whose `field` is checked."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup

from okrsite.site.pages import layout
from okrsite.site.templates import Renderer, environment
from okrsite.site.view import SiteView

from .orgs import org_from

D = dt.date
KRS = "  - {id: a, title: Alpha, baseline: 0, target: 10}\n  - {id: b, title: Beta, baseline: 0, target: 5}\n"
PEOPLE = {"units/pm.md": "---\nname: PM\nkind: person\nparent: product\n---\n"}


def _objective(slug: str, title: str, period: str = "2026-Q4", krs: str = KRS) -> dict[str, str]:
    return {f"okrs/{period}/product/{slug}.md": f"---\ntitle: {title}\nowner: pm\nkey_results:\n{krs}---\n"}


def _log(day: str, front: str, period: str = "2026-Q4") -> dict[str, str]:
    return {f"logs/{period}/product/{day}.md": f"---\nauthor: pm\n{front}---\n"}


def _codes(org, severity: str = "error") -> list[str]:
    return [d.code for d in org.diagnostics if d.severity.value == severity]


def _unit_page(org, unit: str = "product", lang: str = "en") -> BeautifulSoup:
    spec = next(s for s in layout(org, lang) if s.kind == "unit" and s.obj.id == unit)
    html, _ = Renderer(environment(), SiteView(org, lang)).render(spec, f"units/{unit}/")
    return BeautifulSoup(html, "html.parser")


# --- §16 recorded --------------------------------------------------------------------------

def test_a_grade_back_filled_after_the_quarter_is_kept(tmp_path):
    files = {**PEOPLE, **_objective("o", "Ship", "2026-Q3"),
             **_log("2026-09-30", "recorded: 2026-10-15\nupdates:\n  a: 7\n", "2026-Q3")}
    org = org_from(tmp_path, files, D(2026, 11, 24))
    assert _codes(org) == [] and "OKR309" not in _codes(org, "warning")
    (kr_a, _) = org.objectives[0].key_results
    assert [(c.date, c.value) for c in kr_a.check_ins] == [(D(2026, 9, 30), 7.0)]  # the day reported on
    assert org.logs[0].recorded == D(2026, 10, 15)
    assert _unit_page(org).select_one(".okr-log__recorded").get_text() == "recorded Oct 15, 2026"
    assert _unit_page(org, lang="ja").select_one(".okr-log__recorded").get_text() == "2026年10月15日 に記録"


def test_recorded_before_the_reported_day_is_an_error(tmp_path):
    files = {**PEOPLE, **_objective("o", "Ship"), **_log("2026-11-20", "recorded: 2026-11-19\nupdates:\n  a: 3\n")}
    org = org_from(tmp_path, files, D(2026, 11, 24))
    assert _codes(org) == ["OKR313"]


def test_recorded_after_today_is_a_future_check_in(tmp_path):
    files = {**PEOPLE, **_objective("o", "Ship"), **_log("2026-11-20", "recorded: 2026-12-01\nupdates:\n  a: 3\n")}
    org = org_from(tmp_path, files, D(2026, 11, 24))
    assert "OKR309" in _codes(org, "warning")


# --- §17.3 a change's field -----------------------------------------------------------------

def _change(field: str, to: str = "x", action: str = "changed", target: str = "key_result: a") -> dict[str, str]:
    return _log("2026-11-20", f"changes:\n  - {target}\n    action: {action}\n    field: {field}\n    to: {to}\n"
                "    reason: because\n")


def test_a_typo_in_a_changes_field_is_reported_with_the_nearest_field(tmp_path):
    org = org_from(tmp_path, {**PEOPLE, **_objective("o", "Ship"), **_change("tilte")}, D(2026, 11, 24))
    [d] = [d for d in org.diagnostics if d.code == "OKR213"]
    assert "did you mean `title`?" in d.hint
    assert (d.location.line, d.location.column) == (6, 12)


def test_a_field_the_kr_does_not_have_is_reported(tmp_path):
    for field in ("priority", "measurement"):  # not a KR key / a KR key this KR does not write
        org = org_from(tmp_path / field, {**PEOPLE, **_objective("o", "Ship"), **_change(field)}, D(2026, 11, 24))
        assert _codes(org) == ["OKR213"], field


def test_a_field_of_the_objective_is_checked_against_objective_keys(tmp_path):
    ok = org_from(tmp_path / "ok", {**PEOPLE, **_objective("o", "Ship"), **_change("title", "Ship it", target="objective: o")})
    assert _codes(ok) == []
    bad = org_from(tmp_path / "bad", {**PEOPLE, **_objective("o", "Ship"), **_change("baseline", "1", target="objective: o")})
    assert _codes(bad) == ["OKR213"]


def test_a_field_on_a_dropped_record_is_reported(tmp_path):
    org = org_from(tmp_path, {**PEOPLE, **_objective("o", "Ship"), **_change("target", "3", action="dropped")})
    assert _codes(org) == ["OKR213"]


# --- §17.1–17.2 dropped objectives, reason unrecorded ----------------------------------------

def _dropped_org(tmp_path, reason: str = "the sponsor withdrew"):
    files = {**PEOPLE, **_objective("keep", "Keep the lights on"), **_objective("grants", "Run the grant programme", krs=KRS.replace("id: a", "id: c").replace("id: b", "id: d")),
             **_log("2026-11-10", "updates:\n  a: 5\n  c: 1\n"),
             **_log("2026-11-12", f"changes:\n  - objective: grants\n    action: dropped\n    reason: {reason}\n")}
    return org_from(tmp_path, files, D(2026, 11, 24))


def test_a_dropped_objective_counts_nowhere_and_keeps_its_title_on_the_unit_page(tmp_path):
    org = _dropped_org(tmp_path)
    assert _codes(org) == []
    assert [o.slug for o in org.objectives] == ["keep"]
    assert [o.slug for o in org.dropped_objectives] == ["grants"]
    assert all(kr.objective.slug == "keep" for kr in org.key_results())
    page = _unit_page(org)
    cards = page.select(".okr-cards > *")
    assert len(cards) == 1 and "Run the grant programme" not in cards[0].get_text()
    dropped = page.select_one("ul.okr-dropped li")
    assert dropped.select_one("s").get_text() == "Run the grant programme"
    assert "Dropped on Nov 12, 2026" in dropped.get_text() and "the sponsor withdrew" in dropped.get_text()
    # the unit's counts: one objective (the status counts and the child-unit line say so)
    assert "2 objectives" not in page.get_text()


def test_reason_unrecorded_is_shown_in_words_never_as_the_literal_word(tmp_path):
    org = _dropped_org(tmp_path, "unrecorded")
    assert _codes(org) == [] and _codes(org, "warning").count("OKR315") == 0
    en = _unit_page(org, lang="en").select_one("ul.okr-dropped li")
    assert en.select_one("em.okr-unrecorded").get_text() == "Reason not recorded"
    assert "unrecorded" not in en.get_text().replace("Reason not recorded", "")
    ja = _unit_page(org, lang="ja").select_one("ul.okr-dropped li")
    assert ja.select_one("em.okr-unrecorded").get_text() == "理由の記録なし"


# --- §15 fiscal years named by their end -----------------------------------------------------

FY = ("language: en\nperiods:\n  scheme: quarters\n  fiscal_year_start_month: 2\n  fiscal_year_name: end\n")


def test_fy_named_directories_resolve_to_the_fiscal_quarter(tmp_path):
    files = {"okrsite.yml": FY + "current_period: 2021-Q1\n", **PEOPLE, **_objective("o", "Ship", "FY21-Q1"),
             **_log("2020-02-03", "updates:\n  a: 2\n", "FY21-Q1")}
    org = org_from(tmp_path, files, D(2020, 3, 1))
    assert _codes(org) == []
    [period] = org.periods.values()
    assert (period.id, period.start, period.end) == ("FY21-Q1", D(2020, 2, 1), D(2020, 4, 30))
    assert org.current_period() is period and org.running_period() is period  # any spelling, one period
    assert "FY21-Q1" in _unit_page(org).select_one("h2#current").get_text()


def test_one_period_written_two_ways_is_an_error(tmp_path):
    files = {"okrsite.yml": FY, **PEOPLE, **_objective("o", "Ship", "FY21-Q1"),
             **_log("2020-02-03", "updates:\n  a: 2\n", "FY2021-Q1")}
    org = org_from(tmp_path, files, D(2020, 3, 1))
    assert _codes(org) == ["OKR212"]
    [d] = [d for d in org.diagnostics if d.code == "OKR212"]
    assert "logs/FY2021-Q1" in d.hint and "FY21-Q1" in d.hint
    assert [c.value for c in org.objectives[0].key_results[0].check_ins] == [2.0]  # still read


def test_an_unknown_period_hint_mentions_fy_ids_and_custom_periods(tmp_path):
    org = org_from(tmp_path, {**PEOPLE, **_objective("o", "Ship", "2026-Q5")})
    [d] = [d for d in org.diagnostics if d.code == "OKR211"]
    assert "FY27-Q4" in d.hint and "periods.custom" in d.hint
