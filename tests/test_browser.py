"""The built site in a real browser (Debian's Chromium driven by Playwright): the cascade's filter and
folding, sortable tables, Japanese search offline, phone layout, dark mode contrast, and that no page
reaches outside the intranet or throws JavaScript errors.

Without Chromium these tests skip, unless OKRSITE_REQUIRE_BROWSER=1 (CI), where they fail instead.
"""

from __future__ import annotations

import os

import pytest

from .browser import (
    BAR_LABEL_JS,
    CASCADE,
    CONTRAST_JS,
    DASHBOARD,
    DESKTOP,
    LAUNCH_ARGS,
    OBJECTIVE,
    OVERFLOW_JS,
    PERIOD,
    PHONE,
    ROOT,
    TODAY,
    Recorder,
    build_site_with_url,
    find_chromium,
    open_page,
    serve,
    shot,
)
from .sitebuild import shared_site

NAMES = {DASHBOARD: "dashboard", OBJECTIVE: "objective", PERIOD: "period", CASCADE: "cascade"}

# ---------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def chromium_path():
    """Chromium and Playwright, or a skip; or a failure where the browser tests are required (CI)."""
    path = find_chromium()
    problem = None
    if path is None:
        problem = "Chromium is not installed (Debian: apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "Playwright is not installed (pip install -e '.[test]')"
    if problem:
        if os.environ.get("OKRSITE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"OKRSITE_REQUIRE_BROWSER=1 but the browser tests cannot run: {problem}", pytrace=False)
        pytest.skip(f"browser tests skipped: {problem}")
    return path


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, chromium_path):
    """The sample organization's site, built once with a fixed today and served on 127.0.0.1."""
    site = shared_site(ROOT / "mkdocs.yml", TODAY)  # built once per session (tests/sitebuild.py)
    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def instant_site_url(tmp_path_factory, chromium_path):
    """The sample built for its own address, so that Material's instant loading is active (see browser.py)."""
    site = tmp_path_factory.mktemp("instant") / "site"
    site.mkdir()
    with serve(site) as base:
        build_site_with_url(site, base)
        yield base


@pytest.fixture(scope="module")
def chromium(chromium_path):
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
    yield browser
    browser.close()
    pw.stop()


