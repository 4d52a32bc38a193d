"""bench.hosts (the host comparison): its table and JSON from fake timings, with ratios worked out by
hand, and the Zensical configuration it builds with (the generated mkdocs.yml migrated as
docs/platforms.md says). The real runs take minutes; docs/performance.md ("Hosts") records them."""

from __future__ import annotations

import json

import yaml

from bench.generate import mkdocs_yml
from bench.hosts import TierResult, as_json, table, zensical_yml
from bench.run import Timing


def fake() -> TierResult:
    r = TierResult(200, pages=600)
    r.runs = {"MkDocs": [Timing(12.0, 11.0), Timing(11.0, 10.0)], "ProperDocs": [Timing(13.0, 12.0), Timing(14.0, 13.0)],
              "okrsite pages": [Timing(6.0, 5.0)], "zensical build": [Timing(2.0, 3.0)], "Zensical": [Timing(8.0, 8.0)],
              "plain MkDocs": [Timing(5.0, 4.0), Timing(4.5, 4.5)]}
    return r


def test_the_table_shows_the_fastest_run_and_cpu_ratios_to_mkdocs_and_plain_mkdocs():
    rows = {line.split("|")[3].strip().split(" (")[0]: [c.strip() for c in line.split("|")[1:-1]]
            for line in table([fake()]).splitlines()[2:]}
    assert list(rows) == ["MkDocs", "ProperDocs", "Zensical", "plain MkDocs"]
    # MkDocs 10 s, ProperDocs 12 s, Zensical 5 + 3 = 8 s, plain 4 s (the least CPU of the runs)
    # (no Hugo figures: its column is empty)
    assert rows["MkDocs"][3:] == ["10.0", "11.0", "1.00", "2.50", "–"]
    assert rows["ProperDocs"][3:] == ["12.0", "13.0", "1.20", "3.00", "–"]
    assert rows["Zensical"][3:] == ["8.0", "8.0", "0.80", "2.00", "–"]
    assert rows["plain MkDocs"][3:] == ["4.0", "5.0", "0.40", "1.00", "–"]
    assert "okrsite pages 5.0 + zensical build 3.0" in table([fake()])
    assert rows["MkDocs"][:2] == ["200", "600"]


def test_with_hugo_every_host_has_its_ratio_to_hugo_and_hugo_a_row():
    res = fake()
    res.hugo = {"pages": 600, "built": 602, "cpu": 0.5, "runs": [{"cpu": 0.5, "wall": 0.4}, {"cpu": 0.6, "wall": 0.5}]}
    rows = {line.split("|")[3].strip().split(" (")[0]: [c.strip() for c in line.split("|")[1:-1]]
            for line in table([res]).splitlines()[2:]}
    assert rows["MkDocs"][-1] == "20.0" and rows["Zensical"][-1] == "16.0" and rows["plain MkDocs"][-1] == "8.0"
    assert rows["Hugo"][1:] == ["602", "Hugo (plain pages, bare template)", "0.50", "0.40", "0.05", "0.12", "1.0"]
    assert json.loads(as_json([res]))[0]["ratio_to_hugo"]["MkDocs"] == 20.0


def test_the_json_holds_the_same_figures():
    data = json.loads(as_json([fake()]))[0]
    assert data["units"] == 200 and data["best"]["MkDocs"] == {"wall": 11.0, "cpu": 10.0}
    assert data["ratio_to_mkdocs"]["ProperDocs"] == 1.2 and data["ratio_to_plain_mkdocs"]["Zensical"] == 2.0
    assert len(data["runs"]["MkDocs"]) == 2


class _Tolerant(yaml.SafeLoader):
    pass


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def test_the_zensical_configuration_is_the_migrated_mkdocs_yml():
    config = yaml.load(zensical_yml(mkdocs_yml("content")), Loader=_Tolerant)  # noqa: S506 - a safe subclass
    assert config["theme"]["variant"] == "classic" and config["theme"]["font"] is False
    pages = [next(iter(item.values())) for item in config["nav"]]
    assert pages[:7] == [f"_okrsite/{p}" for p in ("index.md", "periods.md", "units.md", "people.md", "learnings.md",
                                                    "wins.md", "retros.md")]
    assert pages[7] == "guide/how-we-run-okrs.md"
    assert "/logs/" in config["exclude_docs"] and config["not_in_nav"].strip() == "/_okrsite/"
    assert config["extra_css"] == ["_okrsite/assets/okrsite/okrsite.css"] and config["site_dir"] == "site-zensical"
