"""Checks of the page truth table (docs/design/real-world-format.md §22) over every page of a built
site: a score's colour follows the number shown (0.70 and above green, 0.40 and above yellow, else
red), and "–", a word or "Not graded" is never coloured. The bands are typed here from the design,
not taken from okrsite."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

BANDS = (("green", 0.70), ("yellow", 0.40), ("red", float("-inf")))
NUMBER = re.compile(r"^\d+\.\d\d$")


def band_of(text: str) -> str:
    x = float(text)
    return next(name for name, low in BANDS if x >= low)


def chip_problems(site: Path) -> list[tuple[str, str, list[str]]]:
    """Every score chip whose colour does not follow what it shows: (page, text, classes)."""
    bad = []
    for path in sorted(site.rglob("*.html")):
        if "assets" in path.parts:
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for chip in soup.select(".okr-score"):
            text, classes = chip.get_text(strip=True), chip.get("class", [])
            bands = {c.removeprefix("okr-score--") for c in classes if c.startswith("okr-score--")} - {"none"}
            if NUMBER.match(text):
                ok = chip.name == "s" or bands == {band_of(text)}
            else:
                ok = not bands and ("okr-unscored" in classes or "okr-score--none" in classes)
            if not ok:
                bad.append((str(path.relative_to(site)), text, classes))
    return bad


def chips(site: Path) -> int:
    return sum(len(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select(".okr-score"))
               for p in site.rglob("*.html") if "assets" not in p.parts)
