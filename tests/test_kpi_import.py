"""`okrsite import kpis FILE.csv`: rows become new check-in files; nothing existing is rewritten;
rows that cannot be placed are reported with their CSV line numbers and left out."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrsite.cli import main
from okrsite.lifecycle.import_kpis import KpiCsvError, _place, read_rows
from okrsite.resolve.pipeline import load_organization

BASE = Path(__file__).parent / "corpus" / "base"
KPI = "---\ntitle: Active accounts\nmin: 30\nmax: 90\ndirection: increase\nowner: tanaka\ncadence: weekly\n---\n"


def _content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(BASE, root)
    (root / "kpis/product").mkdir(parents=True)
    (root / "kpis/product/activation.md").write_text(KPI, encoding="utf-8")
    (root / "kpis/sales").mkdir(parents=True)
    (root / "kpis/sales/activation.md").write_text(KPI, encoding="utf-8")  # the same id in two units
    (root / "kpis/sales/pipeline.md").write_text(KPI.replace("Active accounts", "Pipeline"), encoding="utf-8")
    return root


def _run(root: Path, csv_text: str, tmp_path: Path):
    csv = tmp_path / "values.csv"
    csv.write_text(csv_text, encoding="utf-8")
    return CliRunner().invoke(main, ["import", "kpis", str(csv), str(root), "--author", "tanaka",
                                     "--today", "2026-11-24"])


def test_rows_become_check_ins_grouped_by_unit_and_day(tmp_path):
    root = _content(tmp_path)
    result = _run(root, "date,kpi,value\n2026-11-21,product/activation,41\n2026-11-21,pipeline,50\n"
                        "2026-11-22,sales/activation,55.5\n2026-11-21,sales/activation,52\n", tmp_path)
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(root).as_posix() for p in root.rglob("*-kpis*.md"))
    assert written == ["logs/2026-Q4/product/2026-11-21-kpis.md", "logs/2026-Q4/sales/2026-11-21-kpis.md",
                       "logs/2026-Q4/sales/2026-11-22-kpis.md"]
    org = load_organization(root, today=dt.date(2026, 11, 24))
    assert not [d for d in org.diagnostics if d.severity.value == "error"]
    values = {k: [(r.date.isoformat(), r.value) for r in kpi.readings] for k, kpi in org.kpis.items.items()}
    assert values == {"product/activation": [("2026-11-21", 41.0)],
                      "sales/activation": [("2026-11-21", 52.0), ("2026-11-22", 55.5)],
                      "sales/pipeline": [("2026-11-21", 50.0)]}


def test_refused_rows_are_named_by_line_and_the_rest_is_written(tmp_path):
    root = _content(tmp_path)
    result = _run(root, "date,kpi,value\n"
                        "2026/11/21,product/activation,1\n"     # line 2: not ISO
                        "2026-11-21,activation,2\n"             # line 3: two units have it
                        "2026-11-21,product/nope,3\n"           # line 4
                        "2026-11-21,product/activation,\"4,1\"\n"  # line 5: not a number
                        "2026-12-05,product/activation,4\n"     # line 6: after today
                        "2026-11-21,product/activation,40\n"    # line 7: fine
                        "2026-11-21,product/activation,41\n",   # line 8: the same day twice
                  tmp_path)
    assert result.exit_code == 1
    refused = [line.split(":")[1] for line in result.output.splitlines() if "not imported" in line]
    assert refused == ["2", "3", "4", "5", "6", "8"]
    assert "sales, product" in result.output or "product, sales" in result.output
    assert (root / "logs/2026-Q4/product/2026-11-21-kpis.md").read_text(encoding="utf-8").count("activation: 40") == 1


def test_never_rewrites_a_file_and_refuses_a_day_that_has_a_value(tmp_path):
    root = _content(tmp_path)
    taken = root / "logs/2026-Q4/product/2026-11-21-kpis.md"
    taken.write_text("---\nauthor: tanaka\nkpis:\n  activation: 33\n---\nwritten by hand\n", encoding="utf-8")
    before = taken.read_bytes()
    result = _run(root, "date,kpi,value\n2026-11-21,product/activation,34\n", tmp_path)
    assert result.exit_code == 1 and "already has a value on 2026-11-21" in result.output
    (root / "kpis/product/second.md").write_text(KPI.replace("Active accounts", "Second"), encoding="utf-8")
    result = _run(root, "date,kpi,value\n2026-11-21,product/second,7\n", tmp_path)
    assert result.exit_code == 0, result.output
    assert taken.read_bytes() == before
    assert (root / "logs/2026-Q4/product/2026-11-21-kpis-2.md").is_file()


def test_a_csv_without_the_columns_is_a_usage_error(tmp_path):
    root = _content(tmp_path)
    result = _run(root, "day,metric,number\n2026-11-21,product/activation,1\n", tmp_path)
    assert result.exit_code == 2 and "date,kpi,value" in result.output
    assert not list(root.rglob("*-kpis*.md"))


# --- the CSV parser on any input (hypothesis) ----------------------------------------------------------


_CELL = st.one_of(st.text(max_size=12), st.sampled_from(["2026-11-21", "2026-02-30", "product/activation",
                                                         "activation", "41", "1e400", "nan", "-0", ""]))


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    return load_organization(_content(tmp_path_factory.mktemp("org")), today=dt.date(2026, 11, 24))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(_CELL, _CELL, _CELL), max_size=8))
def test_every_row_is_placed_or_refused_by_its_line(org, tmp_path, rows):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["date", "kpi", "value"])
    writer.writerows(rows)
    path = tmp_path / "any.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    try:
        read = read_rows(path)
    except KpiCsvError:
        return  # a usage error (e.g. text that is no CSV header): reported as such, never a traceback
    seen: set = set()
    lines = [line for line, _ in read]
    assert lines == sorted(set(lines))  # one result per row, by its own line
    for _, row in read:
        placed = _place(org, 0, row, seen)
        assert isinstance(placed, str) or (placed.kpi.key == "product/activation" and placed.value == placed.value)
