"""Inline Markdown in titles (objectives, KRs, initiatives, steps): one parser, two renderings.

`inline_html` for pages: code spans, emphasis (`*x*`, `_x_`, `**x**`) and links whose URL is
http, https, mailto or relative become <code>, <em>, <strong> and <a>; everything else,
raw HTML included, is escaped text. `inline_plain` for charts, feeds, badges, exports and page
titles: the same constructs with their markers removed, never raw Markdown.

Titles are contributors' text, so the HTML is built from escaped pieces by a whitelist of
constructs (it cannot become other markup) rather than by a Markdown engine and a cleaner.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from .escape import html_text

# Each construct is matched where it starts, by a pattern that cannot backtrack far (the scan of a
# class that excludes its own closer) or by a lookup in positions found once per title: one regex
# of lazy alternatives took 30 s on 2,000 backticks and minutes on `**a ` repeated.
_START = re.compile(r"[\\!`\[*_]")
_ESC = re.compile(r"\\([\\`*_\[\]()])")
_IMG = re.compile(r"!\[[^\[\]]*+\]\([^()\s]*+\)")  # images stay literal text
_LINK = re.compile(r"\[([^\[\]]++)\]\(([^()\s]++)\)")
_EM = re.compile(r"\*([^*\s](?:[^*]*?[^*\s])?)\*")
_UEM = re.compile(r"(?<!\w)_([^_\s](?:[^_]*?[^_\s])?)_(?!\w)")
_TICKS = re.compile(r"`++")
_NEWLINE = re.compile("\n")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

Node = tuple[str, str, str]  # (kind, text, url): kind is text | code | strong | em | link


def _safe_url(url: str) -> bool:
    m = _SCHEME.match(url)
    return m is None or m.group(1).lower() in _SAFE_SCHEMES  # no scheme: a relative link


class _Title:
    """One title and the positions its code spans and strong emphasis can close at, found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.runs: dict[int, list[int]] = {}  # backtick runs by length: where each starts
        for m in _TICKS.finditer(text):
            self.runs.setdefault(m.end() - m.start(), []).append(m.start())
        self.newlines = [m.start() for m in _NEWLINE.finditer(text)]
        self.closers: dict[str, list[int]] = {}

    def line_end(self, pos: int) -> int:
        """Where the line holding `pos` ends: no construct spans two lines."""
        i = bisect.bisect_left(self.newlines, pos)
        return self.newlines[i] if i < len(self.newlines) else len(self.text)

    def code(self, pos: int) -> tuple[str, int] | None:
        """A code span opening at `pos`: its text and end, closed by the next run of exactly as
        many backticks on the line; None leaves the opening run literal."""
        end = _TICKS.match(self.text, pos).end()
        starts = self.runs.get(end - pos, [])
        i = bisect.bisect_left(starts, end)
        if i == len(starts) or starts[i] >= self.line_end(pos):
            return None
        code = self.text[end:starts[i]]
        if len(code) > 1 and code.startswith(" ") and code.endswith(" ") and code.strip():
            code = code[1:-1]
        return code, starts[i] + end - pos

    def strong(self, pos: int) -> tuple[str, int] | None:
        """`**x**` or `__x__` opening at `pos`: closed by the nearest same marker on the line that
        follows a non-space, the text between starting with a non-space."""
        text, mark = self.text, self.text[pos:pos + 2]
        if mark not in ("**", "__") or pos + 2 >= len(text) or text[pos + 2].isspace():
            return None
        if mark not in self.closers:
            self.closers[mark] = [m.start() for m in re.finditer(f"(?={re.escape(mark)})", text)
                                  if m.start() and not text[m.start() - 1].isspace()]
        closers = self.closers[mark]
        i = bisect.bisect_left(closers, pos + 3)
        if i == len(closers) or closers[i] >= self.line_end(pos):
            return None
        return text[pos + 2:closers[i]], closers[i] + 2

    def node_at(self, pos: int) -> tuple[Node, int] | None:
        """The construct starting at `pos` and where it ends, in the order the constructs win."""
        text, ch = self.text, self.text[pos]
        if ch == "\\" and (m := _ESC.match(text, pos)):
            return ("text", m.group(1), ""), m.end()
        if ch == "!" and (m := _IMG.match(text, pos)):
            return ("text", m.group(0), ""), m.end()
        if ch == "`":
            found = self.code(pos)
            return (("code", found[0], ""), found[1]) if found else None
        if ch == "[" and (m := _LINK.match(text, pos)):
            node = ("link", m.group(1), m.group(2)) if _safe_url(m.group(2)) else ("text", m.group(0), "")
            return node, m.end()
        if ch in "*_" and (found := self.strong(pos)):
            return ("strong", found[0], ""), found[1]
        if ch in "*_" and (m := (_EM if ch == "*" else _UEM).match(text, pos)):
            return ("em", m.group(1), ""), m.end()
        return None


def _nodes(text: str) -> Iterator[Node]:
    title, pos, done = _Title(text), 0, 0  # done: where the text not yet yielded starts
    while (m := _START.search(text, pos)) is not None:
        found = title.node_at(m.start())
        if found is None:  # literal: a backtick run stays literal whole
            pos = _TICKS.match(text, m.start()).end() if text[m.start()] == "`" else m.start() + 1
            continue
        if m.start() > done:
            yield "text", text[done:m.start()], ""
        yield found[0]
        pos = done = found[1]
    if done < len(text):
        yield "text", text[done:], ""


def inline_html(text: object) -> str:
    """The title as inline HTML, safe to put into a page as markup: built from escaped pieces,
    then held to the same allowlist as all prose (text/sanitize.py), so a URL this parser
    misjudges (a tab inside `java\tscript:`, which browsers drop) is still removed. (The cleaner
    is imported here: `okrsite check` reads plain titles only and must not load nh3.)"""
    from .sanitize import clean_html

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
