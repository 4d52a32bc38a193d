"""`okrsite schema`: the published JSON Schemas accept the sample content and reject mistakes,
judged by a standard validator (jsonschema), not by okrsite's own code."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
import yaml

from okrsite.source.paths import classify
from okrsite.source.repository import walk
from okrsite.source.yaml import plain, read_source

from .conftest import CONTENT, ROOT


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("schemas")
    subprocess.run([sys.executable, "-m", "okrsite", "schema", "--out", str(out), "--content", str(CONTENT)],
                   check=True, cwd=ROOT, capture_output=True)
    return {p.name.split(".")[0]: json.loads(p.read_text()) for p in out.glob("*.schema.json")}


def test_one_schema_per_file_kind(written):
    assert set(written) == {"unit", "objective", "log", "retro", "kpi", "config"}
    for schema in written.values():
        jsonschema.Draft202012Validator.check_schema(schema)


def _sample_files():
    for rel in walk(CONTENT):
        place = classify(rel)
        if place.kind in ("unit", "objective", "log", "retro"):
            yield rel, place.kind


def test_sample_content_validates_against_the_schemas(written):
    files = list(_sample_files())
    assert len(files) > 40, "the sample organization should be realistic"
    kinds = {kind for _, kind in files}
    assert kinds == {"unit", "objective", "log", "retro"}
    for rel, kind in files:
        src = read_source(rel, (CONTENT / rel).read_bytes())
        validator = jsonschema.Draft202012Validator(written[kind], format_checker=jsonschema.FormatChecker())
        errors = [f"{rel}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(plain(src.front.data))]
        assert not errors, errors


def test_sample_settings_validate_against_the_config_schema(written):
    data = yaml.safe_load((CONTENT / "okrsite.yml").read_text(encoding="utf-8"))
    jsonschema.validate(plain(data), written["config"])


@pytest.mark.parametrize("kind, data, path", [
    ("objective", {"title": "x", "owner": "a", "key_results": [{"id": "k", "title": "t", "basline": 1}]},
     "key_results/0"),
    ("objective", {"title": "x", "owner": "a", "type": "stretch", "key_results": []}, "type"),
    ("log", {"date": "2026/11/20", "author": "a"}, "date"),
    ("log", {"date": "2026-11-20", "author": "a", "updates": {"k": {"value": 1, "confidence": 7}}},
     "updates/k"),
    ("unit", {"name": "x", "kind": "tribe"}, "kind"),
    ("retro", {"scores": {"k": 2.5}}, "scores/k"),
])
def test_schemas_reject_the_mistakes_check_reports(written, kind, data, path):
    validator = jsonschema.Draft202012Validator(written[kind], format_checker=jsonschema.FormatChecker())
    errors = list(validator.iter_errors(data))
    assert errors
    assert any("/".join(map(str, e.absolute_path)).startswith(path) for e in errors), \
        [(list(e.absolute_path), e.message) for e in errors]


def test_schema_prints_one_kind_and_requires_a_kind_or_out():
    out = subprocess.run([sys.executable, "-m", "okrsite", "schema", "objective"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    assert "key_results" in json.loads(out.stdout)["properties"]
    bad = subprocess.run([sys.executable, "-m", "okrsite", "schema"], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2


def test_the_path_builders_write_what_classify_reads() -> None:
    """lifecycle, hints and pages build paths with source/paths.py: each must be read back as the
    file kind, unit, period, slug and date it was built from."""
    import datetime as dt

    from okrsite.source.paths import checkin_dir, checkin_path, objective_path, retro_path, unit_path

    day = dt.date(2026, 11, 20)
    cases = [
        (unit_path("product"), ("unit", "product", "", "", None)),
        (objective_path("2026-Q4", "product", "self-serve"), ("objective", "product", "2026-Q4", "self-serve", None)),
        (checkin_path("2026-Q4", "product", day), ("log", "product", "2026-Q4", "", day)),
        (checkin_path("2026-Q4", "product", day, "review"), ("log", "product", "2026-Q4", "review", day)),
        (retro_path("2026-Q4", "product"), ("retro", "product", "2026-Q4", "", None)),
    ]
    for rel, (kind, unit, period, slug, date) in cases:
        place = classify(rel)
        assert (place.kind, place.unit, place.period, place.slug, place.date, place.problem) == \
            (kind, unit, period, slug, date, ""), rel
    assert checkin_path("2026-Q4", "product", day).startswith(checkin_dir("2026-Q4", "product"))
