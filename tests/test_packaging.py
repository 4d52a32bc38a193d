"""Packaging (issue 11): the wheel a company installs carries the licence, the metadata PyPI shows
(SPDX licence expression, valid classifiers incl. Framework :: MkDocs, project URLs, the README),
one version everywhere, and every package-data file `okrsite init` and the site need."""

from __future__ import annotations

import email
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import okrsite

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    [path] = out.glob("okrsite-*.whl")
    return zipfile.ZipFile(path)


def _metadata(wheel: zipfile.ZipFile) -> email.message.Message:
    [name] = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return email.message_from_bytes(wheel.read(name))


def test_the_wheel_metadata_is_what_pypi_shows(wheel):
    import trove_classifiers

    meta = _metadata(wheel)
    assert meta["License-Expression"] == "MIT"
    assert meta["License-File"] == "LICENSE"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in wheel.namelist())
    classifiers = meta.get_all("Classifier")
    assert "Framework :: MkDocs" in classifiers
    assert [c for c in classifiers if c not in trove_classifiers.classifiers] == []
    assert not [c for c in classifiers if c.startswith("License ::")]  # superseded by the SPDX expression
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert {"Source", "Documentation", "Changelog", "Issues"} <= set(urls)
    assert meta["Description-Content-Type"] == "text/markdown"
    assert meta.get_payload().startswith("# okrsite")


def test_one_version_source(wheel):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    assert _metadata(wheel)["Version"] == okrsite.__version__
    shown = subprocess.run([sys.executable, "-m", "okrsite", "--version"], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == f"okrsite, version {okrsite.__version__}"
    assert f"## [{okrsite.__version__}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_the_wheel_ships_every_scaffold_template_and_asset(wheel):
    names = set(wheel.namelist())
    package = ROOT / "okrsite"
    for folder in ("scaffold", "site/templates", "site/assets"):
        files = [p for p in (package / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        assert files
        missing = [p.relative_to(ROOT).as_posix() for p in files if p.relative_to(ROOT).as_posix() not in names]
        assert missing == []


def test_checking_imports_none_of_the_site_dependencies():
    """`okrsite check` (the pull-request step) needs PyYAML, pydantic, click and Babel only: what keeps a
    light install possible (docs/performance.md)."""
    code = ("import sys\nfrom click.testing import CliRunner\nfrom okrsite.cli import main\n"
            "CliRunner().invoke(main, ['check', 'content'])\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))")
    loaded = set(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.split())
    assert "okrsite" in loaded and "pydantic" in loaded
    assert loaded & {"mkdocs", "material", "altair", "vl_convert", "jinja2", "markdown", "nh3"} == set()
