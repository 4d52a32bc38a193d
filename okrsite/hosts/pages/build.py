"""`okrsite pages`: load and check the content once, render every file of the portal, write the
folder. The steps the MkDocs plugin runs at on_files/on_env, without MkDocs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ...model.visibility import DEFAULT, for_audience
from ...resolve.pipeline import load_organization
from ...source.parse_cache import ParseCache
from ...text.i18n import LANGUAGES
from .config import PagesConfig, build_day
from .folder import Outcome, check_inside, write_pages
from .render import render_files


def _charts(cfg: PagesConfig, log):
    """The chart publisher (cached like the plugin's charts), or None when charts are turned off."""
    opts = cfg.plugin.get("charts") if isinstance(cfg.plugin.get("charts"), dict) else {}
    if opts.get("enabled") is False:
        return None

    def publish_charts(view, env):
        from ...charts.cache_trust import refusal
        from ...charts.fonts import font_dir_or_none
        from ...charts.publish import publish
        from ...charts.render import ChartFontMissing, ChartRenderer

        font_dir = font_dir_or_none(str(cfg.base / opts["font_dir"]) if opts.get("font_dir") else None)
        cache_dir = cfg.base / str(opts.get("cache_dir") or ".cache/okrsite")
        renderer = ChartRenderer(cache_dir, font_dir, opts.get("jobs"))
        if renderer.refused:
            log(refusal(cache_dir, renderer.refused).removeprefix("okrsite: "))
        options = {"interactive": opts.get("interactive") is not False, "page_url": view.links.site_path,
                   "dark_files": opts.get("dark_files") is True}  # the plugin's chart settings (docs/charts.md)
        try:
            return publish(view, renderer, env, png=str(opts.get("png") or "none"), **options)
        except ChartFontMissing as exc:
            log(f"PNG charts skipped (SVG charts are published): {exc}")
            return publish(view, renderer, env, png="none", **options)

    return publish_charts


def build_pages(content_dir: Path, out: Path, cfg: PagesConfig, today: dt.date | None, audience: str | None, log,
                links: str = "source"):
    """(organization, Outcome | None): None when the content has errors (nothing is written). `today`
    None: the plugin's `today`, else $OKRSITE_TODAY, else the real today (config.build_day)."""
    import os

    from ...diagnostics.diagnostic import has_errors

    root = check_inside(out, cfg.docs_dir)  # before the (slow) rendering: a wrong folder fails at once
    today = build_day(cfg, today, os.environ)
    settings = cfg.plugin.get("settings") if isinstance(cfg.plugin.get("settings"), dict) else {}
    org = load_organization(content_dir, today, settings, cache=ParseCache.for_content(content_dir))  # as the check
    if has_errors(org.diagnostics):
        return org, None
    shown = for_audience(org, audience or str(cfg.plugin.get("audience") or DEFAULT))
    lang = cfg.language if cfg.language in LANGUAGES else shown.settings.language
    prefix = root.relative_to(cfg.docs_dir.resolve()).as_posix() + "/"
    files = render_files(shown, lang, cfg, prefix, content_dir, _charts(cfg, log), links)
    outcome: Outcome = write_pages(root, files)
    return org, outcome
