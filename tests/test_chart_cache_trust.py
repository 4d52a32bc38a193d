"""A chart cache that holds files git tracks is not read (charts/cache_trust.py): a committed file
named like a cache entry would otherwise be published in place of a chart."""

from __future__ import annotations

import json
import logging
import subprocess
from pathlib import Path

from okrsite.cachedirs import committed
from okrsite.charts.cache_trust import refusal
from okrsite.charts.render import ChartRenderer

from .sitebuild import build_site, small_project

PLANTED = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
SPEC = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 40, "height": 20,
        "data": {"values": [{"a": 1}, {"a": 2}]}, "mark": "bar", "encoding": {"x": {"field": "a", "type": "ordinal"}}}


def _repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def _plant(cache: Path, renderer: ChartRenderer, spec_json: str) -> Path:
    """A file where the cache keeps this spec's SVG (the name anyone can work out)."""
    key = renderer.key(spec_json)
    path = cache / key[:2] / f"{key}.svg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PLANTED)
    return path


def test_only_files_git_tracks_count(tmp_path):
    repo = _repo(tmp_path / "repo")
    cache = repo / ".cache" / "okrsite"
    assert committed(cache) == []  # no folder yet
    (cache / "ab").mkdir(parents=True)
    (cache / "ab" / "x.svg").write_bytes(b"<svg/>")
    (cache / "ab" / "y.svg").write_bytes(b"<svg/>")
    assert committed(cache) == []  # there, but not tracked
    subprocess.run(["git", "-C", str(repo), "add", "-f", ".cache/okrsite/ab/y.svg"], check=True)
    assert committed(cache) == ["ab/y.svg"]
    outside = tmp_path / "not-a-repo" / ".cache"
    outside.mkdir(parents=True)
    (outside / "z.svg").write_bytes(b"<svg/>")
    assert committed(outside) == []


def test_a_cache_with_a_committed_entry_is_not_read(tmp_path):
    repo = _repo(tmp_path / "repo")
    cache = repo / ".cache" / "okrsite"
    spec_json = json.dumps(SPEC)
    planted = _plant(cache, ChartRenderer(cache, None, jobs=1), spec_json)
    trusting = ChartRenderer(cache, None, jobs=1)
    assert trusting.refused == [] and trusting.render([("c", spec_json)], ("svg",))[("c", "svg")] == PLANTED
    subprocess.run(["git", "-C", str(repo), "add", "-f", str(planted)], check=True)
    renderer = ChartRenderer(cache, None, jobs=1)
    assert renderer.refused == [planted.relative_to(cache).as_posix()] and renderer.cache_dir is None
    svg = renderer.render([("c", spec_json)], ("svg",))[("c", "svg")]
    assert b"<script" not in svg and svg.startswith(b"<svg")  # drawn afresh
    assert planted.read_bytes() == PLANTED  # and nothing written into the refused cache
    message = refusal(cache, renderer.refused)
    assert planted.name in message and f"git rm -r --cached {cache}" in message


def _project_with_a_committed_entry(tmp_path: Path, cache_dir: str) -> tuple[Path, Path, Path]:
    """A one-unit project in a git repository whose chart cache (`cache_dir`, which its mkdocs.yml
    names) holds a committed script SVG: (root, cache, mkdocs.yml)."""
    root = _repo(tmp_path / "project")
    (root / "content" / "units").mkdir(parents=True)
    (root / "content" / "units" / "acme.md").write_text("---\nname: Acme\nkind: company\n---\n", encoding="utf-8")
    cache = root / cache_dir
    config = small_project(root, "Acme", cache_dir=cache)
    (cache / "zz").mkdir(parents=True)
    (cache / "zz" / "planted.svg").write_bytes(PLANTED)
    subprocess.run(["git", "-C", str(root), "add", "-f", str(cache / "zz" / "planted.svg")], check=True)
    return root, cache, config


def test_the_build_says_why_it_draws_every_chart(tmp_path, caplog):
    root, cache, config = _project_with_a_committed_entry(tmp_path, ".cache/charts")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.okrsite"):
        build_site(config, tmp_path / "site")
    warned = [r.getMessage() for r in caplog.records if "committed to git" in r.getMessage()]
    assert len(warned) == 1 and "zz/planted.svg" in warned[0]
    assert not any(p.read_bytes() == PLANTED for p in (tmp_path / "site").rglob("*.svg"))


def test_export_charts_says_why_it_draws_every_chart(tmp_path):
    from click.testing import CliRunner

    from okrsite.cli import main

    root, cache, _config = _project_with_a_committed_entry(tmp_path, ".cache/okrsite")
    done = CliRunner().invoke(main, ["export", "charts", str(root / "content"), "--out", str(tmp_path / "out"),
                                     "--cache", str(cache), "--today", "2026-11-24"])
    assert done.exit_code == 0, done.output
    assert "committed to git (zz/planted.svg)" in done.stderr and f"git rm -r --cached {cache}" in done.stderr


def test_okrsite_pages_says_why_it_draws_every_chart(tmp_path):
    """The page writer for hosts without plugins (Zensical) refuses a committed cache like the plugin."""
    from click.testing import CliRunner

    from okrsite.cli import main

    root, cache, config = _project_with_a_committed_entry(tmp_path, ".cache/charts")
    done = CliRunner().invoke(main, ["pages", str(root / "content"), "--out", str(root / "content" / "_okrsite"),
                                     "--config-file", str(config), "--today", "2026-11-24"])
    assert done.exit_code == 0, done.output
    assert "committed to git (zz/planted.svg)" in done.stderr and f"git rm -r --cached {cache}" in done.stderr
    written = [p for p in (root / "content" / "_okrsite").rglob("*") if p.is_file()]
    assert written and not any(p.read_bytes() == PLANTED for p in written)


def test_a_committed_kept_legend_keeps_nothing_from_the_cache(tmp_path):
    """A kept legend (legends/) goes into every KR chart as is: a committed one is refused like a
    committed chart, and such a renderer keeps and reads nothing (no skeletons, no legends)."""
    repo = _repo(tmp_path / "repo")
    cache = repo / ".cache" / "okrsite"
    assert ChartRenderer(cache, None, jobs=1)._kept() is not None
    legend = cache / "legends" / f"{'0' * 64}.json"
    legend.parent.mkdir(parents=True)
    legend.write_text('{"path": [], "after": 0, "block": "<g><script>alert(1)</script></g>", "extra": 0}',
                      encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "add", "-f", str(legend)], check=True)
    refusing = ChartRenderer(cache, None, jobs=1)
    assert refusing.refused == [f"legends/{legend.name}"] and refusing._kept() is None
