"""Bombs and hostile files end with diagnostics, within bounded time and memory: `okrsite check`
runs in a child process on a small organization holding the file, and the child reports its own
CPU seconds and peak resident memory (the done-when target: 5 s and 300 MB). The child is held to
2 GB of address space and 120 s, so a regression fails here instead of taking the machine down.

Before this code, the 539-byte billion-laughs check-in ran for more than 120 s in 4.3 GB, and a
6 KB heading line of spaces and tabs for minutes; both now end in a fraction of a second."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from .orgs import write

CPU_SECONDS = 5.0
PEAK_MB = 300.0

CHILD = """
import atexit, resource, sys
def peak_mb():
    try:  # this program's own peak (ru_maxrss would count the forking test process's memory too)
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
def report():
    u = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write("\\nBOUNDS %f %f\\n" % (u.ru_utime + u.ru_stime, peak_mb()))
atexit.register(report)
sys.argv = ["okrsite", "check", sys.argv[1], "--format", "json", "--today", "2026-11-24"]
from okrsite.cli import main
main()
"""

BASE = {
    "units/pm.md": "---\nname: PM\nkind: person\nparent: product\n---\n",
    "okrs/2026-Q4/product/grow.md": ("---\ntitle: Grow\nowner: pm\nkey_results:\n  - id: nps\n    title: NPS\n"
                                     "    baseline: 10\n    target: 30\n  - id: seats\n    title: Seats\n"
                                     "    baseline: 0\n    target: 50\n---\n"),
}
LOG = "logs/2026-Q4/product/2026-11-20.md"
CHECK_IN = "---\ndate: 2026-11-20\nauthor: pm\nupdates:\n  nps: {value: 20, confidence: 0.5}\n"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def check_bounded(root: Path, files: dict[str, str | bytes]) -> tuple[set[str], float, float]:
    """The rule codes `okrsite check` reports on the small organization plus `files`, and the
    check's CPU seconds and peak memory in MB."""
    write(root, {k: v for k, v in {**BASE, **files}.items() if isinstance(v, str)})
    for rel, data in files.items():
        if isinstance(data, bytes):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
    done = subprocess.run([sys.executable, "-c", CHILD, str(root)], capture_output=True, text=True, timeout=120,
                          preexec_fn=_limit_memory)
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode in (0, 1), done.stderr[-2000:]
    cpu, peak = (float(x) for x in done.stderr.rsplit("BOUNDS ", 1)[1].split())
    codes = {d["code"] for d in json.loads(done.stdout)["diagnostics"]}
    assert "OKR000" not in codes
    return codes, cpu, peak


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    """The classic: each level an anchored list of `width` aliases of the level below."""
    lines = ["a: &a [" + ",".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * width) + "]")
    return "\n".join(lines) + "\n"


def amplified_check_in(size: int = 1 << 20) -> str:
    """A check-in that YAML would accept: 100 wins anchored once, the list repeated by alias
    until the file is `size` bytes (25 million wins once expanded)."""
    wins = "".join(f"    - win {i} of the week, written out as a real sentence\n" for i in range(100))
    head = CHECK_IN + "wins: &wins\n" + wins + "learnings:\n"
    return head + "  - *wins\n" * ((size - len(head)) // 10) + "---\n"


BOMBS = {  # name: (files, the rule codes expected among the diagnostics)
    "billion laughs (539 bytes)": ({LOG: "---\n" + billion_laughs() + "---\n"}, {"OKR020"}),
    "billion laughs in okrsite.yml": ({"okrsite.yml": billion_laughs()}, {"OKR020"}),
    "billion laughs in a unit": ({"units/team-x.md": "---\nname: X\nkind: team\nparent: acme\n"
                                  + billion_laughs() + "---\n"}, {"OKR020"}),
    "a valid 1 MB alias-amplified check-in": ({LOG: amplified_check_in()}, {"OKR020"}),
    "20 MB of front matter": ({LOG: CHECK_IN + "wins:\n" + "  - a win of the week\n" * 1_000_000 + "---\n"},
                              {"OKR021"}),
    "10 MB body": ({LOG: CHECK_IN + "---\n## 学び\n" + "- learned it\n" * 800_000}, {"OKR021"}),
    "6 KB heading of spaces and tabs": ({LOG: CHECK_IN + "---\n## 学び" + " \t" * 3000 + "x\n- a\n"}, set()),
    "1.5 MB heading of spaces and tabs": ({LOG: CHECK_IN + "---\n# a" + " \t" * 750_000 + "b\n"}, set()),
    "100 KB title of <img": ({"okrs/2026-Q4/product/img.md": "---\ntitle: '" + "<img" * 25_000 + "'\nowner: pm\n"
                              "key_results:\n  - {id: a, title: A, baseline: 0, target: 1}\n"
                              "  - {id: b, title: B, baseline: 0, target: 1}\n---\n"}, set()),
    "100 KB title of backticks": ({"okrs/2026-Q4/product/tick.md": "---\ntitle: '" + "`" * 100_000 + "'\nowner: pm\n"
                                   "key_results:\n  - {id: a, title: A, baseline: 0, target: 1}\n"
                                   "  - {id: b, title: B, baseline: 0, target: 1}\n---\n"}, set()),
    "nesting 100,000 deep": ({LOG: CHECK_IN + "wins: " + "[" * 100_000 + "]" * 100_000 + "\n---\n"}, {"OKR003"}),
    "nesting 500 deep": ({LOG: CHECK_IN + "wins: " + "[" * 500 + "]" * 500 + "\n---\n"}, {"OKR003"}),
    "60,000 keys": ({LOG: CHECK_IN + "".join(f"k{i}: {i}\n" for i in range(60_000)) + "---\n"}, {"OKR021"}),
    "4,000 unknown keys": ({LOG: CHECK_IN + "".join(f"k{i}: {i}\n" for i in range(4_000)) + "---\n"}, {"OKR101"}),
    "a list of a million values": ({LOG: CHECK_IN + "wins: [" + "1," * 1_000_000 + "1]\n---\n"}, {"OKR021"}),
    "NUL bytes": ({LOG: CHECK_IN + "note: \"a\0b\"\n---\n" + "\0" * 10_000}, {"OKR003"}),
    "a byte-order mark": ({LOG: "\ufeff" + CHECK_IN + "---\n"}, set()),
    "Shift_JIS": ({LOG: (CHECK_IN + "note: 学び\n---\n").encode("shift_jis")}, {"OKR001"}),
    "UTF-16": ({LOG: (CHECK_IN + "---\n").encode("utf-16")}, {"OKR001"}),
    "random bytes": ({LOG: bytes(range(256)) * 4000}, {"OKR001"}),
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_every_bomb_ends_with_diagnostics_within_5_s_and_300_mb(tmp_path, name):
    files, expected = BOMBS[name]
    codes, cpu, peak = check_bounded(tmp_path, files)
    assert expected <= codes, codes
    assert cpu < CPU_SECONDS, f"{name}: {cpu:.1f} s of CPU"
    assert peak < PEAK_MB, f"{name}: {peak:.0f} MB"


def test_an_amplified_check_in_costs_about_what_a_plain_one_does(tmp_path):
    """Refused from the parser's events: checking it costs little more than checking nothing."""
    _, plain_cpu, plain_peak = check_bounded(tmp_path / "plain", {LOG: CHECK_IN + "---\n"})
    codes, cpu, peak = check_bounded(tmp_path / "bomb", {LOG: amplified_check_in()})
    assert "OKR020" in codes
    assert cpu < plain_cpu + 2.0 and peak < plain_peak + 100
