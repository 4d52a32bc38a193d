"""The whole check: load, resolve, lint. The one function both the CLI and the plugin call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Location, Severity
from .lints import lint
from .loader import load_repository
from .model import Organization
from .report import Reporter
from .resolve import Resolver
from .rules import RULES


def load_organization(root: Path, today: dt.date | None = None,
                      overrides: dict[str, Any] | None = None) -> Organization:
    """Read, resolve and check the content directory; diagnostics are in `org.diagnostics`."""
    today = today or dt.date.today()
    repo = load_repository(Path(root), overrides)
    settings = repo.settings
    reporter = Reporter(settings.lint.severity)
    reporter.extend(repo.diagnostics)
    _check_severity_settings(settings.lint.severity, repo.config_path, reporter)
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


def _check_severity_settings(overrides: dict[str, str], config_path: str | None, r: Reporter) -> None:
    loc = Location(config_path or "okrsite.yml", 0, 0)
    for code in overrides:
        rule = RULES.get(code)
        if rule is None:
            r.add("OKR008", f"lint.severity names `{code}`, which is not a rule", loc, "see `okrsite rules`")
        elif rule.severity is Severity.ERROR:
            r.add("OKR008", f"`{code}` is an error and cannot be changed in lint.severity", loc,
                  "only warnings (OKR309, OKR5xx) can be raised to errors or turned off")
