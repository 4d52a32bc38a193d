"""Where okrsite keeps what it caches for the user running it, outside every repository.

Two caches hold what is read as code: the parsed files and pydantic validators of checks and
builds (pickles, source/parse_cache.py) and compiled page templates (Python bytecode,
site/templates.py); a third, the chart kinds'
templates (charts/kept_specs.py), goes into every published chart. None may ever come from a
folder a contributor can commit to, so all live under the user's cache home, keyed where they
follow okrsite's code by `source_hash`; every cache file is written whole (`replace_whole`). The check's pack
is not read unless the user owns it (parse_cache.py, per file: no git call on the check's start,
which figure 1 of issue 15 counts); the templates' folder is not used unless `private_folder`
finds it the user's alone and holding nothing git tracks (the templates' and the chart kinds'). `committed` also guards the chart
cache next to mkdocs.yml (charts/cache_trust.py).
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


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


def replace_whole(path: Path, data: bytes | Callable[[BinaryIO], object]) -> None:
    """Write a cache file through a file of this write's own, renamed over `path`: two builds
    sharing a cache (CI jobs, `serve` beside a build) or two chart workers may store one entry at
    once, and each must replace it whole; a reader never sees half a file. `data` is the bytes,
    or what writes them to the file (pickle.dump: no copy of a large pack in memory first).
    Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _own_file(path)
    try:
        with os.fdopen(fd, "wb") as f:
            if isinstance(data, bytes):
                f.write(data)
            else:
                data(f)
        os.replace(tmp, path)
    except OSError:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise


_WRITES = itertools.count()  # with the pid, a name no other live process's write has


def _own_file(path: Path) -> tuple[int, str]:
    """A new file beside `path`, made as tempfile.mkstemp makes one (created exclusively, mode
    0600), without importing tempfile: it imports shutil and the compression modules, 3 ms of
    every check that saves its pack (issue 15)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{os.getpid()}-{next(_WRITES)}.tmp")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:  # left by a process that had this pid and stopped mid-write
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


_PACKAGE = Path(__file__).resolve().parent  # okrsite's own source


def source_hash(memo: Path | None = None) -> str:
    """A hash of okrsite's source (its .py files' paths and bytes), for caches of what that code
    makes (the check's packs, the charts' templates). It hashes bytes, so a fresh install of the
    same okrsite (a CI run: new modification times) keeps its caches. Reading and hashing the
    1 MB of source was 7 ms of every check, so the hash is kept in `memo` with the files' sizes
    and modification times (what Python checks to trust a `.pyc`) and computed again only when
    one of them changed."""
    import hashlib

    files = _source_files()
    stamps = [(rel, st.st_size, st.st_mtime_ns) for rel, path in files for st in (os.stat(path),)]
    stamp = hashlib.blake2b(repr(stamps).encode(), digest_size=16).hexdigest()
    known = _read_memo(memo)
    if known is not None and known[0] == stamp:
        return known[1]
    h = hashlib.blake2b(digest_size=16)
    for rel, path in files:
        h.update(rel.encode() + b"\0")
        with open(path, "rb") as fh:
            h.update(fh.read())
    found = h.hexdigest()
    _write_memo(memo, stamp, found)
    return found


def _source_files() -> list[tuple[str, str]]:
    """(relative path, path) of every .py file of okrsite, sorted by relative path (joined as
    they are found: os.path.relpath per file was a third of finding them)."""
    found: list[tuple[str, str]] = []
    stack = [("", str(_PACKAGE))]
    while stack:
        rel_dir, folder = stack.pop()
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        for entry in entries:
            if entry.is_dir() and entry.name != "__pycache__":
                stack.append((rel_dir + entry.name + "/", entry.path))
        found.extend((rel_dir + e.name, e.path) for e in entries if e.name.endswith(".py") and e.is_file())
    return sorted(found)


def _read_memo(memo: Path | None) -> tuple[str, str] | None:
    try:
        stamp, found = memo.read_text(encoding="ascii").split() if memo else ("", "")
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return (stamp, found) if stamp else None


def _write_memo(memo: Path | None, stamp: str, found: str) -> None:
    if memo is None:
        return
    try:
        replace_whole(memo, f"{stamp} {found}\n".encode("ascii"))
    except OSError:  # an unwritable cache home: hashed again next time
        pass
