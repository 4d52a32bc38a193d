"""What a check-in's wins and learnings are about (`about:`), resolved to objectives and KRs.

The one home of the `about` reference rules (docs/format.md, "What an item is about"):
`kr`, `objective`, `objective/kr`, `unit/objective[/kr]` or a qualified id, all in the check-in's
period. Unknown targets are OKR215, a short id naming two things OKR216, a target named twice in one
list OKR217, a target in another period OKR218.
"""

from __future__ import annotations

from ..diagnostics.diagnostic import Location
from ..diagnostics.suggest import close_hint
from ..model.organization import KeyResult, LogItem, Objective, Unit
from ..model.periods import Period
from ..source.documents import AboutItemDoc, LogDoc
from ..source.yaml import SourceFile
from .references import References
from .state import Resolution

Target = Objective | KeyResult


class About:
    def __init__(self, res: Resolution, refs: References) -> None:
        self.res = res
        self.refs = refs

    def items(self, doc: LogDoc, body_learnings: list[str], unit: Unit, period: Period,
              src: SourceFile) -> list[LogItem]:
        """Every win and learning of a check-in, front matter first, each with its resolved `about`."""
        out: list[LogItem] = []
        for key, kind in (("wins", "win"), ("learnings", "learning")):
            for i, item in enumerate(getattr(doc, key)):
                if isinstance(item, AboutItemDoc):
                    qids = self._targets(item.about, (key, i, "about"), unit, period, src)
                    out.append(LogItem(kind, item.text, qids, bool(item.about)))
                else:
                    out.append(LogItem(kind, item))
        out += [LogItem("learning", text, in_body=True) for text in body_learnings]
        return out

    def _targets(self, refs: list[str], path: tuple, unit: Unit, period: Period,
                 src: SourceFile) -> tuple[str, ...]:
        qids: list[str] = []
        for j, ref in enumerate(refs):
            loc = src.loc((*path, j))  # `about: kr` (one, not a list): the nearest position is the value's
            target = self.resolve(ref, unit, period, loc)
            if target is None:
                continue
            if target.qid in qids:
                self.res.r.add("OKR217", f"`{ref}` names {target.qid}, which this `about` already names", loc,
                               "name each key result or objective once")
                continue
            qids.append(target.qid)
        return tuple(qids)

    def resolve(self, ref: str, unit: Unit, period: Period, loc: Location) -> Target | None:
        """The objective or KR `ref` names, or None (reported)."""
        parts = ref.split("/")
        if len(parts) == 1:
            candidates = [self.refs.objective_index.get(f"{period.id}/{unit.id}/{ref}"),
                          self.refs.unit_kr(ref, unit, period)]
        else:
            found, target_period = self.refs.find(ref, period, unit)
            if found is not None and target_period is not None and target_period.id != period.id:
                self.res.r.add("OKR218", f"about `{ref}` names an item of {target_period.id}, not of this "
                               f"check-in's period {period.id}", loc,
                               "a check-in is about its own period's OKRs: record it in that period's logs")
                return None
            candidates = [found, self.refs.unit_kr(ref, unit, period) if len(parts) == 2 else None]
        found_all = list({id(c): c for c in candidates if c is not None}.values())
        if len(found_all) > 1:
            kr = next(c for c in found_all if isinstance(c, KeyResult))
            obj = next(c for c in found_all if isinstance(c, Objective))
            self.res.r.add("OKR216", f"about `{ref}` is both the objective {obj.qid} and the key result {kr.qid}",
                           loc, f"write `{kr.objective.slug}/{kr.id}` for the key result, or "
                           f"`{obj.unit.id}/{obj.slug}` for the objective")
            return None
        if found_all:
            return found_all[0]
        self._unknown(ref, unit, period, loc)
        return None

    def _unknown(self, ref: str, unit: Unit, period: Period, loc: Location) -> None:
        s = self.res
        last = ref.split("/")[-1]
        if (period.id, unit.id, last) in s.dropped_krs:
            return  # a KR a change dropped and removed from its file: the item keeps its text, nothing to link
        if (period.id, unit.id) in s.incomplete or {(period.id, unit.id, last), (period.id, unit.id, "*")} \
                & s.broken_kr_ids:
            return  # most likely in a file that could not be read: reported there
        objectives = s.org.objectives_of(unit, period)
        names = [o.slug for o in objectives] + [kr.id for o in objectives for kr in o.key_results]
        hint = close_hint(last, names) or (
            (f"{unit.id}'s objectives and key results in {period.id}: " + ", ".join(names) if names
             else f"{unit.id} has no objectives in {period.id}") + "; another unit's: `unit/objective[/kr]`")
        s.r.add("OKR215", f"about `{ref}` names no objective or key result of {period.id}", loc, hint)
