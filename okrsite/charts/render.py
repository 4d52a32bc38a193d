"""Rendering chart specs to SVG (and PNG where asked) with vl-convert: offline, cached, on every core.

vl-convert runs on one core per process and costs tens of milliseconds a chart after a ~0.35 s
start, so misses are spread over a few long-lived processes, each given one batch of work, fed by a
thread of the build's process (`start`), so that a host builds its pages while they draw; every
result is cached under the hash of everything that affects it, and each distinct spec is rendered
once per build however many charts share it: a rebuild after one check-in re-renders only the
charts whose data changed. What makes a spec cheaper to render without changing its picture is
in charts/vega.py; a legend that every chart of a template draws alike is laid out once (charts/legends.py).

PNGs are for wikis that cannot show SVG (Confluence): an opaque light and an opaque dark variant,
so they read on any wiki theme, rasterized from the SVG (resvg), which costs half of running Vega
again.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import hashlib
import json
import multiprocessing
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..cachedirs import committed, replace_whole
from .fonts import INSTALL_HINT, has_japanese
from .legends import LegendPart, learned, legend_key, with_legends, without_legends
from .svgmin import minified
from .svgtag import OPEN
from .theme import DARK_BACKGROUND, DARK_TEXT, LIGHT_BACKGROUND, LIGHT_TEXT
from .vega import for_image, lean, restored, stand_ins, to_vega

FORMATS = ("svg",)  # what the site's pages need
PNG_FORMATS = ("png", "dark.png")  # opaque light and dark PNGs, only where configured
PNG_SCALE = 2
RECIPE = 5  # bump when the way a spec becomes files changes (the cache key holds it)
_registered: set[str] = set()
_legend_parts: dict[str, LegendPart | None] = {}  # legend_key -> its legends as drawn (per process)

Progress = Callable[[int, int, int], None]  # (distinct specs done, distinct specs, of them from the cache)


class ChartFontMissing(RuntimeError):
    """Japanese text would be drawn as boxes: refuse rather than publish them."""


@dataclass(frozen=True)
class _Kept:
    """Where this process keeps what it works out once for many charts, in the chart cache:
    compiled skeletons (`vega/`) and legends as drawn (`legends/`), and the configured font
    (a legend's width follows the font it is measured in)."""

    folder: str
    font: str


_kept: _Kept | None = None  # None: nothing is kept (no chart cache, or one that is not trusted)


def _start(font_dir: str | None, kept: _Kept | None) -> None:
    """What a process sets up before it draws: the font, and where it keeps what it works out."""
    global _kept
    _register(font_dir)
    _kept = kept


@contextlib.contextmanager
def _keeping(kept: _Kept | None) -> Iterator[None]:
    """What is worked out kept in `kept` while this process draws a renderer's few charts."""
    global _kept
    before, _kept = _kept, kept
    try:
        yield
    finally:
        _kept = before


def _compile_skeleton(skeleton: dict) -> dict:
    """vl-convert's Vega of a chart skeleton (vega.py), kept in the chart cache's `vega/` by a hash
    of the skeleton and vl-convert's version, so no process compiles one another process or an
    earlier build compiled (each worker compiled every skeleton it met). A skeleton holds no data,
    so a check-in changes one only when it changes which of a chart's layers are empty (vega.lean:
    a KR's first check-in, a final result): at M a rebuild's skeletons were all kept. Data, like
    the drawings beside it."""
    import vl_convert as vlc

    if _kept is None:
        return vlc.vegalite_to_vega(skeleton)
    text = json.dumps(skeleton, sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(f"{vlc.__version__}\0{text}".encode()).hexdigest()
    path = os.path.join(_kept.folder, "vega", key[:2], f"{key}.json")
    try:
        with open(path, "rb") as f:
            return json.loads(f.read())
    except (OSError, ValueError):
        pass
    vega = vlc.vegalite_to_vega(skeleton)
    try:
        replace_whole(Path(path), json.dumps(vega, ensure_ascii=False).encode("utf-8"))
    except OSError:  # a full or read-only disk: compiled again next time
        pass
    return vega


def _register(font_dir: str | None) -> None:
    if font_dir and font_dir not in _registered:
        import vl_convert as vlc

        vlc.register_font_directory(font_dir)
        _registered.add(font_dir)


def opaque_svg(svg: bytes, text: str, background: str) -> bytes:
    """The SVG with its text colour fixed and an opaque background behind everything (for PNGs)."""
    svg = svg.replace(b"currentColor", text.encode("ascii"))
    m = OPEN.search(svg)
    if m is None:
        return svg
    rect = f'<rect width="100%" height="100%" fill="{background}"/>'.encode("ascii")
    return svg[: m.end()] + rect + svg[m.end():]


_CLIP_ID = re.compile(rb'(id="|url\(#)clip(\d+)(?=[")])')  # only ids and references, never drawn text


def stable_ids(svg: bytes) -> bytes:
    """The SVG with its clip-path ids numbered from 0 in order of appearance: vl-convert counts them
    per process, so the same spec drawn in another worker (or after other charts) would otherwise
    give other bytes, and two builds of the same content would differ."""
    numbers: dict[bytes, bytes] = {}

    def renumber(m: re.Match[bytes]) -> bytes:
        return m.group(1) + b"clip" + numbers.setdefault(m.group(2), str(len(numbers)).encode("ascii"))

    return _CLIP_ID.sub(renumber, svg)


def spec_text(spec: dict) -> str:
    """A spec as published (`.vl.json`) and hashed for the cache: compact, its keys sorted."""
    return json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _render(job: tuple[str, tuple[str, ...], str | None], learn: bool = True) -> dict[str, bytes]:
    """One chart in the formats asked (in a worker process; or, `learn` False, one of the few
    charts a rebuild draws in its own process: see _image)."""
    import vl_convert as vlc

    spec_json, formats, font_dir = job
    _register(font_dir)
    svg = _image(lean(for_image(json.loads(spec_json))), learn)
    out = {"svg": svg}
    if "png" in formats:
        out["png"] = vlc.svg_to_png(opaque_svg(svg, LIGHT_TEXT, LIGHT_BACKGROUND).decode("utf-8"), scale=PNG_SCALE)
    if "dark.png" in formats:
        out["dark.png"] = vlc.svg_to_png(opaque_svg(svg, DARK_TEXT, DARK_BACKGROUND).decode("utf-8"), scale=PNG_SCALE)
    return {fmt: out[fmt] for fmt in formats}


def _drawn(spec: dict) -> bytes:
    """The SVG of an image's spec as published: stable ids, nothing an image does not use."""
    return minified(stable_ids(_svg(spec).encode("utf-8")))


_UNLEARNT = LegendPart((), 0, b"", 0)
LEGEND_FORMAT = 1  # bump when a kept legend's file changes shape
_unkept: set[str] = set()  # kept-legend files looked for and not found (per process)


def _image(spec: dict, learn: bool = True) -> bytes:
    """`_drawn(spec)`, its legends laid out once per template (charts/legends.py) and kept in
    the chart cache for later builds and other processes. Learning a template's legend costs its
    first chart a second drawing, which pays back only over many charts: without `learn` (a
    rebuild's few charts) a chart whose legend is neither learnt nor kept is drawn whole."""
    key = legend_key(spec)
    part = _legend_for(key) if key is not None else None
    if part is None or (part is _UNLEARNT and not learn):
        return _drawn(spec)
    bare = _drawn(without_legends(spec))
    if part is _UNLEARNT:
        full = _drawn(spec)
        _legend_parts[key] = part = learned(full, bare)
        _keep_legend(key, part)
        return full
    return with_legends(bare, part) or _drawn(spec)


def _legend_file(key: str) -> str | None:
    """Where a template's legend is kept: by vl-convert's version, okrsite's recipe, the font the
    legend is measured in and the legend's key (legends.legend_key: everything that places it)."""
    if _kept is None:
        return None
    import vl_convert as vlc

    name = hashlib.sha256(f"{LEGEND_FORMAT}\0{vlc.__version__}\0{RECIPE}\0{_kept.font}\0{key}".encode()).hexdigest()
    return os.path.join(_kept.folder, "legends", f"{name}.json")


def _legend_for(key: str) -> LegendPart | None:
    """The template's legend: learnt in this process, else kept by an earlier one (a part, or
    None for a legend that cannot be shared), else _UNLEARNT."""
    part = _legend_parts.get(key, _UNLEARNT)
    path = _legend_file(key) if part is _UNLEARNT else None
    if path is None or path in _unkept:
        return part
    try:
        with open(path, "rb") as f:
            part = _legend_from(json.loads(f.read()))
    except (OSError, ValueError):
        part = _UNLEARNT
    if part is _UNLEARNT:
        _unkept.add(path)
    else:
        _legend_parts[key] = part
    return part


def _legend_from(data: object) -> LegendPart | None:
    """A kept legend read back: only the shape _keep_legend writes, else _UNLEARNT (drawn afresh)."""
    if data is None:
        return None
    if not isinstance(data, dict) or set(data) != {"path", "after", "block", "extra"}:
        return _UNLEARNT
    path, after, block, extra = data["path"], data["after"], data["block"], data["extra"]
    numbers = [*path, after, extra] if isinstance(path, list) else [None]
    if not all(type(n) is int and n >= 0 for n in numbers) or not isinstance(block, str) or not block.startswith("<g"):
        return _UNLEARNT
    return LegendPart(tuple(path), after, block.encode("utf-8"), extra)


def _keep_legend(key: str, part: LegendPart | None) -> None:
    """Keep a legend learnt here (it rebuilt its chart byte for byte: legends.learned) for later
    builds and other processes."""
    path = _legend_file(key)
    if path is None:
        return
    data = None if part is None else {"path": list(part.path), "after": part.after,
                                      "block": part.block.decode("utf-8"), "extra": part.extra}
    try:
        replace_whole(Path(path), json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError:  # a full or read-only disk: learnt again next time
        pass
    _unkept.discard(path)


def _svg(spec: dict) -> str:
    """The SVG of an image's spec, its title measured through stand-ins (charts/vega.py)."""
    import vl_convert as vlc

    shown, lines = stand_ins(spec)
    if lines:
        svg = restored(vlc.vega_to_svg(to_vega(shown, vlc.vegalite_to_vega, _compile_skeleton),
                                       allowed_base_urls=[]), lines)
        if svg is not None:
            return svg
    return vlc.vega_to_svg(to_vega(spec, vlc.vegalite_to_vega, _compile_skeleton), allowed_base_urls=[])


def _written_out(spec_json: str) -> str:
    """The spec's text with JSON escapes (`\\u56db`) written as the characters they stand for, so the
    font subset holds every character the chart draws."""
    return spec_json if "\\u" not in spec_json else json.dumps(json.loads(spec_json), ensure_ascii=False)


def _render_batch(jobs: list[tuple[str, tuple[str, ...], str | None]]) -> list[dict[str, bytes]]:
    return [_render(job) for job in jobs]


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("vl-convert-python")
    except Exception:  # pragma: no cover - metadata missing in odd installs
        return "?"


class ChartRenderer:
    """Renders specs, from the cache where it can. Counters say what a build did: `requested`
    (charts asked for), `distinct` (distinct specs among them), `hits` (distinct specs found in
    the cache) and `rendered` (distinct specs vl-convert drew)."""

    def __init__(self, cache_dir: Path | None, font_dir: str | None, jobs: int | None = None,
                 progress: Progress | None = None) -> None:
        # a cache holding files git tracks is not read (charts/cache_trust.py says why); hosts
        # report `refused` with cache_trust.refusal
        self.refused = committed(Path(cache_dir)) if cache_dir is not None else []
        self.cache_dir = None if self.refused else cache_dir
        self.font_dir = font_dir
        self.jobs = jobs or os.cpu_count() or 1
        self.progress = progress
        self.requested = self.distinct = self.hits = self.rendered = 0
        self._version = _version()

    def key(self, spec_json: str) -> str:
        text = json.dumps({"spec": spec_json, "scale": PNG_SCALE, "vlc": self._version, "font": self.font_dir or "",
                           "recipe": RECIPE, "png": [LIGHT_TEXT, LIGHT_BACKGROUND, DARK_TEXT, DARK_BACKGROUND]},
                          sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _path(self, key: str, fmt: str) -> Path | None:
        return self.cache_dir / key[:2] / f"{key}.{fmt}" if self.cache_dir else None

    def _cached(self, key: str, formats: tuple[str, ...]) -> dict[str, bytes] | None:
        if self.cache_dir is None:
            return None
        stem = os.path.join(self.cache_dir, key[:2], key)  # str paths: a warm build reads ~1,000 files
        out = {}
        for fmt in formats:
            try:
                with open(f"{stem}.{fmt}", "rb") as f:
                    out[fmt] = f.read()
            except FileNotFoundError:
                return None
        return out

    def render(self, specs: Iterable[tuple[str, dict | str]], formats: tuple[str, ...] = FORMATS,
               png_for: Callable[[str], bool] | None = None) -> dict[tuple[str, str], bytes]:
        """{(chart id, format): bytes} for every chart (its spec, or its spec_text), from the cache
        where possible. `formats` are
        made for every chart, or, with `png_for`, the PNG formats only for the charts it accepts."""
        return self.start(specs, formats, png_for).result()

    def start(self, specs: Iterable[tuple[str, dict | str]], formats: tuple[str, ...] = FORMATS,
              png_for: Callable[[str], bool] | None = None) -> Rendering:
        """`render`, begun: the cache is read and a missing Japanese font refused (ChartFontMissing)
        now; the charts to draw are drawn in worker processes while the caller goes on, and
        `.result()` waits for them. A few charts (or `jobs` 1) are drawn here, before it returns."""
        wanted: list[tuple[str, str]] = []
        jobs: dict[str, tuple[str, tuple[str, ...], str | None]] = {}  # key -> job, one per distinct spec
        for chart_id, spec in specs:
            own = formats if png_for is None or png_for(chart_id) else tuple(f for f in formats if f not in PNG_FORMATS)
            spec_json = spec if isinstance(spec, str) else spec_text(spec)
            if any(f in PNG_FORMATS for f in own) and self.font_dir is None and has_japanese(spec_json):
                raise ChartFontMissing(f"no Japanese font for chart {chart_id}: {INSTALL_HINT}")
            key = self.key(spec_json)
            wanted.append((chart_id, key))
            known = jobs.get(key)
            merged = own if known is None else tuple(dict.fromkeys((*known[1], *own)))
            jobs[key] = (spec_json, merged, self.font_dir)
        self.requested += len(wanted)
        self.distinct += len(jobs)
        results: dict[str, dict[str, bytes]] = {}
        todo = []
        for key, job in jobs.items():
            cached = self._cached(key, job[1])
            if cached is None:
                todo.append((key, job))
            else:
                results[key] = cached
        hits = len(jobs) - len(todo)
        self.hits += hits
        self.rendered += len(todo)
        return Rendering(self, wanted, results, todo, hits, len(jobs))

    def pooled(self, todo: int) -> bool:
        """Whether `todo` charts are drawn by worker processes (else in this process, at once)."""
        return todo > 12 and self.jobs > 1

    def _run(self, jobs: list[tuple[str, tuple]], hits: int = 0, total: int = 0,
             stop: threading.Event | None = None) -> dict[str, dict[str, bytes]]:
        results: dict[str, dict[str, bytes]] = {}
        for key, data in self._results(jobs, stop):
            results[key] = data
            self._store(key, data)
            if self.progress is not None:
                self.progress(hits + len(results), total or len(jobs), hits)
        return results

    def _results(self, jobs: list[tuple[str, tuple]],
                 stop: threading.Event | None = None) -> Iterable[tuple[str, dict[str, bytes]]]:
        """(key, files) as they are done: here for a few charts, else in one process per core, each
        given batches of about a tenth of its share (the runtime starts once per process, and
        results come back often enough for progress to move); `stop` set: the batches not begun are
        dropped (a build that failed)."""
        if not self.pooled(len(jobs)):
            font_dir = self._measuring_font([job for _, job in jobs], make=False)
            with _keeping(self._kept()):
                for key, (spec, fmts, _font) in jobs:
                    yield key, _render((spec, fmts, font_dir), learn=False)
            return
        workers = min(self.jobs, max(1, len(jobs) // 8))
        size = max(4, min(64, len(jobs) // (workers * 10)))
        font_dir = self._measuring_font([job for _, job in jobs])
        jobs = [(key, (spec, fmts, font_dir)) for key, (spec, fmts, _font) in jobs]
        batches = [jobs[i:i + size] for i in range(0, len(jobs), size)]
        # spawn, not fork: forking a process whose vl-convert (V8) threads already run can hang
        context = multiprocessing.get_context("spawn")
        with cf.ProcessPoolExecutor(max_workers=workers, initializer=_start, initargs=(font_dir, self._kept()),
                                    mp_context=context) as pool:
            futures = {pool.submit(_render_batch, [job for _, job in batch]): batch for batch in batches}
            for future in cf.as_completed(futures):
                if stop is not None and stop.is_set():
                    for other in futures:
                        other.cancel()
                    return
                for (key, _job), data in zip(futures[future], future.result(), strict=True):
                    yield key, data

    def _kept(self) -> _Kept | None:
        return _Kept(str(self.cache_dir), self.font_dir or "") if self.cache_dir is not None else None

    def _measuring_font(self, jobs: list[tuple[str, tuple[str, ...], str | None]], make: bool = True) -> str | None:
        """The font directory to register: the configured font cut to the characters of these
        specs (charts/subset.py; the same SVGs, a third less CPU), kept in the chart cache. For a
        rebuild's few charts (`make` False) only a subset made earlier that covers them, else the
        whole font: running the subsetter would cost more than it saves."""
        if self.font_dir is None:
            return None
        from .subset import covering_subset, subset_font_dir

        texts = (_written_out(spec) for spec, _f, _d in jobs)
        if not make:
            return covering_subset(self.font_dir, texts, self.cache_dir) if self.cache_dir else self.font_dir
        if self.cache_dir is not None:
            return subset_font_dir(self.font_dir, texts, self.cache_dir)
        self._scratch = tempfile.TemporaryDirectory(prefix="okrsite-fonts-")  # removed with the renderer
        return subset_font_dir(self.font_dir, texts, Path(self._scratch.name))

    def _store(self, key: str, by_format: dict[str, bytes]) -> None:
        if self.cache_dir is None:
            return
        for fmt, data in by_format.items():
            replace_whole(self._path(key, fmt), data)


class Rendering:
    """Charts being drawn (ChartRenderer.start): `result()` waits for them and gives
    {(chart id, format): bytes}; `cancel()` drops what has not begun (a build that failed)."""

    def __init__(self, renderer: ChartRenderer, wanted: list[tuple[str, str]], results: dict[str, dict[str, bytes]],
                 todo: list[tuple[str, tuple]], hits: int, total: int) -> None:
        self._wanted, self._results = wanted, results
        self._error: BaseException | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if renderer.pooled(len(todo)):
            def draw() -> None:
                try:
                    results.update(renderer._run(todo, hits, total, self._stop))
                except BaseException as exc:  # handed to the caller by result()
                    self._error = exc

            self._thread = threading.Thread(target=draw, name="okrsite-charts", daemon=True)
            self._thread.start()
        elif todo:
            results.update(renderer._run(todo, hits, total))

    def result(self) -> dict[tuple[str, str], bytes]:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        if self._stop.is_set():
            raise RuntimeError("chart rendering was cancelled")
        return {(chart_id, fmt): data for chart_id, key in self._wanted for fmt, data in self._results[key].items()}

    def cancel(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
