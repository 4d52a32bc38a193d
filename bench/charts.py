"""What a chart costs: okrsite's cold per-chart CPU against vl-convert's own time for the same spec.

    python -m bench.charts [--units 200] [--seed 1] [--sample 20] [--json]

Generates the organization (bench.generate), builds its chart specs, and for up to `--sample`
charts of each kind measures, in this one process (CPU time, best of `--repeat` rounds, after
a warm-up):

- *vl-convert*: `vl_convert.vegalite_to_svg(spec)` on the spec as okrsite builds it;
- *okrsite*: what a cold build pays per chart for the same spec (`ChartRenderer.render` with no
  cache, in process: serializing, hashing, the image spec, the lean spec, the compiled skeleton, the
  title stand-ins, vl-convert and the SVG clean-up);
- *minimal*: vl-convert on a two-bar chart, the floor a chart cannot go under.

With `--pool N`, also renders the first N distinct specs cold through the process pool (as a
build does) and reports wall time, CPU (user and system, workers included) and how many CPUs
the workers kept busy.

Prints a Markdown table (ms per chart, okrsite ÷ vl-convert, typical chart ÷ minimal) and, with
`--json`, the same figures as JSON (bench.run may read them). Interleaved rounds, so a busy
machine slows both sides alike; the ratios are the figures to read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

MINIMAL = {"mark": "bar", "data": {"values": [{"a": "x", "b": 1}, {"a": "y", "b": 2}]},
           "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}}}


def kind_of(chart_id: str) -> str:
    parts = chart_id.split("/")
    if parts[0] == "okrs":
        return "kr" if len(parts) == 5 else "objective"
    return f"{parts[0]}/{parts[-1]}"


def _cpu_ms(fn, items, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for item in items:
            fn(item)
        best = min(best, (time.process_time() - start) / len(items) * 1000)
    return best


def specs_of(units: int, seed: int) -> list[tuple[str, dict]]:
    from okrsite.charts.catalog import all_charts
    from okrsite.charts.data import ChartData
    from okrsite.model.visibility import DEFAULT, for_audience
    from okrsite.resolve.pipeline import load_organization

    from .generate import TODAY, generate

    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "org" / "content"
        generate(content, units=units, seed=seed)
        org = for_audience(load_organization(content, TODAY, {}), DEFAULT)
        return [(c.id, c.spec) for c in all_charts(ChartData(org, org.settings.language))]


def measure(charts: list[tuple[str, dict]], sample: int, repeat: int) -> dict:
    import vl_convert as vlc

    from okrsite.charts.fonts import find_cjk_font_dir
    from okrsite.charts.render import ChartRenderer, _register

    font_dir = find_cjk_font_dir()
    _register(font_dir)
    by_kind: dict[str, list[dict]] = {}
    for chart_id, spec in charts:
        by_kind.setdefault(kind_of(chart_id), []).append(spec)
    for _ in range(3):
        vlc.vegalite_to_svg(MINIMAL)
    out = {"charts": len(charts), "distinct": len({json.dumps(s, sort_keys=True) for _, s in charts}), "kinds": {}}

    def okrsite(spec: dict) -> None:
        # skeletons stay compiled between charts, as in a build
        ChartRenderer(None, font_dir, jobs=1).render([("c", spec)])

    for kind, specs in sorted(by_kind.items()):
        picked = specs[:sample]
        okrsite(picked[0])
        own = _cpu_ms(vlc.vegalite_to_svg, picked, repeat)
        ours = _cpu_ms(okrsite, picked, repeat)
        out["kinds"][kind] = {"count": len(specs), "sampled": len(picked), "vl_convert_ms": round(own, 1),
                              "okrsite_ms": round(ours, 1), "ratio": round(ours / own, 2)}
    out["minimal_ms"] = round(_cpu_ms(vlc.vegalite_to_svg, [MINIMAL] * 10, repeat), 1)
    for row in out["kinds"].values():
        row["vs_minimal"] = round(row["okrsite_ms"] / out["minimal_ms"], 2)
    return out


def pool(charts: list[tuple[str, dict]], n: int, jobs: int | None) -> dict:
    """A cold render of `n` distinct specs through ChartRenderer's process pool, timed."""
    import resource

    from okrsite.charts.fonts import find_cjk_font_dir
    from okrsite.charts.render import ChartRenderer

    distinct = list({json.dumps(s, sort_keys=True): (cid, s) for cid, s in charts}.values())[:n]
    before, wall = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    me = resource.getrusage(resource.RUSAGE_SELF)
    renderer = ChartRenderer(None, find_cjk_font_dir(), jobs)
    renderer.render(distinct)
    wall = time.perf_counter() - wall
    after, me2 = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
    user = after.ru_utime - before.ru_utime + me2.ru_utime - me.ru_utime
    system = after.ru_stime - before.ru_stime + me2.ru_stime - me.ru_stime
    return {"charts": len(distinct), "jobs": renderer.jobs, "wall_s": round(wall, 1), "user_s": round(user, 1),
            "system_s": round(system, 1), "busy_cpus": round((user + system) / wall, 2),
            "system_share": round(system / (user + system), 2), "ms_per_chart": round((user + system) / len(distinct) * 1000, 1)}


def table(result: dict) -> str:
    lines = ["| kind | charts | vl-convert ms | okrsite ms | okrsite ÷ vl-convert | okrsite ÷ minimal |",
             "|---|---:|---:|---:|---:|---:|"]
    for kind, r in result["kinds"].items():
        lines.append(f"| {kind} | {r['count']} | {r['vl_convert_ms']} | {r['okrsite_ms']} | {r['ratio']} | "
                     f"{r['vs_minimal']} |")
    lines.append(f"\nminimal chart: {result['minimal_ms']} ms; {result['charts']} charts, "
                 f"{result['distinct']} distinct specs")
    if "pool" in result:
        p = result["pool"]
        lines.append(f"pool: {p['charts']} charts on {p['jobs']} processes in {p['wall_s']} s wall, "
                     f"{p['user_s']} s user + {p['system_s']} s system ({p['ms_per_chart']} ms a chart), "
                     f"{p['busy_cpus']} CPUs busy, {round(p['system_share'] * 100)}% system time")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pool", type=int, default=0, help="also render this many specs through the pool")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    charts = specs_of(args.units, args.seed)
    result = measure(charts, args.sample, args.repeat)
    if args.pool:
        result["pool"] = pool(charts, args.pool, args.jobs)
    print(table(result))
    if args.json:
        print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
