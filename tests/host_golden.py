"""The golden assertions every host's output must pass: MkDocs + Material and ProperDocs with the
plugin, Zensical over `okrsite pages` (tests/test_host_*.py). They are host-independent: a host gives
a `HostSite` (where the site is, where okrsite's pages are in it, its search entries), and the
expected pages, titles and numbers are read from the content files with PyYAML, never from okrsite.

A host module builds each sample once (module-scoped fixtures `golden_ja`, the Japanese sample, and
`golden_en`, examples/lumen-foundation) and collects the assertions by subclassing `GoldenAssertions`."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import ROOT
from .sitebuild import CHART_CACHE, content_of, front_matter, latest_values, page

CONTENT_JA = ROOT / "content"
CONTENT_EN = ROOT / "examples" / "lumen-foundation" / "content"
TODAY_JA = "2026-11-24"
TODAY_EN = "2026-12-10"  # the day examples/lumen-foundation's EXPECTED.md is computed for
INDEX_PAGES = ("", "periods", "units", "people", "learnings", "wins", "retros")
# what a reader sees as the objective page's first sections, by hand (not from okrsite's label table)
OBJECTIVE_HEADINGS = {"ja": ["主要な結果", "アライメント"], "en": ["Key results", "Alignment"]}
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
EXTERNAL = re.compile(r"""<(?:script|img|iframe|source|embed|object|link(?![^>]*\brel=["']?(?:canonical|alternate)))"""
                      r"""\b[^>]*\b(?:src|href|data)=["']((?:https?:)?//[^"']+)""")


@dataclass(frozen=True)
class HostSite:
    """One host's build of one sample."""

    root: Path  # the built site
    pages: Path  # where okrsite's pages are in it (root, or root/_okrsite under Zensical)
    search: list[tuple[str, str]]  # (location relative to root, text) of every search entry
    content: Path  # the content it was built from
    lang: str


# --- what the content says the site has -----------------------------------------------------------------
def _dropped(content: Path) -> set[Path]:
    """Objective files a check-in's `changes` dropped: they have no page (docs/site.md, Cascade)."""
    out = set()
    for log in (content / "logs").glob("*/*/*.md"):
        for change in front_matter(log).get("changes") or []:
            if isinstance(change, dict) and change.get("action") == "dropped" and change.get("objective"):
                out.add(content / "okrs" / log.parent.parent.name / log.parent.name / f"{change['objective']}.md")
    return out


def _objectives(content: Path) -> list[Path]:
    """The objective files that have a page."""
    return sorted(set((content / "okrs").glob("*/*/*.md")) - _dropped(content))


def foreign_loads(root: Path) -> list[str]:
    """What the HTML and CSS under `root` load from another host (scripts, images, styles, frames,
    CSS url()s, Google Fonts): an offline intranet site loads none."""
    bad = []
    for path in [*root.rglob("*.html"), *root.rglob("*.css")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        bad += [f"{path.relative_to(root)}: {u}" for u in EXTERNAL.findall(text)]
        bad += [f"{path.relative_to(root)}: url()" for _ in re.findall(r"url\((['\"]?)(https?:)?//", text)]
        if "fonts.googleapis" in text or "fonts.gstatic" in text:
            bad.append(f"{path.relative_to(root)}: Google Fonts")
    return bad


def expected_pages(content: Path) -> set[str]:
    """The page addresses okrsite makes, from the files alone (retrospective pages: see below)."""
    periods = sorted(p.name for p in (content / "okrs").iterdir() if p.is_dir())
    out = set(INDEX_PAGES) | {f"units/{p.stem}" for p in (content / "units").glob("*.md")}
    for period in periods:
        out |= {f"periods/{period}", f"periods/{period}/cascade", f"periods/{period}/statuses",
                f"learnings/{period}", f"wins/{period}"}
    out |= {f"okrs/{p.parent.parent.name}/{p.parent.name}/{p.stem}" for p in _objectives(content)}
    if any((content / "kpis").glob("*/*.md")):  # the company KPI page (docs/kpis.md)
        out.add("kpis")
    return out


def built_pages(pages: Path) -> set[str]:
    """The okrsite page addresses a host wrote (hand-written guide pages set aside)."""
    found = {p.parent.relative_to(pages).as_posix() for p in pages.rglob("index.html")}
    return {"" if a == "." else a for a in found if not a.startswith(("guide", "charts/"))}


def _search_text(site: HostSite, location: str) -> str:
    return " ".join(text for loc, text in site.search if loc.split("#")[0].rstrip("/") == location.rstrip("/"))


class _Refs(HTMLParser):
    """The addresses a page loads or links to (a/link href, script/img src): the standard library's
    HTML parser without building a tree, several times faster over a thousand pages."""

    ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src"}

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        want = self.ATTRS.get(tag)
        self.refs += [value for name, value in attrs if name == want and value]


def dangling_links(built: Path, pages: Path) -> list[str]:
    """The internal links of the HTML under `pages` that lead to no file of the site `built`."""
    missing = []
    for html in pages.rglob("*.html"):
        parser = _Refs()
        parser.feed(html.read_text(encoding="utf-8"))
        for ref in parser.refs:
            if ref.startswith(("#", "mailto:", "//")) or urlsplit(ref).scheme:
                continue
            path = unquote(urlsplit(ref).path)
            target = (built / path.lstrip("/") if path.startswith("/") else html.parent / path).resolve()
            if not (target / "index.html" if target.is_dir() else target).exists():
                missing.append(f"{html.relative_to(built)} → {ref}")
    return missing


# --- the assertions ---------------------------------------------------------------------------------------
class GoldenAssertions:
    """Collected by each host module (a subclass named Test…) against its `golden_ja` / `golden_en`."""

    @pytest.fixture(params=["ja", "en"])
    def golden(self, request) -> HostSite:
        return request.getfixturevalue(f"golden_{request.param}")

    def test_the_same_pages_at_the_same_addresses(self, golden):
        built, content = built_pages(golden.pages), golden.content
        retros = {a for a in built if a.startswith("retros/")}
        assert built - retros == expected_pages(content)
        # a retrospective page for every retro file, each for a unit with objectives (or a file) that period
        files = {f"retros/{p.parent.name}/{p.stem}" for p in (content / "retros").glob("*/*.md")}
        assert files <= retros
        units = {f"retros/{p.parent.parent.name}/{p.parent.name}" for p in _objectives(content)}
        periods = {f"retros/{p.name}" for p in (content / "okrs").iterdir()}
        assert retros - periods <= units | files
        assert {f"retros/{p.name}" for p in (content / "retros").iterdir()} <= retros

    def test_every_internal_link_resolves(self, golden):
        missing = dangling_links(golden.root, golden.pages)
        assert not missing, missing[:20]

    def test_nothing_is_loaded_from_another_host(self, golden):
        bad = foreign_loads(golden.root)
        assert not bad, bad[:10]

    def test_every_okrsite_page_loads_okrsites_stylesheet_and_script(self, golden):
        for url in ("", "periods", f"okrs/{_first_objective(golden.content)}"):
            soup, here = page(golden.pages, url), golden.pages / url
            css = [link["href"] for link in soup.select("link[rel=stylesheet][href]")]
            js = [script["src"] for script in soup.select("script[src]")]
            for own, refs in (("okrsite.css", css), ("okrsite.js", js)):
                mine = [r for r in refs if r.split("?")[0].endswith(f"assets/okrsite/{own}")]
                assert mine and all((here / r.split("?")[0]).resolve().is_file() for r in mine), (url, own, refs)

    def test_the_data_files_are_not_published(self, golden):
        raw = ("okrsite.yml", "logs") + (("okrs", "units", "retros") if golden.pages != golden.root else ())
        for name in raw:  # Zensical without okrsite's settings renders the data files as pages
            assert not (golden.root / name).exists(), name
        assert not [p for p in golden.root.rglob("*.md")], "Markdown sources published"

    def test_labels_are_in_the_sites_language(self, golden):
        soup = page(golden.pages, f"okrs/{_first_objective(golden.content)}")
        assert soup.html["lang"] == golden.lang
        assert [h.get_text(strip=True) for h in content_of(soup).select("h2")][:2] == OBJECTIVE_HEADINGS[golden.lang]
        if golden.lang == "en":  # the English sample's content is English too: no Japanese anywhere
            for path in golden.pages.rglob("index.html"):
                text = content_of(page(golden.pages, str(path.relative_to(golden.pages)))).get_text(" ")
                assert not CJK.findall(text), (path, CJK.findall(text)[:5])

    def test_the_dashboard_shows_the_top_units_objectives(self, golden):
        soup = page(golden.pages, "")
        latest = max(p.name for p in (golden.content / "okrs").iterdir())
        root = next(p.stem for p in (golden.content / "units").glob("*.md") if not front_matter(p).get("parent"))
        titles = {_plain(front_matter(p)["title"]) for p in _objectives_of(golden.content, latest)
                  if p.parent.name == root}
        cards = soup.select("#company-objectives ~ .okr-cards .okr-card__title")
        assert {c.get_text(strip=True) for c in cards} == titles
        counts = [int(n.get_text()) for n in soup.select(".okr-counts .okr-counts__n")]
        assert sum(counts) == len(_objectives_of(golden.content, latest))  # the running period drops none

    def test_the_cascade_links_every_objective_of_the_period_once(self, golden):
        latest = max(p.name for p in (golden.content / "okrs").iterdir())
        soup = page(golden.pages, f"periods/{latest}/cascade")
        links = [a["href"] for a in soup.select("li.okr-node:not(.okr-node--kr) > .okr-node__leaf a.okr-node__title")]
        targets = sorted(re.sub(r"^(\.\./)+", "", h).removesuffix(".md").rstrip("/") for h in links)
        assert targets == sorted(f"okrs/{latest}/{p.parent.name}/{p.stem}" for p in _objectives_of(golden.content,
                                                                                                     latest))

    def test_every_objective_page_has_its_title_and_key_results(self, golden):
        for path in _objectives(golden.content):
            fm = front_matter(path)
            soup = page(golden.pages, f"okrs/{path.parent.parent.name}/{path.parent.name}/{path.stem}")
            assert soup.select_one("h1").get_text(strip=True) == _plain(fm["title"]), path
            assert [s["id"] for s in soup.select("section.okr-kr")] == [f"kr-{kr['id']}" for kr in fm["key_results"]]

    def test_a_retrospective_and_an_embed_page_carry_their_values(self, golden):
        retro_file = sorted((golden.content / "retros").glob("*/*.md"))[-1]
        retro = front_matter(retro_file)
        soup = page(golden.pages, f"retros/{retro_file.parent.name}/{retro_file.stem}")
        shown = {s.get_text(strip=True) for s in soup.select(".okr-score")}
        for kr, score in (retro.get("scores") or {}).items():
            value = score.get("score") if isinstance(score, dict) else score
            assert value is None or f"{value:.2f}" in shown, kr
        text = soup.get_text(" ", strip=True)
        for item in (retro.get("went_well") or []) + (retro.get("to_improve") or []):
            assert item in text, item
        objective = _first_objective(golden.content)
        embed = page(golden.pages, f"charts/okrs/{objective}.html")
        title = front_matter(golden.content / "okrs" / f"{objective}.md")["title"]
        assert embed.title.get_text(strip=True) == _plain(title)
        image = embed.select_one("#chart img")  # the chart's SVG file, beside the embed page
        assert image is not None and image["src"].endswith(".svg")
        svg = (golden.pages / f"charts/okrs/{objective}.html").parent / image["src"]
        assert svg.is_file() and svg.read_bytes().lstrip().startswith((b"<svg", b"<?xml"))

    def test_search_finds_okrsites_objective_pages(self, golden):
        prefix = golden.pages.relative_to(golden.root).as_posix().removeprefix(".")
        for path in _objectives(golden.content)[:5]:
            fm = front_matter(path)
            where = f"{prefix}/okrs/{path.parent.parent.name}/{path.parent.name}/{path.stem}".lstrip("/")
            text = _search_text(golden, where)
            assert any(_plain(kr["title"]) in text for kr in fm["key_results"]), where

    def test_the_objective_page_shows_numbers_from_the_check_ins(self, golden_ja):
        """The Japanese sample's self-serve objective: each KR's current, baseline and target as its files say."""
        path = golden_ja.content / "okrs" / "2026-Q4" / "product" / "self-serve.md"
        fm = front_matter(path)
        latest = latest_values(golden_ja.content, "2026-Q4", "product", _date(TODAY_JA))
        soup = page(golden_ja.pages, "okrs/2026-Q4/product/self-serve")
        for kr in fm["key_results"]:
            section = soup.select_one(f"#kr-{kr['id']}")
            assert section.select_one(".okr-numbers__current").get_text(strip=True) == f"{latest[kr['id']]:g}%"
            want = round((latest[kr["id"]] - kr["baseline"]) / (kr["target"] - kr["baseline"]) * 100)
            assert int(section.select_one("[role=progressbar]")["aria-valuenow"]) == max(0, want)
            assert section.select_one(".okr-numbers__target").get_text(strip=True) == f"{kr['target']:g}%"
        edit = soup.select_one("a.okr-edit")
        assert edit["href"].endswith("/-/edit/main/content/okrs/2026-Q4/product/self-serve.md")


def _objectives_of(content: Path, period: str) -> list[Path]:
    return [p for p in _objectives(content) if p.parent.parent.name == period]


def _first_objective(content: Path) -> str:
    """period/unit/objective of the first objective (in path order) that has a page."""
    path = _objectives(content)[0]
    return f"{path.parent.parent.name}/{path.parent.name}/{path.stem}"


def _plain(title: str) -> str:
    """A title as a reader sees it: inline Markdown's marks and link targets dropped (by hand)."""
    return re.sub(r"[*_`]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)).strip()


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- preparing a sample for a host ------------------------------------------------------------------------
def scratch_lumen(root: Path) -> Path:
    """A copy of examples/lumen-foundation whose charts come from the shared cache; returns its folder."""
    shutil.copytree(CONTENT_EN.parent, root, ignore=shutil.ignore_patterns("site", ".cache"))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - okrsite:\n" in text
    config.write_text(text.replace("  - okrsite:\n", f"  - okrsite:\n      charts: {{cache_dir: {CHART_CACHE}}}\n", 1),
                      encoding="utf-8")
    return root


# --- the search entries of each host's index ----------------------------------------------------------
def mkdocs_search(root: Path) -> list[tuple[str, str]]:
    import json

    index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [(doc["location"], doc["title"] + " " + doc["text"]) for doc in index["docs"]]


def zensical_search(root: Path) -> list[tuple[str, str]]:
    import json

    index = json.loads((root / "search.json").read_text(encoding="utf-8"))
    return [(item["location"], item.get("title", "") + " " + item["text"]) for item in index["items"]]
