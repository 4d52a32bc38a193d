"""Printing diagnostics for people (text), programs (json) and GitHub Actions (workflow annotations)."""

from __future__ import annotations

from itertools import groupby

import click

from .diagnostic import Diagnostic, Severity

FORMATS = ("text", "json", "github")


def summary(diags: list[Diagnostic], files_checked: int) -> dict:
    errors = sum(d.severity is Severity.ERROR for d in diags)
    return {"errors": errors, "warnings": len(diags) - errors,
            "files_with_problems": len({d.location.path for d in diags}), "files_checked": files_checked}


def render_text(diags: list[Diagnostic], files_checked: int, color: bool) -> str:
    """One `file:line:col: severity CODE: message` line per problem (clickable in terminals and
    editors), hints indented below, files separated by a blank line."""
    lines: list[str] = []
    for _path, group in groupby(diags, key=lambda d: d.location.path):
        if lines:
            lines.append("")
        for d in group:
            sev = d.severity.value
            sev_txt = click.style(sev, fg="red" if d.severity is Severity.ERROR else "yellow", bold=True) if color else sev
            where = click.style(str(d.location), bold=True) if color else str(d.location)
            code = click.style(d.code, fg="cyan") if color else d.code
            lines.append(f"{where}: {sev_txt} {code}: {d.message}")
            if d.hint:
                lines.append(f"    hint: {d.hint}")
            for rel in d.related:
                lines.append(f"    see: {rel}")
    s = summary(diags, files_checked)
    if lines:
        lines.append("")
    if not diags:
        lines.append(f"ok: {files_checked} file{'s' if files_checked != 1 else ''} checked, no problems")
    else:
        lines.append(f"{s['errors']} error{'s' if s['errors'] != 1 else ''}, "
                     f"{s['warnings']} warning{'s' if s['warnings'] != 1 else ''} in "
                     f"{s['files_with_problems']} file{'s' if s['files_with_problems'] != 1 else ''} "
                     f"({files_checked} file{'s' if files_checked != 1 else ''} checked)")
    return "\n".join(lines)


def render_json(diags: list[Diagnostic], files_checked: int) -> str:
    import json  # here: only --format json needs it (a millisecond of every other check, issue 15)

    return json.dumps({"diagnostics": [d.to_dict() for d in diags], "summary": summary(diags, files_checked)},
                      ensure_ascii=False, indent=2)


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(diags: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: annotations on the pull request's changed lines."""
    out = []
    for d in diags:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_property(d.location.path)}"]
        if d.location.line:
            props += [f"line={d.location.line}", f"col={d.location.column or 1}"]
        props.append(f"title={_escape_property(d.code)}")
        message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        out.append(f"::{level} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(out)
