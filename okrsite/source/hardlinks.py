"""Written files with the same bytes stored once: a file is a hard link to the first file with its
bytes (a current-period alias's SVG, PNGs and badge are the chart's own).

An alias's image must be a file of its own at its own URL (an image URL cannot redirect on a
static host, and an SVG shown by `<img>` loads nothing else), but it need not be a second copy
on disk: a hard link is the same file under two names, which `du`, `tar`, `rsync -H`, git (one
blob per content) and a web server all take as it is. Links are made through a temporary name
and `os.replace`, so a reader never sees a missing file; where a link cannot be made (another
device, a file system without links) a copy is written, with the same bytes.

Two writers: the site's build writes every chart file itself (`write_once`, from the plugin's
`on_post_build`, once the charts are drawn): created where no file is, else through a
temporary name, never in place: MkDocs opens a file it writes in place, which in a `--dirty`
build or over an earlier build's site would write through a link into both names. `okrsite
export charts` writes its folder (export/folder.py) and then links its copies (`copies`,
`link_copies`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path


def copies(files: Mapping[str, bytes]) -> dict[str, str]:
    """{path: the first path (in sorted order) with the same bytes} for every file that repeats one."""
    first: dict[bytes, str] = {}
    out: dict[str, str] = {}
    for path in sorted(files):
        data = files[path]
        original = first.setdefault(data, path)
        if original != path:
            out[path] = original
    return out


def write_once(root: Path, files: Iterable[tuple[str, bytes]]) -> tuple[int, int]:
    """Write each (path under `root`, bytes), one at a time (the caller need not hold them all); a
    file with an earlier one's bytes becomes a hard link to it (a copy where that fails). A file
    that is there already is replaced through a temporary name and `os.replace`, never written in
    place: an earlier build's file there may be a link, and writing into it would change both
    names. (files, of them links)."""
    first: dict[bytes, str] = {}
    pairs: dict[str, str] = {}
    folders: set[str] = set()  # made already: a site's chart files share a few hundred folders
    count = 0
    for path, data in files:
        count += 1
        original = first.setdefault(hashlib.sha256(data).digest(), path)
        if original != path:
            pairs[path] = original
            continue
        here = os.path.join(root, path)
        folder, name = os.path.split(here)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        _write_new(here, folder, name, data)
    return count, place_copies(root, pairs)


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _write_new(here: str, folder: str, name: str, data: bytes) -> None:
    """Create the file where none is (a clean build: one file operation, where a temporary name
    and a rename were two, and creating files is most of a warm build's system time), else write
    it through a temporary name and `os.replace`: the file there may be a link."""
    try:
        fd = os.open(here, _NEW, 0o666)
    except FileExistsError:
        tmp = os.path.join(folder, f".{name}.write")
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, here)
        return
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def link_copies(root: Path, pairs: Mapping[str, str]) -> int:
    """Make each copy under `root` a hard link to its original (a copy that cannot be linked is left as
    it is, or missing); how many are links now."""
    linked = 0
    for copy, original in pairs.items():
        target, here = root / original, root / copy
        try:
            if _same(here, target):
                linked += 1
                continue
            here.parent.mkdir(parents=True, exist_ok=True)
            tmp = here.with_name(f".{here.name}.link")
            os.link(target, tmp)
            os.replace(tmp, here)
            linked += 1
        except OSError:  # another device, no links here, a file gone: the copy stays
            _discard(here.with_name(f".{here.name}.link"))
    return linked


def place_copies(root: Path, pairs: Mapping[str, str]) -> int:
    """Put each copy under `root` (path -> its original, already written there): a hard link to the
    original, or where that fails a copy of the original's file, through a temporary name; how many
    are links. The bytes are read from the original on disk, so a build need not keep them."""
    linked = link_copies(root, pairs)
    if linked < len(pairs):
        for copy, original in pairs.items():
            here = root / copy
            if not _same(here, root / original):
                here.parent.mkdir(parents=True, exist_ok=True)
                tmp = here.with_name(f".{here.name}.copy")
                shutil.copyfile(root / original, tmp)
                os.replace(tmp, here)
    return linked


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _discard(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
