"""The page truth table (design §22) where neither sample shows it: a latest period that is finished
and was never graded (F3), a dropped objective whose retrospective scored it, and the People page's
rule for people who own nothing. A small English organization built into a site; the expected texts
are typed from the design and docs/site.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from .orgs import write
from .sitebuild import build_site, content_of, page, small_project

KR = "  - {{id: {id}, title: {title}, baseline: 0, target: 10}}\n"


def _objective(title: str, owner: str, krs: list[tuple[str, str]]) -> str:
    body = "".join(KR.format(id=i, title=t) for i, t in krs)
    return f"---\ntitle: {title}\nowner: {owner}\ntype: aspirational\nkey_results:\n{body}---\n"


FILES = {
    "units/acme.md": "---\nname: ACME\nkind: company\nowners: [lead]\n---\nMission.\n",
    "units/lead.md": "---\nname: Lee Lead\nkind: person\nparent: acme\n---\n",  # leads the root, owns nothing
    "units/pm.md": "---\nname: Pat PM\nkind: person\nparent: product\n---\n",
    "units/newcomer.md": "---\nname: Nia New\nkind: person\nparent: product\n---\n",  # owns and leads nothing
    # 2026-Q3 is the latest period with objectives and it is over: nobody measured or graded the first
    "okrs/2026-Q3/product/ungraded.md": _objective("Nobody graded this", "pm", [("u1", "Never measured"),
                                                                              ("u2", "Never graded")]),
    "okrs/2026-Q3/product/grants.md": _objective("Run a grants programme", "pm", [("g1", "Grants given"),
                                                                               ("g2", "Grantees reporting")]),
    "logs/2026-Q3/product/2026-08-03.md": ("---\nauthor: pm\nchanges:\n  - objective: grants\n    action: dropped\n"
                                           "    reason: the sponsor withdrew the budget\n---\n"),
    "retros/2026-Q3/product.md": "---\nscores:\n  g1: {score: 0.3, reason: two grants before the stop}\n---\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("truth")
    write(root / "content", FILES)
    return build_site(small_project(root, "Truth"), root / "site", today="2026-10-20")


def _text(site: Path, url: str) -> str:
    return content_of(page(site, url)).get_text(" ", strip=True)


def test_a_finished_ungraded_latest_period_has_no_score_and_is_not_current(site):
    for url in ("", "periods/2026-Q3", "units/product"):
        text = _text(site, url)
        assert "0.00" not in text, url
        assert "Current period" not in text, url
    assert "Period score: Not graded" in _text(site, "")
    assert "Period score: Not graded" in _text(site, "periods/2026-Q3")
    assert "Unit score: Not graded" in _text(site, "units/product")
    assert "Latest period (finished)" in _text(site, "periods")
    chip = content_of(page(site, "units/product")).find(class_="okr-unscored")
    assert chip.get_text(strip=True) == "Not graded" and not [c for c in chip["class"] if c.startswith("okr-score--")]


def test_a_dropped_objective_keeps_its_title_and_its_score_counts_nowhere(site):
    cascade = content_of(page(site, "periods/2026-Q3/cascade"))
    (node,) = cascade.select(".okr-node--dropped")
    assert node.find("s").get_text(strip=True) == "Run a grants programme"
    assert "Dropped on Aug 3, 2026" in node.get_text(" ", strip=True)
    retro = content_of(page(site, "retros/2026-Q3/product"))
    section = retro.find(id="dropped").find_next("section")
    row = next(tr for tr in section.find_all("tr") if "Grants given" in tr.get_text())
    assert row.find("s", class_="okr-score").get_text(strip=True) == "0.30"  # shown for the record, struck
    assert "Dropped" in row.get_text(" ", strip=True) and "two grants before the stop" in row.get_text()
    # its 0.30 enters no mean: the unit and the period stay ungraded
    assert "Unit score: Not graded" in retro.get_text(" ", strip=True)


def test_people_who_own_nothing_are_listed_apart(site):
    soup = content_of(page(site, "people"))
    table = soup.find("table")
    rows = {tr.find("td").find("a").get_text(strip=True): tr.find_all("td")[2].get_text(" ", strip=True)
            for tr in table.find_all("tr")[1:]}
    assert rows == {"Lee Lead": "Leads a unit (owns no OKRs)",
                    "Pat PM": "Objective: Nobody graded this – Unscored –"}  # progress "–": no value yet
    assert soup.find(id="other-people") is not None
    assert [a.get_text(strip=True) for a in soup.select(".okr-other-people a")] == ["Nia New"]


def test_the_dashboard_of_a_finished_latest_period_shows_final_states_only(site):
    soup = content_of(page(site, ""))
    statuses = {c for s in soup.select(".okr-status") for c in s["class"] if c.startswith("okr-status--")}
    assert statuses and not statuses & {"okr-status--on_track", "okr-status--at_risk", "okr-status--off_track",
                                        "okr-status--not_started"}
    card = soup.select_one(".okr-card")
    assert card["data-status"] == "unscored" and card.select_one(".okr-score").get_text(strip=True) == "–"
