"""How the per-file cache keeps its entries (source/parse_cache.py): pickled together in chunks.
A run that changed a few files adds one chunk for them and leaves the others byte for byte; the
live entries are written as one chunk again when dead ones outnumber them or there would be more
than MAX_CHUNKS; a damaged chunk is a miss for each of its files, never a failure."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

from okrsite.source import parse_cache
from okrsite.source.parse_cache import ParseCache

from .test_corpus import BASE
from .test_parse_cache import reported


def _pack(cache: ParseCache) -> tuple[dict, list[tuple[bytes, int]]]:
    _fingerprint, (index, chunks), _kept = pickle.loads(cache.pack.read_bytes())
    return index, chunks


def _check(root: Path, home: Path) -> tuple[ParseCache, list[tuple]]:
    cache = ParseCache.for_content(root, home)
    return cache, reported(root, cache)


def _logs(root: Path) -> list[Path]:
    return sorted((root / "logs").rglob("*.md"))


def _data_files(root: Path) -> list[Path]:
    """Every Markdown data file (units, objectives, check-ins, retrospectives)."""
    return sorted(p for d in ("units", "okrs", "logs", "retros") for p in (root / d).rglob("*.md"))


def _touch_up(path: Path, n: int) -> None:
    """A change that keeps the file valid: one more line of its body."""
    path.write_text(path.read_text(encoding="utf-8") + f"\nMore notes, {n}.\n", encoding="utf-8")


def test_a_run_that_changed_one_file_adds_a_chunk_and_keeps_the_others(tmp_path, monkeypatch) -> None:
    root = Path(shutil.copytree(BASE, tmp_path / "content"))
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "cache"
    first, fresh = _check(root, home)
    index, chunks = _pack(first)
    assert len(chunks) == 1 and chunks[0][1] == len(index) == first.misses
    log = _logs(root)[-1]
    _touch_up(log, 1)
    second, found = _check(root, home)
    assert found == reported(root, None) and second.misses == 1
    index2, chunks2 = _pack(second)
    assert len(chunks2) == 2 and chunks2[0] == chunks[0]  # the old chunk as it was, the new one beside it
    rel = log.relative_to(root).as_posix()
    assert index2[rel][1] == 1 and chunks2[1][1] == 1
    assert {r: e[1] for r, e in index2.items() if r != rel} == {r: 0 for r in index2 if r != rel}
    third, again = _check(root, home)  # both chunks read: every file a hit, nothing written
    assert third.misses == 0 and third.hits == len(index2) and again == found


def test_the_live_entries_are_written_as_one_chunk_when_dead_ones_outnumber_them(tmp_path, monkeypatch) -> None:
    root = Path(shutil.copytree(BASE, tmp_path / "content"))
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "cache"
    first, _ = _check(root, home)
    total = len(_pack(first)[0])
    changed = _data_files(root)[1:]
    assert len(changed) * 2 > total  # more than half the first chunk's entries die
    for path in changed:
        _touch_up(path, 2)
    second, found = _check(root, home)
    index, chunks = _pack(second)
    assert len(chunks) == 1 and chunks[0][1] == len(index) == total
    assert found == reported(root, None)


def test_many_small_runs_are_compacted_into_one_chunk(tmp_path, monkeypatch) -> None:
    """Each run that changes another file adds a chunk; the run that would make more than
    MAX_CHUNKS writes every live entry as one chunk again. A chunk whose entries all died is
    dropped."""
    root = Path(shutil.copytree(BASE, tmp_path / "content"))
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "cache"
    _check(root, home)
    logs = _data_files(root)
    assert len(logs) > 2 * parse_cache.MAX_CHUNKS  # dead entries never outnumber live ones here
    counts = []
    for n, log in enumerate(logs[: parse_cache.MAX_CHUNKS]):
        _touch_up(log, n)
        cache, found = _check(root, home)
        counts.append(len(_pack(cache)[1]))
    assert counts == [*range(2, parse_cache.MAX_CHUNKS + 1), 1] and found == reported(root, None)
    _touch_up(logs[0], 99)
    _touch_up(logs[0], 100)
    cache, _ = _check(root, home)
    assert len(_pack(cache)[1]) == 2
    _touch_up(logs[0], 101)  # its last chunk held only this file's entry: dropped, a new one made
    cache, _ = _check(root, home)
    assert len(_pack(cache)[1]) == 2


def test_a_damaged_chunk_is_a_miss_for_each_of_its_files(tmp_path, monkeypatch) -> None:
    root = Path(shutil.copytree(BASE, tmp_path / "content"))
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "cache"
    first, fresh = _check(root, home)
    fingerprint, (index, chunks), kept = pickle.loads(first.pack.read_bytes())
    data, count = chunks[0]
    first.pack.write_bytes(pickle.dumps((fingerprint, (index, [(data[: len(data) // 2], count)]), kept)))
    second, found = _check(root, home)
    assert found == fresh and second.hits == 0 and second.misses == len(index)
    index2, chunks2 = _pack(second)  # the damaged chunk is gone, its entries made again
    assert len(chunks2) == 1 and set(index2) == set(index)
