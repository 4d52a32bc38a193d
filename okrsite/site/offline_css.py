"""The URLs a piece of CSS makes the browser fetch (a <style> block, a `style` attribute, an SVG
`fill="url(...)"`): every `url(...)`, the strings of `image-set(...)` and `@import "..."`.

CSS escapes are decoded first (`\\75 rl(` is `url(`) and comments dropped, so a URL cannot hide
behind either. Each step is a `str.find` or an anchored pattern without backtracking: linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[\t\n\f\r ]?|(.))", re.S)
_TOKEN = re.compile(r"[\"'()]|url\(|(?:-webkit-)?image-set\(|@import", re.I)
_GAP = re.compile(r"[\t\n\f\r ]*+")
_UNQUOTED_URL = re.compile(r"[^)\t\n\f\r ]*+")


def css_urls(css: str) -> Iterator[str]:
    """Every URL the CSS fetches, as written (after escapes). One pass over its strings and
    parentheses: a string counts inside image-set(...) and after @import, never elsewhere
    (`content: "//x"` fetches nothing)."""
    css = _without_comments(_ESCAPE.sub(_unescape, css) if "\\" in css else css)
    depth, sets, pos = 0, [], 0  # sets: the depth of each open image-set(
    while m := _TOKEN.search(css, pos):
        token, pos = m.group().lower(), m.end()
        if token in ("'", '"'):
            text, pos = _string(css, m.start())
            if sets:
                yield text
        elif token == ")":
            if sets and sets[-1] == depth:
                sets.pop()
            depth = max(depth - 1, 0)
        elif token == "@import":
            pos = _GAP.match(css, pos).end()
            if css[pos:pos + 1] in ("'", '"'):
                text, pos = _string(css, pos)
                yield text
        elif token == "url(":
            depth += 1
            pos = _GAP.match(css, pos).end()
            if css[pos:pos + 1] in ("'", '"'):
                text, pos = _string(css, pos)
            else:
                url = _UNQUOTED_URL.match(css, pos)
                text, pos = url.group(), url.end()
            yield text
        else:  # `(` or image-set(
            depth += 1
            if token != "(":
                sets.append(depth)


def _string(css: str, pos: int) -> tuple[str, int]:
    """The CSS string whose quote is at `pos`, and where it ends (an unclosed one runs to the end
    of its line, as in CSS)."""
    quote = css[pos]
    end = css.find(quote, pos + 1)
    newline = css.find("\n", pos + 1)
    if end < 0 or 0 <= newline < end:
        end = len(css) if newline < 0 else newline
        return css[pos + 1:end], end
    return css[pos + 1:end], end + 1


def _without_comments(css: str) -> str:
    parts, pos = [], 0
    while (start := css.find("/*", pos)) >= 0:
        parts.append(css[pos:start])
        end = css.find("*/", start + 2)
        if end < 0:
            return "".join(parts)
        parts.append(" ")
        pos = end + 2
    parts.append(css[pos:])
    return "".join(parts)


def _unescape(m: re.Match[str]) -> str:
    if m.group(1) is None:
        return "" if m.group(2) == "\n" else m.group(2)  # an escaped newline continues a string
    code = int(m.group(1), 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
