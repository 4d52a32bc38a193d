"""Build-time warnings for what silently breaks a company site (issue 11): no `site_url` (embed
snippets and feed links) and no `nav` (a sidebar of every page by file name). Warnings, so the
build goes on, and `mkdocs build --strict` (the workflows') stops on them."""

from __future__ import annotations

import logging

import pytest
from mkdocs.config import load_config

from okrsite.hosts.mkdocs.plugin import site_problems

from .orgs import write
from .sitebuild import build_site, small_project

NAV = "nav:\n  - Home: index.md\n  - Periods: periods.md\n"


def _config(tmp_path, site_url: str, nav: bool):
    write(tmp_path / "content", {"okrsite.yml": "language: en\n"})
    path = small_project(tmp_path, "Acme", site_url=site_url, nav=False)
    text = path.read_text(encoding="utf-8")
    if not site_url:
        text = text.replace("site_url: \n", "")
    path.write_text(text + (NAV if nav else ""), encoding="utf-8")
    return path


@pytest.mark.parametrize("site_url, nav, expected", [
    ("https://okr.example/", True, []),
    ("", True, ["site_url"]),
    ("https://okr.example/", False, ["nav"]),
    ("", False, ["site_url", "nav"]),
])
def test_missing_site_url_and_nav_are_named(tmp_path, site_url, nav, expected):
    config = load_config(str(_config(tmp_path, site_url, nav)))
    found = site_problems(config)
    assert [next(k for k in ("site_url", "nav") if f"`{k}`" in p) for p in found] == expected


def test_the_build_logs_them_as_warnings_and_goes_on(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.okrsite"):
        site = build_site(_config(tmp_path, "", False), tmp_path / "site")
    assert (site / "index.html").is_file()
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("no `site_url`" in m and "feeds" in m for m in warned)
    assert any("no `nav`" in m for m in warned)
