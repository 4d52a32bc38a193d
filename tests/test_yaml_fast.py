"""The fast YAML path (libyaml's loader, positions worked out only when a diagnostic asks for
one) must read every front matter exactly as the located builder does: same data, same
diagnostics, same positions. Property-based over YAML text, including the odd cases (tags,
duplicate keys, merge keys, impossible dates, deep nesting) that send it the located way."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrsite.source.yaml import parse_located, parse_yaml

KEYS = ["title", "owner", "key_results", "id", "kind", "target", "date", "updates", "value", "<<", "1", "yes",
        "2026-01-01", "a b", "x"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False), st.text(max_size=10),
    st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)),
    st.sampled_from(["2026-13-45", "2026-01-01 00:00:00", "2026-01-01T10:00:00Z", "yes", "on", "0x1F", "1_000",
                     "1:30", ".inf", "~", "*alias", "!!binary aGk=", "!tag x", "!!str 12", "!!int abc", "!!set {a}",
                     "!!map ''", "{a: 1, a: 2}", "[1, [2, [3]]]", "'quoted: x'", "\"tab\\t\"", "a: b", "- x"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
    max_leaves=20,
)


def _dumped(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)


def _raw(data) -> str:
    """Front matter as a person types it: the odd samples go in unquoted (tags, flow mappings, dates)."""
    if isinstance(data, dict):
        return "".join(f"{k}: {_raw(v) if not isinstance(v, (dict, list)) else _dumped(v).strip()}\n"
                       for k, v in data.items())
    return str(data)


def _same(text: str) -> None:
    fast, fast_diags = parse_yaml(text, "f.md", line_offset=1)
    slow, slow_diags = parse_located(text, "f.md", line_offset=1)
    assert [(d.code, d.message, d.location) for d in fast_diags] == [(d.code, d.message, d.location) for d in slow_diags]
    assert (fast is None) == (slow is None)
    if fast is None:
        return
    kept = pickle.loads(pickle.dumps(fast))  # as the check's parse cache keeps it: data read again
    assert repr(fast.data) == repr(slow.data)  # repr: 1 and True, 1.0 and 1 stay apart
    assert repr(kept.data) == repr(slow.data)
    assert fast.values == slow.values and fast.keys == slow.keys and fast.start == slow.start
    assert kept.values == slow.values and kept.keys == slow.keys and kept.start == slow.start


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), values, max_size=6))
def test_dumped_yaml_reads_the_same_both_ways(data):
    _same(_dumped(data))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(KEYS), scalars, max_size=6))
def test_hand_written_yaml_reads_the_same_both_ways(data):
    _same(_raw(data))


@given(st.text(alphabet="ab:-[]{}#&*!|>'\"\n\t 12,.", max_size=60))
@settings(max_examples=300, deadline=None)
def test_any_text_reads_the_same_both_ways(text):
    _same(text)


def test_odd_cases_read_the_same_both_ways():
    for text in ["", "# only a comment\n", "a: 1\na: 2\n", "<<: {a: 1}\nb: 2\n", "d: 2026-13-45\n",
                 "x: !!map ''\n", "[" * 70 + "]" * 70 + "\n", "a: [b\n", "a: *x\n", "? [a, b]\n: 1\n",
                 "1: a\ntrue: b\n", "a: !!set {x, y}\n", "---\na: 1\n---\nb: 2\n", "a: !!python/object:os.system x\n"]:
        _same(text)


def test_a_clean_file_is_not_located_until_asked(monkeypatch):
    """The fast path: no position is built for a file nobody reports on; one is built when asked."""
    import okrsite.source.yaml as source_yaml

    calls = []
    original = source_yaml._Builder.build
    monkeypatch.setattr(source_yaml._Builder, "build", lambda self, *a, **k: calls.append(1) or original(self, *a, **k))
    located, diags = parse_yaml("title: 売上\nkey_results:\n  - id: a\n    target: 10\n", "f.md", line_offset=1)
    assert not diags and located.data == {"title": "売上", "key_results": [{"id": "a", "target": 10}]}
    assert calls == []
    p = located.pos(("key_results", 0, "target"))
    assert (p.line, p.column) == (5, 13) and calls


def test_a_pickled_file_reads_its_data_again_only_when_asked(monkeypatch):
    """The parse cache pickles each file's Located: a fast-path one keeps its text, not its data
    tree (the validated document holds the values), and reads the data again on first use."""
    import okrsite.source.yaml as source_yaml

    text = "title: 売上\nkey_results:\n  - id: a\n    target: 10\n"
    located, _ = parse_yaml(text, "f.md", line_offset=1)
    calls = []
    original = source_yaml._fast
    pickled = pickle.dumps(located)
    monkeypatch.setattr(source_yaml, "_fast", lambda t: calls.append(t) or original(t))
    kept = pickle.loads(pickled)  # the reading names _fast: the counting one, once unpickled
    assert calls == []
    assert kept.data == located.data and calls == [text]
    assert kept.data is kept.data and len(calls) == 1  # read once
    # the located way (a duplicate key) has no fast reading to repeat: its data is pickled
    monkeypatch.undo()
    dup, diags = parse_yaml("a: 1\na: 2\n", "f.md")
    assert [d.code for d in diags] == ["OKR005"]
    pickled = pickle.dumps(dup)
    monkeypatch.setattr(source_yaml, "_fast", lambda t: calls.append(t) or original(t))
    assert pickle.loads(pickled).data == dup.data and len(calls) == 1


def test_the_sample_check_in_reads_the_same_both_ways():
    root = Path(__file__).resolve().parent.parent / "content"
    for path in sorted(root.rglob("*.md"))[:200]:
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n") and "\n---" in text[3:]:
            _same(text[4:text.index("\n---", 3) + 1])
