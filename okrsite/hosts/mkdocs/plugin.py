"""The MkDocs plugin: a thin adapter from MkDocs events to the okrsite core. Every handler states
its priority (MkDocs runs higher first):

- on_startup (0): notes whether this is `mkdocs serve`.
- on_config (0): adds okrsite's templates *after* the theme's and the user's custom_dir (so any of
  them can be overridden), its CSS/JS, and checks that nothing would load from the internet.
- on_files (-50, after other plugins added their files): reads and checks the content once,
  removes the data files (units/, okrs/, logs/, retros/) from the pages and adds the generated
  pages (File.generated, never written into docs_dir) and feeds; starts drawing the charts, which
  worker processes do while MkDocs builds the pages (a chart's size is known before it is
  drawn, charts/specs.py `Chart.size`, so the pages need no drawn chart), and lists their files.
- on_page_content (0): keeps each generated page's rendered prose.
- on_env (100, before other plugins' on_env see the pages): renders each generated page from the
  template its page spec names.
- on_post_page (-100, last: sees what every plugin added): the page-level offline check; a
  generated page's body is let go once its output is made.
- on_post_build (100, before other plugins' on_post_build see the site): waits for the charts and
  writes their files into site_dir, those that repeat another's bytes (aliases' images) as hard
  links to it.
- on_build_error (0): a build that failed stops drawing its charts.
- on_serve (0): watches the content directory when it lies outside docs_dir.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ...diagnostics.diagnostic import Severity
from ...diagnostics.formats import render_text
from ...model.organization import Organization
from ...model.visibility import DEFAULT, TIERS, for_audience
from ...resolve.pipeline import load_organization
from ...site.feeds import feeds
from ...site.offline import asset_problems, remote_loads
from ...site.pages import PageSpec, front_matter, layout
from ...site.shadows import generated_outputs, shadow_problems
from ...site.templates import TEMPLATES, Renderer, environment, shared_bytecode_cache
from ...site.view import SiteView
from ...source.parse_cache import ParseCache
from ...source.paths import CONFIG_FILE, DATA_DIRS
from ...text.i18n import LANGUAGES
from .links import refuse_links

if TYPE_CHECKING:  # the charts are imported when a build has some (_add_charts)
    import jinja2

    from ...charts.publish import ChartPlan
    from ...charts.render import Rendering

log = logging.getLogger("mkdocs.plugins.okrsite")
ASSETS = Path(__file__).resolve().parents[2] / "site" / "assets"
CSS, JS = "assets/okrsite/okrsite.css", "assets/okrsite/okrsite.js"


def parse_today(value: object) -> dt.date:
    """`today` as YAML gives it (a date) or as text (YYYY-MM-DD, e.g. from $OKRSITE_TODAY)."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"today must be YYYY-MM-DD, got {value!r}") from None


class Today(c.BaseConfigOption[dt.date]):
    """The day the site is built as of (reproducible builds)."""

    def run_validation(self, value: object) -> dt.date:
        try:
            return parse_today(value)
        except ValueError as exc:
            raise c.ValidationError(str(exc)) from None


class ChartsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/okrsite")  # relative to mkdocs.yml
    font_dir = c.Optional(c.Type(str))  # a directory holding a Japanese font (else the system's)
    interactive = c.Type(bool, default=True)  # iframe pages get tooltips from the site's own Vega bundle
    jobs = c.Optional(c.Type(int))  # processes rendering charts (default: all cores)
    png = c.Choice(("none", "current", "all"), default="none")  # PNGs for wikis without SVG (docs/charts.md)
    dark_files = c.Type(bool, default=False)  # also <id>.dark.svg (light text) for wikis that need a fixed dark file
    progress = c.Optional(c.Type(bool))  # charts n/N while rendering (default: on a terminal, never in CI)


