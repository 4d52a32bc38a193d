"""Inline Markdown in titles (objectives, KRs, initiatives, steps): one parser, two renderings.

`inline_html` for pages: code spans, emphasis (`*x*`, `_x_`, `**x**`) and links whose URL is
http, https, mailto or relative become <code>, <em>, <strong> and <a>; everything else,
raw HTML included, is escaped text. `inline_plain` for charts, feeds, badges, exports and page
titles: the same constructs with their markers removed, never raw Markdown.

Titles are contributors' text, so the HTML is built from escaped pieces by a whitelist of
constructs (it cannot become other markup) rather than by a Markdown engine and a cleaner.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .escape import html_text
from .sanitize import clean_html

_TOKEN = re.compile(
    r"(?P<esc>\\(?P<esc_ch>[\\`*_\[\]()]))"
    r"|(?P<img>!\[[^\[\]]*\]\([^()\s]*\))"  # images stay literal text
    r"|(?P<code>(?P<ticks>`+)(?P<code_text>.+?)(?<!`)(?P=ticks)(?!`))"
    r"|(?P<link>\[(?P<link_text>[^\[\]]+)\]\((?P<url>[^()\s]+)\))"
    r"|(?P<strong>(?P<mark>\*\*|__)(?P<strong_text>\S(?:.*?\S)?)(?P=mark))"
    r"|(?P<em>\*(?P<em_text>[^*\s](?:[^*]*?[^*\s])?)\*)"
    r"|(?P<uem>(?<!\w)_(?P<uem_text>[^_\s](?:[^_]*?[^_\s])?)_(?!\w))"
)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

Node = tuple[str, str, str]  # (kind, text, url): kind is text | code | strong | em | link


def _safe_url(url: str) -> bool:
    m = _SCHEME.match(url)
    return m is None or m.group(1).lower() in _SAFE_SCHEMES  # no scheme: a relative link


def _nodes(text: str) -> Iterator[Node]:
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            yield "text", text[pos:m.start()], ""
        if m.group("esc"):
            yield "text", m.group("esc_ch"), ""
        elif m.group("img"):
            yield "text", m.group("img"), ""
        elif m.group("code"):
            code = m.group("code_text")
            if len(code) > 1 and code.startswith(" ") and code.endswith(" ") and code.strip():
                code = code[1:-1]
            yield "code", code, ""
        elif m.group("link"):
            if _safe_url(m.group("url")):
                yield "link", m.group("link_text"), m.group("url")
            else:
                yield "text", m.group(0), ""
        elif m.group("strong"):
            yield "strong", m.group("strong_text"), ""
        else:
            yield "em", m.group("em_text") or m.group("uem_text"), ""
        pos = m.end()
    if pos < len(text):
        yield "text", text[pos:], ""


def inline_html(text: object) -> str:
    """The title as inline HTML, safe to put into a page as markup: built from escaped pieces,
    then held to the same allowlist as all prose (text/sanitize.py), so a URL this parser
    misjudges (a tab inside `java\tscript:`, which browsers drop) is still removed."""
    return clean_html(_html(str(text)))


def _html(text: str) -> str:
    out = []
    for kind, part, url in _nodes(text):
        if kind == "text":
            out.append(html_text(part))
        elif kind == "code":
            out.append(f"<code>{html_text(part)}</code>")
        elif kind == "link":
            out.append(f'<a href="{html_text(url)}">{_html(part)}</a>')
        else:
            out.append(f"<{kind}>{_html(part)}</{kind}>")
    return "".join(out)


def inline_plain(text: object) -> str:
    """The title as plain text: the inline Markdown's markers removed (`lumen lint` → lumen lint)."""
    return "".join(part if kind in ("text", "code") else inline_plain(part) for kind, part, _ in _nodes(str(text)))
