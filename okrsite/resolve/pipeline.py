"""The whole check: load, resolve, lint. The one function both the CLI and the plugin call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..diagnostics.diagnostic import Diagnostic, Location, Severity
from ..diagnostics.reporter import Reporter
from ..model.organization import Organization
from ..source.repository import load_repository
from .lints import lint
from .resolver import Resolver


def load_organization(root: Path, today: dt.date | None = None,
                      overrides: dict[str, Any] | None = None) -> Organization:
    """Read, resolve and check the content directory; diagnostics are in `org.diagnostics`."""
    today = today or dt.date.today()
    repo = load_repository(Path(root), overrides)
    settings = repo.settings
    reporter = Reporter(settings.lint.severity)
    reporter.extend(repo.diagnostics)
    try:
        org = Resolver(repo, today, reporter).run()
        lint(org, reporter)
    except Exception as exc:  # a bug must not show a traceback to a contributor
        org = Organization(settings, settings.period_scheme(), today)
        reporter.items.append(Diagnostic(
            "OKR000", Severity.ERROR, f"okrsite failed while checking: {type(exc).__name__}: {exc}",
            Location(str(root), 0, 0), "this is a bug in okrsite; please report it with the content that causes it"))
    org.diagnostics = reporter.sorted()
    org.files_checked = len(repo.documents) + len(repo.pages) + (1 if repo.config_path else 0)
    return org

