"""Shared fixtures: the repository root, the sample content and a fixed "today"."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TODAY = dt.date(2026, 11, 24)
# `okrsite check` keeps a per-file cache in the user's cache folder: the tests' checks (in this
# process and in the subprocesses it starts) keep theirs in a folder of this run instead
os.environ.setdefault("OKRSITE_CACHE_DIR", tempfile.mkdtemp(prefix="okrsite-test-cache-"))


@pytest.fixture(scope="session")
def sample_org():
    from okrsite.resolve.pipeline import load_organization

    return load_organization(CONTENT, TODAY)
