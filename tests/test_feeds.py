"""The Atom feeds carry contributors' text as text: a check-in or retrospective whose KR title,
wins or learnings hold `<script>` or `<img onerror>` must reach feed readers escaped."""

from __future__ import annotations

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
