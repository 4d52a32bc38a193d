"""Rendering page bodies with Jinja templates, looked up through the theme's search path so a
site's own `custom_dir` can override any of them (`okrsite/<kind>.html`, `okrsite/macros.html`)."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import jinja2

from ..text.escape import html_text, markup
from ..text.sanitize import clean_html
from .pages import PageSpec
from .view import SiteView

TEMPLATES = Path(__file__).resolve().parent / "templates"
_HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")


def environment(loader: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    """An autoescaping environment: OKR text comes from many hands and must never become markup."""
    env = jinja2.Environment(loader=loader or jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    return env


class Renderer:
    def __init__(self, env: jinja2.Environment, view: SiteView) -> None:
        self.env = env
        self.view = view

    def render(self, spec: PageSpec, page_url: str, body_html: str = "",
               edit_url: str | None = None) -> tuple[str, list[dict]]:
        """The page's HTML and its table of contents (the h2 sections)."""
        self.view.here = page_url
        template = self.env.get_template(f"okrsite/{spec.kind}.html")
        html = template.render(okr=self.view, page=spec, obj=spec.obj, body=markup(clean_html(body_html)),
                               edit_url=edit_url)
        # MkDocs themes print a table of contents' names as HTML: the heading's text, escaped again
        toc = [{"level": 2, "id": m.group(1), "name": html_text(htmllib.unescape(_TAG.sub("", m.group(2))).strip()),
                "children": []} for m in _HEADING.finditer(html)]
        return html, toc
