"""The score of the last `make mutation` run, per module, and its surviving mutants.

mutmut 3 keeps one `<file>.py.meta` (JSON) per mutated file under mutants/, mapping each mutant
to the exit code of its test run; mutmut's own table says what each code means. A mutant counts
as caught when it was killed, timed out or crashed the tests. Surviving mutants and mutants no
selected test reaches ("no tests") both count against the score: nothing would notice them.

Usage: python -m tests.mutation.report [--diffs]   (from the repository root; --diffs shows
each survivor's change, as `mutmut show <name>` does)
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

MUTANTS = Path("mutants")
CAUGHT = {"killed", "timeout", "segfault", "caught by type check"}
MISSED = {"survived", "no tests"}


def results() -> dict[str, dict[str, str]]:
    """source file -> mutant name -> status."""
    out: dict[str, dict[str, str]] = {}
    for meta in sorted(MUTANTS.glob("okrsite/**/*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if codes:
            source = str(meta.relative_to(MUTANTS)).removesuffix(".meta")
            out[source] = {name: status_by_exit_code[code] for name, code in codes.items()}
    return out


def main(argv: list[str]) -> int:
    by_file = results()
    if not by_file:
        print("no mutmut results under mutants/: run `make mutation` first")
        return 1
    total = Counter()
    print(f"{'module':34} {'mutants':>7} {'caught':>7} {'survived':>8} {'no tests':>8} {'other':>6} {'missed %':>8}")
    for source, statuses in by_file.items():
        n = Counter(statuses.values())
        total.update(n)
        _row(source, n)
    _row("total", total)
    unfinished = sum(v for k, v in total.items() if k not in CAUGHT | MISSED)
    if unfinished:
        print(f"\n{unfinished} mutants were not checked or are suspicious: the run did not finish cleanly")
    untested = Counter(name.split("__mutmut_")[0] for statuses in by_file.values()
                       for name, s in statuses.items() if s == "no tests")
    if untested:
        print("\nfunctions no selected test calls (mutants):")
        for function, count in sorted(untested.items()):
            print(f"  {function} ({count})")
    survivors = [name for statuses in by_file.values() for name, s in statuses.items() if s == "survived"]
    print(f"\n{len(survivors)} surviving mutants (`.venv/bin/mutmut show NAME` shows the change):")
    for name in survivors:
        print(" ", name)
        if "--diffs" in argv:
            print(subprocess.run([sys.executable, "-m", "mutmut", "show", name], capture_output=True,
                                 text=True).stdout)
    return 0


def _row(label: str, n: Counter) -> None:
    mutants = sum(n.values())
    caught = sum(n[s] for s in CAUGHT)
    other = mutants - caught - n["survived"] - n["no tests"]
    missed = 100 * (n["survived"] + n["no tests"]) / mutants if mutants else 0.0
    print(f"{label:34} {mutants:7} {caught:7} {n['survived']:8} {n['no tests']:8} {other:6} {missed:7.1f}%")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
