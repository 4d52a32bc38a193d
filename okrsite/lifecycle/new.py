"""`okrsite new objective|checkin|unit`: one new file from a few arguments, valid as written.

A contributor should not have to copy a file and guess which keys to change. The check-in is
pre-filled with the unit's key results of the period and their last values, as YAML comments:
a file committed unedited records no value, so it never fakes progress or hides a stale KR.
Like every write command, these only create files (exclusive create: nothing is overwritten);
the CLI then runs `okrsite check` on what was written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..model.organization import KeyResult, Organization, Unit
from ..model.periods import Period
from ..resolve.pipeline import load_organization
from ..scoring.pace import check_ins_until
from ..source.documents import SLUG_RE
from ..source.paths import checkin_path, objective_path, unit_path
from .common import Outcome, PeriodError, parse_period
from .text import _t
from .yamlout import _comment, _document, _entry, _num, _yaml

KR_KINDS = ("metric", "percentage", "boolean", "milestones")


class NewError(ValueError):
    """An argument that cannot make a valid file (unknown unit, bad id …): a usage error."""


def _load(root: Path, today: dt.date) -> Organization:
    return load_organization(root, today)


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as f:  # never overwrite: fails if it exists
            f.write(text)
    except FileExistsError:
        raise NewError(f"{rel} already exists; okrsite new never overwrites a file") from None


def _slug(value: str, what: str) -> str:
    if not SLUG_RE.match(value):
        raise NewError(f"{what} `{value}` is not an id: lowercase letters, digits and hyphens (e.g. self-serve)")
    return value


def _unit(org: Organization, unit_id: str) -> Unit:
    unit = org.units.get(unit_id)
    if unit is None:
        known = ", ".join(sorted(org.units)) or "none yet"
        raise NewError(f"no unit `{unit_id}` (units: {known}); create it with `okrsite new unit`")
    return unit


def _period(org: Organization, period_id: str | None, day: dt.date) -> Period:
    """The named period, else the one containing `day`, spelled as the content spells periods."""
    if period_id:
        try:
            return org.as_written(parse_period(org.scheme, period_id)) or parse_period(org.scheme, period_id)
        except PeriodError as exc:
            raise NewError(str(exc)) from None
    period = org.as_written(org.scheme.containing(day))
    if period is None:
        raise NewError(f"no period contains {day}; name one with --period")
    return period


def _done(org: Organization, root: Path, rel: str) -> Outcome:
    return Outcome(org, root, written=[rel])


# --- unit ----------------------------------------------------------------------------------

def new_unit(root: Path, unit_id: str, name: str, kind: str, parent: str | None, today: dt.date) -> Outcome:
    """units/<id>.md: a unit under `parent` (default: the organization's root unit)."""
    org = _load(root, today)
    _slug(unit_id, "unit id")
    if unit_id in org.units:
        raise NewError(f"unit `{unit_id}` already exists ({org.units[unit_id].rel})")
    if kind not in org.settings.unit_kinds:
        raise NewError(f"kind `{kind}` is not a unit kind ({', '.join(org.settings.unit_kinds)})")
    if parent is None and org.root is not None and kind != org.root.kind:
        parent = org.root.id
    if parent is not None:
        _unit(org, parent)
    lang = org.settings.language
    front = [*_entry("name", name), *_entry("kind", kind)] + ([*_entry("parent", parent)] if parent else [])
    rel = unit_path(unit_id)
    _write(root, rel, _document(front, _t("new_unit_body", lang)))
    return _done(org, root, rel)


# --- objective -----------------------------------------------------------------------------

def new_objective(root: Path, unit_id: str, slug: str, title: str, *, period_id: str | None, type_: str,
                  owner: str | None, aligns_to: str | None, krs: list[str], today: dt.date) -> Outcome:
    """okrs/<period>/<unit>/<slug>.md with the given KR titles (two placeholders when none)."""
    org = _load(root, today)
    unit = _unit(org, unit_id)
    _slug(slug, "objective slug")
    period = _period(org, period_id, today)
    lang = org.settings.language
    taken = {kr.id for o in org.objectives_of(unit, period) for kr in o.key_results}
    titles = krs or [_t("new_kr_title", lang, n=n) for n in (1, 2)]
    front = [*_entry("title", title), *_entry("owner", owner or (unit.owners[0] if unit.owners else unit.id)),
             *_entry("type", type_)]
    if aligns_to:
        front += _entry("aligns_to", aligns_to)
    else:
        front += _alignment_hint(org, unit, period, lang)
    front.append("key_results:")
    for n, kr_title in enumerate(titles, start=1):
        kr_id = _free_id(f"kr-{n}", taken)
        taken.add(kr_id)
        front += [f"  - id: {kr_id}", *("    " + line for line in _entry("title", kr_title)),
                  "    kind: metric", "    baseline: 0", "    target: 100",
                  "    " + _comment(_t("new_kr_hint", lang))]
    rel = objective_path(period.id, unit.id, slug)
    _write(root, rel, _document(front, _t("new_objective_body", lang)))
    return _done(org, root, rel)


def _free_id(wanted: str, taken: set[str]) -> str:
    n, out = 2, wanted
    while out in taken:
        out, n = f"{wanted}-{n}", n + 1
    return out


def _alignment_hint(org: Organization, unit: Unit, period: Period, lang: str) -> list[str]:
    """Commented `aligns_to:` lines naming the parent unit's objectives of the period."""
    if unit.parent is None:
        return []
    parents = org.objectives_of(unit.parent, period)
    if not parents:
        return []
    lines = [_comment(_t("new_aligns_hint", lang))]
    lines += [f"# aligns_to: {unit.parent.id}/{o.slug}    # {' '.join(o.title.split())}" for o in parents]
    return lines


# --- check-in ------------------------------------------------------------------------------

def new_checkin(root: Path, unit_id: str, day: dt.date, author: str | None, slug: str, today: dt.date) -> Outcome:
    """logs/<period>/<unit>/<day>.md: the unit's KRs of the period with their last values, commented."""
    org = _load(root, today)
    unit = _unit(org, unit_id)
    period = _period(org, None, day)
    objectives = org.objectives_of(unit, period)
    if not objectives:
        raise NewError(f"unit `{unit.id}` has no objectives in {period.id}; create one with `okrsite new objective`")
    author = author or (unit.owners[0] if unit.owners else None)
    if not author:
        raise NewError(f"unit `{unit.id}` names no owner: say who writes the check-in with --author")
    if slug:
        _slug(slug, "check-in slug")
    lang = org.settings.language
    front = [f"date: {day.isoformat()}", *_entry("author", author), _comment(_t("new_checkin_hint", lang)),
             "# updates:"]
    for obj in objectives:
        for kr in obj.key_results:
            front.append(_update_line(kr, day, lang))
    front += ["# wins:", "#   - " + _t("new_win_hint", lang)]
    rel = checkin_path(period.id, unit.id, day, slug)
    _write(root, rel, _document(front, _t("new_checkin_body", lang)))
    return _done(org, root, rel)


def _update_line(kr: KeyResult, day: dt.date, lang: str) -> str:
    """`#   kr: {value: …}   # title (last: date)`: the KR's last value (its baseline before any)."""
    checks = check_ins_until(kr, day)
    last = checks[-1] if checks else None
    value: Any = last.value if last else _start_value(kr)
    update: dict[str, Any] = {"value": _num(value)}
    if last is not None and last.confidence is not None:
        update["confidence"] = _num(last.confidence)
    when = _t("new_last_value", lang, date=last.date.isoformat()) if last else _t("new_no_value_yet", lang)
    return f"#   {kr.id}: {_yaml(update, flow=True)}    # {' '.join(kr.title.split())} ({when})"


def _start_value(kr: KeyResult) -> Any:
    if kr.kind == "boolean":
        return False
    if kr.kind == "milestones":
        return []
    return kr.baseline if kr.baseline is not None else 0
