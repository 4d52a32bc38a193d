"""Reading the content directory: every file read and parsed exactly once.

The result (a Repository) is what both `okrsite check` and the MkDocs plugin work from.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..diagnostics.diagnostic import Diagnostic, Location, Severity, display_path
from .documents import FILE_MODELS
from .forgeconf import forge_settings
from .idcheck import checked_front_matter, checked_settings, checked_tree, path_problem
from .ids import shown as shown_id
from .limits import oversized
from .links import link_problems
from .logbody import sections
from .parse_cache import ParseCache
from .paths import Place, classify
from .settings import CONFIG_NAME, Settings, kind_label_problems, merged, severity_problems
from .tree import scan
from .validation import validate
from .yaml import SourceFile, parse_yaml, read_source


@dataclass
class Document:
    """One data file read: where it is, its text and its validated front matter (what the parse cache keeps)."""

    place: Place
    source: SourceFile
    doc: Any  # the validated front matter model, or None when it could not be salvaged
    complete: bool = True
    dropped: list[tuple] = field(default_factory=list)
    # a check-in's body sections (logbody.sections), read with the file so the parse cache keeps them
    body_sections: dict[str, list[str]] | None = None
    # an objective's keys as its file writes them: its own, and each `key_results` item's (OKR213),
    # read with the file: reading the front matter again for them cost a check 3% (issue 15)
    written: tuple[tuple, tuple[tuple, ...]] | None = None  # tuples: a frozenset is 6 times larger


@dataclass
class Repository:
    """Every file of a content directory, read and validated, before references are resolved."""

    root: Path
    settings: Settings
    documents: list[Document] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # hand-written pages, relative paths
    assets: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    config_path: str | None = None
    unnamed: list[Place] = field(default_factory=list)  # files not read because their name is invalid (OKR007)
    files: list[str] = field(default_factory=list)  # every file's relative path, as `walk` lists them

    def of_kind(self, kind: str) -> list[Document]:
        return [d for d in self.documents if d.place.kind == kind]


def walk(root: Path) -> list[str]:
    """Relative paths of all regular files, sorted, skipping dot files and dot directories; links
    and what lies below linked folders are not listed (tree.py)."""
    return scan(root).files


def load_settings(root: Path, overrides: dict[str, Any] | None = None) -> tuple[Settings, list[Diagnostic], str | None]:
    """Settings from okrsite.yml (if present) with the plugin's overrides applied."""
    diags: list[Diagnostic] = []
    path = root / CONFIG_NAME
    shown = display_path(path)
    data: dict[str, Any] = {}
    src: SourceFile | None = None
    too_large = oversized(path, shown)  # the default cap: the file that could raise it is this one
    if too_large is not None:
        return Settings(), [too_large], shown
    if path.is_file():
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            return Settings(), [Diagnostic(
                "OKR001", Severity.ERROR, f"okrsite.yml is not valid UTF-8 (byte {exc.start})",
                Location(shown, line, 1), "save it as UTF-8 (not Shift_JIS)")], shown
        located, diags = parse_yaml(text, shown)
        src = SourceFile(shown, text, located, "", 1, diags)
        if located is not None and located.data is not None:
            if isinstance(located.data, dict):
                data = located.data
            else:
                diags.append(Diagnostic("OKR008", Severity.ERROR, "okrsite.yml must be a mapping of settings",
                                        Location(shown, 1, 1), "see docs/configuration.md"))
    data = merged(data, overrides or {})
    if src is None:
        src = SourceFile("mkdocs.yml (okrsite plugin)" if overrides else shown, "", None, "", 1, [])
    data = checked_settings(data, src, diags)
    forge, forge_diags = forge_settings(data.get("forge"), src)  # OKR317, not OKR008: checked on its own
    data = {k: v for k, v in data.items() if k != "forge"}
    result = validate(Settings, src, data)
    # Every problem of the settings is OKR008, whatever its kind: the rule a reader looks up
    # for okrsite.yml (the message still says what exactly is wrong).
    diags += [Diagnostic("OKR008", d.severity, d.message, d.location, d.hint, d.related)
              for d in result.diagnostics]
    settings = result.doc if isinstance(result.doc, Settings) else Settings()
    settings.forge = forge
    diags += forge_diags
    diags += _check_periods(settings, src)
    diags += severity_problems(settings, src)
    diags += kind_label_problems(settings, src)
    return settings, diags, shown if path.is_file() else None


