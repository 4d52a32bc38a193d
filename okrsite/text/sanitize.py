"""The Markdown prose teams write (objective bodies, missions, check-ins, retrospectives) rendered
to HTML keeps its formatting but loses anything that could run or load: Markdown passes raw
HTML through and attr_list lets `{onclick=…}` through, so the HTML is cleaned by an allowlist.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .escape import html_attr, html_text

TAGS = frozenset("""
a abbr b blockquote br caption cite code dd del details dfn div dl dt em figcaption figure h1 h2 h3 h4
h5 h6 hr i img input ins kbd li mark ol p pre q s samp small span strong sub summary sup table tbody td
tfoot th thead time tr u ul var wbr
""".split())
VOID = frozenset({"br", "hr", "img", "input", "wbr"})
# dropped with everything inside them
DROP = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea",
                  "select", "svg", "math", "form", "frame", "frameset", "head", "title", "applet"})
COMMON = frozenset({"id", "class", "title", "lang", "dir"})
ATTRS = {
    "a": {"href"}, "img": {"src", "alt", "width", "height", "loading"}, "ol": {"start", "type"},
    "td": {"colspan", "rowspan", "align"}, "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"}, "details": {"open"}, "input": {"type", "checked", "disabled"},
    "abbr": set(), "q": {"cite"}, "blockquote": {"cite"},
}
URLS = frozenset({"href", "src", "cite"})
ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")  # Markdown tables' column alignment
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def safe_url(url: str) -> bool:
    """Relative URLs, fragments and http(s)/mailto/tel: never javascript:, data: or vbscript:."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url)
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def _allowed(tag: str, name: str, value: str) -> bool:
    if name == "style":
        return tag in ("td", "th") and ALIGN.match(value) is not None
    if name not in COMMON and name not in ATTRS.get(tag, ()):
        return False
    return name not in URLS or safe_url(value)


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping or tag in DROP:
            if tag in DROP and tag not in VOID:
                self.dropping.append(tag)
            return
        if tag not in TAGS or tag == "input" and ("type", "checkbox") not in attrs:
            return  # unknown tags lose their tags, not their text; inputs only as task-list check boxes
        kept = "".join(f' {name}="{html_attr(value or "")}"' for name, value in attrs if _allowed(tag, name, value or ""))
        self.out.append(f"<{tag}{kept}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.open and self.open[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag not in self.open:
            return  # a stray end tag must not close the page's own elements
        while self.open:
            last = self.open.pop()
            self.out.append(f"</{last}>")
            if last == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(html_text(data))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))


def clean_html(html: str) -> str:
    """The HTML with allowed tags and attributes only, text escaped, every element closed."""
    cleaner = _Cleaner()
    cleaner.feed(html)
    return cleaner.result()
