"""The period lifecycle: closing a period and starting the next one.

`close_period` drafts a retrospective (`retros/<period>/<unit>.md`, `status: draft`) for every
unit that has objectives in the period and no retrospective yet, prefilled with the computed
scores and with suggestions from the period's check-ins, for the team to edit in a pull request.

`start_period` copies what the period's retrospectives mark `carry_forward: continue` into the
next period (`okrs/<next>/<unit>/<slug>.md`): each key result starts from its last value, due
dates move into the new period, and alignments are kept only when their target exists there.

Both only ever create files: nothing existing is overwritten and nothing of the old period is
touched. docs/lifecycle.md explains the rhythm and every decision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .check import load_organization
from .diagnostics import Diagnostic, has_errors
from .kinds import NUMERIC
from .model import KeyResult, Objective, Organization, Retro, Unit
from .periods import Period, PeriodScheme
from .progress import check_ins_until, kr_progress, objective_progress, within

# --- words of the files written, in the organization's language -----------------------------

TEXT: dict[str, tuple[str, str]] = {
    # retrospective stubs
    "retro_head": ("{period} の振り返りの下書きです(okrsite close が {today} に作成)。\nチームで話し合って編集し、"
                   "できあがったら status を published にしてプルリクエストで公開してください。",
                   "Draft retrospective of {period} (written by okrsite close on {today}).\nEdit it together as a "
                   "team, then set status to published and merge the pull request."),
    "scores_head": ("スコア: チェックインから計算した値({on}時点)。\n話し合って見直し、reason に理由を書いてください。"
                    "計算値のままでよい行は消しても構いません。",
                    "Scores computed from the check-ins (as of {on}).\nReview them together and give the reason; "
                    "a line you delete falls back to the computed value."),
    "objective_score": ("{slug}: {title} (計算上のスコア {score})", "{slug}: {title} (computed score {score})"),
    "went_well_head": ("うまくいったこと。「- 」で始めて1行に1つずつ書いてください。",
                       "What went well: one item per line, starting with \"- \"."),
    "to_improve_head": ("次の期に改善したいこと。「- 」で始めて1行に1つずつ書いてください。",
                        "What to improve next period: one item per line, starting with \"- \"."),
    "learnings_head": ("今期の学び。「- 」で始めて1行に1つずつ書いてください。",
                       "What we learned: one item per line, starting with \"- \"."),
    "from_wins": ("候補(チェックインのウィンから。残すものは # を外してください):",
                  "Suggestions from the check-ins' wins (remove the # of those to keep):"),
    "from_learnings": ("候補(チェックインの「学び」から。残すものは # を外してください):",
                       "Suggestions from the check-ins' learnings (remove the # of those to keep):"),
    "carry_head": ("次の期に引き継ぐもの。action は continue(次の期に引き継ぐ)、replace(新しく書き直す)、"
                   "retire(ここで終える)のどれか1つを選んでください。\nref は目標のスラッグか KR の id です。",
                   "What to carry into the next period: for each, choose one action: continue (carried into "
                   "the next period), replace (written anew) or retire (ends here).\nref is an objective slug "
                   "or a KR id."),
    "carry_how": ("continue にしたものは `okrsite new period` が次の期にコピーします(開始値は最後の値)。",
                  "`okrsite new period` copies what is marked continue into the next period (baseline = last value)."),
    "kr_list": ("KR: {ids}", "KRs: {ids}"),
    "retro_body": ("{period} の振り返りをここに書いてください: 何を達成できたか、想定と違ったことは何か、"
                   "次の期に何を変えるか。",
                   "Write the reflection on {period} here: what we achieved, what turned out differently than "
                   "expected, and what we will change next period."),
    # computed-score notes
    "no_check_in": ("チェックインなし", "no check-in"),
    "numeric": ("開始値 {baseline} → 最新 {current}(目標値 {target})", "baseline {baseline} → latest {current} "
                "(target {target})"),
    "boolean_done": ("達成", "done"),
    "boolean_open": ("未達成", "not done"),
    "milestones": ("ステップ {done}/{total} 完了", "{done} of {total} steps done"),
    "threshold": ("チェックイン {inside}/{total} 回が基準内({band})", "{inside} of {total} check-ins within "
                  "the band ({band})"),
    # objectives carried into the next period
    "carried_head": ("{old} から継続({retro} の carry_forward)。okrsite new period が {today} に作成。",
                     "Continued from {old} (carry_forward of {retro}); written by okrsite new period on {today}."),
    "retro_note": ("振り返りのメモ: {note}", "Retrospective note: {note}"),
    "carried_body": ("{period} から継続する目標です(前期: {old})。", "Continued from {period} ({old})."),
    "baseline_from": ("{period} の最後の値({day})。{period} の開始値は {old}", "last value in {period} ({day}); "
                      "the baseline in {period} was {old}"),
    "baseline_kept": ("{period} にチェックインがなかったため、{period} の開始値のまま", "no check-in in {period}: "
                      "the baseline of {period}, unchanged"),
    "from_zero": ("。期ごとに0から数える値(四半期累計など)なら、baseline を 0 に戻してください",
                  "; if it counts from zero each period (a quarter's total), set the baseline back to 0"),
    "baseline_unknown": ("baseline: {period} にチェックインがなく、開始値はまだわかりません(最初のチェックインが開始値になります)",
                         "baseline: no check-in in {period}, so it is still unknown (the first check-in will be "
                         "the baseline)"),
    "target_reached": ("target: {period} の目標値 {target} には到達済み(最後の値 {last})。新しい目標値を書いてください",
                       "target: the target of {period}, {target}, is reached (last value {last}); write a new target"),
    "commit_dropped": ("commit {commit} は新しい開始値と目標値の間にないため外しました",
                       "commit {commit} left out: it no longer lies between the new baseline and the target"),
    "steps_done": ("{period} で完了したステップ(コピーしていません): {ids}", "steps done in {period} (not copied): {ids}"),
    "aligns_dropped": ("aligns_to: {period} では {ref} にアラインしていました。{next} にはないため外しました",
                       "aligns_to: in {period} this aligned to {ref}, which is not in {next}; left out"),
}


def _t(key: str, lang: str, **kw: Any) -> str:
    ja, en = TEXT[key]
    return (ja if lang == "ja" else en).format(**kw)


# --- YAML output --------------------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    """Block style, unicode, keys in the order given; multi-line text as a literal block; text that
    needs quotes in double quotes, as the sample content writes it (`unit: "%"`)."""

    def choose_scalar_style(self) -> str:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _yaml(value: Any, flow: bool = False) -> str:
    out = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=flow,
                    width=10**9)
    return out.rstrip("\n").removesuffix("\n...")


def _entry(key: str, value: Any, flow: bool = False) -> list[str]:
    """`key: value` as lines (lists of scalars in flow style, as the sample writes tags)."""
    if flow:
        return [f"{key}: {_yaml(value, flow=True)}"]
    return _yaml({key: value}).split("\n")


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def _comments(text: str, indent: str = "") -> list[str]:
    """A comment of several lines (the text's lines)."""
    return [indent + _comment(line) for line in text.split("\n")]


def _num(value: Any) -> Any:
    """63.0 → 63: numbers as a person writes them."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _show(value: Any, unit: str = "") -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        value = _num(round(value, 6))
    return f"{value}{unit}"


def _indent(lines: list[str], prefix: str) -> list[str]:
    return [prefix + line if line else line for line in lines]


def _item(lines: list[str], indent: str) -> list[str]:
    """Lines of a mapping as one block-sequence item (`- ` before the first key)."""
    out = []
    for i, line in enumerate(lines):
        out.append(indent + ("- " if i == 0 else "  ") + line)
    return out


def _document(front: list[str], body: str) -> str:
    return "---\n" + "\n".join(front) + "\n---\n" + body.strip() + "\n"


# --- results ----------------------------------------------------------------------------------------

class PeriodError(ValueError):
    """A period id that is not one of the scheme, or periods in the wrong order (a usage error)."""


@dataclass
class Outcome:
    """What a lifecycle command did; the CLI prints it."""

    org: Organization
    root: Path
    written: list[str] = field(default_factory=list)  # paths relative to the content directory
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)
    notes: list[str] = field(default_factory=list)  # for the team: replace/retire entries, units without retro
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return has_errors(self.org.diagnostics)


def parse_period(scheme: PeriodScheme, period_id: str, what: str = "PERIOD") -> Period:
    period = scheme.parse(period_id)
    if period is None:
        raise PeriodError(f"{what} `{period_id}` is not a period of the {scheme.scheme} scheme "
                          f"(e.g. {scheme.example()})")
    return period


def previous_period(scheme: PeriodScheme, period: Period) -> Period | None:
    """The period just before `period` in the scheme."""
    if scheme.scheme == "custom":
        earlier = [p for p in scheme.custom if p.end < period.start]
        return max(earlier, key=lambda p: p.start) if earlier else None
    return scheme.containing(period.start - dt.timedelta(days=1))


def check_written(root: Path, today: dt.date, written: list[str]) -> list[Diagnostic]:
    """What `okrsite check` now says about the files just written (warnings such as OKR504)."""
    if not written:
        return []
    org = load_organization(root, today)
    return [d for d in org.diagnostics
            if any(d.location.path == rel or d.location.path.endswith("/" + rel) for rel in written)]


# --- okrsite close ----------------------------------------------------------------------------------

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
    for unit in units:
        rel = f"retros/{period.id}/{unit.id}.md"
        path = root / rel
        if path.exists() or org.retro_of(unit, period) is not None:
            out.skipped.append((rel, "a retrospective exists already"))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as f:  # never overwrite, even a file written meanwhile
            f.write(retro_stub(org, unit, period, lang))
        out.written.append(rel)
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
             *_comments(_t("scores_head", lang, on=on.isoformat())),
             "scores:"]
    for obj in objectives:
        score = objective_progress(obj, org).score
        front.append("  " + _comment(_t("objective_score", lang, slug=obj.slug, title=obj.title,
                                        score=f"{score:.2f}")))
        for kr in obj.key_results:
            computed = round(kr_progress(kr, org).computed_score, 2)
            front.append(f"  {_yaml(kr.id)}: {{score: {float(computed)!r}, reason: \"\"}}  "
                         + _comment(_score_note(kr, org, lang)))
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


# --- okrsite new period -----------------------------------------------------------------------------

@dataclass
class _Carry:
    """One objective to write into the next period, and which of its key results go with it."""

    objective: Objective
    retro: Retro
    whole: bool = False  # the objective itself is marked continue
    key_results: list[KeyResult] = field(default_factory=list)  # in the objective's order
    notes: list[str] = field(default_factory=list)  # the retrospective's notes on the objective
    kr_notes: dict[str, str] = field(default_factory=dict)  # KR id -> note, for KRs marked continue


def start_period(root: Path, next_id: str, from_id: str | None, today: dt.date) -> Outcome:
    """Copy what the retrospectives of FROM mark `continue` into NEXT, modifying nothing of FROM."""
    root = Path(root)
    org = load_organization(root, today)
    nxt = parse_period(org.scheme, next_id, "NEXT")
    if from_id is None:
        old = previous_period(org.scheme, nxt)
        if old is None:
            raise PeriodError(f"no period comes before {nxt.id}; name one with --from")
    else:
        old = parse_period(org.scheme, from_id, "--from")
    if old.start >= nxt.start:
        raise PeriodError(f"--from {old.id} does not come before {nxt.id}")
    out = Outcome(org, root)
    if out.failed:
        return out
    if today <= old.end:
        out.warnings.append(f"{old.id} has not ended yet (it ends on {old.end}): baselines are the last values "
                            f"as of {today}")
    lang = org.settings.language
    plan = _plan(org, old, out)

    # what NEXT will hold: objectives already there, and those written now
    existing = {(o.unit.id, o.slug): {kr.id for kr in o.key_results}
                for o in org.objectives if o.period.id == nxt.id}
    next_kr_ids = {(o.unit.id, kr.id): o.slug for o in org.objectives if o.period.id == nxt.id
                   for kr in o.key_results}
    to_write: list[_Carry] = []
    for carry in plan:
        obj = carry.objective
        rel = f"okrs/{nxt.id}/{obj.unit.id}/{obj.slug}.md"
        if (root / rel).exists() or (obj.unit.id, obj.slug) in existing:
            out.skipped.append((rel, f"exists already in {nxt.id}"))
            continue
        kept = []
        for kr in carry.key_results:
            clash = next_kr_ids.get((obj.unit.id, kr.id))
            if clash is not None:
                out.skipped.append((f"{obj.unit.id}/{obj.slug}/{kr.id}",
                                    f"{nxt.id}/{obj.unit.id}/{clash} has a key result `{kr.id}` already"))
            else:
                kept.append(kr)
        carry.key_results = kept
        if not kept:
            out.skipped.append((rel, "none of its key results is left to carry"))
            continue
        to_write.append(carry)
    present = dict(existing)
    for carry in to_write:
        present[(carry.objective.unit.id, carry.objective.slug)] = {kr.id for kr in carry.key_results}

    for carry in to_write:
        obj = carry.objective
        rel = f"okrs/{nxt.id}/{obj.unit.id}/{obj.slug}.md"
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as f:
            f.write(carried_objective(carry, org, old, nxt, present, lang))
        out.written.append(rel)
    return out


def _plan(org: Organization, old: Period, out: Outcome) -> list[_Carry]:
    """Objectives and key results of `old` that the retrospectives mark continue."""
    retros = sorted((r for r in org.retros if r.period.id == old.id), key=lambda r: r.unit.id)
    with_objectives = sorted({o.unit.id for o in org.objectives if o.period.id == old.id})
    without = [u for u in with_objectives if not any(r.unit.id == u for r in retros)]
    if without:
        out.notes.append(f"no retrospective in {old.id} for {', '.join(without)}: nothing of theirs is carried")
    plan: list[_Carry] = []
    for retro in retros:
        if retro.status == "draft":
            out.warnings.append(f"{retro.rel} is still a draft; its carry_forward is used as it stands")
        carries: dict[str, _Carry] = {}  # objective slug -> what is carried of it
        stopped: dict[str, str] = {}  # KR qid -> replace | retire
        for c in retro.carry_forward:
            target = c.target
            if target is None:  # an error of okrsite check; never reached
                continue
            obj = target if isinstance(target, Objective) else target.objective
            name = f"{obj.unit.id}/{obj.slug}" + (f"/{target.id}" if isinstance(target, KeyResult) else "")
            if c.action != "continue":
                out.notes.append(f"{c.action}: {name}" + (f" ({c.note})" if c.note else "")
                                 + (": write its successor in the new period" if c.action == "replace" else ""))
                if isinstance(target, KeyResult):
                    stopped[target.qid] = c.action
                continue
            carry = carries.setdefault(obj.slug, _Carry(obj, retro))
            if isinstance(target, Objective):
                carry.whole = True
                if c.note:
                    carry.notes.append(c.note)
            else:
                carry.kr_notes[target.id] = c.note or ""
        for carry in carries.values():
            obj = carry.objective
            for kr in obj.key_results:
                name = f"{obj.unit.id}/{obj.slug}/{kr.id}"
                if not (carry.whole or kr.id in carry.kr_notes):
                    continue
                if kr.qid in stopped and kr.id not in carry.kr_notes:
                    continue  # its own entry says replace or retire (listed in the notes)
                why = _achieved(kr, org)
                if why:
                    out.skipped.append((name, why))
                    continue
                carry.key_results.append(kr)
            plan.append(carry)
    return sorted(plan, key=lambda c: (c.objective.unit.id, c.objective.slug))


def _last(kr: KeyResult, org: Organization):
    checks = check_ins_until(kr, org.today)
    return checks[-1] if checks else None


def _achieved(kr: KeyResult, org: Organization) -> str:
    """Why a key result is not copied: a boolean already true, a milestones KR with every step done."""
    last = _last(kr, org)
    if last is None:
        return ""
    if kr.kind == "boolean" and last.value == kr.target:
        return f"already achieved in {kr.objective.period.id} (a boolean key result)"
    if kr.kind == "milestones" and kr.steps and {s.id for s in kr.steps} <= set(last.value or []):
        return f"every step was done in {kr.objective.period.id}"
    return ""


def _shift(day: dt.date | None, old: Period, nxt: Period) -> dt.date | None:
    if day is None:
        return None
    return min(nxt.start + (day - old.start), nxt.end)


def _short_ref(target: Objective | KeyResult) -> tuple[str, str, str | None]:
    if isinstance(target, KeyResult):
        return target.objective.unit.id, target.objective.slug, target.id
    return target.unit.id, target.slug, None


def _aligns(item: Objective | KeyResult, present: dict[tuple[str, str], set[str]], old: Period, nxt: Period,
            lang: str) -> list[str]:
    """`aligns_to` in NEXT: the same target's short form when it is there, else a comment saying what it was."""
    target = item.aligns_to
    if target is None:
        return []
    unit, slug, kr = _short_ref(target)
    found = present.get((unit, slug))
    if found is not None and (kr is None or kr in found):
        return [f"aligns_to: {unit}/{slug}" + (f"/{kr}" if kr else "")]
    before = target.qid if _owner(target).period.id != old.id else target.qid.split("/", 1)[1]
    return [_comment(_t("aligns_dropped", lang, period=old.id, ref=before, next=nxt.id))]


def _owner(target: Objective | KeyResult) -> Objective:
    return target.objective if isinstance(target, KeyResult) else target


def _kr_lines(kr: KeyResult, org: Organization, old: Period, nxt: Period,
              present: dict[tuple[str, str], set[str]], lang: str, note: str | None) -> list[str]:
    """One key result as it starts in NEXT, keys in the order of docs/format.md."""
    lines = _entry("id", kr.id)
    if note:
        lines.append(_comment(_t("retro_note", lang, note=note)))
    lines += _entry("title", kr.title) + _entry("kind", kr.kind)
    last = _last(kr, org)

    def with_comment(key: str, value: Any, comment: str) -> list[str]:
        entry = _entry(key, value)
        return [f"{entry[0]}  {_comment(comment)}"] if len(entry) == 1 else [_comment(comment), *entry]

    def baseline_lines() -> list[str]:
        if last is None:
            if kr.baseline is None:  # "measure the baseline first", still unmeasured
                return [_comment(_t("baseline_unknown", lang, period=old.id))]
            return with_comment("baseline", _num(kr.baseline), _t("baseline_kept", lang, period=old.id))
        why = _t("baseline_from", lang, period=old.id, day=last.date.isoformat(),
                 old=_show(kr.baseline) if kr.baseline is not None else "-")
        if kr.baseline == 0 and last.value != 0 and kr.kind in NUMERIC:  # e.g. 四半期累計: counts restart at 0
            why += _t("from_zero", lang)
        return with_comment("baseline", _num(last.value), why)

    unit = "" if kr.kind == "percentage" and kr.unit_label == "%" else kr.unit_label
    if kr.kind in NUMERIC:
        baseline = last.value if last is not None else kr.baseline
        target, direction = kr.target, kr.direction
        reached = (target is not None and baseline is not None and direction is not None
                   and (baseline >= target if direction == "increase" else baseline <= target))
        lines += baseline_lines()
        if reached:  # baseline == target would be OKR302: no target, so OKR504 asks for a new one
            lines.append(_comment(_t("target_reached", lang, period=old.id, target=_show(target, unit),
                                     last=_show(baseline, unit))))
        elif target is not None:
            lines += _entry("target", _num(target))
        if unit:
            lines += _entry("unit", unit)
        if direction:
            lines += _entry("direction", direction)
        if target is not None and not reached and direction:
            sign = 1 if direction == "increase" else -1
            if kr.commit is not None:
                if baseline is None or (sign * (kr.commit - baseline) > 0 and sign * (target - kr.commit) >= 0):
                    lines += _entry("commit", _num(kr.commit))
                else:
                    lines.append(_comment(_t("commit_dropped", lang, commit=_show(kr.commit, unit))))
            if kr.stretch is not None and sign * (kr.stretch - target) > 0:
                lines += _entry("stretch", _num(kr.stretch))
    elif kr.kind == "boolean":  # not achieved, or it would not be copied
        lines += _entry("baseline", bool(last.value if last is not None else kr.baseline))
        lines += _entry("target", bool(kr.target))
    elif kr.kind == "threshold":
        lines += baseline_lines()
        if unit:
            lines += _entry("unit", unit)
        for key, value in (("min", kr.min), ("max", kr.max)):
            if value is not None:
                lines += _entry(key, _num(value))
    if kr.kind == "milestones":
        done = set(last.value or []) if last is not None else set()
        if done:
            lines.append(_comment(_t("steps_done", lang, period=old.id,
                                     ids=", ".join(s.id for s in kr.steps if s.id in done))))
        lines.append("steps:")
        for s in kr.steps:
            if s.id in done:
                continue
            step: dict[str, Any] = {"id": s.id, "title": s.title}
            if s.weight != 1:
                step["weight"] = _num(s.weight)
            if s.due:
                step["due"] = _shift(s.due, old, nxt)
            flow = _yaml(step, flow=True)
            lines += [f"  - {flow}"] if "\n" not in flow else _item(_yaml(step).split("\n"), "  ")
    if kr.weight != 1:
        lines += _entry("weight", _num(kr.weight))
    if kr.owner:
        lines += _entry("owner", kr.owner)
    if kr.due:
        lines += _entry("due", _shift(kr.due, old, nxt))
    lines += _aligns(kr, present, old, nxt, lang)
    if kr.measurement:
        lines += _entry("measurement", kr.measurement)
    return lines


def carried_objective(carry: _Carry, org: Organization, old: Period, nxt: Period,
                      present: dict[tuple[str, str], set[str]], lang: str) -> str:
    """The objective file in NEXT: what the team carries, ready to be reviewed in a pull request."""
    obj = carry.objective
    front = [_comment(_t("carried_head", lang, old=obj.qid, retro=carry.retro.rel, today=org.today.isoformat()))]
    front += [_comment(_t("retro_note", lang, note=n)) for n in carry.notes]
    front += _entry("title", obj.title) + _entry("owner", obj.owner) + _entry("type", obj.type)
    front += _aligns(obj, present, old, nxt, lang)
    if obj.visibility != "company":
        front += _entry("visibility", obj.visibility)
    if obj.tags:
        front += _entry("tags", obj.tags, flow=True)
    front.append("key_results:")
    ids = {kr.id for kr in carry.key_results}
    for kr in carry.key_results:
        front += _item(_kr_lines(kr, org, old, nxt, present, lang, carry.kr_notes.get(kr.id)), "  ")
    initiatives = []
    for ini in obj.initiatives:
        served = [k for k in ini.key_result_ids if k in ids]
        if ini.status in ("planned", "in-progress") and served:
            lines = _entry("title", ini.title) + _entry("key_results", served, flow=True)
            lines += _entry("status", ini.status)
            if ini.owner:
                lines += _entry("owner", ini.owner)
            if ini.link:
                lines += _entry("link", ini.link)
            initiatives.append(lines)
    if initiatives:
        front.append("initiatives:")
        for lines in initiatives:
            front += _item(lines, "  ")
    body = _t("carried_body", lang, period=old.id, old=obj.qid)
    if obj.body:
        body += "\n\n" + obj.body
    return _document(front, body)


# --- printing (the CLI) -------------------------------------------------------------------------------

def echo_outcome(out: Outcome, today: dt.date, color: bool = False) -> int:
    """Print what was done (stdout) and warnings (stderr); the exit status: 0 done, 1 errors."""
    import click

    from .diagnostics import display_path
    from .output import render_text

    org = out.org
    if out.failed:
        click.echo(render_text(org.diagnostics, org.files_checked, color), color=color)
        click.echo("nothing written: the content has errors; fix them first (okrsite check)", err=True)
        return 1
    for warning in out.warnings:
        click.echo(f"warning: {warning}", err=True)
    for rel in out.written:
        click.echo(f"wrote   {display_path(out.root / rel)}")
    for what, why in out.skipped:
        click.echo(f"skipped {display_path(out.root / what) if what.endswith('.md') else what}: {why}")
    for note in out.notes:
        click.echo(f"note: {note}")
    click.echo(f"{len(out.written)} file{'s' if len(out.written) != 1 else ''} written, "
               f"{len(out.skipped)} skipped")
    diags = check_written(out.root, today, out.written)
    if diags:
        click.echo("\nokrsite check on the files written:")
        click.echo(render_text(diags, len(out.written), color), color=color)
    return 1 if has_errors(diags) else 0