@pytest.fixture
def new_page(chromium, site_url):
    """new_page(viewport=..., color_scheme=..., base=..., **context options) -> (page, recorder), in a fresh
    browser context (no cache, no stored palette); base is the server the recorder counts as local."""
    contexts = []

    def make(viewport=DESKTOP, color_scheme="light", base=None, **options):
        context = chromium.new_context(viewport=viewport, color_scheme=color_scheme, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        recorder = Recorder(base or site_url)
        recorder.attach(page)
        return page, recorder

    yield make
    for context in contexts:
        context.close()


# ---------------------------------------------------------------------------------------------- cascade

# For every node of the cascade (both trees): is it shown, does it match the filter, does anything below match.
# A node matches when every word of the query (folded as an IME user expects: full-width letters and the
# ideographic space count as their plain forms) occurs in its title, unit or owner, and its status is the one chosen.
TREE_STATE_JS = r"""
([q, s]) => Array.from(document.querySelectorAll('.okr-tree li.okr-node')).map(li => {
  const fold = (t) => t.normalize('NFKC').toLowerCase();
  const words = fold(q).split(/\s+/).filter(Boolean);
  const matches = (n) => words.every(w => fold(n.dataset.search).includes(w)) && (!s || n.dataset.status === s);
  return {
    title: li.querySelector('.okr-node__title').textContent.trim(),
    shown: li.checkVisibility(),
    self: matches(li),
    below: Array.from(li.querySelectorAll('li.okr-node')).some(matches),
  };
})
"""


def _tree(page, q="", s=""):
    return page.evaluate(TREE_STATE_JS, [q, s])


def _assert_filtered(nodes):
    """A node is shown exactly when it matches or something below it does (so every match keeps its ancestors)."""
    wrong = [(n["title"], n["shown"]) for n in nodes if n["shown"] != (n["self"] or n["below"])]
    assert not wrong, f"nodes shown/hidden against the filter: {wrong}"


def test_cascade_shows_every_top_level_node_before_any_interaction(new_page, site_url):
    page, rec = new_page()
    open_page(page, site_url, CASCADE)
    tops = page.locator("#okr-cascade > li.okr-node")
    assert tops.count() >= 2
    for i in range(tops.count()):
        assert tops.nth(i).is_visible()
    assert page.locator(".okr-tree-tools").is_visible(), "the filter tools stay hidden: okrsite.js did not run"
    assert all(n["shown"] for n in _tree(page)), "a node of the cascade is hidden before any filtering"
    # a tree, not Material's collapsible admonitions: no box around each node, no pencil "note" icon
    boxed = page.evaluate("""() => Array.from(document.querySelectorAll('.okr-tree details')).filter(d =>
        getComputedStyle(d).borderTopWidth !== '0px'
        || getComputedStyle(d.querySelector('summary'), '::before').maskImage.includes('M12 2C6.47')).length""")
    assert boxed == 0, "Material styles the cascade's <details> as admonitions"
    assert not rec.errors


def test_cascade_without_javascript_shows_the_tree_and_hides_the_useless_tools(new_page, site_url):
    page, _ = new_page(java_script_enabled=False)
    page.goto(site_url + CASCADE)
    tops = page.locator("#okr-cascade > li.okr-node")
    assert tops.count() >= 2
    assert all(tops.nth(i).is_visible() for i in range(tops.count()))
    assert not page.locator(".okr-tree-tools").is_visible()


# Japanese as people type it: an IME gives full-width letters and the ideographic space (U+3000).
QUERIES = ["saml", "セールスチーム", "佐藤 大輝", "佐藤\u3000大輝", "エンジニアリング　ＳＡＭＬ"]


def test_cascade_filter_keeps_matches_and_their_ancestors(new_page, site_url):
    page, rec = new_page()
    open_page(page, site_url, CASCADE)
    box = page.locator(".okr-tree-tools__filter")
    for query in QUERIES:
        page.locator(".okr-tree-tools__collapse").click()  # matches inside folded nodes must be revealed
        box.fill(query)
        nodes = _tree(page, query)
        matches = [n for n in nodes if n["self"]]
        assert matches, f"the sample has no node matching {query!r}"
        assert any(not n["shown"] for n in nodes), f"{query!r} hid nothing"
        _assert_filtered(nodes)
        assert all(n["shown"] for n in matches)

        box.fill("")
        assert not page.locator(".okr-tree li.okr-hidden").count(), "clearing the filter left nodes hidden"
    assert not rec.errors


def test_cascade_filter_reveals_a_deep_match_with_its_whole_branch(new_page, site_url):
    page, _ = new_page()
    open_page(page, site_url, CASCADE)
    branch = ["エンタープライズ企業の厳しい要件に応えられる会社になる", "従業員1000名以上の導入企業数", "SAML SSO・SCIM連携の提供"]
    for query in ("SAML", "ｓａｍｌ", "scim 提供"):  # a team's KR, two levels below a company objective
        page.locator(".okr-tree-tools__collapse").click()
        page.locator(".okr-tree-tools__filter").fill(query)
        assert [n["title"] for n in _tree(page) if n["shown"]] == branch, query


def test_cascade_status_select_filters_by_status(new_page, site_url):
    page, rec = new_page()
    open_page(page, site_url, CASCADE)
    select, box = page.locator(".okr-tree-tools__status"), page.locator(".okr-tree-tools__filter")
    for status in ("off_track", "at_risk", "on_track"):
        select.select_option(status)
        nodes = _tree(page, "", status)
        assert any(n["self"] for n in nodes)
        assert any(not n["shown"] for n in nodes), f"selecting {status} hid nothing"
        _assert_filtered(nodes)

        box.fill("セールスチーム")  # the text filter and the status combine
        _assert_filtered(_tree(page, "セールスチーム", status))
        box.fill("")

    select.select_option("")
    assert all(n["shown"] for n in _tree(page))
    assert not rec.errors


def test_cascade_expand_and_collapse_all(new_page, site_url):
    page, rec = new_page()
    open_page(page, site_url, CASCADE)
    details = "Array.from(document.querySelectorAll('.okr-tree details')).map(d => d.open)"
    assert page.evaluate(details), "the cascade has no foldable node"

    page.locator(".okr-tree-tools__collapse").click()
    assert not any(page.evaluate(details))
    tops = page.evaluate("Array.from(document.querySelectorAll('.okr-tree > li.okr-node')).filter(li => li.parentElement.closest('li') === null).length")
    shown = [n for n in _tree(page) if n["shown"]]
    assert len(shown) == tops, "collapsing all should leave only the roots of each tree"

    page.locator(".okr-tree-tools__expand").click()
    assert all(page.evaluate(details))
    assert all(n["shown"] for n in _tree(page))
    assert not rec.errors


# ---------------------------------------------------------------------------------------------- sorting

PROGRESS_COLUMN = 5  # 組織, 目標, タイプ, オーナー, 進捗, スコア, 状態


def _rows(page):
    return page.evaluate(
        """(col) => Array.from(document.querySelectorAll('#okr-period-table tbody tr')).map(tr => [
             tr.cells[1].textContent.trim(), parseFloat(tr.cells[col - 1].dataset.value)])""",
        PROGRESS_COLUMN,
    )


def test_period_table_sorts_by_progress_both_ways(new_page, site_url):
    page, rec = new_page()
    open_page(page, site_url, PERIOD)
    head = page.locator("#okr-period-table thead th").nth(PROGRESS_COLUMN - 1)
    assert head.inner_text().strip() == "進捗"
    before = _rows(page)
    assert len(before) >= 3 and len({v for _, v in before}) >= 3

    head.click()
    up = _rows(page)
    assert [v for _, v in up] == sorted(v for _, v in before)
    assert head.get_attribute("aria-sort") == "ascending"
    assert sorted(up) == sorted(before), "rows were not moved whole (a title lost its progress)"

    head.click()
    down = _rows(page)
    assert [v for _, v in down] == sorted((v for _, v in before), reverse=True)
    assert head.get_attribute("aria-sort") == "descending"

    # by keyboard too, and another column takes over the sort indicator
    unit_head = page.locator("#okr-period-table thead th").first
    unit_head.focus()
    page.keyboard.press("Enter")
    assert unit_head.get_attribute("aria-sort") == "ascending"
    assert head.get_attribute("aria-sort") is None
    assert not rec.errors


# ---------------------------------------------------------------------------------------------- instant loading


def _instant_navigation(page, base, path):
    """Follow the dashboard's link to path; True if Material swapped the page in place (instant loading)."""
    open_page(page, base, DASHBOARD, idle=True)
    page.evaluate("window.okrsiteSamePage = true")  # survives an instant navigation, not a reload
    page.locator(f'.md-content a[href$="{path}"]').first.click()
    # not wait_for_url: navigation.tracking may add a heading's #anchor at any moment
    page.wait_for_function("(p) => location.pathname.endsWith('/' + p)", arg=path)
    page.locator(".md-content h1").wait_for()
    return page.evaluate("window.okrsiteSamePage === true")


def test_cascade_and_table_work_after_instant_navigation(new_page, instant_site_url):
    """Material's instant loading swaps pages without running scripts again: okrsite.js must set up each new page."""
    page, rec = new_page(base=instant_site_url)
    assert _instant_navigation(page, instant_site_url, CASCADE), "not an instant navigation: the test proves nothing"
    page.locator(".okr-tree-tools").wait_for(state="visible")
    page.locator(".okr-tree-tools__collapse").click()
    assert not any(page.evaluate("Array.from(document.querySelectorAll('.okr-tree details')).map(d => d.open)"))
    page.locator(".okr-tree-tools__filter").fill("saml")
    _assert_filtered(_tree(page, "saml"))

    assert _instant_navigation(page, instant_site_url, PERIOD)
    head = page.locator("#okr-period-table thead th").nth(PROGRESS_COLUMN - 1)
    head.click()
    assert head.get_attribute("aria-sort") == "ascending"
    values = [v for _, v in _rows(page)]
    assert values == sorted(values)
    assert not rec.foreign()
    assert not rec.errors


# ---------------------------------------------------------------------------------------------- search


def test_japanese_search_finds_pages_offline(new_page, site_url):
    page, rec = new_page()
    open_page(page, site_url, DASHBOARD)
    box = page.locator(".md-search__input")
    box.click()
    # the search box answers only once its worker has loaded the (Japanese) index
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() !== '' && !m.textContent.includes('初期化'); }")
    for word in ("オンボーディング", "解約率"):  # words inside Japanese sentences, not space-separated
        box.fill(word)
        box.press("End")  # Material reads the query on keyup, as after an IME commit
        page.wait_for_function("(w) => Array.from(document.querySelectorAll('.md-search-result mark'))"
                               ".some(m => w.includes(m.textContent) || m.textContent.includes(w))", arg=word)
        assert page.locator(".md-search-result__item").count() >= 1
    assert not rec.foreign()
    assert not rec.errors


