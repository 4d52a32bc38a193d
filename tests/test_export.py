"""`okrsite export data|charts` on the sample content: the files' contents, checked against the
content read straight from content/ with PyYAML and against tests/expected.py's figures."""

from __future__ import annotations

import csv
import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from okrsite.cli import main as cli

from . import expected
from .conftest import CONTENT, ROOT, TODAY
from .sitebuild import front_matter

PERIOD_ENDS = {"2026-Q3": dt.date(2026, 9, 30), "2026-Q4": dt.date(2026, 12, 31)}  # calendar quarters

CACHE = ROOT / ".cache" / "okrsite"
CURRENT = "2026-Q4"  # the period containing TODAY, which has objectives
SVG = "{http://www.w3.org/2000/svg}svg"


def _objectives() -> dict[str, dict]:
    """qid -> front matter of every objective file under content/okrs/ (the sample has no private ones)."""
    out = {}
    for path in sorted((CONTENT / "okrs").glob("*/*/*.md")):
        period, unit = path.parent.parent.name, path.parent.name
        fm = front_matter(path)
        assert fm.get("visibility", "public") != "private"
        out[f"{period}/{unit}/{path.stem}"] = fm
    return out


def _overrides(period: str, unit: str) -> dict[str, object]:
    path = CONTENT / "retros" / period / f"{unit}.md"
    scores = front_matter(path).get("scores") or {} if path.is_file() else {}
    return {ref.split("/")[-1]: s for ref, s in scores.items()}


def _key_results() -> dict[str, tuple[dict, float | None, float]]:
    """KR qid -> (its front matter, expected progress, expected score)."""
    out = {}
    for qid, fm in _objectives().items():
        period, unit, _ = qid.split("/")
        history = expected.history(CONTENT, period, unit, TODAY)
        overrides = _overrides(period, unit)
        for kr in fm["key_results"]:
            values = history.get(kr["id"], [])
            finished = PERIOD_ENDS[period] < TODAY
            out[f"{qid}/{kr['id']}"] = (kr, expected.progress(kr, values),
                                        expected.score(kr, values, overrides.get(kr["id"]), finished=finished))
    return out


