"""The pull-request workflow's own steps, run locally on a scripted pull request against a copy of
the sample in a temporary git repository: a new check-in, a target changed with and without a
change record, a new objective and one introduced error. The expected comment lines are written
by hand from the sample's files (progress = (value - baseline) / (target - baseline))."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "okrsite" / "scaffold" / "github" / "workflows" / "okr-pull-request.yml"
TODAY = "2026-11-28"

CHECK_IN = """---
date: 2026-11-27
author: tanaka-yui
updates:
  manager-wau: {value: 1700, confidence: 0.6}
  week1-active: 66
  week1-activ: 64
changes:
  - key_result: early-churn
    field: target
    from: 10
    to: 12
    reason: 解約の定義から契約不成立を除いたため
---
"""
NEW_OBJECTIVE = """---
title: 外部連携APIを公開する
owner: tanaka-yui
type: committed
key_results:
  - id: api-partners
    title: API連携パートナー数
    kind: metric
    baseline: 0
    target: 5
    unit: 社
    owner: tanaka-yui
    due: 2026-12-25
  - id: api-docs
    title: APIリファレンスの公開
    kind: boolean
    owner: tanaka-yui
    due: 2026-12-18
initiatives:
  - title: パートナー向けサンドボックス
    key_results: [api-partners, api-docs]
    status: in-progress
    owner: tanaka-yui
---
"""


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory) -> Path:
    """A company repository (content/ only) with main, a pull request branch checked out, and
    origin/main as actions/checkout with fetch-depth 0 leaves it."""
    repo = tmp_path_factory.mktemp("company")
    shutil.copytree(ROOT / "content", repo / "content")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base")
    _git(repo, "update-ref", "refs/remotes/origin/main", "main")
    _git(repo, "checkout", "-q", "-b", "okr-update")
    content = repo / "content"
    (content / "logs/2026-Q4/product/2026-11-27.md").write_text(CHECK_IN, encoding="utf-8")
    (content / "okrs/2026-Q4/product/api-platform.md").write_text(NEW_OBJECTIVE, encoding="utf-8")
    _edit(content / "okrs/2026-Q4/product/insight-to-action.md", "    target: 2000\n", "    target: 1800\n")
    _edit(content / "okrs/2026-Q4/product/self-serve.md", "    baseline: 20\n    target: 10\n",
          "    baseline: 20\n    target: 12\n")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "okr update")
    return repo


def _step(step_id: str) -> dict:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return next(s for s in workflow["jobs"]["check"]["steps"] if s.get("id") == step_id)


def _run_step(repo: Path, step_id: str) -> subprocess.CompletedProcess:
    """The step's script as the runner runs it (bash -e), with okrsite from this checkout."""
    step = _step(step_id)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "OKRSITE_TODAY": TODAY, "GITHUB_STEP_SUMMARY": str(repo / "summary.md")}
    env.update({k: "main" for k, v in step.get("env", {}).items() if "base_ref" in str(v)})
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def comment(pull_request) -> str:
    done = _run_step(pull_request, "diff")
    assert done.returncode == 0, done.stderr
    return (pull_request / "okrsite-diff.md").read_text(encoding="utf-8")


def test_the_check_step_fails_on_the_introduced_error(pull_request):
    done = _run_step(pull_request, "check")
    assert done.returncode == 1
    assert "::error file=content/logs/2026-Q4/product/2026-11-27.md" in done.stdout
    assert "OKR205" in done.stdout


def test_the_comment_starts_with_the_marker_the_workflow_updates_it_by(comment):
    assert comment.startswith("<!-- okrsite-diff -->\n")
    assert "<!-- okrsite-diff -->" in _step("comment")["run"]


def test_the_new_objective_and_its_key_results(comment):
    assert "- ➕ 目標を追加: **外部連携APIを公開する** (`2026-Q4/product/api-platform`)" in comment
    assert "- ➕ 主要な結果を追加: **API連携パートナー数** (`2026-Q4/product/api-platform/api-partners`)" in comment
    assert "- ➕ 主要な結果を追加: **APIリファレンスの公開** (`2026-Q4/product/api-platform/api-docs`)" in comment


def test_the_edited_targets(comment):
    assert ("- ✏️ 主要な結果を変更: **マネージャー向けダッシュボードの週次利用者数** "
            "(`2026-Q4/product/insight-to-action/manager-wau`) — `target` `2000` → `1800`") in comment
    assert "(`2026-Q4/product/self-serve/early-churn`) — `target` `10` → `12`" in comment


