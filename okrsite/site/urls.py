"""Stable, human-readable page addresses derived from ids (never from titles).

Objective and unit pages take the path of their source file, so the address of
content/okrs/2026-Q4/product/self-serve.md is okrs/2026-Q4/product/self-serve/.
"""

from __future__ import annotations

import posixpath

from ..model import KeyResult, Objective, Period, Unit

HOME = "index.md"
PERIODS = "periods.md"
UNITS = "units.md"
PEOPLE = "people.md"


def period_uri(period: Period | str) -> str:
    pid = period if isinstance(period, str) else period.id
    return f"periods/{pid}.md"


def cascade_uri(period: Period | str) -> str:
    pid = period if isinstance(period, str) else period.id
    return f"periods/{pid}/cascade.md"


def unit_uri(unit: Unit | str) -> str:
    uid = unit if isinstance(unit, str) else unit.id
    return f"units/{uid}.md"


def objective_uri(obj: Objective) -> str:
    return f"okrs/{obj.period.id}/{obj.unit.id}/{obj.slug}.md"


def anchor(kr: KeyResult) -> str:
    return f"kr-{kr.id}"


def to_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page with this source path (relative to the site root)."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target_url: str, from_url: str) -> str:
    """A link from the page at `from_url` to `target_url` (both relative to the site root)."""
    fragment = ""
    if "#" in target_url:
        target_url, fragment = target_url.split("#", 1)
        fragment = "#" + fragment
    if from_url.endswith("/") or from_url == "":
        base = from_url.rstrip("/") or "."
    else:
        base = posixpath.dirname(from_url) or "."
    rel = posixpath.relpath(target_url.rstrip("/") or ".", base)
    if (target_url.endswith("/") or target_url == "") and not rel.endswith("/"):
        rel += "/"
    return rel + fragment
