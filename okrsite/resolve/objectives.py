"""Resolving objective files: the objective, its key results (checked by kinds.py) and its
initiatives, and the uniqueness of KR ids within a unit's period."""

from __future__ import annotations

from ..diagnostics.suggest import close_hint
from ..model.organization import Initiative, KeyResult, Objective, SourceFile, Step
from ..scoring import ladder
from ..source.documents import KeyResultDoc, ObjectiveDoc
from ..source.paths import slugify
from ..source.repository import Document
from .kinds import check_key_result, resolve_direction
from .state import Resolution


def resolve_objective(s: Resolution, d: Document) -> None:
    ctx = s.usable(d)
    if d.place.unit and d.place.period and (not d.complete or ctx is None):
        s.incomplete.add((d.place.period, d.place.unit))
    _remember_broken_krs(s, d)
    if ctx is None:
        return
    unit, period = ctx
    doc: ObjectiveDoc = d.doc
    s.path_keys(d, {"unit": doc.unit, "period": doc.period})
    obj = Objective(d.place.slug, doc.title, _first(doc.owner), doc.type, _first(doc.aligns_to), doc.visibility,
                    doc.tags, d.source.body.strip(), unit, period, d.place.rel, d.source, complete=d.complete,
                    owners=list(doc.owner), aligns_refs=list(doc.aligns_to), order=doc.order, priority=doc.priority)
    own, of_krs = d.written or ((), ())
    obj.written = own
    repeated_entries(s, d.source, ("owner",), doc.owner)
    repeated_entries(s, d.source, ("aligns_to",), doc.aligns_to)
    for i, k in enumerate(doc.key_results):
        kr = _key_result(k, obj, i)
        kr.written = of_krs[i] if i < len(of_krs) else ()  # the i-th item, as OKR213 always read it
        repeated_entries(s, d.source, ("key_results", i, "owner"), k.owner)
        repeated_entries(s, d.source, ("key_results", i, "aligns_to"), k.aligns_to)
        obj.key_results.append(kr)
        check_key_result(kr, k, s.r)
    _initiatives(s, d, doc, obj)
    s.org.objectives.append(obj)


def _remember_broken_krs(s: Resolution, d: Document) -> None:
    """KRs that validation removed: references to them are consequences, not new mistakes."""
    for path, item in d.dropped:
        if path[:1] != ("key_results",) or not isinstance(item, dict):
            continue
        kr_id = item.get("id")  # an invalid id is most likely meant as its slug (`Week1 Active`)
        for key in {str(kr_id), slugify(str(kr_id))} if isinstance(kr_id, (str, int, float)) else {"*"}:
            s.broken_kr_ids.add((d.place.period, d.place.unit, key))


def _first(items: list[str]) -> str | None:
    return items[0] if items else None


def repeated_entries(s: Resolution, src: SourceFile, path: tuple, items: list[str]) -> None:
    """OKR214: the same id twice in one `owner` or `aligns_to` list."""
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item in seen:
            s.r.add("OKR214", f"`{item}` is listed twice in `{path[-1]}`", src.loc(path + (i,)),
                    "list each owner or aligned item once")
        seen.add(item)


def _key_result(k: KeyResultDoc, obj: Objective, index: int) -> KeyResult:
    kr = KeyResult(
        k.id, k.title, k.kind, k.baseline, k.target, k.unit or ("%" if k.kind == "percentage" else ""),
        None, k.commit, k.stretch, k.min, k.max,
        [Step(st.id, st.title, st.weight, st.due) for st in (k.steps or [])], k.weight, _first(k.owner), k.due,
        _first(k.aligns_to), k.measurement, obj, index, owners=list(k.owner), aligns_refs=list(k.aligns_to),
        priority=k.priority, scoring=[(float(v), float(g)) for v, g in (k.scoring or [])],
        visibility=k.visibility)
    kr.direction = resolve_direction(k.kind, k.baseline, k.target, k.direction)
    if kr.scoring and not ladder.problem(kr.scoring):
        kr.direction = k.direction or ladder.direction(kr.scoring)
        if kr.target is None:  # the 1.0 rung is the target (else the top rung), for display and "target reached"
            kr.target = ladder.full_rung(kr.scoring) or kr.scoring[-1][0]
    return kr


def _initiatives(s: Resolution, d: Document, doc: ObjectiveDoc, obj: Objective) -> None:
    period, unit = obj.period, obj.unit
    kr_by_id = {kr.id: kr for kr in obj.key_results}
    for i, ini in enumerate(doc.initiatives):
        item = Initiative(ini.title, ini.key_results, ini.status, _first(ini.owner), ini.link, obj, i,
                          owners=list(ini.owner))
        repeated_entries(s, d.source, ("initiatives", i, "owner"), ini.owner)
        for j, ref in enumerate(ini.key_results):
            kr = kr_by_id.get(ref)
            if kr is not None:
                item.key_results.append(kr)
                kr.initiatives.append(item)
            elif not {(period.id, unit.id, ref), (period.id, unit.id, "*")} & s.broken_kr_ids:
                s.org.unsure_contributors.add((period.id, unit.id))  # it was meant for one of them
                s.r.add("OKR204", f"initiative `{ini.title}` serves `{ref}`, which is not a key result here",
                        d.source.loc(("initiatives", i, "key_results", j)),
                        close_hint(ref, kr_by_id) or "key results here: " + (", ".join(kr_by_id) or "none"))
        obj.initiatives.append(item)


def unique_kr_ids(s: Resolution) -> None:
    """KR ids are unique within a unit's period, so that check-ins can name them."""
    seen: dict[tuple[str, str, str], KeyResult] = {}
    for obj in s.org.objectives:
        for kr in obj.key_results:
            key = (obj.period.id, obj.unit.id, kr.id)
            first = seen.get(key)
            if first is None:
                seen[key] = kr
                continue
            where = "this objective" if first.objective is obj else f"`{first.objective.slug}`"
            s.r.add("OKR201", f"key result id `{kr.id}` is already used by {where} in {obj.period.id}",
                    obj.src.loc(kr.path + ("id",)),
                    "key result ids are unique within a unit's period, so check-ins can name them",
                    (first.objective.src.loc(first.path + ("id",)),))
