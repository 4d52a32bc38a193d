"""Templates only lay out: every value a page shows comes from the view, unchanged.

Each page kind is rendered with a view whose value methods return unique sentinels ("§pct-12-Ok§"),
and each sentinel must appear in the page exactly as it was returned (or have been handed to
another view method, e.g. a date into a sentence). A template that reformats a value (`| lower`,
`'%.1f' %`, `* 100`), builds a URL or anchor itself, or drops a value fails here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from okrsite.site.pages import PageSpec, layout
from okrsite.site.templates import TEMPLATES, Renderer, environment
from okrsite.site.view import Bar, SiteView
from okrsite.site.view_charts import Badge, ChartImage, Embed

from .conftest import CONTENT

# view methods whose result a page shows (or hands to another such method)
VALUES = {
    "": {"t", "date", "short_date", "period_name", "period_range", "period_state", "number", "pct", "score",
         "band", "value", "target_text", "baseline_text", "status_label", "person_name", "success_text",
         "confidence", "sort_value", "search_text", "markdown", "url", "link_unit", "days_since", "last_check_in"},
    "links": {"url", "page", "cascade", "retro", "feed", "anchor", "fragment", "log_anchor"},
    "tree": {"kind_label"},
    "charts": {"period", "unit_status", "unit_history"},
    "history": {"period_page_url", "change_what", "change_title", "change_reason", "recorded_note", "dropped_on"},
    "cascade": set(),
    "trend": {"text", "title", "arrow", "direction", "sort_value", "confidence_text", "confidence_title",
              "confidence_shape", "confidence_level", "sparkline"},
    "dash": {"reason_text", "last_check_in", "attention_scope", "attention_empty", "statuses_url",
             "objective_last_check_in"},
}
SENTINEL = re.compile(r"§[A-Za-z_]+-\d+-Ok§")


class Book:
    """The sentinels handed out while rendering one page."""

    def __init__(self) -> None:
        self.made: list[str] = []
        self.consumed: set[str] = set()

    def new(self, name: str) -> str:
        sentinel = f"§{name}-{len(self.made)}-Ok§"  # mixed case: `| lower` or `| upper` changes it
        self.made.append(sentinel)
        return sentinel

    def consume(self, *args: Any, **kwargs: Any) -> None:
        for a in [*args, *kwargs.values()]:
            self.consumed |= set(SENTINEL.findall(a)) if isinstance(a, str) else set()


class Fake:
    """The real view, except that value methods answer sentinels; charts answer sentinel images."""

    def __init__(self, real: Any, book: Book, part: str = "") -> None:
        self._real, self._book, self._part = real, book, part

    def __getattr__(self, name: str) -> Any:
        book = self._book
        if name == "at":
            return lambda here: Fake(self._real.at(here), book)
        if name in VALUES and name and not self._part:
            return Fake(getattr(self._real, name), book, name)
        if name in VALUES[self._part]:
            return lambda *a, **k: (book.consume(*a, **k), book.new(name))[1]
        if self._part == "charts":
            return self._chart(name)
        if name in ("breadcrumbs", "retro_breadcrumbs"):
            return lambda *a: [(book.new("crumb"), book.new("crumb_url"))]
        if name == "bar":
            return lambda *a: Bar(book.new("bar_now"), book.new("bar_width"), book.new("bar_pace"))
        attr = getattr(self._real, name)
        if callable(attr):
            return lambda *a, **k: (book.consume(*a, **k), attr(*a, **k))[1]
        return attr

    def _chart(self, name: str) -> Any:
        b = self._book
        if name == "has":
            return lambda thing: (b.consume(thing), True)[1]
        if name == "image":
            return lambda thing, eager=False: b.consume(thing) or ChartImage(b.new("chart_id"), b.new("light"), b.new("dark"),
                                                         b.new("alt"), b.new("width"), b.new("height"), True)
        if name == "embed":
            return lambda thing, page=None: b.consume(thing) or Embed([(b.new("embed_title"), b.new("embed_code"))],
                                                  Badge(b.new("badge_src"), b.new("badge_alt")), True)
        return getattr(self._real, name)


@pytest.fixture(scope="module")
def view(sample_org) -> SiteView:
    return SiteView(sample_org, "ja")


def _pages(org) -> list[PageSpec]:
    specs = layout(org, "ja")
    # one page of every kind, and every page of the kinds that have the most varied content
    first = {}
    for spec in specs:
        first.setdefault(spec.kind, spec)
    return [*first.values(), *(s for s in specs if s.kind in ("objective", "retro_unit") and s not in first.values())]


def test_every_page_kind_is_covered(sample_org):
    kinds = {s.kind for s in layout(sample_org, "ja")}
    on_disk = {p.stem for p in (TEMPLATES / "okrsite").glob("*.html")}
    assert kinds <= on_disk
    # the templates that are no page kind are named here, so a new page kind cannot slip past
    assert on_disk - kinds == {"macros", "cascade_node", "embed", "errors", "checkin",
                               # KPI partials (docs/kpis.md), included by unit, dashboard, objective, retro pages
                               "kpi_macros", "kpi_unit", "kpi_dashboard", "kpi_kr", "kpi_retro", "kpi_log"}


def test_every_value_a_page_shows_comes_from_the_view_unchanged(view, sample_org):
    renderer_env = environment()
    problems = []
    for spec in _pages(sample_org):
        book = Book()
        # the prose and the edit link, where the page has them
        body = book.new("body") if spec.prose or spec.extends_page else ""
        edit = book.new("edit_url") if spec.source else None
        html, _ = Renderer(renderer_env, Fake(view, book)).render(spec, spec.src_uri, body, edit)
        missing = [s for s in book.made if s not in html and s not in book.consumed]
        if missing:
            problems.append(f"{spec.kind} {spec.src_uri}: {missing[:5]}")
        changed = set(SENTINEL.findall(html)) - set(book.made)
        assert not changed, changed
    assert len(_pages(sample_org)) > 10
    assert not problems, problems[:10]


def test_the_error_banner_and_chart_frame_show_the_view_s_words(view):
    env = environment()
    book = Book()
    html = Renderer(env, Fake(view, book)).render_template(
        "okrsite/errors.html", okr=Fake(view, book), errors=[])
    assert book.made and all(s in html for s in book.made)

    class Chart:
        title, alt = "title", "alt"

    book = Book()
    html = env.get_template("okrsite/embed.html").render(chart=Chart(), image="c.svg", size=(1, 1),
                                                         spec="c.vl.json", lang="ja", interactive=False, page="p/", okr=Fake(view, book))
    assert book.made and all(s in html for s in book.made)


def test_the_sentinel_check_catches_a_template_that_reformats_a_value(view, sample_org, tmp_path):
    """The check above is not vacuous: a copy of the templates with one value lower-cased fails it."""
    import shutil

    import jinja2

    shutil.copytree(TEMPLATES, tmp_path / "t")
    macros = tmp_path / "t" / "okrsite" / "macros.html"
    text = macros.read_text(encoding="utf-8")
    assert "{{ okr.pct(fraction) }}</span>" in text
    macros.write_text(text.replace("{{ okr.pct(fraction) }}</span>", "{{ okr.pct(fraction) | lower }}</span>"),
                      encoding="utf-8")
    env = environment(jinja2.FileSystemLoader(str(tmp_path / "t")))
    spec = next(s for s in layout(sample_org, "ja") if s.kind == "objective")
    book = Book()
    html, _ = Renderer(env, Fake(view, book)).render(spec, spec.src_uri)
    assert [s for s in book.made if s not in html and s not in book.consumed]


# what a template must not contain: arithmetic, number formatting, its own URLs and anchors
FORBIDDEN = {
    "arithmetic": re.compile(r"\*\s*100|\|\s*round"),
    "number formatting": re.compile(r"'%[.\d]*[fd]'\s*%"),
    "a hard-coded link": re.compile(r"""href=["'](?:#|\.\./|/|[\w-]+\.(?:md|xml|html))|\}\}#[\w-]|~\s*['"]#"""),
    "a source path": re.compile(r"""['"][\w/-]+\.(?:md|xml)['"]"""),
    "markup let through (the view gives markup as Markup)": re.compile(r"\|\s*safe\b"),
    "an anchor built from an id": re.compile(r"""['"]#[\w-]*['"]\s*~|#[\w-]+-\{\{"""),
}


