"""The diff as a pull-request comment (GitHub-flavoured Markdown), in the organization's language.

Contributors' text goes through text/escape.markdown_text; values, percentages and statuses are
formatted by text/words.Words exactly as the site prints them.
"""

from __future__ import annotations

import json
from typing import Any

from ..text.escape import markdown_text
from ..text.words import Words
from .diff import MARKER, CheckInUpdate, ItemChange, OrgDiff, Problem, ScoreChange, TargetChange
from .kpi_review import diff_lines as kpi_diff_lines

ICONS = {"added": "➕", "removed": "➖", "edited": "✏️", "error": "❌", "warning": "⚠️"}
ACTIONS = {"added": "diff_added", "removed": "diff_removed", "edited": "diff_edited"}  # their labels
MAX_SHOWN = 60  # characters of a changed field's value shown in the comment


def _code(text: str) -> str:
    """Inline code that survives backticks in the text."""
    text = text.replace("\n", " ")
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _name(title: str, qid: str) -> str:
    return f"**{markdown_text(title)}** ({_code(qid)})"


def _item(w: Words, c: ItemChange) -> str:
    what = w.t("objective" if c.kind == "objective" else "key_result")
    line = f"- {ICONS[c.action]} {w.t(ACTIONS[c.action], what=what)}: {_name(c.title, c.qid)}"
    if c.fields:
        shown = [f"{_code(f.field)} {_code(_short(f.old))} → {_code(_short(f.new))}" if f.field != "body"
                 else _code("body") for f in c.fields]
        line += " — " + ", ".join(shown)
    return line


def _items(w: Words, items: tuple[ItemChange, ...]) -> list[str]:
    return [f"#### {w.t('diff_items')}", "", *(_item(w, c) for c in items), ""]


def _arrow(old: str | None, new: str) -> str:
    return new if old is None or old == new else f"{old} → {new}"


def _update_row(w: Words, u: CheckInUpdate) -> str:
    old = u.old
    value = _arrow(w.value(u.kr, old.value) if old else None, w.value(u.kr, u.new.value))
    progress = _arrow(w.pct(old.progress) if old else None, w.pct(u.new.progress))
    status = _arrow(w.status_label(old.status) if old else None, w.status_label(u.new.status))
    new_kr = f" ({w.t('diff_new_kr')})" if old is None else ""
    return f"| {_name(u.title, u.qid)}{new_kr} | {markdown_text(value)} | {progress} | {markdown_text(status)} |"


def _check_ins(w: Words, updates: tuple[CheckInUpdate, ...]) -> list[str]:
    head = f"| {w.t('key_result')} | {w.t('diff_value')} | {w.t('progress')} | {w.t('status')} |"
    return [f"#### {w.t('check_ins')}", "", head, "|---|---|---|---|", *(_update_row(w, u) for u in updates), ""]


def _target(w: Words, t: TargetChange, prefix: str) -> str:
    change = f"{_code(t.field)} {_code(_short(t.old))} → {_code(_short(t.new))}"
    if t.reason is None:
        why = f"{ICONS['warning']} **{w.t('diff_no_record')}**"
    elif not t.reason_recorded:
        why = f"{ICONS['warning']} *{w.t('reason_unrecorded')}*"
    else:
        why = f"{w.t('reason')}: {markdown_text(t.reason)}"
    where = f" ({w.t('diff_recorded_in', file=_code(prefix + t.record))})" if t.record else ""
    return f"- {_name(t.title, t.qid)}: {change} — {why}{where}"


def _targets(w: Words, targets: tuple[TargetChange, ...], prefix: str) -> list[str]:
    return [f"#### {w.t('diff_targets')}", "", *(_target(w, t, prefix) for t in targets), ""]


def _score(w: Words, s: ScoreChange) -> str:
    what = w.t("objective" if s.kind == "objective" else "key_result")
    return f"- {what}: {_name(s.title, s.qid)}: {_arrow(w.score(s.old), w.score(s.new))}"


def _scores(w: Words, scores: tuple[ScoreChange, ...]) -> list[str]:
    return [f"#### {w.t('diff_scores')}", "", *(_score(w, s) for s in scores), ""]


def _problem(p: Problem, prefix: str) -> str:
    where = f"{prefix}{p.file}" + (f":{p.line}:{p.column or 1}" if p.line else "")
    return f"- {ICONS[p.severity]} {_code(where)} **{p.code}** {markdown_text(p.message)}"


def _problems(w: Words, d: OrgDiff) -> list[str]:
    lines = [f"#### {w.t('diff_problems')}", ""] if d.problems else []
    lines += [_problem(p, d.prefix) for p in d.problems]
    if d.fixed:
        lines += ["", w.t("diff_fixed", n=d.fixed)] if d.problems else [w.t("diff_fixed", n=d.fixed)]
    return [*lines, ""]


def render_markdown(d: OrgDiff) -> str:
    """The whole comment, starting with the marker a workflow updates it by."""
    w = Words(d.lang)
    out = [MARKER, f"### {w.t('diff_title', base=_code(d.base), head=_code(d.head))}", ""]
    if d.empty:
        return "\n".join([*out, w.t("diff_none"), ""])
    if d.items:
        out += _items(w, d.items)
    if d.check_ins:
        out += _check_ins(w, d.check_ins)
    if d.targets:
        out += _targets(w, d.targets, d.prefix)
    if d.scores:
        out += _scores(w, d.scores)
    if d.kpis:
        out += kpi_diff_lines(w, d.kpis)
    if d.problems or d.fixed:
        out += _problems(w, d)
    return "\n".join(out).rstrip() + "\n"
