"""Link fields (an initiative's `link:`) must be addresses a reader's browser only follows, never runs.

A `javascript:` link in any spelling (`JaVaScRiPt:`, `java\\tscript:`, `jav&#x09;ascript:`, a leading
space or control character) runs the contributor's script when a reader clicks it, and `data:` or
`vbscript:` links are no better: only http(s), mailto and relative addresses are accepted. The URL is
judged as a browser reads it (entities decoded, tabs, line breaks and control characters removed,
scheme case-folded), so a spelling the browser would repair does not slip past.
"""

from __future__ import annotations

import re

from ..diagnostics.diagnostic import Diagnostic, Severity
from .yaml import SourceFile

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
CODE = "OKR122"
# what a browser's URL parser drops before it reads a scheme: C0 controls, space, DEL, tabs and line breaks
_IGNORED = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def link_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (lower case), or None for a relative address."""
    import html  # here: only objectives' initiative links need it, and a check-in's check imports nothing more

    seen = _IGNORED.sub("", html.unescape(url))
    m = _SCHEME.match(seen)
    return m.group(1).lower() if m else None


def safe_link(url: str | None) -> bool:
    """Whether the address only leads somewhere: http(s), mailto or relative."""
    if not url:
        return False
    scheme = link_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


def link_problems(doc: object, src: SourceFile) -> list[Diagnostic]:
    """OKR122 for every initiative link that is not http(s), mailto or relative; the link is removed
    from the document, so a site built while serving (errors shown, not fatal) never links it."""
    out = []
    for i, ini in enumerate(getattr(doc, "initiatives", None) or []):
        if ini.link and not safe_link(ini.link):
            scheme = link_scheme(ini.link)
            out.append(Diagnostic(CODE, Severity.ERROR,
                                  f"initiative `{ini.title}` links to a `{scheme}:` address, which a browser would run "
                                  "or open as a document instead of following",
                                  src.loc(("initiatives", i, "link")),
                                  "use an http://, https:// or mailto: address, or a relative path such as docs/plan/"))
            ini.link = None
    return out
