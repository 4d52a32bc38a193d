"""What the resolved organization needs to know of okrsite.yml, as plain values.

resolve/ builds these from the validated settings (source/settings.py, which also holds the
defaults); the model, scoring and pages read them without depending on the parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PeriodConfig:
    """The period settings the pages need (okrsite.yml `periods`)."""

    scheme: str  # quarters | halves | custom
    fiscal_year_start_month: int  # 1-12; period labels count fiscal years from it
    fiscal_year_name: str = "start"  # start | end: the calendar year a fiscal year is named by


@dataclass(frozen=True)
class LintLimits:
    """The OKR-quality limits the lints apply (okrsite.yml `lint`)."""

    max_objectives: int  # OKR501
    min_key_results: int  # OKR502
    max_key_results: int  # OKR503
    max_p0: int = 2  # OKR512


@dataclass(frozen=True)
class ForgeConfig:
    """okrsite.yml's checked `forge` (source/forgeconf.py): where comment and suggest-a-change links lead."""

    kind: str | None  # github | gitlab
    repo_url: str | None
    branch: str
    content_path: str  # the content directory's folder in the repository ("" = its root)
    issue_url: str | None  # templates that override kind's addresses
    edit_url: str | None


@dataclass(frozen=True)
class OrgSettings:
    """The organization's settings as the model and pages read them, free of the file's schema."""

    language: str  # ja | en: the site's and lifecycle files' language
    periods: PeriodConfig
    stale_after_days: int  # OKR509 and the pages' "needs a check-in"
    aspirational_success: float  # the score that counts as success for aspirational objectives
    unit_kinds: tuple[str, ...]  # the built-in kinds and extra_unit_kinds
    current_period: str | None  # the pinned current period's id
    lint: LintLimits
    unit_kind_labels: dict[str, str] = field(default_factory=dict)  # kind -> display name (okrsite.yml)
    attention_confidence_below: float = 0.5  # the dashboard's "needs attention" line (scoring/attention.py)
    forge: ForgeConfig | None = None  # comment / suggest-a-change links; None: no links
