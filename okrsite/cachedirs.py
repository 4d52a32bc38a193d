"""Where okrsite keeps what it caches for the user running it, outside every repository.

Two caches hold what is read as code: the check's parsed files (pickles, source/parse_cache.py)
and compiled page templates (Python bytecode, site/templates.py). Neither may ever come from a
folder a contributor can commit to, so both live under the user's cache home. The check's pack
is not read unless the user owns it (parse_cache.py, per file: no git call on the check's start,
which figure 1 of issue 15 counts); the templates' folder is not used unless `private_folder`
finds it the user's alone and holding nothing git tracks. `committed` also guards the chart
cache next to mkdocs.yml (charts/cache_trust.py).
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
    (owned by them, not writable by group or others) and git tracks nothing in it (a cache home
    pointed into a repository); None otherwise (then nothing is cached)."""
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
    return None if committed(folder) else folder


def committed(cache_dir: Path) -> list[str]:
    """Files under `cache_dir` that git tracks (relative paths, sorted); none when the folder
    does not exist, is not in a git work tree, or git is not installed."""
    import subprocess  # here: the check never calls git, and importing it is a hundredth of a small check

    if not cache_dir.is_dir():
        return []
    try:
        out = subprocess.run(["git", "-C", str(cache_dir), "ls-files", "-z", "--", "."], capture_output=True,
                             timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    if out.returncode != 0:
        return []
    return sorted(p for p in out.stdout.decode("utf-8", "replace").split("\0") if p)
