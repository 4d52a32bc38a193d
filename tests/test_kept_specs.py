"""The chart kinds' templates kept between builds (charts/kept_specs.py, issue 15): a build whose
templates are kept never imports Altair, and makes the very specs a build with Altair makes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from .conftest import CONTENT, ROOT, TODAY

SPECS = textwrap.dedent(f"""
    import datetime as dt, json, sys
    from okrsite.charts.catalog import all_charts
    from okrsite.resolve.pipeline import load_organization
    from okrsite.site.view import SiteView
    org = load_organization({str(CONTENT)!r}, dt.date.fromisoformat({TODAY.isoformat()!r}))
    specs = {{c.id: c.spec for lang in ("ja", "en") for c in all_charts(SiteView(org, lang))}}
    print(json.dumps({{"altair": "altair" in sys.modules, "specs": specs}}, sort_keys=True))
""")


def _specs(cache_home) -> dict:
    env = {**os.environ, "OKRSITE_CACHE_DIR": str(cache_home)}
    out = subprocess.run([sys.executable, "-c", SPECS], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True, timeout=300).stdout
    return json.loads(out)


def test_a_second_build_takes_its_templates_kept_and_never_imports_altair(tmp_path):
    first, second = _specs(tmp_path / "home"), _specs(tmp_path / "home")
    assert first["altair"] and not second["altair"]
    assert len(first["specs"]) > 50 and second["specs"] == first["specs"]
    kept = list((tmp_path / "home" / "specs").glob("*.json"))
    assert len(kept) == 1
    kept[0].write_text('{"broken', encoding="utf-8")  # a damaged file: built again, the same
    third = _specs(tmp_path / "home")
    assert third["altair"] and third["specs"] == first["specs"]


def test_templates_are_kept_only_in_a_folder_the_user_alone_can_write(tmp_path):
    home = tmp_path / "home"
    (home / "specs").mkdir(parents=True)
    os.chmod(home / "specs", 0o777)  # others could plant what goes into every chart
    first, second = _specs(home), _specs(home)
    assert first["altair"] and second["altair"] and second["specs"] == first["specs"]
    assert list((home / "specs").iterdir()) == []


def test_the_kept_file_follows_okrsites_code_and_altairs_version(tmp_path, monkeypatch):
    from okrsite.charts import kept_specs

    monkeypatch.setenv("OKRSITE_CACHE_DIR", str(tmp_path))
    names = []
    for version in ("6.0.0", "6.0.0", "6.1.0"):
        monkeypatch.setattr(kept_specs, "_file", [])
        monkeypatch.setattr(kept_specs, "_altair_version", lambda v=version: v)
        names.append(kept_specs._path().name)
    assert names[0] == names[1] != names[2]
    from okrsite import cachedirs

    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text("A = 1\n")
    monkeypatch.setattr(cachedirs, "_PACKAGE", package)
    monkeypatch.setattr(kept_specs, "_file", [])
    assert kept_specs._path().name != names[0]  # other code: another file
