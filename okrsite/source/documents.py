"""Typed front matter of each file kind (pydantic v2).

These models say what a contributor may write; they give precise errors and the JSON
Schemas that `okrsite schema` publishes for editors. Rules that need more than one file
(references, periods, kinds) live in resolve/ (references.py, kinds.py) and resolve/lints.py.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
SLUG_RE = re.compile(SLUG_PATTERN)
REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9_-]*){0,3}$"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _to_date(value: Any) -> Any:
    """Dates are YYYY-MM-DD, written bare or quoted; nothing else (no timestamps, no slashes)."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time() and value.tzinfo is None:
            return value.date()
        raise PydanticCustomError("invalid_date", "a date without a time is expected (YYYY-MM-DD)")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and DATE_RE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("invalid_date", "`{value}` is not a real date", {"value": value}) from None
    raise PydanticCustomError("invalid_date", "a date in YYYY-MM-DD form is expected, got `{value}`",
                              {"value": value})


Day = Annotated[dt.date, BeforeValidator(_to_date), WithJsonSchema({"type": "string", "format": "date"})]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Ref = Annotated[str, StringConstraints(pattern=REF_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Positive = Annotated[float, Field(strict=True, gt=0, allow_inf_nan=False)]
Fraction = Annotated[float, Field(strict=True, ge=0, le=1, allow_inf_nan=False)]
GRADE_MAX = 2.0  # grades may record over-achievement up to 2.0 (docs/scoring.md, "Over-achievement")
Grade = Annotated[float, Field(strict=True, ge=0, le=GRADE_MAX, allow_inf_nan=False)]
Rung = Annotated[list[Number], Field(min_length=2, max_length=2)]  # [value, score] of a ladder (OKR311 checks it)
ResultWord = Literal["deferred", "blocked", "wip", "dropped", "n/a"]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=40, strip_whitespace=True)]
# who may read it (docs/audiences.md): public < internal < confidential; `company` is read as internal and
# `private` as confidential (the words of okrsite before audiences). Not written: internal (a KR: its
# objective's; an update: its check-in's and its KR's). Stricter than what it sits in, never looser (OKR316).
Visibility = Literal["public", "internal", "confidential", "company", "private"]
VISIBILITY_HELP = ("public | internal (default) | confidential: the audiences whose builds show it "
                   "(docs/audiences.md); `company` = internal, `private` = confidential.")
KRKind = Literal["metric", "percentage", "boolean", "milestones", "threshold"]
KR_KINDS: tuple[str, ...] = KRKind.__args__  # type: ignore[attr-defined]
DEFAULT_UNIT_KINDS = ("company", "organization", "foundation", "project", "division", "team", "role", "person")
PRIORITY_RE = re.compile(r"^P[0-9]$")


def _one_or_list(value: Any) -> Any:
    """`owner: x` and `owner: [x, y]` (and `aligns_to`) mean the same kind of thing: a list of ids."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


def _to_priority(value: Any) -> Any:
    """`P0`…`P9` or a whole number 0–9, both a rank (lower is more important)."""
    if isinstance(value, str) and PRIORITY_RE.match(value.strip()):
        return int(value.strip()[1:])
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9:
        return value
    raise PydanticCustomError("invalid_priority", "`{value}` is not a priority", {"value": value})


Owners = Annotated[list[Slug], BeforeValidator(_one_or_list, json_schema_input_type=Slug | list[Slug])]
Refs = Annotated[list[Ref], BeforeValidator(_one_or_list, json_schema_input_type=Ref | list[Ref])]
Priority = Annotated[int, BeforeValidator(_to_priority), WithJsonSchema({
    "anyOf": [{"type": "string", "pattern": "^P[0-9]$"}, {"type": "integer", "minimum": 0, "maximum": 9}]})]
Order = Annotated[int, Field(strict=True, ge=0)]


class Strict(BaseModel):
    """Unknown keys are errors (typos must not pass silently); values are not coerced.

    A list or mapping key written with nothing after it (`wins:`) means "none", as a person
    writing YAML by hand expects, rather than a type error.
    """

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=False, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_none(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        empty = [name for name, f in cls.model_fields.items()
                 if f.default_factory in (list, dict) and data.get(f.alias or name, 0) is None]
        return {k: v for k, v in data.items() if k not in empty} if empty else data


# --- units -------------------------------------------------------------------------------

class UnitDoc(Strict):
    """content/units/<unit-id>.md; the body is the unit's mission."""

    name: Text = Field(description="Display name, e.g. プロダクトチーム.")
    kind: Slug = Field(description="company | organization | foundation | project | division | team | role | person "
                       "(or a kind added in okrsite.yml).")
    parent: Slug | None = Field(None, description="Id of the parent unit; only the root company has none.")
    owners: list[Slug] = Field(default_factory=list, description="Person ids who lead the unit.")
    members: list[Slug] = Field(default_factory=list,
                                description="Person ids who belong to the unit besides its person sub-units.")
    role: str | None = Field(None, description="For people: their role, e.g. プロダクトマネージャー.")
    visibility: Visibility | None = Field(None, description=VISIBILITY_HELP)
    tags: list[Tag] = Field(default_factory=list)
    order: Order | None = Field(None, description="Position among its parent's units (lower first); else file name order.")