@pytest.mark.parametrize("path", sorted((TEMPLATES / "okrsite").glob("*.html")), ids=lambda p: p.name)
def test_templates_hold_no_arithmetic_formatting_or_urls(path: Path):
    text = path.read_text(encoding="utf-8")
    found = {what: pattern.findall(text) for what, pattern in FORBIDDEN.items() if pattern.search(text)}
    if path.name == "embed.html":  # the chart's own SVG and spec, which okrsite generated
        found.pop("markup let through (the view gives markup as Markup)", None)
    assert not found, found



def test_a_win_holding_markup_is_shown_as_text_wherever_it_is_quoted(tmp_path):
    """A win holding markup is shown as text on each page that quotes it: unit, home, the wins page."""
    import datetime as dt
    import shutil

    from bs4 import BeautifulSoup

    from okrsite.resolve.pipeline import load_organization

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    log = content / "logs" / "2026-Q4" / "product" / "2026-11-20.md"
    text = log.read_text(encoding="utf-8")
    win = "  - text: 初期設定ウィザードの新版を公開。設定を人事部内で分担できるようになった\n"  # a win with `about`
    assert win in text
    log.write_text(text.replace(win, '  - text: "<b>bold</b> win <img src=x>"\n'), encoding="utf-8")
    org = load_organization(content, dt.date(2026, 11, 24))
    view = SiteView(org, "ja")
    pages = [s for s in layout(org, "ja") if s.src_uri in ("units/product.md", "index.md", "wins/2026-Q4.md")]
    assert len(pages) == 3
    for spec in pages:
        html, _ = Renderer(environment(), view).render(spec, spec.src_uri)
        soup = BeautifulSoup(html, "html.parser")
        assert "<b>bold</b> win <img src=x>" in soup.get_text(), spec.src_uri
        assert soup.find("b", string="bold") is None, spec.src_uri
