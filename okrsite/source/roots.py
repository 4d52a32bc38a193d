"""Which content directory a path given on the command line belongs to.

`okrsite check content/okrs/2026-Q4/product/x.md` (as pre-commit passes it) must check the whole
organization the file is part of, or references to other units would look broken and a
directory of objectives would be read as hand-written pages (a false "ok").
"""

from __future__ import annotations

from pathlib import Path

from .paths import CONFIG_FILE, DATA_DIRS

DEFAULT_CONTENT = "content"


def _is_root(d: Path) -> bool:
    return (d / CONFIG_FILE).is_file() or any((d / name).is_dir() for name in DATA_DIRS)


def content_root(path: Path) -> Path:
    """The content directory holding `path` (a file or directory anywhere inside it).

    The nearest directory upwards with an okrsite.yml, or the parent of a data directory
    (units/, okrs/, logs/, retros/) on the way; from a repository's top, its content/. A
    directory that is none of these is taken as the content directory itself (an empty or new one).
    """
    start = path.resolve()
    if not start.is_dir():
        start = start.parent
    if _is_root(start):
        return start
    for d in start.parents:
        if (d / CONFIG_FILE).is_file():
            return d
    for d in (start, *start.parents):
        if d.name in DATA_DIRS and d.parent != d:
            return d.parent
    nested = start / DEFAULT_CONTENT
    if nested.is_dir() and _is_root(nested):
        return nested
    return start


def is_within(candidate: Path, given: Path) -> bool:
    """Whether `candidate` is `given` or lies under it (both resolved)."""
    candidate, given = candidate.resolve(), given.resolve()
    return candidate == given or given in candidate.parents
