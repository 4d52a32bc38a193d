"""Shared fixtures: the repository root, the sample content and a fixed "today"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="session")
def sample_org():
    from okrsite.resolve.pipeline import load_organization

    return load_organization(CONTENT, TODAY)
