"""Every cache file is written whole (cachedirs.replace_whole): through a file of the write's own,
made exclusively and readable by its owner only, renamed over the old one."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from okrsite import cachedirs
from okrsite.cachedirs import replace_whole


def test_a_cache_file_is_replaced_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "pack.pickle"
    replace_whole(path, b"first")
    replace_whole(path, b"second, longer")
    assert path.read_bytes() == b"second, longer"
    assert sorted(p.name for p in path.parent.iterdir()) == ["pack.pickle"]
    if hasattr(os, "getuid"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # a cache may hold what only its owner may read


def test_a_leftover_of_a_stopped_write_is_neither_reused_nor_removed(tmp_path: Path, monkeypatch) -> None:
    """A temporary name a stopped process left (same pid, same number) is skipped, not written
    through: it may be another process's file, and an exclusive create never follows a link."""
    path = tmp_path / "pack.pickle"
    monkeypatch.setattr(cachedirs, "_WRITES", iter([7, 7, 8]))
    left = tmp_path / f".pack.pickle.{os.getpid()}-7.tmp"
    left.write_bytes(b"someone else's")
    replace_whole(path, b"mine")
    assert path.read_bytes() == b"mine" and left.read_bytes() == b"someone else's"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "pack.pickle"
    replace_whole(path, b"old")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cachedirs.os, "replace", refuse)
    with pytest.raises(OSError):
        replace_whole(path, b"new")
    assert path.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["pack.pickle"]


def test_writers_at_once_each_replace_the_file_whole(tmp_path: Path) -> None:
    """Two chart workers or two builds may store one entry at the same moment."""
    path = tmp_path / "entry.svg"
    bodies = [bytes([65 + i]) * 200_000 for i in range(8)]
    threads = [threading.Thread(target=replace_whole, args=(path, body)) for body in bodies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert path.read_bytes() in bodies
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry.svg"]
