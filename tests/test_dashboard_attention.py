"""Golden test: the dashboard of a built site (English) shows what needs attention.

The organization is tests/test_attention.py's. What the dashboard lists is checked against a
computation straight from the content files (plain PyYAML, none of okrsite's scoring), the status
counts are followed to the lists they lead to, and trend and confidence are read where progress is
shown (cards, the period table, the cascade). One site is built for the module."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrsite.resolve.pipeline import load_organization
from okrsite.site.pages import layout
from okrsite.site.templates import Renderer, environment
from okrsite.site.view import SiteView

from .orgs import write
from .sitebuild import build_site, content_of, front_matter, page, small_project
from .test_attention import FILES

TODAY = dt.date(2026, 11, 24)
Q4_START, Q4_END = dt.date(2026, 10, 1), dt.date(2026, 12, 31)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dash")
    write(root / "content", FILES)
    return build_site(small_project(root, "Attention"), root / "site", today=TODAY.isoformat())


def _independent_attention(content: Path) -> set[str]:
    """The objectives needing attention in 2026-Q4, from the files alone (metric and boolean KRs, as the
    organization has): off track (more than 0.25 behind the aspirational pace 0.7 × elapsed share, or a
    confidence below 0.3), confidence below 0.5, stale (> 14 days quiet, a true boolean never), or a
    target change recorded with `reason: unrecorded`; dropped objectives never."""
    latest: dict[str, tuple[dt.date, object, float | None]] = {}
    unexplained, dropped = set(), set()
    for path in sorted((content / "logs" / "2026-Q4" / "product").glob("*.md")):
        fm, day = front_matter(path), dt.date.fromisoformat(path.stem)
        for ref, upd in (fm.get("updates") or {}).items():
            value, conf = (upd.get("value"), upd.get("confidence")) if isinstance(upd, dict) else (upd, None)
            latest[ref] = (day, value, conf)
        for ch in fm.get("changes") or []:
            if ch.get("action") == "dropped" and "objective" in ch:
                dropped.add(ch["objective"])
            elif ch.get("field") == "target" and ch["reason"] == "unrecorded":
                unexplained.add(ch["key_result"].split("/")[0])
    expected_pace = 0.7 * (TODAY - Q4_START).days / (Q4_END - Q4_START).days
    found = set()
    for path in (content / "okrs" / "2026-Q4" / "product").glob("*.md"):
        slug, fm = path.stem, front_matter(path)
        if slug in dropped:
            continue
        for kr in fm["key_results"]:
            day, value, conf = latest.get(kr["id"], (None, None, None))
            done = kr.get("kind") == "boolean" and value is True
            quiet = (TODAY - (day or Q4_START)).days > 14
            behind = value is not None and kr.get("kind") != "boolean" and \
                (value - kr["baseline"]) / (kr["target"] - kr["baseline"]) - expected_pace < -0.25
            if behind or (conf is not None and conf < 0.5) or (quiet and not done) or slug in unexplained:
                found.add(f"2026-Q4/product/{slug}")
    return found


def test_the_attention_list_is_what_the_content_says(site, tmp_path_factory):
    items = content_of(page(site, "")).select(".okr-attention__item")
    content = site.parent / "content"
    assert {li["data-objective"] for li in items} == _independent_attention(content) == {
        "2026-Q4/product/behind", "2026-Q4/product/unsure", "2026-Q4/product/quiet", "2026-Q4/product/moved"}


def test_each_attention_item_names_its_owner_last_check_in_and_kr(site):
    items = {li["data-objective"]: li for li in content_of(page(site, "")).select(".okr-attention__item")}
    quiet = items["2026-Q4/product/quiet"]
    assert "Owner: PM" in quiet.get_text(" ", strip=True)
    assert "Last check-in: Nov 1, 2026" in quiet.get_text(" ", strip=True)
    (reason,) = quiet.select(".okr-attention__reasons li")
    assert reason["data-kr"] == "2026-Q4/product/quiet/d1" and "No recent check-in (last: Nov 1, 2026)" in reason.text
    moved = items["2026-Q4/product/moved"].get_text(" ", strip=True)
    assert "target changed without a reason: 100 → 80" in moved


def test_the_dashboard_puts_progress_counts_and_attention_before_the_objectives(site):
    dash = content_of(page(site, "")).select_one(".okr-dashboard")
    ids = [h["id"] for h in dash.select("h2, h3") if h.get("id")]
    assert ids.index("status-counts") < ids.index("needs-attention") < ids.index("top-level-objectives") \
        < ids.index("latest-wins")
    # overall progress by hand: steady 0.6, behind 0.05, unsure 0.6, quiet (0.6 + 1.0) / 2, moved 0.6 → 53%
    overall = dash.select_one(".okr-overall")
    assert overall is not None and "53%" in overall.get_text()


def test_status_counts_lead_to_lists_of_exactly_those_objectives(site):
    dash = content_of(page(site, ""))
    # by hand: behind is off track; unsure at risk (confidence 0.4); the others on track (quiet's
    # staleness is a flag, not a status); gone is dropped and counted nowhere
    expected = {"on_track": {"steady", "quiet", "moved"}, "at_risk": {"unsure"}, "off_track": {"behind"}}
    links = dash.select(".okr-counts--links li")
    seen = {}
    for li in links:
        status = next(c.split("--")[1] for c in li["class"] if c.startswith("okr-status--"))
        n = int(li.select_one(".okr-counts__n").text)
        a = li.find("a")
        if n == 0:
            assert a is None  # nothing to list: no link
            continue
        path, _, anchor = a["href"].partition("#")
        assert path == "periods/2026-Q4/statuses/"
        section = content_of(page(site, path)).find(id=anchor).find_parent("section")
        rows = {tr["data-objective"].rsplit("/", 1)[1] for tr in section.select("tr[data-objective]")}
        assert len(rows) == n
        seen[status] = rows
    assert seen == expected


def test_trend_and_confidence_stand_beside_progress_in_the_period_table_and_cascade(site):
    # steady: a1 40 of 90 on 11-10 (44%), 54 on 11-20 (60%): +16 pt; confidence 0.8
    row = next(tr for tr in content_of(page(site, "periods/2026-Q4")).select("#okr-period-table tbody tr")
               if "steady" in tr.get_text())
    cell = row.select_one(".okr-cell-trend").get_text(" ", strip=True)
    assert cell == "▲ +16 pt ● Confidence 0.8"
    node = next(li for li in content_of(page(site, "periods/2026-Q4/cascade")).select("li.okr-node")
                if li.select_one(".okr-node__title").get_text() == "steady")
    assert node.select_one(".okr-node__trend").get_text(" ", strip=True) == "▲ +16 pt ● Confidence 0.8"


def test_cards_show_a_sparkline_per_kr_with_two_or_more_check_ins(site):
    cards = content_of(page(site, "")).select(".okr-card")
    steady = next(c for c in cards if c.select_one(".okr-card__title").get_text() == "steady")
    spark = steady.select_one(".okr-card__krs svg.okr-spark")
    assert spark is not None and spark["aria-label"] == "Progress at each check-in: 44%, 60%"
    behind = next(c for c in cards if c.select_one(".okr-card__title").get_text() == "behind")
    assert behind.select_one("svg.okr-spark") is None  # one check-in: nothing to draw


def test_a_finished_period_s_dashboard_shows_its_final_score_and_no_pace(site):
    """Rendered without MkDocs (cheap): the same content on 2027-01-15, when 2026-Q4 is over."""
    org = load_organization(site.parent / "content", dt.date(2027, 1, 15))
    spec = next(s for s in layout(org, "en") if s.kind == "dashboard")
    html, _ = Renderer(environment(), SiteView(org, "en")).render(spec, spec.src_uri, "", None)
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".okr-overall") is None and "Period score" in soup.get_text()
    assert "has no pace" in soup.select_one("#needs-attention").find_next("p").get_text()
    # no off-track, confidence or stale reason once the period is over, and every KR has a value (its
    # score is computed from it): only moved's target change without a reason is left, in any period
    items = soup.select(".okr-attention__item")
    assert [(li["data-objective"], li["data-kinds"]) for li in items] == [
        ("2026-Q4/product/moved", "target_unexplained")]
