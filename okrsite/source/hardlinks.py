"""Written files with the same bytes stored once: a file is a hard link to the first file with its
bytes (a current-period alias's SVG, PNGs and badge are the chart's own).

An alias's image must be a file of its own at its own URL (an image URL cannot redirect on a
static host, and an SVG shown by `<img>` loads nothing else), but it need not be a second copy
on disk: a hard link is the same file under two names, which `du`, `tar`, `rsync -H`, git (one
blob per content) and a web server all take as it is. Linking is done after the files are
written (the site's `on_post_build`, `okrsite export charts`), through a temporary name and
`os.replace`, so a reader never sees a missing file; where a link cannot be made (another
device, a file system without links) the copy stays, with the same bytes.

A later build that writes into the folder in place (MkDocs `--dirty` opens each file for
writing) would write through a link into both names, so the site's build unlinks them first
(`unshare`).
"""

from __future__ import annotations

import os
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


def link_copies(root: Path, pairs: Mapping[str, str]) -> int:
    """Make each copy under `root` a hard link to its original; how many are links now."""
    linked = 0
    for copy, original in pairs.items():
        target, here = root / original, root / copy
        try:
            if os.path.samefile(target, here):
                linked += 1
                continue
            tmp = here.with_name(f".{here.name}.link")
            os.link(target, tmp)
            os.replace(tmp, here)
            linked += 1
        except OSError:  # another device, no links here, a file gone: the copy stays
            _discard(here.with_name(f".{here.name}.link"))
    return linked


def unshare(root: Path, paths: Iterable[str]) -> None:
    """Remove the files under `root` that share their data with another name (before a build writes
    into them in place)."""
    for rel in paths:
        path = root / rel
        try:
            if os.lstat(path).st_nlink > 1:
                os.unlink(path)
        except OSError:
            pass


def _discard(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
