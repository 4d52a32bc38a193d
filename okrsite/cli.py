"""The `okrsite` command line."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from pathlib import Path

import click

from . import __version__

# pydantic looks for plugins among the entry points of every installed distribution when it
# first builds a schema: a tenth of checking a pull request at 200 units (issue 15), for plugins
# (tracing, profiling) that okrsite's own models never want. Set it to "" to let them load.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

DEFAULT_CONTENT = "content"
_leave_at_once = False  # set by a command that finished and owns nothing to clean up (run())


def _today(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


AUDIENCES = ("public", "internal", "confidential")  # model/visibility.py TIERS (cli.py imports lazily)


def _audience_option(help_text: str):
    return click.option("--audience", type=click.Choice(AUDIENCES), default=None, help=help_text)


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


def run() -> None:
    """The `okrsite` program (its console script and `python -m okrsite`).

    After `check`, it leaves without the interpreter's teardown: freeing a large organization's
    parsed files object by object was a quarter of the CPU of checking 2,000 units (issue 15),
    for nothing a finished check needs (mypy leaves the same way). What was printed is flushed
    first. Other commands end normally: they may own temporary folders and worker processes."""
    try:
        main()
    except SystemExit as done:
        if not _leave_at_once:
            raise
        leave(done.code)


def leave(code: object) -> None:
    """Exit at once with `code`, as sys.exit would report it, with stdout and stderr flushed."""
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`okrsite check | head`): nothing more to say
            pass
    os._exit(code or 0)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="text for people, json for programs, github for pull-request annotations.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--only-given", is_flag=True,
              help="Report only problems in the given files and directories (the whole organization is still "
                   "checked, so references to other files are resolved); pre-commit passes the changed files.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Check as if today were this date (YYYY-MM-DD); affects stale and future check-ins.")
@click.option("--color/--no-color", default=None, help="Color the text output (default: when a terminal).")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Reuse each unchanged file's parsed document from an earlier run (kept in "
                   "$OKRSITE_CACHE_DIR, else ~/.cache/okrsite, never in the repository).")
@_audience_option("Also say how much of the content a build for this audience shows (docs/audiences.md).")
def check(paths: tuple[Path, ...], fmt: str, strict: bool, only_given: bool, today: dt.datetime | None,
          color: bool | None, cache: bool, audience: str | None) -> None:
    """Validate the OKR content and print every problem with file:line:column.

    PATHS are content directories, or files and directories anywhere inside one (default: ./content,
    else the current directory): the content directory is found by walking up to okrsite.yml, and the
    whole organization is checked.

    Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage error.
    """
    from .diagnostics.diagnostic import has_errors
    from .diagnostics.formats import render_github, render_json, render_text

    # a batch process that exits when done: the cyclic collector would only walk live objects
    # (a full pass over 25,000 files' models when loading ends), so it stays off (issue 15)
    gc.disable()
    diags, files_checked, orgs = _check_paths(paths, _today(today), only_given, cache)
    if fmt == "json":
        click.echo(render_json(diags, files_checked))
    elif fmt == "github":
        if diags:
            click.echo(render_github(diags))
    else:
        use_color = sys.stdout.isatty() if color is None else color
        click.echo(render_text(diags, files_checked, use_color), color=use_color)
        if audience is not None:
            for org in orgs:
                click.echo(_audience_summary(org, audience))
    failed = has_errors(diags) or (strict and bool(diags))
    global _leave_at_once
    _leave_at_once = True  # everything is printed and the parse cache saved: see run()
    sys.exit(1 if failed else 0)


def _check_paths(paths: tuple[Path, ...], today: dt.date, only_given: bool,
                 cache: bool = False) -> tuple[list, int, list]:
    """The diagnostics of every organization the paths belong to (each checked whole, once), how
    many files were checked (with `only_given`, only those located in the given paths), and the
    organizations."""
    from .resolve.pipeline import load_organization
    from .site.shadows import content_shadows
    from .source.parse_cache import ParseCache
    from .source.roots import content_root, is_within

    given = list(paths) or [Path(DEFAULT_CONTENT) if Path(DEFAULT_CONTENT).is_dir() else Path(".")]
    roots = list(dict.fromkeys(content_root(p) for p in given))
    diags, files_checked, orgs = [], 0, []
    for root in roots:
        org = load_organization(root, today, cache=ParseCache.for_content(root) if cache else None)
        orgs.append(org)
        files_checked += _count_given(given, root) if only_given else org.files_checked
        found = sorted([*org.diagnostics, *content_shadows(org, root)], key=lambda d: d.sort_key)  # OKR023: site/
        diags += [d for d in found
                  if not only_given or Path(d.location.path).is_dir()
                  or any(is_within(Path(d.location.path), p) for p in given)]
    return diags, files_checked, orgs


def _count_given(given: list[Path], root: Path) -> int:
    """How many content files of `root` the given paths name (what --only-given reports on)."""
    from .source.roots import is_within

    files = [f for f in root.rglob("*") if f.is_file() and f.suffix in (".md", ".yml", ".yaml")]
    return sum(1 for f in files if any(is_within(f, p) for p in given))


def _audience_summary(org, audience: str) -> str:
    """"audience public: shows 3 of 10 objectives, ..." for the people who publish the builds (the
    site itself never says how much it leaves out: docs/audiences.md)."""
    from .model.visibility import for_audience
    from .resolve.audiences import hidden_counts

    counts = hidden_counts(org, for_audience(org, audience))
    parts = [f"{shown} of {total} {what}" for what, (shown, total) in counts.items()]
    return f"audience {audience}: a build shows " + ", ".join(parts)


@main.command()
@click.argument("kind", required=False, type=click.Choice(["unit", "objective", "log", "retro", "kpi", "config"]))
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
    import json

    click.echo(json.dumps(schemas(settings)[kind], ensure_ascii=False, indent=2))


@main.group()
def export() -> None:
    """Write the charts or the data without building the site."""


def _organization(path: Path, today: dt.datetime | None, audience: str | None = None):
    """The checked organization as `audience` may read it (default: internal), or a ClickException
    listing the errors that stop an export."""
    from .diagnostics.diagnostic import has_errors
    from .diagnostics.formats import render_text
    from .resolve.pipeline import load_organization

    org = load_organization(path, _today(today))
    if has_errors(org.diagnostics):
        click.echo(render_text(org.diagnostics, org.files_checked, color=False), err=True)
        raise click.ClickException("the content has errors; fix them first (okrsite check)")
    from .model.visibility import DEFAULT, for_audience

    return for_audience(org, audience or DEFAULT)


def _cannot_write(exc: Exception) -> None:
    """A write that failed (permissions, a full disk, a link in the way, a folder okrsite does not
    own): a plain error and exit status 2, never a traceback; exit 1 means "the content has errors"."""
    click.echo(f"error: {exc}", err=True)
    kept = getattr(exc, "kept", None)
    if kept:
        click.echo("written before the failure (kept): " + ", ".join(kept), err=True)
    elif not hasattr(exc, "would_overwrite"):
        click.echo("nothing was written", err=True)
    sys.exit(2)


_today_option = click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                             help="Compute as if today were this date (YYYY-MM-DD).")


@export.command("charts")
@click.argument("path", default=DEFAULT_CONTENT, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write charts/ and badges/ into: new, empty, or written by an earlier export "
              "(it holds .okrsite-export); any other folder is refused.")
@click.option("--lang", type=click.Choice(["ja", "en"]), default=None, help="Language of the charts' text.")
@click.option("--cache", "cache_dir", default=".cache/okrsite", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Where rendered charts are cached.")
@click.option("--font-dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="A directory holding a Japanese font (default: found on the system).")
@click.option("--interactive/--static", default=True, show_default=True,
              help="Iframe pages with tooltips (writes the Vega bundle) or static.")
@_today_option
@_audience_option("Only what this audience may read (default: internal; docs/audiences.md).")
def export_charts(path: Path, out_dir: Path, lang: str | None, cache_dir: Path, font_dir: str | None,
                  interactive: bool, today: dt.datetime | None, audience: str | None) -> None:
    """Write every chart as SVG, PNG (light and dark), Vega-Lite JSON and iframe HTML, and the progress badges,
    at the same paths as on the site (for a wiki's attachments).

    Writes only into a new or empty --out folder or one an export made (.okrsite-export marks it),
    never through a link. Exit status: 0 done, 1 the content has errors, 2 usage error or the files
    could not be written (the error says which, and what was written)."""
    from .charts.cache_trust import refusal
    from .charts.data import ChartData
    from .charts.fonts import font_dir_or_none
    from .charts.publish import publish
    from .charts.render import ChartFontMissing, ChartRenderer
    from .export.data import write_files
    from .export.folder import FolderRefused
    from .site.links import Links
    from .site.templates import environment
    from .source.safewrite import WriteFailed

    org = _organization(path, today, audience)
    lang = lang or org.settings.language
    pages = Links(use_directory_urls=True)  # where the site would put each chart's page
    renderer = ChartRenderer(cache_dir, font_dir_or_none(font_dir))
    if renderer.refused:
        click.echo(refusal(cache_dir, renderer.refused), err=True)
    try:
        published = publish(ChartData(org, lang), renderer, environment(),
                            interactive=interactive, page_url=pages.site_path, png="all")
    except ChartFontMissing as exc:
        raise click.ClickException(str(exc)) from None
    try:
        n = write_files(published.files, out_dir)
    except (OSError, WriteFailed, FolderRefused) as exc:
        _cannot_write(exc)
    click.echo(f"{n} files for {len(published.charts)} charts written to {out_dir}")


@export.command("data")
@click.argument("path", default=DEFAULT_CONTENT, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write okrs.json and the CSV tables into: new, empty, or written by an earlier "
              "export (it holds .okrsite-export); any other folder is refused.")
@_today_option
@_audience_option("Only what this audience may read (default: internal; docs/audiences.md).")
def export_data(path: Path, out_dir: Path, today: dt.datetime | None, audience: str | None) -> None:
    """Write the whole model (units, periods, objectives, KRs with progress, check-ins, logs,
    retrospectives) as okrs.json, and objectives/key_results/check_ins/units as CSV.

    Writes only into a new or empty --out folder or one an export made (.okrsite-export marks it),
    never through a link. Exit status: 0 done, 1 the content has errors, 2 usage error or the files
    could not be written."""
    from .export.data import write_data
    from .export.folder import FolderRefused
    from .source.safewrite import WriteFailed

    org = _organization(path, today, audience)
    try:
        written = write_data(org, out_dir)
    except (OSError, WriteFailed, FolderRefused) as exc:
        _cannot_write(exc)
    for item in written:
        click.echo(str(item))


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

    Never overwrites a file, never writes through a link or outside PATH; writes all drafts or none.
    Exit status: 0 done, 1 the content has errors (nothing written), 2 usage error or a file could not
    be written (nothing written).
    """
    from .lifecycle import PeriodError, close_period, echo_outcome
    from .source.safewrite import WriteFailed

    day = _today(today)
    try:
        outcome = close_period(path, period, day)
    except PeriodError as exc:
        raise click.UsageError(str(exc)) from None
    except (OSError, WriteFailed) as exc:
        _cannot_write(exc)
    sys.exit(echo_outcome(outcome, day, sys.stdout.isatty()))


@main.group()
def new() -> None:
    """Create content: `okrsite new objective|checkin|unit` one file, `okrsite new period NEXT` the next period."""


@new.command("period")
@click.argument("next_period", metavar="NEXT")
@click.argument("path", default=DEFAULT_CONTENT, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--from", "from_period", metavar="PERIOD", default=None,
              help="The period whose retrospectives say what to carry (default: the one before NEXT).")
@_today_option
def new_period(next_period: str, path: Path, from_period: str | None, today: dt.datetime | None) -> None:
    """Start period NEXT: copy into okrs/NEXT/ the objectives and key results that the retrospectives
    of the previous period mark `carry_forward: continue`, each KR starting from its last value
    (docs/lifecycle.md). Nothing of the previous period is modified; no file is overwritten, none is
    written through a link or outside PATH, and the files are written all or none.

    Exit status: 0 done, 1 the content has errors (nothing written), 2 usage error or a file could not
    be written (nothing written).
    """
    from .lifecycle import PeriodError, echo_outcome, start_period
    from .source.safewrite import WriteFailed

    day = _today(today)
    try:
        outcome = start_period(path, next_period, from_period, day)
    except PeriodError as exc:
        raise click.UsageError(str(exc)) from None
    except (OSError, WriteFailed) as exc:
        _cannot_write(exc)
    sys.exit(echo_outcome(outcome, day, sys.stdout.isatty()))


_content_argument = click.argument("path", default=DEFAULT_CONTENT, type=click.Path(exists=True, path_type=Path))


def _run_new(make) -> None:
    """Run an `okrsite new` writer: usage errors exit 2, then what was written and its check."""
    from .lifecycle import echo_outcome
    from .lifecycle.new import NewError

    try:
        outcome, day = make()
    except NewError as exc:
        raise click.UsageError(str(exc)) from None
    sys.exit(echo_outcome(outcome, day, sys.stdout.isatty()))


def _root(path: Path) -> Path:
    from .source.roots import content_root

    return content_root(path)


@new.command("unit")
@click.argument("unit_id", metavar="ID")
@_content_argument
@click.option("--name", required=True, help="The unit's name as pages show it.")
@click.option("--kind", default="team", show_default=True, help="company, division, department, team, person …")
@click.option("--parent", default=None, help="The unit above (default: the organization's root unit).")
@_today_option
def new_unit_command(unit_id: str, path: Path, name: str, kind: str, parent: str | None,
                     today: dt.datetime | None) -> None:
    """Write units/ID.md. Never overwrites. Exit status: 0 done, 1 errors, 2 usage error."""
    from .lifecycle.new import new_unit

    day = _today(today)
    _run_new(lambda: (new_unit(_root(path), unit_id, name, kind, parent, day), day))


@new.command("objective")
@click.argument("unit_id", metavar="UNIT")
@click.argument("slug")
@_content_argument
@click.option("--title", required=True, help="The objective: qualitative and inspiring.")
@click.option("--period", "period_id", default=None, help="Its period (default: the one containing today).")
@click.option("--type", "type_", type=click.Choice(["aspirational", "committed"]), default="aspirational",
              show_default=True)
@click.option("--owner", default=None, help="Who owns it (default: the unit's first owner, else the unit).")
@click.option("--aligns-to", default=None, help="The parent objective or KR (e.g. company/grow-mid-market).")
@click.option("--kr", "krs", multiple=True, help="A key result's title (repeat; default: two placeholders).")
@_today_option
def new_objective_command(unit_id: str, slug: str, path: Path, title: str, period_id: str | None, type_: str,
                          owner: str | None, aligns_to: str | None, krs: tuple[str, ...],
                          today: dt.datetime | None) -> None:
    """Write okrs/PERIOD/UNIT/SLUG.md with its key results to edit. Never overwrites.

    Exit status: 0 done, 1 errors, 2 usage error."""
    from .lifecycle.new import new_objective

    day = _today(today)
    _run_new(lambda: (new_objective(_root(path), unit_id, slug, title, period_id=period_id, type_=type_,
                                    owner=owner, aligns_to=aligns_to, krs=list(krs), today=day), day))


@new.command("checkin")
@click.argument("unit_id", metavar="UNIT")
@_content_argument
@click.option("--date", "date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day it reports on (default: today).")
@click.option("--author", default=None, help="Who writes it (default: the unit's first owner).")
@click.option("--slug", default="", help="A second check-in on one day: logs/…/DATE-SLUG.md.")
@_today_option
def new_checkin_command(unit_id: str, path: Path, date: dt.datetime | None, author: str | None, slug: str,
                        today: dt.datetime | None) -> None:
    """Write logs/PERIOD/UNIT/DATE.md listing the unit's key results with their last values, as comments
    to edit. Never overwrites. Exit status: 0 done, 1 errors, 2 usage error."""
    from .lifecycle.new import new_checkin

    day = _today(today)
    on = date.date() if date else day
    _run_new(lambda: (new_checkin(_root(path), unit_id, on, author, slug, day), day))


@main.command("init")
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True,
              help="Language of the site and of the example content.")
