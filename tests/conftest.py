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


def pytest_configure(config: pytest.Config) -> None:
    """One folder for the run, made before pytest-xdist starts its workers (they inherit the
    environment) and removed when the run ends: the sites the modules share (tests/sitebuild.py),
    and okrsite's per-user caches (the per-file cache of `okrsite check`, compiled templates), which
    the tests (in these processes and the subprocesses they start) keep there instead of in the
    user's cache folder."""
    if hasattr(config, "workerinput"):  # a worker: the controller made it
        return
    folder = Path(tempfile.mkdtemp(prefix="okrsite-test-run-"))
    os.environ[SHARED_SITES_ENV] = str(folder / "sites")
    os.environ.setdefault("OKRSITE_CACHE_DIR", str(folder / "check-cache"))
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


@pytest.fixture(scope="session")
def sample_org():
    from okrsite.resolve.pipeline import load_organization

    return load_organization(CONTENT, TODAY)
