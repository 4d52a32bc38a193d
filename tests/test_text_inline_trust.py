"""Every title okrsite marks as trusted HTML (SiteView.title) holds only the prose allowlist's
elements and attributes: no script, no event handler, no javascript: link, whatever a
contributor writes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from okrsite.site.view import SiteView
from okrsite.text.sanitize import ATTRS, TAGS

HOSTILE = [
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java\tscript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)", "<img src=x onerror=alert(1)>", "`<script>`",
    "*<b onmouseover=alert(1)>e</b>*", '[a" onclick="alert(1)](https://ok.example/)',
    "[`x`](https://ok.example/\"onmouseover=\"alert(1))",
]


class _Titled:
    def __init__(self, title: str) -> None:
        self.title = title


@pytest.mark.parametrize("title", HOSTILE)
def test_a_trusted_title_holds_only_allowed_markup(title):
    soup = BeautifulSoup(str(SiteView.title(_Titled(title))), "html.parser")
    for el in soup.find_all(True):
        assert el.name in TAGS and el.name in {"a", "code", "em", "strong"}, el
        for attr, value in el.attrs.items():
            assert attr in ATTRS.get(el.name, set()) | ATTRS["*"], (el, attr)
            assert not attr.startswith("on"), el
            if attr == "href":
                assert value.startswith(("https://", "http://", "mailto:")) or ":" not in value.split("/")[0], el
