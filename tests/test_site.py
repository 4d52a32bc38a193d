"""Golden tests of the generated site for the sample organization.

Pages are parsed (BeautifulSoup), and the numbers on them are compared with values the
tests compute on their own from the content files (plain PyYAML), not with okrsite's model.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.exceptions import Abort, PluginError

from okrsite.text.i18n import LABELS

from . import expected
from .conftest import CONTENT, ROOT
from .host_golden import foreign_loads
from .sitebuild import build_site, content_of, front_matter, latest_values, page, shared_site

TODAY = dt.date(2026, 11, 24)
Q4 = "2026-Q4"


@pytest.fixture(scope="module")
def site() -> Path:
    return shared_site(ROOT / "mkdocs.yml")  # built once per session, shared with other modules (sitebuild.py)


def objective_files(period: str) -> list[Path]:
    return sorted((CONTENT / "okrs" / period).glob("*/*.md"))


def expected_objective_progress(path: Path) -> float | None:
    fm = front_matter(path)
    hist = expected.history(CONTENT, path.parent.parent.name, path.parent.name, TODAY)
    krs = fm["key_results"]
    ps = [expected.progress(kr, hist.get(kr["id"], [])) for kr in krs]
    if all(p is None for p in ps):
        return None
    weights = [kr.get("weight", 1) for kr in krs]
    return sum(min(1.0, max(0.0, p or 0.0)) * w for p, w in zip(ps, weights, strict=True)) / sum(weights)


# --- every page type -----------------------------------------------------------------------------------
@pytest.mark.parametrize("url, marker", [
    ("", "#company-objectives"),
    ("periods", "table.okr-table"),
    (f"periods/{Q4}", "#okr-period-table"),
    (f"periods/{Q4}/cascade", "#okr-cascade"),
    ("units", "#okr-units"),
    ("units/product", "#current"),
    (f"okrs/{Q4}/product/self-serve", "#key-results"),
    ("people", "table.okr-table"),
    ("guide/how-we-run-okrs", "h1"),
])
def test_every_page_type_exists(site, url, marker):
    assert page(site, url).select_one(marker) is not None


def test_data_files_are_not_published(site):
    assert not (site / "okrsite.yml").exists()
    assert not (site / "logs").exists()
    assert not list(site.rglob("*.md"))


def test_objective_page_shows_each_kr_with_numbers_from_the_check_ins(site):
    path = CONTENT / "okrs" / Q4 / "product" / "self-serve.md"
    fm = front_matter(path)
    latest = latest_values(CONTENT, Q4, "product", TODAY)
    soup = page(site, f"okrs/{Q4}/product/self-serve")
    assert soup.select_one("h1").get_text(strip=True) == fm["title"]
    for kr in fm["key_results"]:
        section = soup.select_one(f"#kr-{kr['id']}")
        assert section is not None, kr["id"]
        current = section.select_one(".okr-numbers__current").get_text(strip=True)
        assert current == f"{latest[kr['id']]:g}%"
        bar = section.select_one("[role=progressbar]")
        expected = round((latest[kr["id"]] - kr["baseline"]) / (kr["target"] - kr["baseline"]) * 100)
        assert int(bar["aria-valuenow"]) == max(0, expected)
        assert section.select_one(".okr-numbers__baseline").get_text(strip=True) == f"{kr['baseline']:g}%"
        assert section.select_one(".okr-numbers__target").get_text(strip=True) == f"{kr['target']:g}%"
    titles = [li.get_text(" ", strip=True) for li in soup.select(".okr-initiative")]
    for ini in fm["initiatives"]:
        assert any(ini["title"] in t for t in titles)
    edit = soup.select_one("a.okr-edit")
    assert edit["href"] == "https://git.miraiworks.example/okr/okrs/-/edit/main/content/okrs/2026-Q4/product/self-serve.md"


@pytest.mark.parametrize("path", objective_files(Q4) + objective_files("2026-Q3"), ids=lambda p: p.stem)
def test_every_objective_page_has_its_key_results(site, path):
    fm = front_matter(path)
    soup = page(site, f"okrs/{path.parent.parent.name}/{path.parent.name}/{path.stem}")
    assert soup.select_one("h1").get_text(strip=True) == fm["title"]
    assert [s["id"] for s in soup.select("section.okr-kr")] == [f"kr-{kr['id']}" for kr in fm["key_results"]]


def test_period_overview_has_every_objective_with_its_progress(site):
    soup = page(site, f"periods/{Q4}")
    rows = soup.select("#okr-period-table tbody tr")
    files = objective_files(Q4)
    assert len(rows) == len(files)
    by_link = {}
    for row in rows:
        link = row.select("td")[1].select_one("a")["href"]
        by_link[link.rstrip("/").split("/")[-1], row.select("td")[0].get_text(strip=True)] = row
    units = {p.stem: front_matter(p)["name"] for p in (CONTENT / "units").glob("*.md")}
    for path in files:
        row = by_link[(path.stem, units[path.parent.name])]
        expected = expected_objective_progress(path)
        value = float(row.select("td")[4]["data-value"])
        if expected is None:
            assert value == -1
        else:
            assert value == pytest.approx(expected, abs=1e-3), path


def test_dashboard_shows_company_objectives_and_status_counts(site):
    soup = page(site, "")
    titles = {front_matter(p)["title"] for p in (CONTENT / "okrs" / Q4 / "company").glob("*.md")}
    cards = soup.select("#company-objectives ~ .okr-cards .okr-card__title")
    assert {c.get_text(strip=True) for c in cards} == titles
    counts = [int(n.get_text()) for n in soup.select(".okr-counts .okr-counts__n")]
    assert sum(counts) == len(objective_files(Q4))
    assert "ようこそ" in soup.get_text()  # the hand-written home page text comes first


def test_cascade_has_every_objective_once_and_lists_orphans(site):
    soup = page(site, f"periods/{Q4}/cascade")
    files = objective_files(Q4)
    links = [a["href"] for a in soup.select("li.okr-node:not(.okr-node--kr) > .okr-node__leaf a.okr-node__title")]
    targets = sorted(re.sub(r"^(\.\./)+", "", h).rstrip("/") for h in links)
    assert targets == sorted(f"okrs/{Q4}/{p.parent.name}/{p.stem}" for p in files)
    orphans = {front_matter(p)["title"] for p in files
               if not front_matter(p).get("aligns_to") and p.parent.name != "company"}
    assert {a.get_text(strip=True) for a in soup.select("#okr-orphans > li > * a.okr-node__title")} == orphans
    roots = soup.select("#okr-cascade > li")
    assert len(roots) == len(list((CONTENT / "okrs" / Q4 / "company").glob("*.md")))


def test_unit_page_shows_members_objectives_and_history(site):
    soup = page(site, "units/product")
    people = {front_matter(p)["name"] for p in (CONTENT / "units").glob("*.md")
              if front_matter(p).get("kind") == "person" and front_matter(p).get("parent") == "product"}
    assert {a.get_text(strip=True) for a in soup.select(".okr-people a")} == people
    current = {front_matter(p)["title"] for p in (CONTENT / "okrs" / Q4 / "product").glob("*.md")}
    assert {a.get_text(strip=True) for a in soup.select(".okr-card__title")} == current
    past = {front_matter(p)["title"] for p in (CONTENT / "okrs" / "2026-Q3" / "product").glob("*.md")}
    history_titles = {a.get_text(strip=True) for a in soup.select("#history ~ .okr-table-wrap td a")}
    assert past <= history_titles


def test_people_index_lists_every_person(site):
    soup = page(site, "people")
    people = [p for p in (CONTENT / "units").glob("*.md") if front_matter(p).get("kind") == "person"]
    assert len(soup.select("tbody tr")) == len(people)


def _internal_targets(site: Path):
    for html in site.rglob("*.html"):
        soup = page(site, str(html.relative_to(site)))
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for el in soup.find_all(tag):
                ref = el.get(attr)
                if not ref or ref.startswith(("#", "mailto:")) or urlsplit(ref).scheme or ref.startswith("//"):
                    continue
                yield html, ref


def dangling_links(built: Path, pages: Path) -> list[str]:
    """The internal links of the HTML under `pages` (a site, or a part of it) that lead to no file of
    the site `built` ("page → link")."""
    missing = []
    for html, ref in _internal_targets(pages):
        path = unquote(urlsplit(ref).path)
        target = (built / path.lstrip("/") if path.startswith("/") else html.parent / path).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            missing.append(f"{html.relative_to(built)} → {ref}")
    return missing


def test_every_internal_link_resolves(site):
    missing = dangling_links(site, site)
    assert not missing, missing[:20]


def test_no_asset_is_loaded_from_another_host(site):
    bad = foreign_loads(site)  # the same check every host's build passes (tests/host_golden.py)
    assert not bad, bad[:10]


def test_search_index_is_built_for_japanese(site):
    import json

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "ja" in index["config"]["lang"]
    assert any("導入後1週間以内のアクティブ率" in doc["text"] for doc in index["docs"])


def test_two_builds_produce_identical_files(site, tmp_path):
    again = build_site(ROOT / "mkdocs.yml", tmp_path / "again")
    skip = {"sitemap.xml", "sitemap.xml.gz"}
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file() and p.name not in skip}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file() and p.name not in skip}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_english_site_has_english_labels_and_dates(tmp_path):
    site = build_site(ROOT / "mkdocs.yml", tmp_path / "en", theme={"name": "material", "language": "en",
                                                                   "font": False, "custom_dir": "theme"})
    soup = page(site, f"okrs/{Q4}/product/self-serve")
    headings = [h.get_text(strip=True) for h in content_of(soup).select("h2")]
    assert headings[:2] == ["Key results", "Initiatives"]
    assert "as of Nov 24, 2026" in soup.get_text()
    status = soup.select_one(".okr-status").get_text(strip=True)
    assert status in {LABELS[k][1] for k in ("on_track", "at_risk", "off_track", "not_started")}
    generated_text = " ".join(el.get_text(" ") for el in soup.select(".okr-facts dt, h2, .okr-status, .okr-summary .okr-note"))
    japanese_labels = [ja for ja, _en in LABELS.values() if ja in generated_text and not ja.isascii()]
    assert japanese_labels == []


def test_stale_units_are_listed_on_the_dashboard(tmp_path):
    site = build_site(ROOT / "mkdocs.yml", tmp_path / "late", today="2026-12-20")
    listed = {a.get_text(strip=True) for a in page(site, "").select("#needs-check-in + ul a")}
    teams = {front_matter(CONTENT / "units" / f"{u}.md")["name"]
             for u in ("product", "engineering", "cs", "sales", "marketing")}
    assert teams <= listed


def test_validation_errors_stop_the_build(tmp_path, caplog):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    bad = content / "okrs" / Q4 / "product" / "self-serve.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("baseline: 50", "basline: 50"), encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("custom_dir: theme",
                      f"custom_dir: {ROOT / 'theme'}"), encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        build_site(config, tmp_path / "site")
    line = next(i for i, text in enumerate(bad.read_text(encoding="utf-8").split("\n"), 1) if "basline" in text)
    assert f"okrs/2026-Q4/product/self-serve.md:{line}:5: error OKR101" in caplog.text
    assert "did you mean `baseline`?" in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()


def _project(tmp_path: Path, content: Path = CONTENT, custom_dir: Path | None = None) -> Path:
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: content", f"docs_dir: {content}")
    text = text.replace("custom_dir: theme", f"custom_dir: {custom_dir or ROOT / 'theme'}")
    # share the repository's chart cache: these builds test other things than a cold start
    text = text.replace("  - okrsite\n", f"  - okrsite:\n      charts: {{cache_dir: {ROOT / '.cache' / 'okrsite'}}}\n")
    config.write_text(text, encoding="utf-8")
    return config


def test_a_custom_dir_overrides_okrsite_templates(tmp_path):
    theme = tmp_path / "theme"
    (theme / "okrsite").mkdir(parents=True)
    (theme / "main.html").write_text('{% extends "base.html" %}', encoding="utf-8")
    (theme / "okrsite" / "people.html").write_text('<p id="our-people">{{ okr.tree.people() | length }}</p>',
                                                   encoding="utf-8")
    site = build_site(_project(tmp_path, custom_dir=theme), tmp_path / "site")
    people = [p for p in (CONTENT / "units").glob("*.md") if front_matter(p).get("kind") == "person"]
    assert page(site, "people").select_one("#our-people").get_text() == str(len(people))
    assert page(site, f"okrs/{Q4}/product/self-serve").select_one("#key-results") is not None  # others untouched


def test_while_serving_errors_are_shown_instead_of_stopping(tmp_path):
    import shutil

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    bad = content / "logs" / Q4 / "product" / "2026-11-20.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("week1-active:", "week1-activ:", 1), encoding="utf-8")
    cfg = load_config(str(_project(tmp_path, content)), site_dir=str(tmp_path / "site"))
    plugin = cfg.plugins["okrsite"]
    plugin.config.today = dt.date(2026, 11, 24)
    cfg.plugins.on_startup(command="serve", dirty=False)
    build(cfg)
    banner = page(tmp_path / "site", f"okrs/{Q4}/product/self-serve").select_one(".okr-errors")
    assert banner is not None and "OKR205" in banner.get_text()
    assert "2026-11-20.md" in banner.get_text()


def test_serve_watches_a_content_directory_outside_docs_dir(tmp_path):
    from mkdocs.config import load_config

    docs = tmp_path / "docs"
    docs.mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\ndocs_dir: {docs}\ntheme: {{name: material, font: false}}\n"
                      f"plugins: [{{okrsite: {{content: {CONTENT}}}}}]\n", encoding="utf-8")
    cfg = load_config(str(config))
    plugin = cfg.plugins["okrsite"]
    plugin.on_config(cfg)

    class Server:
        watched: list[str] = []

        def watch(self, path):
            self.watched.append(path)

    server = plugin.on_serve(Server(), config=cfg, builder=None)
    assert server.watched == [str(CONTENT)]


@pytest.mark.parametrize("change, problem", [
    (("  font: false              # no Google Fonts: the intranet is offline\n", ""), "Google Fonts"),
    (("plugins:\n", "extra_javascript:\n  - https://cdn.example.com/x.js\nplugins:\n"), "cdn.example.com"),
])
def test_a_configuration_that_would_load_external_assets_stops_the_build(tmp_path, caplog, change, problem):
    config = _project(tmp_path)
    text = config.read_text(encoding="utf-8")
    assert change[0] in text
    config.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises((PluginError, Abort)) as err:
        build_site(config, tmp_path / "site")
    assert problem in str(err.value) + caplog.text
    assert "offline: strict" in str(err.value) + caplog.text


@pytest.mark.parametrize("plugin_block, problem", [
    ("  - okrsite:\n      today: 24.11.2026\n", "today must be YYYY-MM-DD"),
    ("  - okrsite:\n      settings: {stale_after_days: soon}\n", "OKR008"),
])
def test_nonsense_in_the_plugin_block_stops_the_build_with_a_message(tmp_path, caplog, plugin_block, problem):
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}").replace("docs_dir: content",
                                                                                       f"docs_dir: {CONTENT}")
    config.write_text(text.replace("  - okrsite\n", plugin_block), encoding="utf-8")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with pytest.raises((PluginError, Abort)) as err:  # a malformed `today` is refused as the config loads
        cfg = load_config(str(config), site_dir=str(tmp_path / "site"))
        cfg.plugins.on_startup(command="build", dirty=False)
        build(cfg)
    assert problem in str(err.value) + caplog.text


# --- charts in the page's colour scheme ----------------------------------------------------------------
def _luminance(color: str) -> float:
    """WCAG relative luminance of #rrggbb."""
    channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _text_colors(svg: str) -> set[str]:
    return set(re.findall(r'<text\b[^>]*\bfill="(#[0-9a-fA-F]{6})"', svg))


