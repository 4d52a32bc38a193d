"""Where okrsite keeps what it caches for the user running it, outside every repository.

Two caches hold code or what is read as code: the check's parsed files (pickles,
source/parse_cache.py) and compiled page templates (Python bytecode, site/templates.py). Reading
either runs code, so neither may ever come from a folder a contributor can commit to: they live
under the user's cache home, and a folder or file there that another user could have written is
not read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def cache_home() -> Path:
    """okrsite's per-user cache folder: `$OKRSITE_CACHE_DIR`, else `$XDG_CACHE_HOME/okrsite`,
    else `~/.cache/okrsite`."""
    explicit = os.environ.get("OKRSITE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "okrsite"


def private_folder(name: str) -> Path | None:
    """`cache_home()/name`, made if missing, when only the user running okrsite can write to it
    (owned by them, not writable by group or others); None otherwise (then nothing is cached)."""
    folder = cache_home() / name
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = os.stat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return None
    return folder
