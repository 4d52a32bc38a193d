"""KPIs in the pull-request loop (docs/kpis.md): what a change does to KPI values (`okrsite diff`)
and which KPIs owe a value (`okrsite remind`). Health and staleness are scoring/kpi_health.py's;
both sides are the audience's views, narrowed by model/kpis.visible_kpis."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.kpis import Kpi, visible_kpis
from ..model.organization import Organization
from ..scoring.kpi_health import days_quiet, health, kpi_is_stale
from ..site import urls
from ..site.urls import KPIS_PAGE
from ..source.paths import checkin_path
from ..text.escape import markdown_text
from ..text.words import Words


@dataclass(frozen=True)
class KpiUpdate:
    """A KPI whose values the change adds or edits: its latest value and health before and after."""

    key: str
    title: str
    unit_label: str
    file: str | None  # the newest check-in file of the head that the change touches for it
    old: float | None
    new: float | None
    old_health: str | None  # None: the KPI is new
    new_health: str


@dataclass(frozen=True)
class StaleKpi:
    key: str
    title: str
    unit: str
    owners: tuple[str, ...]
    days: int
    last: dt.date | None
    add: str  # the check-in file to add (relative to the repository root), or `okrsite import kpis`
    page: str


def kpi_updates(base: Organization, head: Organization) -> list[KpiUpdate]:
    old_book, new_book = visible_kpis(base), visible_kpis(head)
    out = []
    for key, k in sorted(new_book.items.items()):
        before = old_book.items.get(key)
        old_sig = [(r.date, r.value) for r in before.readings] if before else None
        new_sig = [(r.date, r.value) for r in k.readings]
        if old_sig == new_sig:
            continue
        touched = [r for r in k.readings if before is None or (r.date, r.value) not in set(old_sig or [])]
        h, oh = health(k, head.today), health(before, base.today) if before else None
        out.append(KpiUpdate(key, k.title, k.unit_label, touched[-1].log.rel if touched else None,
                             oh.latest.value if oh and oh.latest else None, h.latest.value if h.latest else None,
                             oh.state if oh else None, h.state))
    return out


def _page(k: Kpi, site_url: str) -> str:
    url = urls.to_url(KPIS_PAGE) + f"#kpi-{k.unit.id}-{k.id}"
    return site_url.rstrip("/") + "/" + url if site_url else url


def stale_kpis(org: Organization, site_url: str = "", prefix: str = "") -> tuple[StaleKpi, ...]:
    running = org.running_period()
    if running is None:
        return ()
    out = []
    for key, k in sorted(visible_kpis(org).items.items()):
        if kpi_is_stale(k, running, org.today, org.settings.stale_after_days):
            last = k.readings[-1].date if k.readings else None
            add = prefix + checkin_path(running.id, k.unit.id, org.today)
            out.append(StaleKpi(key, k.title, k.unit.id, tuple(k.owners), days_quiet(k, running, org.today), last,
                                add, _page(k, site_url)))
    return tuple(out)


def _value(w: Words, v: float | None, unit: str) -> str:
    return "–" if v is None else f"{w.number(v)}{unit}"


def diff_lines(w: Words, updates: tuple[KpiUpdate, ...]) -> list[str]:
    """The diff comment's KPI table."""
    head = f"| {w.t('kpi')} | {w.t('kpi_latest')} | {w.t('kpi_health')} | |"
    rows = []
    for u in updates:
        old_state = w.t(f"kpi_{u.old_health}") if u.old_health else ""
        value = f"{_value(w, u.old, u.unit_label)} → {_value(w, u.new, u.unit_label)}"
        state = f"{old_state} → {w.t(f'kpi_{u.new_health}')}" if old_state else w.t(f"kpi_{u.new_health}")
        rows.append(f"| {markdown_text(u.title)} (`{u.key}`) | {value} | {state} | {f'`{u.file}`' if u.file else ''} |")
    return [f"#### {w.t('kpis_heading')}", "", head, "|---|---|---|---|", *rows, ""]


def remind_lines(w: Words, kpis: tuple[StaleKpi, ...], linked: bool) -> list[str]:
    """The reminder's KPI list: each stale KPI, its owners and where its value goes."""
    out = [f"#### {w.t('kpis_heading')}", ""]
    for k in kpis:
        title = f"[{markdown_text(k.title)}]({k.page})" if linked else f"{markdown_text(k.title)} (`{k.page}`)"
        owners = ", ".join(k.owners)
        out.append(f"- {title} ({markdown_text(owners)}): {w.t('kpi_stale', days=k.days)} · "
                   f"{w.t('remind_add', path=f'`{k.add}`')}")
    return [*out, ""]
