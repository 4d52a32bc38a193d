"""The hostile corpus (tests/hostile_corpus.py: a script payload in every text field and body of every file
kind, each with its own marker) built into a site and every page opened in Chromium (okrsite's alias pages
are checked to be the redirect template instead, their targets opened): nothing a contributor wrote runs
in a reader's browser, on load, after its links and <details> are clicked, or while its titles are typed
into the search box; and every field still reaches the site, shown as the text it is.

Without Chromium these tests skip, unless OKRSITE_REQUIRE_BROWSER=1 (CI), where they fail instead.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from okrsite.resolve.pipeline import load_organization

from .browser import LAUNCH_ARGS, serve
from .hostile_browser import Findings, alias_redirects, site_pages, visit
from .hostile_corpus import LINKS, MARK, PAYLOADS, SEEN, build_served, hostile_project
from .test_browser import chromium_path  # noqa: F401 (the fixture: Chromium, a skip, or a failure in CI)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-browser")
    corpus, config = hostile_project(root)
    return corpus, root, build_served(config, root / "site")


def _in_own_thread(fn) -> None:
    """Playwright's sync API allows one session per thread, and the sample's browser tests keep theirs
    open for the whole run: this module drives its own Chromium from a thread of its own."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 (re-raised in the test's thread)
            failure.append(exc)

    thread = threading.Thread(target=run, name="okrsite-hostile-browser")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


@pytest.fixture(scope="module")
def findings(hostile, chromium_path) -> Findings:  # noqa: F811
    corpus, _, site = hostile
    titles = [p for p in corpus.placements if p.field in ("objective.title", "unit.name")]
    searches = [f"{SEEN}{p.n}" for p in titles]  # the start of every such title, as a reader would type it
    out = Findings()

    def browse() -> None:
        from playwright.sync_api import sync_playwright

        with serve(site) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
            try:
                visit(browser, base, _browsed(site), out, searches)
            finally:
                browser.close()

    _in_own_thread(browse)
    return out


def _browsed(site: Path) -> list[str]:
    """Every page but okrsite's alias pages: each is, byte for byte, the redirect template around an
    escaped address (`alias_redirects` matches the whole file), so all it can do is load its target,
    a page visited here in its own right; loading each chart page a second time through its alias
    cost a quarter of this module's time."""
    redirects = alias_redirects(site)
    return [p for p in site_pages(site) if p not in redirects]


def _describe(corpus, numbers) -> list[str]:
    return sorted(f"{corpus.by_number(n).field} <- {corpus.by_number(n).payload}" for n in numbers)


def test_no_payload_runs_or_loads_in_the_browser(hostile, findings):
    corpus, _, site = hostile
    redirects = alias_redirects(site)  # not browsed: each is the redirect template, sending to a page browsed here
    assert findings.pages == len(site_pages(site)) - len(redirects) > 50
    assert redirects and set(redirects.values()) <= set(_browsed(site))
    assert not findings.ran, f"payloads ran: {_describe(corpus, findings.ran)}"
    assert not findings.loaded, f"payloads fetched their URL: {_describe(corpus, findings.loaded)}"
    assert not findings.dialogs
    assert not findings.errors, findings.errors[:5]
    assert not findings.live, f"event handlers or scripting links in the DOM: {dict(list(findings.live.items())[:5])}"


def test_search_results_show_titles_as_text(hostile, findings):
    """Typing a title finds its page, and the result shows the title's markup as text (not as tags,
    and not as entities escaped twice)."""
    corpus, _, _ = hostile
    assert findings.searches == 2 * len(PAYLOADS)
    titles = {p.n: p.text for p in corpus.placements if p.field == "objective.title"}
    shown = " ".join(findings.results)
    found = {int(n) for n in re.findall(SEEN + r"(\d+)", shown)}
    assert set(titles) <= found, f"searching found none of objective titles {sorted(set(titles) - found)}"
    # as written, but where inline Markdown (`**b**`, `__x … __`) changes a title by design, or a payload
    # holds entities of its own
    literal = {n: _flat(t) for n, t in titles.items() if t.count(MARK) < 2 and "**" not in t and "&" not in t}
    assert len(literal) >= 10
    flat = _flat(shown)
    wrong = [t for n, t in literal.items() if f"Objective {SEEN}{n} {t}" not in flat]
    assert not wrong, f"search results do not show these titles as written: {wrong}"


