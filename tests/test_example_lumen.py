"""Golden tests on the English sample organization (examples/lumen-foundation): a foundation
graded only at quarter end, with unscored KRs, co-owners, priorities and fiscal years named by
the year they end. The expected figures are the hand computation of its EXPECTED.md; the tests
parse the built HTML. What they guard: a finished period never shows a pace status or a pace
marker, an unscored item is never 0.00 or coloured, score and status agree on every row, and the
English build carries no Japanese UI text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from okrsite.resolve.pipeline import load_organization

from .conftest import ROOT
from .sitebuild import chart_size_mismatches, page, shared_site

EXAMPLE = ROOT / "examples" / "lumen-foundation"
TODAY = "2026-12-10"
FINISHED = ("FY27-Q1", "FY27-Q2", "FY27-Q3")
PACE = {"on_track", "at_risk", "off_track", "not_started"}
BAND_OF_STATUS = {"final-green": "green", "final-yellow": "yellow", "final-red": "red"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("lumen")
    shutil.copytree(EXAMPLE, work / "example")
    return shared_site(work / "example" / "mkdocs.yml", today=TODAY)  # built once per session (sitebuild.py)


def test_the_example_checks_without_errors():
    import datetime as dt

    org = load_organization(EXAMPLE / "content", dt.date.fromisoformat(TODAY))
    assert [d for d in org.diagnostics if d.severity.value == "error"] == []


def _pages_of(site: Path, period: str) -> list[Path]:
    return [p for p in site.rglob("index.html") if f"/{period}/" in p.as_posix() + "/"]


@pytest.mark.parametrize("period", FINISHED)
def test_no_pace_status_or_marker_in_a_finished_period(site, period):
    pages = _pages_of(site, period)
    assert len(pages) >= 3, pages  # the period overview, its cascade and objective pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        classes = set(re.findall(r'okr-(?:status|bar)--([\w-]+)', html))
        assert not classes & PACE, (path, classes & PACE)
        assert "okr-bar__pace" not in html, path


def test_status_counts_of_the_finished_periods(site):
    expected = {"FY27-Q1": (0, 0, 0, 3), "FY27-Q2": (2, 5, 1, 0)}  # green, yellow, red, unscored (EXPECTED.md)
    for period, counts in expected.items():
        text = page(site, f"periods/{period}").find("article").get_text(" ", strip=True)
        found = tuple(int(re.search(rf"(\d+) {label}", text).group(1))
                      for label in ("Final 0.7–1.0", "Final 0.4–0.6", "Final 0.0–0.3", "Unscored"))
        assert found == counts, period


def _rows(site: Path, period: str) -> dict[str, tuple[str, str, str]]:
    """objective address → (score shown, score colour, status) from the period table."""
    rows = {}
    for tr in page(site, f"periods/{period}").find("table").find_all("tr")[1:]:
        link = tr.find_all("td")[1].find("a")["href"]
        score = tr.find(class_="okr-score")
        status = tr.find(class_="okr-status")
        colour = next((c.removeprefix("okr-score--") for c in score.get("class", []) if c.startswith("okr-score--")), "")
        state = next(c.removeprefix("okr-status--") for c in status["class"] if c.startswith("okr-status--"))
        rows[link.strip("/").split("okrs/")[1]] = (score.get_text(strip=True), colour, state)
    return rows


def test_graded_quarter_shows_the_teams_grades(site):
    rows = _rows(site, "FY27-Q2")
    # EXPECTED.md, FY27-Q2: over-achievement clamped in the mean, an unscored KR left out of it
    assert rows["FY27-Q2/lumen/grow-adoption"][:1] == ("0.68",)
    assert rows["FY27-Q2/community-wg/welcome-newcomers"][:1] == ("0.65",)
    assert rows["FY27-Q2/infra/ci-speed"] == ("0.20", "red", "final-red")
    assert rows["FY27-Q2/security/fast-response"] == ("0.95", "green", "final-green")


@pytest.mark.parametrize("period", ("FY27-Q2", "FY27-Q3"))
def test_score_and_status_agree_on_every_row(site, period):
    for address, (score, colour, state) in _rows(site, period).items():
        if state == "unscored":
            assert (score, colour) in (("–", ""), ("–", "none")), address
        else:
            assert BAND_OF_STATUS[state] == colour, (address, score, colour, state)


def test_an_ungraded_quarter_shows_no_zero(site):
    for path in _pages_of(site, "FY27-Q1"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r">\s*0\.00\s*<", text), path
    rows = _rows(site, "FY27-Q1")
    assert rows and all(state == "unscored" and score == "–" for score, _, state in rows.values()), rows


def test_the_english_build_has_no_japanese_ui(site):
    kana_or_kanji = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    hits = []
    for path in site.rglob("*.html"):
        if "assets" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if kana_or_kanji.search(text):
            hits.append(str(path.relative_to(site)))
    assert hits == []


def test_the_official_unit_score_is_shown_with_the_computed_mean_beside_it(site):
    # EXPECTED.md, FY27-Q3 units: lumen wrote unit_score 0.50; its objectives' mean is 0.60
    # (0.50 and 0.70; the dropped objective counts nowhere); one of its 4 KRs was deferred
    text = page(site, "retros/FY27-Q3/lumen").find("article").get_text(" ", strip=True)
    assert "Unit score: 0.50 official (computed mean 0.60) (1 of 4 KRs unscored)" in text


def test_a_partly_graded_quarter_has_a_period_score_with_its_coverage(site):
    # EXPECTED.md, FY27-Q3: 0.6963 shown as 0.70, 4 of 20 KRs unscored; FY27-Q1 was never graded
    text = page(site, "retros/FY27-Q3").find("article").get_text(" ", strip=True)
    assert "Period score: 0.70 (4 of 20 KRs unscored)" in text
    assert "0.00" not in page(site, "periods/FY27-Q1").find("article").get_text(" ", strip=True)


# --- every objective of EXPECTED.md, as the period overview shows it ----------------------------------
# (score shown, its colour, the state) typed from EXPECTED.md's objective tables; "" = no colour

Q2_OBJECTIVES = {
    "lumen/grow-adoption": ("0.68", "yellow", "final-yellow"),
    "lumen/sustainable-funding": ("0.50", "yellow", "final-yellow"),
    "tsc/reliable-releases": ("0.85", "green", "final-green"),
    "tsc/review-capacity": ("0.45", "yellow", "final-yellow"),
    "community-wg/welcome-newcomers": ("0.65", "yellow", "final-yellow"),
    "docs-wg/docs-for-everyone": ("0.55", "yellow", "final-yellow"),
    "security/fast-response": ("0.95", "green", "final-green"),
    "infra/ci-speed": ("0.20", "red", "final-red"),
}
Q3_OBJECTIVES = {
    "lumen/grow-adoption": ("0.50", "yellow", "final-yellow"),
    "lumen/sustainable-funding": ("0.70", "green", "final-green"),
    "tsc/reliable-releases": ("0.70", "green", "final-green"),
    "tsc/review-capacity": ("–", "", "unscored"),
    "community-wg/contributor-pipeline": ("0.45", "yellow", "final-yellow"),
    "community-wg/lumencon": ("0.95", "green", "final-green"),
    "docs-wg/docs-for-everyone": ("0.82", "green", "final-green"),
    "security/supply-chain": ("0.80", "green", "final-green"),
    "infra/ci-speed": ("0.35", "red", "final-red"),
    "release-wg/release-train": ("1.00", "green", "final-green"),
}


def _colourless(rows: dict) -> dict:
    return {k: (s, "" if c == "none" else c, st) for k, (s, c, st) in rows.items()}


@pytest.mark.parametrize("period, expected", [("FY27-Q2", Q2_OBJECTIVES), ("FY27-Q3", Q3_OBJECTIVES)])
def test_every_objective_of_a_graded_quarter(site, period, expected):
    rows = _colourless(_rows(site, period))
    assert rows == {f"{period}/{k}": v for k, v in expected.items()}  # the dropped outreach-grants is no row


def _score_cells(site: Path, period: str) -> dict[str, str]:
    """objective address → the whole text of its score cell (the score and what is said beside it)."""
    out = {}
    for tr in page(site, f"periods/{period}").find("table", id="okr-period-table").find_all("tr")[1:]:
        tds = tr.find_all("td")
        out[tds[1].find("a")["href"].strip("/").split("okrs/")[1]] = tds[5].get_text(" ", strip=True)
    return out


def test_the_coverage_is_said_beside_each_objective_mean(site):
    q2, q3, q4 = (_score_cells(site, p) for p in ("FY27-Q2", "FY27-Q3", "FY27-Q4"))
    assert q2["FY27-Q2/community-wg/welcome-newcomers"] == "0.65 (1 of 3 KRs unscored)"
    assert q2["FY27-Q2/infra/ci-speed"] == "0.20 (1 of 2 KRs unscored)"
    assert q2["FY27-Q2/lumen/grow-adoption"] == "0.68 1 score(s) above 1.0 counted as 1.0"
    assert q3["FY27-Q3/lumen/sustainable-funding"] == "0.70 (1 of 2 KRs unscored)"
    assert q3["FY27-Q3/tsc/reliable-releases"] == "0.70 Graded as a whole: 0.70 (mean of its KRs: 0.55)"
    assert q3["FY27-Q3/release-wg/release-train"] == "1.00 (1 of 2 KRs unscored)"
    assert q3["FY27-Q3/tsc/review-capacity"] == "–"
    # the running quarter: a grade where one exists, else "–" (values are progress, not score)
    assert q4["FY27-Q4/tsc/review-capacity"] == "0.40 (1 of 2 KRs unscored)"
    assert q4["FY27-Q4/release-wg/release-train"] == "0.50 (1 of 2 KRs unscored)"
    for slug in ("lumen/grow-adoption", "community-wg/contributor-pipeline", "docs-wg/spanish-guide"):
        assert q4[f"FY27-Q4/{slug}"] == "–", slug


def _headline(soup) -> str:
    return soup.find(class_="okr-period-score").get_text(" ", strip=True)


def test_the_period_score_is_said_with_its_coverage_or_not_at_all(site):
    # EXPECTED.md: FY27-Q1 never graded, FY27-Q2 0.60 (2 of 18), FY27-Q3 0.70 (4 of 20), FY27-Q4 running 0.45
    assert _headline(page(site, "periods/FY27-Q1")) == "Period score: Not graded"
    assert _headline(page(site, "periods/FY27-Q2")) == "Period score: 0.60 (2 of 18 KRs unscored)"
    assert _headline(page(site, "periods/FY27-Q3")) == "Period score: 0.70 (4 of 20 KRs unscored)"
    assert _headline(page(site, "")) == "Period score: 0.45 (8 of 10 KRs unscored)"  # the dashboard
    green = page(site, "periods/FY27-Q3").find(class_="okr-period-score").find(class_="okr-score")
    assert "okr-score--green" in green["class"]  # 0.6963 is judged at the shown 0.70


def _unit_cells(site: Path, period: str) -> dict[str, str]:
    table = page(site, f"periods/{period}").find("table", id="okr-period-units")
    return {tr.find_all("td")[0].get_text(strip=True): tr.find_all("td")[2].get_text(" ", strip=True)
            for tr in table.find_all("tr")[1:]}


def test_the_period_overview_unit_table(site):
    # EXPECTED.md's unit tables
    assert _unit_cells(site, "FY27-Q1") == {"Lumen Software Foundation": "–", "Technical Steering Committee": "–",
                                            "Community Working Group": "–"}
    q2 = _unit_cells(site, "FY27-Q2")
    assert q2["Lumen Software Foundation"] == "0.59"
    assert q2["Community Working Group"] == "0.65 (1 of 3 KRs unscored)"
    assert q2["Infrastructure Team"] == "0.20 (1 of 2 KRs unscored)"
    q3 = _unit_cells(site, "FY27-Q3")
    assert q3["Lumen Software Foundation"] == "0.50 official (computed mean 0.60) (1 of 4 KRs unscored)"
    assert q3["Technical Steering Committee"] == "0.70 (2 of 4 KRs unscored)"
    assert q3["Documentation Working Group"] == "0.82"  # the clamp is said on the objective, not again here
    assert q3["Release Working Group"] == "1.00 (1 of 2 KRs unscored)"


def test_the_dropped_objective_keeps_its_title_on_the_cascade_and_the_retrospective(site):
    title = "Run a small-grants programme for regional user groups"
    node = next(n for n in page(site, "periods/FY27-Q3/cascade").select(".okr-node--dropped"))
    assert node.find("s").get_text(strip=True) == title and node.find("a") is None  # no page to link to
    assert "okr-status--dropped" in node.find(class_="okr-status")["class"] and not node.select(".okr-score")
    assert "Dropped on Sep 2, 2026" in node.get_text(" ", strip=True)
    retro = page(site, "retros/FY27-Q3/lumen").find(id="dropped").find_next("section")
    assert retro.find("h3").find("s").get_text(strip=True) == title


def test_the_cascade_shows_the_score_beside_the_state(site):
    nodes = {n.find(class_="okr-node__title").get_text(" ", strip=True): n
             for n in page(site, "periods/FY27-Q3/cascade").select("li.okr-node:not(.okr-node--kr)")}
    line = nodes["Every lumen command documented with an example that runs"].find(class_="okr-node__line")
    assert line.find(class_="okr-score").get_text(strip=True) == "0.82"
    line = nodes["No pull request waits a week for review"].find(class_="okr-node__line")
    assert line.find(class_="okr-score").get_text(strip=True) == "–" and "okr-unscored" in line.find(class_="okr-score")["class"]


def test_a_word_result_is_shown_as_its_word(site):
    rows = page(site, "retros/FY27-Q3/lumen").find_all("tr")
    row = next(r for r in rows if "Maintainers paid full time by the foundation" in r.get_text())
    assert row.find_all("td")[2].get_text(strip=True) == "Deferred"


def test_the_people_page_lists_every_owner(site):
    soup = page(site, "people")
    tables = soup.find_all("table")
    people = {tr.find("td").find("a").get_text(strip=True): tr.find_all("td")[2].get_text(" ", strip=True)
              for tr in tables[0].find_all("tr")[1:]}
    # EXPECTED.md, People: the 7 persons who own something
    assert sorted(people) == sorted(["Ada Okafor", "Lin Wei", "Sam Rivera", "Priya Nair", "Jonas Berg",
                                     "Mara Costa", "Tomás Herrera"])
    assert people["Mara Costa"] == "Nothing this period · latest: FY27-Q3"  # owns nothing in FY27-Q4
    units = [tr.find("td").find("a").get_text(strip=True) for tr in tables[1].find_all("tr")[1:]]
    assert sorted(units) == ["Infrastructure Team", "Release Manager"]
    person = content_text(site, "units/mara-costa")
    assert "No objectives for this period yet" not in person and "CI results in under ten minutes" in person


def content_text(site: Path, url: str) -> str:
    return page(site, url).find("article").get_text(" ", strip=True)


def test_every_score_chip_on_every_page_is_coloured_by_what_it_shows(site):
    from .truth import chip_problems, chips

    assert chips(site) > 200  # the check looked at the site's chips
    assert chip_problems(site) == []


def test_owned_items_show_one_status_and_their_score(site):
    # People page, FY27-Q4 (running): the Release Manager's release-train has a pace status and its grade 0.50
    role = next(tr for tr in page(site, "people").find_all("table")[1].find_all("tr")[1:]
                if "Release Manager" in tr.find("td").get_text())
    (item,) = role.select(".okr-owned li")
    assert item["data-status"] in PACE and len(item.select(".okr-status")) == 1
    assert item.select_one(".okr-score").get_text(strip=True) == "0.50"
    # Mara Costa's page: what she owned in FY27-Q3 (finished) shows final states, never a pace word
    states = {li.select_one(".okr-owned__what").get_text(" ", strip=True): li["data-status"]
              for li in page(site, "units/mara-costa").select("h2#owns ~ ul li")}
    assert states["Objective: CI results in under ten minutes"] == "final-red"  # 0.35 in FY27-Q3
    assert not set(states.values()) & PACE


def test_a_grade_only_check_in_is_a_check_in_and_says_its_grade(site):
    # EXPECTED.md, FY27-Q4: tsc active-reviewers, grade 0.40 of 2026-12-03 with projection 0.70, no value
    soup = page(site, "okrs/FY27-Q4/tsc/review-capacity")
    kr = next(s for s in soup.select("section.okr-kr") if "People who reviewed" in s.find("h3").get_text())
    facts = {d.find("dt").get_text(strip=True): d.find("dd").get_text(" ", strip=True) for d in kr.select("dl div")}
    assert facts["Last check-in"] == "Dec 3, 2026"  # not "never": the team looked at it
    assert facts["Score"] == "0.40 grade of Dec 3, 2026 · Projection 0.70"
    entry = next(li for li in soup.select(".okr-log__values li") if "People who reviewed" in li.get_text())
    assert entry.get_text(" ", strip=True).startswith("People who reviewed at least five pull requests in the "
                                                      "quarter Grade 0.40 Projection 0.70")


def test_the_retrospective_unit_table_says_each_units_coverage(site):
    # EXPECTED.md, FY27-Q3 units (the period retrospective's table of unit retrospectives)
    table = page(site, "retros/FY27-Q3").find(id="units").find_next("table")
    cells = {tr.find_all("td")[0].get_text(strip=True): tr.find_all("td")[2].get_text(" ", strip=True)
             for tr in table.find_all("tr")[1:]}
    assert cells["Lumen Software Foundation"] == "0.50 official (computed mean 0.60) (1 of 4 KRs unscored)"
    assert cells["Technical Steering Committee"] == "0.70 (2 of 4 KRs unscored)"
    assert cells["Infrastructure Team"] == "0.35"


def test_the_dashboard_cards_show_a_grade_or_nothing_in_the_running_period(site):
    # EXPECTED.md, FY27-Q4: lumen/grow-adoption has values but no grade: its score cell is "–"
    card = page(site, "").select_one(".okr-card")
    assert card.select_one(".okr-card__title").get_text(strip=True) == (
        "Make Lumen the default open renderer for public-sector maps")
    assert card["data-status"] in PACE and card.select_one(".okr-card__progress .okr-score").get_text(strip=True) == "–"


def test_every_english_chart_is_drawn_at_the_size_its_page_gives_it(site):
    """English titles measure otherwise than Japanese ones: the spec's size still holds (test_charts.py)."""
    checked, wrong = chart_size_mismatches(site)
    assert checked > 50 and not wrong, wrong[:5]
