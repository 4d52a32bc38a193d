"""MkDocs 1.6 + Material 9 with the okrsite plugin, the primary host: the Japanese sample and
examples/lumen-foundation built once each, held to the host-independent golden assertions
(tests/host_golden.py) that ProperDocs's and Zensical's builds are held to as well."""

from __future__ import annotations

import pytest

from .conftest import ROOT
from .host_golden import (
    CONTENT_EN,
    CONTENT_JA,
    TODAY_EN,
    TODAY_JA,
    GoldenAssertions,
    HostSite,
    mkdocs_search,
    scratch_lumen,
)
from .sitebuild import build_site


@pytest.fixture(scope="module")
def golden_ja(tmp_path_factory) -> HostSite:
    site = build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("mkdocs-ja"), today=TODAY_JA)
    return HostSite(site, site, mkdocs_search(site), CONTENT_JA, "ja")


@pytest.fixture(scope="module")
def golden_en(tmp_path_factory) -> HostSite:
    work = tmp_path_factory.mktemp("mkdocs-en")
    site = build_site(scratch_lumen(work / "example") / "mkdocs.yml", work / "site", today=TODAY_EN)
    return HostSite(site, site, mkdocs_search(site), CONTENT_EN, "en")


class TestGoldenOnMkDocs(GoldenAssertions):
    """The golden assertions against MkDocs's output."""
