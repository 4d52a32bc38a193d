"""`okrsite diff` beyond the scripted pull request (tests/test_diff_workflow.py): the sides it
refuses with exit 2, what it says of removed and renamed things, JSON, escaping, and how problems
are matched across the two sides."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrsite.review.diff import Problem, new_problems
from okrsite.text.escape import markdown_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content"
ENGLISH = ROOT / "examples" / "lumen-foundation" / "content"
TODAY = "2026-11-28"


def okrsite(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "okrsite", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                   check=True, capture_output=True)


@pytest.fixture
def sides(tmp_path) -> tuple[Path, Path]:
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(SAMPLE, base)
    shutil.copytree(SAMPLE, head)
    return base, head


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- refused sides: a message and exit 2, never a traceback ------------------------------------

def _refused(done: subprocess.CompletedProcess, words: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert words in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert done.stdout == ""


def test_a_bad_ref(tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "content")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "base")
    _refused(okrsite("diff", "no-such-branch", cwd=tmp_path), "'no-such-branch' is not a commit")
    _refused(okrsite("diff", "--", "-x", cwd=tmp_path), "'-x' is not a git ref")


def test_unrelated_histories(tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "content")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "one")
    _git(tmp_path, "checkout", "-q", "--orphan", "other")
    _git(tmp_path, "commit", "-qm", "two")
    _refused(okrsite("diff", "main", "other", cwd=tmp_path), "share no history")


def test_not_a_repository_and_a_lone_directory(tmp_path, sides):
    base, _head = sides
    _refused(okrsite("diff", "main", "--content", str(base), cwd=tmp_path), "not inside a git repository")
    _refused(okrsite("diff", str(base)), "give a second directory")


def test_a_base_without_content_adds_everything(tmp_path):
    """The first pull request of a company: main has no content/ yet."""
    (tmp_path / "README.md").write_text("x\n", encoding="utf-8")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "empty")
    shutil.copytree(SAMPLE, tmp_path / "content")
    done = okrsite("diff", "main", "--format", "json", "--today", TODAY, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["head"] == "working tree" and data["prefix"] == "content/"
    added = {i["qid"] for i in data["items"] if i["action"] == "added" and i["kind"] == "objective"}
    assert {"2026-Q4/product/self-serve", "2026-Q3/product/activation"} <= added
    assert all(i["action"] == "added" for i in data["items"])


# --- what the comment says ---------------------------------------------------------------------

def test_nothing_changed_says_so_in_the_organizations_language(sides):
    base, head = sides
    done = okrsite("diff", str(base), str(head), "--today", TODAY)
    assert done.returncode == 0
    assert done.stdout.splitlines()[:1] == ["<!-- okrsite-diff -->"]
    assert "この変更はOKRを変えません。" in done.stdout
    english = okrsite("diff", str(ENGLISH), str(ENGLISH), "--today", "2026-12-10")
    assert "This change does not change the OKRs." in english.stdout


def test_a_removed_objective_and_an_edited_title_escaped(sides):
    base, head = sides
    (head / "okrs/2026-Q4/product/insight-to-action.md").unlink()
    _replace(head / "okrs/2026-Q4/product/self-serve.md", "    title: 初期離脱率\n",
             "    title: \"初期離脱率 [詳細](https://evil.example) | @product-team\"\n")
    done = okrsite("diff", str(base), str(head), "--today", TODAY)
    assert done.returncode == 0, done.stderr
    assert ("- ➖ 目標を削除: **サーベイ結果を現場マネージャーの行動につなげる** "
            "(`2026-Q4/product/insight-to-action`)") in done.stdout
    line = next(x for x in done.stdout.splitlines() if "early-churn" in x and "主要な結果を変更" in x)
    assert "\\[詳細\\](https://evil.example) \\| @\u2060product-team" in line  # no link, no cell break, no ping
    assert "`title`" in line


def test_json_has_every_section_with_values_as_written(sides):
    base, head = sides
    _replace(head / "okrs/2026-Q4/product/self-serve.md", "    baseline: 50\n    target: 70\n",
             "    baseline: 50\n    target: 75\n")
    done = okrsite("diff", str(base), str(head), "--format", "json", "--today", TODAY)
    data = json.loads(done.stdout)
    assert set(data) >= {"items", "check_ins", "targets", "scores", "problems", "fixed", "empty"}
    [target] = data["targets"]
    assert target == {"qid": "2026-Q4/product/self-serve/week1-active", "title": "導入後1週間以内のアクティブ率",
                      "field": "target", "old": 70, "new": 75, "reason": None, "reason_recorded": False,
                      "record": None}


def test_a_plan_edited_before_its_period_starts_is_not_a_mid_period_change(sides):
    base, head = sides
    _replace(head / "okrs/2026-Q4/product/self-serve.md", "    baseline: 50\n    target: 70\n",
             "    baseline: 50\n    target: 75\n")
    done = okrsite("diff", str(base), str(head), "--format", "json", "--today", "2026-09-20")
    data = json.loads(done.stdout)
    assert data["targets"] == []
    assert [f["field"] for i in data["items"] for f in i["fields"]] == ["target"]


def test_a_retrospective_grade_is_a_score_change(sides):
    base, head = sides
    retro = head / "retros/2026-Q3/product.md"
    text = retro.read_text(encoding="utf-8")
    assert "scores:" in text
    done_before = json.loads(okrsite("diff", str(base), str(head), "--format", "json", "--today", TODAY).stdout)
    assert done_before["scores"] == []
    retro.unlink()  # the team's grades of Q3 gone: the scores fall back to the computed ones
    data = json.loads(okrsite("diff", str(base), str(head), "--format", "json", "--today", TODAY).stdout)
    assert data["scores"], data
    assert all(s["qid"].startswith("2026-Q3/product/") for s in data["scores"])


# --- matching problems across the sides ----------------------------------------------------------

def _p(code: str, file: str, message: str, line: int) -> Problem:
    return Problem(code, "warning", message, file, line, 1)


def test_a_problem_that_only_moved_is_not_new():
    base = [_p("OKR502", "okrs/a.md", "only 1 key result", 5)]
    head = [_p("OKR502", "okrs/a.md", "only 1 key result", 9)]
    assert new_problems(base, head) == ([], 0)


def test_repeats_count_and_fixed_problems_are_counted():
    one = _p("OKR205", "logs/x.md", "`k` is not a key result", 3)
    again = _p("OKR205", "logs/x.md", "`k` is not a key result", 7)
    other_file = _p("OKR205", "logs/y.md", "`k` is not a key result", 3)
    gone = _p("OKR510", "okrs/a.md", "owner `x` names no unit", 2)
    introduced, fixed = new_problems([one, gone], [one, again, other_file])
    assert introduced == [again, other_file] and fixed == 1


# --- escaping contributors' text for the comment ---------------------------------------------------

SPECIAL = set("\\`*_[]<>|~&")


@given(st.text())
def test_markdown_text_leaves_no_markdown_character_unescaped_and_pings_nobody(text):
    out = markdown_text(text)
    assert "\n" not in out
    unescaped = re.sub(r"\\.", "", out)  # CommonMark: a backslash makes any ASCII punctuation literal
    assert not SPECIAL & set(unescaped), out
    assert all(out[i + 1] == "\u2060" for i, c in enumerate(out) if c == "@")
