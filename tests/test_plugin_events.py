"""The MkDocs plugin is events only: each handler states its priority, the configuration is typed
(`today` is a date), and it builds no HTML and takes no decision by page kind — page specs and
templates do. The view it hands to templates is immutable."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import re
from dataclasses import FrozenInstanceError

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from okrsite.hosts.mkdocs import plugin as plugin_module
from okrsite.hosts.mkdocs.plugin import OkrsitePlugin
from okrsite.site.view import SiteView

from .conftest import CONTENT, TODAY


def test_every_event_handler_states_its_priority():
    handlers = [name for name, _ in inspect.getmembers(OkrsitePlugin, inspect.isfunction) if name.startswith("on_")]
    assert {"on_config", "on_files", "on_env", "on_post_page"} <= set(handlers)
    unstated = [name for name in handlers if not hasattr(getattr(OkrsitePlugin, name), "mkdocs_priority")]
    assert not unstated, unstated
    # the order the adapter relies on: pages exist before rendering, the offline check sees all
    priority = {name: getattr(OkrsitePlugin, name).mkdocs_priority for name in handlers}
    assert priority["on_files"] < 0 < priority["on_env"] and priority["on_post_page"] == min(priority.values())


def test_the_plugin_builds_no_html_and_does_not_switch_on_page_kind():
    tree = ast.parse(inspect.getsource(plugin_module))
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    markup = [s for s in strings if re.search(r"<[a-z][a-z0-9]*[\s>/]", s)]
    assert not markup, markup
    kinds = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "kind"]
    assert not kinds, f"plugin.py reads a page kind on lines {kinds}"


def _config(tmp_path, block: str):
    docs = tmp_path / "docs"
    docs.mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\ndocs_dir: {docs}\ntheme: {{name: material, font: false}}\n"
                      f"plugins:\n  - okrsite:\n      content: {CONTENT}\n{block}", encoding="utf-8")
    return load_config(str(config))


def test_today_in_mkdocs_yml_is_a_date(tmp_path):
    cfg = _config(tmp_path, "      today: 2026-11-24\n")
    assert cfg.plugins["okrsite"].config.today == TODAY


def test_today_falls_back_to_the_environment_and_says_what_is_wrong(tmp_path, monkeypatch):
    plugin = _config(tmp_path, "").plugins["okrsite"]
    monkeypatch.setenv("OKRSITE_TODAY", "2026-10-01")
    assert plugin._today() == dt.date(2026, 10, 1)
    monkeypatch.setenv("OKRSITE_TODAY", "1.10.2026")
    with pytest.raises(PluginError, match="today must be YYYY-MM-DD, got '1.10.2026'"):
        plugin._today()


def test_the_view_is_immutable_and_each_page_gets_its_own(sample_org):
    view = SiteView(sample_org, "ja")
    obj = next(o for o in view.objectives if o.unit.id == "product")
    with pytest.raises(FrozenInstanceError):
        view.published = object()
    from_unit = view.at("units/product/")
    assert from_unit.url(obj) == f"../../okrs/{obj.period.id}/product/{obj.slug}/"
    assert view.url(obj) == f"okrs/{obj.period.id}/product/{obj.slug}/"  # the original is unchanged
    assert from_unit.progress(obj) is view.progress(obj)  # computed once, shared by every page's view


def test_today_and_settings_from_mkdocs_yml_reach_the_core(tmp_path):
    from mkdocs.structure.files import get_files

    cfg = _config(tmp_path, "      charts: {enabled: false}\n      today: 2026-10-01\n"
                            "      settings: {stale_after_days: 3}\n")
    plugin = cfg.plugins["okrsite"]
    cfg = cfg.plugins.on_config(cfg)  # as MkDocs runs the events
    cfg.plugins.on_files(get_files(cfg), config=cfg)
    assert plugin.org.settings.stale_after_days == 3
    assert plugin.view.today == dt.date(2026, 10, 1)


def test_the_error_banner_quotes_the_content_as_text(sample_org):
    """A diagnostic quotes what contributors wrote: it must never become markup."""
    from types import SimpleNamespace

    from bs4 import BeautifulSoup

    from okrsite.site.templates import Renderer, environment

    view = SiteView(sample_org, "ja")
    error = SimpleNamespace(location="logs/<b>x</b>.md:3:1", code="OKR205", message='unknown KR "<img src=x>"')
    html = Renderer(environment(), view).render_template("okrsite/errors.html", okr=view, errors=[error])
    banner = BeautifulSoup(html, "html.parser")
    assert banner.select_one(".okr-errors li").get_text() == 'logs/<b>x</b>.md:3:1 OKR205: unknown KR "<img src=x>"'
    assert banner.select_one(".okr-errors img") is None and banner.select_one(".okr-errors b") is None
    assert banner.select_one(".admonition-title").get_text() == view.t("validation_errors")


def test_a_hand_written_page_links_a_chart_file_that_is_written_after_the_pages(tmp_path, caplog):
    """Chart files are drawn while MkDocs builds the pages and written at on_post_build, yet are in
    MkDocs' file list from on_files: a page's Markdown link to one is not reported missing."""
    import logging

    from .sitebuild import CHART_CACHE, build_site

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n![history](charts/units/company/history.svg)\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\ndocs_dir: {docs}\ntheme: {{name: material, font: false}}\n"
                      "validation: {links: {not_found: warn}}\n"
                      f"plugins:\n  - okrsite:\n      content: {CONTENT}\n      charts: {{cache_dir: {CHART_CACHE}}}\n",
                      encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        site = build_site(config, tmp_path / "site")
    assert not [r.getMessage() for r in caplog.records if "history.svg" in r.getMessage()]
    src = re.search(r'<img alt="history" src="([^"]+)"', (site / "index.html").read_text(encoding="utf-8")).group(1)
    assert (site / src).read_bytes().startswith(b"<svg")


def test_a_failed_build_stops_drawing_its_charts_and_the_next_build_gets_none_of_them(tmp_path):
    """The charts are drawn while MkDocs builds the pages; a build that fails (on_build_error) must not
    leave its workers drawing, nor hand its charts to the next build's on_post_build."""
    plugin = _config(tmp_path, "").plugins["okrsite"]

    class Drawing:
        cancelled = False

        def cancel(self):
            self.cancelled = True

    drawing = Drawing()
    plugin.charts = plugin_module._ChartJob(plan=None, rendering=drawing, env=None)
    plugin.on_build_error(error=RuntimeError("a page failed"))
    assert drawing.cancelled and plugin.charts is None
    plugin.on_post_build(config=plugin_module.MkDocsConfig())  # nothing left to write: returns at once
