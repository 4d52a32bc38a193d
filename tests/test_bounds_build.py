"""The build on bombs: a site whose content holds an alias-amplified check-in (a valid 1 MB file
that YAML would expand to 25 million wins; before this code, 4.8 GB of memory) stops with the
OKR020 diagnostic within twice the CPU time of building the same site without it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from .orgs import write
from .sitebuild import build_site, small_project
from .test_bounds_check import BASE, CHECK_IN, LOG, amplified_check_in


def _build_cpu(root: Path, check_in: str) -> float:
    write(root / "content", {**BASE, LOG: check_in})
    config = small_project(root, "Bounds")
    start = time.process_time()
    try:
        build_site(config, root / "site")
    finally:
        elapsed = time.process_time() - start
    return elapsed


def test_an_amplified_check_in_stops_the_build_within_twice_a_normal_build(tmp_path, caplog):
    normal = _build_cpu(tmp_path / "normal", CHECK_IN + "---\n")
    start = time.process_time()
    with pytest.raises((PluginError, Abort)) as err:
        _build_cpu(tmp_path / "bomb", amplified_check_in())
    assert time.process_time() - start < 2 * normal
    assert "OKR020" in str(err.value) + caplog.text
