"""Organization settings: okrsite.yml in the content directory, or the plugin block in mkdocs.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints

from ..diagnostics.diagnostic import Diagnostic, Severity
from ..diagnostics.rules import RULES, configurable_codes
from ..diagnostics.suggest import close_hint
from ..model.periods import Period, PeriodScheme
from .documents import DEFAULT_UNIT_KINDS, Day, Fraction, Slug, Strict, Text
from .forgeconf import ForgeSettings
from .paths import CONFIG_FILE
from .yaml import SourceFile

CONFIG_NAME = CONFIG_FILE  # okrsite.yml; where it lives is source/paths.py
PeriodId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]
RuleCode = Annotated[str, StringConstraints(pattern=r"^OKR\d{3}$")]


def _off(value: Any) -> Any:
    """YAML 1.1 reads a bare `off` as false; in lint.severity it can only mean "off"."""
    return "off" if value is False else value


Level = Annotated[Literal["error", "warning", "off"], BeforeValidator(_off)]


class CustomPeriod(Strict):
    id: PeriodId
    start: Day
    end: Day
    label: str | None = None


class PeriodSettings(Strict):
    scheme: Literal["quarters", "halves", "custom"] = Field(
        "quarters", description="quarters (2026-Q4), halves (2026-H2) or custom (listed in `custom`).")
    fiscal_year_start_month: int = Field(
        1, ge=1, le=12, description="First month of the fiscal year; 4 for a Japanese fiscal year from April.")
    fiscal_year_name: Literal["start", "end"] = Field(
        "start", description="start: a fiscal year is named by the calendar year it starts in (2026年度 = Apr 2026 – "
        "Mar 2027); end: by the year it ends in (with start month 2, FY21 = Feb 2020 – Jan 2021).")
    custom: list[CustomPeriod] = Field(default_factory=list, description="Periods when scheme is custom.")


class LintSettings(Strict):
    max_objectives: int = Field(3, ge=1, description="OKR501: objectives per unit and period.")
    min_key_results: int = Field(2, ge=0, description="OKR502: fewest KRs per objective.")
    max_key_results: int = Field(4, ge=1, description="OKR503: most KRs per objective.")
    max_p0: int = Field(2, ge=0, description="OKR512: most P0 objectives per unit and period, or P0 KRs per objective.")
    severity: dict[RuleCode, Level] = Field(
        default_factory=dict, description="Override the severity of warnings, e.g. {OKR506: off}.")


class AttentionSettings(Strict):
    confidence_below: Fraction = Field(
        0.5, description="The dashboard's \"needs attention\" list names a key result whose latest confidence "
        "is below this line (0.0–1.0; 0 names none).")


class Settings(Strict):
    language: Literal["ja", "en"] = Field("ja", description="Language of the site's labels.")
    periods: PeriodSettings = Field(default_factory=PeriodSettings)
    stale_after_days: int = Field(14, ge=1, description="OKR509: days without a check-in before a KR is stale.")
    aspirational_success: Fraction = Field(0.7, description="Score that counts as success for aspirational objectives.")
    extra_unit_kinds: list[Slug] = Field(default_factory=list, description="Unit kinds besides the built-in ones (company, organization, foundation, project, division, team, role, person).")
    unit_kind_labels: dict[Slug, Text] = Field(
        default_factory=dict, description="Display names of unit kinds, e.g. {working-group: Working group}.")
    current_period: PeriodId | None = Field(None, description="Pin the site's current period (default: from today).")
    lint: LintSettings = Field(default_factory=LintSettings)
    attention: AttentionSettings = Field(default_factory=AttentionSettings,
                                         description="What the dashboard's \"needs attention\" list names.")
    max_file_size_mb: float = Field(
        2.0, gt=0, le=1024, description="OKR021: largest content file okrsite reads, in megabytes (front matter "
        "and body together); a larger file is reported and not read.")
    forge: ForgeSettings | None = Field(
        None, description="The company's git host, for \"comment / suggest a change\" links (checked as OKR317).")

    @property
    def unit_kinds(self) -> tuple[str, ...]:
        return DEFAULT_UNIT_KINDS + tuple(k for k in self.extra_unit_kinds if k not in DEFAULT_UNIT_KINDS)

    def period_scheme(self) -> PeriodScheme:
        custom = tuple(
            Period(p.start, p.end, p.id, p.start.year, 0, "custom", p.label or "")
            for p in sorted(self.periods.custom, key=lambda p: p.start)
        )
        return PeriodScheme(self.periods.scheme, self.periods.fiscal_year_start_month, custom,
                            self.periods.fiscal_year_name)


def severity_problems(settings: Settings, src: SourceFile) -> list[Diagnostic]:
    """lint.severity may only name rules the catalogue marks configurable, reported at the offending key."""
    out = []
    for code in settings.lint.severity:
        loc = src.loc(("lint", "severity", code), key=True)
        rule = RULES.get(code)
        if rule is None:
            out.append(Diagnostic("OKR008", Severity.ERROR, f"lint.severity names `{code}`, which is not a rule",
                                  loc, "see `okrsite rules`"))
        elif not rule.configurable:
            out.append(Diagnostic("OKR008", Severity.ERROR,
                                  f"`{code}` is an error and cannot be changed in lint.severity", loc,
                                  "only warnings can be raised to errors or turned off: "
                                  + ", ".join(configurable_codes())))
    return out


def kind_label_problems(settings: Settings, src: SourceFile) -> list[Diagnostic]:
    """unit_kind_labels may only name kinds that exist (built in or in extra_unit_kinds)."""
    kinds = settings.unit_kinds
    return [Diagnostic("OKR008", Severity.ERROR, f"unit_kind_labels names `{kind}`, which is not a unit kind",
                       src.loc(("unit_kind_labels", kind), key=True),
                       close_hint(kind, kinds) or "add it to extra_unit_kinds, or use one of " + ", ".join(kinds))
            for kind in settings.unit_kind_labels if kind not in kinds]


def find_config(content_dir: Path) -> Path | None:
    path = content_dir / CONFIG_NAME
    return path if path.is_file() else None


def merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Settings from mkdocs.yml's plugin block override okrsite.yml key by key (deeply)."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out
