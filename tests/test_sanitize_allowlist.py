"""The prose allowlist (text/sanitize.py) on what Markdown and Material's extensions really produce: the
formatting teams use survives, every way of running script or loading from elsewhere does not."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from okrsite.site.view import SiteView
from okrsite.text.sanitize import clean_html, prose_cleaner

from .orgs import org_from

EXTENSIONS = ["admonition", "tables", "footnotes", "md_in_html", "attr_list", "def_list", "abbr", "pymdownx.details",
              "pymdownx.superfences", "pymdownx.highlight", "pymdownx.tasklist", "pymdownx.mark", "pymdownx.tilde"]
PROSE = """!!! note "Heads up"
    Admonition **text**.

??? tip "Folded"
    Inside.

| left | right |
|:-----|------:|
| 1    | 2     |

```python
def f(x):
    return x
```

- [x] done
- [ ] todo

A claim[^1].

[^1]: The source.

<div class="grid" markdown>
**inside html**
</div>

Term
:   Definition

==marked== ~~struck~~ [wiki](https://wiki.example/a?b=1&c=2) [mail](mailto:a@example.com) [here](../x/#y)

![chart](img.png){ width="100" }
"""


@pytest.fixture(scope="module")
def cleaned() -> BeautifulSoup:
    return BeautifulSoup(clean_html(markdown.markdown(PROSE, extensions=EXTENSIONS)), "html.parser")


def test_admonitions_and_details_keep_their_classes(cleaned):
    note = cleaned.select_one("div.admonition.note")
    assert note.select_one("p.admonition-title").get_text() == "Heads up"
    assert note.select_one("strong").get_text() == "text"
    assert cleaned.select_one("details.tip > summary").get_text() == "Folded"


def test_tables_keep_their_alignment(cleaned):
    assert [th.get("style") for th in cleaned.select("th")] == ["text-align:left", "text-align:right"]
    assert [td.get_text() for td in cleaned.select("td")] == ["1", "2"]


def test_code_blocks_keep_pygments_spans(cleaned):
    code = cleaned.select_one("div.highlight pre code")
    assert code.select_one("span.k").get_text() == "def" and code.select_one("span.nf").get_text() == "f"
    assert "return x" in code.get_text()


def test_task_lists_keep_disabled_check_boxes(cleaned):
    boxes = cleaned.select("ul.task-list li.task-list-item input")
    assert [(b["type"], b.has_attr("disabled"), b.has_attr("checked")) for b in boxes] == [
        ("checkbox", True, True), ("checkbox", True, False)]


def test_footnotes_keep_their_links_both_ways(cleaned):
    ref = cleaned.select_one("sup#fnref\\:1 a.footnote-ref")
    assert ref["href"] == "#fn:1"
    assert cleaned.select_one("div.footnote li#fn\\:1 a.footnote-backref")["href"] == "#fnref:1"


def test_md_in_html_links_and_images_survive(cleaned):
    assert cleaned.select_one("div.grid strong").get_text() == "inside html"
    assert cleaned.select_one("dl dt").get_text() == "Term"
    assert cleaned.select_one("mark").get_text() == "marked" and cleaned.select_one("del").get_text() == "struck"
    assert [a["href"] for a in cleaned.select("p a") if not a.get("class")] == ["https://wiki.example/a?b=1&c=2", "mailto:a@example.com",
                                                          "../x/#y"]
    img = cleaned.select_one("img")
    assert (img["src"], img["alt"], img["width"]) == ("img.png", "chart", "100")


ATTACKS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "[x](javascript:alert(1))",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
    '<span style="background:url(https://evil.example/x.png)">x</span>',
    '<td style="text-align:right;background-image:url(//evil.example/x)">x</td>',
    '<div markdown="1">\n<img src="x" onerror="alert(1)">\n</div>',
    '"><script>alert(1)</script>',
    "</textarea><script>alert(1)</script>",
    '<details open ontoggle="alert(1)"><summary>s</summary></details>',
    '**b**{: onclick="alert(1)" }',
    '<math><a xlink:href="javascript:alert(1)">x</a></math>',
    '<link rel="stylesheet" href="https://evil.example/x.css"><meta http-equiv="refresh" content="0;url=https://e.example">',
    '<base href="https://evil.example/"><style>@import url(https://evil.example/x.css)</style>',
    '<input type="image" src="https://evil.example/x"><input name="pw" type="password">',
    '<a id="__search" href="#">clobbers Material\'s search toggle</a>',
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
]
RUNNABLE = ("javascript:", "vbscript:", "data:")
GONE = ["script", "svg", "math", "iframe", "object", "embed", "form", "button", "style", "link", "meta", "base",
        "textarea", "noscript"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_every_attack_is_disarmed(attack):
    soup = BeautifulSoup(clean_html(markdown.markdown(attack, extensions=EXTENSIONS)), "html.parser")
    for tag in soup.find_all(True):
        assert tag.name not in GONE, tag
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            assert not name.startswith("on"), tag
            assert not text.replace("\x01", "").strip().lower().startswith(RUNNABLE), tag
            assert "url(" not in text and name not in ("srcdoc", "formaction", "action"), tag
            assert not (name == "id" and text.startswith("__")), tag
        if tag.name == "input":
            assert tag.attrs.get("type") in (None, "checkbox"), tag


def test_trust_html_keeps_everything_and_only_when_asked():
    html = '<p onclick="go()">x</p><script>go()</script>'
    assert prose_cleaner(trust_html=True)(html) == html
    assert prose_cleaner() is clean_html
    org = org_from_sample()
    assert "onclick" in SiteView(org, "en", trust_html=True).markdown(html)
    assert "onclick" not in SiteView(org, "en").markdown(html) and "<script" not in SiteView(org, "en").markdown(html)


def org_from_sample():
    import tempfile
    from pathlib import Path

    return org_from(Path(tempfile.mkdtemp(prefix="okrsite-trust-")), {})
