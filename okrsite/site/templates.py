"""Rendering page bodies with Jinja templates, looked up through the theme's search path so a
site's own `custom_dir` can override any of them (`okrsite/<kind>.html`, `okrsite/macros.html`)."""

from __future__ import annotations

import html as htmllib
import re
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


class _Compiled(jinja2.BytecodeCache):
    """Templates compiled once, shared by every environment `environment()` makes (a build makes
    two: charts and pages) and by the builds after it: compiling okrsite's templates and the
    theme's took 0.56 s of a 12 s warm build at 200 units, a fifth of one at 20 (issue 15).

    Kept in memory, and on disk in the user's cache home (`templates/`, cachedirs.py): bytecode
    is code, so never in the repository, and not at all when that folder could have been written
    by someone else. Jinja checks each entry against its template's source and its own version,
    so an edited template or a site's own override is compiled anew."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}
        self._disk: jinja2.FileSystemBytecodeCache | None | bool = False  # False: not looked for yet

    def disk(self) -> jinja2.FileSystemBytecodeCache | None:
        if self._disk is False:
            from ..cachedirs import private_folder

            folder = private_folder("templates")
            self._disk = jinja2.FileSystemBytecodeCache(str(folder)) if folder is not None else None
        return self._disk

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (data := self.store.get(bucket.key)) is not None:
            bucket.bytecode_from_string(data)
            return
        disk = self.disk()
        if disk is not None:
            disk.load_bytecode(bucket)
            if bucket.code is not None:
                self.store[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
        disk = self.disk()
        if disk is not None:
            try:
                disk.dump_bytecode(bucket)
            except OSError:  # a full or read-only disk: compiled again next time
                pass


_COMPILED = _Compiled()


def shared_bytecode_cache() -> jinja2.BytecodeCache:
    """The compiled-template cache okrsite's environments use, for a host's own (the theme's)."""
    return _COMPILED


def environment(loader: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    """An autoescaping environment: OKR text comes from many hands and must never become markup.
    Every one has the same options, so they share compiled templates (`_Compiled`)."""
    env = jinja2.Environment(loader=loader or jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
                             bytecode_cache=_COMPILED)
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
