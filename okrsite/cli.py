"""The `okrsite` command line."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from . import __version__

DEFAULT_CONTENT = "content"


def _today(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="okrsite")
def main() -> None:
    """okrsite: OKRs kept as Markdown in git, checked in pull requests and published as an intranet site.

    \b
    Content layout (under PATH, default ./content):
      units/<unit-id>.md                          organizational units
      okrs/<period>/<unit-id>/<objective>.md      one objective with its key results
      logs/<period>/<unit-id>/<YYYY-MM-DD>.md     weekly check-ins and learnings
      retros/<period>/<unit-id>.md                end-of-period retrospectives
      okrsite.yml                                 settings
    """


@main.command()
@click.argument("path", default=DEFAULT_CONTENT, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="text for people, json for programs, github for pull-request annotations.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Check as if today were this date (YYYY-MM-DD); affects stale and future check-ins.")
@click.option("--color/--no-color", default=None, help="Color the text output (default: when a terminal).")
def check(path: Path, fmt: str, strict: bool, today: dt.datetime | None, color: bool | None) -> None:
    """Validate the OKR content in PATH and print every problem with file:line:column.

    Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage error.
    """
    from .diagnostics.diagnostic import has_errors
    from .diagnostics.formats import render_github, render_json, render_text
    from .resolve.pipeline import load_organization
    from .site.shadows import content_shadows

    org = load_organization(path, _today(today))
    diags = sorted([*org.diagnostics, *content_shadows(org, path)], key=lambda d: d.sort_key)  # OKR023: site/
    if fmt == "json":
        click.echo(render_json(diags, org.files_checked))
    elif fmt == "github":
        if diags:
            click.echo(render_github(diags))
    else:
        use_color = sys.stdout.isatty() if color is None else color
        click.echo(render_text(diags, org.files_checked, use_color), color=use_color)
    failed = has_errors(diags) or (strict and bool(diags))
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("kind", required=False, type=click.Choice(["unit", "objective", "log", "retro", "config"]))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write every schema as <kind>.schema.json into this directory.")
@click.option("--content", "content", default=DEFAULT_CONTENT, show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Content directory whose okrsite.yml adds unit kinds to the schema.")
def schema(kind: str | None, out_dir: Path | None, content: Path) -> None:
    """Print the JSON Schema of a file kind's front matter, or write all with --out.

    Editors and CI use these to autocomplete and check front matter (docs/editors.md).
    """
    from .source.repository import load_settings
    from .source.schema import schemas, write_schemas

    settings, _diags, _ = load_settings(content) if content.is_dir() else (None, [], None)
    if out_dir is not None:
        for written in write_schemas(out_dir, settings):
            click.echo(str(written))
        return
    if kind is None:
        raise click.UsageError("name a KIND to print, or use --out DIR to write all schemas")
    click.echo(json.dumps(schemas(settings)[kind], ensure_ascii=False, indent=2))


@main.group()
def export() -> None:
    """Write the charts or the data without building the site."""


def _organization(path: Path, today: dt.datetime | None):
    """The checked organization, or a ClickException listing the errors that stop an export."""
    from .diagnostics.diagnostic import has_errors
    from .diagnostics.formats import render_text
    from .resolve.pipeline import load_organization

    org = load_organization(path, _today(today))
    if has_errors(org.diagnostics):
        click.echo(render_text(org.diagnostics, org.files_checked, color=False), err=True)
        raise click.ClickException("the content has errors; fix them first (okrsite check)")
    return org


_today_option = click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                             help="Compute as if today were this date (YYYY-MM-DD).")


@export.command("charts")
@click.argument("path", default=DEFAULT_CONTENT, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write charts/ and badges/ into.")
@click.option("--lang", type=click.Choice(["ja", "en"]), default=None, help="Language of the charts' text.")
@click.option("--cache", "cache_dir", default=".cache/okrsite", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Where rendered charts are cached.")
@click.option("--font-dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="A directory holding a Japanese font (default: found on the system).")
@click.option("--interactive/--static", default=True, show_default=True,
              help="Iframe pages with tooltips (writes the Vega bundle) or static.")
@_today_option
def export_charts(path: Path, out_dir: Path, lang: str | None, cache_dir: Path, font_dir: str | None,
                  interactive: bool, today: dt.datetime | None) -> None:
    """Write every chart as SVG, PNG, Vega-Lite JSON and iframe HTML, and the progress badges,
    at the same paths as on the site (for a wiki's attachments)."""
    from .charts.data import ChartData
    from .charts.fonts import font_dir_or_none
    from .charts.publish import publish
    from .charts.render import ChartFontMissing, ChartRenderer
    from .export.data import write_files
    from .site.links import Links
    from .site.templates import environment

    org = _organization(path, today)
    lang = lang or org.settings.language
    pages = Links(use_directory_urls=True)  # where the site would put each chart's page
    try:
        published = publish(ChartData(org, lang), ChartRenderer(cache_dir, font_dir_or_none(font_dir)), environment(),
                            interactive=interactive, page_url=pages.site_path)
    except ChartFontMissing as exc:
        raise click.ClickException(str(exc)) from None
    n = write_files(published.files, out_dir)
    click.echo(f"{n} files for {len(published.charts)} charts written to {out_dir}")


@export.command("data")
@click.argument("path", default=DEFAULT_CONTENT, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write okrs.json and the CSV tables into.")
@_today_option
def export_data(path: Path, out_dir: Path, today: dt.datetime | None) -> None:
    """Write the whole model (units, periods, objectives, KRs with progress, check-ins, logs,
    retrospectives) as okrs.json, and objectives/key_results/check_ins/units as CSV."""
    from .export.data import write_data

    for written in write_data(_organization(path, today), out_dir):
        click.echo(str(written))


@main.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print the rule reference as Markdown (docs/rules.md).")
def rules(code: str | None, markdown: bool) -> None:
    """List every rule code, or explain one (e.g. `okrsite rules OKR101`)."""
    from .diagnostics.rules import RULES, rules_markdown

    if markdown:
        click.echo(rules_markdown(), nl=False)
        return
    if code:
        rule = RULES.get(code.upper())
        if rule is None:
            raise click.UsageError(f"no rule {code}; run `okrsite rules` for the list")
        click.echo(f"{rule.code} {rule.name} ({rule.severity.value})\n\n{rule.summary}\n\n"
                   f"Example: {rule.example}\nFix: {rule.fix}")
        return
    for rule in RULES.values():
        click.echo(f"{rule.code}  {rule.severity.value:<7}  {rule.name:<32} {rule.summary}")


@main.command()
@click.argument("period")
@click.argument("path", default=DEFAULT_CONTENT, type=click.Path(exists=True, file_okay=False, path_type=Path))
@_today_option
def close(period: str, path: Path, today: dt.datetime | None) -> None:
    """Draft the retrospectives of PERIOD: retros/PERIOD/<unit>.md (status: draft) for every unit
    with objectives in PERIOD and no retrospective yet, prefilled with the computed scores and
    suggestions from the check-ins, for the team to edit (docs/lifecycle.md).

    Never overwrites a file. Exit status: 0 done, 1 the content has errors (nothing written), 2 usage error.
    """
    from .lifecycle import PeriodError, close_period, echo_outcome

    day = _today(today)
    try:
        outcome = close_period(path, period, day)
    except PeriodError as exc:
        raise click.UsageError(str(exc)) from None
    sys.exit(echo_outcome(outcome, day, sys.stdout.isatty()))


@main.group()
def new() -> None:
    """Create content from what exists: `okrsite new period NEXT` starts the next period."""


@new.command("period")
@click.argument("next_period", metavar="NEXT")
@click.argument("path", default=DEFAULT_CONTENT, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--from", "from_period", metavar="PERIOD", default=None,
              help="The period whose retrospectives say what to carry (default: the one before NEXT).")
@_today_option
def new_period(next_period: str, path: Path, from_period: str | None, today: dt.datetime | None) -> None:
    """Start period NEXT: copy into okrs/NEXT/ the objectives and key results that the retrospectives
    of the previous period mark `carry_forward: continue`, each KR starting from its last value
    (docs/lifecycle.md). Nothing of the previous period is modified; no file is overwritten.

    Exit status: 0 done, 1 the content has errors (nothing written), 2 usage error.
    """
    from .lifecycle import PeriodError, echo_outcome, start_period

    day = _today(today)
    try:
        outcome = start_period(path, next_period, from_period, day)
    except PeriodError as exc:
        raise click.UsageError(str(exc)) from None
    sys.exit(echo_outcome(outcome, day, sys.stdout.isatty()))


if __name__ == "__main__":  # pragma: no cover
    main()
