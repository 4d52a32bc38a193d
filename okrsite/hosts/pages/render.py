"""Every file of okrsite's portal as bytes, rendered by the same core the MkDocs plugin calls
(site/pages.py's layout, SiteView, the Jinja templates, charts, feeds): only the wrapping differs.

A page is Markdown with front matter (title, search, template hints) and one raw HTML block as its
body. Markdown builders pass a block-level HTML element through untouched; the body carries no
`markdown="1"` attribute, so `md_in_html` leaves it alone too and contributors' text (already
escaped and sanitized) is never read as Markdown a second time."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import markdown

from ...model.organization import Organization
from ...site import urls
from ...site.feeds import feeds
from ...site.pages import PageSpec, front_matter, layout
from ...site.templates import TEMPLATES, Renderer, environment
from ...site.view import SiteView
from .config import PagesConfig

ASSETS = Path(__file__).resolve().parents[2] / "site" / "assets"
CSS, JS = "assets/okrsite/okrsite.css", "assets/okrsite/okrsite.js"
EXTENSIONS = ["tables", "attr_list", "admonition", "sane_lists", "md_in_html", "fenced_code"]


def _markdown():
    """Prose and check-in bodies as the sample's mkdocs.yml renders them (no toc: parts of a page)."""
    md = markdown.Markdown(extensions=EXTENSIONS)

    def to_html(text: str) -> str:
        md.reset()
        return md.convert(text)

    return to_html


def _env(cfg: PagesConfig) -> jinja2.Environment:
    """okrsite's templates after the site's custom_dir, so its overrides win as under MkDocs."""
    dirs = [str(d) for d in (cfg.custom_dir, TEMPLATES) if d is not None and d.is_dir()]
    return environment(jinja2.FileSystemLoader(dirs))


def _hand_written(content_dir: Path, spec: PageSpec) -> str:
    """The text of the hand-written page a generated page extends (index.md), without its front matter."""
    path = content_dir / spec.src_uri
    if not spec.extends_page or not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        _, _, rest = text[4:].partition("\n---\n")
        text = rest
    return text


_MD_LINK = re.compile(r'(<a\b[^>]*?\bhref=")([^"#?]+\.md)((?:#[^"]*)?")')


def md_links(html: str, src_uri: str, prefix: str, generated: set[str], use_directory_urls: bool,
             here: str) -> str:
    """Links the prose wrote to Markdown files (`[Periods](periods.md)`) as links to their pages, as
    MkDocs rewrites them: the builder sees this HTML as raw and rewrites nothing. A generated page
    lives under `prefix`; a hand-written one (guide/…) at its own place in docs_dir."""
    here = prefix + here

    def rewrite(m: re.Match) -> str:
        href = m.group(2)
        if urlsplit(href).scheme or href.startswith("/"):
            return m.group(0)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), href))
        if target.startswith("../"):
            return m.group(0)
        full = (prefix if target in generated else "") + urls.to_url(target, use_directory_urls)
        return m.group(1) + urls.relative(full, here) + m.group(3)

    return _MD_LINK.sub(rewrite, html)


def render_files(org: Organization, lang: str, cfg: PagesConfig, prefix: str, content_dir: Path,
                 charts=None, links: str = "source") -> dict[str, bytes]:
    """{path inside the page folder: bytes}. `prefix` is the folder's path in the site ("_okrsite/"):
    links are relative, so they resolve under it; absolute ones (embeds, feeds) get it from site_url.
    `charts(view, env)` publishes the charts (None: no charts). `links`: "source" writes each page's
    links relative to its Markdown file, as an author writes them and as Zensical resolves every
    relative link (raw HTML included) before turning it into one from the page's URL; "page" writes
    them relative to the page's URL, for builders that pass raw HTML through untouched."""
    site_url = cfg.site_url.rstrip("/") + "/" + prefix if cfg.site_url else ""
    view = SiteView(org, lang, use_directory_urls=cfg.use_directory_urls, site_url=site_url)
    env = _env(cfg)
    files: dict[str, bytes] = {name: (ASSETS / Path(name).name).read_bytes() for name in (CSS, JS)}
    if charts is not None:
        published = charts(view, env)
        files.update(published.files)
        view = view.with_charts(published)
    files.update(feeds(view))
    to_html = _markdown()
    renderer = Renderer(env, view.with_markdown(to_html))
    specs = layout(org, lang)
    generated = {spec.src_uri for spec in specs}
    for spec in specs:
        here = spec.src_uri if links == "source" else urls.to_url(spec.src_uri, cfg.use_directory_urls)
        prose = md_links(to_html(_hand_written(content_dir, spec) or spec.prose), spec.src_uri, prefix, generated,
                         cfg.use_directory_urls, here)
        edit_url = f"{cfg.edit_base.rstrip('/')}/{spec.source}" if cfg.edit_base and spec.source else None
        body, _ = renderer.render(spec, here, body_html=prose, edit_url=edit_url)
        page = f'{front_matter(spec, hints=True)}\n<div class="okrsite-page">\n{body.strip()}\n</div>\n'
        files[spec.src_uri] = page.encode("utf-8")
    return {k: v if isinstance(v, bytes) else v.encode("utf-8") for k, v in files.items()}
