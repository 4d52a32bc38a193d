"""The MkDocs plugin: a thin adapter from MkDocs events to the okrsite core.

- on_config (priority 0): adds okrsite's templates *after* the theme's and the user's
  custom_dir (so any of them can be overridden), its CSS/JS, and checks that nothing would
  load from the internet.
- on_files (priority -50, after other plugins added their files): reads and checks the
  content once, removes the data files (units/, okrs/, logs/, retros/) from the pages and
  adds the generated pages with File.generated (never written into docs_dir).
- on_env: prepares the renderer over the theme's template search path.
- on_page_content: renders each generated page's body from its template.
- on_serve: watches the content directory when it lies outside docs_dir.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from pathlib import Path

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
from ...resolve.pipeline import load_organization
from ...site.feeds import feeds
from ...site.pages import PageSpec, layout
from ...site.templates import TEMPLATES, Renderer, environment
from ...site.urls import to_url
from ...site.view import SiteView
from ...source.paths import CONFIG_FILE, DATA_DIRS
from ...text.escape import html_text
from ...text.i18n import LANGUAGES, label

log = logging.getLogger("mkdocs.plugins.okrsite")
ASSETS = Path(__file__).resolve().parents[2] / "site" / "assets"
CSS, JS = "assets/okrsite/okrsite.css", "assets/okrsite/okrsite.js"
# what would make a browser fetch from another host (links to other hosts are fine; so are canonical
# and alternate <link>s, which nothing fetches)
EXTERNAL = re.compile(r"""<(?:script|img|iframe|source|embed|object|link(?![^>]*\brel=["']?(?:canonical|alternate)))"""
                      r"""\b[^>]*\b(?:src|href|data)=["']((?:https?:)?//[^"']+)""", re.I)


class ChartsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/okrsite")  # relative to mkdocs.yml
    font_dir = c.Optional(c.Type(str))  # a directory holding a Japanese font (else the system's)
    interactive = c.Type(bool, default=True)  # iframe pages get tooltips from the site's own Vega bundle
    jobs = c.Optional(c.Type(int))  # processes rendering charts (default: all cores)


class OkrsiteConfig(base.Config):
    enabled = c.Type(bool, default=True)
    charts = c.SubConfig(ChartsConfig)
    content = c.Optional(c.Type(str))  # default: docs_dir
    today = c.Optional(c.Type(str))  # YYYY-MM-DD; also $OKRSITE_TODAY (reproducible builds)
    settings = c.Type(dict, default={})  # overrides okrsite.yml key by key
    offline = c.Choice(("strict", "warn", "off"), default="strict")


class OkrsitePlugin(BasePlugin[OkrsiteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.org: Organization | None = None
        self.pages: dict[str, PageSpec] = {}
        self.rendered: list[tuple[Page, str]] = []
        self.view: SiteView | None = None
        self.lang = "ja"

    # --- set-up -------------------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.content_dir = Path(self.config.content or config.docs_dir)
        if not self.content_dir.is_absolute():
            self.content_dir = Path(config.config_file_path or ".").resolve().parent / self.content_dir
        if not self.content_dir.is_dir():
            raise PluginError(f"okrsite: content directory {self.content_dir} does not exist")
        self.content_dir = self.content_dir.resolve()
        # the usual set-up: the content is the docs_dir, and okrsite takes its data files out of the pages
        self.content_is_docs = self.content_dir == Path(config.docs_dir).resolve()
        config.theme.dirs.append(str(TEMPLATES))  # after custom_dir and the theme: theirs win
        for name, target in ((CSS, config.extra_css), (JS, config.extra_javascript)):
            if name not in [str(x) for x in target]:
                target.append(name)
        language = str(config.theme.get("language") or "")
        self.lang = language if language in LANGUAGES else ""
        self._check_offline(config)
        return config

    def _check_offline(self, config: MkDocsConfig) -> None:
        """An intranet site must not fetch anything from the internet."""
        if self.config.offline == "off":
            return
        problems = []
        if config.theme.name == "material" and config.theme.get("font") is not False:
            problems.append("theme.font loads Google Fonts: set `theme: font: false`")
        for item in [*config.extra_css, *config.extra_javascript]:
            path = str(getattr(item, "path", item))
            if re.match(r"^(https?:)?//", path):
                problems.append(f"extra asset {path} is loaded from the internet")
        for problem in problems:
            if self.config.offline == "strict":
                raise PluginError(f"okrsite (offline: strict): {problem}")
            log.warning(f"okrsite: {problem}")

    def _today(self) -> dt.date:
        text = self.config.today or os.environ.get("OKRSITE_TODAY")
        if not text:
            return dt.date.today()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise PluginError(f"okrsite: today must be YYYY-MM-DD, got {text!r}") from None

    # --- content -----------------------------------------------------------------------------------
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        org = load_organization(self.content_dir, self._today(), self.config.settings)
        self.org = org
        errors = [d for d in org.diagnostics if d.severity is Severity.ERROR]
        warnings = len(org.diagnostics) - len(errors)
        if errors:
            report = render_text(org.diagnostics, org.files_checked, color=False)
            if not self.is_serve:
                raise PluginError(f"okrsite: the OKR content has errors (run `okrsite check`):\n{report}")
            log.error("okrsite: the OKR content has errors; the site is incomplete:\n" + report)
        elif warnings:
            log.info(f"okrsite: {warnings} warning(s) in the OKR content; run `okrsite check` to see them")
        if not self.lang:
            self.lang = org.settings.language
        self._remove_data_files(files, config)
        self.pages = {}
        self.rendered = []
        for spec in layout(org, self.lang):
            self.pages[spec.src_uri] = spec
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None and spec.kind == "dashboard":
                continue  # a hand-written home page: the dashboard is added below its text
            if existing is not None:
                files.remove(existing)
            # MkDocs themes put the title into the page unescaped (<title>, <h1>): it holds names teams wrote
            front = f"---\ntitle: {_yaml_str(html_text(spec.title))}\n" + ("" if spec.search else "search:\n  exclude: true\n") + "---\n"
            body = _body_markdown(spec, org)
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, spec.src_uri, content=front + body, inclusion=inclusion)
            if spec.source is not None and self.content_is_docs:
                file.edit_uri = spec.source
            elif spec.source is not None:
                file.edit_uri = None
            files.append(file)
        for name in (CSS, JS):
            if files.get_file_from_path(name) is None:
                files.append(File.generated(config, name, abs_src_path=str(ASSETS / Path(name).name)))
        self.view = SiteView(org, self.lang, use_directory_urls=config.use_directory_urls)
        self.view.site_url = config.site_url or ""
        if self.config.charts.enabled:
            self._add_charts(files, config)
        for path, data in feeds(self.view).items():
            files.append(File.generated(config, path, content=data))
        return files

    def _add_charts(self, files: Files, config: MkDocsConfig) -> None:
        """Render every chart (cached, on all cores) and publish its SVG, PNG, Vega-Lite JSON,
        iframe page and badge at stable paths."""
        from ...charts.fonts import font_dir_or_none
        from ...charts.publish import publish
        from ...charts.render import ChartFontMissing, ChartRenderer

        opts = self.config.charts
        base_dir = Path(config.config_file_path or ".").resolve().parent
        try:
            font_dir = font_dir_or_none(opts.font_dir and str(base_dir / opts.font_dir))
        except FileNotFoundError as exc:
            raise PluginError(f"okrsite: {exc}") from None
        cache_dir = base_dir / opts.cache_dir if opts.cache_dir else None
        renderer = ChartRenderer(cache_dir, font_dir, opts.jobs)
        try:
            published = publish(self.view, renderer, environment(config.theme.get_env().loader),
                                interactive=opts.interactive, page_url=lambda t: to_url(self.view.uri(t), config.use_directory_urls))
        except ChartFontMissing as exc:
            raise PluginError(f"okrsite: {exc}") from None
        log.info(f"okrsite: {len(published.charts)} charts ({renderer.rendered} rendered, the rest from the cache)")
        for path, data in sorted(published.files.items()):
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=data))
        self.view.published = published

    def _remove_data_files(self, files: Files, config: MkDocsConfig) -> None:
        """Data files are read by okrsite, not published as pages (and okrsite.yml not at all)."""
        if not self.content_is_docs:
            return
        for file in list(files):
            top = file.src_uri.split("/", 1)[0]
            if (top in DATA_DIRS and "/" in file.src_uri) or file.src_uri == CONFIG_FILE:
                files.remove(file)

    # --- rendering ------------------------------------------------------------------------------------
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Remember generated pages and their rendered prose; their bodies are made at on_env."""
        if self.config.enabled and page.file.src_uri in self.pages:
            self.rendered.append((page, html))
        return html

    @event_priority(100)
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Render every generated page's body. At on_env all pages exist (links resolve), and the
        theme's template loader is known, so a site's custom_dir overrides okrsite's templates.

        Priority: 100 (early), so that other plugins' on_env see the final page contents."""
        if not self.config.enabled or self.org is None:
            return env
        import markdown

        # check-in bodies are parts of a page, not pages: no table of contents, no heading ids
        # (several check-ins with a 学び heading would repeat the same id)
        extensions = [e for e in config.markdown_extensions if e != "toc" and type(e).__name__ != "TocExtension"]
        md = markdown.Markdown(extensions=extensions,
                               extension_configs={k: v for k, v in config.mdx_configs.items() if k != "toc"})

        def to_html(text: str) -> str:
            md.reset()
            return md.convert(text)

        view = self.view
        view.markdown_fn = to_html
        renderer = Renderer(environment(env.loader), view)
        banner = self._error_banner()
        for page, html in self.rendered:
            spec = self.pages[page.file.src_uri]
            body, toc = renderer.render(spec, page.url, body_html=html if spec.kind != "dashboard" else "",
                                        edit_url=page.edit_url)
            if spec.kind == "dashboard":
                body = html + body  # a hand-written home page's own text comes first
                page.toc = get_toc([*_toc_tokens(page.toc), *toc])
            else:
                page.toc = get_toc(toc)
            page.content = banner + body
        self.rendered = []
        return env

    def _error_banner(self) -> str:
        """While serving, pages say that the content has errors instead of silently lacking parts."""
        if self.org is None or not any(d.severity is Severity.ERROR for d in self.org.diagnostics):
            return ""
        items = "".join(f"<li><code>{html_text(str(d.location))}</code> {html_text(d.code)}: {html_text(d.message)}</li>"
                        for d in self.org.diagnostics if d.severity is Severity.ERROR)
        lang = self.lang or "ja"
        return (f'<div class="admonition failure okr-errors"><p class="admonition-title">'
                f'{html_text(label("validation_errors", lang))}</p><p>{html_text(label("validation_errors_hint", lang))}</p>'
                f"<ul>{items}</ul></div>")

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return output
        if self.config.offline == "off":
            return output
        found = EXTERNAL.findall(output)
        if found:
            message = f"okrsite: {page.file.src_uri} loads {found[0]} from the internet"
            if self.config.offline == "strict":
                raise PluginError(message + " (offline: strict)")
            log.warning(message)
        return output

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.config.enabled and not self.content_is_docs:
            server.watch(str(self.content_dir))
        return server


def _toc_tokens(toc) -> list[dict]:
    """A page's existing table of contents as tokens (to extend it)."""

    def token(link) -> dict:
        return {"level": link.level, "id": link.id, "name": link.title,
                "children": [token(c) for c in link.children]}

    return [token(link) for link in toc]


def _yaml_str(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _body_markdown(spec: PageSpec, org: Organization) -> str:
    """The Markdown MkDocs renders for a generated page: the prose the team wrote."""
    obj = spec.obj
    if spec.kind == "objective":
        return obj.body + "\n"
    if spec.kind == "unit":
        return obj.mission + "\n"
    if spec.kind == "retro_unit":
        retro = org.retro_of(*obj)
        return (retro.body + "\n") if retro else ""
    return ""
