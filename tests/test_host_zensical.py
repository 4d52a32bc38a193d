"""The sample migrated to Zensical as docs/platforms.md says: `okrsite pages --out content/_okrsite`
writes the portal's pages into docs_dir, then `zensical build` (classic variant) renders them. The
golden assertions of tests/test_site.py run against the pages under /_okrsite/ (imported here, so
pytest runs them with this module's `site` fixture)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .test_host_pages import assert_retrospective_and_embed, host_command, okrsite_cli, scratch_sample
from .test_site import (  # noqa: F401 - collected here, against Zensical's site
    dangling_links,
    test_cascade_has_every_objective_once_and_lists_orphans,
    test_dashboard_shows_company_objectives_and_status_counts,
    test_every_objective_page_has_its_key_results,
    test_no_asset_is_loaded_from_another_host,
    test_objective_page_shows_each_kr_with_numbers_from_the_check_ins,
    test_people_index_lists_every_person,
    test_period_overview_has_every_objective_with_its_progress,
    test_unit_page_shows_members_objectives_and_history,
)

GENERATED_NAV = ("index.md", "periods.md", "units.md", "people.md", "learnings.md", "wins.md", "retros.md", "kpis.md")
# the lines docs/platforms.md ("Moving to Zensical", step 3) adds to the Zensical configuration
ZENSICAL_SETTINGS = """
extra_css: [_okrsite/assets/okrsite/okrsite.css]
extra_javascript: [_okrsite/assets/okrsite/okrsite.js]
exclude_docs: |
  /okrs/
  /logs/
  /units/
  /retros/
  /kpis/
  /okrsite.yml
not_in_nav: |
  /_okrsite/
"""


def zensical_config(mkdocs_yml: str) -> str:
    """The sample's mkdocs.yml migrated (steps 2-3 of docs/platforms.md): classic variant, the nav's
    generated pages under _okrsite/, okrsite's CSS/JS, data files excluded."""
    text = mkdocs_yml.replace("  name: material\n", "  name: material\n  variant: classic\n", 1)
    for name in GENERATED_NAV:
        text = text.replace(f": {name}\n", f": _okrsite/{name}\n")
    return text + ZENSICAL_SETTINGS


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    zensical = host_command("zensical")
    repo = scratch_sample(tmp_path_factory.mktemp("zensical") / "repo")
    (repo / "zensical.yml").write_text(zensical_config((repo / "mkdocs.yml").read_text(encoding="utf-8")),
                                       encoding="utf-8")
    pages = okrsite_cli("pages", "--out", "content/_okrsite", "--today", "2026-11-24", cwd=repo)
    assert pages.returncode == 0, pages.stderr
    run = subprocess.run([zensical, "build", "-f", "zensical.yml"], cwd=repo, capture_output=True, text=True,
                         timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    return repo / "site"


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built / "_okrsite"  # the generated pages: the golden tests' URLs are relative to it


def test_the_retrospective_and_embed_pages_carry_their_values(site):
    assert_retrospective_and_embed(site)


def test_every_internal_link_of_the_generated_pages_resolves(built, site):
    missing = dangling_links(built, site)
    assert not missing, missing[:20]


def test_the_data_files_are_not_pages_and_the_nav_leads_to_the_dashboard(built):
    assert not (built / "okrs").exists() and not (built / "logs").exists() and not (built / "okrsite.yml").exists()
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="_okrsite/periods/"' in home or 'href="./_okrsite/periods/"' in home


def test_search_finds_objective_pages_and_skips_the_index_pages(built):
    index = json.loads((built / "search.json").read_text(encoding="utf-8"))
    items = index["items"]
    assert any("導入後1週間以内のアクティブ率" in item["text"] for item in items
               if item["location"].startswith("_okrsite/okrs/2026-Q4/product/self-serve/"))
    # `search: exclude: true` in the front matter keeps the index pages out, as under MkDocs
    assert not [i["location"] for i in items if i["location"].startswith(("_okrsite/people/", "_okrsite/periods/"))]