def test_every_field_reaches_the_site(hostile):
    """A payload that vanished with its field would prove nothing: each placement's visible tag is in the
    site (pages, search index or feeds)."""
    corpus, _, site = hostile
    text = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
                    if p.suffix in (".html", ".xml", ".json") and p.is_file())
    # not shown by design: a link's address; a retrospective's unit_score_reason (no page shows it yet)
    hidden = ("initiative.link", "retro.unit_score_reason")
    shown = {int(n) for n in re.findall(SEEN + r"(\d+)", text)}
    missing = [p for p in corpus.placements if p.field not in hidden and p.n not in shown]
    assert not missing, _describe(corpus, [p.n for p in missing])
    assert len(corpus.placements) >= 500


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("field, pages, prefix", [("objective.title", "okrs/2026-Q4/u*/o/index.html", "Objective"),
                                                  ("unit.name", "units/u*/index.html", "Unit"),
                                                  ("person.name", "units/p[0-9]*/index.html", "Person")])
def test_pages_show_their_titles_as_text(hostile, field, pages, prefix):
    """The <title>, Material's header topic and the page's <h1> hold the title a contributor wrote,
    character for character (escaped once: neither markup nor visible entities)."""
    corpus, _, site = hostile
    # titles are inline Markdown: `**b**` is bold and `__x=1" … window.__` emphasis, by design, so those
    # payloads' text is not shown character for character
    titles = {p.n: f"{prefix} {SEEN}{p.n} {p.text}" for p in corpus.placements if p.field == field}
    literal = {n for n, t in titles.items() if t.count(MARK) < 2 and "**" not in t}
    seen = 0
    for path in sorted(site.glob(pages)):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        n = int(soup.title.get_text().split(SEEN, 1)[1].split(" ", 1)[0])
        written = _flat(titles[n])
        seen += 1
        if n not in literal:
            continue
        assert _flat(soup.title.get_text()).startswith(written)
        assert _flat(soup.select_one("[data-md-component=header-topic] .md-ellipsis").get_text()) == written
        h1 = soup.select_one("article h1")
        assert h1 is not None and _flat(h1.get_text()) in (written, "Why")  # an objective's body starts with # Why
    assert seen == len(titles) == len(PAYLOADS) and len(literal) >= 10


def _scheme(url: str) -> str:
    """The scheme a browser reads (the test's own reading: tabs, newlines and controls dropped)."""
    clean = re.sub(r"[\x00-\x20\x7f]", "", url).lower()
    return clean.split(":", 1)[0] if re.match(r"[a-z][a-z0-9+.-]*:", clean) else ""


def test_unsafe_links_are_errors_and_never_linked(hostile):
    """`okrsite check` reports every unsafe initiative link (OKR122); no page of the served site has an
    address a browser would run (href, src, action, formaction, data)."""
    corpus, root, site = hostile
    org = load_organization(root / "content")
    flagged = {Path(d.location.path).parent.name for d in org.diagnostics if d.code == "OKR122"}
    assert flagged == {f"u{k}" for k, name in enumerate(PAYLOADS) if name in LINKS}
    bad = []
    for path in site.rglob("*.html"):
        for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all(True):
            for attr in ("href", "src", "action", "formaction", "data", "srcdoc"):
                value = tag.get(attr)
                if value is not None and (attr == "srcdoc" or _scheme(value) not in ("", "http", "https", "mailto")):
                    bad.append(f"{path.relative_to(site)}: <{tag.name} {attr}={value[:60]!r}>")
    assert not bad, bad[:10]
