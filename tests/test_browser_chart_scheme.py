"""The one chart SVG follows the site's colour toggle, not only the reader's system (issue 15):
Chromium evaluates `prefers-color-scheme` inside an <img> from the image's `color-scheme`, which
okrsite.css sets from Material's palette. Without that rule, a page toggled to light on a dark
system would draw light chart text on a light page."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from okrsite.charts.publish import themed
from okrsite.charts.theme import DARK_TEXT, LIGHT_TEXT

from .browser import launched_chromium

CSS = Path(__file__).resolve().parents[1] / "okrsite" / "site" / "assets" / "okrsite.css"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="currentColor"/></svg>'


def _first_pixel(png: bytes) -> tuple[int, int, int]:
    """The top-left pixel of a screenshot (a row's first pixel is stored as is, whatever its filter)."""
    pos, idat = 8, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        if kind == b"IDAT":
            idat += png[pos + 8:pos + 8 + length]
        pos += 12 + length
    return tuple(zlib.decompress(idat)[1:4])


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the cases below, or a skip (a failure where browser tests are required)."""
    with launched_chromium("chart colour-scheme tests") as chromium:
        yield chromium


@pytest.mark.parametrize(("palette", "system", "text"), [("default", "dark", LIGHT_TEXT), ("slate", "light", DARK_TEXT),
                                                         ("slate", "dark", DARK_TEXT)])
def test_the_chart_follows_the_palette_toggle(browser, tmp_path, palette, system, text):
    (tmp_path / "c.svg").write_bytes(themed(SVG))
    (tmp_path / "okrsite.css").write_bytes(CSS.read_bytes())
    (tmp_path / "page.html").write_text(
        f'<!doctype html><html><head><link rel="stylesheet" href="okrsite.css"><style>body{{margin:0}}</style></head>'
        f'<body data-md-color-scheme="{palette}"><div class="md-typeset"><figure class="okr-chart" style="margin:0">'
        f'<img class="okr-chart__img" src="c.svg" width="40" height="20"></figure></div></body></html>',
        encoding="utf-8")
    page = browser.new_page(color_scheme=system, viewport={"width": 100, "height": 40})
    page.goto((tmp_path / "page.html").as_uri())
    page.wait_for_function("document.images[0].complete")
    shot = page.screenshot(clip={"x": 0, "y": 0, "width": 10, "height": 10})
    page.close()
    assert _first_pixel(shot) == _rgb(text)
