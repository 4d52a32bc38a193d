"""`okrsite check` given files and directories inside the content (issue 11): the content directory
is found by walking up, the whole organization is checked (references to other units resolve),
`--only-given` reports only the given files, and a directory with an error never prints "ok"."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from okrsite.cli import main

from .orgs import write

GOOD = ("---\ntitle: Grow\nowner: pm\ntype: aspirational\naligns_to: acme/revenue/arr\nkey_results:\n"
        "  - {id: signups, title: Signups, baseline: 0, target: 10}\n"
        "  - {id: churn, title: Churn, baseline: 9, target: 3}\n---\n")
COMPANY = ("---\ntitle: Revenue\nowner: ceo\ntype: aspirational\nkey_results:\n"
           "  - {id: arr, title: ARR, baseline: 0, target: 10}\n"
           "  - {id: nrr, title: NRR, baseline: 100, target: 110}\n---\n")
BROKEN = "---\ntitle: Broken\nowner: pm\ntype: aspirational\nkey_results:\n  - {id: x, title: X, kind: nonsense}\n---\n"
TODAY = "2026-10-02"  # two days into 2026-Q4: nothing is stale yet


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    root = write(tmp_path / "content", {
        "okrsite.yml": "language: en\n",
        "okrs/2026-Q4/acme/revenue.md": COMPANY,
        "okrs/2026-Q4/product/grow.md": GOOD,
        "okrs/2026-Q4/product/broken.md": BROKEN,
    })
    monkeypatch.chdir(tmp_path)
    return root


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--today", TODAY, "--no-color", *args])


def codes_by_file(output: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in output.splitlines():
        if ": error " in line or ": warning " in line:
            where, rest = line.split(": ", 1)
            out.setdefault(where.split(":")[0], set()).add(rest.split()[1].rstrip(":"))
    return out


def test_a_directory_of_objectives_with_an_error_is_not_ok(content):
    result = run("content/okrs")
    assert result.exit_code == 1
    assert "ok:" not in result.output
    assert "content/okrs/2026-Q4/product/broken.md" in codes_by_file(result.output)


def test_a_file_argument_is_accepted_and_the_whole_organization_is_checked(content):
    result = run("content/okrs/2026-Q4/product/grow.md")
    assert result.exit_code == 1  # broken.md is part of the same organization
    assert set(codes_by_file(result.output)) == {"content/okrs/2026-Q4/product/broken.md"}


def test_only_given_reports_only_the_given_files_with_references_resolved(content):
    result = run("--only-given", "content/okrs/2026-Q4/product/grow.md")
    assert result.exit_code == 0, result.output
    # its aligns_to names the company's KR in another folder: found, because the organization is whole
    assert result.output.strip() == "ok: 1 file checked, no problems"
    result = run("--only-given", "content/okrs/2026-Q4/product/grow.md", "content/okrs/2026-Q4/product/broken.md")
    assert result.exit_code == 1
    assert set(codes_by_file(result.output)) == {"content/okrs/2026-Q4/product/broken.md"}
    assert "(2 files checked)" in result.output


def test_only_given_still_sees_a_broken_reference_in_the_given_file(content):
    (content / "okrs/2026-Q4/product/grow.md").write_text(GOOD.replace("acme/revenue/arr", "acme/revenue/nope"))
    result = run("--only-given", "content/okrs/2026-Q4/product/grow.md")
    assert result.exit_code == 1
    assert list(codes_by_file(result.output)) == ["content/okrs/2026-Q4/product/grow.md"]


def test_a_directory_inside_the_content_and_the_default(content):
    os.chdir(content / "okrs" / "2026-Q4")
    inside = run("--only-given", "product", "--format", "json")
    assert inside.exit_code == 1
    assert {Path(d["file"]).name for d in _json(inside.output)} == {"broken.md"}
    os.chdir(content.parent)
    assert run().exit_code == 1  # no argument: ./content


def _json(text: str) -> list[dict]:
    import json

    return json.loads(text)["diagnostics"]
