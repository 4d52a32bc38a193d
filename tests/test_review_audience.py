"""`okrsite remind` and `okrsite diff` say only what their audience may read (docs/audiences.md): a
reminder posted to a chat channel, or a diff comment read outside the team, never names a
confidential objective's key results unless asked for that audience."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content"
SECRET = "content/okrs/2026-Q4/engineering/enterprise-ready.md"
TODAY = "2026-12-28"  # late in 2026-Q4: the sample's KRs are quiet long enough to be stale


def okrsite(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "okrsite", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def _confidential(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\nvisibility: confidential\n", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("audience")
    shutil.copytree(SAMPLE, root / "content")
    _confidential(root / SECRET)
    return root


def _stale(root: Path, *audience: str) -> set[str]:
    run = okrsite("remind", "content", "--format", "json", "--today", TODAY, *audience, cwd=root)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    return {kr["qid"] for o in data["owners"] for u in o["units"] for kr in u["key_results"]}


def test_remind_leaves_out_a_confidential_objective_unless_asked(repo):
    secret = {q for q in _stale(repo, "--audience", "confidential") if "/enterprise-ready/" in q}
    assert secret, "the guard: the confidential objective has stale KRs a confidential reminder names"
    assert not {q for q in _stale(repo) if "/enterprise-ready/" in q}
    assert not {q for q in _stale(repo, "--audience", "public") if "/enterprise-ready/" in q}


def test_diff_shows_a_confidential_objective_only_to_its_audience(repo, tmp_path):
    base = tmp_path / "base"
    shutil.copytree(repo / "content", base)
    (base / "okrs/2026-Q4/engineering/enterprise-ready.md").unlink()
    head = repo / "content"
    title = "大企業のセキュリティ審査に一度で通るプロダクトにする"
    internal = okrsite("diff", str(base), str(head), "--today", TODAY, cwd=repo)
    confidential = okrsite("diff", str(base), str(head), "--today", TODAY, "--audience", "confidential", cwd=repo)
    assert internal.returncode == 0 and confidential.returncode == 0, internal.stderr + confidential.stderr
    assert title in confidential.stdout
    assert title not in internal.stdout and "soc2-report" not in internal.stdout
