"""KPI health (scoring/kpi_health.py), staleness and the resolved readings, on hand-made KPIs.

Expected states follow the rule's definition in docs/kpis.md: outside the band is breached; inside
but one more change like the last one would leave it is a warning; else healthy."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from okrsite.model.kpis import Kpi, KpiReading
from okrsite.model.periods import PeriodScheme
from okrsite.resolve.pipeline import load_organization
from okrsite.scoring.kpi_health import BREACHED, HEALTHY, NO_DATA, WARNING, breaches, health, kpi_is_stale, stale_limit

D = dt.date


class _Log:
    def __init__(self, day: dt.date) -> None:
        self.date, self.rel = day, f"logs/x/{day}.md"


def kpi(values: list[float], lo: float | None = 30, hi: float | None = 70, direction: str = "increase",
        cadence: str = "weekly") -> Kpi:
    k = Kpi("nps", "NPS", None, "pt", lo, hi, direction, ["tanaka"], None, cadence, "", "kpis/u/nps.md", None)
    start = D(2026, 10, 5)
    k.readings = [KpiReading(k, _Log(start + dt.timedelta(days=7 * i)), v, None) for i, v in enumerate(values)]
    return k


@pytest.mark.parametrize("values, lo, hi, expected", [
    ([], 30, 70, NO_DATA),
    ([50], 30, 70, HEALTHY),
    ([30], 30, 70, HEALTHY),          # the edge is inside
    ([29.9], 30, 70, BREACHED),
    ([71], 30, 70, BREACHED),
    ([50, 40], 30, 70, HEALTHY),      # one more -10 lands on 30: still inside
    ([50, 39], 30, 70, WARNING),      # one more -11 lands on 28: out
    ([60, 66], 30, 70, WARNING),      # upward towards max: 72 would be out
    ([40, 35], None, None, HEALTHY),  # no band: nothing to breach
    ([10, 5], None, 70, HEALTHY),     # only a max: falling is fine
    ([80, 60], 30, None, HEALTHY),    # one more -20 lands on 40
    ([50, 35], 30, None, WARNING),
])
def test_health_by_band_and_trend(values, lo, hi, expected):
    assert health(kpi(values, lo, hi), D(2026, 12, 31)).state == expected


def test_health_reads_only_values_up_to_the_day():
    k = kpi([50, 20])  # 20 is on 2026-10-12
    assert health(k, D(2026, 10, 11)).state == HEALTHY
    assert health(k, D(2026, 10, 12)).state == BREACHED


def test_breaches_within_the_period_only():
    k = kpi([50, 20, 25, 60])  # 10-05, 10-12, 10-19, 10-26
    assert [r.value for r in breaches(k, D(2026, 10, 13), D(2026, 10, 31))] == [25]


def test_stale_limit_is_at_least_the_cadence():
    assert stale_limit(kpi([], cadence="weekly"), 14) == 14
    assert stale_limit(kpi([], cadence="monthly"), 14) == 31


def test_stale_uses_the_running_period():
    q4 = PeriodScheme().parse("2026-Q4")
    k = kpi([50])  # last on 2026-10-05
    assert not kpi_is_stale(k, q4, D(2026, 10, 19), 14)   # 14 days: not yet
    assert kpi_is_stale(k, q4, D(2026, 10, 20), 14)       # 15 days
    assert not kpi_is_stale(k, None, D(2026, 10, 20), 14)  # between periods


BASE = Path(__file__).parent / "corpus" / "base"


def test_check_ins_and_krs_reach_the_kpi(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(BASE, root)
    (root / "kpis/product").mkdir(parents=True)
    (root / "kpis/product/activation.md").write_text(
        "---\ntitle: Active accounts\nmin: 30\ndirection: increase\nowner: tanaka\n---\n", encoding="utf-8")
    (root / "logs/2026-Q4/product/2026-11-22-kpis.md").write_text(
        "---\nauthor: tanaka\nkpis:\n  activation: {value: 41, note: after the wizard}\n---\n", encoding="utf-8")
    (root / "logs/2026-Q4/sales/2026-11-23-kpis.md").write_text(
        "---\nauthor: suzuki\nkpis:\n  product/activation: 28\n---\n", encoding="utf-8")
    obj = root / "okrs/2026-Q4/product/self-serve.md"
    obj.write_text(obj.read_text(encoding="utf-8").replace("    unit: min\n", "    unit: min\n    kpi: activation\n"),
                   encoding="utf-8")
    org = load_organization(root, today=D(2026, 11, 24))
    assert [d for d in org.diagnostics if d.code.startswith("OKR4")] == []
    k = org.kpis.items["product/activation"]
    assert [(r.date, r.value, r.note) for r in k.readings] == [(D(2026, 11, 22), 41.0, "after the wizard"),
                                                               (D(2026, 11, 23), 28.0, None)]
    assert org.kpis.by_kr == {"2026-Q4/product/self-serve/setup-time": "product/activation"}
    assert health(k, org.today).state == BREACHED


def test_an_audience_reads_only_the_kpis_and_values_its_tier_allows(tmp_path):
    from okrsite.model.kpis import visible_kpis
    from okrsite.model.visibility import for_audience

    root = tmp_path / "content"
    shutil.copytree(BASE, root)
    for unit in ("acme", "product"):
        f = root / f"units/{unit}.md"
        f.write_text(f.read_text(encoding="utf-8").replace("---\nname:", "---\nvisibility: public\nname:", 1),
                     encoding="utf-8")
    (root / "kpis/product").mkdir(parents=True)
    kpi = "---\ntitle: {t}\ndirection: increase\nowner: tanaka\n{v}---\n"
    (root / "kpis/product/open.md").write_text(kpi.format(t="Open", v=""), encoding="utf-8")
    (root / "kpis/product/secret.md").write_text(kpi.format(t="Secret", v="visibility: confidential\n"), encoding="utf-8")
    (root / "kpis/sales").mkdir(parents=True)
    (root / "kpis/sales/deals.md").write_text(kpi.format(t="Deals", v=""), encoding="utf-8")  # sales: internal
    (root / "logs/2026-Q4/product/2026-11-21-a.md").write_text(
        "---\nauthor: tanaka\nvisibility: public\nkpis: {open: 1, secret: 2}\n---\n", encoding="utf-8")
    (root / "logs/2026-Q4/product/2026-11-22-b.md").write_text(
        "---\nauthor: tanaka\nvisibility: confidential\nkpis: {open: 3}\n---\n", encoding="utf-8")
    org = load_organization(root, today=D(2026, 11, 24))
    assert not [d for d in org.diagnostics if d.severity.value == "error"], org.diagnostics
    public = visible_kpis(for_audience(org, "public"))
    assert {k: [r.value for r in v.readings] for k, v in public.items.items()} == {"product/open": [1.0]}
    confidential = visible_kpis(for_audience(org, "confidential"))
    assert {k: [r.value for r in v.readings] for k, v in confidential.items.items()} == {
        "product/open": [1.0, 3.0], "product/secret": [2.0], "sales/deals": []}
