"""The documentation keeps up with the code: every field, setting, rule and command is documented."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from pydantic import BaseModel

from okrsite.diagnostics.rules import RULES, rules_markdown
from okrsite.source.documents import FILE_MODELS, InitiativeDoc, KeyResultDoc, StepDoc, UpdateDoc
from okrsite.source.settings import LintSettings, PeriodSettings, Settings

from .conftest import ROOT

DOCS = ROOT / "docs"


def _keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


@pytest.mark.parametrize("model", [*FILE_MODELS.values(), KeyResultDoc, InitiativeDoc, StepDoc, UpdateDoc],
                         ids=lambda m: m.__name__)
def test_every_front_matter_key_is_in_the_format_reference(model):
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    missing = [k for k in _keys(model) if f"`{k}`" not in text]
    assert not missing, f"docs/format.md does not document {missing} of {model.__name__}"


@pytest.mark.parametrize("model, prefix", [(Settings, ""), (PeriodSettings, "periods."), (LintSettings, "lint.")])
def test_every_setting_is_in_the_configuration_reference(model, prefix):
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    nested = {"periods", "lint"}  # documented key by key (the other parameters)
    missing = [k for k in _keys(model) if k not in nested and f"`{prefix}{k}`" not in text]
    assert not missing


def test_rule_reference_is_generated_from_the_catalogue():
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == rules_markdown(), \
        "run: okrsite rules --markdown > docs/rules.md"
    for code in RULES:
        assert f"### {code} " in rules_markdown()


def test_every_command_is_in_the_readme_and_in_help():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "okrsite", "--help"], capture_output=True, text=True, check=True)
    commands = re.findall(r"^  (\w[\w-]*)\s{2,}", out.stdout.split("Commands:")[1], re.M)
    assert commands
    for command in commands:
        assert f"okrsite {command}" in readme, command


def test_readme_starts_with_adopting_then_the_two_commands():
    """Issue 11: first what an adopting company runs, in order; then okrsite's own two commands."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    steps = ["pip install", "okrsite init", "okrsite check", "mkdocs build --strict", "make site", "make test"]
    at = [readme.find(step) for step in steps]
    assert -1 not in at and at == sorted(at) and at[-1] < 2500, dict(zip(steps, at, strict=True))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^site: ", makefile, re.M) and re.search(r"^test: ", makefile, re.M)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "OKRSITE_REQUIRE_BROWSER=1" in ci
