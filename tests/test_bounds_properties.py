"""Property-based: whatever hostile YAML and Markdown a file holds (aliases, deep nesting, long lines,
many keys, NUL, byte-order marks, other encodings), loading a small organization containing it
ends with diagnostics (no traceback, no internal error) within 5 s of CPU and 300 MB of memory
allocated by Python (tracemalloc: where an alias bomb's expansion would live)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrsite.diagnostics.rules import RULES
from okrsite.resolve.pipeline import load_organization

from .orgs import write
from .test_bounds_check import BASE, billion_laughs

CPU_SECONDS = 5.0
PEAK_BYTES = 300 * 1024 * 1024
PLACES = ["okrs/2026-Q4/product/x.md", "logs/2026-Q4/product/2026-11-20.md", "retros/2026-Q4/product.md",
          "units/team-x.md", "okrsite.yml", "about.md"]
RUNS = [" ", "\t", " \t", "`", "*", "**a ", "_", "[", "](", "![a](", "<img", "<img ", "&", "#", ":", "\0", "\ufeff",
        "\u2028", "学び"]

nested = st.builds(lambda n, pair: "wins: " + pair[0] * n + pair[1] * n,
                   st.integers(1, 3000), st.sampled_from([("[", "]"), ("{a: ", "}"), ("- ", "")]))
indented = st.integers(1, 400).map(lambda n: "".join(" " * i + f"k{i}:\n" for i in range(n)))
long_value = st.builds(lambda run, n, key: f"{key}: '{run * n}'", st.sampled_from(RUNS), st.integers(1, 40_000),
                       st.sampled_from(["title", "name", "note"]))
many_keys = st.integers(1, 20_000).map(lambda n: "".join(f"k{i}: {i}\n" for i in range(n)))
aliases = st.builds(billion_laughs, st.integers(1, 9), st.integers(2, 10))
merge_key = st.just("base: &b {title: x}\nother:\n  <<: *b\n")
hostile_yaml = st.one_of(nested, indented, long_value, many_keys, aliases, merge_key, st.text(max_size=300))

heading = st.builds(lambda run, n: "## 学び" + run * n + "x\n- a\n", st.sampled_from(RUNS), st.integers(1, 40_000))
continued = st.integers(1, 30_000).map(lambda n: "## Learnings\n- a\n" + "  more\n" * n)
fences = st.integers(1, 20_000).map(lambda n: "```\n## 学び\n" * n)
hostile_body = st.one_of(heading, continued, fences, st.text(max_size=300))

encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "shift_jis", "latin-1"])
prefixes = st.sampled_from([b"", b"\xef\xbb\xbf", b"\0", b"\xff\xfe", b"\x80"])


def _file(prefix: bytes, yaml_text: str, body: str, encoding: str, fenced: bool) -> bytes:
    text = f"---\n{yaml_text}\n---\n{body}" if fenced else yaml_text + "\n" + body
    return prefix + text.encode(encoding, errors="ignore")


files = st.builds(_file, prefixes, hostile_yaml, hostile_body, encodings, st.booleans())


def _load_bounded(place: str, data: bytes) -> tuple[list, float, int]:
    root = Path(tempfile.mkdtemp())
    try:
        write(root, BASE)
        (root / place).parent.mkdir(parents=True, exist_ok=True)
        (root / place).write_bytes(data)
        tracemalloc.start()
        start = time.process_time()
        try:
            org = load_organization(root, dt.date(2026, 11, 24))
            cpu = time.process_time() - start
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        return org.diagnostics, cpu, peak
    finally:
        shutil.rmtree(root, ignore_errors=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(PLACES), files)
def test_hostile_files_end_in_diagnostics_within_bounds(place, data):
    diagnostics, cpu, peak = _load_bounded(place, data)
    for d in diagnostics:
        assert d.code != "OKR000", d.message
        assert d.code in RULES and d.message
    assert cpu < CPU_SECONDS, f"{cpu:.1f} s of CPU"
    assert peak < PEAK_BYTES, f"{peak / 2**20:.0f} MB"


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(PLACES[:4]), aliases)
def test_every_anchor_is_refused_before_it_expands(place, bomb):
    diagnostics, cpu, peak = _load_bounded(place, ("---\n" + bomb + "---\n").encode())
    assert "OKR020" in {d.code for d in diagnostics}
    assert peak < 50 * 1024 * 1024  # the 9-level bomb would expand to a billion strings
