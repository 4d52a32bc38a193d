"""vl-convert's own CPU time per chart, for comparing okrsite's rendering with it.

    python -m bench.vlown SPECS.json

SPECS.json is a JSON list of Vega-Lite specs (as JSON text). Each is rendered once to SVG and that
SVG once to PNG (okrsite's PNG path), after one warm-up render that pays vl-convert's start, with
the Japanese font a build registers (okrsite.charts.fonts.find_cjk_font_dir: the same spec measured
with the same font; without it vl-convert measures Japanese text with whatever font it has).
Prints JSON: mean CPU seconds per spec for `svg` and `svg_to_png`, `n` and `font_dir`.
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str] | None = None) -> int:
    import vl_convert as vlc

    from okrsite.charts.fonts import find_cjk_font_dir

    font_dir = find_cjk_font_dir()
    if font_dir:
        vlc.register_font_directory(font_dir)
    args = sys.argv[1:] if argv is None else argv
    specs = [json.loads(s) for s in json.loads(open(args[0], encoding="utf-8").read())]
    if not specs:
        print(json.dumps({"n": 0, "svg": 0.0, "svg_to_png": 0.0}))
        return 0
    vlc.vegalite_to_svg(specs[0], allowed_base_urls=[])  # start-up, not counted
    svg_cpu = png_cpu = 0.0
    for spec in specs:
        start = time.process_time()
        svg = vlc.vegalite_to_svg(spec, allowed_base_urls=[])
        mid = time.process_time()
        vlc.svg_to_png(svg, scale=2)
        svg_cpu += mid - start
        png_cpu += time.process_time() - mid
    print(json.dumps({"n": len(specs), "svg": svg_cpu / len(specs), "svg_to_png": png_cpu / len(specs),
                      "font_dir": font_dir}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