# ---------------------------------------------------------------------------------------------- phone


@pytest.mark.parametrize("path", [DASHBOARD, OBJECTIVE, PERIOD, CASCADE], ids=NAMES.get)
def test_phone_pages_do_not_scroll_sideways(new_page, site_url, path):
    page, rec = new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    open_page(page, site_url, path)
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] + 1, f"the page scrolls sideways on a phone: {width}"
    assert page.evaluate(OVERFLOW_JS) == [], "elements stick out of the screen"
    assert page.evaluate(BAR_LABEL_JS) == [], "percentages apart from their bars"

    # tables scroll inside their wrapper, which itself fits the screen
    wraps = page.evaluate("""() => Array.from(document.querySelectorAll('.okr-table-wrap')).map(w => ({
        overflow: getComputedStyle(w).overflowX, right: w.getBoundingClientRect().right}))""")
    for w in wraps:
        assert w["overflow"] in ("auto", "scroll")
        assert w["right"] <= width[1] + 1
    if path in (DASHBOARD, OBJECTIVE, CASCADE):
        shot(page, f"{NAMES[path]}-phone")
    assert not rec.errors


def test_progress_bars_keep_their_percentage_beside_them(new_page, site_url):
    page, _ = new_page()
    for path in (DASHBOARD, PERIOD, CASCADE):  # cards with their KRs, the table, the tree
        open_page(page, site_url, path)
        assert page.evaluate(BAR_LABEL_JS) == [], f"percentages apart from their bars on {NAMES[path]}"


