"""Vega-Lite specs of every chart, from the same numbers the pages show.

Building a chart with Altair costs about 10 ms, copying a dict 0.015 ms: each chart kind
is built once per language with Altair (validated against the Vega-Lite schema), and each
KR's, objective's, unit's or period's data is filled into a copy as named datasets.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

import altair as alt

from ..model.organization import KeyResult, Objective, Unit
from ..model.periods import Period
from ..scoring.bands import score_band, success_line
from ..scoring.pace import check_ins_until, expected_at, milestone_share, pace_end
from ..scoring.progress import FINAL_ORDER, STATUS_ORDER, KRProgress, ObjectiveProgress
from ..text.escape import plain_text
from ..text.i18n import label
from ..text.inline import inline_plain
from .data import ChartData
from .theme import ACCENT, BAND_COLORS, CONFIG, MUTED, STATUS_COLORS

WIDTH, HEIGHT = 560, 220


@dataclass(frozen=True)
class Chart:
    """One chart: its stable id (the path of its published files, without extension), its
    Vega-Lite spec and a text alternative that says what the chart shows."""

    id: str
    spec: dict[str, Any]
    alt: str
    title: str


def _finish(chart: alt.TopLevelMixin) -> dict[str, Any]:
    spec = chart.configure(**CONFIG).to_dict(validate=True)
    spec.pop("datasets", None)
    return spec


def _fill(template: dict[str, Any], datasets: dict[str, list[dict]], title: str, subtitle: str,
          description: str) -> dict[str, Any]:
    spec = copy.deepcopy(template)
    spec["datasets"] = datasets
    spec["title"] = {"text": title, "subtitle": subtitle} if subtitle else {"text": title}
    spec["description"] = description
    return spec


# --- key result: values over the period --------------------------------------------------------------
@cache
def _kr_template(lang: str) -> dict[str, Any]:
    x = alt.X("date:T", title=None, scale=alt.Scale(nice=False), axis=alt.Axis(format="%m/%d", tickCount=6))
    y = alt.Y("y:Q", title="y", scale=alt.Scale(zero=False, nice=True))
    frame = alt.Chart(alt.NamedData("frame")).mark_point(opacity=0).encode(x=x, y=y)
    pace = alt.Chart(alt.NamedData("pace")).mark_line(strokeDash=[4, 4], color=MUTED, strokeWidth=1.5).encode(x=x, y=y)
    rules = alt.Chart(alt.NamedData("rules")).mark_rule(strokeWidth=1.5).encode(
        y="y:Q", color=alt.Color("color:N", scale=None))
    rule_text = alt.Chart(alt.NamedData("rules")).mark_text(align="left", dx=4, dy=-6, fontSize=10).encode(
        x=alt.value(0), y="y:Q", text="label:N")
    today = alt.Chart(alt.NamedData("today")).mark_rule(strokeDash=[2, 3], color=MUTED).encode(x="date:T")
    today_text = alt.Chart(alt.NamedData("today")).mark_text(align="left", dx=3, baseline="bottom", dy=-2,
                                                             fontSize=10, color=MUTED).encode(
        x="date:T", y=alt.value(HEIGHT), text="label:N")
    tooltip = [alt.Tooltip("date:T", title=label("date", lang), format="%Y-%m-%d"),
               alt.Tooltip("label:N", title=label("current", lang)),
               alt.Tooltip("confidence_text:N", title=label("confidence", lang)),
               alt.Tooltip("note:N", title=label("note", lang))]
    line = alt.Chart(alt.NamedData("values")).mark_line(color=ACCENT, strokeWidth=2).encode(x=x, y=y)
    points = alt.Chart(alt.NamedData("values")).mark_circle(color=ACCENT, stroke="white", strokeWidth=1).encode(
        x=x, y=y, tooltip=tooltip,
        size=alt.Size("confidence:Q", scale=alt.Scale(domain=[0, 1], range=[25, 160]),
                      legend=alt.Legend(title=label("confidence", lang), orient="bottom", direction="horizontal")),
        opacity=alt.condition("datum.confidence == null", alt.value(0.6), alt.value(1)))
    chart = alt.layer(frame, pace, rules, rule_text, today, today_text, line, points).properties(
        width=WIDTH, height=HEIGHT)
    return _finish(chart)


def _y(kr: KeyResult, p: KRProgress, value: Any) -> float | None:
    """The plotted value: the KR's own number, or its progress in % for boolean and milestones."""
    if kr.kind == "boolean":
        return 100.0 if value is True else 0.0
    if kr.kind == "milestones":
        return 100.0 * milestone_share(kr, value)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def kr_chart(chart_id: str, kr: KeyResult, p: KRProgress, data: ChartData) -> Chart:
    lang = data.lang
    period = kr.objective.period
    percent_scale = kr.kind in ("boolean", "milestones")
    y_title = f"{label('progress', lang)} (%)" if percent_scale else kr.unit_label
    checks = check_ins_until(kr, data.today)
    values = [{"date": c.date.isoformat(), "y": _y(kr, p, c.value), "label": data.words.value(kr, c.value),
               "confidence": c.confidence, "confidence_text": data.words.confidence(c.confidence),
               "note": c.note or ""} for c in checks]
    rules: list[dict] = []
    pace: list[dict] = []
    success = success_line(kr.objective.type, data.org)
    if kr.kind == "threshold":
        if kr.min is not None:
            rules.append({"y": kr.min, "label": data.words.t("at_least", v=data.words.value(kr, kr.min)), "color": STATUS_COLORS["on_track"]})
        if kr.max is not None:
            rules.append({"y": kr.max, "label": data.words.t("at_most", v=data.words.value(kr, kr.max)), "color": STATUS_COLORS["on_track"]})
    else:
        base = 0.0 if percent_scale else p.baseline
        target = 100.0 if percent_scale else kr.target
        if isinstance(target, (int, float)):
            rules.append({"y": target, "label": f"{label('target', lang)} {data.words.target_text(kr)}", "color": ACCENT})
            if isinstance(base, (int, float)):
                pace = _pace(kr, base, target, success)
    frame = [{"date": period.start.isoformat(), "y": rules[0]["y"] if rules else 0},
             {"date": period.end.isoformat(), "y": rules[0]["y"] if rules else 0}]
    today = [{"date": data.today.isoformat(), "label": label("as_of", lang, date=data.words.short_date(data.today))}] \
        if period.contains(data.today) else []
    status = data.words.status_label(p.status)
    subtitle = f"{data.words.baseline_text(kr, p)} → {data.words.value(kr, p.current)} → {data.words.target_text(kr)} · " \
               f"{label('progress', lang)} {data.words.pct(p.progress)} · {status}"
    alt_text = _kr_alt(kr, p, data, values)
    spec = _fill(_kr_template(lang), {"frame": frame, "pace": pace, "rules": rules, "today": today,
                                      "values": values}, inline_plain(kr.title), subtitle, alt_text)
    for layer in spec["layer"]:  # the y axis says the KR's unit (%, 件, 円 …)
        y = layer.get("encoding", {}).get("y")
        if isinstance(y, dict) and y.get("title") == "y":
            y["title"] = plain_text(y_title) or None  # one line: Vega-Lite quotes it into an expression
    return Chart(chart_id, spec, alt_text, inline_plain(kr.title))


