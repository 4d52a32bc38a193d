"""Numbers a chart prints (bar labels, tooltips, alt text) are written by text/ with the one
rounding rule (docs/scoring.md, "Rounding"), never by Vega's own format strings, so a chart
never reads 0.69 next to a page that says 0.70."""

from __future__ import annotations

import datetime as dt

from okrsite.charts.data import ChartData
from okrsite.charts.specs import history_chart, kr_chart, scores_chart
from okrsite.model.periods import Period

from .orgs import log, objective, org_from


def _org(tmp_path):
    files = {"units/team.md": "---\nname: Team\nkind: company\n---\n",
             **objective("  - {id: k, title: K, baseline: 0, target: 100}\n")}
    return org_from(tmp_path, files)


def _texts(spec: dict) -> list[dict]:
    """Every text mark and tooltip of a layered spec, as (field, format) pairs."""
    found = []
    for layer in spec["layer"]:
        enc = layer.get("encoding", {})
        for item in [enc.get("text"), *(enc.get("tooltip") or [])]:
            if isinstance(item, dict) and item.get("type") == "quantitative":
                found.append(item)
    return found


def test_score_bars_print_the_rounded_score_not_vegas(tmp_path):
    org = _org(tmp_path)
    data = ChartData(org, "en")
    unit = next(iter(org.units.values())) if isinstance(org.units, dict) else org.units[0]
    # 0.695 is a tie: half up gives 0.70, Vega's d3-format (and Python's f"{:.2f}") give 0.69
    chart = scores_chart("c", "Scores", [(unit, 0.695)], data)
    rows = chart.spec["datasets"]["scores"]
    assert rows[0]["score_text"] == "0.70"
    assert "0.70" in chart.alt
    assert _texts(chart.spec) == [], "a score is printed from a Vega number format"


def test_history_bars_print_the_rounded_score(tmp_path):
    org = _org(tmp_path)
    data = ChartData(org, "ja")
    unit = next(iter(org.units.values())) if isinstance(org.units, dict) else org.units[0]
    period = Period("2026-Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    chart = history_chart("h", unit, [(period, 0.625)], data)
    assert chart.spec["datasets"]["history"][0]["score_text"] == "0.63"
    assert _texts(chart.spec) == []


def test_kr_tooltips_print_confidence_by_the_rule(tmp_path):
    files = {"units/team.md": "---\nname: Team\nkind: company\n---\n",
             **objective("  - {id: k, title: K, baseline: 0, target: 100}\n"),
             **log("2026-11-10", "  k: {value: 40, confidence: 0.65}\n")}
    org = org_from(tmp_path, files)
    kr = org.objectives[0].key_results[0]
    data = ChartData(org, "en")
    chart = kr_chart("k", kr, data.kr(kr), data)
    assert [v["confidence_text"] for v in chart.spec["datasets"]["values"]] == ["0.7"]  # half up: 0.65 → 0.7
    assert _texts(chart.spec) == []
