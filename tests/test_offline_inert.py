"""The offline guard reads only the tags that could load from another host attribute by attribute
(site/offline.py, `_inert`): what it finds must be what reading every tag finds, whatever the page."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrsite.site.offline import fetched_urls, is_remote, remote_loads

PIECES = ["<", ">", "</", "=", '"', "'", " ", "\t", "\n", "/", "//", "\\", "&", "&#47;", "&sol;", "http:", "HtTp",
          "s:", "x", "img", "a", "src", "href", "style", "script", "link", "rel=icon", "iframe", "srcdoc",
          "url(", ")", "\\2f", "<!--", "-->", "<style>", "</style>", "<script>", "</script>", "plaintext",
          "<img src=", "<a href=", "<link href=", "background:url(", "h\tttp", "/\t/", "ping=", "<br//>", "title",
          "<textarea>", "\u017f", "H", "TTP", "\f", "<p ", "<P/", "<!", "<?", "meta http-equiv=refresh content="]


def _every_tag_read(html: str) -> list[str]:
    return [url for url in fetched_urls(html) if is_remote(url)]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_skipping_inert_tags_finds_what_reading_every_tag_finds(html):
    assert remote_loads(html) == _every_tag_read(html)


@pytest.mark.parametrize("page", [
    '<img src="&#47;&#47;cdn.example/x.png">',  # a character reference makes the //
    '<img src="h&#116;tp://cdn.example/x.png">',
    '<div style="background:url(\\2f\\2f cdn.example/x.png)">',  # a CSS escape
    '<img src="/\t/cdn.example/x.png">',  # a tab, dropped by the browser
    '<img src="\\\\cdn.example/x.png">',  # backslashes read as slashes
    '<img src="HTTP:cdn.example/x.png">',
    '<iframe srcdoc="<img src=//cdn.example/x.png>"></iframe>',
    '<p title="x"><style>p { background: url(//cdn.example/x.png) }</style>',
])
def test_hidden_remote_loads_are_still_found(page):
    assert remote_loads(page) and remote_loads(page) == _every_tag_read(page)


def test_a_page_of_relative_links_loads_nothing_remote():
    page = '<a href="../x/"><img src="../a.svg" alt="a"></a><link rel="canonical" href="https://x.example/">' * 50
    assert remote_loads(page) == [] == _every_tag_read(page)


@pytest.mark.parametrize("page", ["<a " + "b=c " * 20_000 + "d=//x>", "<a b='" + "h" * 100_000 + "'>",
                                  "<a b=/" + "/x" * 50_000 + ">", ("<i " + "h=t " * 2_000 + "s=//x>") * 20])
def test_tags_that_turn_out_not_inert_late_are_still_linear(page):
    start = time.process_time()
    assert remote_loads(page) == _every_tag_read(page)
    assert time.process_time() - start < 1.0
