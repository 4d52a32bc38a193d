"""OKR023 raised by the plugin: a file of the docs at the path of okrsite's script, a generated page or a
feed stops the build naming both files; while serving it is logged and okrsite's own file is the one
published (never a silent replacement either way)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from .orgs import write
from .sitebuild import build_site, small_project

ASSET = Path(__file__).resolve().parent.parent / "okrsite" / "site" / "assets" / "okrsite.js"
HOSTILE = {
    "assets/okrsite/okrsite.js": "window.stolen = document.cookie;\n",
    "periods.md": "# Our own periods page\n",
    "feeds/all.xml": "<feed>not okrsite's</feed>\n",
}


def _project(root: Path) -> Path:
    write(root / "content", HOSTILE)
    return small_project(root, "Shadows")


def test_the_build_stops_naming_both_files(tmp_path, caplog):
    config = _project(tmp_path)
    with pytest.raises((PluginError, Abort)) as caught:
        build_site(config, tmp_path / "site")
    message = str(caught.value) + caplog.text  # MkDocs logs a plugin's error and aborts
    for path in HOSTILE:
        assert f"{path}:0:0: error OKR023" in message or f"{path}: error OKR023" in message, message
    assert "okrsite's generated periods.md" in message and "assets/okrsite/okrsite.js" in message


def test_while_serving_okrsite_s_own_files_are_published(tmp_path, caplog):
    config = _project(tmp_path)
    cfg = load_config(str(config), site_dir=str(tmp_path / "site"))
    cfg.plugins["okrsite"].config.today = dt.date(2026, 11, 24)
    cfg.plugins.on_startup(command="serve", dirty=False)
    build(cfg, serve_url="")
    site = tmp_path / "site"
    assert (site / "assets/okrsite/okrsite.js").read_bytes() == ASSET.read_bytes()
    assert "Our own periods page" not in (site / "periods/index.html").read_text(encoding="utf-8")
    assert "not okrsite's" not in (site / "feeds/all.xml").read_text(encoding="utf-8")
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert logged.count("OKR023") + logged.count("would replace okrsite's generated") >= len(HOSTILE)
