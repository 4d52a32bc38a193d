"""Which pages the site has. Detail pages stay out of the sidebar (MkDocs renders the whole
navigation into every page, so a sidebar listing every objective would make the build grow
with pages × entries); readers reach them through the index pages and breadcrumbs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..model.organization import Organization
from ..model.visibility import shown
from ..text.dates import period_label
from ..text.escape import html_text
from ..text.i18n import label
from ..text.inline import inline_plain
from . import urls


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it is, which template lays it out with which object, and the prose
    (Markdown the team wrote) the host renders into its `body`."""

    src_uri: str
    kind: str  # dashboard | periods | period | cascade | units | unit | objective | people | learnings | ...
    title: str
    obj: Any = None
    in_nav: bool = False
    source: str | None = None  # content-relative source file, for "edit this OKR"
    search: bool = True
    prose: str = ""
    # a hand-written page at src_uri is kept: its text is the prose, its sections stay in the contents
    extends_page: bool = False

    @property
    def template(self) -> str:
        return f"okrsite/{self.kind}.html"


def front_matter(spec: PageSpec, hints: bool = False) -> str:
    """A generated page's front matter: its title (a JSON string is a valid YAML scalar, escaped since
    themes print the title unescaped into <title> and <h1>: it holds names teams wrote), whether
    search indexes it, and with `hints` which template made it (for builders reading Markdown files)."""
    title = json.dumps(html_text(spec.title), ensure_ascii=False)
    search = "" if spec.search else "search:\n  exclude: true\n"
    extra = f"okrsite:\n  generated: true\n  kind: {spec.kind}\n  template: {spec.template}\n" if hints else ""
    return f"---\ntitle: {title}\n{search}{extra}---\n"


def retro_pages(org: Organization, objectives: list, units: list) -> dict:
    """{period: [unit ids]} of the retrospective pages, the one place that decides which exist:
    periods that have ended or have a written retrospective; in each, the units with (published)
    objectives and the (published) units that wrote a retrospective."""
    visible = {u.id for u in units}
    written = {(r.period.id, r.unit.id) for r in org.retros if r.unit.id in visible}
    out: dict = {}
    for period in sorted({o.period for o in objectives}):
        if period.end < org.today or any(p == period.id for p, _ in written):
            out[period] = sorted({o.unit.id for o in objectives if o.period.id == period.id}
                                 | {u for p, u in written if p == period.id})
    return out


def layout(org: Organization, lang: str) -> list[PageSpec]:
    org = shown(org)  # what the build's audience may read (model/visibility.py)
    fy = org.settings.periods.fiscal_year_start_month
    units, objectives = list(org.units.values()), org.objectives
    pages = [
        PageSpec(urls.HOME, "dashboard", label("dashboard", lang), in_nav=True, extends_page=True),
        PageSpec(urls.PERIODS, "periods", label("periods", lang), in_nav=True, search=False),
        PageSpec(urls.UNITS, "units", label("units", lang), in_nav=True, search=False),
        PageSpec(urls.PEOPLE, "people", label("people", lang), in_nav=True, search=False),
        PageSpec(urls.LEARNINGS, "learnings", label("learnings", lang), org.current_period(), in_nav=True,
                 search=False),
        PageSpec(urls.WINS, "wins", label("wins", lang), org.current_period(), in_nav=True, search=False),
        PageSpec(urls.RETROS, "retros", label("retrospectives", lang), in_nav=True, search=False),
    ]
    for period in org.period_list():
        name = period_label(period, lang, fy)
        pages.append(PageSpec(urls.period_uri(period), "period", f"{label('period_overview', lang)}: {name}",
                              period, search=False))
        pages.append(PageSpec(urls.cascade_uri(period), "cascade", f"{label('cascade', lang)}: {name}",
                              period, search=False))
        pages.append(PageSpec(urls.statuses_uri(period), "statuses", f"{label('status_lists', lang)}: {name}",
                              period, search=False))
        pages.append(PageSpec(urls.learnings_uri(period), "learnings", f"{label('learnings', lang)}: {name}", period))
        pages.append(PageSpec(urls.wins_uri(period), "wins", f"{label('wins', lang)}: {name}", period))
    retro_files = {(r.period.id, r.unit.id): r.rel for r in org.retros}
    for period, unit_ids in retro_pages(org, objectives, units).items():
        name = period_label(period, lang, fy)
        pages.append(PageSpec(urls.retro_uri(period), "retro_period", f"{label('retrospective', lang)}: {name}",
                              period))
        for uid in unit_ids:
            unit = org.units[uid]
            retro = org.retro_of(unit, period)
            pages.append(PageSpec(urls.retro_uri(period, uid), "retro_unit",
                                  f"{label('retrospective', lang)}: {unit.name} · {name}", (unit, period),
                                  source=retro_files.get((period.id, uid)),
                                  prose=retro.body + "\n" if retro else ""))
    for unit in sorted(units, key=lambda u: u.id):
        pages.append(PageSpec(urls.unit_uri(unit), "unit", unit.name, unit, source=unit.rel,
                              prose=unit.mission + "\n"))
    for obj in sorted(objectives, key=lambda o: o.qid):
        pages.append(PageSpec(urls.objective_uri(obj), "objective", inline_plain(obj.title), obj, source=obj.rel,
                              prose=obj.body + "\n"))
    from .kpi_pages import kpi_pages  # (kpi_pages imports PageSpec from here)

    pages += kpi_pages(org, lang)
    return pages
