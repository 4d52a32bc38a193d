"""Building a site with the MkDocs Python API, for tests; and reading content independently
of okrsite (plain PyYAML), so tests can compute expected numbers on their own."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from filelock import FileLock
from mkdocs.commands.build import build
from mkdocs.config import load_config


def build_site(config_file: Path, site_dir: Path, today: str = "2026-11-24", *, chart_cache: Path | None = None,
               **overrides) -> Path:
    """Build `config_file` into `site_dir`; `chart_cache` replaces the default chart cache next to
    mkdocs.yml (not one the project names)."""
    cfg = load_config(str(config_file), site_dir=str(site_dir), **overrides)
    cfg.plugins["okrsite"].config.today = dt.date.fromisoformat(today)
    charts = cfg.plugins["okrsite"].config.charts
    if chart_cache is not None and charts.cache_dir == DEFAULT_CHART_CACHE:
        charts.cache_dir = str(chart_cache)
    # as `mkdocs build` does: MkDocs reuses plugin instances across configurations, and the
    # startup event is what tells them which command runs
    cfg.plugins.on_startup(command="build", dirty=False)
    build(cfg)
    return site_dir


SHARED_SITES_ENV = "OKRSITE_TEST_SHARED_SITES"  # set by tests/conftest.py for the whole run, workers included


def shared_site(config_file: Path, today: str = "2026-11-24", **overrides) -> Path:
    """The site of `config_file` built once per test run and shared by every module that asks for the
    same project (same mkdocs.yml, content, templates, today and overrides): the sample and the
    example were each built by four modules. With pytest-xdist the workers share it too: the first
    to ask builds it under a lock, the others wait and read it. Read it; never change it. Charts
    come from the tests' shared chart cache when the project keeps the default cache next to its
    mkdocs.yml (a copy in a temporary folder would otherwise render every chart again)."""
    cfg = load_config(str(config_file), **overrides)
    key = _project_key(Path(config_file), cfg, today, overrides)
    folder = Path(os.environ[SHARED_SITES_ENV]) / key[:32]
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(folder / "lock"):
        if not (folder / "built").is_file():
            shutil.rmtree(folder / "site", ignore_errors=True)  # what a build that failed left
            build_site(Path(config_file), folder / "site", today, chart_cache=CHART_CACHE, **overrides)
            (folder / "built").touch()
    return folder / "site"


def _project_key(config_file: Path, cfg, today: str, overrides: dict) -> str:
    """What a build's output depends on: mkdocs.yml, every file of docs_dir and custom_dir, today, overrides."""
    h = hashlib.sha256(repr((today, sorted(overrides.items(), key=str))).encode())
    h.update(config_file.read_bytes())
    folders = [Path(cfg.docs_dir)] + ([Path(cfg.theme.custom_dir)] if cfg.theme.custom_dir else [])
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content_of(page_soup: BeautifulSoup):
    return page_soup.select_one("article.md-content__inner") or page_soup


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def latest_values(content: Path, period: str, unit: str, on: dt.date) -> dict[str, object]:
    """KR id -> the latest check-in value on or before `on`, read straight from the log files."""
    out: dict[str, tuple[dt.date, object]] = {}
    for path in sorted((content / "logs" / period / unit).glob("*.md")):
        fm = front_matter(path)
        day = fm["date"] if isinstance(fm["date"], dt.date) else dt.date.fromisoformat(str(fm["date"]))
        if day > on:
            continue
        for kr, upd in (fm.get("updates") or {}).items():
            value = upd["value"] if isinstance(upd, dict) else upd
            if kr not in out or out[kr][0] <= day:
                out[kr] = (day, value)
    return {k: v for k, (_, v) in out.items()}


SMALL_MKDOCS = """site_name: {name}
site_url: {site_url}
docs_dir: content
theme: {{name: material, language: {lang}, font: false}}
plugins:
  - okrsite:
      charts: {{cache_dir: {cache}}}
markdown_extensions: [attr_list, md_in_html, tables, admonition]
"""
NAV = "nav: [index.md, periods.md, units.md, people.md, learnings.md, wins.md, retros.md]\n"
CHART_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "okrsite"
DEFAULT_CHART_CACHE = ".cache/okrsite"  # the plugin's default, relative to mkdocs.yml


def small_project(root: Path, name: str, lang: str = "en", site_url: str = "https://okr.example/",
                  cache_dir: Path = CHART_CACHE, nav: bool = True) -> Path:
    """A home page and mkdocs.yml (shared chart cache; okrsite's index pages as the nav, unless not
    `nav`) for content written to root/content; returns the mkdocs.yml."""
    (root / "content" / "index.md").write_text(f"# {name}\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(SMALL_MKDOCS.format(name=name, site_url=site_url, lang=lang, cache=cache_dir) + (NAV if nav else ""),
                      encoding="utf-8")
    return config


def chart_size_mismatches(site: Path) -> tuple[int, list[str]]:
    """(chart images checked, what differs): every chart image a page or a chart's iframe page shows,
    as the page sizes it (`width`/`height` of its <img>), against its SVG file's own size, which
    must also be its drawing's (the viewBox: never scaled to fit)."""
    import xml.etree.ElementTree as ET

    checked, wrong = 0, []
    for html in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for img in soup.select("img.okr-chart__img, #chart > img"):
            svg = (html.parent / img["src"]).resolve()
            if not svg.name.endswith(".svg"):
                continue
            root = ET.parse(svg).getroot()
            shown, own = (img.get("width"), img.get("height")), (root.get("width"), root.get("height"))
            checked += 1
            if shown != own or root.get("viewBox") != f"0 0 {own[0]} {own[1]}":
                wrong.append(f"{html.relative_to(site)} {img['src']}: page {shown}, SVG {own} {root.get('viewBox')}")
    return checked, wrong
