"""The corpus of valid files: one minimal case per field or rule issue 9 added (tests/corpus/README.md).

Each directory in tests/corpus/valid/ holds files laid over tests/corpus/base/ (as the bad-file cases
do; its optional expect.yml may `remove` base files or folders). A case passes when the organization
checks with no error and no warning (unless `also` lists the warning), AND the field has the effect
the design gives it (docs/design/real-world-format.md): one assertion per case, on the resolved
model or on what a page is given. Expected values are read off the case's own files by hand.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from okrsite.diagnostics.diagnostic import Severity
from okrsite.model.organization import Objective, Organization
from okrsite.resolve.pipeline import load_organization
from okrsite.scoring.progress import Status, kr_progress, objective_progress
from okrsite.site.pages import layout
from okrsite.site.view import SiteView

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "base"
VALID = CORPUS / "valid"
TODAY = dt.date(2026, 11, 24)
CASE_NAMES = sorted(p.name for p in VALID.iterdir() if p.is_dir())

# every field issue 9 added (design §21.1), and the case that shows it: a new field without a case fails
FIELDS = {
    "check-in update `grade` (without a value)": "grade-only-update",
    "check-in update `projection`": "projection",
    "retro result in words (deferred, blocked, wip, dropped, n/a)": "word-results",
    "retro `{objective: x}`": "objective-score",
    "retro `unit_score`": "unit-score",
    "a grade above 1.0": "over-achievement",
    "KR `scoring` ladder, increasing": "ladder-increasing",
    "KR `scoring` ladder, decreasing": "ladder-decreasing",
    "`owner` list with a role unit": "co-owners",
    "a team as owner": "team-owner",
    "`aligns_to` list": "aligns-to-list",
    "objective `order`": "order",
    "`priority` (P1 and 0)": "priority",
    "root unit of any kind": "root-kind",
    "`fiscal_year_name: end`": "fiscal-year-name-end",
    "FY period ids": "fy-period-id",
    "check-in `recorded`": "recorded",
    "`reason: unrecorded`": "reason-unrecorded",
    "dropped objective": "dropped-objective",
    "inline Markdown in titles": "inline-title",
    "KPI file, check-in `kpis:` beside `updates:`, KR `kpi:` (docs/kpis.md)": "kpi-values",
}


def _meta(case: Path) -> dict:
    path = case / "expect.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    assert set(data or {}) <= {"about", "remove", "also"}, f"{case.name}: expect.yml keys"
    return data or {}


def build(name: str, dest: Path) -> Path:
    case = VALID / name
    shutil.copytree(BASE, dest)
    for rel in _meta(case).get("remove", []):
        target = dest / rel
        assert target.exists(), f"{name}: remove lists {rel}, which the base does not have"
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for path in case.rglob("*"):
        rel = path.relative_to(case).as_posix()
        if path.is_file() and rel != "expect.yml":
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest / rel)
    return dest


def _obj(org: Organization, qid: str):
    return next(o for o in [*org.objectives, *org.dropped_objectives] if o.qid == qid)


def _kr(org: Organization, period: str, unit: str, kr_id: str):
    return next(k for o in org.objectives if o.period.id == period and o.unit.id == unit
                for k in o.key_results if k.id == kr_id)


def _period(org: Organization, pid: str):
    return next(p for p in org.period_list() if p.id == pid)


# --- the effect each case must have (one assertion each) -------------------------------------------

def grade_only_update(org, view):
    # a grade with no value is the KR's score in the running period (precedence §2.3 row 2); its values
    # (sso: false) still drive its progress (§2.1)
    p = kr_progress(_kr(org, "2026-Q4", "product", "sso"), org)
    assert (p.score, p.result.source, p.progress) == (0.4, "check-in-grade", 0.0)


def projection(org, view):
    # progress 0.35 is on pace, but the team's own forecast 0.3 is 0.4 under the 0.7 line: off track (§8.1)
    p = kr_progress(_kr(org, "2026-Q4", "sales", "pipeline"), org)
    assert (p.projection, p.status) == (0.3, Status.OFF_TRACK)


def word_results(org, view):
    # deferred, blocked, wip: unscored gaps in coverage; dropped, n/a: out of the count; none is 0 (§3)
    ps = [objective_progress(_obj(org, f"2026-Q3/sales/{slug}"), org) for slug in ("partners", "resellers")]
    words = {k.key_result.id: (k.result.word, k.score, k.unscored, k.counted) for p in ps for k in p.key_results}
    assert (words, [(p.score, p.unscored, p.counted, p.status) for p in ps]) == ({
        "partner-deals": ("deferred", None, True, True), "partner-trainings": ("blocked", None, True, True),
        "partner-portal": ("wip", None, True, True), "reseller-contracts": ("dropped", None, False, False),
        "reseller-events": ("n/a", None, False, False)},
        [(None, 3, 3, Status.UNSCORED), (None, 0, 0, Status.DROPPED)])


def objective_score(org, view):
    # the objective graded as a whole (0.81) overrides its KRs' mean (0.7 and 0.6: 0.65) (§4.1)
    p = objective_progress(_obj(org, "2026-Q3/product/activation"), org)
    assert (p.score, p.graded_whole, round(p.kr_mean, 2), p.unscored) == (0.81, True, 0.65, 0)


def unit_score(org, view):
    # the official unit score is the unit's score; the computed mean (0.65) is said beside it (§4.2)
    product, q3 = org.units["product"], _period(org, "2026-Q3")
    assert (view.unit_score(product, q3), view.unit_score_text(product, q3)) == (
        0.4, "0.40 official (computed mean 0.65)")


def over_achievement(org, view):
    # 1.44 is shown as written; the objective's mean counts it as 1.0: (1.0 + 0.6) / 2 = 0.80 (§6)
    p = objective_progress(_obj(org, "2026-Q3/product/activation"), org)
    assert (p.key_results[0].score, round(p.score, 4), p.clamped) == (1.44, 0.8, 1)


def ladder_increasing(org, view):
    # 46 pages reach the 40 rung (0.6), not the 70 one; a step, not a line (§7)
    p = kr_progress(_kr(org, "2026-Q4", "product", "pages-translated"), org)
    assert (p.progress, p.computed_score) == (0.6, 0.6)


def ladder_decreasing(org, view):
    # 12 hours reach the 12 rung (0.7) of a decreasing ladder; 13 would have been 0.3 (§7)
    p = kr_progress(_kr(org, "2026-Q4", "product", "first-reply-hours"), org)
    assert p.progress == 0.7


def co_owners(org, view):
    # both co-owners are owners, in the order written, and the role is shown by its name (§10)
    obj = _obj(org, "2026-Q4/sales/enterprise-deals")
    assert (obj.owners, view.owner_names(obj)) == (["suzuki", "head-of-product"], "Suzuki Mai, Head of Product")


def team_owner(org, view):
    # a team owns a KR: shown by its name, listed among the People page's owner units (§10)
    kr = _kr(org, "2026-Q4", "sales", "pipeline")
    assert (kr.owners, [u.id for u, _ in view.tree.owner_units(_period(org, "2026-Q4"))]) == (["product"], ["product"])


def aligns_to_list(org, view):
    # one objective serving two KRs: its first target holds it, the second draws it as shared (§11)
    obj = _obj(org, "2026-Q4/sales/enterprise-deals")
    assert ([t.qid for t in (obj.aligns_to, *obj.also_aligns_to)]
            == ["2026-Q4/acme/grow-revenue/arr", "2026-Q4/acme/grow-revenue/nrr"])


def order(org, view):
    # `order:` beats the file name: self-serve (1) before reliability (2) (§12)
    objs = view.objectives_of(org.units["product"], _period(org, "2026-Q4"))
    assert [o.slug for o in objs] == ["self-serve", "reliability"]


def priority(org, view):
    # `P1` and `0` are ranks, shown alike as P1 / P0 (§13)
    obj = _obj(org, "2026-Q4/product/reliability")
    assert (view.priority(obj), view.priority(obj.key_results[1])) == ("P1", "P0")


def root_kind(org, view):
    # the root may be a foundation; the dashboard's heading follows its kind (§14)
    assert (org.root.kind, view.root_label("objectives")) == ("foundation", "Foundation objectives")


def fiscal_year_name_end(org, view):
    # FY21 runs 2020-02-01 – 2021-01-31 when named by its end and starting in February (§15.1)
    p = _period(org, "FY21-Q1")
    assert (p.start, p.end, view.period_name(p)) == (dt.date(2020, 2, 1), dt.date(2020, 4, 30), "FY21-Q1")


def fy_period_id(org, view):
    # `FY26-Q2` is a quarter of the (start-named, calendar) fiscal year 2026, labelled as written (§15.2)
    p = _period(org, "FY26-Q2")
    assert (p.start, p.end, view.period_name(p)) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30), "FY26-Q2")


def recorded(org, view):
    # written after the quarter, kept, and dated by the day it reports on (§16)
    log = next(e for e in org.logs if e.recorded is not None)
    assert (log.date, log.recorded, view.history.recorded_note(log)) == (
        dt.date(2026, 9, 30), dt.date(2026, 10, 6), "recorded Oct 6, 2026")


def reason_unrecorded(org, view):
    # imported history: accepted without a reason, and pages never show the literal word (§17.1)
    change = next(c for kr in org.key_results() for c in kr.changes if c.action == "changed")
    assert (change.reason_recorded, view.history.change_reason(change)) == (False, "Reason not recorded")


def dropped_objective(org, view):
    # dropped: kept with its title, out of the period's mean (its retro scores count nowhere), and
    # drawn greyed on the cascade (§17.2)
    q3 = _period(org, "2026-Q3")
    assert ([o.title for o in view.cascade.dropped_orphans(q3)], view.period_mean(q3).value,
            [o.slug for o in org.objectives if o.period.id == "2026-Q3"]) == (["More trials become active"], None, [])


def inline_title(org, view):
    # inline Markdown: HTML on pages, plain text in page titles (§18)
    obj = _obj(org, "2026-Q4/product/reliability")
    # (the pages show the audience's view of the organization: copies, matched by file)
    title = next(s.title for s in layout(org, "en") if isinstance(s.obj, Objective) and s.obj.rel == obj.rel)
    assert (str(view.title(obj)), title) == ("Customers can rely on the <code>api</code> <em>every</em> day",
                                             "Customers can rely on the api every day")


def kpi_values(org, view):
    # one check-in gives a KR its value and two KPIs theirs (one of another unit, `unit/kpi`); the KR
    # names its KPI, and its page is handed the KPI's row (docs/kpis.md)
    act, pipe = org.kpis.items["product/activation"], org.kpis.items["sales/pipeline"]
    kr = next(k for k in org.key_results() if k.id == "week1-active")
    log = kr.check_ins[-1].log
    row = view.kpis.of_kr(kr)
    assert ([(r.value, r.note, r.log) for r in act.readings], [(r.value, r.log) for r in pipe.readings],
            act.owners, act.cadence, row.kpi.key, row.state) == (
        [(44.0, "after the wizard", log)], [(131.0, log)], ["tanaka", "ito"], "weekly", "product/activation", "healthy")


EFFECTS: dict[str, Callable] = {name: globals()[name.replace("-", "_")] for name in CASE_NAMES
                                if name.replace("-", "_") in globals()}


def test_every_case_has_its_effect_and_every_field_a_case() -> None:
    assert sorted(EFFECTS) == CASE_NAMES, f"cases without an effect: {sorted(set(CASE_NAMES) - set(EFFECTS))}"
    missing = {field: case for field, case in FIELDS.items() if case not in CASE_NAMES}
    assert not missing, f"fields without a valid-corpus case: {missing}"


@pytest.mark.parametrize("name", CASE_NAMES)
def test_valid_case(name: str, tmp_path: Path) -> None:
    root = build(name, tmp_path / "content")
    org = load_organization(root, TODAY)
    allowed = set(_meta(VALID / name).get("also", []))
    found = [d for d in org.diagnostics if d.severity is Severity.ERROR or d.code not in allowed]
    assert not found, f"{name}:\n" + "\n".join(f"  {d.location}: {d.code} {d.message}" for d in found)
    EFFECTS[name](org, SiteView(org, "en"))
