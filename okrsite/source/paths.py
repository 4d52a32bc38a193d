"""Where each kind of file lives in the content directory, and what its path says.

The path is authoritative for ids: a unit's id is its file name, an objective's unit and
period are its directories, a log's date is its file name. One file per thing keeps
pull requests of different teams from touching the same file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .documents import SLUG_RE

# The data directories: the one home of the content layout (the rest of okrsite builds paths with
# the functions below; docs/format.md describes the same layout).
UNITS, OKRS, LOGS, RETROS = "units", "okrs", "logs", "retros"
KPIS = "kpis"  # issue 14: KPI files (docs/kpis.md)
DATA_DIRS = (UNITS, OKRS, LOGS, RETROS, KPIS)
CONFIG_FILE = "okrsite.yml"
_LOG_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(.+))?$")

PLACES = {
    UNITS: f"{UNITS}/<unit-id>.md",
    OKRS: f"{OKRS}/<period>/<unit-id>/<objective-slug>.md",
    LOGS: f"{LOGS}/<period>/<unit-id>/<YYYY-MM-DD>[-slug].md",
    RETROS: f"{RETROS}/<period>/<unit-id>.md",
    KPIS: f"{KPIS}/<unit-id>/<kpi-id>.md",
}


def unit_path(unit: str) -> str:
    """units/<unit>.md, relative to the content directory (like every path here)."""
    return f"{UNITS}/{unit}.md"


def objective_path(period: str, unit: str, slug: str) -> str:
    return f"{OKRS}/{period}/{unit}/{slug}.md"


def checkin_dir(period: str, unit: str) -> str:
    """The directory of a unit's check-ins in a period, with a trailing slash."""
    return f"{LOGS}/{period}/{unit}/"


def checkin_path(period: str, unit: str, day: dt.date, slug: str = "") -> str:
    return f"{checkin_dir(period, unit)}{day.isoformat()}{'-' + slug if slug else ''}.md"


def retro_path(period: str, unit: str) -> str:
    return f"{RETROS}/{period}/{unit}.md"


def kpi_path(unit: str, kpi: str) -> str:
    return f"{KPIS}/{unit}/{kpi}.md"


@dataclass(frozen=True)
class Place:
    """What a file's relative path means."""

    kind: str  # unit | objective | log | retro | kpi | config | page | asset | unknown
    rel: str  # path relative to the content directory, with '/'
    unit: str = ""
    period: str = ""
    slug: str = ""  # objective slug, or the optional slug of a log
    date: dt.date | None = None
    problem: str = ""  # why the name is invalid (OKR007), or why the place is unknown (OKR006)
    hint: str = ""


def is_slug(name: str) -> bool:
    return bool(SLUG_RE.match(name))


def classify(rel: str) -> Place:
    parts = _parts(rel)
    top = parts[0] if parts else ""
    if rel == CONFIG_FILE:
        return Place("config", rel)
    if top not in DATA_DIRS:
        return Place("page" if rel.endswith(".md") else "asset", rel)
    expected = PLACES[top]
    if not rel.endswith(".md"):
        return Place("unknown", rel, problem=f"`{rel}` is not a Markdown file, and {top}/ holds only {expected}",
                     hint="keep images and notes outside " + ", ".join(f"{d}/" for d in DATA_DIRS[:-1])
                     + f" and {DATA_DIRS[-1]}/")
    stem_parts = [*parts[1:-1], md_stem(parts[-1])]
    if top == UNITS:
        if len(stem_parts) != 1:
            return _unknown(rel, expected)
        return _named(Place("unit", rel, unit=stem_parts[0]), stem_parts[0], "unit id")
    if top == KPIS:
        if len(stem_parts) != 2:
            return _unknown(rel, expected)
        place = _named(Place("kpi", rel, unit=stem_parts[0], slug=stem_parts[1]), stem_parts[0], "unit id")
        return place if place.problem else _named(place, stem_parts[1], "KPI id")
    if len(stem_parts) != (2 if top == RETROS else 3):
        return _unknown(rel, expected)
    period, unit = stem_parts[0], stem_parts[1]
    if top == RETROS:
        return _named(Place("retro", rel, unit=unit, period=period), unit, "unit id")
    name = stem_parts[2]
    if top == OKRS:
        place = _named(Place("objective", rel, unit=unit, period=period, slug=name), unit, "unit id")
        return place if place.problem else _named(place, name, "objective slug")
    m = _LOG_NAME.match(name)
    day = None
    if m:
        try:
            day = dt.date.fromisoformat(m.group(1))
        except ValueError:
            day = None
    if day is None or (m and m.group(2) is not None and not is_slug(m.group(2))):
        return Place("log", rel, unit=unit, period=period, problem=f"`{parts[-1]}` is not a log file name",
                     hint="name check-ins YYYY-MM-DD.md or YYYY-MM-DD-slug.md, e.g. 2026-11-20.md")
    place = Place("log", rel, unit=unit, period=period, slug=(m.group(2) or ""), date=day)
    return _named(place, unit, "unit id")


def md_stem(name: str) -> str:
    """PurePosixPath(name).stem for a name ending in `.md` (`.md` alone is its own stem)."""
    return name[:-3] if len(name) > 3 else name


def _parts(rel: str) -> tuple[str, ...]:
    """PurePosixPath(rel).parts, without building a path for each of thousands of files."""
    return tuple(p for p in rel.split("/") if p and p != ".")


def slugify(name: str) -> str:
    """The id a contributor most likely meant by an invalid name (`Product Team` -> `product-team`)."""
    return re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-")


def _named(place: Place, name: str, what: str) -> Place:
    if is_slug(name):
        return place
    slug = slugify(name)
    return Place(place.kind, place.rel, place.unit, place.period, place.slug, place.date,
                 problem=f"`{name}` is not a valid {what}",
                 hint="use lowercase letters, digits, '-' and '_'" + (f", e.g. `{slug}`" if slug else ""))


def _unknown(rel: str, expected: str) -> Place:
    return Place("unknown", rel, problem=f"`{rel}` is not where any OKR file belongs",
                 hint=f"files here are {expected}")