def _check_periods(settings: Settings, src: SourceFile) -> list[Diagnostic]:
    out = []
    custom = settings.periods.custom
    if settings.periods.scheme == "custom" and not custom:
        out.append(Diagnostic("OKR008", Severity.ERROR, "periods.scheme is custom but no periods are listed",
                              src.loc(("periods",)), "list periods under periods.custom with id, start and end"))
    for i, p in enumerate(custom):
        if p.end < p.start:
            out.append(Diagnostic("OKR008", Severity.ERROR, f"custom period `{p.id}` ends before it starts",
                                  src.loc(("periods", "custom", i, "end")), "swap start and end"))
    ordered = sorted(enumerate(custom), key=lambda ip: ip[1].start)
    for (_, a), (j, b) in zip(ordered, ordered[1:], strict=False):
        if b.start <= a.end:
            out.append(Diagnostic("OKR008", Severity.ERROR, f"custom periods `{a.id}` and `{b.id}` overlap",
                                  src.loc(("periods", "custom", j, "start")), "periods must not share days"))
    current = settings.current_period
    if current and (settings.periods.scheme != "custom" or custom) and settings.period_scheme().parse(current) is None:
        out.append(Diagnostic("OKR008", Severity.ERROR,
                              f"current_period `{current}` is not a period of the {settings.periods.scheme} scheme",
                              src.loc(("current_period",)), f"e.g. {settings.period_scheme().example()}"))
    ids = [p.id for p in custom]
    for i, pid in enumerate(ids):
        if pid in ids[:i]:
            out.append(Diagnostic("OKR201", Severity.ERROR, f"custom period id `{pid}` is used twice",
                                  src.loc(("periods", "custom", i, "id")), "give each period its own id"))
    return out


def load_repository(root: Path, overrides: dict[str, Any] | None = None,
                    cache: ParseCache | None = None) -> Repository:
    """Read and validate every file under `root` (the content directory); with a `cache`, a
    file whose bytes are unchanged since an earlier run is not parsed again (parse_cache.py)."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(root)
    settings, diags, config_path = _settings(root, overrides, cache)
    repo = Repository(root, settings, diagnostics=list(diags), config_path=config_path)
    tree = scan(root)
    repo.files = tree.files
    repo.diagnostics += checked_tree(root, tree)
    unsafe: set[str] = set()
    show = shown_under(root)
    base = str(root)
    for rel in tree.files:
        shown = show(rel)
        place = _kept_place(cache, rel)
        if place is None:
            place = classify(rel)
            if _set_aside(repo, place, rel, shown, unsafe):
                continue
        _load_file(repo, place, rel, shown, os.path.join(base, rel), cache)  # a string path: see _load_file
    if cache is not None:
        cache.save()
    return repo


def _kept_place(cache: ParseCache | None, rel: str) -> Place | None:
    """The place of a data file the cache holds a document for. A place is worked out from the
    path alone, by the code the pack's fingerprint names, and only a data file with a valid name
    is kept: its path needs neither classify nor the name checks again (a fiftieth of a check)."""
    entry = cache.peek(rel) if cache is not None else None
    doc = entry[0] if isinstance(entry, tuple) and entry else None
    return doc.place if isinstance(doc, Document) else None


def _set_aside(repo: Repository, place: Place, rel: str, shown: str, unsafe: set[str]) -> bool:
    """Whether the file is not a data file or page to read: the settings, a file whose path holds
    an unsafe id, an asset, or a file in no known place (OKR006)."""
    if place.kind == "config" or _unsafe_name(repo, place, shown, unsafe):
        return True
    if place.kind == "asset":
        repo.assets.append(rel)
        return True
    if place.kind == "unknown":
        repo.diagnostics.append(Diagnostic("OKR006", Severity.ERROR, place.problem, Location(shown, 0, 0), place.hint))
        return True
    return False


def _load_file(repo: Repository, place: Place, rel: str, shown: str, path: str, cache: ParseCache | None) -> None:
    """One content file (a page or a data file) into `repo`. `path` is a string: a Path per file
    was a tenth of reading 25,000 files. A data file unchanged since the cache last read it is not
    read again (parse_cache.py)."""
    st = _stat(path)
    too_large = oversized(path, shown, repo.settings.max_file_size_mb, st)
    if too_large is not None:
        repo.diagnostics.append(too_large)
        return
    kept = cache.unchanged(rel, shown, st) if cache is not None and place.kind != "page" and not place.problem else None
    if kept is not None:
        repo.diagnostics += kept[1]
        repo.documents.append(kept[0])
        return
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        repo.diagnostics.append(Diagnostic("OKR001", Severity.ERROR, f"cannot read the file: {exc.strerror}",
                                           Location(shown, 0, 0)))
        return
    if place.kind == "page":
        _check_page(repo, shown, raw, rel)
        return
    if place.problem:
        repo.diagnostics.append(Diagnostic("OKR007", Severity.ERROR, place.problem, Location(shown, 1, 1), place.hint))
        repo.unnamed.append(place)
        return
    if cache is None:
        doc, diags = _read_document(place, shown, raw)
    else:
        doc, diags = cache.get_or_make(rel, shown, raw, functools.partial(_read_document, place, shown, raw), st)
    repo.diagnostics += diags
    repo.documents.append(doc)


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:  # the read that follows reports why
        return None


def _settings(root: Path, overrides: dict[str, Any] | None,
              cache: ParseCache | None) -> tuple[Settings, list[Diagnostic], str | None]:
    """load_settings, through the cache when one is given: validating okrsite.yml builds the
    settings' pydantic schemas, a tenth of checking a pull request at 200 units (issue 15).
    The MkDocs plugin's overrides bypass the cache."""
    if cache is None or overrides:
        return load_settings(root, overrides)
    path = root / CONFIG_NAME
    if not path.exists():  # no okrsite.yml: the defaults, cached too (their validation builds the schemas)
        key = b"absent"
    else:
        try:  # too large, not a file or unreadable: read afresh, so load_settings reports why
            key = b"present\0" + path.read_bytes() if path.is_file() and oversized(path, "") is None else None
        except OSError:
            key = None
        if key is None:
            return load_settings(root)
    return cache.get_or_make(CONFIG_NAME, display_path(path), key, functools.partial(load_settings, root))


