"""`okrsite diff` end to end: open both sides, load each organization, compare.

Content that okrsite cannot check at all on a side (a missing directory, okrsite failing) is a
SideError; ordinary errors in the content are not: they are what the comment reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model.organization import Organization
from ..resolve.pipeline import load_organization
from .diff import OrgDiff, compare
from .sides import Side, SideError, open_sides


def _load(side: Side, today: dt.date) -> Organization:
    if not side.root.is_dir():
        raise SideError(f"{side.label}: the content directory {side.root} does not exist")
    org = load_organization(side.root, today)
    failed = next((d for d in org.diagnostics if d.code == "OKR000"), None)
    if failed is not None:
        raise SideError(f"{side.label}: okrsite could not check the content: {failed.message}")
    return org


def diff_content(base: str, head: str | None, content: Path, today: dt.date, audience: str = "internal") -> OrgDiff:
    """The diff of what a build for `audience` shows (diff.compare)."""
    with open_sides(base, head, content) as sides:
        old, new = _load(sides.base, today), _load(sides.head, today)
        return compare(old, new, base_root=sides.base.root, head_root=sides.head.root,
                       labels=(sides.base.label, sides.head.label), prefix=sides.prefix, audience=audience)
