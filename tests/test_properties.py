"""Property-based tests: whatever a contributor writes, the loader answers with diagnostics,
never with a traceback (and never with okrsite's own internal-error diagnostic)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrsite.diagnostics.rules import RULES
from okrsite.resolve.pipeline import load_organization
from okrsite.source.yaml import read_source

KEYS = ["title", "owner", "type", "aligns_to", "key_results", "initiatives", "id", "kind", "baseline", "target",
        "direction", "unit", "commit", "stretch", "min", "max", "steps", "due", "weight", "date", "author",
        "updates", "value", "confidence", "changes", "reason", "from", "to", "scores", "score", "carry_forward",
        "ref", "action", "name", "parent", "owners", "members", "visibility", "tags", "status", "wins",
        "key_result", "objective", "period", "note", "week1-active", "nps"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.sampled_from(["week1-active", "product", "company/grow", "2026-Q4", "2026-11-20",
                                           "increase", "metric", "milestones", "aspirational", "tanaka"]),
    st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)),
    max_leaves=25,
)
front_matter = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), values, max_size=8)

BASE = {
    "units/acme.md": "---\nname: ACME\nkind: company\n---\n",
    "units/product.md": "---\nname: Product\nkind: team\nparent: acme\n---\n",
    "okrs/2026-Q4/product/grow.md": (
        "---\ntitle: Grow\nowner: pm\nkey_results:\n  - id: nps\n    title: NPS\n    baseline: 10\n"
        "    target: 30\n---\n"),
}
PLACES = ["okrs/2026-Q4/product/x.md", "logs/2026-Q4/product/2026-11-20.md", "retros/2026-Q4/product.md",
          "units/team-x.md"]


def _check(files: dict[str, bytes]) -> None:
    root = Path(tempfile.mkdtemp())
    try:
        for rel, data in {**{k: v.encode() for k, v in BASE.items()}, **files}.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        org = load_organization(root, dt.date(2026, 11, 24))
        for d in org.diagnostics:
            assert d.code != "OKR000", d.message
            assert d.code in RULES
            assert d.location.line >= 0 and d.location.column >= 0
            assert d.message
    finally:
        shutil.rmtree(root)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matter, st.sampled_from(PLACES))
def test_random_front_matter_never_crashes(data, place):
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, default_flow_style=False) + "---\nbody\n"
    _check({place: text.encode()})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda s: s.encode()), st.sampled_from(PLACES))
def test_random_bytes_never_crash(data, place):
    _check({place: b"---\n" + data + b"\n---\n"})


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_front_matter_split_never_raises_and_points_inside_the_file(text):
    src = read_source("f.md", text.encode("utf-8", "surrogatepass") if "\ud800" not in text else b"")
    lines = max(1, src.text.count("\n") + 1)
    for d in src.diagnostics:
        assert 1 <= d.location.line <= lines + 1


slug_keys = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True).filter(
    lambda k: k not in ("y", "n", "yes", "no", "on", "off", "true", "false", "null"))
nested = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(slug_keys, inner, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(slug_keys, nested, min_size=1, max_size=6))
def test_every_key_is_located_where_it_is_written(data):
    """Each key's recorded line:column is where the key stands in the file, at any depth."""
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, default_flow_style=False, width=10**6) + "---\n"
    src = read_source("f.md", text.encode())
    assert src.diagnostics == []
    lines = text.split("\n")
    assert src.front.keys
    for path, pos in src.front.keys.items():
        assert lines[pos.line - 1][pos.column - 1:].startswith(path[-1]), (path, pos)
