"""Listing the content directory without following links.

A symbolic link in content/ could publish any file the build machine can read
(`leak.txt -> /etc/passwd`), copy a folder from outside into the site, or loop (`loop -> .`);
a FIFO would make the reader wait forever. Only regular files and real folders are listed;
everything else is named in `refused` for OKR022, and nothing below a linked folder is read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Tree:
    """The files of a content directory, and what the scan refused to follow."""

    files: list[str] = field(default_factory=list)  # relative paths with '/', sorted
    refused: list[tuple[str, str]] = field(default_factory=list)  # (relative path, what it is)


def scan(root: Path) -> Tree:
    """Regular files under `root` (dot files and dot folders skipped, as editors and git keep
    theirs there), and the links and special files that are refused."""
    tree = Tree()
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        try:
            entries = sorted(os.scandir(Path(root) / rel_dir), key=lambda e: e.name)
        except OSError as exc:
            tree.refused.append((rel_dir or ".", f"a folder that cannot be read ({exc.strerror})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            # the entry's type as the folder listing gives it (no stat call per file where the
            # file system says: half of listing 1,300 files), else from lstat
            if entry.is_symlink():
                tree.refused.append((rel, f"a symbolic link (to `{_target(entry.path)}`)"))
            elif entry.is_dir(follow_symlinks=False):
                stack.append(rel)
            elif entry.is_file(follow_symlinks=False):
                tree.files.append(rel)
            else:
                tree.refused.append((rel, "not a regular file (a FIFO, socket or device)"))
    tree.files.sort()
    tree.refused.sort()
    return tree


def _target(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def links_under(root: Path) -> list[tuple[str, str]]:
    """The refused entries of a folder (for hosts: a docs_dir that is not the content directory)."""
    return scan(root).refused
