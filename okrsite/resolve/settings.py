"""The model's plain view of the validated settings (model/settings.py), built once per check."""

from __future__ import annotations

from ..model.settings import ForgeConfig, LintLimits, OrgSettings, PeriodConfig
from ..source.settings import Settings


def org_settings(settings: Settings) -> OrgSettings:
    lint = settings.lint
    return OrgSettings(
        language=settings.language,
        periods=PeriodConfig(settings.periods.scheme, settings.periods.fiscal_year_start_month,
                             settings.periods.fiscal_year_name),
        stale_after_days=settings.stale_after_days,
        aspirational_success=settings.aspirational_success,
        unit_kinds=settings.unit_kinds,
        current_period=settings.current_period,
        lint=LintLimits(lint.max_objectives, lint.min_key_results, lint.max_key_results, lint.max_p0),
        unit_kind_labels=dict(settings.unit_kind_labels),
        attention_confidence_below=settings.attention.confidence_below,
        forge=_forge(settings),
    )


def _forge(settings: Settings) -> ForgeConfig | None:
    f = settings.forge
    if f is None:
        return None
    return ForgeConfig(f.kind, (f.repo_url or "").rstrip("/") or None, f.branch, f.content_path.strip("/"),
                       f.issue_url, f.edit_url)
