"""Where the build time of an okrsite site goes.

    python -m bench.profile --units 1000 [--seed 1] [--rev HEAD] [--cprofile build.prof] [--top 25]

Builds a generated organization in this process:

1. with wall-clock timers (no profiler): around every plugin event handler (okrsite's and
   the search plugin's), around the phases of okrsite's check (read, resolve, lint) and
   around the SiteView helpers that templates call; whatever is outside the plugins' event
   handlers is MkDocs and Material themselves (Markdown of the pages, the theme's templates,
   navigation, writing files). When okrsite keeps a chart cache (.cache/ next to mkdocs.yml), a second timed build shows
   what a rebuild with the cache costs;
2. under cProfile (unless --no-cprofile), after those: the functions with the most time,
   okrsite's own (okrsite/*.py and its templates) listed apart, with Jinja macros and the
   functions around comprehensions named. cProfile sees this process only, not the worker
   processes that render charts.

The profiler slows Python code down about threefold, unevenly: read its numbers as shares,
and the timers as seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import os
import pstats
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from .generate import TODAY, generate
from .snapshot import describe_rev, snapshot

ROOT = Path(__file__).resolve().parent.parent


class Timers:
    def __init__(self) -> None:
        self.total: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def wrap(self, name: str, fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.total[name] += time.perf_counter() - start
                self.calls[name] += 1

        return timed


def _owner(method) -> str:
    module = type(getattr(method, "__self__", None)).__module__ or ""
    return module.split(".")[0] if not module.startswith("material.plugins.") else "material." + module.split(".")[2]


def _load(mkdocs_yml: Path):
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["OKRSITE_TODAY"] = TODAY.isoformat()
    return load_config(str(mkdocs_yml))


def timed_build(mkdocs_yml: Path) -> tuple[float, Timers]:
    """Build once with timers around plugin events and okrsite's phases."""
    import importlib

    from mkdocs.commands import build

    import okrsite.hosts.mkdocs.plugin
    import okrsite.resolve.pipeline
    import okrsite.site.templates

    timers = Timers()
    patched = []

    def patch(owner, attr: str, name: str) -> None:
        original = getattr(owner, attr, None)
        if original is None:  # not in the revision being measured
            return
        patched.append((owner, attr, original))
        setattr(owner, attr, timers.wrap(name, original))

    patch(okrsite.resolve.pipeline, "load_repository", "okrsite: read and parse files (load_repository)")
    patch(okrsite.resolve.pipeline, "lint", "okrsite: lints")
    if hasattr(okrsite.resolve.pipeline, "Resolver"):  # older revisions
        patch(okrsite.resolve.pipeline.Resolver, "run", "okrsite: resolve references (Resolver.run)")
    else:
        patch(okrsite.resolve.pipeline, "resolve", "okrsite: resolve references (pipeline.resolve)")
    patch(okrsite.hosts.mkdocs.plugin, "layout", "okrsite: page list (site.layout.layout)")
    helpers = [("view", "SiteView", m) for m in ("markdown", "logs", "objectives_of", "period_objectives", "progress",
                                                "url", "needs_check_in", "owned_by", "children_of")]
    helpers += [("view_units", "UnitsView", "owned_by"), ("view_cascade", "CascadeView", "contributors")]
    for module, name, method in helpers:  # where each lives in the revision being measured
        try:
            owner = getattr(importlib.import_module(f"okrsite.site.{module}"), name)
        except (ImportError, AttributeError):
            continue
        if hasattr(owner, method):
            patch(owner, method, f"  in templates: {owner.__name__}.{method}")
    patch(okrsite.site.templates.Renderer, "render", "okrsite: render page bodies (Renderer.render)")
    if hasattr(okrsite.hosts.mkdocs.plugin.OkrsitePlugin, "_add_charts"):  # okrsite with charts
        import okrsite.charts.publish
        import okrsite.charts.render

        patch(okrsite.hosts.mkdocs.plugin.OkrsitePlugin, "_add_charts", "okrsite: charts (OkrsitePlugin._add_charts)")
        patch(okrsite.charts.publish, "all_charts", "  charts: specs (catalog.all_charts)")
        patch(okrsite.charts.render.ChartRenderer, "render", "  charts: SVG+PNG incl. cache (ChartRenderer.render)")
        patch(okrsite.charts.render.ChartRenderer, "_run", "  charts: vl-convert on cache misses (ChartRenderer._run)")
    try:
        config = _load(mkdocs_yml)
        for event, methods in config.plugins.events.items():
            methods[:] = [timers.wrap(f"event {_owner(m)}.{event}", m) for m in methods]
        config.plugins.on_startup(command="build", dirty=False)
        start = time.perf_counter()
        build.build(config)
        total = time.perf_counter() - start
        config.plugins.on_shutdown()
    finally:
        for owner, attr, original in reversed(patched):
            setattr(owner, attr, original)
    return total, timers


