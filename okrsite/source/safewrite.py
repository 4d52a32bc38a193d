"""The one way okrsite's commands write files: inside one folder, never through a link, all or nothing.

`okrsite close`, `okrsite new period` (into the content directory) and `okrsite export --out`
write with `write_all`. Each file is written to a temporary name in its own folder and then
linked into place (a hard link fails when the name exists, so nothing written meanwhile is
overwritten) or, where overwriting is allowed, renamed over it. When anything fails, the files
and folders this run created are removed again and `WriteFailed` says which path failed and why;
files it could not take back (an overwritten file) are listed in `kept`.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

# what link() says on file systems that have no hard links (FAT, some network and FUSE mounts)
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS, errno.EMLINK}


@dataclass
class WriteFailed(Exception):
    """A write that failed: `path` (relative to the folder written into) and the reason."""

    path: str
    reason: str
    kept: list[str] = field(default_factory=list)  # written before the failure and not taken back

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"


def unsafe_part(root: Path, rel: str) -> str | None:
    """Why writing `rel` under `root` could land outside it, or None: an absolute path, `..`, or an
    existing link on the way (a link planted in content/ would redirect the write)."""
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or any(p in ("..", ".", "") for p in parts) or "\\" in rel:
        return "not a path inside the folder"
    cur = Path(root)
    for i, part in enumerate(parts):
        cur = cur / part
        try:
            mode = os.lstat(cur).st_mode
        except FileNotFoundError:
            return None
        except OSError as exc:
            return exc.strerror or str(exc)
        if stat.S_ISLNK(mode):
            return f"`{'/'.join(parts[: i + 1])}` is a symbolic link; okrsite does not write through links"
        if i < len(parts) - 1 and not stat.S_ISDIR(mode):
            return f"`{'/'.join(parts[: i + 1])}` is not a folder"
    return None


def write_all(root: Path, files: Mapping[str, str | bytes], *, overwrite: bool = False) -> list[str]:
    """Write every file (paths relative to `root`, which must exist) or none; returns the paths written.

    Without `overwrite` an existing file is never replaced (WriteFailed: it exists)."""
    root = Path(root)
    for rel in files:
        problem = unsafe_part(root, rel)
        if problem:
            raise WriteFailed(rel, problem)
    made_dirs: list[Path] = []
    created: list[str] = []
    replaced: list[str] = []
    for rel, data in files.items():
        try:
            _make_parents(root, rel, made_dirs)
            existed = _write_one(root / rel, data.encode("utf-8") if isinstance(data, str) else data, overwrite)
        except OSError as exc:
            _take_back(root, created, made_dirs)
            reason = "it exists already" if exc.errno == errno.EEXIST else (exc.strerror or str(exc))
            raise WriteFailed(rel, reason, kept=replaced) from None
        (replaced if existed else created).append(rel)
    return list(files)


def _make_parents(root: Path, rel: str, made: list[Path]) -> None:
    cur = root
    for part in PurePosixPath(rel).parts[:-1]:
        cur = cur / part
        try:
            os.mkdir(cur)
            made.append(cur)
        except FileExistsError:
            if not stat.S_ISDIR(os.lstat(cur).st_mode):  # a link or file appeared there: refuse
                raise OSError(errno.ENOTDIR, f"`{cur.name}` is not a folder (or is a link)") from None


def _write_one(target: Path, data: bytes, overwrite: bool) -> bool:
    """Write through a temporary file beside the target; True when an existing file was replaced."""
    fd, tmp = tempfile.mkstemp(prefix=".okrsite-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        if overwrite:
            existed = os.path.lexists(target)
            if existed and not stat.S_ISREG(os.lstat(target).st_mode):
                raise OSError(errno.EEXIST, "it exists and is not a regular file")
            os.replace(tmp, target)
            return existed
        try:
            os.link(tmp, target)  # fails if the name exists, even if written a moment ago
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            with open(target, "xb") as f:  # a file system without hard links: create exclusively instead
                f.write(data)
        return False
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def _take_back(root: Path, created: list[str], made_dirs: list[Path]) -> None:
    """Remove what this run created (never a file that existed before it)."""
    for rel in reversed(created):
        try:
            os.unlink(root / rel)
        except OSError:
            pass
    for folder in reversed(made_dirs):
        try:
            os.rmdir(folder)
        except OSError:
            pass
