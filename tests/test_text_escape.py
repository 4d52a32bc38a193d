"""Contributors' text never becomes markup: escaping (okrsite/text/escape.py), the allowlist for
the Markdown prose teams write (okrsite/text/sanitize.py), and every page of a site built from an
organization whose titles, names, wins, learnings and bodies are full of markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from okrsite.charts.badges import badge_svg
from okrsite.text.escape import html_attr, html_text, markdown_link_text, plain_text, script_json
from okrsite.text.sanitize import clean_html

from . import hostile
from .hostile import hostile_site  # noqa: F401  (the shared fixture)
from .sitebuild import content_of, page


def test_html_text_and_attributes():
    assert html_text('<b class="x">&') == "&lt;b class=&#34;x&#34;&gt;&amp;"
    assert html_attr("it's\n\"two\" lines") == "it&#39;s &#34;two&#34; lines"


def test_plain_text_is_one_line_without_characters_xml_forbids():
    assert plain_text("  Two\nlines\x07 and\ttabs \ufffe") == "Two lines and tabs"


def test_a_title_in_a_markdown_snippet_cannot_end_the_link():
    assert markdown_link_text("Q4 [draft]\nsecond line") == "Q4 draft second line"


def test_json_in_a_script_cannot_end_the_script():
    text = script_json({"title": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"title": "</script><!-- & \u2028"}


@pytest.mark.parametrize("html, cleaned", [
    ('<p>a <b>b</b><script>alert(1)</script> c</p>', "<p>a <b>b</b> c</p>"),
    ('<img src="x" onerror="alert(1)">', '<img src="x">'),
    ('<a href="javascript:alert(1)" onclick="x()">l</a>', "<a>l</a>"),
    ('<a href=" jav&#x09;ascript:alert(1)">l</a>', "<a>l</a>"),
    ('<a href="https://wiki.example/x?a=1&amp;b=2" title="t">l</a>',
     '<a href="https://wiki.example/x?a=1&amp;b=2" title="t">l</a>'),
    ('<p style="position:fixed">x</p><table><tr><td style="text-align: right;">1</td></tr></table>',
     '<p>x</p><table><tbody><tr><td style="text-align:right">1</td></tr></tbody></table>'),
    ('<ul><li><input type="text" name="pw" onfocus="x()"></li></ul>', '<ul><li><input></li></ul>'),
    ('<li><input type="checkbox" disabled checked> done</li>', '<li><input type="checkbox" disabled="" checked=""> done</li>'),
    ('<img src="data:image/png;base64,xx" alt="a">', '<img alt="a">'),
    ("<div><p>unclosed", "<div><p>unclosed</p></div>"),
    ("</div></article>stray end tags", "stray end tags"),
    ("<svg><script>1</script></svg><iframe src=x></iframe>after", "after"),
    ("<pre><code>a &lt; b\n  c</code></pre>", "<pre><code>a &lt; b\n  c</code></pre>"),
    ("<blink>old</blink> <!-- note -->", "old "),
])
def test_prose_keeps_its_formatting_and_loses_what_could_run(html, cleaned):
    assert clean_html(html) == cleaned


def test_badge_text_is_escaped_svg():
    svg = badge_svg("進捗", "40%", "on_track", "Signups\n<img src=x onerror=\"alert(2)\">\x07")
    soup = BeautifulSoup(svg, "html.parser")
    assert soup.find("img") is None
    assert soup.find("title").get_text() == 'Signups <img src=x onerror="alert(2)">: 進捗 40%'


# --- the built site ------------------------------------------------------------------------------------
def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "assets" not in p.parts]


def test_no_page_runs_what_contributors_wrote(hostile_site):  # noqa: F811
    pages = _pages(hostile_site)
    assert len(pages) > 20
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        name = path.relative_to(hostile_site)
        assert [s for s in soup.find_all("script") if "alert(" in (s.string or "") and "vegaEmbed" not in s.string] \
            == [], name
        assert [t.name for t in soup.find_all(True) if any(a.lower().startswith("on") for a in t.attrs)] == [], name
        assert soup.find_all(href=lambda h: h is not None and h.strip().lower().startswith("javascript:")) == [], name
        assert soup.find_all(["i", "u"]) == [], name  # the unit's name holds <i>, the period's label <u>


@pytest.mark.parametrize("url", ["", "wins/2026-Q4", "okrs/2026-Q4/product/o", "units/product"])
def test_check_in_wins_are_text_not_markup(hostile_site, url):  # noqa: F811
    content = content_of(page(hostile_site, url))
    shown = {el.get_text(" ", strip=True) for el in content.find_all(["li", "p"])}
    for win in hostile.WINS_SHOWN[:2]:
        assert any(text.startswith(win) for text in shown), (url, win)


def test_titles_and_names_are_text(hostile_site):  # noqa: F811
    soup = page(hostile_site, "okrs/2026-Q4/product/o")
    assert soup.find("h1").get_text() == hostile.OBJECTIVE
    assert soup.find("title").get_text().startswith(hostile.OBJECTIVE)
    assert content_of(soup).select_one(".okr-kr__title").get_text(" ", strip=True).startswith(hostile.KR_TITLE)
    assert page(hostile_site, "units/product").find("h1").get_text() == hostile.UNIT_NAME


def test_the_table_of_contents_shows_names_as_text(hostile_site):  # noqa: F811
    toc = page(hostile_site, "units/product").select_one("[data-md-component=toc]")
    assert hostile.PERIOD_LABEL in [a.get_text(strip=True) for a in toc.select("a")]


def test_written_prose_keeps_its_formatting(hostile_site):  # noqa: F811
    content = content_of(page(hostile_site, "okrs/2026-Q4/product/o"))
    body = content.select_one(".okr-log__body")
    assert body.find("b").get_text() == "bold" and body.find("strong").get_text() == "strong"
    assert "Body" in content.get_text() and content.find("a", string="link") is not None
