"""Tag, attribute and closing-tag names in the offline guard (site/offline.py) are matched in ASCII
case only, as the HTML standard says: `</SCRIPT >` ends a script, but `</ſcript>` (a long s, which
Unicode case folding turns into an s) does not, so what follows it is still script text."""

from __future__ import annotations

import time

import pytest

from okrsite.site.offline import remote_loads

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