def profiled_build(mkdocs_yml: Path, out: Path) -> pstats.Stats:
    from mkdocs.commands import build

    config = _load(mkdocs_yml)
    config.plugins.on_startup(command="build", dirty=False)
    prof = cProfile.Profile()
    prof.enable()
    build.build(config)
    prof.disable()
    config.plugins.on_shutdown()
    prof.dump_stats(str(out))
    return pstats.Stats(str(out))


_MACRO = re.compile(r"{%-?\s*macro\s+(\w+)")


@functools.cache
def _template_lines(path: str) -> tuple[dict[int, int], list[str]]:
    """Python line of a compiled Jinja template -> template line, and the template's lines."""
    import jinja2

    source = Path(path).read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    code = env.compile(source, raw=True)
    mapping: dict[int, int] = {}
    for i, line in enumerate(code.splitlines(), 1):
        m = re.match(r"\s*# line (\d+)", line)  # not emitted by every Jinja version
        if m:
            mapping[i] = int(m.group(1))
    debug = re.search(r"debug_info = '([^']*)'", code)
    if debug and debug.group(1):
        for pair in debug.group(1).split("&"):
            tline, cline = pair.split("=")
            mapping[int(cline)] = int(tline)
    return mapping, source.splitlines()


@functools.cache
def _functions(path: str) -> list[tuple[int, int, str]]:
    """(first line, last line, qualified name) of every function in a Python file."""
    import ast

    out: list[tuple[int, int, str]] = []

    def visit(node, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    out.append((child.lineno, child.end_lineno or child.lineno, name))
                visit(child, name + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(Path(path).read_text(encoding="utf-8")), "")
    return out


def _enclosing(path: str, line: int) -> str | None:
    inside = [(first, name) for first, last, name in _functions(path) if first <= line <= last]
    return max(inside)[1] if inside else None


def describe(filename: str, line: int, func: str) -> str:
    """file:function, relative to the repository; Jinja template functions named by their macro."""
    path = Path(filename)
    try:
        if is_okrsite(filename):  # the working tree's or a snapshot's (--rev)
            parts = path.parts
            rel = "/".join(parts[parts.index("okrsite"):])  # the package (templates/okrsite/ is inside it)
        else:
            rel = path.resolve().relative_to(ROOT).as_posix()
    except (ValueError, OSError):
        parts = path.parts
        if "site-packages" in parts:
            rel = "/".join(parts[parts.index("site-packages") + 1:])
        elif filename.startswith(sys.base_prefix):
            rel = "stdlib " + Path(filename).relative_to(Path(sys.base_prefix) / "lib").as_posix().split("/", 1)[-1]
        else:
            rel = filename
    if func.startswith("<") and filename.endswith(".py") and path.exists():  # <listcomp>, <genexpr>: name its function
        owner = _enclosing(str(path), line)
        return f"{rel}:{owner} {func}" if owner else f"{rel}:{line} {func}"
    if filename.endswith(".html") and func == "macro" and path.exists():
        mapping, lines = _template_lines(str(path))
        cands = [c for c in mapping if c <= line]
        tline = mapping[max(cands)] if cands else None
        if tline:
            for text in reversed(lines[:tline]):
                m = _MACRO.search(text)
                if m:
                    return f"{rel}: macro {m.group(1)}"
    return f"{rel}:{func}"


def is_okrsite(filename: str) -> bool:
    return f"{os.sep}okrsite{os.sep}" in filename and "site-packages" not in filename


def report_profile(stats: pstats.Stats, top: int) -> str:
    raw = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_f, _l, name), (_cc, _nc, _tt, ct, _callers) in raw.items() if name == "build") or 1.0
    by_package: dict[str, float] = defaultdict(float)
    for (filename, _line, _name), (_cc, _nc, tt, _ct, _callers) in raw.items():
        if is_okrsite(filename):
            key = "okrsite templates" if filename.endswith(".html") else "okrsite (Python)"
        elif "site-packages" in filename:
            key = Path(filename).parts[Path(filename).parts.index("site-packages") + 1]
        elif filename.endswith(".html"):
            key = "theme templates"
        elif filename.startswith("~") or filename.startswith("<"):
            key = "built-ins (str.join, re, …)"
        else:
            key = "stdlib: " + Path(filename).stem
        by_package[key] += tt
    lines = [f"cProfile: {total:.1f} s under the profiler", "", "Self time by package (where the CPU went):", ""]
    for key, tt in sorted(by_package.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"  {tt:7.2f} s  {100 * tt / total:5.1f}%  {key}")
    rows = [(describe(f, ln, name), cc, tt, ct) for (f, ln, name), (cc, _nc, tt, ct, _c) in raw.items() if is_okrsite(f)]
    merged: dict[str, list[float]] = {}
    for key, cc, tt, ct in rows:
        m = merged.setdefault(key, [0, 0.0, 0.0])
        m[0] += cc
        m[1] += tt
        m[2] = max(m[2], ct)  # recursive template functions: the outermost cumulative time
    lines += ["", f"okrsite functions by cumulative time (share of the build; includes what they call), top {top}:", ""]
    for key, (cc, tt, ct) in sorted(merged.items(), key=lambda kv: -kv[1][2])[:top]:
        lines.append(f"  {ct:7.2f} s  {100 * ct / total:5.1f}%  self {tt:6.2f} s  {int(cc):>8} calls  {key}")
    lines += ["", f"okrsite functions by self time, top {top}:", ""]
    for key, (cc, tt, _ct) in sorted(merged.items(), key=lambda kv: -kv[1][1])[:top]:
        lines.append(f"  {tt:7.2f} s  {100 * tt / total:5.1f}%  {int(cc):>8} calls  {key}")
    others = [(describe(f, ln, name), tt, ct) for (f, ln, name), (_cc, _nc, tt, ct, _c) in raw.items()
              if not is_okrsite(f)]
    lines += ["", f"All functions by self time, top {top}:", ""]
    for key, tt, _ct in sorted(others + [(k, v[1], v[2]) for k, v in merged.items()], key=lambda r: -r[1])[:top]:
        lines.append(f"  {tt:7.2f} s  {100 * tt / total:5.1f}%  {key}")
    return "\n".join(lines)


