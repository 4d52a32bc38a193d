"""Atom feeds from a small organization, without building a site, so `make mutation` can run them
for every mutant of okrsite/site/feeds.py: contributors' text escaped, entries dated by their
content, newest first, at most 50, drafts left out, one feed per unit with entries.

Expected values come from the files written here and the format in docs/site.md (feeds/all.xml,
feeds/units/<unit>.xml; ids are tag URIs of the source file).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from okrsite.site.feeds import feeds
from okrsite.site.view import SiteView

from .orgs import org_from

A = "{http://www.w3.org/2005/Atom}"
TODAY = dt.date(2026, 11, 24)
EVIL = "<script>alert(1)</script> & co"
OBJ = ("---\ntitle: Objective\nowner: pm\nkey_results:\n  - {id: k, title: 'K <b>', baseline: 0, target: 10}\n"
       "  - {id: j, title: J, baseline: 0, target: 10}\n---\n")


def _log(day: str, extra: str = "", updates: str = "  k: {value: 4, confidence: 0.6}\n") -> str:
    return f"---\ndate: {day}\nauthor: pm\nupdates:\n{updates}{extra}---\n"


BASE = {
    "units/pm.md": "---\nname: Pat Mori\nkind: person\nparent: product\n---\n",
    "okrs/2026-Q4/product/o.md": OBJ,
    "okrs/2026-Q3/product/o.md": OBJ,
    "logs/2026-Q4/product/2026-11-10.md": _log("2026-11-10"),
    "logs/2026-Q4/product/2026-11-20.md": _log("2026-11-20", f"wins:\n  - '{EVIL}'\n", "  j: 3\n")
                                          + "## Learnings\n- a < b\n",
    "retros/2026-Q3/product.md": f"---\nstatus: published\nwent_well:\n  - '{EVIL}'\n---\n",
}


def _feeds(tmp_path, files=BASE, site_url="https://okr.example/"):
    org = org_from(tmp_path, files, TODAY)
    assert not [d for d in org.diagnostics if d.severity.value == "error"], org.diagnostics
    view = SiteView(org, "en")
    view.site_url = site_url
    return {path: ET.fromstring(xml) for path, xml in feeds(view).items()}, feeds(view)


def _entries(feed):
    return [{"id": e.find(f"{A}id").text, "title": e.find(f"{A}title").text, "updated": e.find(f"{A}updated").text,
             "link": e.find(f"{A}link").get("href"), "author": e.find(f"{A}author/{A}name").text,
             "html": e.find(f"{A}content").text or ""} for e in feed.findall(f"{A}entry")]


def test_one_feed_for_the_company_and_one_per_unit_with_entries(tmp_path):
    parsed, raw = _feeds(tmp_path)
    assert sorted(parsed) == ["feeds/all.xml", "feeds/units/product.xml"]  # acme and pm have nothing to tell
    assert raw["feeds/all.xml"].startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<feed')


def test_feed_header(tmp_path):
    parsed, _ = _feeds(tmp_path)
    feed = parsed["feeds/all.xml"]
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert feed.find(f"{A}id").text == "tag:okrsite,2000:feeds/all.xml"
    assert feed.find(f"{A}title").text == "OKR updates of ACME"
    assert feed.find(f"{A}updated").text == "2026-11-20T00:00:00Z"  # the newest entry, not the build
    assert feed.find(f"{A}author/{A}name").text == "ACME"
    assert feed.find(f"{A}generator").text == "okrsite"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")}
    assert links == {"self": "https://okr.example/feeds/all.xml", "alternate": "https://okr.example/"}
    unit = parsed["feeds/units/product.xml"]
    assert unit.find(f"{A}id").text == "tag:okrsite,2000:feeds/units/product.xml"
    assert unit.find(f"{A}title").text == "OKR updates of Product"
    assert {link.get("rel"): link.get("href") for link in unit.findall(f"{A}link")} == {
        "self": "https://okr.example/feeds/units/product.xml", "alternate": "https://okr.example/units/product/"}


def test_entries_newest_first_dated_by_their_content(tmp_path):
    parsed, _ = _feeds(tmp_path)
    entries = _entries(parsed["feeds/all.xml"])
    assert [(e["id"], e["updated"]) for e in entries] == [
        ("tag:okrsite,2026-11-20:logs/2026-Q4/product/2026-11-20.md", "2026-11-20T00:00:00Z"),
        ("tag:okrsite,2026-11-10:logs/2026-Q4/product/2026-11-10.md", "2026-11-10T00:00:00Z"),
        ("tag:okrsite,2026-09-30:retros/2026-Q3/product.md", "2026-09-30T00:00:00Z"),  # the period's end
    ]
    assert [e["title"] for e in entries] == [
        "Product: check-in Nov 20, 2026", "Product: check-in Nov 10, 2026", "Product: retrospective of Q3 2026"]
    assert [e["author"] for e in entries] == ["Pat Mori", "Pat Mori", "Product"]
    assert [e["id"] for e in _entries(parsed["feeds/units/product.xml"])] == [e["id"] for e in entries]


def test_entry_links_are_absolute_under_the_site_url(tmp_path):
    # without a site_url the links are written relative to the site root, which a feed reader resolves
    # against the feed's own URL (feeds/...): not asserted here, see the report of issue 8
    parsed, _ = _feeds(tmp_path)
    links = [e["link"] for e in _entries(parsed["feeds/all.xml"])]
    assert links[0].startswith("https://okr.example/units/product/#") and links[0] != links[1]
    assert links[1].startswith("https://okr.example/units/product/#")
    assert links[2] == "https://okr.example/retros/2026-Q3/product/"


def test_contributors_text_is_escaped_in_the_entry_html(tmp_path):
    parsed, _ = _feeds(tmp_path)
    newest, older, retro = _entries(parsed["feeds/all.xml"])
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
    assert f"<p><b>Wins</b></p><ul><li>{escaped}</li></ul>" in newest["html"]
    assert "<p><b>Learnings</b></p><ul><li>a &lt; b</li></ul>" in newest["html"]
    assert "<ul><li>J: <b>3</b></li></ul>" in newest["html"]  # no confidence given
    assert "<li>K &lt;b&gt;: <b>4</b> (Confidence 0.6)</li>" in older["html"]
    assert retro["html"] == f"<p><b>What went well</b></p><ul><li>{escaped}</li></ul>"
    assert "<script>" not in "".join(e["html"] for e in (newest, older, retro))


def test_draft_retrospectives_are_not_announced(tmp_path):
    files = {**BASE, "retros/2026-Q3/product.md": "---\nstatus: draft\nwent_well: [soon]\n---\n"}
    parsed, _ = _feeds(tmp_path, files)
    assert [e["id"].rsplit(":", 1)[1] for e in _entries(parsed["feeds/all.xml"])] == [
        "logs/2026-Q4/product/2026-11-20.md", "logs/2026-Q4/product/2026-11-10.md"]


@pytest.mark.parametrize("count, shown", [(50, 50), (52, 50)])
def test_at_most_50_entries_the_newest(tmp_path, count, shown):
    files = {k: v for k, v in BASE.items() if not k.startswith(("logs/", "retros/"))}
    days = [dt.date(2026, 10, 1) + dt.timedelta(days=i) for i in range(count)]
    files.update({f"logs/2026-Q4/product/{d}.md": _log(str(d)) for d in days})
    parsed, _ = _feeds(tmp_path, files)
    updated = [e["updated"][:10] for e in _entries(parsed["feeds/all.xml"])]
    assert updated == [str(d) for d in reversed(days)][:shown]


def test_a_feed_without_entries_is_dated_today(tmp_path):
    files = {k: v for k, v in BASE.items() if not k.startswith(("logs/", "retros/"))}
    parsed, _ = _feeds(tmp_path, files)
    assert list(parsed) == ["feeds/all.xml"]
    assert parsed["feeds/all.xml"].find(f"{A}updated").text == "2026-11-24T00:00:00Z"
    assert parsed["feeds/all.xml"].findall(f"{A}entry") == []
