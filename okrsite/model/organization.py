"""The resolved organization: units, objectives, key results, check-ins and retrospectives,
linked to each other. This is what progress, pages and charts are computed from.

Every object keeps `rel` (its file, relative to the content directory) so pages can link
to the source ("edit this OKR") and diagnostics can point at it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..diagnostics.diagnostic import Diagnostic, Location
from .kpis import KpiBook
from .periods import Period, PeriodScheme
from .settings import OrgSettings


class SourceFile(Protocol):
    """Where a thing was written, for diagnostics that point into its file (source.yaml.SourceFile
    is one): `loc(("key_results", 0, "id"))` is the position of that value (`key=True`: of its key)."""

    path: str

    def loc(self, path: tuple = (), *, key: bool = False) -> Location: ...


@dataclass(eq=False)
class Unit:
    """A company, division, team or person: who owns OKRs, placed in the cascade."""

    id: str
    name: str
    kind: str
    parent_id: str | None
    owners: list[str]
    members: list[str]
    role: str | None
    visibility: str | None  # as written (None: not written); model/visibility.py reads it
    tags: list[str]
    mission: str
    rel: str
    src: SourceFile
    parent: Unit | None = None
    children: list[Unit] = field(default_factory=list)
    order: int | None = None  # the author's position among its parent's units (§12)

    @property
    def ancestors(self) -> list[Unit]:
        out, seen, cur = [], {self.id}, self.parent
        while cur is not None and cur.id not in seen:
            out.append(cur)
            seen.add(cur.id)
            cur = cur.parent
        return out

    @property
    def depth(self) -> int:
        return len(self.ancestors)

    def __repr__(self) -> str:
        return f"Unit({self.id})"


@dataclass(eq=False)
class Step:
    """One step of a milestones key result, weighted towards its progress."""

    id: str
    title: str
    weight: float
    due: dt.date | None


@dataclass(eq=False)
class KeyResult:
    """A key result as its objective file writes it, with the check-ins, grades and changes made to it."""

    id: str
    title: str
    kind: str
    baseline: Any
    target: Any
    unit_label: str
    direction: str | None  # increase | decrease, resolved (None for boolean/milestones/threshold)
    commit: float | None
    stretch: float | None
    min: float | None
    max: float | None
    steps: list[Step]
    weight: float
    owner: str | None  # the first of `owners` (kept for callers that show one)
    due: dt.date | None
    aligns_ref: str | None  # the first of `aligns_refs`
    measurement: str | None
    objective: Objective
    index: int  # position in the objective's key_results list
    aligns_to: Objective | KeyResult | None = None  # the first target (the cascade draws the item there)
    owners: list[str] = field(default_factory=list)  # co-owners in the order written; the first is not special
    aligns_refs: list[str] = field(default_factory=list)
    also_aligns_to: list[Objective | KeyResult] = field(default_factory=list)  # targets after the first (shared)
    priority: int | None = None  # rank: 0 = P0, most important
    scoring: list[tuple[float, float]] = field(default_factory=list)  # ladder rungs [value, score]; [] = linear
    contributors: list[Objective | KeyResult] = field(default_factory=list)
    check_ins: list[CheckIn] = field(default_factory=list)  # in date order; those with a value
    grades: list[CheckIn] = field(default_factory=list)  # in date order; those with a grade, projection or confidence only
    initiatives: list[Initiative] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    visibility: str | None = None  # as written (None: the objective's)
    written: tuple = ()  # the keys its item in the objective file writes (OKR213)

    @property
    def qid(self) -> str:
        return f"{self.objective.qid}/{self.id}"

    @property
    def path(self) -> tuple:
        return ("key_results", self.index)

    def __repr__(self) -> str:
        return f"KeyResult({self.qid})"


@dataclass(eq=False)
class Initiative:
    """Work an objective plans towards its key results; it has a status, never a score."""

    title: str
    key_result_ids: list[str]
    status: str
    owner: str | None
    link: str | None
    objective: Objective
    index: int
    key_results: list[KeyResult] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)


@dataclass(eq=False)
class Objective:
    """One objective of a unit in a period (one file), with its key results and initiatives."""

    slug: str
    title: str
    owner: str | None  # the first of `owners`, None when the objective has no owner (OKR511)
    type: str
    aligns_ref: str | None
    visibility: str | None  # as written (None: not written); model/visibility.py reads it
    tags: list[str]
    body: str
    unit: Unit
    period: Period
    rel: str
    src: SourceFile
    complete: bool = True
    key_results: list[KeyResult] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    aligns_to: Objective | KeyResult | None = None  # the first target (the cascade draws the item there)
    contributors: list[Objective | KeyResult] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    # KRs a logged change dropped but the file still holds: shown with their title, counted nowhere
    dropped_key_results: list[KeyResult] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)  # co-owners in the order written
    aligns_refs: list[str] = field(default_factory=list)
    also_aligns_to: list[Objective | KeyResult] = field(default_factory=list)  # targets after the first (shared)
    order: int | None = None  # the author's position among the unit's objectives in the period (§12)
    priority: int | None = None  # rank: 0 = P0, most important
    written: tuple = ()  # the keys its file's front matter writes (OKR213)

    @property
    def qid(self) -> str:
        return f"{self.period.id}/{self.unit.id}/{self.slug}"

    @property
    def dropped(self) -> Change | None:
        """The logged change that dropped this objective, if any."""
        return next((c for c in self.changes if c.action == "dropped"), None)

    @property
    def parent_objective(self) -> Objective | None:
        target = self.aligns_to
        return target.objective if isinstance(target, KeyResult) else target

    def __repr__(self) -> str:
        return f"Objective({self.qid})"


AlignTarget = Objective | KeyResult


def author_order(obj: Objective) -> tuple:
    """The authors' order of objectives (§12): by period and unit directory, then within a unit's
    period by `order`, those without one after, by file name."""
    return (obj.rel.rsplit("/", 1)[0], obj.order is None, obj.order or 0, obj.rel)


@dataclass(eq=False)
class CheckIn:
    """What one check-in said about one key result: a value, a confidence, a grade or a note."""

    key_result: KeyResult
    log: LogEntry
    value: Any  # float, bool, or a list of completed step ids
    confidence: float | None
    note: str | None
    ref: str = ""  # the key under `updates` that names the KR, to point diagnostics at it
    grade: float | None = None  # the team's score as of this check-in (0.0–2.0)
    projection: float | None = None  # the grade expected at the period's end
    visibility: str | None = None  # the update's own, as written (None: the check-in's and the KR's)

    @property
    def date(self) -> dt.date:
        return self.log.date


UNRECORDED = "unrecorded"  # the reason imported history gives when none was written


@dataclass(eq=False)
class Change:
    """A mid-period change a check-in records: a KR or objective added, dropped or changed."""

    log: LogEntry
    target: KeyResult | Objective | None
    ref: str
    action: str  # changed | added | dropped
    field: str | None
    old: Any
    new: Any
    reason: str
    title: str | None = None  # a dropped KR's title, from its drop record

    @property
    def date(self) -> dt.date:
        return self.log.date

    @property
    def reason_recorded(self) -> bool:
        """False for imported history marked `reason: unrecorded` (pages say "Reason not recorded")."""
        return self.reason != UNRECORDED


@dataclass(frozen=True)
class LogItem:
    """A win or a learning of a check-in and what it is about: the qualified ids of the objectives and KRs
    its `about` names (empty when none is written; pages then go by the check-in's updates)."""

    kind: str  # win | learning
    text: str
    about: tuple[str, ...] = ()
    written_about: bool = False  # `about` was written (even if it names nothing this audience may see)
    in_body: bool = False  # a learning of the Markdown body (shown with the body, never on its own)


@dataclass(eq=False)
class LogEntry:
    """One check-in file: its updates, wins, learnings and changes, on one day."""

    date: dt.date
    slug: str
    author: str
    unit: Unit
    period: Period
    wins: list[str]
    tags: list[str]
    body: str
    sections: dict[str, list[str]]  # learnings | blockers | next_steps -> items
    rel: str
    src: SourceFile
    check_ins: list[CheckIn] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    recorded: dt.date | None = None  # the day it was written, when back-filled later than `date`
    visibility: str | None = None  # as written (None: not written)
    items: list[LogItem] = field(default_factory=list)  # wins, then learnings, each with its `about`

    @property
    def learnings(self) -> list[str]:
        return self.sections.get("learnings", [])


@dataclass(eq=False)
class RetroScore:
    """A retrospective's final score (or status) of one key result, which overrides its check-ins."""

    key_result: KeyResult
    score: float | None  # None for a result in words
    reason: str | None
    status: str | None = None  # deferred | blocked | wip | dropped | n/a


@dataclass(eq=False)
class ObjectiveGrade:
    """A retrospective's `{objective: x}`: the objective graded as a whole."""

    objective: Objective
    score: float
    reason: str | None


@dataclass(eq=False)
class CarryForward:
    """What a retrospective decides for an objective or KR next period: continue, replace or retire."""

    ref: str
    action: str  # continue | replace | retire
    note: str | None
    target: Objective | KeyResult | None


@dataclass(eq=False)
class Retro:
    """A unit's end-of-period retrospective: final scores, what went well, what to improve."""

    unit: Unit
    period: Period
    status: str
    scores: dict[str, RetroScore]  # KR qid -> override
    went_well: list[str]
    to_improve: list[str]
    learnings: list[str]
    carry_forward: list[CarryForward]
    body: str
    rel: str
    src: SourceFile
    objective_scores: dict[str, ObjectiveGrade] = field(default_factory=dict)  # objective qid -> grade
    unit_score: float | None = None  # the team's official score of the unit
    unit_score_reason: str | None = None
    visibility: str | None = None  # as written (None: not written)


@dataclass
class Organization:
    """Everything the content says, resolved and linked: what pages, charts and lints read."""

    settings: OrgSettings
    scheme: PeriodScheme
    today: dt.date
    units: dict[str, Unit] = field(default_factory=dict)
    root: Unit | None = None
    periods: dict[str, Period] = field(default_factory=dict)  # periods that have content
    objectives: list[Objective] = field(default_factory=list)
    # objectives a logged change dropped: kept for their pages and titles, out of every count and mean
    dropped_objectives: list[Objective] = field(default_factory=list)
    logs: list[LogEntry] = field(default_factory=list)  # in date order
    retros: list[Retro] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    files: list[str] = field(default_factory=list)  # the content directory's files (relative), as read
    # What could not be read is reported once; lints that conclude from an absence (no such
    # person, no contributor, no check-in) must not conclude it again from these gaps.
    unreadable_units: set[str] = field(default_factory=set)  # unit ids whose file could not be read
    partly_read: set[tuple[str, str]] = field(default_factory=set)  # (period, unit): objective files
    partly_read_logs: set[tuple[str, str]] = field(default_factory=set)  # (period, unit): check-in files
    # (period, unit or "*"): a dangling aligns_to or initiative reference was meant for one of its KRs
    unsure_contributors: set[tuple[str, str]] = field(default_factory=set)
    # None: everything resolved (check, write commands); else the audience model/visibility.py restricted it to
    audience: str | None = None
    views: dict[str, Organization] = field(default_factory=dict, repr=False, compare=False)  # audience -> view
    kpis: KpiBook = field(default_factory=KpiBook)  # issue 14 (model/kpis.py; visible_kpis narrows it)

    # --- look-ups -------------------------------------------------------------------------
    def period_list(self) -> list[Period]:
        return sorted(self.periods.values())

    # look-ups by id: an audience's view (model/visibility.py) holds copies of the units, and a unit of
    # the whole organization names the same unit there
    def objectives_of(self, unit: Unit, period: Period) -> list[Objective]:
        return [o for o in self.objectives if o.unit.id == unit.id and o.period.id == period.id]

    def key_results(self) -> list[KeyResult]:
        return [kr for o in self.objectives for kr in o.key_results]

    def people(self) -> list[Unit]:
        return [u for u in self.units.values() if u.kind == "person"]

    def retro_of(self, unit: Unit, period: Period) -> Retro | None:
        """The first retrospective of a unit and period, from an index (a scan of every retro
        per unit and period was quadratic). The index names the list it was built from and its
        length: an audience's copy of the organization (copy.copy, then a new list of redacted
        retros) or an added retro builds it again, so it never answers from another list."""
        index = self.__dict__.get("_retro_index")
        if index is None or index[0] is not self.retros or index[1] != len(self.retros):
            by: dict[tuple[str, str], Retro] = {}
            for r in self.retros:
                by.setdefault((r.unit.id, r.period.id), r)
            index = self.__dict__["_retro_index"] = (self.retros, len(self.retros), by)
        return index[2].get((unit.id, period.id))

    def as_written(self, period: Period | None) -> Period | None:
        """The period as the content writes it: `2027-Q4` is the `FY27-Q4` of the directories."""
        if period is None:
            return None
        return next((p for p in self.periods.values() if self.scheme.same(p, period)), period)

    def running_period(self) -> Period | None:
        """The period containing today, whatever content it has."""
        return self.as_written(self.scheme.containing(self.today))

    def current_period(self) -> Period | None:
        """The period the site presents as current.

        The configured `current_period`, else the period containing today if it has
        objectives, else the latest period with objectives that has started.
        """
        if self.settings.current_period:
            return self.as_written(self.scheme.parse(self.settings.current_period))
        with_okrs = sorted({o.period for o in self.objectives})
        running = self.running_period()
        if running and any(p.id == running.id for p in with_okrs):
            return running
        started = [p for p in with_okrs if p.start <= self.today]
        return (started or with_okrs or [None])[-1]
