"""The README's screenshots of the sample site: the dashboard and an objective page, at a desktop's and a
phone's width, written to docs/img/ (`make screenshots`, which runs `python -m tests.screenshots`).

The sample is built with the browser tests' fixed today, so a refresh changes the pictures only when the
site's look or the sample changes. Needs Chromium and Playwright, as the browser tests do.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .browser import DASHBOARD, LAUNCH_ARGS, OBJECTIVE, ROOT, build_site, find_chromium, open_page, serve

SHOTS = {"dashboard": DASHBOARD, "objective": OBJECTIVE}
SIZES = {"": ({"width": 1280, "height": 860}, 1), "-phone": ({"width": 390, "height": 844}, 2)}


def take(out: Path) -> list[Path]:
    """Build the sample, then save <page><size>.png for every page and size; returns the files written."""
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("screenshots: Chromium is not installed (Debian: apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp, serve(build_site(Path(tmp) / "site")) as base, \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        for suffix, (viewport, scale) in SIZES.items():
            context = browser.new_context(viewport=viewport, device_scale_factor=scale, color_scheme="light")
            page = context.new_page()
            for name, path in SHOTS.items():
                open_page(page, base, path, idle=True)
                target = out / f"{name}{suffix}.png"
                page.screenshot(path=str(target))
                written.append(target)
            context.close()
        browser.close()
    return written


if __name__ == "__main__":
    for path in take(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img"):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
