"""Where commit and stretch may lie: baseline < commit ≤ target < stretch, in the KR's direction
(scoring/brackets.py). `okrsite check` (OKR306) and `okrsite new period` (which drops a commit
the new baseline has caught up with) must give the same answer; before, a commit equal to the
baseline passed the check but was dropped when carried.
"""

from __future__ import annotations

import datetime as dt

import pytest

from okrsite.lifecycle import start_period
from okrsite.scoring.brackets import commit_fits, stretch_fits

from .orgs import objective, org_from, write


@pytest.mark.parametrize("commit, baseline, target, direction, fits", [
    (60, 50, 70, "increase", True),
    (70, 50, 70, "increase", True),     # committing to the whole target
    (50, 50, 70, "increase", False),    # promises nothing: already kept at the start
    (45, 50, 70, "increase", False),    # behind the baseline
    (71, 50, 70, "increase", False),    # beyond the target: that is a stretch
    (15, 20, 10, "decrease", True),
    (10, 20, 10, "decrease", True),
    (20, 20, 10, "decrease", False),
    (9, 20, 10, "decrease", False),
    (21, 20, 10, "decrease", False),
    (80, None, 100, "increase", True),  # baseline not measured yet: only the target bounds it
    (101, None, 100, "increase", False),
])
def test_commit_fits(commit, baseline, target, direction, fits):
    assert commit_fits(commit, baseline, target, direction) is fits


@pytest.mark.parametrize("stretch, target, direction, fits", [
    (80, 70, "increase", True), (70, 70, "increase", False), (60, 70, "increase", False),
    (5, 10, "decrease", True), (10, 10, "decrease", False), (15, 10, "decrease", False),
])
def test_stretch_fits(stretch, target, direction, fits):
    assert stretch_fits(stretch, target, direction) is fits


def _okr306(tmp_path, kr: str) -> list[str]:
    org = org_from(tmp_path, objective(kr))
    return [d.message for d in org.diagnostics if d.code == "OKR306"]


@pytest.mark.parametrize("kr, messages", [
    ("  - {id: k, title: K, baseline: 50, target: 70, commit: 60, stretch: 80}\n", []),
    ("  - {id: k, title: K, baseline: 50, target: 70, commit: 70}\n", []),
    ("  - {id: k, title: K, baseline: 50, target: 70, commit: 50}\n",
     ["commit 50 is not between baseline and target (50 → 70)"]),
    ("  - {id: k, title: K, baseline: 20, target: 10, commit: 20, stretch: 10}\n",
     ["commit 20 is not between baseline and target (20 → 10)",
      "stretch 10 does not go beyond the target 10"]),
])
def test_check_reports_commit_and_stretch_out_of_order(tmp_path, kr, messages):
    assert _okr306(tmp_path, kr) == messages


def test_carrying_uses_the_same_brackets(tmp_path):
    """The new baseline is the last value, 60: a commit of 60 is kept no more, 65 still is."""
    root = write(tmp_path, {
        "okrsite.yml": "language: en\n",
        "okrs/2026-Q4/product/o.md": "---\ntitle: O\nowner: pm\nkey_results:\n"
                                     "  - {id: a, title: A, baseline: 50, target: 70, commit: 60, stretch: 80}\n"
                                     "  - {id: b, title: B, baseline: 50, target: 70, commit: 65}\n---\n",
        "logs/2026-Q4/product/2026-12-20.md": "---\nauthor: pm\nupdates:\n  a: 60\n  b: 60\n---\n",
        "retros/2026-Q4/product.md": "---\ncarry_forward:\n  - {ref: o, action: continue}\n---\n",
    })
    out = start_period(root, "2027-Q1", None, dt.date(2027, 1, 2))
    assert out.written == ["okrs/2027-Q1/product/o.md"]
    text = (root / out.written[0]).read_text(encoding="utf-8")
    a, b = text.split("- id: b")
    assert "commit: 60" not in a and "# commit 60 left out" in a
    assert "stretch: 80" in a
    assert "commit: 65" in b
