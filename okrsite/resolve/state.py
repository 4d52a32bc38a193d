"""What resolving has found so far, shared by its steps (units, objectives, references, history):
the organization being built, the reporter, and the gaps already reported, so that a
consequence of one mistake is not reported again as another.

It also answers what a document's path says: its period and unit, and whether its front matter
contradicts them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..diagnostics.diagnostic import Location
from ..diagnostics.reporter import Reporter
from ..diagnostics.suggest import close_hint
from ..model.organization import Organization, Unit
from ..model.periods import Period
from ..source.paths import RETROS, unit_path
from ..source.repository import Document, Repository
from .settings import org_settings


@dataclass
class Resolution:
    """The state one resolution shares between its steps: indexes and what was already reported."""

    repo: Repository
    org: Organization
    r: Reporter
    bad_periods: set[str] = field(default_factory=set)  # `top/period` keys reported as OKR211
    bad_units: set[str] = field(default_factory=set)  # unit ids (or `top/period/unit` keys) already reported
    # ids of KRs that validation removed ("*": one without an id)
    broken_kr_ids: set[tuple[str, str, str]] = field(default_factory=set)
    unread_parent: set[str] = field(default_factory=set)  # units whose `parent` is not a valid id
    ambiguous: set[tuple[str, str, str]] = field(default_factory=set)  # (period, unit, ref) reported as OKR206
    dropped_krs: set[tuple[str, str, str]] = field(default_factory=set)  # (period, unit, kr id) a change dropped
    # (kind, start, end) -> the id the content tree first writes the period as (FY27-Q4 or 2026-Q4)
    spellings: dict[tuple[str, dt.date, dt.date], str] = field(default_factory=dict)
    # period id -> the scheme's reading of it: asked for every file and reference (tens of thousands)
    _parsed: dict[str, Period | None] = field(default_factory=dict)

    @classmethod
    def start(cls, repo: Repository, today: dt.date, reporter: Reporter) -> Resolution:
        settings = repo.settings
        org = Organization(org_settings(settings), settings.period_scheme(), today, pages=list(repo.pages))
        return cls(repo, org, reporter)

    @property
    def incomplete(self) -> set[tuple[str, str]]:
        """Units+periods with an objective file that could not be fully read: unknown-KR errors there
        may be consequences of the first error, so they are not reported twice."""
        return self.org.partly_read

    def period(self, period_id: str) -> Period | None:
        """The period an id names, as the content tree writes it (`FY2027-Q4` → the `FY27-Q4` directories')."""
        period = self._parse(period_id)
        if period is None:
            return None
        written = self.spellings.get((period.kind, period.start, period.end), period_id)
        return period if written == period_id else self._parse(written)

    def _parse(self, period_id: str) -> Period | None:
        if period_id not in self._parsed:
            self._parsed[period_id] = self.org.scheme.parse(period_id)
        return self._parsed[period_id]

    def _spelling(self, d: Document, top: str) -> None:
        """One period is written one way in the whole tree (OKR212, reported once per directory)."""
        period = self._parse(d.place.period)
        if period is None:
            return
        written = self.spellings.setdefault((period.kind, period.start, period.end), period.id)
        key = f"{top}/{period.id}"
        if written != period.id and key not in self.bad_periods:
            self.bad_periods.add(key)
            self.r.add("OKR212", f"`{period.id}` names the same period as `{written}` "
                       f"({period.start.isoformat()} – {period.end.isoformat()})",
                       Location(d.source.path, 0, 0),
                       f"write the period one way in every directory: rename `{top}/{period.id}` to `{top}/{written}`")

    def note_spellings(self, docs: list[Document]) -> None:
        """How the tree writes each period: as its objective directories do (okrs/ first), then the rest."""
        for d in sorted(docs, key=lambda d: d.place.kind != "objective"):
            self._spelling(d, d.place.rel.split("/")[0])

    def check_path(self, d: Document) -> None:
        """The period and unit a file's path names must exist (reported once per directory)."""
        place, top = d.place, d.place.rel.split("/")[0]
        if self.period(place.period) is None:
            key = f"{top}/{place.period}"
            if key not in self.bad_periods:
                self.bad_periods.add(key)
                self.r.add("OKR211", f"`{place.period}` is not a period of the {self.org.scheme.scheme} scheme",
                           Location(d.source.path, 0, 0),
                           self._period_hint())
        if place.unit not in self.org.units:
            key = f"{top}/{place.period}/{place.unit}"
            if key not in self.bad_units and place.unit not in self.bad_units:
                self.bad_units.add(key)
                named = "file" if top == RETROS else "directory"
                self.r.add("OKR202", f"unit `{place.unit}` (from the {named} name) does not exist",
                           Location(d.source.path, 0, 0),
                           close_hint(place.unit, self.org.units) or f"add content/{unit_path(place.unit)}")

    def _period_hint(self) -> str:
        if self.org.scheme.scheme == "custom":
            return f"name period directories like {self.org.scheme.example()}, or add the period under `periods.custom`"
        return ("use ids like 2026-Q4 or FY27-Q4 (quarters), 2026-H2 (halves), or define the period under "
                "`periods.custom` in okrsite.yml (scheme: custom)")

    def usable(self, d: Document) -> tuple[Unit, Period] | None:
        """The unit and period of a document that was read, when both exist."""
        period = self.period(d.place.period)
        unit = self.org.units.get(d.place.unit)
        if d.doc is None or period is None or unit is None:
            return None
        self.org.periods.setdefault(period.id, period)
        return unit, period

    def path_keys(self, d: Document, values: dict[str, object]) -> None:
        """Front matter may repeat what the path says, but must not contradict it."""
        for key, value in values.items():
            expected = getattr(d.place, key) if key != "date" else d.place.date
            if value is not None and value != expected:
                self.r.add("OKR108", f"`{key}: {value}` contradicts the path, which says `{expected}`",
                           d.source.loc((key,)), "remove the key (the path decides) or move the file")