@click.option("--name", default=None, help="The company's (or organization's) name (default: a placeholder).")
@_today_option
def init(directory: Path, lang: str, name: str | None, today: dt.datetime | None) -> None:
    """Start a company's OKR repository in DIRECTORY (default: here): content/ with okrsite.yml, a company,
    one team, one objective and one check-in; mkdocs.yml; .gitignore; .pre-commit-config.yaml; and the
    GitHub workflows. `okrsite check` and `mkdocs build --strict` pass on it at once.

    Never overwrites: when any of these files exists, nothing is written (exit 2).
    """
    from .lifecycle.init import TargetsExist, init_repository

    day = _today(today)
    try:
        written = init_repository(directory, lang, name, day)
    except TargetsExist as exc:
        for rel in exc.existing:
            click.echo(f"exists  {directory / rel}", err=True)
        click.echo(f"nothing written: {len(exc.existing)} file(s) already exist (okrsite init never overwrites)",
                   err=True)
        sys.exit(2)
    for rel in written:
        click.echo(f"wrote   {directory / rel}")
    click.echo(f"\n{len(written)} files written. Next: edit content/ and mkdocs.yml (site_url), then\n"
               f"  okrsite check\n  mkdocs build --strict")
_review_today = click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, envvar="OKRSITE_TODAY",
                             help="Compute as if today were this date (YYYY-MM-DD; default: $OKRSITE_TODAY, "
                                  "as for the site, else today).")