def test_phone_period_table_becomes_cards_with_every_cell_on_screen(new_page, site_url):
    """Below 700 px each row of the period table is a card (okrsite.css): nothing scrolls sideways, not even
    inside the table's wrapper, and every cell (progress, score and status too) is on the screen."""
    page, _ = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    open_page(page, site_url, PERIOD)
    wrap = page.locator(".okr-table-wrap").first
    sizes = wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
    assert sizes[0] <= sizes[1], f"the period table still scrolls inside its wrapper on a phone: {sizes}"
    cells = page.evaluate("""() => Array.from(document.querySelectorAll('#okr-period-table tbody td'))
        .filter(td => td.textContent.trim()).map(td => { const r = td.getBoundingClientRect();
          return [td.dataset.label || '', r.left, r.right, r.width]; })""")
    assert cells and all(w > 0 and left >= 0 and right <= PHONE["width"] for _, left, right, w in cells), \
        [c for c in cells if not (c[3] > 0 and c[1] >= 0 and c[2] <= PHONE["width"])][:5]
    # a card shows each value with its column's name, and a squeezed column never breaks a title letter by letter
    assert {"進捗", "スコア", "状態"} <= {c[0] for c in cells}
    lines = page.evaluate("""() => Array.from(document.querySelectorAll('#okr-period-table td.okr-cell-title a'))
        .map(a => [a.textContent.trim(), a.getClientRects().length, a.textContent.trim().length])""")
    tall = [(text, n) for text, n, chars in lines if n > max(3, chars / 8)]
    assert not tall, f"titles squeezed into narrow lines on a phone: {tall[:5]}"