# --- objectives --------------------------------------------------------------------------

class StepDoc(Strict):
    """One step of a milestones key result."""

    id: Slug
    title: Text
    weight: Positive = 1.0
    due: Day | None = None


class KeyResultDoc(Strict):
    id: Slug = Field(description="Stable id, unique among the unit's key results in the period.")
    title: Text = Field(description="What is measured, e.g. 導入後1週間以内のアクティブ率.")
    kind: KRKind = Field("metric", description="metric | percentage | boolean | milestones | threshold.")
    baseline: Number | bool | None = Field(None, description="Value at the start of the period.")
    target: Number | bool | None = Field(None, description="Value that means the KR is fully achieved (1.0).")
    unit: str | None = Field(None, description="Display unit such as %, 件, 円, pt.")
    direction: Literal["increase", "decrease"] | None = Field(
        None, description="Inferred from baseline and target when omitted.")
    commit: Number | None = Field(None, description="The level promised for sure (between baseline and target).")
    stretch: Number | None = Field(None, description="A level beyond the target.")
    min: Number | None = Field(None, description="threshold: the value must stay at or above this.")
    max: Number | None = Field(None, description="threshold: the value must stay at or below this.")
    steps: list[StepDoc] | None = Field(None, description="milestones: the steps, each with id and title.")
    weight: Positive = Field(1.0, description="Weight in the objective's score.")
    owner: Owners = Field(default_factory=list, description="Unit id, or a list of unit ids (co-owners).")
    priority: Priority | None = Field(None, description="P0–P9 or 0–9 (0 = most important).")
    due: Day | None = None
    aligns_to: Refs = Field(default_factory=list, description="Parent KRs or objectives this KR contributes to (one or a list).")
    measurement: str | None = Field(None, description="How the value is measured (data source, query).")
    scoring: Annotated[list[Rung], Field(min_length=1)] | None = Field(
        None, description="metric/percentage: a ladder of [value, score] steps instead of a straight line.")
    visibility: Visibility | None = Field(None, description="Default: the objective's. " + VISIBILITY_HELP)
    kpi: Ref | None = Field(None, description="The KPI this KR aims to move: its id (this unit's) or unit/kpi (docs/kpis.md).")


class InitiativeDoc(Strict):
    title: Text
    key_results: list[Slug] = Field(default_factory=list, description="Ids of the KRs this initiative moves.")
    status: Literal["planned", "in-progress", "done", "dropped"] = "planned"
    owner: Owners = Field(default_factory=list, description="Unit id, or a list of unit ids (co-owners).")
    link: str | None = Field(None, description="A ticket, design doc or project page.")


