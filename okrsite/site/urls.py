"""Stable, human-readable page addresses derived from ids (never from titles).

Objective and unit pages take the path of their source file, so the address of
content/okrs/2026-Q4/product/self-serve.md is okrs/2026-Q4/product/self-serve/.
"""

from __future__ import annotations

import posixpath

from ..model.organization import KeyResult, Objective, Period, Unit
from ..source import paths

HOME = "index.md"
PERIODS = "periods.md"
KPIS_PAGE = "kpis.md"  # the company KPI page (its URL: kpis/)
UNITS = "units.md"
PEOPLE = "people.md"
LEARNINGS = "learnings.md"
WINS = "wins.md"
RETROS = "retros.md"
FEED = "feeds/all.xml"


def period_uri(period: Period | str) -> str:
    pid = period if isinstance(period, str) else period.id
    return f"periods/{pid}.md"


def cascade_uri(period: Period | str) -> str:
    pid = period if isinstance(period, str) else period.id
    return f"periods/{pid}/cascade.md"


def statuses_uri(period: Period | str) -> str:
    """The period's objectives listed by status: where the dashboard's status counts lead."""
    pid = period if isinstance(period, str) else period.id
    return f"periods/{pid}/statuses.md"


def unit_uri(unit: Unit | str) -> str:
    return paths.unit_path(unit if isinstance(unit, str) else unit.id)  # a unit's page sits where its file does


def objective_uri(obj: Objective) -> str:
    return paths.objective_path(obj.period.id, obj.unit.id, obj.slug)  # so does an objective's


def learnings_uri(period: Period | str) -> str:
    return f"learnings/{period if isinstance(period, str) else period.id}.md"


def wins_uri(period: Period | str) -> str:
    return f"wins/{period if isinstance(period, str) else period.id}.md"


def retro_uri(period: Period | str, unit: Unit | str | None = None) -> str:
    pid = period if isinstance(period, str) else period.id
    if unit is None:
        return f"retros/{pid}.md"
    return paths.retro_path(pid, unit if isinstance(unit, str) else unit.id)


def unit_feed(unit: Unit | str) -> str:
    return f"feeds/units/{unit if isinstance(unit, str) else unit.id}.xml"


def log_anchor(log) -> str:
    return f"log-{log.unit.id}-{log.date.isoformat()}" + (f"-{log.slug}" if log.slug else "")


def anchor(kr: KeyResult) -> str:
    return f"kr-{kr.id}"


def to_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page with this source path (relative to the site root); other files
    keep their path."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target_url: str, from_url: str) -> str:
    """A link from the page or file at `from_url` to `target_url` (both relative to the site root),
    written as MkDocs writes its own links (tests compare with mkdocs.utils.get_relative_url);
    a #fragment is kept."""
    target_url, hash_, fragment = target_url.partition("#")
    base = from_url.rpartition("/")[0] if "." in from_url.rpartition("/")[2] else from_url  # a file: its folder
    base_parts, target_parts = _parts(base), _parts(target_url)
    common = 0
    for a, b in zip(base_parts, target_parts, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(base_parts) - common) + target_parts[common:]) or "."
    return rel + ("/" if target_url.endswith("/") else "") + hash_ + fragment


def _parts(url: str) -> list[str]:
    return [p for p in posixpath.normpath("/" + url).split("/") if p]
