"""What the lifecycle commands share: period arguments, their outcome, and printing it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics.diagnostic import Diagnostic, has_errors
from ..model.organization import Organization
from ..model.periods import Period, PeriodScheme
from ..resolve.pipeline import load_organization
from ..source.ids import id_problem
from ..source.safewrite import write_all


class PeriodError(ValueError):
    """A period id that is not one of the scheme, or periods in the wrong order (a usage error)."""


@dataclass
class Outcome:
    """What a lifecycle command did; the CLI prints it."""

    org: Organization
    root: Path
    written: list[str] = field(default_factory=list)  # paths relative to the content directory
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)
    notes: list[str] = field(default_factory=list)  # for the team: replace/retire entries, units without retro
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return has_errors(self.org.diagnostics)


def parse_period(scheme: PeriodScheme, period_id: str, what: str = "PERIOD") -> Period:
    unsafe = id_problem(period_id, "period")  # `2026-Q4\n` or `２０２６-Q4` would name other folders
    if unsafe is not None:
        raise PeriodError(f"{what}: {unsafe.message} ({unsafe.hint})")
    period = scheme.parse(period_id)
    if period is None:
        raise PeriodError(f"{what} `{period_id}` is not a period of the {scheme.scheme} scheme "
                          f"(e.g. {scheme.example()})")
    return period


def previous_period(scheme: PeriodScheme, period: Period) -> Period | None:
    """The period just before `period` in the scheme."""
    if scheme.scheme == "custom":
        earlier = [p for p in scheme.custom if p.end < period.start]
        return max(earlier, key=lambda p: p.start) if earlier else None
    return scheme.spelled_like(scheme.containing(period.start - dt.timedelta(days=1)), period)


def write_new(out: Outcome, files: dict[str, str]) -> None:
    """Create the files in the content directory, all or none (source/safewrite.py): never over an
    existing file, never through a link; a failure raises WriteFailed with nothing left behind."""
    out.written += write_all(out.root, files)


def check_written(root: Path, today: dt.date, written: list[str]) -> list[Diagnostic]:
    """What `okrsite check` now says about the files just written (warnings such as OKR504)."""
    if not written:
        return []
    org = load_organization(root, today)
    return [d for d in org.diagnostics
            if any(d.location.path == rel or d.location.path.endswith("/" + rel) for rel in written)]


# --- printing (the CLI) ----------------------------------------------------------------------------

def echo_outcome(out: Outcome, today: dt.date, color: bool = False) -> int:
    """Print what was done (stdout) and warnings (stderr); the exit status: 0 done, 1 errors."""
    import click

    from ..diagnostics.diagnostic import display_path
    from ..diagnostics.formats import render_text

    org = out.org
    if out.failed:
        click.echo(render_text(org.diagnostics, org.files_checked, color), color=color)
        click.echo("nothing written: the content has errors; fix them first (okrsite check)", err=True)
        return 1
    for warning in out.warnings:
        click.echo(f"warning: {warning}", err=True)
    for rel in out.written:
        click.echo(f"wrote   {display_path(out.root / rel)}")
    for what, why in out.skipped:
        click.echo(f"skipped {display_path(out.root / what) if what.endswith('.md') else what}: {why}")
    for note in out.notes:
        click.echo(f"note: {note}")
    click.echo(f"{len(out.written)} file{'s' if len(out.written) != 1 else ''} written, "
               f"{len(out.skipped)} skipped")
    diags = check_written(out.root, today, out.written)
    if diags:
        click.echo("\nokrsite check on the files written:")
        click.echo(render_text(diags, len(out.written), color), color=color)
    return 1 if has_errors(diags) else 0
