"""Feed and entry ids are unique per site (issue 11): two companies' portals, or two sites on one
host, never share an Atom id, so a reader following both shows every entry."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from okrsite.site.feeds import feeds
from okrsite.site.view import SiteView

from .orgs import log, objective, org_from

A = "{http://www.w3.org/2005/Atom}"


def _ids(tmp_path, site_url: str) -> set[str]:
    org = org_from(tmp_path, {**objective("  - {id: k, title: K, baseline: 0, target: 10}\n"),
                              **log("2026-11-20", "  k: 3\n")})
    out = set()
    for xml in feeds(SiteView(org, "en", site_url=site_url)).values():
        root = ET.fromstring(xml)
        out |= {root.find(f"{A}id").text, *(e.find(f"{A}id").text for e in root.findall(f"{A}entry"))}
    return out


def test_ids_differ_between_sites_and_name_the_site(tmp_path):
    a = _ids(tmp_path / "a", "https://okr.acme.example/")
    b = _ids(tmp_path / "b", "https://okr.globex.example/")
    c = _ids(tmp_path / "c", "https://intra.acme.example/okr/")
    d = _ids(tmp_path / "d", "https://intra.acme.example/other-okr/")
    assert len(a) == len(b) == len(c) == len(d) == 3  # all.xml, the unit's feed and the entry (in both)
    assert not (a & b) and not (c & d) and not (a & c)
    assert "tag:okr.acme.example,2026-11-20:logs/2026-Q4/product/2026-11-20.md" in a
    assert "tag:intra.acme.example,2000:okr/feeds/all.xml" in c
    assert "tag:okrsite,2000:feeds/all.xml" in _ids(tmp_path / "e", "")  # no site_url: still a valid tag URI
