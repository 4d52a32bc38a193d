"""Shared fixtures: the repository root, the sample content and a fixed "today"."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from .sitebuild import SHARED_SITES_ENV

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TODAY = dt.date(2026, 11, 24)
# `okrsite check` keeps a per-file cache in the user's cache folder: the tests' checks (in this
# process and in the subprocesses it starts) keep theirs in a folder of this run instead
os.environ.setdefault("OKRSITE_CACHE_DIR", tempfile.mkdtemp(prefix="okrsite-test-cache-"))


def pytest_configure(config: pytest.Config) -> None:
    """One folder for the sites the run's modules share (tests/sitebuild.py), made before pytest-xdist
    starts its workers, which inherit the environment; removed when the run ends."""
    if hasattr(config, "workerinput"):  # a worker: the controller made it
        return
    folder = tempfile.mkdtemp(prefix="okrsite-test-sites-")
    os.environ[SHARED_SITES_ENV] = folder
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


@pytest.fixture(scope="session")
def sample_org():
    from okrsite.resolve.pipeline import load_organization

    return load_organization(CONTENT, TODAY)
