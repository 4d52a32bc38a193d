"""Whether the site has the company KPI page (docs/kpis.md). Kept apart from view_kpis.py, which
draws on the charts: `okrsite check` asks pages.layout which pages exist (shadowed files) and must
not import the chart stack."""

from __future__ import annotations

from ..model.kpis import visible_kpis
from ..model.organization import Organization
from ..model.visibility import shown
from ..text.i18n import label
from .pages import PageSpec
from .urls import KPIS_PAGE


def kpi_pages(org: Organization, lang: str) -> list[PageSpec]:
    """The company KPI page, when the build's audience may read any KPI."""
    if not visible_kpis(shown(org)).items:
        return []
    return [PageSpec(KPIS_PAGE, "kpis", label("kpis_heading", lang), in_nav=True, search=False)]