def _css_rules(css: str) -> list[tuple[str, str]]:
    """The stylesheet's rules for the screen (print styles set aside)."""
    screen = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)
    return [(sel.strip(), body) for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", screen)]


def test_charts_show_dark_text_in_the_light_scheme_and_light_text_in_the_dark_one(site):
    here = site / "okrs" / Q4 / "product" / "self-serve"
    figure = content_of(page(site, f"okrs/{Q4}/product/self-serve")).select_one("figure.okr-chart")
    light, dark = figure.select_one("img.okr-chart__img--light"), figure.select_one("img.okr-chart__img--dark")
    assert light["alt"] and light["alt"] == dark["alt"]
    # one SVG file for both schemes: drawn in currentColor, whose colour its style sheet sets for a
    # light background, and in its prefers-color-scheme: dark rule for a dark one
    assert light["src"] == dark["src"]
    svg = (here / light["src"]).resolve().read_text(encoding="utf-8")
    assert re.search(r'<text\b[^>]*\bfill="currentColor"', svg) and not _text_colors(svg)
    style = re.search(r"<style>(.*?)</style>", svg).group(1)
    light_colors = set(re.findall(r"^svg\{color:(#[0-9a-fA-F]{6})\}", style))
    dark_colors = set(re.findall(r"@media \(prefers-color-scheme:\s*dark\)\{svg\{color:(#[0-9a-fA-F]{6})\}\}", style))
    assert light_colors and dark_colors
    # text on a light background is dark, on a dark background light (WCAG: well apart)
    assert max(map(_luminance, light_colors)) < 0.2, light_colors
    assert min(map(_luminance, dark_colors)) > 0.6, dark_colors
    # and the stylesheet shows each image in its scheme: Material's dark scheme is "slate"
    assert "slate" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    rules = _css_rules((site / "assets" / "okrsite" / "okrsite.css").read_text(encoding="utf-8"))

    def display(variant: str, scheme: bool) -> set[str]:
        return {m for sel, body in rules for part in sel.split(",")
                if part.strip().endswith(f".okr-chart__img--{variant}") and ("slate" in part) == scheme
                for m in re.findall(r"display:\s*(\w+)", body)}

    assert display("dark", scheme=False) == {"none"} and display("dark", scheme=True) == {"block"}
    assert display("light", scheme=True) == {"none"} and "none" not in display("light", scheme=False)

    def color_scheme(slate: bool) -> set[str]:  # which rule of the SVG's style sheet the image uses
        return {m for sel, body in rules for part in sel.split(",")
                if part.strip().endswith(".okr-chart__img") and ("slate" in part) == slate
                for m in re.findall(r"color-scheme:\s*(\w+)", body)}

    assert color_scheme(slate=False) == {"light"} and color_scheme(slate=True) == {"dark"}


def test_a_hand_written_home_page_comes_first_and_keeps_its_sections_in_the_contents(site):
    home = page(site, "")
    article = content_of(home)
    title = (CONTENT / "index.md").read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    text = article.get_text()
    assert title in text and text.index(title) < text.index(article.select_one("#company-objectives").get_text())
    contents = [a["href"] for a in home.select("nav.md-nav--secondary")[-1].select("a")]
    own = [f"#{h['id']}" for h in article.select("h2[id]") if not h.find_parent(class_="okr-dashboard")]
    assert own and contents[:len(own)] == own  # the page's own sections first
    assert "#company-objectives" in contents and "#needs-check-in" in contents


def test_the_finished_quarter_shows_no_pace_status_or_marker(site):
    """2026-Q3 has ended: its pages show final states (docs/scoring.md), never a pace status."""
    pace = {"on_track", "at_risk", "off_track", "not_started"}
    pages = [p for p in site.rglob("index.html") if "/2026-Q3/" in p.as_posix()]
    assert len(pages) > 5
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert not set(re.findall(r"okr-(?:status|bar)--([\w-]+)", html)) & pace, path
        assert "okr-bar__pace" not in html, path


def test_every_score_chip_on_every_page_is_coloured_by_what_it_shows(site):
    """The Japanese sample: a colour follows the shown number, "–" is never coloured (design §9, §22)."""
    from .truth import chip_problems, chips

    assert chips(site) > 200
    assert chip_problems(site) == []
