"""Every pattern that reads contributors' text runs in linear time: check-in bodies (logbody.py)
and inline Markdown in titles (text/inline.py) on 100 KB adversarial strings, within 1 s of CPU
each (the offline guard's are in test_offline_guard.py). The replaced patterns took 1.3 s on an
800-byte heading line of spaces and tabs (cubic: a 6 KB one ran for minutes), 30 s on 2,000
backticks and about 25 s on 100 KB of `**a `; these bounds failed on them."""

from __future__ import annotations

import time

import pytest

from okrsite.source.logbody import sections
from okrsite.text.inline import inline_html, inline_plain

N = 100_000
CPU_SECONDS = 1.0


def _cpu(fn, text: str) -> float:
    start = time.process_time()
    fn(text)
    return time.process_time() - start


BODIES = {
    "a heading of spaces and tabs": "## 学び" + " \t" * (N // 2) + "x\n- item\n",
    "a heading of spaces then a word": "# a" + " \t" * (N // 2) + "b\n",
    "a heading ending in spaces and colons": "## Learnings" + " :" * (N // 2) + "\n- item\n",
    "a heading of hashes and spaces": "#" + " #" * (N // 2) + "\n",
    "a list item continued on 25,000 lines": "## 学び\n- a\n" + " bb\n" * (N // 4),
    "item markers": "## 学び\n" + "1" * N + ".\n",
    "fence markers": "```" * (N // 3) + "\n",
}


@pytest.mark.parametrize("name", sorted(BODIES))
def test_check_in_bodies_are_read_in_linear_time(name):
    assert _cpu(sections, BODIES[name]) < CPU_SECONDS, name


def test_long_headings_still_name_their_section():
    assert sections("## 学び" + " \t" * 3000 + "\n- a\n") == {"learnings": ["a"]}
    assert sections("## Learnings" + " :" * 3000 + "\n- b\n") == {"learnings": ["b"]}
    assert sections("## 学び ##\n- c\n") == {"learnings": ["c"]}
    assert sections("####### 学び\n- d\n") == {}  # seven hashes: not a heading


def test_a_long_item_keeps_all_its_lines():
    items = sections("## Learnings\n- first\n" + "  more\n" * 3 + "- second\n")["learnings"]
    assert items == ["first more more more", "second"]


TITLES = {
    "backticks": "`" * N,
    "double backticks among single ones": "``" + " `" * (N // 2),
    "backtick runs of every length": "".join("`" * k + " " for k in range(1, 440)),
    "brackets": "[" * N,
    "link openers": "[a](" * (N // 4),
    "link ends": "](" * (N // 2),
    "image openers": "![a](" * (N // 5),
    "stars": "*" * N,
    "strong openers": "**a " * (N // 4),
    "underscore strong openers": "__a " * (N // 4),
    "emphasis openers": "*a " * (N // 3),
    "underscore emphasis openers": "_a " * (N // 3),
    "nested emphasis": "**_*" * (N // 4),
    "alternating markers": "*_" * (N // 2),
    "backslashes": "\\" * N,
    "spaces and tabs": " \t" * (N // 2),
    "img tags": "<img" * (N // 4),
}


@pytest.mark.parametrize("name", sorted(TITLES))
@pytest.mark.parametrize("render", [inline_html, inline_plain], ids=["html", "plain"])
def test_titles_are_parsed_in_linear_time(name, render):
    assert _cpu(render, TITLES[name]) < CPU_SECONDS, name


@pytest.mark.parametrize("title, html", [
    ("**a** and **b**", "<strong>a</strong> and <strong>b</strong>"),  # two spans, not one from the first ** to the last
    ("__a__ and __b__", "<strong>a</strong> and <strong>b</strong>"),
    ("``a`` b `c`", "<code>a</code> b <code>c</code>"),
    ("``a` b", "``a` b"),  # a run of two backticks closes only at a run of two
    ("`a`` b`", "<code>a`` b</code>"),
    ("**a **b", "**a **b"),  # a closing ** follows a non-space
])
def test_spans_close_at_the_nearest_closer(title, html):
    assert inline_html(title) == html
