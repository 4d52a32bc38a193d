"""Collecting diagnostics with the severities the organization configured (for the rules the
catalogue marks `configurable`; settings validation has already rejected overrides of others)."""

from __future__ import annotations

from .diagnostic import Diagnostic, Location, Severity
from .rules import RULES


class Reporter:
    def __init__(self, severity_overrides: dict[str, str] | None = None) -> None:
        self.items: list[Diagnostic] = []
        self.overrides = severity_overrides or {}

    def add(self, code: str, message: str, location: Location, hint: str = "",
            related: tuple[Location, ...] = ()) -> None:
        rule = RULES[code]
        level = self.overrides.get(code) if rule.configurable else None
        if level == "off":
            return
        severity = Severity(level) if level else rule.severity
        self.items.append(Diagnostic(code, severity, message, location, hint, related))

    def extend(self, diags: list[Diagnostic]) -> None:
        for d in diags:
            rule = RULES.get(d.code)
            if rule is not None and rule.configurable and d.code in self.overrides:
                level = self.overrides[d.code]
                if level == "off":
                    continue
                d = Diagnostic(d.code, Severity(level), d.message, d.location, d.hint, d.related)
            self.items.append(d)

    def sorted(self) -> list[Diagnostic]:
        unique = {(d.code, d.location, d.message): d for d in self.items}
        return sorted(unique.values(), key=lambda d: d.sort_key)
