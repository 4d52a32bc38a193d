"""A pip user without a Japanese font (issue 11): a Japanese site still builds, with its SVG charts
(drawn by the reader's browser) and without PNGs (which would show boxes), saying so once in the
build log at INFO (a warning would fail `mkdocs build --strict`). docs/charts.md records the choice."""

from __future__ import annotations

import datetime as dt
import logging

from okrsite.charts import fonts
from okrsite.lifecycle.init import init_repository

from .sitebuild import build_site


def test_a_japanese_site_builds_without_a_font_and_skips_only_the_pngs(tmp_path, monkeypatch, caplog):
    day = dt.date(2026, 11, 24)
    init_repository(tmp_path / "repo", "ja", "株式会社テスト", day)
    config = tmp_path / "repo" / "mkdocs.yml"  # a site that asks for PNGs (the default is none)
    config.write_text(config.read_text(encoding="utf-8").replace("  - okrsite\n", "  - okrsite:\n      charts: {png: all}\n"),
                      encoding="utf-8")
    monkeypatch.setattr(fonts, "font_dir_or_none", lambda configured: None)  # as on a machine without one
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.okrsite")
    site = build_site(tmp_path / "repo" / "mkdocs.yml", tmp_path / "site", today=day.isoformat())
    charts = sorted(p.suffix for p in (site / "charts").rglob("*.*"))
    assert ".svg" in charts and ".png" not in charts
    skipped = [r for r in caplog.records if "PNG charts skipped" in r.getMessage()]
    assert len(skipped) == 1 and skipped[0].levelno == logging.INFO
    assert "fonts-ipafont-gothic" in skipped[0].getMessage()  # says how to get them