def _row(comment: str, qid: str) -> list[str]:
    line = next(x for x in comment.splitlines() if x.startswith("| ") and f"(`{qid}`)" in x)
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_the_check_in_rows_show_value_and_progress_before_and_after(comment):
    # manager-wau: baseline 900; 1550 of target 2000 = 59%, then 1700 of the new target 1800 = 89%
    wau = _row(comment, "2026-Q4/product/insight-to-action/manager-wau")
    assert wau[1:3] == ["1,550人 → 1,700人", "59% → 89%"]
    # week1-active: baseline 50, target 70: 63 = 65%, 66 = 80%
    active = _row(comment, "2026-Q4/product/self-serve/week1-active")
    assert active[1:3] == ["63% → 66%", "65% → 80%"]
    # early-churn has no new check-in: it is not a row (its target change is listed below)
    assert "(`2026-Q4/product/self-serve/early-churn`) |" not in comment


def test_targets_changed_mid_period_with_and_without_their_reason(comment):
    section = comment.split("#### 期中に変わった目標値", 1)[1].split("####", 1)[0]
    wau = next(x for x in section.splitlines() if "manager-wau" in x)
    assert "`target` `2000` → `1800`" in wau and "理由の記録がありません" in wau
    churn = next(x for x in section.splitlines() if "early-churn" in x)
    assert "理由: 解約の定義から契約不成立を除いたため" in churn
    assert "`content/logs/2026-Q4/product/2026-11-27.md`" in churn


def test_only_the_problems_the_change_introduces(comment):
    section = comment.split("#### この変更で増える問題", 1)[1]
    problems = [x for x in section.splitlines() if x.startswith("- ")]
    error = [x for x in problems if x.startswith("- ❌")]
    assert len(error) == 1 and "**OKR205**" in error[0] and "week1-activ" in error[0]
    assert "`content/logs/2026-Q4/product/2026-11-27.md:" in error[0]
    touched = ("content/logs/2026-Q4/product/2026-11-27.md", "content/okrs/2026-Q4/product/api-platform.md",
               "content/okrs/2026-Q4/product/insight-to-action.md", "content/okrs/2026-Q4/product/self-serve.md")
    assert all(any(f"`{path}" in x for path in touched) for x in problems), problems


def test_the_base_problems_are_not_repeated(pull_request):
    """Problems main already has (on 2026-12-20: stale KRs of units the change does not touch) stay
    out of the comment, though `okrsite check` of the branch reports them."""
    done = subprocess.run([sys.executable, "-m", "okrsite", "check", "content", "--today", "2026-12-20"],
                          cwd=pull_request, capture_output=True, text=True)
    assert "content/okrs/2026-Q4/company/enterprise-trust.md:7:9: warning OKR509" in done.stdout
    env = {**os.environ, "OKRSITE_TODAY": "2026-12-20"}
    diff = subprocess.run([sys.executable, "-m", "okrsite", "diff", "origin/main", "HEAD"], cwd=pull_request,
                          env=env, capture_output=True, text=True)
    assert diff.returncode == 0, diff.stderr
    assert "**OKR205**" in diff.stdout
    assert "enterprise-trust" not in diff.stdout and "company/" not in diff.stdout


def _site_step(step_id: str) -> dict:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return next(s for s in workflow["jobs"]["site"]["steps"] if s.get("id") == step_id)


def test_the_site_build_step_fails_on_the_error_and_passes_once_it_is_fixed(pull_request, tmp_path):
    """The site job's `mkdocs build --strict`, as the workflow writes it, on the pull request (a
    small mkdocs.yml over the sample's content, the tests' shared chart cache)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from sitebuild import small_project

    repo = tmp_path / "repo"
    shutil.copytree(pull_request, repo)
    small_project(repo, "OKR", lang="ja")
    script = _site_step("build")["run"]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "OKRSITE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    failed = subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert failed.returncode == 1 and "OKR205" in failed.stderr + failed.stdout
    _edit(repo / "content/logs/2026-Q4/product/2026-11-27.md", "  week1-activ: 64\n", "")
    built = subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr[-2000:]
    assert (repo / "site/okrs/2026-Q4/product/api-platform/index.html").is_file()
