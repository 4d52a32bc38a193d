"""Driving the hostile site in Chromium: every page is loaded, its dangerous links clicked, its <details>
toggled, every element hovered, and each payload's title typed into the search box; what ran is read back
from the page's globals (each placement sets its own `window.__okxN`).
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from .hostile_corpus import MARK

# every element with a scheme a browser would run, or an event handler: click it, hover it
PROVOKE_JS = r"""
() => {
  const safe = new Set(['http:', 'https:', 'mailto:', '']);
  const live = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of Array.from(el.attributes)) {
      if (a.name.startsWith('on')) live.push(el.tagName + ' ' + a.name);
    }
    if (el.tagName === 'A' && el.getAttribute('href') !== null && !safe.has(el.protocol)) {
      live.push('A ' + el.protocol); el.click();
    }
    if (el.tagName === 'DETAILS') { el.open = !el.open; }
    if (el.tagName === 'SUMMARY') { el.click(); }
    for (const type of ['mouseover', 'click', 'focus']) {
      if (el.getAttribute('on' + type) !== null) el.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
  return live;
}
"""
RAN_JS = "(mark) => Object.keys(window).filter(k => k.startsWith(mark)).map(k => Number(k.slice(mark.length)))"


@dataclass
class Findings:
    """What the hostile site did in the browser."""

    ran: dict[int, set[str]] = field(default_factory=dict)  # placement -> pages where it ran
    loaded: dict[int, set[str]] = field(default_factory=dict)  # placement -> pages where it fetched its URL
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    live: dict[str, list[str]] = field(default_factory=dict)  # page -> handlers and scripting links in its DOM
    pages: int = 0
    searches: int = 0
    results: list[str] = field(default_factory=list)  # the search results' titles, as the reader sees them

    def note(self, kind: dict[int, set[str]], numbers, where: str) -> None:
        for n in numbers:
            kind.setdefault(int(n), set()).add(where)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if "404" not in p.name)


# okrsite's alias iframe page (charts/publish.py redirect_page): a meta refresh to the chart's own page
_REDIRECT = re.compile(r'<!doctype html><meta charset="utf-8"><title>[^<]*</title>'
                       r'<meta http-equiv="refresh" content="0; url=([^"<>]+)"><link rel="canonical" href="\1">'
                       r'<a href="\1">[^<]*</a>\n')


def alias_redirects(site: Path) -> dict[str, str]:
    """okrsite's alias pages (whole file in its redirect shape) -> the page they send the frame to."""
    out = {}
    for path in site_pages(site):
        text = (site / path).read_text(encoding="utf-8")
        m = _REDIRECT.fullmatch(text)
        if m:
            out[path] = posixpath.normpath(posixpath.join(posixpath.dirname(path), html.unescape(m.group(1))))
    return out


def _marker(url: str) -> int | None:
    if MARK not in url:
        return None
    tail = url.split(MARK, 1)[1]
    digits = ""
    for ch in tail:
        if not ch.isdigit():
            break
        digits += ch
    return int(digits) if digits else None


def _read(page, url: str, findings: Findings, where: str) -> None:
    """The markers set on the page, if it is still the page we opened."""
    if page.url != url:
        findings.live.setdefault(where, []).append(f"navigated to {page.url}")
        return
    try:
        findings.note(findings.ran, page.evaluate(RAN_JS, MARK), where)
    except PlaywrightError as exc:
        findings.live.setdefault(where, []).append(f"navigated: {exc.message[:80]}")


def visit(browser, base: str, pages: list[str], findings: Findings, searches: list[str]) -> None:
    """Load every page (and provoke it), then type each search query on the home page. Any navigation
    away from a page is a finding."""
    context = browser.new_context()
    page = context.new_page()
    where = {"page": ""}
    page.on("dialog", lambda d: (findings.dialogs.append(f"{where['page']}: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: findings.errors.append(f"{where['page']}: {e}"))
    page.on("request", lambda r: (n := _marker(r.url)) is not None and findings.note(findings.loaded, [n], where["page"]))
    for path in pages:
        where["page"] = path
        page.goto(base + path, wait_until="load")
        page.wait_for_timeout(50)
        _read(page, base + path, findings, path)
        try:
            live = page.evaluate(PROVOKE_JS)
            page.wait_for_timeout(50)
        except PlaywrightError as exc:  # the page went elsewhere: a payload navigated it
            live = [f"navigated: {exc.message[:80]}"]
        if live:
            findings.live[path] = live
        _read(page, base + path, findings, path)
        findings.pages += 1
    where["page"] = "search"
    page.goto(base, wait_until="load")
    box = page.locator(".md-search__input")
    box.click()
    # the search box answers only once its worker has loaded the index
    page.wait_for_function("() => { const m = document.querySelector('.md-search-result__meta');"
                           " return m && m.textContent.trim() !== '' && !m.textContent.includes('nitializ'); }")
    for query in searches:
        # the whole query at once, then one keyup (Material reads the query on keyup): typed key by
        # key, each prefix was a query of its own, and a prefix's results (which may already hold the
        # title) could be the ones read before the whole query's came back (a flake under load)
        box.fill(query)
        box.press("End")
        # until the results are this query's (the worker answers asynchronously); a query that finds its
        # page answers in ~0.3 s, but a loaded machine (two test workers on two cores) once took over 3 s
        try:
            page.wait_for_function("(q) => Array.from(document.querySelectorAll('.md-search-result__article h1'))"
                                   ".some(h => h.textContent.includes(q))", arg=query, timeout=15000)
        except PlaywrightError:
            pass  # nothing found: the test that needs a result says so
        page.wait_for_timeout(50)
        findings.results += page.locator(".md-search-result__article h1").all_text_contents()
        findings.note(findings.ran, page.evaluate(RAN_JS, MARK), "search:" + query[:30])
        findings.searches += 1
    context.close()
