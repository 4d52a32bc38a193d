"""KPIs in `okrsite diff`, `okrsite remind` and `okrsite export data` (docs/kpis.md), on the corpus's
base organization with KPIs added by hand; expected values are the ones written into the files."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

from okrsite.export.data import data_files
from okrsite.model.visibility import for_audience
from okrsite.resolve.pipeline import load_organization
from okrsite.review.diff import compare
from okrsite.review.remind import remind
from okrsite.review.render_json import diff_data
from okrsite.review.render_markdown import render_markdown
from okrsite.review.render_remind import render_markdown as remind_markdown

BASE = Path(__file__).parent / "corpus" / "base"
TODAY = dt.date(2026, 11, 24)
KPI = "---\ntitle: Active accounts\nunit: \"%\"\nmin: 30\nmax: 90\ndirection: increase\nowner: tanaka\ncadence: weekly\n---\n"


def _content(root: Path, values: dict[str, float]) -> Path:
    shutil.copytree(BASE, root)
    (root / "kpis/product").mkdir(parents=True)
    (root / "kpis/product/activation.md").write_text(KPI, encoding="utf-8")
    for day, value in values.items():
        (root / f"logs/2026-Q4/product/{day}-kpis.md").write_text(
            f"---\nauthor: tanaka\nkpis:\n  activation: {value}\n---\n", encoding="utf-8")
    return root


def test_diff_reports_a_kpi_value_the_change_adds_with_its_health(tmp_path):
    base = _content(tmp_path / "base", {"2026-11-16": 50})
    head = _content(tmp_path / "head", {"2026-11-16": 50, "2026-11-23": 25})
    d = compare(load_organization(base, TODAY), load_organization(head, TODAY), base_root=base, head_root=head,
                labels=("main", "pr"))
    assert [(u.key, u.old, u.new, u.old_health, u.new_health, u.file) for u in d.kpis] == [
        ("product/activation", 50.0, 25.0, "healthy", "breached", "logs/2026-Q4/product/2026-11-23-kpis.md")]
    text = render_markdown(d)
    assert "| Active accounts (`product/activation`) | 50% → 25% | Healthy → Breached |" in text
    assert diff_data(d)["kpis"][0]["new_health"] == "breached" and not d.empty


def test_diff_without_kpi_changes_has_none(tmp_path):
    base = _content(tmp_path / "base", {"2026-11-16": 50})
    head = _content(tmp_path / "head", {"2026-11-16": 50})
    d = compare(load_organization(base, TODAY), load_organization(head, TODAY), base_root=base, head_root=head,
                labels=("main", "pr"))
    assert d.kpis == ()


def test_remind_lists_a_kpi_quiet_for_longer_than_the_threshold(tmp_path):
    root = _content(tmp_path / "c", {"2026-11-09": 50})  # 15 days before today; weekly: limit 14
    r = remind(for_audience(load_organization(root, TODAY), "internal"))
    assert [(k.key, k.days, k.owners, k.add) for k in r.kpis] == [
        ("product/activation", 15, ("tanaka",), "logs/2026-Q4/product/2026-11-24.md")]
    assert "Active accounts" in remind_markdown(r)
    fresh = _content(tmp_path / "d", {"2026-11-10": 50})  # 14 days: not yet
    assert remind(load_organization(fresh, TODAY)).kpis == ()


def test_export_data_carries_kpis_values_and_health(tmp_path):
    root = _content(tmp_path / "c", {"2026-11-16": 50, "2026-11-23": 85})
    files = data_files(load_organization(root, TODAY))
    record = json.loads(files["okrs.json"])
    (kpi,) = record["kpis"]
    # 85 is inside 30–90, but one more +35 would be 120: a warning
    assert (kpi["key"], kpi["latest"], kpi["health"], kpi["min"], kpi["max"]) == ("product/activation", 85, "warning", 30, 90)
    rows = list(csv.DictReader(files["kpi_values.csv"].lstrip("\ufeff").splitlines()))
    assert [(r["date"], r["kpi"], r["value"]) for r in rows] == [("2026-11-16", "product/activation", "50"),
                                                                  ("2026-11-23", "product/activation", "85")]
    assert "product/activation" in files["kpis.csv"]
