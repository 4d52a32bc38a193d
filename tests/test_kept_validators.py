"""The pydantic validators the parse cache keeps (okrsite/source/validators.py): a pull request's
check validates the file it changed with the kept validator, building none, and reports exactly
what a check without any cache does; a kept validator that cannot be read is built again."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

from okrsite.source import validators
from okrsite.source.documents import LogDoc
from okrsite.source.parse_cache import ParseCache

from .test_corpus import BASE
from .test_parse_cache import TODAY, reported

# a check-in a pull request adds: one good update, one of a KR the unit lacks, a key no check-in
# has and a confidence out of range (validation salvages the rest: validate() runs twice)
ADDED = """---
date: 2026-11-20
author: ito
updates:
  trial-active: {value: 40, confidence: 7}
  no-such-kr: 3
mood: fine
---
"""
PROBE = ("import sys\nfrom okrsite.cli import main\n"
         "try:\n    main(['check', '--format', 'json', *sys.argv[1:]])\nexcept SystemExit:\n    pass\n"
         "from okrsite.source.documents import LogDoc\nprint(LogDoc.__pydantic_complete__)")


def _new_process(monkeypatch) -> None:
    """validators' registry as a new process starts with it: nothing offered, used or built."""
    for registry in ("_offered", "_in_use", "_built"):
        monkeypatch.setattr(validators, registry, {})


def _check(root: Path, cache: Path, *args: str) -> tuple[dict, str]:
    """`okrsite check --format json` in its own process: (its report, whether LogDoc was built)."""
    env = {**os.environ, "OKRSITE_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", PROBE, str(root), "--today", TODAY.isoformat(), *args],
                         capture_output=True, text=True, check=True, env=env, cwd=root.parent).stdout
    report, _, built = out.rstrip("\n").rpartition("\n")
    return json.loads(report), built.strip()


def test_a_pull_requests_check_uses_the_kept_validator_and_reports_what_a_fresh_check_does(tmp_path):
    root = Path(shutil.copytree(BASE, tmp_path / "content"))
    base_report, built = _check(root, tmp_path / "cache")  # the base branch's run: every file parsed
    assert built == "True"  # it built LogDoc's validator, and kept it
    (root / "logs" / "2026-Q4" / "product" / "2026-11-20.md").write_text(ADDED, encoding="utf-8")
    report, built = _check(root, tmp_path / "cache")
    assert built == "False"  # the added check-in was validated by the kept validator
    fresh, _ = _check(root, tmp_path / "cache", "--no-cache")
    assert report == fresh
    codes = {d["code"] for d in report["diagnostics"]} - {d["code"] for d in base_report["diagnostics"]}
    assert len(codes) >= 2  # the salvaged errors of the added file are there


def test_a_kept_validator_that_cannot_be_read_is_built_again(tmp_path, monkeypatch):
    root = Path(shutil.copytree(BASE, tmp_path / "content"))
    monkeypatch.chdir(tmp_path)
    _new_process(monkeypatch)
    reported(root, ParseCache.for_content(root, tmp_path / "cache"))
    pack = ParseCache.for_content(root, tmp_path / "cache").pack
    fingerprint, entries, kept = pickle.loads(pack.read_bytes())
    name = validators.name_of(LogDoc)
    assert name in kept
    pack.write_bytes(pickle.dumps((fingerprint, entries, {**kept, name: b"\x80\x05damaged"})))
    (root / "logs" / "2026-Q4" / "product" / "2026-11-20.md").write_text(ADDED, encoding="utf-8")
    _new_process(monkeypatch)
    cache = ParseCache.for_content(root, tmp_path / "cache")
    assert reported(root, cache) == reported(root, None)
    assert validators._built == {name: LogDoc}  # built, since the kept one could not be read
    _, _, kept_again = pickle.loads(pack.read_bytes())
    assert pickle.loads(kept_again[name]).validate_python(
        {"date": "2026-11-20", "author": "ito", "updates": {"trial-active": 1}}).author == "ito"


def test_validators_a_pack_offered_are_handed_on_to_the_next_pack(tmp_path, monkeypatch):
    """A build process (`mkdocs serve`) that validated with kept validators, then checks other
    content, keeps them in that content's pack too, though it built none of them."""
    monkeypatch.chdir(tmp_path)
    first = Path(shutil.copytree(BASE, tmp_path / "one"))
    other = Path(shutil.copytree(BASE, tmp_path / "two"))
    _new_process(monkeypatch)
    reported(first, ParseCache.for_content(first, tmp_path / "cache"))  # builds them, keeps them
    _new_process(monkeypatch)
    (first / "logs" / "2026-Q4" / "product" / "2026-11-20.md").write_text(ADDED, encoding="utf-8")
    reported(first, ParseCache.for_content(first, tmp_path / "cache"))
    assert validators._built == {}  # it validated the new check-in with the kept validator
    second = ParseCache.for_content(other, tmp_path / "cache")
    reported(other, second)
    _, _, kept = pickle.loads(second.pack.read_bytes())
    assert validators.name_of(LogDoc) in kept
