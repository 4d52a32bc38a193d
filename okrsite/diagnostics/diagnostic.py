"""Diagnostics: what every check reports, and how they are sorted and counted.

A diagnostic always names a rule code, a file and a 1-based line and column, so a
contributor can jump straight to the mistake from a terminal, an editor or a pull request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


@dataclass(frozen=True, order=True)
class Location:
    """A point in a file; line and column are 1-based (0 means "the whole file")."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the content: its rule code, where it is, what is wrong and how to fix it."""

    code: str
    severity: Severity
    message: str
    location: Location
    hint: str = ""
    related: tuple[Location, ...] = field(default=())

    @property
    def sort_key(self) -> tuple:
        return (self.location.path, self.location.line, self.location.column, self.code, self.message)

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "file": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "related": [str(r) for r in self.related],
        }


def display_path(path: Path, root: Path | None = None) -> str:
    """Paths in diagnostics are relative to the working directory when possible, with '/'."""
    for base in (Path.cwd(), root):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def has_errors(diags: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diags)