# ---------------------------------------------------------------------------------------------- dark mode

TEXT = ".okr-status, .okr-counts__item, .okr-score, .okr-pct, .okr-tree-tools .md-button, .md-button.okr-edit"
CHIPS = ".okr-chip"


@pytest.mark.parametrize("scheme, palette", [("light", "default"), ("dark", "slate")])
@pytest.mark.parametrize("path", [DASHBOARD, PERIOD, OBJECTIVE, CASCADE], ids=NAMES.get)
def test_badges_and_bars_keep_their_contrast(new_page, site_url, scheme, palette, path):
    page, rec = new_page(color_scheme=scheme)
    open_page(page, site_url, path)
    assert page.evaluate("document.body.dataset.mdColorScheme") == palette
    text = page.evaluate(CONTRAST_JS, {"text": TEXT, "bars": ".okr-bar"})
    chips = page.evaluate(CONTRAST_JS, {"text": CHIPS, "bars": ".none"})
    assert any(r["kind"] == "text" for r in text) and any(r["kind"] != "text" for r in text)
    low = [r for r in text if r["ratio"] < (4.5 if r["kind"] == "text" else 3)]  # WCAG AA text; non-text 3:1
    low += [r for r in chips if r["ratio"] < 3]
    assert not low, f"too little contrast in the {scheme} scheme: {low[:6]}"
    if scheme == "dark" and path in (DASHBOARD, OBJECTIVE, CASCADE):
        shot(page, f"{NAMES[path]}-dark")
    assert not rec.errors


# ---------------------------------------------------------------------------------------------- offline, errors


def test_pages_stay_on_the_intranet_and_raise_no_errors(new_page, site_url):
    page, rec = new_page()
    for path in (DASHBOARD, OBJECTIVE, CASCADE):
        open_page(page, site_url, path, idle=True)  # idle: the search worker's index and lunr languages too
        shot(page, f"{NAMES[path]}-light")
    assert any(u.endswith("search/search_index.json") for u in rec.requests), "the recorder missed the worker"
    assert any("lunr.ja" in u for u in rec.requests), "the Japanese search language was not loaded"
    assert rec.foreign() == [], "requests left the local server"
    assert rec.errors == []


# ---------------------------------------------------------------------------------------------- learnings
def test_learnings_filter_by_unit_tag_and_words(new_page, site_url):
    page, rec = new_page()
    open_page(page, site_url, "learnings/2026-Q4/")
    items = page.locator("#okr-learnings li.okr-item")
    total = items.count()
    assert total >= 10 and page.locator("[data-okr-list]").is_visible()

    def visible() -> list[dict]:
        return page.evaluate("""() => Array.from(document.querySelectorAll('#okr-learnings li.okr-item'))
            .filter(li => li.offsetParent !== null).map(li => ({unit: li.dataset.unit, tags: li.dataset.tags,
            text: li.dataset.search}))""")

    page.select_option(".okr-list-tools__unit", "product")
    shown = visible()
    assert shown and all(i["unit"] == "product" for i in shown) and len(shown) < total
    page.select_option(".okr-list-tools__unit", "")
    tag = page.locator(".okr-list-tools__tag option").nth(1).get_attribute("value")
    page.select_option(".okr-list-tools__tag", tag)
    assert all(tag in i["tags"].split() for i in visible())
    page.select_option(".okr-list-tools__tag", "")
    page.fill(".okr-list-tools__filter", "ｚｚｚ存在しない語")
    assert visible() == [] and page.locator(".okr-list-tools .okr-tree-empty").is_visible()
    page.fill(".okr-list-tools__filter", "")
    assert len(visible()) == total
    assert not rec.errors
