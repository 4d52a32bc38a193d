"""`okrsite new objective|checkin|unit` (issue 11): each writes one file that `okrsite check` accepts,
in today's period by default, never overwriting; the check-in lists the unit's KRs with their last
values as comments, so an unedited file records nothing and an uncommented one records them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from okrsite.cli import main
from okrsite.resolve.pipeline import load_organization

from .orgs import write

TODAY = "2026-11-24"
COMPANY = ("---\ntitle: Grow the company\nowner: ceo\ntype: aspirational\nkey_results:\n"
           "  - {id: arr, title: ARR, baseline: 0, target: 10}\n  - {id: nrr, title: NRR, baseline: 100, target: 110}\n"
           "---\n")
PRODUCT = ("---\ntitle: Self-serve\nowner: pm\ntype: aspirational\nkey_results:\n"
           "  - {id: signups, title: Weekly signups, baseline: 10, target: 50}\n"
           "  - {id: launch, title: Launch the wizard, kind: boolean}\n"
           "  - id: beta\n    title: Beta\n    kind: milestones\n    steps: [{id: a, title: A}, {id: b, title: B}]\n"
           "---\n")
# written by hand: the last values new checkin must offer (signups 31 of 11-20, not 25 of 11-10)
LOGS = {"logs/2026-Q4/product/2026-11-10.md": "---\nauthor: pm\nupdates:\n  signups: 25\n---\n",
        "logs/2026-Q4/product/2026-11-20.md":
            "---\nauthor: pm\nupdates:\n  signups: {value: 31, confidence: 0.7}\n  beta: [a]\n---\n"}


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    root = write(tmp_path / "content", {"okrsite.yml": "language: en\n", "okrs/2026-Q4/acme/grow.md": COMPANY,
                                        "okrs/2026-Q4/product/self-serve.md": PRODUCT, **LOGS})
    monkeypatch.chdir(tmp_path)
    return root


def new(*args: str):
    return CliRunner().invoke(main, ["new", *args, "--today", TODAY])


def errors(root: Path) -> list[str]:
    org = load_organization(root, dt.date.fromisoformat(TODAY))
    return [f"{d.location}: {d.code} {d.message}" for d in org.diagnostics if d.severity.value == "error"]


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1]) or {}


def uncomment(text: str) -> str:
    """What the contributor does: remove the "# " before `updates:` and the KR lines."""
    return re.sub(r"^# (updates:|  [a-z0-9][\w-]*: )", r"\1", text, flags=re.M)


def test_checkin_lists_the_krs_with_their_last_values_as_comments(content):
    result = new("checkin", "product", "--author", "pm")
    assert result.exit_code == 0, result.output
    path = content / "logs/2026-Q4/product/2026-11-24.md"
    unedited = path.read_text(encoding="utf-8")
    assert "updates" not in front(path) and errors(content) == []  # nothing recorded until edited
    path.write_text(uncomment(unedited), encoding="utf-8")
    assert errors(content) == []
    assert front(path)["updates"] == {"signups": {"value": 31, "confidence": 0.7}, "launch": {"value": False},
                                      "beta": {"value": ["a"]}}
    assert "Weekly signups (last value: 2026-11-20)" in unedited
    assert "Launch the wizard (no value yet: the baseline)" in unedited


def test_checkin_never_overwrites(content):
    assert new("checkin", "product", "--author", "pm").exit_code == 0
    path = content / "logs/2026-Q4/product/2026-11-24.md"
    path.write_text("mine", encoding="utf-8")
    again = new("checkin", "product", "--author", "pm")
    assert again.exit_code == 2 and "never overwrites" in again.output
    assert path.read_text(encoding="utf-8") == "mine"


def test_checkin_needs_a_unit_with_objectives_and_an_author(content):
    assert "no unit `nope`" in new("checkin", "nope", "--author", "pm").output
    assert "has no objectives in 2026-Q3" in new("checkin", "product", "--author", "pm", "--date", "2026-08-03").output
    result = new("checkin", "product")
    assert result.exit_code == 2 and "--author" in result.output  # product names no owner


def test_objective_in_the_current_period_passes_check(content):
    result = new("objective", "product", "activation", "--title", "Activate teams", "--kr", "Teams active",
                 "--kr", "Invites sent", "--kr", "Setup time")
    assert result.exit_code == 0, result.output
    path = content / "okrs/2026-Q4/product/activation.md"
    fm = front(path)
    assert fm["title"] == "Activate teams" and fm["type"] == "aspirational"
    assert [kr["title"] for kr in fm["key_results"]] == ["Teams active", "Invites sent", "Setup time"]
    assert errors(content) == []
    # the alignment hint names the company's objective: uncommented, it is a valid reference
    text = path.read_text(encoding="utf-8")
    assert "# aligns_to: acme/grow" in text
    path.write_text(text.replace("# aligns_to: acme/grow", "aligns_to: acme/grow"), encoding="utf-8")
    assert front(path)["aligns_to"] == "acme/grow" and errors(content) == []


def test_objective_in_another_period_and_with_placeholders(content):
    result = new("objective", "product", "next", "--title", "Next", "--period", "2027-Q1")
    assert result.exit_code == 0, result.output
    fm = front(content / "okrs/2027-Q1/product/next.md")
    assert len(fm["key_results"]) == 2 and errors(content) == []
    assert new("objective", "product", "Bad Slug", "--title", "x").exit_code == 2
    assert new("objective", "product", "next", "--title", "x", "--period", "2027-Q9").exit_code == 2


def test_unit_under_the_root_passes_check(content):
    result = new("unit", "design", "--name", "Design")
    assert result.exit_code == 0, result.output
    assert front(content / "units/design.md") == {"name": "Design", "kind": "team", "parent": "acme"}
    assert errors(content) == []
    assert new("unit", "design", "--name", "Again").exit_code == 2  # exists
    assert "no unit `ghost`" in new("unit", "ux", "--name", "UX", "--parent", "ghost").output