def _run(*args: str) -> None:
    result = CliRunner().invoke(cli, [*args, str(CONTENT), "--today", TODAY.isoformat()], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def _csv(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff"), f"{path.name}: no BOM, Excel would misread the Japanese"
    return list(csv.DictReader(text[1:].splitlines()))


def _number(cell: str) -> float | None:
    return None if cell == "" else float(cell)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("data")
    _run("export", "data", "--out", str(out))
    return out


@pytest.fixture(scope="module")
def charts_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("charts")
    _run("export", "charts", "--out", str(out), "--static", "--cache", str(CACHE))
    return out


# --- export data ------------------------------------------------------------------------------------
def test_key_results_csv_has_one_row_per_key_result_of_the_content(data_dir):
    rows = _csv(data_dir / "key_results.csv")
    krs = _key_results()
    assert len(rows) == len(krs) > 0
    assert {r["qid"] for r in rows} == set(krs)
    assert {r["qid"]: r["title"] for r in rows} == {q: kr["title"] for q, (kr, _, _) in krs.items()}
    assert not {r["qid"] for r in rows} & set(_objectives()), "objective rows in key_results.csv"


def test_key_results_csv_progress_and_score_match_the_independent_computation(data_dir):
    krs = _key_results()
    for row in _csv(data_dir / "key_results.csv"):
        kr, progress, score = krs[row["qid"]]
        got = _number(row["progress"])
        assert (got is None) == (progress is None), row["qid"]
        if progress is not None:
            assert got == pytest.approx(progress, abs=1e-9), row["qid"]
        assert _number(row["score"]) == pytest.approx(score, abs=1e-9), row["qid"]
        assert row["kind"] == kr.get("kind", "metric"), row["qid"]


def test_objectives_csv_has_one_row_per_objective_file(data_dir):
    rows = _csv(data_dir / "objectives.csv")
    objectives = _objectives()
    assert len(rows) == len(objectives)
    assert {r["id"]: r["title"] for r in rows} == {q: fm["title"] for q, fm in objectives.items()}
    assert {r["id"]: r["owner"] for r in rows} == {q: fm["owner"] for q, fm in objectives.items()}
    assert all(r["period"] == r["id"].split("/")[0] and r["unit"] == r["id"].split("/")[1] for r in rows)


def test_check_ins_csv_has_every_value_of_the_logs(data_dir):
    got: dict[str, list[object]] = {}
    for row in _csv(data_dir / "check_ins.csv"):
        got.setdefault(row["key_result"], []).append(row["value"])
    want: dict[str, list[object]] = {}
    for qid in _objectives():
        period, unit, _ = qid.split("/")
        for kr in _objectives()[qid]["key_results"]:
            values = expected.history(CONTENT, period, unit, TODAY).get(kr["id"])
            if values:
                want[f"{qid}/{kr['id']}"] = values
    assert set(got) == set(want)
    for qid, values in want.items():
        cells = [json.loads(v) if v[:1] in "[" else v for v in got[qid]]
        assert len(cells) == len(values), qid
        for cell, value in zip(cells, values, strict=True):
            if isinstance(value, bool):
                assert cell == ("true" if value else "false"), qid
            elif isinstance(value, (int, float)):
                assert float(cell) == pytest.approx(value), qid
            else:
                assert cell == value, qid


def test_okrs_json_nests_the_same_key_results_under_their_objectives(data_dir):
    record = json.loads((data_dir / "okrs.json").read_text(encoding="utf-8"))
    objectives = _objectives()
    assert [o["id"] for o in record["objectives"]] == sorted(objectives)
    krs = _key_results()
    for obj in record["objectives"]:
        assert [k["id"] for k in obj["key_results"]] == [k["id"] for k in objectives[obj["id"]]["key_results"]]
        for k in obj["key_results"]:
            _, progress, score = krs[k["qid"]]
            assert k["qid"] == f"{obj['id']}/{k['id']}"
            assert k["score"] == pytest.approx(score, abs=1e-9)
            assert (k["progress"] is None) == (progress is None)
    units = {p.stem for p in (CONTENT / "units").glob("*.md")}
    assert {u["id"] for u in record["units"]} == units
    assert record["current_period"] == CURRENT and record["today"] == TODAY.isoformat()


# --- export charts ----------------------------------------------------------------------------------
def _chart_ids() -> list[str]:
    ids = []
    for qid, fm in _objectives().items():
        ids.append(f"okrs/{qid}")
        ids += [f"okrs/{qid}/{kr['id']}" for kr in fm["key_results"]]
    return ids


def test_every_objective_and_key_result_has_its_chart_files_and_badge(charts_dir):
    for cid in _chart_ids():
        for ext in ("svg", "png", "dark.png", "vl.json", "html"):  # export writes PNGs for every chart
            assert (charts_dir / "charts" / f"{cid}.{ext}").is_file(), f"{cid}.{ext}"
        assert (charts_dir / "badges" / f"{cid}.svg").is_file(), cid
    for qid in (q for q in _objectives() if q.startswith(CURRENT + "/")):
        _, unit, slug = qid.split("/")
        assert (charts_dir / "charts" / "units" / unit / "current" / "okrs" / f"{slug}.svg").is_file()
    assert (charts_dir / "charts" / "periods" / "current" / "scores.svg").is_file()


def test_chart_files_are_svg_and_vega_lite_with_inline_data(charts_dir):
    for path in sorted((charts_dir / "charts").rglob("*.svg")):
        assert ET.parse(path).getroot().tag == SVG, path
    specs = sorted((charts_dir / "charts").rglob("*.vl.json"))
    assert len(specs) >= len(_chart_ids())
    for path in specs:
        spec = json.loads(path.read_text(encoding="utf-8"))
        assert "vega-lite" in spec["$schema"], path
        assert spec["datasets"] and all(isinstance(rows, list) for rows in spec["datasets"].values()), path
        assert '"url"' not in json.dumps(spec.get("data", {})) and "url" not in json.dumps(spec["datasets"])


def test_a_key_result_chart_plots_its_check_in_values(charts_dir):
    """The values dataset of each metric KR's chart is its check-ins, from the logs."""
    checked = 0
    for qid, (kr, _, _) in _key_results().items():
        if kr.get("kind", "metric") not in ("metric", "percentage"):
            continue
        period, unit = qid.split("/")[:2]
        values = expected.history(CONTENT, period, unit, TODAY).get(kr["id"], [])
        spec = json.loads((charts_dir / "charts" / f"okrs/{qid}.vl.json").read_text(encoding="utf-8"))
        assert [v["y"] for v in spec["datasets"]["values"]] == pytest.approx([float(v) for v in values]), qid
        checked += 1
    assert checked >= 10
