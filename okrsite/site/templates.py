"""Rendering page bodies with Jinja templates, looked up through the theme's search path so a
site's own `custom_dir` can override any of them (`okrsite/<kind>.html`, `okrsite/macros.html`)."""

from __future__ import annotations

import hashlib
import html as htmllib
import os
import re
import sys
from pathlib import Path

import jinja2
import jinja2.bccache

from ..text.escape import html_text, markup
from .pages import PageSpec
from .view import SiteView

TEMPLATES = Path(__file__).resolve().parent / "templates"
_HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")
_PROSE = "<!--okrsite:prose-->"  # where the prose goes, until the template's sections are read


_OPTIONS = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": False}


class _Compiled(jinja2.BytecodeCache):
    """Templates compiled once per process, shared by every environment `environment()` makes (a
    build makes two: charts and pages; compiling okrsite's templates costs about 0.3 s each time),
    and kept between builds in okrsite's cache folder once `keep_compiled` names it. Jinja checks
    each entry against its template's source, so an edited template or a site's own override
    (another file, another source) is compiled anew; the folder is named by what else the code
    depends on (Python, Jinja, the environments' options)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}
        self.folder: Path | None = None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is None and self.folder is not None:
            try:
                data = self.store[bucket.key] = (self.folder / bucket.key).read_bytes()
            except OSError:
                return
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = data = bucket.bytecode_to_string()
        if self.folder is not None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                partial = self.folder / f"{bucket.key}.{os.getpid()}.tmp"
                partial.write_bytes(data)
                partial.replace(self.folder / bucket.key)  # whole or not at all, for parallel builds
            except OSError:
                pass  # a read-only cache: compiled again next time


_COMPILED = _Compiled()


def keep_compiled(cache_dir: Path | None) -> None:
    """Keep compiled templates under `cache_dir` (okrsite's cache folder) between builds; None: in
    memory only."""
    if cache_dir is None:
        _COMPILED.folder = None
        return
    depends = repr((sys.version, jinja2.__version__, sorted(_OPTIONS.items()))).encode()
    _COMPILED.folder = cache_dir / f"templates-{hashlib.sha256(depends).hexdigest()[:16]}"


def environment(loader: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    """An autoescaping environment: OKR text comes from many hands and must never become markup.
    Every one has the same options, so they share compiled templates (`_Compiled`)."""
    env = jinja2.Environment(loader=loader or jinja2.FileSystemLoader(str(TEMPLATES)), bytecode_cache=_COMPILED,
                             **_OPTIONS)
    return env


def table_of_contents(html: str) -> list[dict]:
    """The h2 sections of a page body, as MkDocs toc tokens."""
    # MkDocs themes print a table of contents' names as HTML: the heading's text, escaped again
    return [{"level": 2, "id": m.group(1), "name": html_text(htmllib.unescape(_TAG.sub("", m.group(2))).strip()),
             "children": []} for m in _HEADING.finditer(html)]


class Renderer:
    """Renders page specs with one build's view; each page gets the view of its own URL."""

    def __init__(self, env: jinja2.Environment, view: SiteView) -> None:
        self.env = env
        self.view = view

    def render(self, spec: PageSpec, page_url: str, body_html: str = "",
               edit_url: str | None = None) -> tuple[str, list[dict]]:
        """The page's HTML (the prose `body_html` where the template puts `body`) and its table of
        contents (the template's h2 sections)."""
        html = self.render_template(spec.template, okr=self.view.at(page_url), page=spec, obj=spec.obj,
                                    body=markup(_PROSE), edit_url=edit_url)
        # the contents are the template's own sections: the prose's are the host's to keep or not
        return html.replace(_PROSE, self.view.clean(body_html)), table_of_contents(html)

    def render_template(self, name: str, **context) -> str:
        return self.env.get_template(name).render(**context)
