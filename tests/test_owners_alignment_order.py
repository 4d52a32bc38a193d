"""Issue 9 §10–§14 and §18 on a small English foundation: co-owners (people, a team, a role) on the
People and objective pages, an objective aligned to two parents (drawn under both, counted once),
the authors' order of objectives and KRs, priorities, the root's kind in labels, and inline Markdown
in titles (HTML on pages, plain text in the feed, the chart spec and the page <title>).

Every expected value below is written by hand from FILES."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from okrsite.resolve.pipeline import load_organization

from .sitebuild import build_site, content_of, page, small_project

Q4 = "2026-Q4"
TODAY = dt.date(2026, 11, 24)
SHARED_TITLE_MD = "Ship `lumen lint` *fast*"
SHARED_TITLE = "Ship lumen lint fast"
KR_TITLE_MD = "Run `lint` on **every** pull request"
KR_TITLE = "Run lint on every pull request"


def _objective(title: str, owner: str, krs: list[str], extra: str = "") -> str:
    body = "".join(f"  - id: {k}\n    title: {k.capitalize()} measured\n    baseline: 0\n    target: 10\n" for k in krs)
    return f"---\ntitle: '{title}'\nowner: {owner}\n{extra}key_results:\n{body}---\n"


FILES = {
    "okrsite.yml": "language: en\nlint:\n  severity: {OKR506: off, OKR509: off}\n",
    "units/lumen.md": "---\nname: Lumen Foundation\nkind: foundation\n---\nMission.\n",
    "units/core.md": "---\nname: Core Team\nkind: team\nparent: lumen\n---\n",
    "units/docs.md": "---\nname: Docs Team\nkind: team\nparent: lumen\n---\n",
    "units/vp-eng.md": "---\nname: VP Engineering\nkind: role\nparent: lumen\nmembers: [ana]\n---\n",
    "units/ana.md": "---\nname: Ana Silva\nkind: person\nparent: core\n---\n",
    "units/ben.md": "---\nname: Ben Okafor\nkind: person\nparent: docs\n---\n",
    # the authors' order: zeta (order 1), alpha (order 2), then beta (no order); alphabetically it would be alpha, beta, zeta
    f"okrs/{Q4}/lumen/zeta-reliable.md": _objective("Reliable releases", "vp-eng", ["lts", "ci"],
                                                     "order: 1\npriority: P1\n"),
    f"okrs/{Q4}/lumen/alpha-community.md": _objective("Grow the community", "[ana, ben]", ["contributors", "events"],
                                                      "order: 2\npriority: 3\n"),
    f"okrs/{Q4}/lumen/beta-docs.md": _objective("Docs people love", "docs", ["pages", "visits"]),
    # aligned to two parents' KRs; its KRs are written zz before aa and must stay so
    f"okrs/{Q4}/core/shared.md": (
        f"---\ntitle: '{SHARED_TITLE_MD}'\nowner: [ana, vp-eng]\npriority: P0\n"
        "aligns_to: [lumen/zeta-reliable/lts, lumen/alpha-community/contributors]\nkey_results:\n"
        f"  - id: zz\n    title: '{KR_TITLE_MD}'\n    baseline: 0\n    target: 100\n    priority: P2\n"
        "  - id: aa\n    title: Lint rules\n    baseline: 10\n    target: 50\n---\n"),
    f"okrs/{Q4}/docs/guide.md": _objective("A guide for every feature", "ben", ["guides", "reviews"],
                                           "priority: P2\naligns_to: lumen/alpha-community\n"),
    f"logs/{Q4}/core/2026-11-20.md": "---\nauthor: ana\nupdates:\n  zz: 40\n  aa: 30\n---\n",
}


def write(root: Path, files: dict[str, str]) -> Path:
    """The files alone (not tests/orgs.py's company and team: this root is a foundation)."""
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    root = write(tmp_path_factory.mktemp("lumen-org"), FILES)
    return load_organization(root, TODAY)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lumen")
    write(root / "content", FILES)
    config = small_project(root, "Lumen OKRs", site_url="https://okr.lumen.example/")
    return build_site(config, root / "site", today=TODAY.isoformat())


def test_the_organization_is_valid(org):
    assert [str(d) for d in org.diagnostics] == []
    assert org.root.id == "lumen"


# --- §10 owners --------------------------------------------------------------------------------------------
def test_people_page_lists_co_owned_items_on_each_co_owners_row(site):
    soup = content_of(page(site, "people"))
    rows = {r.select_one("td a").get_text(" ", strip=True): r for r in soup.select("table.okr-table:not(.okr-owner-units) tbody tr")}
    owned = {name: sorted(li.select_one(".okr-owned__what").get_text(" ", strip=True) for li in row.select(".okr-owned li")) for name, row in rows.items()}
    assert owned["Ana Silva"] == ["Objective: Grow the community", f"Objective: {SHARED_TITLE}"]
    assert owned["Ben Okafor"] == ["Objective: A guide for every feature", "Objective: Grow the community"]


def test_people_page_lists_teams_and_roles_that_own_something_in_their_own_section(site):
    soup = content_of(page(site, "people"))
    assert soup.select_one("h2#owner-units").get_text(" ", strip=True) == "Teams and roles as owners"
    rows = soup.select("table.okr-owner-units tbody tr")
    names = [r.select_one("td a").get_text(" ", strip=True) for r in rows]
    assert names == ["Docs Team", "VP Engineering"]  # by name; Core Team owns nothing
    role = rows[1]
    assert role.select("td")[1].get_text(" ", strip=True) == "Ana Silva"  # the role's holder
    assert sorted(li.select_one(".okr-owned__what").get_text(" ", strip=True) for li in role.select(".okr-owned li")) == [
        "Objective: Reliable releases", f"Objective: {SHARED_TITLE}"]


def test_a_role_s_page_lists_what_it_owns(site):
    soup = content_of(page(site, "units/vp-eng"))
    assert soup.select_one("h2#owns") is not None
    owned = sorted(li.select_one(".okr-owned__what").get_text(" ", strip=True) for li in soup.select("h2#owns ~ ul li"))
    assert owned == ["Objective: Reliable releases", f"Objective: {SHARED_TITLE}"]


def test_owners_are_shown_by_name_never_by_id(site):
    facts = content_of(page(site, f"okrs/{Q4}/core/shared")).select_one(".okr-facts")
    owner = next(d for d in facts.select("div") if d.select_one("dt").get_text(" ", strip=True) == "Owner")
    assert [a.get_text(" ", strip=True) for a in owner.select("dd a")] == ["Ana Silva", "VP Engineering"]
    table = content_of(page(site, f"periods/{Q4}")).select_one("#okr-period-table")
    text = table.get_text(" ", strip=True)
    assert "vp-eng" not in text and "Docs Team" in text


# --- §11 aligns_to lists ----------------------------------------------------------------------------------
def test_a_shared_objective_is_drawn_under_both_parents_and_marked_shared_under_the_second(site):
    tree = content_of(page(site, f"periods/{Q4}/cascade")).select_one("#okr-cascade")
    nodes = [li for li in tree.select("li.okr-node") if li.select_one(".okr-node__title").get_text(" ", strip=True) == SHARED_TITLE]
    assert len(nodes) == 2
    full, shared = sorted(nodes, key=lambda li: "okr-node--shared" in li["class"])
    assert "okr-node--shared" not in full["class"] and "okr-node--shared" in shared["class"]
    assert shared.select("li.okr-node") == [] and full.select("li.okr-node") == []  # no children either way here
    assert shared.select_one(".okr-chip--shared").get_text(" ", strip=True) == "Shared"
    assert shared.select_one(".okr-node__also a").get_text(" ", strip=True) == "Lts measured"  # its first parent
    assert full.select_one(".okr-node__also a").get_text(" ", strip=True) == "Contributors measured"
    # under which parent each copy hangs
    assert full.find_parent("li", class_="okr-node").select_one(".okr-node__title").get_text(" ", strip=True) == "Lts measured"
    assert shared.find_parent("li", class_="okr-node").select_one(
        ".okr-node__title").get_text(" ", strip=True) == "Contributors measured"


def test_the_objective_page_names_every_parent(site):
    soup = content_of(page(site, f"okrs/{Q4}/core/shared"))
    parents = [a.get_text(" ", strip=True) for a in soup.select("#alignment + p a")]
    assert parents == ["Lts measured", "Contributors measured"]


def test_roll_ups_count_a_shared_objective_once(org, site):
    # 5 objective files: 3 of lumen, core/shared, docs/guide
    table = content_of(page(site, f"periods/{Q4}")).select_one("#okr-period-table")
    assert len(table.select("tbody tr")) == 5
    counts = content_of(page(site, f"periods/{Q4}")).select_one(".okr-counts")
    assert sum(int(n.get_text(strip=True)) for n in counts.select(".okr-counts__n")) == 5
    zeta = next(o for o in org.objectives if o.slug == "zeta-reliable")
    alpha = next(o for o in org.objectives if o.slug == "alpha-community")
    assert [c.qid for c in zeta.key_results[0].contributors] == [f"{Q4}/core/shared"]
    assert sorted(c.qid for c in alpha.contributors + alpha.key_results[0].contributors) == [
        f"{Q4}/core/shared", f"{Q4}/docs/guide"]


# --- §12 order ---------------------------------------------------------------------------------------------
def test_objectives_keep_the_authors_order_on_unit_and_period_pages(site):
    expected = ["Reliable releases", "Grow the community", "Docs people love"]
    table = content_of(page(site, f"periods/{Q4}")).select_one("#okr-period-table")
    lumen = [r.select("td")[1].get_text(" ", strip=True) for r in table.select("tbody tr")
             if r.select("td")[0].get_text(" ", strip=True) == "Lumen Foundation"]
    assert lumen == expected
    unit = content_of(page(site, "units/lumen"))
    titles = [a.get_text(" ", strip=True) for a in unit.select(".okr-card__title")]
    assert [t for t in titles if t in expected] == expected


def test_key_results_keep_the_order_written(site):
    soup = content_of(page(site, f"okrs/{Q4}/core/shared"))
    assert [s["id"] for s in soup.select("section.okr-kr")] == ["kr-zz", "kr-aa"]


# --- §13 priority -----------------------------------------------------------------------------------------
def test_priority_is_shown_sortable_and_filterable_on_the_period_table(site):
    soup = content_of(page(site, f"periods/{Q4}"))
    rows = soup.select("#okr-period-table tbody tr")
    by_title = {r.select("td")[1].get_text(" ", strip=True): r for r in rows}
    assert {t: r["data-priority"] for t, r in by_title.items()} == {
        "Reliable releases": "P1", "Grow the community": "P3", "Docs people love": "none",
        SHARED_TITLE: "P0", "A guide for every feature": "P2"}
    cells = {t: r.select("td")[-1] for t, r in by_title.items()}
    assert cells[SHARED_TITLE].get_text(" ", strip=True) == "P0"
    assert cells["Grow the community"].get_text(" ", strip=True) == "P3"  # written as the number 3
    assert [cells[t]["data-value"] for t in ("Reliable releases", "Docs people love")] == ["01", "99"]  # none last
    select = soup.select_one("select[data-okr-filter=priority]")
    assert [o["value"] for o in select.select("option")] == ["", "P0", "P1", "P2", "P3", "none"]


def test_priority_is_shown_on_the_objective_page(site):
    soup = content_of(page(site, f"okrs/{Q4}/core/shared"))
    assert soup.select_one(".okr-facts .okr-chip--priority").get_text(" ", strip=True) == "P0"
    assert soup.select_one("#kr-zz .okr-chip--priority").get_text(" ", strip=True) == "P2"
    assert soup.select_one("#kr-aa .okr-chip--priority") is None


# --- §14 root of any kind ----------------------------------------------------------------------------------
def test_an_english_foundation_root_is_labelled_by_its_kind(site):
    soup = content_of(page(site, ""))
    assert soup.select_one("h2#company-objectives").get_text(" ", strip=True) == "Foundation objectives"
    assert "Company" not in soup.get_text(" ")


# --- §18 inline Markdown in titles --------------------------------------------------------------------------
def test_titles_render_code_and_emphasis_as_html_on_pages(site):
    row = next(r for r in content_of(page(site, f"periods/{Q4}")).select("#okr-period-table tbody tr")
               if r.get("data-priority") == "P0")
    link = row.select("td")[1].select_one("a")
    assert link.select_one("code").get_text() == "lumen lint" and link.select_one("em").get_text() == "fast"
    assert "`" not in link.get_text() and "*" not in link.get_text()
    kr = content_of(page(site, f"okrs/{Q4}/core/shared")).select_one("#kr-zz h3")
    assert kr.select_one("code").get_text() == "lint" and kr.select_one("strong").get_text() == "every"


def test_titles_are_plain_text_in_the_page_title_the_chart_spec_and_the_feed(site):
    title = page(site, f"okrs/{Q4}/core/shared").select_one("title").get_text()
    assert title.startswith(SHARED_TITLE)
    spec = json.loads((site / "charts" / "okrs" / Q4 / "core" / "shared.vl.json").read_text(encoding="utf-8"))
    assert spec["title"]["text"] == SHARED_TITLE
    kr_spec = json.loads((site / "charts" / "okrs" / Q4 / "core" / "shared" / "zz.vl.json").read_text(encoding="utf-8"))
    assert kr_spec["title"]["text"] == KR_TITLE
    feed = ET.parse(site / "feeds" / "all.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    html = " ".join(e.findtext(f"{atom}content") or "" for e in feed.iter(f"{atom}entry"))
    assert KR_TITLE in html and "`" not in html and "**" not in html


def test_unit_kind_labels_name_an_extra_kind(tmp_path):
    files = {**FILES, "okrsite.yml": FILES["okrsite.yml"] + "extra_unit_kinds: [working-group]\n"
             "unit_kind_labels: {working-group: WG}\n",
             "units/lumen.md": "---\nname: Lumen\nkind: working-group\n---\n"}
    from okrsite.site.view import SiteView

    org = load_organization(write(tmp_path, files), TODAY)
    assert [str(d) for d in org.diagnostics] == []
    view = SiteView(org, "en")
    assert view.root_label("objectives") == "WG objectives"
    plain = load_organization(write(tmp_path / "b", {**files, "okrsite.yml": FILES["okrsite.yml"]
                                                      + "extra_unit_kinds: [working-group]\n"}), TODAY)
    assert SiteView(plain, "en").root_label("objectives") == "Working group objectives"