class OkrsiteConfig(base.Config):
    enabled = c.Type(bool, default=True)
    charts = c.SubConfig(ChartsConfig)
    content = c.Optional(c.Type(str))  # default: docs_dir
    today = c.Optional(Today())  # default: $OKRSITE_TODAY, else the real today
    settings = c.Type(dict, default={})  # overrides okrsite.yml key by key (checked with it: OKR008 …)
    offline = c.Choice(("strict", "warn", "off"), default="strict")
    audience = c.Choice(TIERS, default=DEFAULT)  # the one audience this build is for (docs/audiences.md)
    trust_html = c.Type(bool, default=False)  # prose keeps any HTML (scripts too): docs/site.md, "Security"


class OkrsitePlugin(BasePlugin[OkrsiteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.org: Organization | None = None
        self.pages: dict[str, PageSpec] = {}
        self.rendered: list[tuple[Page, str]] = []
        self.view: SiteView | None = None
        self.lang = "ja"
        self.chart_renderer = None  # the last build's ChartRenderer (its counters)
        self.charts: _ChartJob | None = None  # this build's charts, being drawn: written in on_post_build

    # --- set-up -------------------------------------------------------------------------------
    @event_priority(0)
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    @event_priority(0)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.content_dir = self._content_dir(config)
        refuse_links(Path(config.docs_dir), self.content_dir)  # before MkDocs follows them (OKR022)
        # the usual set-up: the content is the docs_dir, and okrsite takes its data files out of the pages
        self.content_is_docs = self.content_dir == Path(config.docs_dir).resolve()
        config.theme.dirs.append(str(TEMPLATES))  # after custom_dir and the theme: theirs win
        for name, target in ((CSS, config.extra_css), (JS, config.extra_javascript)):
            if name not in [str(x) for x in target]:
                target.append(name)
        language = str(config.theme.get("language") or "")
        self.lang = language if language in LANGUAGES else ""
        assets = [str(getattr(item, "path", item)) for item in [*config.extra_css, *config.extra_javascript]]
        google_fonts = config.theme.name == "material" and config.theme.get("font") is not False
        self._offline(asset_problems(assets, google_fonts))
        for problem in site_problems(config):
            log.warning(f"okrsite: {problem}")
        return config

    def _content_dir(self, config: MkDocsConfig) -> Path:
        content_dir = Path(self.config.content or config.docs_dir)
        if not content_dir.is_absolute():
            content_dir = Path(config.config_file_path or ".").resolve().parent / content_dir
        if not content_dir.is_dir():
            raise PluginError(f"okrsite: content directory {content_dir} does not exist")
        return content_dir.resolve()

    def _offline(self, problems: list[str]) -> None:
        """An intranet site must not fetch anything from the internet: stop (strict) or warn."""
        if self.config.offline == "off":
            return
        for problem in problems:
            if self.config.offline == "strict":
                raise PluginError(f"okrsite (offline: strict): {problem}")
            log.warning(f"okrsite: {problem}")

    def _today(self) -> dt.date:
        value = self.config.today or os.environ.get("OKRSITE_TODAY")
        if not value:
            return dt.date.today()
        try:
            return parse_today(value)
        except ValueError as exc:
            raise PluginError(f"okrsite: {exc}") from None

    # --- content -----------------------------------------------------------------------------------
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        # the check's per-file cache: a build, like a check, parses only the files that changed
        self.org = org = load_organization(self.content_dir, self._today(), self.config.settings,
                                           cache=ParseCache.for_content(self.content_dir))
        self._report(org)
        org = for_audience(org, self.config.audience)  # every page, chart and feed: only what it may read
        if not self.lang:
            self.lang = org.settings.language
        self._remove_data_files(files)
        self._remove_page_folders(files, config)
        self._refuse_shadows(files, config)
        self._offline(_static_remote_loads(files))
        self.pages = {}
        self.rendered = []
        # MkDocs reuses a plugin across builds: nothing of the last build's charts may reach this one
        self._cancel_charts()
        for spec in layout(org, self.lang):
            self.pages[spec.src_uri] = spec
            self._add_page(files, config, spec)
        for name in (CSS, JS):
            if (existing := files.get_file_from_path(name)) is not None:
                files.remove(existing)  # reported as OKR023 above: okrsite's own script and styles win
            files.append(File.generated(config, name, abs_src_path=str(ASSETS / Path(name).name)))
        self.view = SiteView(org, self.lang, use_directory_urls=config.use_directory_urls,
                             site_url=config.site_url or "", trust_html=self.config.trust_html)
        if self.config.charts.enabled:
            self._add_charts(files, config)
        for path, data in feeds(self.view).items():
            if (existing := files.get_file_from_path(path)) is not None:
                files.remove(existing)  # reported as OKR023
            files.append(File.generated(config, path, content=data))
        return files

    def _report(self, org: Organization) -> None:
        """Errors stop a build (and are shown on every page while serving); warnings are counted."""
        errors = [d for d in org.diagnostics if d.severity is Severity.ERROR]
        if errors:
            report = render_text(org.diagnostics, org.files_checked, color=False)
            if not self.is_serve:
                raise PluginError(f"okrsite: the OKR content has errors (run `okrsite check`):\n{report}")
            log.error("okrsite: the OKR content has errors; the site is incomplete:\n" + report)
        elif org.diagnostics:
            log.info(f"okrsite: {len(org.diagnostics)} warning(s) in the OKR content; run `okrsite check` to see them")

    def _refuse_shadows(self, files: Files, config: MkDocsConfig) -> None:
        """A file of the docs that would take the place of okrsite's pages, feeds, script or styles is an
        error naming both (OKR023, site/shadows.py): it stops a build, and is logged while serving."""
        generated = generated_outputs(self.org, self.lang, config.use_directory_urls)
        self._shadowed(shadow_problems(generated, [(f.dest_uri, f.src_uri) for f in files if f.generated_by is None]))

    def _shadowed(self, problems: list) -> None:
        if problems and not self.is_serve:
            raise PluginError("okrsite: files of the site would replace okrsite's own:\n"
                              + render_text(problems, len(problems), color=False))
        for problem in problems:
            log.error(f"okrsite: {problem.message}")

    def _add_page(self, files: Files, config: MkDocsConfig, spec: PageSpec) -> None:
        existing = files.get_file_from_path(spec.src_uri)
        if existing is not None and spec.extends_page:
            return  # a hand-written page: its text is the prose, the generated body follows it
        if existing is not None:
            files.remove(existing)
        inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, spec.src_uri, content=front_matter(spec) + spec.prose, inclusion=inclusion)
        if spec.source is not None:
            file.edit_uri = spec.source if self.content_is_docs else None
        files.append(file)

    def _add_charts(self, files: Files, config: MkDocsConfig) -> None:
        """Start drawing every distinct chart spec once (cached, on all cores), and list the files
        each publishes at stable paths (SVG, Vega-Lite JSON, iframe page, badge and, where
        configured, PNGs): on_post_build writes them once drawn."""
        from ...charts.cache_trust import refusal
        from ...charts.fonts import font_dir_or_none
        from ...charts.progress import TerminalProgress
        from ...charts.progress import wanted as progress_wanted
        from ...charts.publish import plan
        from ...charts.render import ChartFontMissing, ChartRenderer

        opts = self.config.charts
        base_dir = Path(config.config_file_path or ".").resolve().parent
        try:
            font_dir = font_dir_or_none(opts.font_dir and str(base_dir / opts.font_dir))
        except FileNotFoundError as exc:
            raise PluginError(f"okrsite: {exc}") from None
        cache_dir = base_dir / opts.cache_dir if opts.cache_dir else None
        renderer = ChartRenderer(cache_dir, font_dir, opts.jobs,
                                 progress=TerminalProgress() if progress_wanted(opts.progress) else None)
        if renderer.refused:
            log.warning(refusal(cache_dir, renderer.refused))
        options = {"interactive": opts.interactive, "page_url": self.view.links.site_path,
                   "dark_files": opts.dark_files}
        charts = plan(self.view, png=opts.png, **options)
        try:
            rendering = charts.start(renderer)
        except ChartFontMissing as exc:
            # a pip user without a Japanese font: the site's SVG charts are drawn by the browser, so
            # build without PNGs (never with boxes) rather than fail, and say so once (docs/charts.md)
            log.info(f"okrsite: PNG charts skipped (SVG charts are published): {exc}")
            charts = plan(self.view, png="none", **options)
            rendering = charts.start(renderer)
        self.chart_renderer = renderer  # its counters, for tests and bench/
        self.charts = _ChartJob(charts, rendering, environment(config.theme.get_env().loader))
        self._shadowed(shadow_problems({path: path for path in charts.paths},
                                       [(f.dest_uri, f.src_uri) for f in files if f.generated_by is None]))
        site_dir = config.site_dir
        for path in sorted(charts.paths):
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(_DrawnLater.generated(config, path, abs_src_path=os.path.join(site_dir, path)))
        self.view = self.view.with_charts(charts)

    def _cancel_charts(self) -> None:
        if self.charts is not None:
            self.charts.rendering.cancel()
            self.charts = None

    def _remove_data_files(self, files: Files) -> None:
        """Data files are read by okrsite, not published as pages (and okrsite.yml not at all)."""
        if not self.content_is_docs:
            return
        for file in list(files):
            top = file.src_uri.split("/", 1)[0]
            if (top in DATA_DIRS and "/" in file.src_uri) or file.src_uri == CONFIG_FILE:
                files.remove(file)

    def _remove_page_folders(self, files: Files, config: MkDocsConfig) -> None:
        """A folder `okrsite pages` wrote for Zensical (docs/platforms.md) is not published: this build
        makes the same pages itself."""
        from ..pages.folder import page_folders

        found = page_folders(Path(config.docs_dir), [f.src_uri for f in files if f.generated_by is None])
        for file in [f for f in files if any(f.src_uri.startswith(d + "/") for d in found)]:
            files.remove(file)
        for folder in found:
            log.info(f"okrsite: {folder}/ was written by `okrsite pages` (for Zensical); left out of this build, "
                     "which makes okrsite's pages itself")

    # --- rendering ------------------------------------------------------------------------------------
    @event_priority(0)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Remember generated pages and their rendered prose; their bodies are made at on_env."""
        if self.config.enabled and page.file.src_uri in self.pages:
            self.rendered.append((page, html))
        return html

    @event_priority(100)
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Render every generated page's body. At on_env all pages exist (links resolve), and the
        theme's template loader is known, so a site's custom_dir overrides okrsite's templates."""
        if not self.config.enabled or self.org is None:
            return env
        if env.bytecode_cache is None:  # the theme's templates too are compiled once, not per build
            env.bytecode_cache = shared_bytecode_cache()
        renderer = Renderer(environment(env.loader), self.view.with_markdown(_part_renderer(config)))
        errors = [d for d in self.org.diagnostics if d.severity is Severity.ERROR]
        banner = renderer.render_template("okrsite/errors.html", okr=renderer.view, errors=errors) if errors else ""
        for page, prose in self.rendered:
            spec = self.pages[page.file.src_uri]
            body, toc = renderer.render(spec, page.url, body_html=prose, edit_url=page.edit_url)
            page.toc = get_toc(_extended(_toc_tokens(page.toc), toc) if spec.extends_page else toc)
            page.content = banner + body
        self.rendered = []
        return env

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.config.enabled:
            self._offline([f"{page.file.src_uri} loads {url} from the internet" for url in remote_loads(output)[:1]])
            if page.file.src_uri in self.pages:
                # MkDocs keeps every page's body until the build ends; a generated page's is in
                # `output` now (written next) and read by nothing after: at 2,000 units × 4 periods
                # the bodies were a tenth of the build's peak memory (issue 15, figure 6)
                page.content = None
                page.markdown = None
        return output

    @event_priority(100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the charts' files, those that need no drawing first, then wait for the drawing and
        write the images; a file that repeats another's bytes (an alias's images) is a hard link to
        it (a copy where links fail: source/hardlinks.py)."""
        if not self.config.enabled or self.charts is None:
            return
        from ...charts.publish import chart_files
        from ...source.hardlinks import write_once

        job, renderer = self.charts, self.chart_renderer
        self.charts = None
        # the files that need no drawing are written while the last charts are drawn
        write_once(Path(config.site_dir), chart_files(job.plan, job.rendering.result, job.env, renderer.cache_dir))
        log.info(f"okrsite: {len(job.plan.charts)} charts from {renderer.distinct} distinct specs "
                 f"({renderer.rendered} rendered, {renderer.hits} from the cache)")

    @event_priority(0)
    def on_build_error(self, *, error: Exception) -> None:
        self._cancel_charts()

    @event_priority(0)
    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.config.enabled and not self.content_is_docs:
            server.watch(str(self.content_dir))
        return server


class _DrawnLater(File):
    """A chart file: listed at on_files (links to it resolve, other plugins see it), written by the
    plugin's on_post_build once its chart is drawn, so MkDocs does not copy it."""

    def copy_file(self, dirty: bool = False) -> None:
        return None


@dataclass
class _ChartJob:
    """A build's charts between on_files and on_post_build."""

    plan: ChartPlan
    rendering: Rendering
    env: jinja2.Environment  # loads okrsite/embed.html


def site_problems(config: MkDocsConfig) -> list[str]:
    """What silently breaks a company's site without stopping the build (warnings: --strict fails on them)."""
    problems = []
    if not config.site_url:
        problems.append("mkdocs.yml has no `site_url`: wiki embed snippets become relative paths that work "
                        "nowhere else, and the Atom feeds' links are broken; set it to the portal's address")
    if not config.nav:
        problems.append("mkdocs.yml has no `nav`: the sidebar lists every page sorted by file name; list okrsite's "
                        "index pages (index.md, periods.md, units.md, people.md, learnings.md, wins.md, retros.md) "
                        "as `okrsite init` does (docs/site.md)")
    return problems


def _static_remote_loads(files: Files) -> list[str]:
    """What the hand-written HTML and SVG files of docs_dir, copied as they are, load from other hosts:
    no page event runs for them, so on_post_page never sees them."""
    problems = []
    for file in files:
        if file.generated_by is None and Path(file.src_uri).suffix.lower() in (".html", ".htm", ".svg"):
            text = Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace")
            problems += [f"{file.src_uri} loads {url} from the internet" for url in remote_loads(text)[:1]]
    return problems


def _part_renderer(config: MkDocsConfig):
    """Markdown for check-in bodies with the site's extensions: they are parts of a page, not pages,
    so no table of contents and no heading ids (several check-ins with a 学び heading would repeat
    the same id)."""
    import markdown

    extensions = [e for e in config.markdown_extensions if e != "toc" and type(e).__name__ != "TocExtension"]
    md = markdown.Markdown(extensions=extensions,
                           extension_configs={k: v for k, v in config.mdx_configs.items() if k != "toc"})

    def to_html(text: str) -> str:
        md.reset()
        return md.convert(text)

    return to_html


def _toc_tokens(toc) -> list[dict]:
    """A page's existing table of contents as tokens (to extend it)."""

    def token(link) -> dict:
        return {"level": link.level, "id": link.id, "name": link.title,
                "children": [token(c) for c in link.children]}

    return [token(link) for link in toc]


def _extended(tokens: list[dict], sections: list[dict]) -> list[dict]:
    """A hand-written page's contents followed by the generated sections; under its title when it
    has one (the theme lists a page title's children as the page's contents)."""
    if tokens and tokens[0]["level"] == 1:
        return [{**tokens[0], "children": [*tokens[0]["children"], *sections]}, *tokens[1:]]
    return [*tokens, *sections]


