"""The seven figures of issue 15 for one tier, measured in one run.

    python -m bench.run --tier S|M|L [--keep DIR] [--rev REV] [--json FILE]

Tiers (bench/generate.py, seed 1): S = 20 units, M = 200 units, L = 2,000 units × 4 periods.
Every figure is a ratio of CPU seconds (user + system of the process and of the chart workers it
waited for), the minimum of its runs, taken in alternating rounds so that a slower spell of a
shared machine weighs on both sides of a ratio alike: three rounds of floor / check without its
cache / check, and three of rebuild / warm build / plain MkDocs (one at L, where a round takes
about 12 minutes); figures 1, 2 and 5 also give the ratio within each round (`per_round`), which
shows how far a noisy machine spreads them; each printed line has its JSON beside it, and --json
writes them all.

1. `okrsite check` of a pull request (one added check-in; the per-file cache holds the base's
   files) / the floor (bench/floor.py: reading every file and parsing its front matter with
   libyaml, in its own process, as `okrsite check` runs); the check without its cache beside it,
   and the start-up both pay whatever the tier (a one-unit organization: its check from its cache,
   its floor), which is most of the ratio at S and M;
2. the warm build (okrsite's chart cache kept) / plain MkDocs building the same pages (bench/plain.py);
3. cold per-chart CPU ((cold build − warm build) / charts rendered, counted as new cache entries)
   / vl-convert's own CPU for the same specs (a sample of the site's published `.vl.json` specs
   rendered with vl-convert alone in a fresh process, SVG, plus SVG→PNG where PNGs were cached);
4. site size / plain MkDocs site size;
5. the rebuild after one added check-in / the warm build, and how many charts it re-rendered;
6. the cold build: CPU, wall time and peak RSS (targets: L under 10 minutes and 2 GB on 2 cores;
   printed at every tier, judged at L only);
7. the chart cache key of the workflows `okrsite init` writes: what it is made of, and whether it
   names anything that changes on every push.
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .generate import TODAY, generate
from .plain import write_plain_site

TIERS = {"S": (20, 2), "M": (200, 2), "L": (2000, 4)}  # units, periods
TARGETS = {"check": 1.5, "warm": 1.0, "chart": 1.2, "size": 2.0, "rebuild": 1.1}
ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / "okrsite" / "scaffold" / "github" / "workflows"


@dataclass
class Run:
    cpu: float
    wall: float
    peak_rss_mb: float = 0.0


@dataclass
class Figures:
    tier: str
    units: int
    periods: int
    pages: int = 0
    runs: dict[str, list[Run]] = field(default_factory=dict)
    charts_cold: int = 0  # cache entries the cold build wrote (distinct charts rendered)
    charts_rebuild: int = 0  # cache entries the rebuild after one check-in added
    vl_own: dict[str, float] = field(default_factory=dict)
    site_bytes: int = 0
    plain_bytes: int = 0
    chart_files: int = 0
    cache_key: dict[str, object] = field(default_factory=dict)

    def best(self, what: str) -> Run:
        return min(self.runs[what], key=lambda r: r.cpu)

    def per_round(self, top: str, bottom: str) -> list[float]:
        """top ÷ bottom in each round (their runs alternate, round by round): beside the ratio of
        the smallest runs, how far a noisy machine spreads it."""
        return [round(a.cpu / b.cpu, 3) for a, b in zip(self.runs[top], self.runs[bottom], strict=False)]


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """One subprocess, timed; CPU includes the processes it waited for (chart workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and "mkdocs" in " ".join(cmd)):
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd} (exit {proc.returncode}):\n{proc.stdout[-4000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(cpu, wall, after.ru_maxrss / 1024)  # ru_maxrss: KiB on Linux, the largest child so far


def tree_bytes(path: Path) -> int:
    """The bytes of the files under `path`, each stored file once (as `du` counts: hard links,
    such as the chart aliases okrsite links to their charts, are one file)."""
    seen: dict[tuple[int, int], int] = {}
    for p in path.rglob("*"):
        st = p.lstat()
        if p.is_file() and not p.is_symlink():
            seen[(st.st_dev, st.st_ino)] = st.st_size
    return sum(seen.values())


_ENTRY = re.compile(r"[0-9a-f]{64}")
_NOT_CHARTS = ("fonts", "vega", "legends")  # the chart cache's font subsets, compiled skeletons and kept legends (charts/render.py)


def cache_keys(cache: Path) -> set[str]:
    """Distinct entries of okrsite's chart cache (file names without their format suffixes)."""
    if not cache.exists():
        return set()
    names = (p.name.split(".", 1)[0] for p in cache.rglob("*")
             if p.is_file() and p.relative_to(cache).parts[0] not in _NOT_CHARTS)
    return {n for n in names if _ENTRY.fullmatch(n)}  # entries are sha256 names (not the font subsets)


def add_check_in(content: Path) -> Path:
    """One more check-in: the latest check-in of the first unit whose latest is before TODAY,
    copied to TODAY (what a contributor's weekly pull request adds)."""
    period = max(p.name for p in (content / "logs").iterdir() if p.is_dir())
    for unit in sorted(p for p in (content / "logs" / period).iterdir() if p.is_dir()):
        latest = max(unit.glob("*.md"), default=None)
        if latest is not None and latest.stem < TODAY.isoformat():
            text = re.sub(r"^date: .*$", f"date: {TODAY.isoformat()}", latest.read_text(encoding="utf-8"),
                          count=1, flags=re.M)
            new = unit / f"{TODAY.isoformat()}.md"
            new.write_text(text, encoding="utf-8")
            return new
    raise RuntimeError("no unit to add a check-in to")


def vl_own(site: Path, cache: Path, sample: int, env: dict[str, str]) -> dict[str, float]:
    """vl-convert's own CPU per chart for a sample of the site's distinct published specs."""
    specs = sorted({p.read_text(encoding="utf-8") for p in site.rglob("*.vl.json")})
    if not specs:
        return {}
    step = max(1, len(specs) // sample)
    chosen = specs[::step][:sample]
    work = cache.parent / "vl-sample.json"
    work.write_text(json.dumps(chosen), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "bench.vlown", str(work)], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    work.unlink()
    result = json.loads(out)
    pngs = sum(1 for p in cache.rglob("*.png")) if cache.exists() else 0
    svgs = sum(1 for p in cache.rglob("*.svg")) if cache.exists() else 0
    result["png_share"] = pngs / svgs if svgs else 0.0
    result["per_chart"] = result["svg"] + result["png_share"] * result["svg_to_png"]
    result["distinct_specs"] = len(specs)
    return result


# files a site's configuration lives in: a key hashing only these changes when the configuration does
CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml", "theme/**", "overrides/**")


def changes_every_push(key: str) -> bool:
    """Whether a cache key changes on (almost) every push: it names the commit or the run, or hashes
    files other than the site's configuration (the content changes with every check-in)."""
    if re.search(r"github\.sha|run_id|run_number|run_attempt", key):
        return True
    for args in re.findall(r"hashFiles\(([^)]*)\)", key):
        patterns = re.findall(r"'([^']*)'|\"([^\"]*)\"", args)
        if not patterns or any((a or b) not in CONFIG_FILES for a, b in patterns):
            return True
    return False


def cache_key_figure() -> dict[str, object]:
    """What the scaffolded workflows key the chart cache on, and whether that changes per push."""
    keys = sorted({m.group(1).strip() for wf in WORKFLOWS.glob("*.yml")
                   for m in re.finditer(r"key:\s*(okrsite-charts[^\n]*)", wf.read_text(encoding="utf-8"))})
    per_push = [k for k in keys if changes_every_push(k)]
    return {"keys": keys, "changes_every_push": bool(per_push) or not keys,
            "documented": "docs/workflows.md (okr-publish.yml), docs/performance.md (Chart cache in CI)"}


def measure(tier: str, work: Path, env: dict[str, str], log=print, sample: int = 60) -> Figures:
    units, periods = TIERS[tier]
    fig = Figures(tier, units, periods)
    org, plain = work / f"tier-{tier}", work / f"tier-{tier}-plain"
    shutil.rmtree(plain, ignore_errors=True)
    generate(org / "content", units, 1, periods)
    cache = org / ".cache"
    py = sys.executable
    mk = [py, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(org / "mkdocs.yml")]
    check = [py, "-m", "okrsite", "check", "content", "--today", TODAY.isoformat()]
    floor = [py, "-m", "bench.floor", str(org / "content")]
    fig.runs = {k: [] for k in ("check", "check_cold", "floor", "startup_check", "startup_floor", "cold", "warm",
                                "plain", "rebuild")}
    measure_check(fig, org, check, floor, env)
    measure_startup(fig, work / "tier-one-unit", check, env)
    log(f"  check {fig.best('check').cpu:.2f} s (without its cache {fig.best('check_cold').cpu:.2f} s), "
        f"floor {fig.best('floor').cpu:.2f} s; start-up: check {fig.best('startup_check').cpu:.2f} s, "
        f"floor {fig.best('startup_floor').cpu:.2f} s")
    shutil.rmtree(cache, ignore_errors=True)
    fig.runs["cold"].append(run(mk, org, env))
    fig.charts_cold = len(cache_keys(cache))
    log(f"  cold build {fig.best('cold').cpu:.1f} s CPU, {fig.charts_cold} charts rendered")
    fig.pages = sum(1 for _ in (org / "site").rglob("index.html"))
    write_plain_site(org / "site", plain, 1)
    measure_builds(fig, org, plain, cache, mk, env, rounds=1 if tier == "L" else 3)
    fig.site_bytes = tree_bytes(org / "site")
    fig.chart_files = sum(1 for d in ("charts", "badges") if (org / "site" / d).is_dir()
                          for p in (org / "site" / d).rglob("*") if p.is_file())
    fig.plain_bytes = tree_bytes(plain / "site")
    log(f"  warm {fig.best('warm').cpu:.1f} s, plain {fig.best('plain').cpu:.1f} s, {fig.pages} pages")
    fig.vl_own = vl_own(org / "site", cache, sample, env)
    log(f"  rebuild after one check-in {fig.best('rebuild').cpu:.1f} s, {fig.charts_rebuild} charts re-rendered")
    fig.cache_key = cache_key_figure()
    return fig


def measure_builds(fig: Figures, org: Path, plain: Path, cache: Path, mk: list[str], env: dict[str, str],
                   rounds: int) -> None:
    """Figures 2 and 5 in alternating rounds (rebuild after one added check-in, warm build, plain
    MkDocs), so that a slower spell of a shared machine weighs on all three alike. Before the
    warm build and the rebuild the chart cache is put back as the cold build left it, so every
    rebuild re-renders the same charts; the check-in is taken out again after each rebuild."""
    before = cache_keys(cache)
    saved = cache.parent / ".cache-after-cold"
    shutil.rmtree(saved, ignore_errors=True)
    shutil.copytree(cache, saved)
    plain_mk = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(plain / "mkdocs.yml")]
    for _ in range(rounds):
        _restore(saved, cache)
        added = add_check_in(org / "content")
        try:
            fig.runs["rebuild"].append(run(mk, org, env))
        finally:
            added.unlink()
        fig.charts_rebuild = len(cache_keys(cache) - before)
        _restore(saved, cache)
        fig.runs["warm"].append(run(mk, org, env))  # last: site/ is the warm build's (figure 4)
        fig.runs["plain"].append(run(plain_mk, plain, env))
    shutil.rmtree(saved)


def _restore(saved: Path, cache: Path) -> None:
    shutil.rmtree(cache, ignore_errors=True)
    shutil.copytree(saved, cache)


def measure_check(fig: Figures, org: Path, check: list[str], floor: list[str], env: dict[str, str]) -> None:
    """Figure 1 as a pull request meets it: the check's per-file cache holds the base branch's
    files, and the pull request adds one check-in (a fresh copy of the filled cache each run).
    Without the cache (`--no-cache`) is measured too. The cache folder is the run's own."""
    env = {**env, "OKRSITE_CACHE_DIR": str(org / ".check-cache")}
    shutil.rmtree(org / ".check-cache", ignore_errors=True)
    run(check, org, env)  # the base branch's run fills the cache
    pack = next((org / ".check-cache" / "check").glob("*.pickle"))
    base = pack.read_bytes()
    for _ in range(3):
        fig.runs["floor"].append(run(floor, ROOT, env))
        fig.runs["check_cold"].append(run([*check, "--no-cache"], org, env))
        pack.write_bytes(base)
        added = add_check_in(org / "content")
        fig.runs["check"].append(run(check, org, env))
        added.unlink()


def measure_startup(fig: Figures, org: Path, check: list[str], env: dict[str, str]) -> None:
    """What every check and every floor pays before the files of a tier count: interpreter,
    imports, one file. A one-unit organization, its check from its own cache (filled first)."""
    shutil.rmtree(org, ignore_errors=True)
    (org / "content" / "units").mkdir(parents=True)
    (org / "content" / "units" / "acme.md").write_text("---\nname: Acme\nkind: company\n---\n", encoding="utf-8")
    env = {**env, "OKRSITE_CACHE_DIR": str(org / ".check-cache")}
    run(check, org, env)
    for _ in range(3):  # cheap: a third run steadies the minimum
        fig.runs["startup_floor"].append(run([sys.executable, "-m", "bench.floor", str(org / "content")], ROOT, env))
        fig.runs["startup_check"].append(run(check, org, env))


def ratios(fig: Figures) -> list[tuple[str, dict[str, object]]]:
    """(line, JSON) per figure."""
    b = fig.best
    cold, warm = b("cold"), b("warm")
    out: list[tuple[str, dict[str, object]]] = []

    def line(n: int, name: str, text: str, **data: object) -> None:
        rounds = data.get("per_round")
        if isinstance(rounds, list) and len(rounds) > 1:  # one round (L): its ratio is the figure's
            text += "; per round " + ", ".join(f"{v:.2f}×" for v in rounds)
        target = TARGETS.get(name)
        if target is not None and isinstance(data.get("ratio"), float):
            data["target"], data["met"] = target, data["ratio"] <= target
        out.append((f"{n}. {text}", {"figure": name, **data}))

    floor_cpu = b("floor").cpu
    startup = {k: b(f"startup_{k}").cpu for k in ("check", "floor")} if fig.runs.get("startup_check") else {}
    said = (f"; start-up (a one-unit organization): check {startup['check']:.2f} s, floor {startup['floor']:.2f} s"
            if startup else "")
    line(1, "check", f"okrsite check of a pull request (one added check-in, per-file cache of the base) / floor: "
         f"{b('check').cpu:.2f} / {floor_cpu:.2f} s = {b('check').cpu / floor_cpu:.2f}× (target ≤ 1.5×); "
         f"without the cache {b('check_cold').cpu:.2f} s = {b('check_cold').cpu / floor_cpu:.2f}×{said}",
         ratio=round(b("check").cpu / floor_cpu, 3), per_round=fig.per_round("check", "floor"),
         check_cpu=b("check").cpu, floor_cpu=floor_cpu,
         no_cache_cpu=b("check_cold").cpu, no_cache_ratio=round(b("check_cold").cpu / floor_cpu, 3),
         **{f"startup_{k}_cpu": v for k, v in startup.items()})
    line(2, "warm", f"warm build / plain MkDocs: {warm.cpu:.1f} / {b('plain').cpu:.1f} s = "
         f"{warm.cpu / b('plain').cpu:.2f}× (target ≤ 1.0×), {fig.pages} pages",
         ratio=round(warm.cpu / b("plain").cpu, 3), per_round=fig.per_round("warm", "plain"),
         warm_cpu=warm.cpu, plain_cpu=b("plain").cpu, pages=fig.pages)
    per_chart = (cold.cpu - warm.cpu) / fig.charts_cold if fig.charts_cold else 0.0
    own = fig.vl_own.get("per_chart", 0.0)
    if own:
        line(3, "chart", f"cold per-chart CPU / vl-convert's own: {per_chart * 1000:.0f} / {own * 1000:.0f} ms = "
             f"{per_chart / own:.2f}× (target ≤ 1.2×; {fig.charts_cold} charts rendered, "
             f"{fig.vl_own.get('distinct_specs')} distinct published specs)",
             ratio=round(per_chart / own, 3), per_chart_cpu=round(per_chart, 4), vl_convert=fig.vl_own,
             charts_rendered=fig.charts_cold)
    else:
        line(3, "chart", "cold per-chart CPU / vl-convert's own: n/a (no published .vl.json specs to render alone)",
             ratio=None, per_chart_cpu=round(per_chart, 4), charts_rendered=fig.charts_cold)
    line(4, "size", f"site / plain MkDocs: {fig.site_bytes / 1e6:.0f} / {fig.plain_bytes / 1e6:.0f} MB = "
         f"{fig.site_bytes / fig.plain_bytes:.2f}× (target ≤ 2×), {fig.chart_files:,} chart and badge files",
         ratio=round(fig.site_bytes / fig.plain_bytes, 3), site_bytes=fig.site_bytes, plain_bytes=fig.plain_bytes,
         chart_files=fig.chart_files)
    line(5, "rebuild", f"rebuild after one added check-in / warm build: {b('rebuild').cpu:.1f} / {warm.cpu:.1f} s = "
         f"{b('rebuild').cpu / warm.cpu:.2f}× (target ≤ 1.1×), {fig.charts_rebuild} charts re-rendered",
         ratio=round(b("rebuild").cpu / warm.cpu, 3), per_round=fig.per_round("rebuild", "warm"),
         rebuild_cpu=b("rebuild").cpu, charts_rerendered=fig.charts_rebuild)
    judged = "" if fig.tier == "L" else " [the targets are L's: shown here, judged at L only]"
    out.append((f"6. cold build: {cold.cpu:.1f} s CPU, {cold.wall:.1f} s wall, peak RSS {cold.peak_rss_mb:.0f} MB "
                f"(L targets: < 600 s wall, < 2,048 MB){judged}",
                {"figure": "cold", "cpu": cold.cpu, "wall": cold.wall, "peak_rss_mb": round(cold.peak_rss_mb),
                 "judged": fig.tier == "L",
                 **({"met": cold.wall < 600 and cold.peak_rss_mb < 2048} if fig.tier == "L" else {})}))
    ck = fig.cache_key
    out.append((f"7. chart cache key: {', '.join(map(str, ck['keys'])) or 'none'}; "
                f"{'changes' if ck['changes_every_push'] else 'does not change'} on every push; documented in "
                f"{ck['documented']}", {"figure": "cache_key", **ck, "met": not ck["changes_every_push"]}))
    return out


def report(fig: Figures) -> tuple[str, dict[str, object]]:
    lines = ratios(fig)
    text = "\n".join(f"{t}\n   {json.dumps(j, ensure_ascii=False, default=str)}" for t, j in lines)
    data = {"tier": fig.tier, "units": fig.units, "periods": fig.periods, "figures": [j for _, j in lines],
            "runs": {k: [asdict(r) for r in v] for k, v in fig.runs.items()}}
    return text, data