class ObjectiveDoc(Strict):
    """content/okrs/<period>/<unit-id>/<objective-slug>.md; the body says why it matters."""

    title: Text = Field(description="The qualitative objective.")
    owner: Owners = Field(default_factory=list,
                          description="Unit id accountable for the objective, or a list of co-owners (person, team or role).")
    type: Literal["committed", "aspirational"] = Field(
        "aspirational", description="committed: expected in full (1.0); aspirational: `aspirational_success` (okrsite.yml, default 0.7) is success.")
    aligns_to: Refs = Field(default_factory=list,
                            description="Parent objective(s) or KR(s): unit/objective[/kr] or period/unit/..., one or a list.")
    order: Order | None = Field(None, description="Position among the unit's objectives in the period (lower first).")
    priority: Priority | None = Field(None, description="P0–P9 or 0–9 (0 = most important).")
    visibility: Visibility | None = Field(None, description=VISIBILITY_HELP)
    tags: list[Tag] = Field(default_factory=list)
    key_results: list[KeyResultDoc] = Field(description="2–4 measurable key results.")
    initiatives: list[InitiativeDoc] = Field(default_factory=list)
    unit: Slug | None = Field(None, description="Optional; must equal the unit directory.")
    period: str | None = Field(None, description="Optional; must equal the period directory.")


# --- check-in / learning logs ------------------------------------------------------------

CheckInValue = Annotated[Any, WithJsonSchema({
    "anyOf": [{"type": "number"}, {"type": "boolean"}, {"type": "array", "items": {"type": "string"}}]})]


class UpdateDoc(Strict):
    value: CheckInValue = Field(None, description="number, true/false (boolean KR) or completed step ids (milestones).")
    grade: Grade | None = Field(None, description="0.0–2.0: the team's score of the KR as of this check-in.")
    projection: Grade | None = Field(None, description="0.0–2.0: the grade the team expects at the period's end.")
    confidence: Fraction | None = Field(None, description="0.0–1.0: how likely the target is reached.")
    note: str | None = None
    visibility: Visibility | None = Field(None, description="Default: the check-in's and the KR's. " + VISIBILITY_HELP)


def _shorthand_update(value: Any) -> Any:
    return value if isinstance(value, dict) else {"value": value}


Update = Annotated[UpdateDoc, BeforeValidator(_shorthand_update,
                                              json_schema_input_type=UpdateDoc | float | bool | list[str])]


class ChangeDoc(Strict):
    """A mid-period change of a KR or objective, with its reason."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=False, defer_build=True)

    key_result: Ref | None = Field(None, description="The KR changed, added or dropped.")
    objective: Slug | None = Field(None, description="Or the objective (slug in this unit and period).")
    action: Literal["changed", "added", "dropped"] = "changed"
    field: str | None = Field(None, description="For `changed`: which key of the item, e.g. target.")
    from_: Any = Field(None, alias="from")
    to: Any = None
    title: Text | None = Field(None, description="For a dropped KR removed from its file: its title, for the pages.")
    reason: Text = Field(description="Why the change was made (required); `unrecorded` for imported history.")


class AboutItemDoc(Strict):
    """A win or a learning that names what it is about: `{text: ..., about: [kr-id, objective-slug]}`."""

    text: Text = Field(description="The win or learning.")
    about: Refs = Field(default_factory=list, description="The key results or objectives it concerns: `kr`, "
                        "`objective`, `objective/kr`, `unit/objective[/kr]` of the same period; one or a list.")


LogItemDoc = Annotated[Text | AboutItemDoc, Field(union_mode="left_to_right")]


class KpiValueDoc(Strict):
    """One KPI value of a check-in (docs/kpis.md): the number, and a short remark on it."""

    value: Number = Field(description="The KPI's value on the check-in's date.")
    note: str | None = None


def _shorthand_kpi(value: Any) -> Any:
    return value if isinstance(value, dict) else {"value": value}


KpiValue = Annotated[KpiValueDoc, BeforeValidator(_shorthand_kpi, json_schema_input_type=KpiValueDoc | float)]


class LogDoc(Strict):
    """content/logs/<period>/<unit-id>/<YYYY-MM-DD>[-slug].md; the body holds learnings, blockers, next steps."""

    date: Day | None = Field(None, description="Optional: the file name gives the date; if written, it must agree.")
    recorded: Day | None = Field(None, description="The day the check-in was written, when later than the day it "
                                 "reports on (back-filled history); may lie after the period's end.")
    author: Slug
    updates: dict[Ref, Update] = Field(default_factory=dict, description="KR id -> value or {value, confidence, note}.")
    wins: list[LogItemDoc] = Field(default_factory=list, description="Text, or {text, about} naming the KRs or "
                                   "objectives the win concerns.")
    learnings: list[LogItemDoc] = Field(default_factory=list, description="Learnings that name what they are about "
                                        "({text, about}); the body's learnings heading still works.")
    changes: list[ChangeDoc] = Field(default_factory=list)
    tags: list[Tag] = Field(default_factory=list)
    visibility: Visibility | None = Field(None, description="The whole check-in (body, wins, learnings). "
                                          + VISIBILITY_HELP)
    kpis: dict[Ref, KpiValue] = Field(default_factory=dict,
                                      description="KPI id (this unit's) or unit/kpi -> value or {value, note} (docs/kpis.md).")


# --- retrospectives -----------------------------------------------------------------------

class ScoreDoc(Strict):
    """A retrospective's result: a final score, a word (`status`), or a grade of the objective as a whole."""

    score: Grade | None = Field(None, description="0.0–2.0: the KR's final score.")
    status: ResultWord | None = Field(None, description="A result in words: deferred | blocked | wip | dropped | n/a.")
    objective: Grade | None = Field(None, description="0.0–2.0: the objective's grade as a whole (key: its slug).")
    reason: str | None = None