def _pace(kr: KeyResult, base: float, target: float, success: float) -> list[dict]:
    """The expected-pace line (scoring's expected_at), drawn through the KR's due date when it
    falls inside the period, where the line reaches the success line and then stays level."""
    period = kr.objective.period
    days = sorted({period.start, pace_end(kr), period.end})
    return [{"date": day.isoformat(), "y": base + expected_at(kr, day, success) * (target - base)} for day in days]


def _kr_alt(kr: KeyResult, p: KRProgress, data: ChartData, values: list[dict]) -> str:
    lang = data.lang
    parts = [f"{inline_plain(kr.title)}: {label('baseline', lang)} {data.words.baseline_text(kr, p)}, "
             f"{label('current', lang)} {data.words.value(kr, p.current)}"
             + (f" ({data.words.short_date(p.last_check_in.date)})" if p.last_check_in else "")
             + f", {label('target', lang)} {data.words.target_text(kr)}.",
             f"{label('progress', lang)} {data.words.pct(p.progress)}, {data.words.status_label(p.status)}.",
             f"{label('check_ins', lang)}: {len(values)}."]
    return " ".join(parts)


# --- objective: its KRs' progress side by side ------------------------------------------------------------
@cache
def _objective_template(lang: str) -> dict[str, Any]:
    y = alt.Y("kr:N", title=None, sort=alt.EncodingSortField("order", op="min"), axis=alt.Axis(labelLimit=220))
    x = alt.X("shown:Q", title=f"{label('progress', lang)} (%)", scale=alt.Scale(domain=[0, 100], clamp=True))
    colors = alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values()))
    bars = alt.Chart(alt.NamedData("krs")).mark_bar(height=14, cornerRadiusEnd=2).encode(
        y=y, x=x, color=alt.Color("status:N", scale=colors, legend=None),
        tooltip=[alt.Tooltip("kr:N", title=label("key_result", lang)),
                 alt.Tooltip("pct:N", title=label("progress", lang)),
                 alt.Tooltip("status_label:N", title=label("status", lang))])
    pace = alt.Chart(alt.NamedData("krs")).mark_tick(color="currentColor", thickness=2, size=20, opacity=0.7).encode(
        y=y, x="expected:Q")
    text = alt.Chart(alt.NamedData("krs")).mark_text(align="left", dx=4, fontSize=11).encode(
        y=y, x="shown:Q", text="pct:N")
    goal = alt.Chart(alt.NamedData("goal")).mark_rule(strokeDash=[4, 3], color=MUTED).encode(x="x:Q")
    return _finish(alt.layer(bars, pace, text, goal).properties(width=WIDTH - 200))


