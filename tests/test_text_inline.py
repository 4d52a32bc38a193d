"""Inline Markdown in titles (text/inline.py): a whitelist of inline constructs to HTML, and the
same titles as plain text. Expected strings are written by hand."""

from __future__ import annotations

import pytest

from okrsite.text.inline import inline_html, inline_plain

CASES = [  # (title, html, plain)
    ("Ship `lumen lint` *fast*", "Ship <code>lumen lint</code> <em>fast</em>", "Ship lumen lint fast"),
    ("a **b** _c_ snake_case_name", "a <strong>b</strong> <em>c</em> snake_case_name", "a b c snake_case_name"),
    ("[docs](https://x.example/a?b=1&c=2)", '<a href="https://x.example/a?b=1&amp;c=2">docs</a>', "docs"),
    ("[mail](mailto:a@x.example) [rel](../guide/)", '<a href="mailto:a@x.example">mail</a> <a href="../guide/">rel</a>',
     "mail rel"),
    ("`<b>` in code", "<code>&lt;b&gt;</code> in code", "<b> in code"),
    ("[**bold** link](https://x.example)", '<a href="https://x.example"><strong>bold</strong> link</a>', "bold link"),
    (r"\*not emphasis\*", "*not emphasis*", "*not emphasis*"),
    ("plain 100% title", "plain 100% title", "plain 100% title"),
]
LITERAL = [  # contributors' text that must stay text on pages
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[x](javascript:alert(3))",
    "[x](data:text/html,hi)",
    "![logo](https://x.example/logo.png)",
    "# not a heading",
]


@pytest.mark.parametrize("title, html, plain", CASES)
def test_inline_constructs(title, html, plain):
    assert inline_html(title) == html
    assert inline_plain(title) == plain


@pytest.mark.parametrize("title", LITERAL)
def test_anything_else_stays_literal_text(title):
    out = inline_html(title)
    assert "<script" not in out and "<img" not in out and "<a " not in out and "<h1" not in out
    assert "&lt;" in out or "<" not in title
    assert inline_plain(title) == title
