"""The Japanese font cut down to the characters a build's charts draw, for vl-convert to measure with.

vl-convert opens and memory-maps the registered font file again for every text measurement, about
900 times a chart; with a 6 MB CJK font that was a third of a chart's CPU, most of it system time
(issue 15: a cold build at 2,000 units spent 538 of 1,320 CPU seconds in the kernel). A subset
holding only the characters of the specs to render (and what Vega adds: ASCII for numbers and
dates, the ellipsis of a truncated label, the minus sign) measures every text exactly as the
whole font does, so the SVGs are byte for byte the same (tests/test_font_subset.py) and the
chart cache, keyed by the original font, stays valid. Any font the subsetter cannot handle
(a collection, a damaged file) keeps the original directory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import string
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger("okrsite.charts")

FONT_FILES = (".ttf", ".otf")
MANIFEST = "subset.json"  # the fonts a subset was cut from and the characters it holds
# what Vega draws that a spec need not spell: digits, Latin dates and numbers, `…` (labelLimit),
# `−` (d3-format's minus), no-break and thin spaces, SI prefixes
VEGA_TEXT = string.printable + "…−–—\u00a0\u2009\u202fµ×%‰"


def subset_font_dir(font_dir: str, texts: Iterable[str], work: Path) -> str:
    """A directory with each font of `font_dir` cut to the characters of `texts` (kept under
    `work/fonts/<key>`, reused while the fonts and characters are the same), else `font_dir`."""
    fonts = _font_files(font_dir)
    if not fonts:
        return font_dir
    chars = "".join(sorted(set("".join(texts)) | set(VEGA_TEXT)))
    signatures = [_signature(f) for f in fonts]
    key = hashlib.sha256("\0".join([chars, *signatures]).encode("utf-8")).hexdigest()[:16]
    target = work / "fonts" / key
    if target.is_dir():
        return str(target)
    try:
        _write_subsets(fonts, chars, target, signatures)
    except Exception as exc:  # noqa: BLE001 - the whole font still works, only slower
        if target.is_dir():  # another build sharing the cache made the same subset meanwhile
            return str(target)
        log.info("okrsite: charts use the whole font (%s could not be subset: %s)", font_dir, exc)
        return font_dir
    _prune(target)
    return str(target)


def covering_subset(font_dir: str, texts: Iterable[str], work: Path) -> str:
    """A subset made earlier (by a cold build) that holds every character of `texts`, else
    `font_dir`: a rebuild's few charts are not worth running the subsetter for, but measuring
    them with a small font still saves a third of their CPU."""
    fonts = _font_files(font_dir)
    if not fonts or not (work / "fonts").is_dir():
        return font_dir
    needed = set("".join(texts)) | set(VEGA_TEXT)
    signatures = [_signature(f) for f in fonts]
    for folder in sorted((work / "fonts").iterdir()):
        try:
            made = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if made.get("fonts") == signatures and needed <= set(made.get("chars", "")):
            return str(folder)
    return font_dir


def _prune(keep: Path, age_s: float = 86400) -> None:
    """Subsets of other character sets older than a day (a build running now may be reading a
    newer one): a few hundred kilobytes each, made when the charts' characters change."""
    now = time.time()
    for other in keep.parent.iterdir():
        try:
            if other != keep and not other.name.startswith(".") and now - other.stat().st_mtime > age_s:
                shutil.rmtree(other, ignore_errors=True)
        except OSError:
            continue


def _font_files(font_dir: str) -> list[str]:
    """The fonts vl-convert would load from the directory; none when it holds a collection (.ttc),
    which the subset would have to take apart."""
    found = []
    for folder, _dirs, names in os.walk(font_dir):
        for name in sorted(names):
            lower = name.lower()
            if lower.endswith((".ttc", ".otc")):
                return []
            if lower.endswith(FONT_FILES):
                found.append(os.path.join(folder, name))
    return found


def _signature(path: str) -> str:
    stat = os.stat(path)
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def _write_subsets(fonts: list[str], chars: str, target: Path, signatures: list[str]) -> None:
    from fontTools import subset

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=".subset-"))
    try:
        for i, path in enumerate(fonts):
            options = subset.Options()
            options.layout_features = ["*"]  # kerning and ligatures measure as in the whole font
            options.name_IDs = ["*"]  # the family names the spec's `font` list asks for
            options.notdef_outline = True
            font = subset.load_font(path, options)
            subsetter = subset.Subsetter(options)
            subsetter.populate(text=chars)
            subsetter.subset(font)
            subset.save_font(font, str(tmp / f"{i}-{os.path.basename(path)}"), options)
        (tmp / MANIFEST).write_text(json.dumps({"fonts": signatures, "chars": chars}, ensure_ascii=False),
                                    encoding="utf-8")
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
