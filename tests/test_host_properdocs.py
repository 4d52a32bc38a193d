"""The sample built by ProperDocs (the maintained fork of MkDocs 1.6) with the okrsite plugin
unchanged: the golden assertions of tests/test_site.py run against its output (they are imported
here, so pytest runs them with this module's `site` fixture)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_host_pages import assert_retrospective_and_embed, host_command
from .test_site import (  # noqa: F401 - collected here, against ProperDocs's site
    test_cascade_has_every_objective_once_and_lists_orphans,
    test_dashboard_shows_company_objectives_and_status_counts,
    test_data_files_are_not_published,
    test_every_internal_link_resolves,
    test_every_objective_page_has_its_key_results,
    test_every_page_type_exists,
    test_no_asset_is_loaded_from_another_host,
    test_objective_page_shows_each_kr_with_numbers_from_the_check_ins,
    test_people_index_lists_every_person,
    test_period_overview_has_every_objective_with_its_progress,
    test_search_index_is_built_for_japanese,
    test_unit_page_shows_members_objectives_and_history,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    properdocs = host_command("properdocs")
    out = tmp_path_factory.mktemp("properdocs-site")
    env = {**os.environ, "OKRSITE_TODAY": "2026-11-24"}
    run = subprocess.run([properdocs, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    return out


def test_the_retrospective_and_embed_pages_carry_their_values(site):
    assert_retrospective_and_embed(site)
