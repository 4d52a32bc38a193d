"""Helpers for the browser tests: build the sample site, serve it on localhost, drive Debian's Chromium.

Playwright never downloads a browser here (intranets and CI are offline): it drives the system's Chromium.
Set OKRSITE_SHOTS=/some/dir to keep screenshots of the pages the tests visit.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-24"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}

# The sample's pages the tests visit.
DASHBOARD = ""
OBJECTIVE = "okrs/2026-Q4/company/grow-mid-market/"
PERIOD = "periods/2026-Q4/"
CASCADE = "periods/2026-Q4/cascade/"


def find_chromium() -> str | None:
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def build_site(dest: Path) -> Path:
    """Build the sample organization's site into dest, as `make site` would, with a fixed today."""
    env = {**os.environ, "OKRSITE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(dest)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}")
    return dest


def build_site_with_url(dest: Path, site_url: str) -> Path:
    """The sample built in process for the address it is served at. Material's instant loading follows only links
    listed in sitemap.xml, whose URLs it moves to the page's protocol and host but not its port: with the sample's
    own site_url (or none) it stays off on a test server. okrsite's offline check is not what this build is for: a warning."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_url=site_url, site_dir=str(dest))
    okrsite = config.plugins["okrsite"].config
    okrsite["today"] = TODAY
    okrsite["offline"] = "warn"
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return dest


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve directory over HTTP on 127.0.0.1 (search needs http, not file://); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="okrsite-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@dataclass
class Recorder:
    """What a page did: every request it made, its JavaScript errors and failed loads."""

    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text} ({m.location})"))
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("response", lambda r: r.status >= 400 and self.errors.append(f"HTTP {r.status}: {r.url}"))
        page.on("requestfailed", self._failed)

    def _failed(self, request) -> None:
        # a load cut short by leaving the page (net::ERR_ABORTED) is no fault of the site
        if "ERR_ABORTED" not in (request.failure or ""):
            self.errors.append(f"failed: {request.url} ({request.failure})")

    def foreign(self) -> list[str]:
        """Requests that went anywhere but the local server (inline data: and blob: URLs stay in the page)."""
        here = urlsplit(self.base)
        out = []
        for url in self.requests:
            u = urlsplit(url)
            if u.scheme in ("data", "blob", "about"):
                continue
            if (u.scheme, u.hostname, u.port) != (here.scheme, here.hostname, here.port):
                out.append(url)
        return out


def open_page(page, base: str, path: str, *, idle: bool = False) -> None:
    """Load a page and wait until okrsite's script has run (and, with idle, until the network is quiet)."""
    page.goto(base + path, wait_until="networkidle" if idle else "load")
    page.wait_for_function("() => window.document$ !== undefined && document.querySelector('.md-content') !== null")


def shot(page, name: str, max_height: int | None = None) -> None:
    """Keep a full-page screenshot in $OKRSITE_SHOTS, when set (cut at `max_height` px, if given)."""
    folder = os.environ.get("OKRSITE_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        clip = None
        if max_height is not None:
            tall = page.evaluate("document.documentElement.scrollHeight")
            clip = {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": min(tall, max_height)}
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True, clip=clip)


# WCAG 2 contrast between an element's text colour (or, for a bar, its fill) and what is really behind it:
# semi-transparent backgrounds are composited over their ancestors' down to the page's.
CONTRAST_JS = r"""
(sel) => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => {
    const a = top[3] + under[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map(i => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a).concat([a]);
  };
  const behind = (el) => {
    let colour = [0, 0, 0, 0];
    const layers = [];
    for (let e = el; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
    layers.push([255, 255, 255, 1]);  // the canvas
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const name = (el) => el.className + ' "' + el.textContent.trim().slice(0, 30) + '"';
  const out = [];
  for (const el of document.querySelectorAll(sel.text)) {
    if (!visible(el)) continue;
    const bg = behind(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    out.push({kind: "text", what: name(el), ratio: ratio(fg, bg)});
  }
  for (const bar of document.querySelectorAll(sel.bars)) {
    if (!visible(bar)) continue;
    const track = behind(bar);
    const around = behind(bar.parentElement);
    const fill = bar.querySelector(".okr-bar__fill");
    if (fill && fill.getBoundingClientRect().width > 0) {
      const f = over(parse(getComputedStyle(fill).backgroundColor), track);
      out.push({kind: "fill/track", what: bar.className, ratio: ratio(f, track)});
      out.push({kind: "fill/page", what: bar.className, ratio: ratio(f, around)});
    }
  }
  return out;
}
"""

# Elements that stick out past the right edge of the viewport without being inside something that scrolls.
OVERFLOW_JS = r"""
() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (e) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX);
  const out = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) continue;
    let clipped = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) { clipped = true; break; }
    if (!clipped) out.push(el.tagName.toLowerCase() + '.' + el.className + ' right=' + Math.round(r.right));
  }
  return out.slice(0, 10);
}
"""

# Progress bars whose percentage drifted away from them (wrapped to another line, or pushed to the far edge).
BAR_LABEL_JS = r"""
() => Array.from(document.querySelectorAll('.okr-bar')).map(bar => {
  const pct = bar.nextElementSibling;
  const a = bar.getBoundingClientRect();
  if (a.width === 0 || !pct || !pct.classList.contains('okr-pct')) return null;
  const b = pct.getBoundingClientRect();
  const gap = b.left - a.right, dy = Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2);
  return (gap < 0 || gap > 40 || dy > 6) ? `${pct.textContent.trim()}: gap ${Math.round(gap)}px, off by ${Math.round(dy)}px` : null;
}).filter(Boolean)
"""


def need_browser(tests: str, problem: str | None) -> None:
    """Skip `tests` for `problem`, or fail where the browser tests are required (CI)."""
    import pytest

    if problem and os.environ.get("OKRSITE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"OKRSITE_REQUIRE_BROWSER=1 but the {tests} cannot run: {problem}", pytrace=False)
    if problem:
        pytest.skip(f"{tests} skipped: {problem}")


@contextlib.contextmanager
def launched_chromium(tests: str) -> Iterator:
    """Debian's Chromium under Playwright for one test module (a skip, or a failure in CI, without it).
    Started and stopped per module: Playwright's sync API allows one running instance per thread."""
    path = find_chromium()
    need_browser(tests, None if path else "Chromium is not installed (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need_browser(tests, "Playwright is not installed (pip install -e '.[test]')")
    pw = sync_playwright().start()
    chromium = pw.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()
        pw.stop()
