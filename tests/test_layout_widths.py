"""Real-world content on any screen: a generated organization (tests/longorg.py: 50 units, 200-character
titles) read at 390 px (a phone), 1,024 px (a laptop) and 1,400 px (a desktop) in Chromium.

On every page kind: the page body never scrolls sideways, every Status and Score cell of every table lies
inside the viewport (a table may not hide them behind its own scrolling), and no chart text is displayed
under 11 px (each <text>'s font-size in the chart's SVG times the scale the page displays the image at).
The period's unit-score chart of 50 units keeps its labels apart; a KR without check-ins shows one line
instead of an empty chart. The site is built once for the module; with OKRSITE_SHOTS set (as for the
other browser tests), a screenshot of each page kind at each width lands in that folder.

Without Chromium these tests skip, unless OKRSITE_REQUIRE_BROWSER=1 (CI), where they fail instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from okrsite.text.i18n import label

from . import longorg
from .browser import TODAY, launched_chromium, serve, shot
from .sitebuild import build_site, page

WIDTHS = {"phone": 390, "laptop": 1024, "desktop": 1400}
HEIGHT = 900
MIN_TEXT_PX = 11
OBJECTIVE_OF = "okrs/2026-Q4/{unit}/objective-{n}/"
PAGES = {
    "dashboard": "",
    "periods": "periods/",
    "period": "periods/2026-Q4/",
    "cascade": "periods/2026-Q4/cascade/",
    "units": "units/",
    "unit": "units/team-03/",
    "objective": OBJECTIVE_OF.format(unit="team-03", n="03"),
    "people": "people/",
    "person": "units/lead-03/",
    "learnings": "learnings/",
    "wins": "wins/",
}
# the columns that must stay on screen: a table's header cell says which they are (the site is Japanese)
KEPT = {label(k, "ja") for k in ("status", "score", "unit_score", "final_score", "period_score")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("longorg")
    return build_site(longorg.write(root), root / "site", today=TODAY)


@pytest.fixture(scope="module")
def browser():
    with launched_chromium("layout tests") as chromium:
        yield chromium


@pytest.fixture(scope="module")
def base(built, browser):
    with serve(built) as url:
        yield url


@pytest.fixture(scope="module")
def contexts(browser):
    made = {name: browser.new_context(viewport={"width": w, "height": HEIGHT}) for name, w in WIDTHS.items()}
    yield made
    for context in made.values():
        context.close()


# Table cells of the kept columns (found by their header's text) that are not wholly inside the viewport.
KEPT_CELLS_JS = r"""
(kept) => {
  const width = document.documentElement.clientWidth, out = [];
  for (const table of document.querySelectorAll('.md-content table')) {
    const heads = Array.from(table.querySelectorAll('thead th')).map(th => th.textContent.trim());
    const cols = heads.map((h, i) => kept.includes(h) ? i : -1).filter(i => i >= 0);
    for (const tr of table.querySelectorAll('tbody tr')) for (const i of cols) {
      const td = tr.cells[i];
      if (!td || td.textContent.trim() === '') continue;
      const r = td.getBoundingClientRect();
      if (r.width === 0 || r.left < -0.5 || r.right > width + 0.5)
        out.push(`${heads[i]} "${td.textContent.trim().slice(0, 20)}" at ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  return out.slice(0, 8);
}
"""

# Every chart image on the page: the smallest text it displays (font-size in its SVG times the displayed
# scale), and two of its texts that overlap (the SVG laid out off-screen), if any.
CHART_TEXT_JS = r"""
async () => {
  const out = [];
  for (const img of document.querySelectorAll('.md-content img.okr-chart__img')) {
    const shown = img.getBoundingClientRect();
    if (shown.width === 0) continue;  // the other colour scheme's image
    const svg = new DOMParser().parseFromString(await (await fetch(img.src)).text(), 'image/svg+xml').documentElement;
    const box = svg.getAttribute('viewBox');
    const width = box ? parseFloat(box.split(/[\s,]+/)[2]) : parseFloat(svg.getAttribute('width'));
    const scale = shown.width / width;
    let smallest = Infinity, what = '';
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      const size = parseFloat(t.getAttribute('font-size') || (t.getAttribute('style') || '').replace(/.*font-size:\s*([\d.]+).*/, '$1'));
      if (size * scale < smallest) { smallest = size * scale; what = t.textContent.trim().slice(0, 30); }
    }
    const holder = document.body.appendChild(document.createElement('div'));  // laid out, off-screen
    holder.style.cssText = 'position: absolute; left: -20000px; top: 0';
    holder.appendChild(svg);
    const boxes = Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim())
      .map(t => [t.getBoundingClientRect(), t.textContent.trim().slice(0, 20)]);
    let overlap = null;
    for (let i = 0; i < boxes.length && !overlap; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, p] = boxes[i], [b, q] = boxes[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) { overlap = `"${p}" and "${q}"`; break; }
    }
    holder.remove();
    out.push({src: img.src.split('/charts/')[1], scale, smallest, what, overlap, texts: boxes.length});
  }
  return out;
}
"""


def _visit(contexts, base, width: str, kind: str):
    p = contexts[width].new_page()
    p.goto(base + PAGES[kind], wait_until="load")
    p.wait_for_function("() => document.querySelector('.md-content') !== null")
    return p


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("width", list(WIDTHS))
def test_nothing_scrolls_sideways_and_status_stays_on_screen(contexts, base, width, kind):
    p = _visit(contexts, base, width, kind)
    try:
        sizes = p.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        off = p.evaluate(KEPT_CELLS_JS, sorted(KEPT))
        charts = p.evaluate(CHART_TEXT_JS)
        shot(p, f"{kind}-{width}", max_height=4000)
    finally:
        p.close()
    assert sizes[0] <= sizes[1], f"the page scrolls sideways at {WIDTHS[width]} px: {sizes}"
    assert not off, f"Status/Score cells off screen at {WIDTHS[width]} px: {off}"
    small = [c for c in charts if c["smallest"] < MIN_TEXT_PX - 0.05]
    assert not small, f"chart text under {MIN_TEXT_PX} px at {WIDTHS[width]} px: {small[:4]}"
    crowded = [c for c in charts if c["overlap"]]
    assert not crowded, f"chart labels overlap at {WIDTHS[width]} px: {crowded[:4]}"
    if kind == "period":  # the 50-unit score chart is among those measured, every unit's name in it
        scores = next(c for c in charts if c["src"].endswith("scores.svg"))
        assert scores["texts"] > 2 * (longorg.TEAMS + 1), scores


def test_the_period_table_is_there_to_check(built):
    """The kept-cells check above is only worth something if the period table has the columns it looks for."""
    table = page(built, PAGES["period"]).select_one("#okr-period-table")
    heads = [th.get_text(strip=True) for th in table.select("thead th")]
    assert label("status", "ja") in heads and label("score", "ja") in heads
    assert len(table.select("tbody tr")) == longorg.TEAMS + 1


def test_a_kr_without_check_ins_shows_one_line_instead_of_an_empty_chart(built):
    seen = 0
    for i in range(longorg.TEAMS + 1):
        for section in page(built, longorg.objective_page(i)).select("section.okr-kr"):
            kr_title = section.select_one("h3").get_text(" ", strip=True).rstrip("¶").strip()
            empty = section.select(".okr-chart-empty")
            if kr_title in longorg.never_checked_in(i):
                seen += 1
                assert [e.get_text(strip=True) for e in empty] == [label("chart_no_check_in", "ja")], kr_title
                assert not section.select("img.okr-chart__img, .okr-embed"), f"objective {i}: an empty chart"
            else:
                assert not empty and len(section.select("img.okr-chart__img")) == 2, f"objective {i}: {kr_title}"
    assert seen == sum(len(longorg.never_checked_in(i)) for i in range(longorg.TEAMS + 1)) > 5