@main.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@click.option("--content", "content", default=DEFAULT_CONTENT, show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="The content directory (in the repository whose refs BASE and HEAD name).")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True,
              help="markdown for a pull-request comment, json for programs.")
@_review_today
@_audience_option("Compare only what a build for this audience shows (default: internal; docs/audiences.md).")
def diff_command(base: str, head: str | None, content: Path, fmt: str, today: dt.datetime | None,
                 audience: str | None) -> None:
    """What a change does to the OKRs, from BASE to HEAD: objectives and KRs added, removed or edited,
    check-ins (value, progress, status), targets changed mid-period with their reason, grades and
    scores, and the problems the change introduces (docs/workflows.md).

    BASE and HEAD are git refs of the repository holding --content (HEAD: the working tree), or two
    content directories. Exit status: 0 compared, 2 a side cannot be read (bad ref, unrelated
    histories, content okrsite cannot check).
    """
    from .review.render_json import render_json
    from .review.render_markdown import render_markdown
    from .review.run import diff_content
    from .review.sides import SideError

    try:
        result = diff_content(base, head, content, _today(today), audience or "internal")
    except SideError as exc:
        click.echo(f"okrsite diff: {exc}", err=True)
        sys.exit(2)
    except Exception as exc:  # a bug must not show a contributor a traceback
        click.echo(f"okrsite diff failed: {type(exc).__name__}: {exc} (a bug in okrsite; please report it)", err=True)
        sys.exit(2)
    click.echo(render_json(result) if fmt == "json" else render_markdown(result), nl=fmt == "json")


