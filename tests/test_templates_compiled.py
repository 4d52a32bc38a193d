"""Environments made by `site.templates.environment` share compiled templates (a build makes two),
but a template whose source differs (a site's override, an edit while serving) is never served
from another's compiled code."""

from __future__ import annotations

import jinja2

from okrsite.site.templates import environment


def test_the_same_name_with_another_source_renders_its_own_source():
    first = environment(jinja2.DictLoader({"okrsite/x.html": "first {{ n }}"}))
    second = environment(jinja2.DictLoader({"okrsite/x.html": "second {{ n }}"}))
    assert first.get_template("okrsite/x.html").render(n=1) == "first 1"
    assert second.get_template("okrsite/x.html").render(n=2) == "second 2"
    assert environment(jinja2.DictLoader({"okrsite/x.html": "first {{ n }}"})).get_template(
        "okrsite/x.html").render(n=3) == "first 3"


def test_a_template_compiled_by_one_environment_escapes_in_the_next():
    for _ in range(2):
        text = environment(jinja2.DictLoader({"t.html": "{{ s }}"})).get_template("t.html")
        assert text.render(s="<b>") == "&lt;b&gt;"