def shown_under(root: Path) -> Callable[[str], str]:
    """display_path for the files of `root` that tree.scan lists, without resolving each one: no
    link lies between `root` and them (scan refuses links), so each resolves to root's resolved
    path joined with its relative path. Resolving every file was a tenth of `okrsite check`."""
    try:
        base = root.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return lambda rel: (root / rel).as_posix()
    prefix = "" if base == "." else base + "/"
    return lambda rel: prefix + rel


def _unsafe_name(repo: Repository, place: Place, shown: str, reported: set[str]) -> bool:
    """A data file whose path holds an unsafe id (OKR220-OKR223) is not read: its id would name
    files of the site. Reported once per offending folder or file name."""
    found = path_problem(place)
    if found is None:
        return False
    where, problem = found
    if where not in reported:
        reported.add(where)
        repo.diagnostics.append(Diagnostic(problem.code, Severity.ERROR, problem.message,
                                           Location(shown_id(shown), 0, 0), problem.hint))
    repo.unnamed.append(place)
    return True


def _check_page(repo: Repository, shown: str, raw: bytes, rel: str) -> None:
    """Hand-written pages are kept as they are; MkDocs would silently drop broken front matter."""
    src = read_source(shown, raw, front_matter_required=False)
    repo.diagnostics.extend(src.diagnostics)
    repo.pages.append(rel)


def _read_document(place: Place, shown: str, raw: bytes) -> tuple[Document, list[Diagnostic]]:
    """One data file's document and its diagnostics: what the parse cache keeps per file."""
    diags: list[Diagnostic] = []
    doc = _load_document(place, shown, raw, diags)
    if place.kind == "log":
        doc.body_sections = sections(doc.source.body)
    elif place.kind == "objective" and doc.doc is not None:
        doc.written = written_keys(doc.source.front.data)
    return doc, diags


def written_keys(front: dict) -> tuple[tuple, tuple[tuple, ...]]:
    """The keys an objective's front matter writes, and those of each item of its `key_results`."""
    items = front.get("key_results")
    return tuple(front), tuple(tuple(k) if isinstance(k, dict) else ()
                               for k in (items if isinstance(items, list) else ()))


def _load_document(place: Place, shown: str, raw: bytes, sink: list[Diagnostic]) -> Document:
    src = read_source(shown, raw)
    sink.extend(src.diagnostics)
    if src.front is None or any(d.code in ("OKR001", "OKR002", "OKR003") for d in src.diagnostics):
        return Document(place, src, None, complete=False)
    data = src.front.data
    if not isinstance(data, dict):
        what = "empty" if data is None else "not a mapping of `key: value` pairs"
        article = "an" if place.kind == "objective" else "a"
        sink.append(Diagnostic("OKR004", Severity.ERROR, f"the front matter is {what}",
                               src.loc(()), f"write the keys of {article} {place.kind} file (see docs/format.md)"))
        return Document(place, src, None, complete=False)
    data, removed = checked_front_matter(place.kind, data, src, sink)
    model: type[BaseModel] = FILE_MODELS[place.kind]
    defaults = _SALVAGE.get(place.kind, {})
    if place.kind == "log" and place.date:
        defaults = {**defaults, "date": place.date}
    result = validate(model, src, data, defaults=defaults)
    sink.extend(result.diagnostics)
    sink.extend(link_problems(result.doc, src))  # OKR122: links a browser would run (source/links.py)
    complete = not result.diagnostics and not removed and not any(d.code == "OKR005" for d in src.diagnostics)
    return Document(place, src, result.doc, complete=complete, dropped=removed + result.dropped)


# Placeholders for missing required keys, so that one missing key does not hide the rest.
_SALVAGE: dict[str, dict[str, Any]] = {
    "unit": {"name": "?", "kind": "team"},
    "objective": {"title": "?", "owner": "unknown", "key_results": []},
    "log": {"author": "unknown"},
    "kpi": {"title": "?", "direction": "increase", "owner": []},
}
