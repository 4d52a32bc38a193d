"""Applying the id rules of ids.py to what the repository reads: paths, front matter, settings.

Called while each file is read and validated (repository.py), so that an unsafe id is reported
with its file and position and never reaches the resolver, the site or a write command: a data
file with an unsafe name is not read, a key result or custom period with an unsafe id is dropped
(like any invalid item), and control characters are taken out of the text that is kept.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from ..diagnostics.diagnostic import Diagnostic, Location, Severity, display_path
from .ids import IdProblem, case_collisions, id_problem, may_hide, shown, text_problems
from .paths import DATA_DIRS, Place, md_stem
from .tree import Tree
from .yaml import SourceFile

# What each name of a data file's path is, by its folder (docs/format.md's layout).
_NAMES = {"units": ("unit id",), "okrs": ("period", "unit id", "objective slug"),
          "logs": ("period", "unit id", "check-in name"), "retros": ("period", "unit id"),
          "kpis": ("unit id", "KPI id")}


def refused(root: Path, entries: list[tuple[str, str]]) -> list[Diagnostic]:
    """OKR022 for each link or special file of a folder (tree.scan's `refused`)."""
    out = []
    for rel, what in entries:
        folder = " Nothing below it was read." if Path(root, rel).is_dir() else ""
        out.append(Diagnostic("OKR022", Severity.ERROR, f"`{shown(rel)}` is {shown(what)}; okrsite reads only regular "
                              f"files and folders in the content directory.{folder}",
                              Location(shown(_unfollowed(root / rel)), 0, 0),
                              "replace it by a copy of the file or folder, or move it out of the content directory"))
    return out


def _unfollowed(path: Path) -> str:
    """The display path of a link itself (display_path resolves, which would name its target)."""
    parent = display_path(path.parent)
    return path.name if parent == "." else f"{parent}/{path.name}"


def checked_tree(root: Path, tree: Tree) -> list[Diagnostic]:
    """OKR022 for links and special files; OKR222 for pages and assets whose names differ only in case."""
    out = refused(root, tree.refused)
    # In the data folders ids are lowercase (OKR007 reports the others), periods as the scheme writes
    # them (OKR211) and custom periods are compared in okrsite.yml: what is left is pages and assets.
    for rel, other in case_collisions(f for f in tree.files if f.split("/", 1)[0] not in DATA_DIRS):
        out.append(Diagnostic("OKR222", Severity.ERROR, f"`{shown(rel)}` and `{shown(other)}` differ only in case: on "
                              "macOS and Windows they are one file", Location(shown(display_path(root / rel)), 0, 0),
                              "rename one of them"))
    return out


def path_problem(place: Place) -> tuple[str, IdProblem] | None:
    """(the offending part of the path, its problem) for the first unsafe name in a file's path."""
    parts = place.rel.split("/")
    top = parts[0]
    if top not in DATA_DIRS or len(parts) < 2:  # hand-written pages and assets keep their own names
        for i, name in enumerate(parts):
            problem = id_problem(name, "file name" if i == len(parts) - 1 else "folder name", generated=False)
            if problem:
                return "/".join(parts[: i + 1]), problem
        return None
    names = [*parts[1:-1], md_stem(parts[-1]) if parts[-1].endswith(".md") else parts[-1]]
    labels = _NAMES.get(top, ())
    for i, name in enumerate(names):
        what = labels[i] if place.kind != "unknown" and i < len(labels) else "name"
        problem = id_problem(name, what, reserved=what != "check-in name")
        if problem:
            return "/".join(parts[: i + 2]), problem
    return None


def checked_front_matter(kind: str, data: dict, src: SourceFile,
                         sink: list[Diagnostic]) -> tuple[dict, list[tuple[tuple, Any]]]:
    """The front matter with unsafe key result ids dropped and control characters removed, and
    the dropped items as (path, item), like validation's salvage records them. Control characters
    are taken out (OKR121, a warning: the text stays readable), invisible ones only reported (OKR120)."""
    found = list(text_problems(data)) if may_hide(src.text) else []
    for path, key, code, message in found:
        sink.append(Diagnostic(code, Severity.WARNING, message,
                               src.loc(path, key=key), "delete it (often pasted with the text)"))
    if any(code == "OKR121" for _, _, code, _ in found):
        data = _without_controls(data)
    removed: list[tuple[tuple, Any]] = []
    krs = data.get("key_results") if kind == "objective" else None
    if isinstance(krs, list):
        keep = []
        for i, item in enumerate(krs):
            problem = id_problem(item.get("id"), "key result id", reserved=False) if isinstance(item, dict) else None
            if problem is None:
                keep.append(item)
                continue
            sink.append(Diagnostic(problem.code, Severity.ERROR, problem.message,
                                   src.loc(("key_results", i, "id")), problem.hint))
            removed.append((("key_results", i), item))
        if removed:
            data = {**data, "key_results": keep}
    return data, removed


def checked_settings(data: dict, src: SourceFile, sink: list[Diagnostic]) -> dict:
    """okrsite.yml: custom period ids (they name pages) and `current_period`; unsafe custom
    periods are dropped, so that nothing is built under their names."""
    periods = data.get("periods")
    custom = periods.get("custom") if isinstance(periods, dict) else None
    if isinstance(custom, list):
        keep = []
        for i, item in enumerate(custom):
            problem = id_problem(item.get("id"), "period") if isinstance(item, dict) else None
            if problem:
                sink.append(Diagnostic(problem.code, Severity.ERROR, problem.message,
                                       src.loc(("periods", "custom", i, "id")), problem.hint))
            else:
                keep.append(item)
        if len(keep) != len(custom):
            data = {**data, "periods": {**periods, "custom": keep}}
        ids = [item["id"] for item in keep if isinstance(item, dict) and isinstance(item.get("id"), str)]
        for (i, pid), other in _folded_twice(ids):
            sink.append(Diagnostic("OKR222", Severity.ERROR, f"custom periods `{pid}` and `{other}` differ only in "
                                   "case: on macOS and Windows their pages are one file",
                                   src.loc(("periods", "custom", i, "id")), "rename one of them"))
    current = data.get("current_period")
    problem = id_problem(current, "period") if isinstance(current, str) else None
    if problem:
        sink.append(Diagnostic(problem.code, Severity.ERROR, problem.message, src.loc(("current_period",)),
                               problem.hint))
        data = {k: v for k, v in data.items() if k != "current_period"}
    return data


def _folded_twice(ids: list[str]) -> list[tuple[tuple[int, str], str]]:
    seen: dict[str, str] = {}
    out = []
    for i, pid in enumerate(ids):
        other = seen.setdefault(unicodedata.normalize("NFKC", pid).casefold(), pid)
        if other != pid:
            out.append(((i, pid), other))
    return out


def _without_controls(data: Any) -> Any:
    """A copy of `data` with control characters (other than tab and newline) removed from every string."""
    if isinstance(data, str):
        return "".join(c for c in data if unicodedata.category(c) != "Cc" or c in "\t\n\r")
    if isinstance(data, dict):
        return {_without_controls(k): _without_controls(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_without_controls(v) for v in data]
    return data