@main.command("remind")
@click.argument("path", default=DEFAULT_CONTENT, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["markdown", "json", "slack", "teams"]), default="markdown",
              show_default=True, help="markdown or json to read; slack or teams: a chat webhook's JSON payload.")
@click.option("--site-url", default=None, help="The site's address, for links to each KR's page "
              "(default: site_url of --config-file).")
@click.option("--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The mkdocs.yml whose site_url the links use.")
@_review_today
@_audience_option("Name only what a build for this audience shows (default: internal; docs/audiences.md): "
                  "a chat channel is an audience too.")
def remind_command(path: Path, fmt: str, site_url: str | None, config_file: Path, today: dt.datetime | None,
                   audience: str | None) -> None:
    """List the key results without a recent check-in (stale_after_days in okrsite.yml), grouped by
    owner and unit, with a link to each KR's page and the check-in file to add. Done boolean KRs,
    finished milestones and finished periods are never listed (docs/workflows.md).

    Exit status: 0 listed (even when some are stale), 2 the content cannot be checked.
    """
    import dataclasses

    from .diagnostics.diagnostic import display_path
    from .model.visibility import for_audience
    from .resolve.pipeline import load_organization
    from .review.remind import remind
    from .review.render_remind import RENDERERS
    from .review.siteconfig import read_config

    org = load_organization(path, _today(today))
    failed = next((d for d in org.diagnostics if d.code == "OKR000"), None)
    if failed is not None:
        click.echo(f"okrsite remind: {failed.message}", err=True)
        sys.exit(2)
    config = read_config(config_file)
    if site_url is not None:
        config = dataclasses.replace(config, site_url=site_url.strip())
    if not config.site_url and fmt == "json":
        click.echo("okrsite remind: no site_url (mkdocs.yml or --site-url): pages are paths, not links", err=True)
    prefix = display_path(path).rstrip("/") + "/"
    shown = for_audience(org, audience or "internal")
    click.echo(RENDERERS[fmt](remind(shown, config, "" if prefix == "./" else prefix)), nl=False)


