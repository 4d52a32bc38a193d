"""What needs attention in a period: the one home of the dashboard's "needs attention" rule
(docs/site.md, "Needs attention"; the line is `attention.confidence_below` in okrsite.yml).

An objective needs attention for each of these reasons, about itself or one of its key results
that count (dropped and n/a ones never do; a dropped objective never does):

- running period: the objective or a KR is **off track** (progress.py's status); a KR's latest
  **confidence is below the line**; a KR is **stale** (staleness.py: quiet longer than
  `stale_after_days`, a finished KR never is);
- any period: a KR's target (`target`, `min`, `max`, `commit`, `stretch`) was **changed without a
  reason**: a change record in a check-in with `reason: unrecorded` (a record without any reason
  is an error, OKR102; an edit of the file with no change record at all is what `okrsite diff`
  reports on the pull request, since a built site has no earlier version to compare with);
- finished period: there is no pace, so nothing pace-based; a KR that counts and has no score
  is **unscored** (awaiting a grade, or given deferred / blocked / wip).

Nothing here knows about pages: the site shows what this module returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.organization import Change, KeyResult, Objective, Organization
from ..model.periods import Period
from .progress import KRProgress, ObjectiveProgress, Status, objective_progress

TARGET_FIELDS = ("target", "min", "max", "commit", "stretch")  # what a KR aims at

OFF_TRACK, LOW_CONFIDENCE, STALE, UNEXPLAINED, UNSCORED = (
    "off_track", "low_confidence", "stale", "target_unexplained", "unscored")
REASONS = (OFF_TRACK, LOW_CONFIDENCE, STALE, UNEXPLAINED, UNSCORED)  # in the order lists show them


@dataclass(frozen=True)
class Reason:
    """One reason: its kind, the KR it is about (None: the objective itself), and for a low
    confidence the confidence, for an unexplained change the change."""

    kind: str
    key_result: KeyResult | None = None
    confidence: float | None = None
    change: Change | None = None


@dataclass(frozen=True)
class Attention:
    objective: Objective
    progress: ObjectiveProgress
    reasons: tuple[Reason, ...]
    last_check_in: dt.date | None  # the latest check-in of any of its KRs up to the day asked about

    @property
    def kinds(self) -> list[str]:
        """The kinds of its reasons, each once, in REASONS order."""
        found = {r.kind for r in self.reasons}
        return [k for k in REASONS if k in found]


def unexplained_changes(kr: KeyResult, on: dt.date) -> list[Change]:
    """The KR's logged target changes in its period up to `on` whose reason is `unrecorded`."""
    period = kr.objective.period
    return [c for c in kr.changes if c.action == "changed" and c.field in TARGET_FIELDS
            and not c.reason_recorded and period.start <= c.date <= on]


def _kr_reasons(p: KRProgress, finished: bool, line: float) -> list[Reason]:
    kr, out = p.key_result, []
    if not finished:
        if p.status is Status.OFF_TRACK:
            out.append(Reason(OFF_TRACK, kr))
        if p.confidence is not None and p.confidence < line:
            out.append(Reason(LOW_CONFIDENCE, kr, confidence=p.confidence))
        if p.stale:
            out.append(Reason(STALE, kr))
    out += [Reason(UNEXPLAINED, kr, change=c) for c in unexplained_changes(kr, p.on)]
    if finished and p.unscored:
        out.append(Reason(UNSCORED, kr))
    return out


def last_check_in(p: ObjectiveProgress) -> dt.date | None:
    """The latest day any KR of the objective was checked in (a grade or confidence alone counts)."""
    days = [k.on - dt.timedelta(days=k.days_since_check_in) for k in p.key_results
            if k.days_since_check_in is not None]
    return max(days, default=None)


def objective_attention(p: ObjectiveProgress, line: float, on: dt.date) -> Attention | None:
    """Why the objective needs attention on `on`, or None when nothing does."""
    obj = p.objective
    if p.status is Status.DROPPED:
        return None
    finished = on > obj.period.end
    reasons: list[Reason] = []
    if not finished and p.status is Status.OFF_TRACK:
        reasons.append(Reason(OFF_TRACK))
    for kp in p.key_results:
        if kp.counted:
            reasons += _kr_reasons(kp, finished, line)
    if not reasons:
        return None
    reasons.sort(key=lambda r: REASONS.index(r.kind))
    return Attention(obj, p, tuple(reasons), last_check_in(p))


def confidence_line(org: Organization) -> float:
    """The line below which a confidence needs attention (okrsite.yml, default 0.5)."""
    return org.settings.attention_confidence_below


def needs_attention(objectives: list[Objective], org: Organization, period: Period,
                    progress=None) -> list[Attention]:
    """The period's objectives that need attention, the ones with the weightiest reason first
    (off track before low confidence before stale …), then by unit (highest first) and file.
    `progress` (objective → ObjectiveProgress) lets a caller reuse progress it computed already."""
    get = progress or (lambda o: objective_progress(o, org))
    line = confidence_line(org)
    found = [a for o in objectives if o.period.id == period.id
             for a in [objective_attention(get(o), line, org.today)] if a is not None]
    return sorted(found, key=lambda a: (REASONS.index(a.reasons[0].kind), a.objective.unit.depth,
                                        a.objective.unit.id, a.objective.rel))
