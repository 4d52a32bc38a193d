"""Rendering chart specs to SVG and PNG with vl-convert: offline, cached, on every core.

vl-convert runs on one core per process and costs ~11 ms (SVG) / ~18 ms (PNG) a chart after
a ~0.35 s start, so misses are spread over a process pool, and every result is cached under
the hash of everything that affects it: a rebuild after one check-in re-renders only the
charts whose data changed.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import multiprocessing
import os
from collections.abc import Iterable
from pathlib import Path

from .fonts import INSTALL_HINT, has_japanese

FORMATS = ("svg", "png")
PNG_SCALE = 2
_registered: set[str] = set()


class ChartFontMissing(RuntimeError):
    """Japanese text would be drawn as boxes: refuse rather than publish them."""


def _register(font_dir: str | None) -> None:
    if font_dir and font_dir not in _registered:
        import vl_convert as vlc

        vlc.register_font_directory(font_dir)
        _registered.add(font_dir)


def _render(job: tuple[str, tuple[str, ...], str | None]) -> dict[str, bytes]:
    """One chart in the formats asked (runs in a worker process). The PNG is rasterized from the
    SVG (resvg), which costs half of running Vega a second time."""
    import vl_convert as vlc

    spec_json, formats, font_dir = job
    _register(font_dir)
    svg = vlc.vegalite_to_svg(json.loads(spec_json), allowed_base_urls=[])
    out = {"svg": svg.encode("utf-8")}
    if "png" in formats:
        out["png"] = vlc.svg_to_png(svg, scale=PNG_SCALE)
    return {fmt: out[fmt] for fmt in formats}


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("vl-convert-python")
    except Exception:  # pragma: no cover - metadata missing in odd installs
        return "?"


class ChartRenderer:
    def __init__(self, cache_dir: Path | None, font_dir: str | None, jobs: int | None = None) -> None:
        self.cache_dir = cache_dir
        self.font_dir = font_dir
        self.jobs = jobs or os.cpu_count() or 1
        self.rendered = 0  # how many were not in the cache (for logs and tests)
        self._version = _version()

    def key(self, spec_json: str) -> str:
        text = json.dumps({"spec": spec_json, "scale": PNG_SCALE, "vlc": self._version, "font": self.font_dir or ""},
                          sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _path(self, key: str, fmt: str) -> Path | None:
        return self.cache_dir / key[:2] / f"{key}.{fmt}" if self.cache_dir else None

    def render(self, specs: Iterable[tuple[str, dict]], formats: tuple[str, ...] = FORMATS) -> dict[tuple[str, str], bytes]:
        """{(chart id, format): bytes} for every chart and format, from the cache where possible."""
        out: dict[tuple[str, str], bytes] = {}
        todo: dict[str, tuple[str, tuple[str, ...], str | None]] = {}  # key -> job
        wanted: list[tuple[str, str]] = []
        for chart_id, spec in specs:
            spec_json = json.dumps(spec, sort_keys=True, ensure_ascii=False)
            if "png" in formats and self.font_dir is None and has_japanese(spec_json):
                raise ChartFontMissing(f"no Japanese font for chart {chart_id}: {INSTALL_HINT}")
            key = self.key(spec_json)
            wanted.append((chart_id, key))
            paths = [self._path(key, fmt) for fmt in formats]
            if all(p is not None and p.exists() for p in paths):
                for fmt, path in zip(formats, paths, strict=True):
                    out[(chart_id, fmt)] = path.read_bytes()
            else:
                todo[key] = (spec_json, formats, self.font_dir)
        results = self._run(list(todo.items()))
        self.rendered += len(results)
        for chart_id, key in wanted:
            for fmt in formats:
                if (chart_id, fmt) not in out:
                    out[(chart_id, fmt)] = results[key][fmt]
        return out

    def _run(self, jobs: list[tuple[str, tuple]]) -> dict[str, dict[str, bytes]]:
        results: dict[str, dict[str, bytes]] = {}
        if not jobs:
            return results
        if len(jobs) <= 12 or self.jobs == 1:
            for key, job in jobs:
                results[key] = _render(job)
        else:
            workers = min(self.jobs, max(1, len(jobs) // 8))
            # spawn, not fork: forking a process whose vl-convert (V8) threads already run can hang
            context = multiprocessing.get_context("spawn")
            with cf.ProcessPoolExecutor(max_workers=workers, initializer=_register, initargs=(self.font_dir,),
                                        mp_context=context) as pool:
                for (key, _job), data in zip(jobs, pool.map(_render, [j for _, j in jobs], chunksize=4),
                                             strict=True):
                    results[key] = data
        if self.cache_dir is not None:
            for key, by_format in results.items():
                for fmt, data in by_format.items():
                    path = self._path(key, fmt)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    tmp = path.with_suffix(path.suffix + ".tmp")
                    tmp.write_bytes(data)
                    tmp.replace(path)
        return results
