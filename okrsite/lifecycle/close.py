"""`okrsite close PERIOD`: draft retrospectives prefilled with the grades that exist (the latest
check-in grade, else the score computed from values); unscored KRs are left to fill in, never 0."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..model.organization import KeyResult, Objective, Organization, Unit
from ..model.periods import Period
from ..resolve.kinds import NUMERIC
from ..resolve.pipeline import load_organization
from ..scoring.bands import shown
from ..scoring.pace import check_ins_until
from ..scoring.progress import kr_progress, objective_progress, within
from ..scoring.results import COMPUTED, GRADE
from ..source.paths import retro_path
from ..text import numbers
from ..text.inline import inline_plain
from .common import Outcome, parse_period, write_new
from .text import _t
from .yamlout import _comment, _comments, _document, _show, _yaml


def close_period(root: Path, period_id: str, today: dt.date) -> Outcome:
    """Write a draft retrospective for every unit with objectives in the period and no retrospective."""
    root = Path(root)
    org = load_organization(root, today)
    period = parse_period(org.scheme, period_id)
    out = Outcome(org, root)
    if out.failed:
        return out
    if today <= period.end:
        out.warnings.append(f"{period.id} has not ended yet (it ends on {period.end}): the scores are those of "
                            f"{today}, and check-ins still to come will not be in the drafts")
    units = sorted({o.unit.id: o.unit for o in org.objectives if o.period.id == period.id}.values(),
                   key=lambda u: u.id)
    if not units:
        out.notes.append(f"no unit has objectives in {period.id}: nothing to close")
    lang = org.settings.language
    drafts: dict[str, str] = {}
    for unit in units:
        rel = retro_path(period.id, unit.id)
        path = root / rel
        if os.path.lexists(path) or org.retro_of(unit, period) is not None:
            out.skipped.append((rel, "a retrospective exists already"))
            continue
        drafts[rel] = retro_stub(org, unit, period, lang)
    write_new(out, drafts)  # all or nothing, never over a file (even one written meanwhile)
    return out


def _score_note(kr: KeyResult, org: Organization, lang: str) -> str:
    p = kr_progress(kr, org)
    checks = check_ins_until(kr, org.today)
    if not checks:
        return _t("no_check_in", lang)
    if kr.kind in NUMERIC:
        return _t("numeric", lang, baseline=_show(p.baseline, kr.unit_label), current=_show(p.current, kr.unit_label),
                  target=_show(kr.target, kr.unit_label) if kr.target is not None else "-")
    if kr.kind == "boolean":
        return _t("boolean_done" if p.current is True else "boolean_open", lang)
    if kr.kind == "milestones":
        done = set(p.current or [])
        return _t("milestones", lang, done=sum(1 for s in kr.steps if s.id in done), total=len(kr.steps))
    band = ", ".join(f"{k} {_show(v, kr.unit_label)}" for k, v in (("min", kr.min), ("max", kr.max)) if v is not None)
    return _t("threshold", lang, inside=sum(1 for c in checks if within(kr, c.value)), total=len(checks), band=band)


def prefilled(kr: KeyResult, org: Organization) -> tuple[float | None, str]:
    """What the draft gives a KR (design §2.3, the retrospective itself aside, since the draft is
    written only where none exists): the latest check-in grade of the period, else the score
    computed from its values, else nothing (unscored, never 0); and the source of that number."""
    p = kr_progress(kr, org)
    if p.result is not None and p.result.source == GRADE:
        return p.result.grade.grade, GRADE
    if check_ins_until(kr, org.today):
        return shown(p.computed_score), COMPUTED
    return None, ""


def _score_line(kr: KeyResult, org: Organization, lang: str) -> str:
    """One `scores` line: a grade or computed score to review, or, for an unscored KR, a commented line
    to fill in (the draft stays valid, and no KR is scored 0 because nobody measured it)."""
    score, source = prefilled(kr, org)
    if score is None:
        return f"  # {_yaml(kr.id)}: {{score: , reason: \"\"}}  " + _comment(_t("close_unscored", lang))
    note = _score_note(kr, org, lang)
    if source == GRADE:
        p = kr_progress(kr, org)
        note = _t("close_grade", lang, date=p.result.grade.date.isoformat())
        if p.projection is not None:
            note += " · " + _t("close_projection", lang, projection=numbers.score(p.projection, lang))
    return f"  {_yaml(kr.id)}: {{score: {float(score)!r}, reason: \"\"}}  " + _comment(note)


def _dropped(org: Organization, unit: Unit, period: Period) -> list[Objective]:
    """The unit's objectives a logged change dropped in the period: named in the draft, never scored."""
    return [o for o in org.dropped_objectives if o.unit is unit and o.period.id == period.id]


def _suggestions(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        text = " ".join(item.split())
        if text and text not in seen:
            seen.append(text)
    return seen


def retro_stub(org: Organization, unit: Unit, period: Period, lang: str) -> str:
    """The draft retrospective of one unit: valid as written, to be edited by the team."""
    objectives = sorted(org.objectives_of(unit, period), key=lambda o: o.rel)
    on = min(org.today, period.end)
    front = [*_comments(_t("retro_head", lang, period=period.id, today=org.today.isoformat())),
             "status: draft",
             *_comments(_t("scores_head_grades", lang, on=on.isoformat())),
             "scores:"]
    for obj in objectives:
        score = objective_progress(obj, org).score
        front.append("  " + _comment(_t("objective_score", lang, slug=obj.slug, title=inline_plain(obj.title),
                                        score=numbers.score(score, lang))))
        front.extend(_score_line(kr, org, lang) for kr in obj.key_results)
    for obj in _dropped(org, unit, period):
        front.append("  " + _comment(_t("close_dropped", lang, slug=obj.slug, title=inline_plain(obj.title),
                                        date=obj.dropped.date.isoformat())))
    logs = [e for e in org.logs if e.unit is unit and e.period.id == period.id and e.date <= org.today]
    wins = _suggestions([w for e in logs for w in e.wins])
    learnings = _suggestions([item for e in logs for item in e.learnings])
    for key, head, suggestions, source in (("went_well", "went_well_head", wins, "from_wins"),
                                           ("to_improve", "to_improve_head", [], ""),
                                           ("learnings", "learnings_head", learnings, "from_learnings")):
        front.append(f"{key}:")  # a list key with nothing after it is an empty list (docs/format.md)
        front.append("  " + _comment(_t(head, lang)))
        if suggestions:
            front.append("  " + _comment(_t(source, lang)))
            front.extend(f"  # - {_yaml(text)}" for text in suggestions)
    front.append("carry_forward:")
    front += _comments(_t("carry_head", lang), "  ") + _comments(_t("carry_how", lang), "  ")
    for obj in objectives:
        front.append(f"  # - {{ref: {_yaml(obj.slug)}, action: continue | replace | retire, note: \"\"}}  "
                     + _comment(_t("kr_list", lang, ids=", ".join(kr.id for kr in obj.key_results))))
    return _document(front, _t("retro_body", lang, period=period.id))
