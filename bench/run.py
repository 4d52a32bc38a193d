"""Build time of okrsite sites against plain MkDocs sites of the same pages.

    python -m bench.run --units 100 300 1000 [--repeat 3] [--seed 1] [--rev HEAD] [--keep DIR]
    python -m bench.run --tier M [--rev HEAD] [--keep DIR] [--json figures.json]

`--tier S|M|L` prints the seven figures of issue 15 as ratios with JSON beside them
(bench/figures.py says how each is measured); M takes about 3 minutes on 2 cores.

For each size: generate the organization (bench.generate) into a temporary directory, then
`repeat` times, alternating: `okrsite check`; `mkdocs build` with okrsite from a cold start
(okrsite's chart cache, .cache/ next to mkdocs.yml, removed first) and once more with the
cache that build left (what a rebuild after a check-in costs); and `mkdocs build` of a plain
MkDocs site with the same number of pages of about the same rendered length
(bench.plain: same theme, search settings and navigation strategy). Each is a subprocess
(NO_MKDOCS_2_WARNING=1, OKRSITE_TODAY=2026-11-24), timed from start to exit, both in
wall-clock seconds and in CPU seconds (user + system of the subprocess). The builds are
single-threaded, so CPU time is the build time without the waiting that other processes on
a shared machine cause: it is the steadier figure, and the ratio is computed from it. The
table shows medians. Prints a Markdown table.

`--rev REV` benchmarks the okrsite package of a git revision (extracted with `git archive`
and put first on PYTHONPATH) instead of the working tree, which others may be editing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import figures
from .figures import TIERS
from .generate import MKDOCS_MARKER, TODAY, generate
from .plain import mean_article, write_plain_site
from .snapshot import describe_rev, snapshot

# PYTHONDONTWRITEBYTECODE (set on some machines) would make every run compile okrsite's modules
# again, which an installed okrsite (pip writes .pyc files) never does: precompile() instead
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "NO_MKDOCS_2_WARNING": "1", "OKRSITE_TODAY": TODAY.isoformat()}


def precompile(package: Path) -> None:
    """Byte-compile the measured okrsite, as `pip install` does, so no run pays for compiling."""
    import compileall

    compileall.compile_dir(str(package), quiet=1)


@dataclass
class Result:
    units: int
    pages: int = 0
    plain_pages: int = 0
    cold: list[Timing] = field(default_factory=list)  # okrsite build without okrsite's cache
    warm: list[Timing] = field(default_factory=list)  # the same build again, with what the first cached
    plain: list[Timing] = field(default_factory=list)
    check: list[Timing] = field(default_factory=list)
    generate: float = 0.0
    site_bytes: int = 0
    chart_bytes: int = 0
    plain_bytes: int = 0
    article: float = 0.0  # mean rendered content length per page (characters)
    plain_article: float = 0.0



@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.cpu:.2f} s CPU ({self.wall:.2f} s wall)"


def cpu(timings: list[Timing]) -> float:
    return statistics.median(t.cpu for t in timings)


def wall(timings: list[Timing]) -> float:
    return statistics.median(t.wall for t in timings)


def versions() -> str:
    from importlib.metadata import version

    return (f"Python {sys.version.split()[0]}, mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, "
            f"Markdown {version('markdown')}, Jinja2 {version('jinja2')}")


def timed(cmd: list[str], cwd: Path) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd} (exit {proc.returncode}):\n{proc.stdout[-4000:]}")
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(elapsed, used)


def mkdocs(config: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(config)]


tree_bytes = figures.tree_bytes  # each stored file once (hard links: one file)


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def measure(units: int, repeat: int, seed: int, work: Path, log=print) -> Result:
    res = Result(units)
    org = work / f"org-{units}"
    plain = work / f"plain-{units}"
    if (plain / "mkdocs.yml").exists() and (plain / "mkdocs.yml").read_text(encoding="utf-8").startswith(MKDOCS_MARKER):
        shutil.rmtree(plain)  # a baseline of an earlier run (--keep)
    start = time.perf_counter()
    generate(org / "content", units, seed)
    res.generate = time.perf_counter() - start
    okrsite = [sys.executable, "-m", "okrsite", "check", "content", "--today", TODAY.isoformat()]
    cache = org / ".cache"  # okrsite's chart cache (charts: cache_dir, relative to mkdocs.yml)
    for i in range(repeat):
        res.check.append(timed(okrsite, org))
        shutil.rmtree(cache, ignore_errors=True)
        res.cold.append(timed(mkdocs(org / "mkdocs.yml"), org))
        # a second build reuses what the first one cached (charts); without a cache it is the same build
        res.warm.append(timed(mkdocs(org / "mkdocs.yml"), org) if cache.exists() else res.cold[-1])
        if i == 0:  # the baseline mirrors the pages okrsite built
            res.pages = count_pages(org / "site")
            res.plain_pages = write_plain_site(org / "site", plain, seed)
        res.plain.append(timed(mkdocs(plain / "mkdocs.yml"), plain))
        log(f"  {units} units, run {i + 1}/{repeat}: check {res.check[-1]}, okrsite {res.cold[-1]}"
            + (f", again with its cache {res.warm[-1]}" if res.warm[-1] is not res.cold[-1] else "")
            + f", plain {res.plain[-1]}")
    res.site_bytes = tree_bytes(org / "site")
    res.chart_bytes = sum(tree_bytes(org / "site" / d) for d in ("charts", "badges") if (org / "site" / d).is_dir())
    res.plain_bytes = tree_bytes(plain / "site")
    res.article = mean_article(org / "site")
    res.plain_article = mean_article(plain / "site")
    return res


def table(results: list[Result]) -> str:
    rows = ["| units | pages | okrsite build, cold: CPU s (wall s) | okrsite build, cached: CPU s (wall s) | "
            "plain MkDocs: CPU s (wall s) | ratio cold · cached (CPU) | `okrsite check`: CPU s (wall s) | "
            "okrsite site (charts) | plain site | content per page: okrsite · plain |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        rows.append(f"| {r.units:,} | {r.pages:,} | {cpu(r.cold):.1f} ({wall(r.cold):.1f}) | "
                    f"{cpu(r.warm):.1f} ({wall(r.warm):.1f}) | {cpu(r.plain):.1f} ({wall(r.plain):.1f}) | "
                    f"{cpu(r.cold) / cpu(r.plain):.2f} · {cpu(r.warm) / cpu(r.plain):.2f} | "
                    f"{cpu(r.check):.1f} ({wall(r.check):.1f}) | "
                    f"{r.site_bytes / 1e6:.0f} MB ({r.chart_bytes / 1e6:.0f} MB) | {r.plain_bytes / 1e6:.0f} MB | "
                    f"{r.article / 1000:.1f} · {r.plain_article / 1000:.1f} k chars |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--tier", choices=sorted(TIERS), default=None,
                        help="the seven figures of issue 15 for one tier (S: 20 units, M: 200, L: 2,000 × 4 periods)")
    parser.add_argument("--json", type=Path, default=None, help="with --tier: write the figures as JSON here")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rev", default=None,
                        help="benchmark okrsite as committed in this git revision (default: the working tree)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this directory and keep the generated sites (default: a temporary one)")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="okrsite-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        what = "okrsite from the working tree"
        if args.rev:
            src = work / "okrsite-src"
            shutil.rmtree(src, ignore_errors=True)
            snapshot(args.rev, src)
            ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")]))
            what = f"okrsite at {describe_rev(args.rev)}"
        where = subprocess.run([sys.executable, "-c", "import okrsite; print(okrsite.__file__)"], cwd=work, env=ENV,
                               capture_output=True, text=True, check=True).stdout.strip()
        precompile(Path(where).parent)
        print(f"{what} (imported from {Path(where).parent}); {versions()}", flush=True)
        if args.tier:
            return _tier(args, work, what)
        for n in args.units:
            print(f"{n} units: generating and building {args.repeat} time(s) each…", flush=True)
            results.append(measure(n, args.repeat, args.seed, work, log=lambda s: print(s, flush=True)))
    print()
    print(f"median of {args.repeat} run(s); {os.cpu_count()} CPUs; {what}; {versions()}")
    print(table(results))
    return 0


def _tier(args: argparse.Namespace, work: Path, what: str) -> int:
    units, periods = TIERS[args.tier]
    print(f"tier {args.tier}: {units} units, {periods} periods, seed 1", flush=True)
    start = time.perf_counter()
    fig = figures.measure(args.tier, work, ENV, log=lambda s: print(s, flush=True))
    text, data = figures.report(fig)
    data.update(okrsite=what, versions=versions(), cpus=os.cpu_count(), seconds=round(time.perf_counter() - start))
    print()
    print(f"tier {args.tier} ({units} units × {periods} periods, {fig.pages:,} pages); {os.cpu_count()} CPUs; "
          f"{what}; {versions()}; {data['seconds']} s in all")
    print(text)
    if args.json:
        args.json.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