def _shorthand_score(value: Any) -> Any:
    return value if isinstance(value, dict) else {"score": value}


Score = Annotated[ScoreDoc, BeforeValidator(_shorthand_score, json_schema_input_type=ScoreDoc | Grade)]


class CarryDoc(Strict):
    ref: Ref = Field(description="Objective slug or KR id of this unit's period.")
    action: Literal["continue", "replace", "retire"]
    note: str | None = None


class RetroDoc(Strict):
    """content/retros/<period>/<unit-id>.md; the body is free text."""

    status: Literal["draft", "published"] = "published"
    scores: dict[Ref, Score] = Field(default_factory=dict,
                                     description="KR id -> final score 0.0–2.0, {status, reason}; objective slug -> {objective}.")
    unit_score: Grade | None = Field(None, description="0.0–2.0: the unit's official score for the period.")
    unit_score_reason: str | None = None
    went_well: list[Text] = Field(default_factory=list)
    to_improve: list[Text] = Field(default_factory=list)
    learnings: list[Text] = Field(default_factory=list)
    carry_forward: list[CarryDoc] = Field(default_factory=list)
    visibility: Visibility | None = Field(None, description=VISIBILITY_HELP)


# --- KPIs (issue 14, docs/kpis.md) -------------------------------------------------------------

class KpiDoc(Strict):
    """content/kpis/<unit-id>/<kpi-id>.md; the body says what the number means and why it is watched."""

    title: Text = Field(description="What is measured, e.g. 月次経常収益 (MRR).")
    unit: str | None = Field(None, description="Display unit such as 円, %, 件, pt.")
    min: Number | None = Field(None, description="The healthy band's lower edge: healthy at or above it.")
    max: Number | None = Field(None, description="The healthy band's upper edge: healthy at or below it.")
    direction: Literal["increase", "decrease"] = Field(description="Which way is good: increase or decrease.")
    owner: Owners = Field(description="Unit id who watches it (a person, team or role), or a list.")
    source: str | None = Field(None, description="Where the number comes from (BI dashboard, query, sheet).")
    cadence: Literal["weekly", "monthly"] = Field("monthly", description="How often a value is expected.")
    visibility: Visibility | None = Field(None, description=VISIBILITY_HELP)
    order: Order | None = Field(None, description="Position among the unit's KPIs (lower first); else file name order.")


FILE_MODELS: dict[str, type[Strict]] = {
    "unit": UnitDoc,
    "objective": ObjectiveDoc,
    "log": LogDoc,
    "retro": RetroDoc,
    "kpi": KpiDoc,
}
