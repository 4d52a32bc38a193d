"""The chart kinds' templates kept between builds, so that a build never imports Altair once they are kept.

Each kind of chart is built with Altair once per language (specs.py: `_kr_template`, ...) and then
filled with each chart's data. Importing Altair costs about 0.27 s of CPU (jsonschema, narwhals,
its generated schema classes), a seventh of a warm build at 20 units (issue 15, figure 2), and a
template is the same every time: it depends only on okrsite's code (specs.py, its labels and
colours) and Altair's version. So each template is kept, as JSON, under a hash of both
(cachedirs.source_hash), and a build whose templates are all kept never imports Altair.

Where: the user's cache home, `specs/` (cachedirs.private_folder). What is kept goes into every
published chart, so it is read only from a folder the user alone can write to; without one,
templates are built in each process as before.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..cachedirs import private_folder, replace_whole, source_hash

_memory: dict[str, dict[str, Any]] = {}  # this process's templates, by key
_file: list[Path | None] = []  # the kept file of this code and Altair version, once looked up
_stored: dict[str, dict[str, Any]] = {}  # what that file holds


def kept(build: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """`build` (a template function), run once per okrsite code, Altair version and arguments;
    each call returns the same dict, which nobody changes (specs._fill shares its layers)."""
    name = f"{build.__module__}.{build.__qualname__}"

    @functools.wraps(build)
    def template(*args: Any) -> dict[str, Any]:
        key = json.dumps([name, *args], ensure_ascii=False)
        found = _memory.get(key)
        if found is None:
            found = _read().get(key)
            if not isinstance(found, dict):
                found = build(*args)
                _keep(key, found)
            _memory[key] = found
        return found

    return template


def _altair_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # imported already by MkDocs

    try:
        return version("altair")
    except PackageNotFoundError:  # pragma: no cover - altair is a dependency
        return "?"


def _path() -> Path | None:
    if not _file:
        folder = private_folder("specs")
        if folder is None:
            _file.append(None)
        else:
            code = source_hash(folder / "source-hash")
            name = hashlib.blake2b(f"{code}\0{_altair_version()}".encode(), digest_size=16).hexdigest()
            _file.append(folder / f"{name}.json")
    return _file[0]


def _read() -> dict[str, Any]:
    path = _path()
    if path is not None and not _stored:
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            data = {}
        _stored.update(data if isinstance(data, dict) else {})
    return _stored


def _keep(key: str, template: dict[str, Any]) -> None:
    """Add a template to the kept file (written whole); a file of other
    code or another Altair version, untouched for a day, goes."""
    path = _path()
    if path is None:
        return
    _stored[key] = template
    try:
        replace_whole(path, json.dumps(_stored, ensure_ascii=False).encode("utf-8"))
        for other in path.parent.glob("*.json"):
            if other != path and time.time() - other.stat().st_mtime > 86400:
                other.unlink()
    except OSError:  # a full or read-only disk: built again next time
        pass
