"""The whole check: load, resolve, lint. The one function both the CLI and the plugin call.

Resolving runs in steps, each in its own module, sharing one Resolution (state.py):
units.py (the unit tree), objectives.py (objectives, KRs, initiatives), references.py
(aligns_to and KR references), history.py (check-ins, changes, retrospectives).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..diagnostics.diagnostic import Diagnostic, Location, Severity
from ..diagnostics.reporter import Reporter
from ..model.organization import Organization, author_order
from ..source.documents import LogDoc
from ..source.parse_cache import ParseCache
from ..source.paths import slugify
from ..source.repository import Repository, load_repository
from .audiences import check_visibility
from .history import History
from .kpi_lints import lint_kpis
from .kpis import resolve_kpis
from .lints import lint
from .objectives import resolve_objective, unique_kr_ids
from .references import References
from .settings import org_settings
from .state import Resolution
from .units import resolve_units


def load_organization(root: Path, today: dt.date | None = None,
                      overrides: dict[str, Any] | None = None, cache: ParseCache | None = None) -> Organization:
    """Read, resolve and check the content directory; diagnostics are in `org.diagnostics`.
    `cache` keeps each file's parsed document between runs (source/parse_cache.py)."""
    with _collector_paused():
        return _load_organization(Path(root), today or dt.date.today(), overrides, cache)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading allocates hundreds of thousands of objects that all live on (documents, models,
    the organization): the cyclic collector's passes over them found nothing to free and were a
    third of `okrsite check` at 2,000 units (issue 15). It runs again once loading is done."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _load_organization(root: Path, today: dt.date, overrides: dict[str, Any] | None,
                       cache: ParseCache | None) -> Organization:
    repo = load_repository(root, overrides, cache)
    settings = repo.settings
    reporter = Reporter(settings.lint.severity)
    reporter.extend(repo.diagnostics)
    try:
        org = resolve(repo, today, reporter)
        lint(org, reporter)
        lint_kpis(org, reporter)
    except Exception as exc:  # a bug must not show a traceback to a contributor
        org = Organization(org_settings(settings), settings.period_scheme(), today)
        reporter.items.append(Diagnostic(
            "OKR000", Severity.ERROR, f"okrsite failed while checking: {type(exc).__name__}: {exc}",
            Location(str(root), 0, 0), "this is a bug in okrsite; please report it with the content that causes it"))
    org.diagnostics = reporter.sorted()
    org.files_checked = len(repo.documents) + len(repo.pages) + (1 if repo.config_path else 0)
    org.files = repo.files
    return org


def resolve(repo: Repository, today: dt.date, reporter: Reporter) -> Organization:
    """The organization the documents describe, every reference checked (errors go to `reporter`)."""
    s = Resolution.start(repo, today, reporter)
    _note_unnamed(s)
    resolve_units(s)
    docs = [d for d in repo.documents if d.place.kind not in ("unit", "kpi")]  # KPIs: resolve/kpis.py
    s.note_spellings(docs)
    for doc in docs:
        s.check_path(doc)
    for doc in docs:
        if doc.place.kind == "objective":
            resolve_objective(s, doc)
    s.org.objectives.sort(key=author_order)
    unique_kr_ids(s)
    refs = References(s)
    refs.alignment()
    logs = sorted((d for d in docs if d.place.kind == "log"), key=lambda d: (d.place.date, d.place.rel))
    for doc in logs:  # a KR dropped mid-period is gone from its objective file, not from the history
        for ch in (doc.doc.changes if isinstance(doc.doc, LogDoc) else []):
            if ch.action == "dropped" and ch.key_result:
                s.dropped_krs.add((doc.place.period, doc.place.unit, ch.key_result.split("/")[-1]))
    history = History(s, refs)
    for doc in logs:
        history.log(doc)
    history.conflicting_check_ins()
    for doc in docs:
        if doc.place.kind == "retro":
            history.retro(doc)
    history.set_aside_dropped()
    for kr in s.org.key_results():
        kr.check_ins.sort(key=lambda c: (c.date, c.log.rel))
        kr.grades.sort(key=lambda c: (c.date, c.log.rel))
    s.org.logs.sort(key=lambda e: (e.date, e.rel))
    resolve_kpis(s)
    check_visibility(s)
    return s.org


def _note_unnamed(s: Resolution) -> None:
    """A badly named file may hold the unit, objective or check-in that others miss."""
    for place in s.repo.unnamed:
        if place.kind == "unit":
            s.bad_units.add(slugify(place.unit))
            s.org.unreadable_units.add(slugify(place.unit))
        elif place.kind == "objective":
            s.incomplete.add((place.period, place.unit))
        elif place.kind == "log":
            s.org.partly_read_logs.add((place.period, place.unit))