@main.command("pages")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder inside docs_dir to write the pages into (e.g. content/_okrsite): new, or one this "
              "command wrote (its .okrsite-pages lists the files); a folder holding other files is refused.")
@click.option("--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The site's configuration (docs_dir, site_url, theme.language, custom_dir, the okrsite plugin's "
              "options); read, never run.")
@_today_option
@click.option("--links", type=click.Choice(["source", "page"]), default="source", show_default=True,
              help="Write links relative to each page's Markdown file (Zensical rewrites them to the page's URL) "
              "or relative to the page's URL (builders that pass raw HTML through untouched).")
@_audience_option("The audience the pages are for (default: the plugin's `audience`, else internal).")
def pages_command(path: Path | None, out_dir: Path, config_file: Path, today: dt.datetime | None,
                  links: str, audience: str | None) -> None:
    """Write every page okrsite generates as a Markdown file (front matter and one HTML block), with the
    charts, feeds and okrsite's CSS/JS, into a folder of docs_dir: for site generators that render Markdown
    but run no okrsite plugin, such as Zensical (docs/platforms.md). PATH is the content directory (default:
    the plugin's `content`, else docs_dir).

    Incremental: unchanged files keep their bytes and mtime; files an earlier run wrote that are no longer
    made are removed, only inside the folder. Without --today, the day is the plugin's `today`, else
    $OKRSITE_TODAY, else today (as the plugin decides it). Exit status: 0 written, 1 the content has errors, 2 the
    folder is outside docs_dir, holds files okrsite did not write, or cannot be written."""
    from .hosts.pages.build import build_pages
    from .hosts.pages.config import read_pages_config
    from .hosts.pages.folder import PagesRefused

    cfg = read_pages_config(config_file)
    content = path or (cfg.base / str(cfg.plugin["content"]) if cfg.plugin.get("content") else cfg.docs_dir)
    try:
        org, outcome = build_pages(Path(content), out_dir, cfg, today.date() if today else None, audience,
                                   lambda text: click.echo(f"okrsite pages: {text}", err=True), links)
    except (PagesRefused, OSError, ValueError) as exc:
        click.echo(f"okrsite pages: {exc}", err=True)
        sys.exit(2)
    if outcome is None:
        from .diagnostics.formats import render_text

        click.echo(render_text(org.diagnostics, org.files_checked, color=False), err=True)
        click.echo("okrsite pages: the content has errors; fix them first (okrsite check); nothing was written",
                   err=True)
        sys.exit(1)
    click.echo(f"okrsite pages: {len(outcome.written)} written, {outcome.unchanged} unchanged, "
               f"{len(outcome.removed)} removed in {out_dir}")



@main.group("import")
def import_group() -> None:
    """Bring numbers kept elsewhere into the content as ordinary, append-only files."""


@import_group.command("kpis")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("path", default=DEFAULT_CONTENT, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--author", required=True, help="Person id written as the check-ins' author (e.g. who exported the data).")
@_today_option
def import_kpis_command(csv_file: Path, path: Path, author: str, today: dt.datetime | None) -> None:
    """KPI values from FILE.csv (columns date,kpi,value; kpi is unit/kpi, or a bare id one unit uses) as new
    check-ins logs/<period>/<unit>/<date>-kpis.md (docs/kpis.md).

    Never rewrites a file (a taken name gets -kpis-2, ...); rows that cannot be placed are reported with
    their line numbers and left out. Exit status: 0 done, 1 the content has errors (nothing written) or a
    row was refused (the rest written), 2 a usage error or nothing could be written."""
    from .lifecycle.import_kpis import echo_import, run_import

    sys.exit(echo_import(run_import(path, csv_file, author, _today(today)), _today(today)))

if __name__ == "__main__":  # pragma: no cover
    main()
