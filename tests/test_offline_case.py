"""Tag, attribute and closing-tag names in the offline guard (site/offline.py) are matched in ASCII
case only, as the HTML standard says: `</SCRIPT >` ends a script, but `</ſcript>` (a long s, which
Unicode case folding turns into an s) does not, so what follows it is still script text."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrsite.site.offline import _end_tag, _start_tag, remote_loads

R = "https://cdn.example/x.png"


@pytest.mark.parametrize("page", [
    f"<script>let a = 1;</SCRIPT ><img src={R}>",
    f"<STYLE>p {{}}</StYlE/><IMG SRC={R}>",
    f"<TeXtArEa>x</textarea><Img Src={R}>",
    f"<title>a</TITLE><img src={R}>",
    f"<style>a {{}}</style\n><img src={R}>",  # a newline after the name
])
def test_a_closing_tag_in_any_ascii_case_ends_raw_text(page):
    assert remote_loads(page) == [R]


@pytest.mark.parametrize("page", [
    f'<script>"</\u017fcript><img src={R}>"</script>',  # ſ: not an ASCII s
    f'<style>"</\u017ftyle><img src={R}>"</style>',
    f'<script>"</scriptx><img src={R}>"</script>',  # a longer name does not close it
])
def test_only_the_ascii_name_closes_raw_text(page):
    assert remote_loads(page) == []


def test_a_page_of_non_ascii_text_and_almost_closing_tags_is_linear():
    page = "<script>" + "</SCRIP\u00e9" * 20_000 + "<p>\u65e5\u672c\u8a9e</p>" * 20_000
    start = time.process_time()
    assert remote_loads(page) == []
    assert time.process_time() - start < 1.0


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab=/> \t\n'\"<", max_size=40))
def test_an_end_tag_is_skipped_where_its_attributes_end(rest):
    """`_end_tag` skips `</name ...>` by one pattern; it must end where reading the same tag
    attribute by attribute ends (`_start_tag`), or at the end of the page where that finds none."""
    html = "</p" + rest
    tag = _start_tag(html, 2)
    assert _end_tag(html, 2) == (len(html) if tag is None else tag[2])


@pytest.mark.parametrize("page", ["</a x=" * 20_000, "</a " + "x " * 50_000, "</a x='" * 15_000,
                                  "</a x" + " =" * 50_000, "</a" * 30_000])
def test_end_tags_are_skipped_in_linear_time(page):
    start = time.process_time()
    assert remote_loads(page + "<img src=//cdn.example/x.png>") in ([], ["//cdn.example/x.png"])
    assert time.process_time() - start < 1.0
