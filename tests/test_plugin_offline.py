"""The page-level offline check: a built page that would make the browser fetch from another host
stops the build (offline: strict) or is reported (offline: warn), whatever put it there — the
team's Markdown or the theme's templates. Links to other hosts are fine."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from .conftest import CONTENT
from .sitebuild import build_site

REMOTE_IMG = "https://cdn.example.com/logo.png"
REMOTE_JS = "https://cdn.example.com/tracker.js"


def _project(tmp_path: Path, page: str, offline: str = "strict", custom_dir: Path | None = None) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text(page, encoding="utf-8")
    theme = "{name: material, font: false" + (f", custom_dir: {custom_dir}" if custom_dir else "") + "}"
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\ndocs_dir: {docs}\ntheme: {theme}\n"
                      f"plugins: [{{okrsite: {{content: {CONTENT}, offline: {offline}, charts: {{enabled: false}}}}}}]\n",
                      encoding="utf-8")
    return config


def test_a_page_with_a_remote_image_stops_a_strict_build(tmp_path, caplog):
    config = _project(tmp_path, f'# About\n\n<img src="{REMOTE_IMG}" alt="logo">\n')
    with pytest.raises((PluginError, Abort)) as err:
        build_site(config, tmp_path / "site")
    said = str(err.value) + caplog.text  # MkDocs logs a page's error and aborts
    assert f"okrsite (offline: strict): about.md loads {REMOTE_IMG} from the internet" in said


def test_a_remote_script_from_the_theme_templates_is_caught(tmp_path, caplog):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.html").write_text('{% extends "base.html" %}\n{% block scripts %}{{ super() }}'
                                     f'<script src="{REMOTE_JS}"></script>{{% endblock %}}\n', encoding="utf-8")
    config = _project(tmp_path, "# About\n", custom_dir=theme)
    with pytest.raises((PluginError, Abort)) as err:
        build_site(config, tmp_path / "site")
    assert f"loads {REMOTE_JS} from the internet" in str(err.value) + caplog.text


@pytest.mark.parametrize("name, text", [
    ("legacy/report.html", f'<html><body><img src="{REMOTE_IMG}"></body></html>'),
    ("img/diagram.svg", f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{REMOTE_IMG}"/></svg>'),
])
def test_a_hand_written_html_or_svg_file_copied_as_it_is_is_checked_too(tmp_path, caplog, name, text):
    config = _project(tmp_path, "# About\n")
    (tmp_path / "docs" / name).parent.mkdir(parents=True)
    (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    with pytest.raises((PluginError, Abort)) as err:
        build_site(config, tmp_path / "site")
    assert f"{name} loads {REMOTE_IMG} from the internet" in str(err.value) + caplog.text


def test_warn_reports_the_page_and_builds(tmp_path, caplog):
    config = _project(tmp_path, f'# About\n\n<img src="{REMOTE_IMG}" alt="logo">\n', offline="warn")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.okrsite"):
        site = build_site(config, tmp_path / "site")
    assert (site / "about" / "index.html").exists()
    assert any("about.md" in r.getMessage() and REMOTE_IMG in r.getMessage() for r in caplog.records)


def test_links_to_other_hosts_are_fine(tmp_path):
    config = _project(tmp_path, "# About\n\n[Our blog](https://blog.example.com/) · "
                                '<a href="https://example.com/x.png">a picture</a>\n')
    site = build_site(config, tmp_path / "site")
    assert "https://blog.example.com/" in (site / "about" / "index.html").read_text(encoding="utf-8")


def test_an_unquoted_style_url_in_a_page_stops_a_strict_build(tmp_path, caplog):
    """What the old regex let through: an unquoted, protocol-relative URL inside a style attribute."""
    config = _project(tmp_path, "# About\n\n<div style=background:url(//cdn.example.com/bg.png)>x</div>\n")
    with pytest.raises((PluginError, Abort)) as err:
        build_site(config, tmp_path / "site")
    assert "about.md loads //cdn.example.com/bg.png from the internet" in str(err.value) + caplog.text
