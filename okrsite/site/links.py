"""Links from the page being rendered: which page shows a thing, and the relative URL to it.

`Links` is bound to one page (`here`, its URL relative to the site root); `at()` gives the links of
another page. Page addresses and the relative-URL arithmetic live in `urls` (one implementation,
checked against MkDocs' own helpers in the tests).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..model.organization import KeyResult, Objective, Unit
from ..model.periods import Period
from . import urls

# the site's fixed pages, by the name templates use for them
NAMED_PAGES = {"home": urls.HOME, "periods": urls.PERIODS, "units": urls.UNITS, "people": urls.PEOPLE,
               "learnings": urls.LEARNINGS, "wins": urls.WINS, "retros": urls.RETROS, "feed": urls.FEED}


def uri(thing: Any) -> str:
    """The source path (with #anchor) of the page that shows `thing`; a string is a path already."""
    if isinstance(thing, str):
        return thing
    if isinstance(thing, Objective):
        return urls.objective_uri(thing)
    if isinstance(thing, KeyResult):
        return urls.objective_uri(thing.objective) + "#" + urls.anchor(thing)
    if isinstance(thing, Unit):
        return urls.unit_uri(thing)
    if isinstance(thing, Period):
        return urls.period_uri(thing)
    raise TypeError(f"no page for {thing!r}")


@dataclass(frozen=True, slots=True)
class Links:
    here: str = ""  # URL of the page being rendered, relative to the site root
    use_directory_urls: bool = True
    site_url: str = ""  # absolute base URL of the site (mkdocs site_url), for snippets pasted elsewhere

    def at(self, here: str) -> Links:
        return replace(self, here=here)

    def site_path(self, thing: Any) -> str:
        """The URL of `thing` relative to the site root (with its #anchor)."""
        path, _, fragment = uri(thing).partition("#")
        return urls.to_url(path, self.use_directory_urls) + ("#" + fragment if fragment else "")

    def url(self, thing: Any) -> str:
        """A relative link from this page to `thing` (an object or a src_uri)."""
        return urls.relative(self.site_path(thing), self.here)

    def page(self, name: str) -> str:
        """A link to one of the site's fixed pages ('wins', 'people', 'feed' …)."""
        return self.url(NAMED_PAGES[name])

    def cascade(self, period: Period) -> str:
        return self.url(urls.cascade_uri(period))

    def retro(self, period: Period, unit: Unit | None = None) -> str:
        """The retrospective page of a period (the company's) or of a unit in it."""
        return self.url(urls.retro_uri(period, unit))

    def feed(self, unit: Unit) -> str:
        return self.url(urls.unit_feed(unit))

    @staticmethod
    def anchor(kr: KeyResult) -> str:
        """The id of a key result's section on its objective's page."""
        return urls.anchor(kr)

    @staticmethod
    def fragment(kr: KeyResult) -> str:
        """A link to a key result from its own objective's page."""
        return "#" + urls.anchor(kr)

    @staticmethod
    def log_anchor(log) -> str:
        """The id of a check-in on the pages that show it in full."""
        return urls.log_anchor(log)

    def file_url(self, path: str) -> str:
        """A published file's URL for pasting elsewhere: absolute with site_url, else relative to this page."""
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + path
        return urls.relative(path, self.here)

    def address(self, thing: Any) -> str:
        """Where `thing`'s page is, for pasting elsewhere (absolute with site_url)."""
        return self.file_url(self.site_path(thing))


def dom_id(text: str) -> str:
    """An HTML id made of a path: lower case, dashes."""
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")
