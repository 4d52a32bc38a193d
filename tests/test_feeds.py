"""The Atom feeds carry contributors' text as text: a check-in or retrospective whose KR title,
wins or learnings hold `<script>` or `<img onerror>` must reach feed readers escaped. And they tell
the truth of a finished period: its final state and score, "Unscored", never a pace word or 0.00."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from . import hostile
from .hostile import hostile_site  # noqa: F401  (the shared fixture)

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(site, feed: str) -> list[ET.Element]:
    root = ET.fromstring((site / feed).read_bytes())  # fails on a feed that is not well-formed XML
    return root.findall(f"{ATOM}entry")


def _content(entry: ET.Element) -> BeautifulSoup:
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    return BeautifulSoup(content.text, "html.parser")


def _no_active_markup(html: BeautifulSoup) -> None:
    assert html.find_all("script") == []
    assert [t for t in html.find_all(True) if any(a.lower().startswith("on") for a in t.attrs)] == []
    assert html.find_all("img") == [] and html.find_all("i") == []


@pytest.mark.parametrize("feed", ["feeds/all.xml", "feeds/units/product.xml"])
def test_check_in_text_in_the_feed_is_escaped(hostile_site, feed):  # noqa: F811
    entries = _entries(hostile_site, feed)
    check_in = next(e for e in entries if "logs/2026-Q4/product/2026-11-20.md" in e.find(f"{ATOM}id").text)
    html = _content(check_in)
    _no_active_markup(html)
    items = [li.get_text() for li in html.find_all("li")]
    # the KR title, value and confidence, as text, then its status
    assert any(i.startswith(f"{hostile.KR_TITLE}: 40 (自信度 0.6) — ") for i in items), items
    for text in [*hostile.WINS_SHOWN, *hostile.LEARNINGS]:
        assert text in items
    # the entry's title is plain text (type="text"): the unit's name reads as written
    assert check_in.find(f"{ATOM}title").text.startswith(f"{hostile.UNIT_NAME}: ")


def test_retrospective_text_in_the_feed_is_escaped(hostile_site):  # noqa: F811
    retro = next(e for e in _entries(hostile_site, "feeds/all.xml") if "retros/2026-Q4/product.md" in e.find(f"{ATOM}id").text)
    html = _content(retro)
    _no_active_markup(html)
    items = [li.get_text() for li in html.find_all("li")]
    for text in [*hostile.WENT_WELL, *hostile.LEARNINGS]:
        assert text in items


# --- the English sample: entries tell a finished period's final result (examples/lumen-foundation) -------
LUMEN_FEED_TODAY = "2026-12-10"
PACE_WORDS = re.compile(r"\b(On track|At risk|Off track|Not started)\b")


@pytest.fixture(scope="module")
def lumen_feed() -> dict[str, BeautifulSoup]:
    """Entry source path -> its HTML, from the company feed of the English sample."""
    import datetime as dt

    from okrsite.resolve.pipeline import load_organization
    from okrsite.site.feeds import feeds
    from okrsite.site.view import SiteView

    from .conftest import ROOT

    org = load_organization(ROOT / "examples" / "lumen-foundation" / "content", dt.date.fromisoformat(LUMEN_FEED_TODAY))
    root = ET.fromstring(feeds(SiteView(org, "en"))["feeds/all.xml"])
    return {e.find(f"{ATOM}id").text.split(":", 2)[2]: BeautifulSoup(e.find(f"{ATOM}content").text or "", "html.parser")
            for e in root.findall(f"{ATOM}entry")}


def test_entries_of_a_finished_period_say_no_pace_word_and_no_zero(lumen_feed):
    finished = {rel: html for rel, html in lumen_feed.items() if re.search(r"/FY27-Q[123]/", rel)}
    assert len(finished) >= 20
    for rel, html in finished.items():
        text = html.get_text(" ")
        assert not PACE_WORDS.search(text), (rel, text)
        assert "0.00" not in text, rel  # nothing in this sample is graded 0: a 0.00 would be an unscored item


def test_retrospective_entries_give_the_unit_score_and_each_objectives_final_state(lumen_feed):
    # EXPECTED.md, FY27-Q3: lumen's official 0.50 beside its computed mean 0.60; tsc 0.70 with two
    # unscored KRs, review-capacity unscored (not 0.00); sustainable-funding 0.70 with a deferred KR
    lumen = lumen_feed["retros/FY27-Q3/lumen.md"]
    assert lumen.p.get_text(" ", strip=True) == "Unit score 0.50 official (computed mean 0.60)"
    items = [li.get_text() for li in lumen.ul.find_all("li")]
    assert "Fund two full-time maintainers: Final 0.7–1.0 · Final score 0.70 (1 of 2 KRs unscored)" in items
    # dropped on 2026-09-02 (logs/FY27-Q3/lumen/2026-09-02.md): listed with its title, no score
    assert items[-1] == "Run a small-grants programme for regional user groups: Dropped on Sep 2, 2026"
    tsc = lumen_feed["retros/FY27-Q3/tsc.md"]
    assert tsc.p.get_text(" ", strip=True) == "Unit score 0.70 (2 of 4 KRs unscored)"
    assert [li.get_text() for li in tsc.ul.find_all("li")] == [
        "Ship releases users can plan around: Final 0.7–1.0 · Final score 0.70",
        "No pull request waits a week for review: Unscored"]


def test_check_in_entries_carry_grades_and_the_final_result_of_a_finished_kr(lumen_feed):
    ladder = [li.get_text() for li in lumen_feed["logs/FY27-Q3/docs-wg/2026-10-28.md"].find_all("li")]
    # the ladder's 40-page rung reached with 46 pages: 0.60 (EXPECTED.md)
    assert "Pages of the user guide translated into Spanish: 46 pages (Confidence 0.9) — Final 0.4–0.6 · " \
           "Final score 0.60" in ladder
    backfilled = [li.get_text() for li in lumen_feed["logs/FY27-Q3/release-wg/2026-10-31.md"].find_all("li")]
    assert backfilled == ["Releases shipped from the train schedule: Grade 1.00 — Final 0.7–1.0 · Final score 1.00"]
    # the running quarter: the pace on the check-in's day, and the grade written then. On 2026-12-01
    # (day 30 of FY27-Q4's 91) the pace expects 0.7·30/91 = 0.23; the grade 0.50 is ahead, the
    # projection 0.90 above the success line 0.7: on track
    running = [li.get_text() for li in lumen_feed["logs/FY27-Q4/release-wg/2026-12-01.md"].find_all("li")]
    assert running == ["Releases shipped from the train schedule: Grade 0.50 · Projection 0.90 — On track · Score 0.50"]