def objective_chart(chart_id: str, obj: Objective, p: ObjectiveProgress, data: ChartData) -> Chart:
    lang = data.lang
    rows = []
    for i, kp in enumerate(p.key_results):
        shown = 0.0 if kp.progress is None else max(0.0, min(100.0, kp.progress * 100))
        rows.append({"kr": inline_plain(kp.key_result.title), "order": i, "shown": shown, "pct": data.words.pct(kp.progress),
                     "expected": kp.expected * 100, "status": kp.status.value,
                     "status_label": data.words.status_label(kp.status)})
    success = success_line(obj.type, data.org) * 100
    subtitle = f"{label('progress', lang)} {data.words.pct(p.progress)} · {label('score', lang)} {data.words.score(p.score)} · " \
               f"{data.words.status_label(p.status)}"
    alt_text = f"{inline_plain(obj.title)}: " + "; ".join(f"{r['kr']} {r['pct']} ({r['status_label']})" for r in rows) + "."
    spec = _fill(_objective_template(lang), {"krs": rows, "goal": [{"x": success}]}, inline_plain(obj.title), subtitle, alt_text)
    spec["height"] = max(60, 34 * len(rows))
    return Chart(chart_id, spec, alt_text, inline_plain(obj.title))


# --- units and periods ------------------------------------------------------------------------------------
@cache
def _status_template(lang: str) -> dict[str, Any]:
    every = (*STATUS_ORDER, *FINAL_ORDER)  # pace statuses, and a finished period's final states
    colors = alt.Scale(domain=[s.value for s in every], range=[STATUS_COLORS[s.value] for s in every])
    y = alt.Y("label:N", title=None, sort=alt.EncodingSortField("order", op="min"))
    bars = alt.Chart(alt.NamedData("counts")).mark_bar(height=16, cornerRadiusEnd=2).encode(
        y=y, x=alt.X("count:Q", title=label("objectives", lang), axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("status:N", scale=colors, legend=None),
        tooltip=[alt.Tooltip("label:N", title=label("status", lang)), alt.Tooltip("count:Q", title="#")])
    text = alt.Chart(alt.NamedData("counts")).mark_text(align="left", dx=4).encode(y=y, x="count:Q", text="count:Q")
    return _finish(alt.layer(bars, text).properties(width=WIDTH - 160))


def status_chart(chart_id: str, title: str, counts: dict, data: ChartData) -> Chart:
    rows = [{"status": s.value, "label": data.words.status_label(s), "count": n, "order": i}
            for i, (s, n) in enumerate(counts.items())]
    alt_text = f"{title}: " + ", ".join(f"{r['label']} {r['count']}" for r in rows) + "."
    spec = _fill(_status_template(data.lang), {"counts": rows}, title, data.words.t("status_counts"), alt_text)
    return Chart(chart_id, spec, alt_text, title)


@cache
def _scores_template(lang: str) -> dict[str, Any]:
    colors = alt.Scale(domain=list(BAND_COLORS), range=list(BAND_COLORS.values()))
    y = alt.Y("unit:N", title=None, sort=alt.EncodingSortField("score", op="max", order="descending"),
              axis=alt.Axis(labelLimit=200))
    bars = alt.Chart(alt.NamedData("scores")).mark_bar(height=14, cornerRadiusEnd=2).encode(
        y=y, x=alt.X("score:Q", title=label("score", lang), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("band:N", scale=colors, legend=None),
        tooltip=[alt.Tooltip("unit:N", title=label("unit", lang)), alt.Tooltip("score_text:N", title=label("score", lang))])
    text = alt.Chart(alt.NamedData("scores")).mark_text(align="left", dx=4).encode(
        y=y, x="score:Q", text="score_text:N")
    goal = alt.Chart(alt.NamedData("goal")).mark_rule(strokeDash=[4, 3], color=MUTED).encode(x="x:Q")
    return _finish(alt.layer(bars, text, goal).properties(width=WIDTH - 200))


def scores_chart(chart_id: str, title: str, scores: list[tuple[Unit, float]], data: ChartData) -> Chart:
    # numbers are written by text/ (the one rounding rule), never by Vega's own format strings
    # an unscored unit has no bar (never a 0.00); the alt text names it as unscored
    rows = [{"unit": u.name, "score": round(s, 4), "score_text": data.words.score(s), "band": band(s)}
            for u, s in scores if s is not None]
    rows_text = rows + [{"unit": u.name, "score_text": data.words.t("unscored")} for u, s in scores if s is None]
    alt_text = f"{title}: " + ", ".join(f"{r['unit']} {r['score_text']}" for r in rows_text) + "."
    goal = [{"x": success_line("aspirational", data.org)}]
    spec = _fill(_scores_template(data.lang), {"scores": rows, "goal": goal},
                 title, data.words.t("score_scale"), alt_text)
    spec["height"] = max(60, 24 * len(rows))
    return Chart(chart_id, spec, alt_text, title)


@cache
def _history_template(lang: str) -> dict[str, Any]:
    x = alt.X("period:N", title=None, sort=alt.EncodingSortField("order", op="min"), axis=alt.Axis(labelAngle=0))
    y = alt.Y("score:Q", title=label("score", lang), scale=alt.Scale(domain=[0, 1]))
    colors = alt.Scale(domain=list(BAND_COLORS), range=list(BAND_COLORS.values()))
    bars = alt.Chart(alt.NamedData("history")).mark_bar(width=36, cornerRadiusEnd=2).encode(
        x=x, y=y, color=alt.Color("band:N", scale=colors, legend=None),
        tooltip=[alt.Tooltip("period:N", title=label("period", lang)), alt.Tooltip("score_text:N", title=label("score", lang))])
    text = alt.Chart(alt.NamedData("history")).mark_text(dy=-6).encode(
        x=x, y="score:Q", text="score_text:N")
    goal = alt.Chart(alt.NamedData("goal")).mark_rule(strokeDash=[4, 3], color=MUTED).encode(y="y:Q")
    return _finish(alt.layer(bars, text, goal).properties(width=WIDTH - 160, height=HEIGHT - 40))


def history_chart(chart_id: str, unit: Unit, history: list[tuple[Period, float]], data: ChartData) -> Chart:
    rows = [{"period": data.words.period_name(p), "order": i, "score": round(s, 4), "score_text": data.words.score(s),
             "band": band(s)} for i, (p, s) in enumerate(history) if s is not None]
    title = f"{unit.name}: {data.words.t('history')}"
    alt_text = f"{title}: " + ", ".join(f"{r['period']} {r['score_text']}" for r in rows) + "."
    spec = _fill(_history_template(data.lang), {"history": rows,
                                                 "goal": [{"y": success_line("aspirational", data.org)}]},
                 title, data.words.t("score_scale"), alt_text)
    return Chart(chart_id, spec, alt_text, title)


def band(score: float | None) -> str:
    return "none" if score is None else score_band(score)


def iso(day: dt.date) -> str:
    return day.isoformat()
