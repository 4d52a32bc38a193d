"""The sample and examples/lumen-foundation built by ProperDocs (the maintained fork of MkDocs 1.6)
with the okrsite plugin unchanged, each once, held to the same golden assertions as MkDocs's and
Zensical's builds (tests/host_golden.py)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT
from .host_golden import CONTENT_EN, CONTENT_JA, TODAY_JA, GoldenAssertions, HostSite, mkdocs_search, scratch_lumen
from .test_host_pages import host_command


def properdocs_build(config: Path, out: Path) -> Path:
    env = {**os.environ, "OKRSITE_TODAY": TODAY_JA}  # lumen's mkdocs.yml sets its own `today`
    run = subprocess.run([host_command("properdocs"), "build", "--strict", "-f", str(config), "-d", str(out)],
                         cwd=config.parent, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def golden_ja(tmp_path_factory) -> HostSite:
    site = properdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("properdocs-ja"))
    return HostSite(site, site, mkdocs_search(site), CONTENT_JA, "ja")


@pytest.fixture(scope="module")
def golden_en(tmp_path_factory) -> HostSite:
    work = tmp_path_factory.mktemp("properdocs-en")
    site = properdocs_build(scratch_lumen(work / "example") / "mkdocs.yml", work / "site")
    return HostSite(site, site, mkdocs_search(site), CONTENT_EN, "en")


class TestGoldenOnProperDocs(GoldenAssertions):
    """The golden assertions against ProperDocs's output."""
