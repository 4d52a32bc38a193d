"""Golden test: a small organization graded only at quarter end, built into a site (English).
On every page: no pace status on any row of the finished period, an unscored KR shows "–"
and is never coloured, and score and status agree on every row (docs/scoring.md, "Status")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .orgs import write
from .sitebuild import build_site, content_of, page, small_project

KR = "  - {{id: {id}, title: {title}, baseline: 0, target: 10}}\n"


def _objective(title: str, krs: list[tuple[str, str]]) -> str:
    body = "".join(KR.format(id=i, title=t) for i, t in krs)
    return f"---\ntitle: {title}\nowner: pm\ntype: aspirational\nkey_results:\n{body}---\n"


FILES = {
    "units/pm.md": "---\nname: PM\nkind: person\nparent: product\n---\n",
    # finished 2026-Q3: graded in the retrospective only, one KR never scored
    "okrs/2026-Q3/product/graded.md": _objective("Graded objective", [("g1", "Graded one"), ("g2", "Graded two")]),
    "okrs/2026-Q3/product/partly.md": _objective("Partly graded", [("p1", "Scored"), ("p2", "Never scored")]),
    "okrs/2026-Q3/product/ungraded.md": _objective("Ungraded", [("u1", "Nobody scored")]),
    "okrs/2026-Q3/acme/top.md": _objective("Company objective", [("t1", "Top KR")]),
    "logs/2026-Q3/product/2026-08-01.md": "---\nauthor: pm\nupdates:\n  g1: 1\n  p2: {confidence: 0.2}\n---\n",
    "retros/2026-Q3/product.md": ("---\nscores:\n  g1: 0.79\n  g2: 1.44\n  p1: 0.3\n"
                                  "  u1: {status: deferred, reason: the survey moved}\nunit_score: 0.7\n---\n"),
    "retros/2026-Q3/acme.md": "---\nscores:\n  t1: 0.6976\n---\n",
    # running 2026-Q4: values and one grade
    "okrs/2026-Q4/product/now.md": _objective("Running objective", [("n1", "Valued"), ("n2", "Graded")]),
    "logs/2026-Q4/product/2026-11-20.md": "---\nauthor: pm\nupdates:\n  n1: 5\n  n2: {grade: 0.5}\n---\n",
    # a unit that has never checked in this period
    "units/ops.md": "---\nname: Operations\nkind: team\nparent: acme\n---\n",
    "okrs/2026-Q4/ops/run.md": _objective("Ops objective", [("o1", "Uptime")]),
}

PACE = ("on_track", "at_risk", "off_track", "not_started")
PACE_WORDS = ("On track", "At risk", "Off track", "Not started")
BAND_OF_STATE = {"final-green": "green", "final-yellow": "yellow", "final-red": "red"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("graded")
    write(root / "content", FILES)
    return build_site(small_project(root, "Graded"), root / "site", today="2026-11-24")


Q3_PAGES = ["okrs/2026-Q3/product/graded", "okrs/2026-Q3/product/partly", "okrs/2026-Q3/product/ungraded",
            "okrs/2026-Q3/acme/top", "periods/2026-Q3", "periods/2026-Q3/cascade", "retros/2026-Q3",
            "retros/2026-Q3/product"]


def _band(score_text: str) -> str | None:
    x = float(score_text)
    return "green" if x >= 0.7 else "yellow" if x >= 0.4 else "red"


@pytest.mark.parametrize("url", Q3_PAGES)
def test_no_pace_status_on_any_row_of_the_finished_period(site, url):
    soup = content_of(page(site, url))
    assert not [s for s in soup.select(".okr-status") if any(f"okr-status--{p}" in s["class"] for p in PACE)]
    assert not [s for s in soup.select("[data-status]") if s["data-status"] in PACE]
    text = soup.get_text(" ")
    assert not [w for w in PACE_WORDS if w in text], url


@pytest.mark.parametrize("url", Q3_PAGES)
def test_score_and_status_agree_on_every_row(site, url):
    soup = content_of(page(site, url))
    rows = soup.select("[data-status]")
    for row in rows:
        state = row["data-status"]
        chip = row.select_one(".okr-score")
        if chip is None or state not in BAND_OF_STATE and state != "unscored":
            continue
        if state == "unscored":
            assert chip.get_text(strip=True) == "–", (url, row.get("id"))
        else:
            assert _band(chip.get_text(strip=True)) == BAND_OF_STATE[state], (url, row.get("id"))


def test_an_unscored_kr_shows_a_dash_and_is_not_red(site):
    soup = content_of(page(site, "okrs/2026-Q3/product/partly"))
    never = soup.select_one("#kr-p2")
    chip = never.select_one(".okr-score")
    assert chip.get_text(strip=True) == "–"
    assert "okr-unscored" in chip["class"] and not any(c.startswith("okr-score--") for c in chip["class"])
    assert never.select_one(".okr-status--unscored").get_text(strip=True) == "Unscored"
    # the objective's mean is of its scored KR only, with its coverage beside it
    summary = soup.select_one(".okr-facts")
    assert summary.select_one(".okr-score").get_text(strip=True) == "0.30"
    assert "(1 of 2 KRs unscored)" in summary.get_text(" ")


def test_a_deferred_kr_shows_its_word_and_an_over_achiever_is_shown_as_written(site):
    ungraded = content_of(page(site, "okrs/2026-Q3/product/ungraded"))
    assert "Deferred" in ungraded.select_one("#kr-u1").get_text(" ")
    assert ungraded.select_one(".okr-facts .okr-score").get_text(strip=True) == "–"
    graded = content_of(page(site, "okrs/2026-Q3/product/graded"))
    assert graded.select_one("#kr-g2 .okr-score").get_text(strip=True) == "1.44"
    facts = graded.select_one(".okr-facts")
    assert facts.select_one(".okr-score").get_text(strip=True) == "0.90"  # (0.79 + 1.0) / 2
    assert "1 score(s) above 1.0 counted as 1.0" in facts.get_text(" ")


def test_the_period_score_leaves_unscored_objectives_out_and_the_official_unit_score_stands(site):
    soup = content_of(page(site, "retros/2026-Q3"))
    line = soup.find(string=re.compile("Period score")).find_parent("p")
    # objectives: graded 0.895, partly 0.30, top 0.6976; ungraded is unscored → (0.895 + 0.3 + 0.6976) / 3
    assert line.select_one(".okr-score").get_text(strip=True) == "0.63"
    assert "(2 of 6 KRs unscored)" in line.get_text(" ")  # p2 (never scored) and u1 (deferred)
    unit = content_of(page(site, "retros/2026-Q3/product"))
    head = unit.find(string=re.compile("Unit score")).find_parent("p")
    assert head.select_one(".okr-score").get_text(strip=True) == "0.70"  # the team's official score
    assert "official (computed mean 0.60)" in head.get_text(" ")  # (0.895 + 0.3) / 2 = 0.5975 → 0.60


def test_the_running_period_shows_a_grade_or_a_dash_in_the_score_column(site):
    soup = content_of(page(site, "okrs/2026-Q4/product/now"))
    assert soup.select_one("#kr-n1 .okr-score").get_text(strip=True) == "–"  # values are progress, not a grade
    assert soup.select_one("#kr-n1 .okr-pct").get_text(strip=True) == "50%"
    assert soup.select_one("#kr-n2 .okr-score").get_text(strip=True) == "0.50"
    assert soup.select_one("#kr-n2").get("data-status") in PACE


def test_the_dashboard_claims_only_what_is_true(site):
    soup = content_of(page(site, ""))
    text = soup.get_text(" ")
    # the root has no 2026-Q4 objectives: the top-level ones are shown instead of "no objectives yet"
    assert "Top-level objectives" in text and "No objectives for this period yet" not in text
    assert {"Running objective", "Ops objective"} <= {a.get_text(strip=True) for a in soup.select(".okr-card a")}
    # Operations never checked in: listed, and nobody claims every unit checked in recently
    never = soup.select_one(".okr-never-checked-in")
    assert never is not None and "Operations" in never.get_text(" ")
    assert "Every unit has checked in recently" not in text


def test_the_score_says_where_it_comes_from(site):
    now = content_of(page(site, "okrs/2026-Q4/product/now"))
    assert "grade of" in now.select_one("#kr-n2 .okr-score-source").get_text(" ")
    assert now.select_one("#kr-n1 .okr-score-source") is None  # no score, no source
    graded = content_of(page(site, "okrs/2026-Q3/product/graded"))
    assert graded.select_one("#kr-g1 .okr-score-source").get_text(strip=True) == "final score"
