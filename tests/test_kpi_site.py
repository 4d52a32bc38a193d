"""KPIs on the built sample site (docs/kpis.md): the KPI page, unit pages, the dashboard, a KR's page,
retrospectives, charts and embeds. Expected values are read straight from the sample's files with
PyYAML (not through okrsite), and health states follow the rule as written in docs/kpis.md."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrsite.model.kpis import visible_kpis
from okrsite.model.visibility import for_audience

from .conftest import CONTENT, ROOT
from .sitebuild import build_site, content_of, front_matter, page

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("kpi-site"))


def readings(unit: str, kpi: str, until: dt.date = TODAY) -> list[tuple[dt.date, float]]:
    """(date, value) of one KPI from the check-in files' `kpis:` maps, by hand."""
    out = []
    for path in sorted((CONTENT / "logs").glob(f"*/{unit}/*.md")):
        fm = front_matter(path)
        value = (fm.get("kpis") or {}).get(kpi)
        value = value["value"] if isinstance(value, dict) else value
        if value is not None and fm["date"] <= until:
            out.append((fm["date"], float(value)))
    return sorted(out)


def test_the_kpi_page_lists_every_kpi_with_its_latest_value_and_health(site):
    soup = content_of(page(site, "kpis"))
    rows = {r.select_one("td a").get_text(strip=True): r for r in soup.select(".okr-kpi-table tbody tr")}
    assert set(rows) == {"月次経常収益(MRR)", "月次解約率(社数ベース)", "週次アクティブ利用者数(WAU)", "APIレスポンスタイム(p95)"}
    p95 = readings("engineering", "api-p95")
    assert p95[-2:] == [(dt.date(2026, 11, 9), 372.0), (dt.date(2026, 11, 16), 390.0)]
    # 390 is inside `max: 400`, but one more +18 would be 408: a warning
    assert rows["APIレスポンスタイム(p95)"]["data-kpi-state"] == "warning"
    assert "390 ms" in rows["APIレスポンスタイム(p95)"].get_text(" ")
    churn = readings("cs", "churn")[-1]
    assert churn == (dt.date(2026, 11, 20), 1.1)
    assert rows["月次解約率(社数ベース)"]["data-kpi-state"] == "healthy"
    assert "1.1%" in rows["月次解約率(社数ベース)"].get_text(" ") and "1.5% 以下" in rows["月次解約率(社数ベース)"].get_text(" ")


def test_unit_pages_show_their_own_kpis_apart_from_okr_progress(site):
    cs = content_of(page(site, "units/cs"))
    section = cs.select_one("section.okr-kpis")
    assert section is not None and section.select_one("h2")["id"] == "kpis"
    assert [a.select_one(".okr-kpi__title").get_text(" ", strip=True).split(" ")[0] for a in section.select(".okr-kpi")] \
        == ["月次解約率(社数ベース)"]
    assert not section.select(".okr-bar, .okr-score"), "a KPI shows a band and a state, not progress or a score"
    sales = content_of(page(site, "units/sales"))
    assert [a["id"] for a in sales.select(".okr-kpi")] == ["kpi-sales-mrr"]
    assert content_of(page(site, "units/marketing")).select_one("section.okr-kpis") is None


def test_the_dashboard_has_a_kpi_section_linking_to_the_kpi_page(site):
    home = content_of(page(site, ""))
    section = home.select_one("section.okr-kpis")
    assert section is not None
    assert len(section.select(".okr-kpi-table tbody tr")) == 4
    assert any(a["href"].rstrip("/").endswith("kpis") for a in section.select("a"))


def test_a_kr_page_shows_the_kpi_it_aims_to_move(site):
    obj = content_of(page(site, "okrs/2026-Q4/company/self-serve-growth"))
    kr = obj.select_one("#kr-logo-churn")
    card = kr.select_one(".okr-kpis--kr .okr-kpi")
    assert card is not None and card["id"] == "kpi-cs-churn"
    assert card.select_one("img.okr-chart__img--light")["src"].endswith("charts/kpis/cs/churn.svg")
    assert obj.select_one("#kr-activation-30d .okr-kpis--kr") is None


def test_retrospectives_list_the_kpis_that_breached_during_the_period(site):
    q3 = (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    outside = [(d, v) for d, v in readings("cs", "churn") if q3[0] <= d <= q3[1] and v > 1.5]
    assert outside == [(dt.date(2026, 8, 20), 1.8)]
    company = content_of(page(site, "retros/2026-Q3"))
    listed = company.select(".okr-kpi-breaches li")
    assert [li.select_one("a").get_text(strip=True) for li in listed] == ["月次解約率(社数ベース)", "週次アクティブ利用者数(WAU)"]
    assert "1.8%" in listed[0].get_text(" ")
    cs = content_of(page(site, "retros/2026-Q3/cs"))
    assert [li.select_one("a").get_text(strip=True) for li in cs.select(".okr-kpi-breaches li")] == ["月次解約率(社数ベース)"]
    sales = content_of(page(site, "retros/2026-Q3/sales"))
    assert not sales.select(".okr-kpi-breaches li") and sales.select_one("#kpi-breaches") is not None


def test_kpi_charts_are_published_with_embeds_at_stable_paths(site):
    for key in ("sales/mrr", "cs/churn", "product/wau", "engineering/api-p95"):
        for ext in ("svg", "html", "vl.json"):  # one SVG for both colour schemes (docs/charts.md)
            assert (site / "charts" / "kpis" / f"{key}.{ext}").is_file(), (key, ext)
    card = content_of(page(site, "kpis")).select_one("#kpi-cs-churn")
    snippets = " ".join(c.get_text() for c in card.select(".okr-embed__code"))
    assert "charts/kpis/cs/churn.svg" in snippets and "charts/kpis/cs/churn.html" in snippets
    alt = card.select_one("img.okr-chart__img--light")["alt"]
    assert "1.1%" in alt and "1.8%" in alt  # the text alternative names the values


def test_an_audience_sees_only_the_kpis_of_units_it_may_read(sample_org, tmp_path):
    public = for_audience(sample_org, "public")
    assert set(visible_kpis(public).items) == {k for k in sample_org.kpis.items if k.split("/")[0] in public.units}
    assert set(visible_kpis(sample_org).items) == {"sales/mrr", "cs/churn", "product/wau", "engineering/api-p95"}


def test_a_check_in_entry_shows_its_kpi_values_and_flags_one_outside_the_band(site):
    entry = content_of(page(site, "retros/2026-Q3/cs")).select_one("#log-cs-2026-08-20-kpis")
    (item,) = entry.select(".okr-log__kpis li")
    assert "月次解約率(社数ベース)" in item.get_text(" ") and "1.8%" in item.get_text(" ")
    assert item.select_one(".okr-kpi-state--breached") is not None
    fine = content_of(page(site, "units/cs")).select_one("#log-cs-2026-11-20-kpis .okr-log__kpis li")
    assert "1.1%" in fine.get_text(" ") and fine.select_one(".okr-kpi-state--breached") is None
