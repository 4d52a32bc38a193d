"""Builds use the check's per-file cache too (source/parse_cache.py): a second build of unchanged
content parses no data file again, through the MkDocs plugin and through `okrsite pages`, and
builds what the first one built."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from okrsite.cli import main
from okrsite.source import repository

from .sitebuild import build_site
from .test_host_pages import scratch_sample


def _counting_parses(monkeypatch) -> list[str]:
    """The data files parsed from now on (their displayed paths)."""
    parsed: list[str] = []
    read = repository._read_document

    def counted(place, shown, raw):
        parsed.append(shown)
        return read(place, shown, raw)

    monkeypatch.setattr(repository, "_read_document", counted)
    return parsed


def test_a_second_build_parses_no_unchanged_file(tmp_path, monkeypatch):
    repo = scratch_sample(tmp_path / "repo")
    monkeypatch.setenv("OKRSITE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(repo)
    with monkeypatch.context() as m:
        first = _counting_parses(m)
        build_site(repo / "mkdocs.yml", tmp_path / "one")
    assert len(first) > 50  # the sample's data files, all parsed
    second = _counting_parses(monkeypatch)
    build_site(repo / "mkdocs.yml", tmp_path / "two")
    assert second == []
    pages = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("index.html"))
    assert len(pages) > 50
    assert all((tmp_path / "one" / p).read_bytes() == (tmp_path / "two" / p).read_bytes() for p in pages)


def test_okrsite_pages_parses_only_what_changed(tmp_path, monkeypatch):
    repo = scratch_sample(tmp_path / "repo")
    monkeypatch.setenv("OKRSITE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(repo)
    args = ["pages", "--out", "content/_okrsite", "--today", "2026-11-24"]
    assert CliRunner().invoke(main, args).exit_code == 0
    log = next(Path("content/logs").rglob("*.md"))
    log.write_text(log.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # one file changed
    parsed = _counting_parses(monkeypatch)
    assert CliRunner().invoke(main, args).exit_code == 0
    assert parsed == [log.as_posix()]