def report_timers(total: float, timers: Timers, what: str = "build") -> str:
    events = {k: v for k, v in timers.total.items() if k.startswith("event ")}
    in_plugins = sum(events.values())
    lines = [f"Timers, {what}: {total:.2f} s wall clock (in process)", "",
             "Plugin event handlers (inclusive):", ""]
    for key, value in sorted(events.items(), key=lambda kv: -kv[1]):
        if value >= 0.005:
            lines.append(f"  {value:7.2f} s  {100 * value / total:5.1f}%  {timers.calls[key]:>6} calls  {key[6:]}")
    lines.append(f"  {total - in_plugins:7.2f} s  {100 * (total - in_plugins) / total:5.1f}%  "
                 "         MkDocs and Material outside plugin events (page Markdown, theme templates, nav, files)")
    lines += ["", "Inside okrsite's handlers (inclusive; the SiteView lines are parts of Renderer.render):", ""]
    for key, value in sorted(((k, v) for k, v in timers.total.items() if not k.startswith("event ")),
                             key=lambda kv: -kv[1]):
        lines.append(f"  {value:7.2f} s  {100 * value / total:5.1f}%  {timers.calls[key]:>7} calls  {key}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--site", type=Path, default=None,
                        help="an existing generated site directory (holding mkdocs.yml and content/) instead")
    parser.add_argument("--cprofile", type=Path, default=None, help="also profile a build; write the stats here")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--no-cprofile", action="store_true", help="timers only")
    parser.add_argument("--rev", default=None,
                        help="profile okrsite as committed in this git revision (default: the working tree)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="okrsite-profile-") as tmp:
        if args.rev:
            assert "okrsite" not in sys.modules, "okrsite was imported before the snapshot"
            sys.path.insert(0, str(snapshot(args.rev, Path(tmp) / "okrsite-src")))
            print(f"okrsite at {describe_rev(args.rev)}")
        import okrsite

        print(f"okrsite imported from {Path(okrsite.__file__).parent}")
        root = args.site or Path(tmp)
        if args.site is None:
            summary = generate(root / "content", args.units, args.seed)
            print(f"{summary.units} units, {summary.objectives} objectives, {summary.logs} check-ins; "
                  f"about {summary.pages} pages")
        cache = root / ".cache"  # okrsite's chart cache
        if args.site is not None and cache.exists():
            print(f"note: {cache} exists, so the first build is not a cold one")
        total, timers = timed_build(root / "mkdocs.yml")
        print(report_timers(total, timers, "first build (cold: no chart cache)"))
        if cache.exists():
            print()
            total, timers = timed_build(root / "mkdocs.yml")
            print(report_timers(total, timers, "second build (with the chart cache the first one left)"))
        if not args.no_cprofile:
            out = args.cprofile or Path(tmp) / "build.prof"
            stats = profiled_build(root / "mkdocs.yml", out)
            print()
            print(report_profile(stats, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
