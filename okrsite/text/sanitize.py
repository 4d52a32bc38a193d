"""The Markdown prose teams write (objective bodies, missions, check-ins, retrospectives) rendered
to HTML keeps its formatting but loses anything that could run or load: Markdown passes raw
HTML through and attr_list lets `{onclick=…}` through, so the HTML is cleaned by an allowlist.

The cleaning is nh3's (Ammonia, an HTML5 parser-based sanitizer): a hand-written cleaner would
have to get the HTML parsing edge cases right that browsers get right, and that is what
Ammonia is for. This module only states the allowlist.
"""

from __future__ import annotations

from collections.abc import Callable

import nh3

TAGS = frozenset("""
a abbr b blockquote br caption cite code dd del details dfn div dl dt em figcaption figure h1 h2 h3 h4
h5 h6 hr i img input ins kbd li mark ol p pre q s samp small span strong sub summary sup table tbody td
tfoot th thead time tr u ul var wbr
""".split())
# dropped with everything inside them
DROP = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea",
                  "select", "svg", "math", "form", "frame", "frameset", "head", "title", "applet"})
COMMON = frozenset({"id", "class", "title", "lang", "dir"})
ATTRS: dict[str, set[str]] = {
    "*": set(COMMON),
    "a": {"href"}, "img": {"src", "alt", "width", "height", "loading"}, "ol": {"start", "type"},
    "td": {"colspan", "rowspan", "align", "style"}, "th": {"colspan", "rowspan", "align", "scope", "style"},
    "time": {"datetime"}, "details": {"open"}, "q": {"cite"}, "blockquote": {"cite"},
}
# task lists' check boxes, and nothing else an input could be (no name, no form, no value). Restricted
# values rather than nh3's set_tag_attribute_values, whose attribute order varies from run to run.
INPUT = {"input": {"type": {"checkbox"}, "checked": {"", "checked"}, "disabled": {"", "disabled"}}}
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
STYLE_PROPERTIES = frozenset({"text-align"})  # Markdown tables' column alignment


def _attribute(tag: str, name: str, value: str) -> str | None:
    """No id of the theme's own: Material's toggles and components are `__search`, `__drawer`, `__toc`…,
    and an element of the prose with that id would take their place (DOM clobbering)."""
    return None if name == "id" and value.startswith("__") else value


def clean_html(html: str) -> str:
    """The HTML with allowed tags and attributes only, text escaped, every element closed."""
    return nh3.clean(html, tags=set(TAGS), clean_content_tags=set(DROP), attributes=ATTRS,
                     tag_attribute_values=INPUT, url_schemes=set(SAFE_SCHEMES), link_rel=None,
                     filter_style_properties=set(STYLE_PROPERTIES), strip_comments=True,
                     attribute_filter=_attribute)


def _trusted(html: str) -> str:
    return html


def prose_cleaner(trust_html: bool = False) -> Callable[[str], str]:
    """What rendered prose passes through before it reaches a page: the allowlist, or nothing at all for a
    repository whose every contributor may run script in every reader's browser (the plugin's
    `trust_html: true`, docs/site.md). Titles and other front-matter text are escaped either way."""
    return _trusted if trust_html else clean_html
