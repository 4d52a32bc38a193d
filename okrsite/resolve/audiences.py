"""OKR316: an item may be stricter than what it sits in, never looser (docs/audiences.md).

The effective tier is the strictest anyway (model/visibility.py), so a looser word would only
mislead its reader into thinking the item is shown where it is not. `company`, the default
before audiences, is read as "not written" here: files that were valid stay valid.
"""

from __future__ import annotations

from ..model.organization import Organization
from ..model.visibility import TIERS, Tiers, rank
from .state import Resolution

LEGACY_DEFAULT = "company"


def check_visibility(s: Resolution) -> None:
    """Most items write no visibility: their parent's tier is worked out only for those that do
    (working it out for every check-in was a third of this rule's cost at 2,000 units)."""
    org, tiers = s.org, Tiers()
    for u in org.units.values():
        if u.parent is not None and _written(u.visibility):
            _looser(s, u.visibility, tiers.unit(u.parent), f"unit `{u.parent.id}`", u.src, ("visibility",))
    for o in [*org.objectives, *org.dropped_objectives]:
        if _written(o.visibility):
            _looser(s, o.visibility, tiers.unit(o.unit), f"unit `{o.unit.id}`", o.src, ("visibility",))
        for kr in [*o.key_results, *o.dropped_key_results]:
            if _written(kr.visibility):
                _looser(s, kr.visibility, tiers.objective(o), f"objective `{o.slug}`", o.src,
                        ("key_results", kr.index, "visibility"))
    for log in org.logs:
        if _written(log.visibility):
            _looser(s, log.visibility, tiers.unit(log.unit), f"unit `{log.unit.id}`", log.src, ("visibility",))
        for c in log.check_ins:
            if not _written(c.visibility):
                continue
            of_log, of_kr = tiers.log(log), tiers.key_result(c.key_result)
            what = "its check-in file" if of_log >= of_kr else f"key result `{c.key_result.id}`"
            _looser(s, c.visibility, max(of_log, of_kr), what, log.src, ("updates", c.ref, "visibility"))
    for r in org.retros:
        if _written(r.visibility):
            _looser(s, r.visibility, tiers.unit(r.unit), f"unit `{r.unit.id}`", r.src, ("visibility",))


def _written(visibility: str | None) -> bool:
    """Whether the item says who may read it (`company`, the old default, says nothing)."""
    return visibility is not None and visibility != LEGACY_DEFAULT


def _looser(s: Resolution, written: str, parent: int, what: str, src, path: tuple) -> None:
    if rank(written) >= parent:
        return
    s.r.add("OKR316", f"`visibility: {written}` is looser than {what}, which is {TIERS[parent]}",
            src.loc(path), f"an item may be stricter than what it belongs to, never looser: write "
            f"`visibility: {TIERS[parent]}` (or stricter), or change {what}; see docs/audiences.md")


def hidden_counts(org: Organization, view: Organization) -> dict[str, tuple[int, int]]:
    """{what: (shown, total)} of objectives, key results, check-ins and retrospectives, for the
    check's summary of an audience."""
    def krs(o: Organization) -> int:
        return sum(len(x.key_results) for x in o.objectives)

    return {"objectives": (len(view.objectives), len(org.objectives)), "key results": (krs(view), krs(org)),
            "check-ins": (len(view.logs), len(org.logs)), "retrospectives": (len(view.retros), len(org.retros))}
