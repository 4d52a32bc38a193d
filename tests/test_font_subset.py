"""The CJK font cut to a build's characters (okrsite/charts/subset.py) draws the same charts as the
whole font: vl-convert measures every text with it, so the SVGs must be byte for byte the same,
or the chart cache (keyed by the original font) would hold charts a build with the whole font
would not make."""

from __future__ import annotations

import json
import os
import string
import subprocess
import sys
import time
from pathlib import Path

from okrsite.charts.fonts import find_cjk_font_dir
from okrsite.charts.render import ChartRenderer
from okrsite.charts.subset import subset_font_dir

from .conftest import ROOT
from .sitebuild import shared_site

DRAW = """
import hashlib, json, sys
import vl_convert as vlc
from okrsite.charts.render import _render
font, specs = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
vlc.register_font_directory(font)
print(json.dumps([hashlib.sha256(_render((s, ("svg",), None))["svg"]).hexdigest() for s in specs]))
"""


def _font() -> str:
    font = find_cjk_font_dir()
    assert font, "no Japanese font: `make test` installs matplotlib-fontja"
    return font


def _draw(font: str, specs_file: Path) -> list[str]:
    out = subprocess.run([sys.executable, "-c", DRAW, font, str(specs_file)], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout)


def test_the_subset_draws_the_same_svgs_as_the_whole_font(tmp_path):
    site = shared_site(ROOT / "mkdocs.yml")
    specs = sorted({p.read_text(encoding="utf-8") for p in (site / "charts").rglob("*.vl.json")})
    chosen = specs[:: max(1, len(specs) // 14)][:14]  # KR, objective, unit, period and KPI charts
    specs_file = tmp_path / "specs.json"
    specs_file.write_text(json.dumps(chosen), encoding="utf-8")
    whole = _font()
    cut = subset_font_dir(whole, chosen, tmp_path / "cache")
    assert cut != whole and Path(cut).is_relative_to(tmp_path / "cache" / "fonts")
    size = sum(p.stat().st_size for p in Path(cut).iterdir())
    assert size < sum(p.stat().st_size for p in Path(whole).iterdir() if p.suffix in (".ttf", ".otf")) / 5
    assert _draw(cut, specs_file) == _draw(whole, specs_file)


def test_a_subset_is_reused_for_the_same_characters_and_old_ones_go(tmp_path):
    whole = _font()
    first = Path(subset_font_dir(whole, ["目標と成果"], tmp_path))
    stamp = first.stat().st_mtime_ns
    assert Path(subset_font_dir(whole, ["成果と目標"], tmp_path)) == first  # the same characters
    assert first.stat().st_mtime_ns == stamp
    old = time.time() - 2 * 86400
    os.utime(first, (old, old))
    second = Path(subset_font_dir(whole, ["振り返り"], tmp_path))
    assert second != first and second.is_dir() and not first.exists()


def test_a_subset_another_build_made_meanwhile_is_used(tmp_path, monkeypatch):
    """Two builds sharing a cache may cut the same subset at once: the one whose folder lands second
    (os.replace onto a folder that is not empty fails) measures with the other's, not the whole font."""
    from okrsite.charts import subset

    real = subset._write_subsets

    def racing(fonts, chars, target, signatures):
        real(fonts, chars, target, signatures)  # the other build, a moment earlier
        real(fonts, chars, target, signatures)  # this one: its folder cannot replace the other's

    monkeypatch.setattr(subset, "_write_subsets", racing)
    whole = _font()
    made = Path(subset_font_dir(whole, ["目標と成果"], tmp_path))
    assert made != Path(whole) and made.parent == tmp_path / "fonts" and (made / subset.MANIFEST).is_file()


def test_a_font_collection_keeps_the_whole_directory(tmp_path):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "NotoSansCJK-Regular.ttc").write_bytes(b"ttcf")
    assert subset_font_dir(str(tmp_path / "fonts"), ["目標"], tmp_path / "cache") == str(tmp_path / "fonts")


def test_a_damaged_font_keeps_the_whole_directory(tmp_path):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "ipaexg.ttf").write_bytes(b"not a font")
    assert subset_font_dir(str(tmp_path / "fonts"), ["目標"], tmp_path / "cache") == str(tmp_path / "fonts")


def test_the_renderer_measures_with_a_subset_of_its_specs_characters(tmp_path):
    renderer = ChartRenderer(tmp_path / "cache", _font())
    jobs = [(json.dumps({"title": "四半期の学び"}), ("svg",), renderer.font_dir)]
    cut = renderer._measuring_font(jobs)
    assert Path(cut).is_relative_to(tmp_path / "cache" / "fonts")
    from fontTools.ttLib import TTFont

    cmap = TTFont(next(p for p in Path(cut).iterdir() if p.suffix == ".ttf")).getBestCmap()
    assert {ord(c) for c in "四半期の学び" + string.ascii_letters + string.digits + "…"} <= set(cmap)
    assert ord("売") not in cmap


def test_a_rebuild_measures_with_an_earlier_subset_that_covers_its_charts(tmp_path):
    renderer = ChartRenderer(tmp_path / "cache", _font())
    job = (json.dumps({"title": "四半期の学び"}, ensure_ascii=False), ("svg",), renderer.font_dir)
    assert renderer._measuring_font([job], make=False) == renderer.font_dir  # nothing made yet
    made = renderer._measuring_font([job])
    assert renderer._measuring_font([job], make=False) == made
    other = (json.dumps({"title": "売上"}, ensure_ascii=False), ("svg",), renderer.font_dir)
    assert renderer._measuring_font([other], make=False) == renderer.font_dir  # 売 and 上 are not in it


def test_characters_written_as_json_escapes_are_in_the_subset(tmp_path):
    """A spec serialized with `\\u` escapes still names its characters: the subset must hold them."""
    from fontTools.ttLib import TTFont

    renderer = ChartRenderer(tmp_path / "cache", _font())
    escaped = json.dumps({"title": "振り返り"})  # ensure_ascii: the text holds only escapes
    assert "振" not in escaped
    cut = renderer._measuring_font([(escaped, ("svg",), renderer.font_dir)])
    cmap = TTFont(next(p for p in Path(cut).iterdir() if p.suffix == ".ttf")).getBestCmap()
    assert {ord(c) for c in "振り返り"} <= set(cmap)
