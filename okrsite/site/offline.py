"""An intranet site must not fetch anything from the internet: what in a page or a configuration
would make a browser load from another host (links to other hosts are fine).

Pages are read the way a browser tokenizes HTML (tags, quoted and unquoted attributes, character
references, comments, raw-text elements such as <style> and <script>), by a small scanner whose
every step is an anchored pattern without backtracking or a `str.find`: linear time on any page.
Not `html.parser`: on Python 3.11 it takes seconds on 40 KB of unclosed `<img ` tags, and a page
holds whatever its contributors wrote.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator

from .offline_css import css_urls

_REMOTE = re.compile(r"^(?:https?:|//)", re.I)  # `http:host/x` too: on a page of another scheme it is absolute
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SPACE = "\t\n\f\r "
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAG_NAME = re.compile(r"[^\t\n\f\r />]*+")
_ATTR_GAP = re.compile(r"[\t\n\f\r /]*+")
_ATTR_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r /=>]*+")
_EQUALS = re.compile(r"[\t\n\f\r ]*+=[\t\n\f\r ]*+")
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*+")
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
_PLAINTEXT = "plaintext"  # everything after it is text

# attributes whose value is one URL the browser fetches, on any element
_URL_ATTRS = frozenset({"src", "poster", "data", "background", "manifest", "lowsrc", "dynsrc"})
# elements whose href (or SVG's xlink:href) is fetched: <link> depends on its rel, see _link_loads
_HREF_LOADS = frozenset({"base", "image", "use", "feimage", "script"})
# SVG presentation attributes that take url(): an external reference is fetched
_CSS_ATTRS = frozenset({"style", "fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid",
                        "marker-end", "cursor"})
# <link rel> tokens that fetch nothing; a link loads when any other token is in its rel
_INERT_RELS = frozenset({"alternate", "author", "bookmark", "canonical", "external", "help", "license", "me",
                         "next", "nofollow", "noopener", "noreferrer", "opener", "prev", "search", "tag"})
_MAX_SRCDOC = 8  # <iframe srcdoc> is a page in an attribute: scanned, but not nested without end


def remote_loads(html: str) -> list[str]:
    """The URLs on other hosts that a page loads. Tags that cannot name one (`_inert`: most of a
    page's) are tokenized but not read attribute by attribute."""
    return [url for url in fetched_urls(html, skip_inert=True) if is_remote(url)]


def is_remote(url: str) -> bool:
    """Whether a URL as written in a page reaches another host: http(s) or protocol-relative,
    read as browsers do (surrounding spaces ignored, tabs and newlines dropped, `\\` as `/`)."""
    cleaned = url.strip(_C0_AND_SPACE)
    cleaned = cleaned.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    return bool(_REMOTE.match(cleaned))


def fetched_urls(html: str, depth: int = 0, skip_inert: bool = False) -> Iterator[str]:
    """Every URL the page makes the browser fetch by itself (not links a reader may follow); with
    `skip_inert`, only those that may be remote (the attributes of `_inert` tags are not read)."""
    for name, attrs, raw_text in _elements(html, skip_inert):
        yield from _element_loads(name, attrs, depth, skip_inert)
        if name == "style" and raw_text:
            yield from css_urls(raw_text)


def _element_loads(name: str, attrs: dict[str, str], depth: int, skip_inert: bool = False) -> Iterator[str]:
    for attr, value in attrs.items():
        if attr in _URL_ATTRS:
            yield value
        elif attr in ("srcset", "imagesrcset"):
            yield from srcset_urls(value)
        elif attr == "ping":  # <a ping>: sent on a click, to every URL listed
            yield from value.split()
        elif attr in _CSS_ATTRS:
            yield from css_urls(value)
    if name in _HREF_LOADS or name == "link" and _link_loads(attrs.get("rel", "")):
        yield from (attrs[a] for a in ("href", "xlink:href") if a in attrs)
    if name == "meta" and attrs.get("http-equiv", "").strip().lower() == "refresh":
        yield _refresh_url(attrs.get("content", ""))
    if name == "iframe" and "srcdoc" in attrs:
        if depth >= _MAX_SRCDOC:
            yield "//(an iframe srcdoc nested too deeply to check)"
        else:
            yield from fetched_urls(attrs["srcdoc"], depth + 1, skip_inert)


def _link_loads(rel: str) -> bool:
    tokens = rel.translate(_ASCII_LOWER).split()
    return any(token not in _INERT_RELS for token in tokens)


def srcset_urls(value: str) -> list[str]:
    """The URL of every candidate of a srcset (`a.png 1x, //cdn/b.png 2x`), split as browsers do:
    a URL runs to the next whitespace, and a comma ends a candidate outside its URL."""
    urls, pos, n = [], 0, len(value)
    while pos < n:
        while pos < n and (value[pos] in _SPACE or value[pos] == ","):
            pos += 1
        start = pos
        while pos < n and value[pos] not in _SPACE:
            pos += 1
        url = value[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # descriptors up to the next comma
            comma = value.find(",", pos)
            pos = n if comma < 0 else comma + 1
        if url:
            urls.append(url)
    return urls


def _refresh_url(content: str) -> str:
    """The address of `<meta http-equiv=refresh content="5; url=...">`: the page goes there by itself."""
    m = re.match(r"[\t\n\f\r ]*+[0-9.]*+[\t\n\f\r ]*+[;,]?[\t\n\f\r ]*+(?:url[\t\n\f\r ]*+=[\t\n\f\r ]*+)?",
                 content, re.I)
    rest = content[m.end():] if m else content
    if rest[:1] in ("'", '"'):
        end = rest.find(rest[0], 1)
        rest = rest[1:] if end < 0 else rest[1:end]
    return rest.strip()


def _elements(html: str, skip_inert: bool = False) -> Iterator[tuple[str, dict[str, str], str]]:
    """(tag name, attributes, raw text) of every start tag, in order, as a browser tokenizes them:
    comments and end tags skipped, the text of raw-text elements (e.g. <style>) handed over whole.
    A tag still open at the end of the page is dropped, as browsers drop it. With `skip_inert`,
    the tags that cannot load from another host (`_INERT_RUN`: most of a page's) are passed over
    by one pattern and not handed over."""
    pos, n = 0, len(html)
    while True:
        if skip_inert:
            pos = _INERT_RUN.match(html, pos).end()
        if (lt := html.find("<", pos)) < 0 or lt + 1 >= n:
            return
        nxt = html[lt + 1]
        if nxt.isascii() and nxt.isalpha():
            tag = _start_tag(html, lt + 1)
            if tag is None:
                return
            name, attrs, pos = tag
            raw = ""
            if name in _RAW_TEXT:
                end = _raw_text_end(html, name, pos)
                raw, pos = html[pos:end], end
            yield name, attrs, raw
            if name == _PLAINTEXT:
                return
        elif nxt == "/":
            pos = _end_tag(html, lt + 2)
        elif nxt == "!" or nxt == "?":
            pos = _markup_declaration(html, lt)
        else:
            pos = lt + 1


def _lower(text: str) -> str:
    """ASCII letters lowered, nothing else (as HTML lowers tag and attribute names), on short names
    only: lowering a whole page by a translation table was a fifth of the scan."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


def _start_tag(html: str, pos: int) -> tuple[str, dict[str, str], int] | None:
    """The tag opening at `pos` (after `<`): its name, attributes (the first of a duplicate wins, as
    in browsers; values with character references decoded) and where it ends; None at the end of
    the page."""
    m = _TAG_NAME.match(html, pos)
    name = _lower(m.group())
    attrs: dict[str, str] = {}
    pos = m.end()
    while True:
        pos = _ATTR_GAP.match(html, pos).end()
        if pos >= len(html):
            return None
        if html[pos] == ">":
            return name, attrs, pos + 1
        m = _ATTR_NAME.match(html, pos)
        attr, pos = _lower(m.group()), m.end()
        value = ""
        if eq := _EQUALS.match(html, pos):
            pos = eq.end()
            quote = html[pos:pos + 1]
            if quote in ("'", '"'):
                end = html.find(quote, pos + 1)
                if end < 0:
                    return None  # a quote never closed: the rest of the page is this value
                value, pos = html[pos + 1:end], end + 1
            else:
                m = _UNQUOTED.match(html, pos)
                value, pos = m.group(), m.end()
        attrs.setdefault(attr, htmllib.unescape(value))


# a whole tag as `_start_tag` reads it, step for step, without keeping its attributes: possessive
# and atomic, so it never backtracks (linear); an `=` must be followed by a value it can finish
# (an unclosed quote fails the match, where `_start_tag` answers "the rest of the page")
_SKIP_TAG = re.compile(
    r"[^\t\n\f\r />]*+"
    r"(?:[\t\n\f\r /]*+[^\t\n\f\r />][^\t\n\f\r /=>]*+"
    r"(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?>\"[^\"]*+\"|'[^']*+'|(?![\"'])[^\t\n\f\r >]*+)|(?![\t\n\f\r ]*+=)))*+"
    r"[\t\n\f\r /]*+>")


def _tempered(excluded: str) -> str:
    """One character of an inert tag: not in `excluded`, not `&` (a character reference could make
    any character), not `\\` (a CSS escape, or read as `/`), and not the start of `//` or of `http`
    in any ASCII case. A `/` only where `excluded` allows one (a name never holds one)."""
    slash = "" if "/" in excluded else "|/(?!/)"
    return rf"(?:[^{excluded}&\\/hH]{slash}|[hH](?![tT][tT][pP]))"


# A start tag that cannot make the browser load from another host, tokenized as `_SKIP_TAG` does
# (the same steps, with fewer characters allowed). Every URL a tag fetches is a piece of one of its
# attribute values (see `_element_loads`), and it reaches another host only if it starts with `//`
# or an `http` scheme once tabs and newlines are dropped (`is_remote`): a tag without `//`, `http`,
# a tab, a newline, `&` or `\\` anywhere in it loads nothing remote. Any other tag fails this
# pattern and is read attribute by attribute, as are raw-text elements (their text is not markup).
_NAME_CHAR = _tempered(r"\t\n\f\r />")
_GAP_CHAR = r"(?:[\f ]|/(?!/))"
_VALUE = (r'(?>"' + _tempered(r'"\t\n\r') + r'*+"' + r"|'" + _tempered(r"'\t\n\r") + r"*+'"
          + r"|(?![\"'])" + _tempered(r"\t\n\f\r >") + r"*+)")
_INERT_TAG = (
    r"(?=[a-zA-Z])(?!(?i:" + "|".join(sorted(_RAW_TEXT | {_PLAINTEXT})) + r")(?:[\t\n\f\r />]|\Z))"
    + _NAME_CHAR + r"*+"
    + r"(?:" + _GAP_CHAR + r"*+" + _NAME_CHAR + _tempered(r"\t\n\f\r /=>") + r"*+"
    + r"(?:[\f ]*+=[\f ]*+" + _VALUE + r"|(?![\f ]*+=)))*+"
    + _GAP_CHAR + r"*+>")

# What a page holds between the tags worth reading: text, end tags, a `<` that opens no tag, inert
# start tags. Possessive, each step anchored: linear, at the regular-expression engine's speed.
_INERT_RUN = re.compile(r"(?:[^<]++|</(?=[a-zA-Z])" + _SKIP_TAG.pattern + r"|<(?![a-zA-Z/!?])|<" + _INERT_TAG + r")*+")


def _end_tag(html: str, pos: int) -> int:
    """Past `</name ...>` (its attributes are tokenized as a start tag's, then ignored); `</` before
    anything else is a bogus comment up to `>`."""
    if pos < len(html) and html[pos].isascii() and html[pos].isalpha():
        if skipped := _SKIP_TAG.match(html, pos):  # half of a page's tags: skipped without reading them
            return skipped.end()
        tag = _start_tag(html, pos)
        return len(html) if tag is None else tag[2]
    end = html.find(">", pos)
    return len(html) if end < 0 else end + 1


def _markup_declaration(html: str, lt: int) -> int:
    """Past a comment `<!-- -->` (to the end of the page if never closed), or `<!...>`, `<?...>`."""
    if html.startswith("<!--", lt):
        if html.startswith(">", lt + 4) or html.startswith("->", lt + 4):
            return lt + 4 + (1 if html[lt + 4] == ">" else 2)
        ends = [e for e in (html.find("-->", lt + 4), html.find("--!>", lt + 4)) if e >= 0]
        if not ends:
            return len(html)
        end = min(ends)
        return end + (3 if html.startswith("-->", end) else 4)
    end = html.find(">", lt + 2)
    return len(html) if end < 0 else end + 1


# `</name` in any ASCII case (re.ASCII: no other letter folds to one of the name's), then a space,
# `/`, `>` or the end: a literal prefix and one character of lookahead, so a search is linear
_RAW_TEXT_CLOSE = {name: re.compile("</" + name + r"(?=[\t\n\f\r />]|\Z)", re.I | re.A) for name in _RAW_TEXT}


def _raw_text_end(html: str, name: str, pos: int) -> int:
    """Where the text of a raw-text element ends: at `</name` followed by a space, `/` or `>`."""
    m = _RAW_TEXT_CLOSE[name].search(html, pos)
    return len(html) if m is None else m.start()


def asset_problems(assets: list[str], google_fonts: bool) -> list[str]:
    """What in a site's configuration loads from the internet: extra assets, the theme's web fonts."""
    problems = ["theme.font loads Google Fonts: set `theme: font: false`"] if google_fonts else []
    problems += [f"extra asset {path} is loaded from the internet" for path in assets if _REMOTE.match(path)]
    return problems
