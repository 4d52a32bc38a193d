"""How the `okrsite` program ends (cli.run): after `check` it leaves without the interpreter's
teardown (a quarter of the CPU of checking 2,000 units went to freeing objects), with all it
printed flushed and its exit status kept; every other command ends normally."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# the program as its console script runs it, with an exit handler that says when teardown ran
PROGRAM = ("import atexit, sys\n"
           "atexit.register(lambda: print('torn down', file=sys.stderr))\n"
           "from okrsite.cli import run\n"
           "sys.argv = ['okrsite', *sys.argv[1:]]\n"
           "run()\n")


def _content(tmp_path: Path, *, broken: bool) -> Path:
    units = tmp_path / "content" / "units"
    units.mkdir(parents=True)
    (units / "acme.md").write_text("---\nname: Acme\nkind: company\n---\n", encoding="utf-8")
    if broken:  # two problems, reported on separate lines
        (units / "sales.md").write_text("---\nname: Sales\nkind: team\nparent: acme\ncolour: red\nowner: x\n---\n",
                                        encoding="utf-8")
    return tmp_path / "content"


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PROGRAM, *args], cwd=tmp_path, capture_output=True, text=True,
                          env={"OKRSITE_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}, timeout=120)


def test_a_check_with_errors_prints_them_all_and_fails_without_teardown(tmp_path):
    _content(tmp_path, broken=True)
    done = _run(tmp_path, "check", "content", "--no-color")
    assert done.returncode == 1
    assert "torn down" not in done.stderr
    reported = [line for line in done.stdout.splitlines() if "content/units/sales.md:" in line]
    assert len(reported) == 2, done.stdout  # piped (block-buffered) output is flushed before leaving
    assert "colour" in done.stdout and "owner" in done.stdout


def test_a_clean_check_succeeds_without_teardown(tmp_path):
    _content(tmp_path, broken=False)
    done = _run(tmp_path, "check", "content", "--format", "json")
    assert done.returncode == 0 and "torn down" not in done.stderr
    assert done.stdout.strip().endswith("}")  # the whole JSON document


def test_other_commands_end_normally(tmp_path):
    _content(tmp_path, broken=False)
    for args in (["--version"], ["check", "--format", "nonsense"]):  # a usage error ends before the check runs
        done = _run(tmp_path, *args)
        assert "torn down" in done.stderr, args
    assert _run(tmp_path, "check", "--format", "nonsense").returncode == 2
