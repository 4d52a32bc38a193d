"""Vega-Lite specs of every chart, from the same numbers the pages show.

Building a chart with Altair costs about 10 ms, copying a dict 0.015 ms: each chart kind
is built once per language with Altair (validated against the Vega-Lite schema), and each
KR's, objective's, unit's or period's data is filled into a copy as named datasets.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model.organization import CheckIn, KeyResult, Objective, Unit
from ..model.periods import Period
from ..scoring.bands import score_band, success_line
from ..scoring.pace import check_ins_until, expected_at, milestone_share, pace_end
from ..scoring.progress import FINAL_ORDER, STATUS_ORDER, KRProgress, ObjectiveProgress, Status
from ..text.escape import plain_text
from ..text.i18n import label
from ..text.inline import inline_plain
from .data import ChartData
from .kept_specs import kept
from .theme import ACCENT, BAND_COLORS, CONFIG, MUTED, STATUS_COLORS

if TYPE_CHECKING:  # built into templates only, when they are not kept (kept_specs.py)
    import altair as alt

# Every chart is drawn for a phone's column: WIDTH is its whole width (axes, labels, legend and title
# included: autosize fit-x), so the page shows its 11 px text at 11 px or larger on any screen
# (okrsite.css widens it to its container, up to 1.375 times). Wider screens do not get a wider drawing:
# an image's text would shrink wherever the column is narrower than the drawing.
WIDTH, HEIGHT = 320, 200
TITLE_PX, SUBTITLE_PX = 13, 11  # theme.CONFIG's title and subtitle sizes
TITLE_LINES = 2
# Bar charts of KRs or units: each row its name on a line of its own (the chart's whole width, cut with
# "…" beyond: the text alternative has it whole), its bar under it; ROW px a row, so 50 units make a
# 50-row chart as readable as a 5-row one.
ROW, BAR, BAR_OFFSET = 30, 10, 7
# Rows are placed by their position in the list ("order"), never by their names: rows keyed by name
# would draw two KRs of one title, or two teams of one name in different divisions, as one row.
STATUS_ROW = 20  # the status-count chart's rows: Vega-Lite's own step (its spec sets no height)
# A chart's size is known before it is drawn (`Chart.size`), so a build lays out its pages while the
# charts are drawn (issue 15): WIDTH wide, and as high as its plot, the room its template takes
# for the axes, the legend and a one-line title, and each further line of title and subtitle. The
# room is the most measured on the samples' and a 2,000-unit organization's charts: a label drawn
# above a mark at the top of the plot (a target's label, a score of 1.00 over its bar) reaches
# about 6 px above the axis' top label, which the KR and history charts' room holds. The published
# SVG is given exactly that height (charts/publish.py, `fitted`).
TITLE_LINE, SUBTITLE_LINE = 15, 13  # px a line of the theme's 13 px title and 11 px subtitle takes
ROOM_KR, ROOM_BARS, ROOM_STATUS, ROOM_HISTORY, ROOM_KPI = 108, 62, 61, 58, 52


def _row_labels(data: str, field: str, y: alt.Y) -> alt.Chart:
    """The rows' names, above their bars (an axis label could only be as wide as the bars let it)."""
    import altair as alt  # called by templates only (kept_specs.py)

    return alt.Chart(alt.NamedData(data)).mark_text(align="left", baseline="bottom", dy=-1, limit=WIDTH - 8).encode(
        y=y, x=alt.value(0), text=f"{field}:N")


@dataclass(frozen=True)
class Chart:
    """One chart: its stable id (the path of its published files, without extension), its
    Vega-Lite spec and a text alternative that says what the chart shows."""

    id: str
    spec: dict[str, Any]
    alt: str
    title: str
    size: tuple[int, int]  # (width, height) px as published, known before it is drawn


def drawn_size(spec: dict[str, Any], plot: int, room: int) -> tuple[int, int]:
    """The size a chart of `spec` is published at: its plot `plot` px high, `room` px for its
    template's axes, legend and a one-line title, and its further title and subtitle lines."""
    title = spec.get("title") if isinstance(spec.get("title"), dict) else {}
    lines = str(title.get("text", "")).count("\n") * TITLE_LINE
    if title.get("subtitle"):
        lines += (str(title["subtitle"]).count("\n") + 1) * SUBTITLE_LINE
    return WIDTH, plot + room + lines


def _finish(chart: alt.TopLevelMixin) -> dict[str, Any]:
    spec = chart.configure(**CONFIG).to_dict(validate=True)
    spec.pop("datasets", None)
    spec["width"] = WIDTH
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    spec.setdefault("config", {})["lineBreak"] = "\n"  # the titles' lines (wrap)
    return spec


# Text drawn in a chart is clipped at this many characters (with "…"): a renderer measures every glyph
# of what it draws, so a 100 KB title would cost minutes, and a chart cannot show more than a line
# anyway. The text alternative (`description`, and the page's alt text) keeps every word.
CHART_TEXT_MAX = 120


def clip(text: str, limit: int = CHART_TEXT_MAX) -> str:
    """`text` as a chart draws it: whole up to `limit` characters, else cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _px(text: str, font_px: float) -> float:
    """About how wide `text` is drawn: a CJK character 1 em, anything else 0.6 em (a bold sans's mean)."""
    return sum(font_px if _wide(ch) else 0.6 * font_px for ch in text)


def _first_line(text: str, font_px: float, max_px: float) -> tuple[str, str]:
    """The longest head of `text` that fits max_px, broken at a space or beside a CJK character (or
    inside a word that is wider than a line), and the rest."""
    width, cut = 0.0, 0
    for i, ch in enumerate(text):
        if _wide(ch) and i:
            cut = i
        width += _px(ch, font_px)
        if width > max_px:
            j = cut or max(i, 1)
            return text[:j].rstrip(), text[j:].lstrip()
        if ch.isspace() or _wide(ch):
            cut = i + 1
    return text, ""


def wrap(text: str, font_px: float, max_px: float = WIDTH - 8, lines: int = TITLE_LINES) -> str:
    """`text` in at most `lines` lines of at most max_px (joined by newlines, the charts' lineBreak), the
    last one cut with "…" when the text is longer: a chart's title never widens it (which shrinks its text
    on the page). Vega's `limit` is the backstop for a wrong guess of a font's widths."""
    out, rest = [], text
    while rest and len(out) < lines:
        line, rest = _first_line(rest, font_px, max_px)
        out.append(line)
    if rest:
        last = out[-1]
        while last and _px(last + "…", font_px) > max_px:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return "\n".join(out)


def _clipped(row: dict) -> dict:
    return {k: clip(v) if isinstance(v, str) else v for k, v in row.items()}


def _fill(template: dict[str, Any], datasets: dict[str, list[dict]], title: str, subtitle: str,
          description: str) -> dict[str, Any]:
    spec = dict(template)  # shares the template's layers and config: nothing changes them (see _titled_y)
    spec["datasets"] = {name: [_clipped(row) for row in rows] for name, rows in datasets.items()}
    title, subtitle = wrap(clip(title), TITLE_PX), wrap(clip(subtitle), SUBTITLE_PX)
    spec["title"] = {"text": title, "subtitle": subtitle} if subtitle else {"text": title}
    spec["title"]["limit"] = WIDTH - 4
    spec["description"] = description
    return spec


# --- key result: values over the period --------------------------------------------------------------
# What a KR chart says follows the period (docs/charts.md, "What a chart says"): the expected-pace line
# only in the running period; a finished KR's final result (score, word or "Unscored") at its end date;
# a grade-only KR's grades on the score scale; a ladder's rungs as reference rules, its pace stepped.
@kept
def _kr_template(lang: str) -> dict[str, Any]:
    import altair as alt  # only when the template is not kept (kept_specs.py)

    x = alt.X("date:T", title=None, scale=alt.Scale(nice=False), axis=alt.Axis(format="%m/%d", tickCount=6))
    y = alt.Y("y:Q", title="y", scale=alt.Scale(zero=False, nice=True))
    frame = alt.Chart(alt.NamedData("frame")).mark_point(opacity=0).encode(x=x, y=y)
    pace = alt.Chart(alt.NamedData("pace")).mark_line(strokeDash=[4, 4], color=MUTED, strokeWidth=1.5).encode(x=x, y=y)
    steps = alt.Chart(alt.NamedData("pace_steps")).mark_line(
        strokeDash=[4, 4], color=MUTED, strokeWidth=1.5, interpolate="step-after").encode(x=x, y=y)
    rules = alt.Chart(alt.NamedData("rules")).mark_rule(strokeWidth=1.5).encode(
        y="y:Q", color=alt.Color("color:N", scale=None))
    rule_text = alt.Chart(alt.NamedData("rules")).mark_text(align="left", dx=4, dy=-6, fontSize=11).encode(
        x=alt.value(0), y="y:Q", text="label:N")
    today = alt.Chart(alt.NamedData("today")).mark_rule(strokeDash=[2, 3], color=MUTED).encode(x="date:T")
    today_text = alt.Chart(alt.NamedData("today")).mark_text(align="left", dx=3, baseline="bottom", dy=-2,
                                                             fontSize=11, color=MUTED).encode(
        x="date:T", y=alt.value(HEIGHT), text="label:N")
    tooltip = [alt.Tooltip("date:T", title=label("date", lang), format="%Y-%m-%d"),
               alt.Tooltip("label:N", title=label("current", lang)),
               alt.Tooltip("confidence_text:N", title=label("confidence", lang)),
               alt.Tooltip("note:N", title=label("note", lang))]
    line = alt.Chart(alt.NamedData("values")).mark_line(color=ACCENT, strokeWidth=2).encode(x=x, y=y)
    points = alt.Chart(alt.NamedData("values")).mark_circle(color=ACCENT, stroke="white", strokeWidth=1).encode(
        x=x, y=y, tooltip=tooltip,
        size=alt.Size("confidence:Q", scale=alt.Scale(domain=[0, 1], range=[25, 160]),
                      legend=alt.Legend(title=label("confidence", lang), orient="bottom", direction="horizontal",
                                        values=[0, 0.5, 1])),  # 3 sizes say it; each label costs a text measurement
        opacity=alt.condition("datum.confidence == null", alt.value(0.6), alt.value(1)))
    final_point = alt.Chart(alt.NamedData("final_point")).mark_point(
        shape="diamond", filled=True, size=120, stroke="white", strokeWidth=1).encode(
        x=x, y=y, color=alt.Color("color:N", scale=None), tooltip=[alt.Tooltip("label:N", title=label("final_score", lang))])
    final_text = alt.Chart(alt.NamedData("final")).mark_text(
        align="right", baseline="top", dx=-2, dy=2, fontSize=11, fontWeight="bold").encode(
        x="date:T", y=alt.value(0), text="label:N", color=alt.Color("color:N", scale=None))
    chart = alt.layer(frame, pace, steps, rules, rule_text, today, today_text, line, points, final_point,
                      final_text).properties(width=WIDTH, height=HEIGHT)
    return _finish(chart)


def _y(kr: KeyResult, p: KRProgress, value: Any) -> float | None:
    """The plotted value: the KR's own number, or its progress in % for boolean and milestones."""
    if kr.kind == "boolean":
        return 100.0 if value is True else 0.0
    if kr.kind == "milestones":
        return 100.0 * milestone_share(kr, value)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _point(c: CheckIn, y: float | None, text: str, data: ChartData) -> dict:
    return {"date": c.date.isoformat(), "y": y, "label": text, "confidence": c.confidence,
            "confidence_text": data.words.confidence(c.confidence), "note": c.note or ""}


def grades_of(kr: KeyResult, on: dt.date) -> list[CheckIn]:
    """The KR's check-in grades in its period up to `on`, by report date: what a grade-only KR plots."""
    period = kr.objective.period
    return [c for c in kr.grades if c.grade is not None and period.start <= c.date <= min(on, period.end)]


def has_check_ins(kr: KeyResult, on: dt.date) -> bool:
    """Whether the KR's chart has anything to draw: a check-in value or a grade up to `on`. Pages show a
    one-line "no check-in yet" instead of a chart without (the chart is still published, for wikis)."""
    return bool(check_ins_until(kr, on) or grades_of(kr, on))


def kr_chart(chart_id: str, kr: KeyResult, p: KRProgress, data: ChartData) -> Chart:
    lang = data.lang
    period = kr.objective.period
    running = period.contains(data.today)
    checks = check_ins_until(kr, data.today)
    graded = [] if checks else grades_of(kr, data.today)  # values drive the chart; grades only without any
    success = success_line(kr.objective.type, data.org)
    pace: list[dict] = []
    steps: list[dict] = []
    if graded:  # a grade-only KR: its grades on the score scale, where its progress is its latest grade
        y_title = label("score", lang)
        values = [_point(c, c.grade, data.words.score(c.grade), data) for c in graded]
        rules = [{"y": success, "label": f"{label('success_line', lang)} {data.words.score(success)}", "color": ACCENT}]
        pace = _pace(kr, 0.0, 1.0, success) if running else []
        frame_y = (0.0, 1.0)
    else:
        percent_scale = kr.kind in ("boolean", "milestones")
        y_title = f"{label('progress', lang)} (%)" if percent_scale else kr.unit_label
        values = [_point(c, _y(kr, p, c.value), data.words.value(kr, c.value), data) for c in checks]
        rules, pace, steps = _value_rules(kr, p, data, success, percent_scale, running)
        frame_y = (rules[0]["y"], rules[0]["y"]) if rules else (0, 0)
    frame = [{"date": period.start.isoformat(), "y": frame_y[0]}, {"date": period.end.isoformat(), "y": frame_y[1]}]
    today = [{"date": data.today.isoformat(), "label": label("as_of", lang, date=data.words.short_date(data.today))}] \
        if running else []
    final, final_point = _final_marks(kr, p, data, on_score_scale=bool(graded))
    alt_text = _kr_alt(kr, p, data, values, graded)
    spec = _fill(_kr_template(lang), {"frame": frame, "pace": pace, "pace_steps": steps, "rules": rules,
                                      "today": today, "values": values, "final": final,
                                      "final_point": final_point},
                 inline_plain(kr.title), _kr_subtitle(kr, p, data, graded), alt_text)
    # the y axis says the KR's unit (%, 件, 円 …), on one line: Vega-Lite quotes it into an expression
    spec["layer"] = [_titled_y(layer, plain_text(y_title) or None) for layer in spec["layer"]]
    return Chart(chart_id, spec, alt_text, inline_plain(kr.title), drawn_size(spec, HEIGHT, ROOM_KR))


def _titled_y(layer: dict[str, Any], title: str | None) -> dict[str, Any]:
    """`layer` with the template's placeholder y title ("y") replaced, in a copy: the template's own
    layers are shared by every chart (_fill)."""
    y = layer.get("encoding", {}).get("y")
    if not (isinstance(y, dict) and y.get("title") == "y"):
        return layer
    return {**layer, "encoding": {**layer["encoding"], "y": {**y, "title": title}}}


def _value_rules(kr: KeyResult, p: KRProgress, data: ChartData, success: float, percent_scale: bool,
                 running: bool) -> tuple[list[dict], list[dict], list[dict]]:
    """The reference rules (threshold band, ladder rungs or target) and, while the period runs, the pace."""
    words, rules = data.words, []
    if kr.kind == "threshold":
        if kr.min is not None:
            rules.append({"y": kr.min, "label": words.t("at_least", v=words.value(kr, kr.min)), "color": STATUS_COLORS["on_track"]})
        if kr.max is not None:
            rules.append({"y": kr.max, "label": words.t("at_most", v=words.value(kr, kr.max)), "color": STATUS_COLORS["on_track"]})
        return rules, [], []
    if kr.scoring:  # a ladder: each rung a rule labelled with its score, the pace climbing rung by rung
        rungs = sorted(kr.scoring, key=lambda r: -r[1])  # the 1.0 (or top) rung first: it frames the chart
        rules = [{"y": v, "label": words.t("chart_rung", score=words.score(s), value=words.value(kr, v)),
                  "color": ACCENT if s >= 1.0 or s == rungs[0][1] else MUTED} for v, s in rungs]
        return rules, [], (_ladder_pace(kr, p, success) if running else [])
    base = 0.0 if percent_scale else p.baseline
    target = 100.0 if percent_scale else kr.target
    if isinstance(target, (int, float)):
        rules.append({"y": target, "label": f"{label('target', data.lang)} {words.target_text(kr)}", "color": ACCENT})
        if isinstance(base, (int, float)) and running:
            return rules, _pace(kr, base, target, success), []
    return rules, [], []


def _pace(kr: KeyResult, base: float, target: float, success: float) -> list[dict]:
    """The expected-pace line (scoring's expected_at), drawn through the KR's due date when it
    falls inside the period, where the line reaches the success line and then stays level."""
    period = kr.objective.period
    days = sorted({period.start, pace_end(kr), period.end})
    return [{"date": day.isoformat(), "y": base + expected_at(kr, day, success) * (target - base)} for day in days]


def _ladder_pace(kr: KeyResult, p: KRProgress, success: float) -> list[dict]:
    """A ladder's pace as steps: the value expected is the baseline until the day the expected pace
    (scoring's expected_at) reaches a rung's score, then that rung's value. Rungs above the success
    line are never expected, so the steps stop at the last rung the pace reaches."""
    period = kr.objective.period
    days = [period.start + dt.timedelta(days=i) for i in range((period.end - period.start).days + 1)]
    out = [{"date": period.start.isoformat(), "y": p.baseline}] if isinstance(p.baseline, (int, float)) else []
    for value, rung_score in kr.scoring:
        day = next((d for d in days if expected_at(kr, d, success) >= rung_score - 1e-9), None)
        if day is None:
            break
        out.append({"date": day.isoformat(), "y": value})
    if out:
        out.append({"date": period.end.isoformat(), "y": out[-1]["y"]})
    return out


def _result_text(p: KRProgress, data: ChartData) -> str:
    """A finished KR's result as the page says it: "Final score 0.60", its word, or "Unscored"."""
    word = p.result.word if p.result else None
    if word:
        return data.words.t(word)
    if p.score is not None:
        return f"{data.words.t('final_score')} {data.words.score(p.score)}"
    return data.words.status_label(Status.UNSCORED)


def _final_marks(kr: KeyResult, p: KRProgress, data: ChartData, on_score_scale: bool) -> tuple[list[dict], list[dict]]:
    """A finished KR's result at its end date: a label in the state's colour, and on the score scale
    (a grade-only chart) a point at the final score. Nothing while the period runs."""
    end = kr.objective.period.end
    if data.today <= end:
        return [], []
    color = STATUS_COLORS.get(p.status.value, MUTED)
    text = [{"date": end.isoformat(), "label": _result_text(p, data), "color": color}]
    point = [{"date": end.isoformat(), "y": p.score, "label": data.words.score(p.score), "color": color}] \
        if on_score_scale and p.score is not None else []
    return text, point


def _status_text(p: KRProgress, data: ChartData) -> str:
    word = p.result.word if p.result else None
    return data.words.t(word) if word else data.words.status_label(p.status)


def _score_note(kr: KeyResult, p: KRProgress, data: ChartData) -> str:
    """What follows the status: the final result of a finished KR, a grade of a running one."""
    if data.today > kr.objective.period.end:
        word = p.result.word if p.result else None
        return "" if word or p.score is None else f" · {_result_text(p, data)}"
    return f" · {label('chart_grade', data.lang)} {data.words.score(p.score)}" if p.score is not None else ""


def _kr_subtitle(kr: KeyResult, p: KRProgress, data: ChartData, graded: list[CheckIn]) -> str:
    words = data.words
    status = _status_text(p, data)
    if graded:  # the grade leads; a finished KR's final result follows
        status += _score_note(kr, p, data) if data.today > kr.objective.period.end else ""
        return f"{label('chart_grade', data.lang)} {words.score(graded[-1].grade)} ({words.short_date(graded[-1].date)}) · {status}"
    status += _score_note(kr, p, data)
    return f"{words.baseline_text(kr, p)} → {words.value(kr, p.current)} → {words.target_text(kr)} · " \
           f"{label('progress', data.lang)} {words.pct(p.progress)} · {status}"


def _kr_alt(kr: KeyResult, p: KRProgress, data: ChartData, values: list[dict], graded: list[CheckIn]) -> str:
    lang, words = data.lang, data.words
    status = _status_text(p, data)
    if graded:
        grades = ", ".join(f"{words.score(c.grade)} ({words.short_date(c.date)})" for c in graded)
        final = _score_note(kr, p, data) if data.today > kr.objective.period.end else ""
        return f"{inline_plain(kr.title)}: {words.t('chart_grades', n=len(graded), grades=grades)}. " \
               f"{status}{final.replace(' · ', ', ')}."
    status += _score_note(kr, p, data).replace(" · ", ", ")
    parts = [f"{inline_plain(kr.title)}: {label('baseline', lang)} {words.baseline_text(kr, p)}, "
             f"{label('current', lang)} {words.value(kr, p.current)}"
             + (f" ({words.short_date(p.last_check_in.date)})" if p.last_check_in else "")
             + f", {label('target', lang)} {words.target_text(kr)}."]
    if kr.scoring:
        rungs = ", ".join(words.t("chart_rung", score=words.score(s), value=words.value(kr, v)) for v, s in kr.scoring)
        ladder = words.t("chart_ladder", rungs=rungs)
        if values:
            ladder += ", " + words.t("chart_ladder_score", score=words.score(p.computed_score))
        parts.append(ladder + ".")
    if values or p.progress is not None:
        parts.append(f"{label('progress', lang)} {words.pct(p.progress)}, {status}.")
    else:
        parts.append(f"{words.t('chart_no_values')}, {status}.")
    parts.append(f"{label('check_ins', lang)}: {len(values)}.")
    return " ".join(parts)


# --- objective: its KRs' progress side by side ------------------------------------------------------------
# While the period runs: each KR's progress with its expected pace (a tick). In a finished period: each
# KR's final score (no pace), a bar clamped at 1.0 labelled with the real value; an unscored KR has no
# bar, only its "–" / word label.
@kept
def _objective_template(lang: str, finished: bool = False) -> dict[str, Any]:
    import altair as alt  # only when the template is not kept (kept_specs.py)

    y = alt.Y("order:O", title=None, axis=None)  # by position: two KRs may share a title (see ROW)
    x_title = label("score", lang) if finished else f"{label('progress', lang)} (%)"
    x = alt.X("shown:Q", title=x_title, scale=alt.Scale(domain=[0, 1] if finished else [0, 100], clamp=True))
    colors = alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values()))
    bars = alt.Chart(alt.NamedData("krs")).mark_bar(height=BAR, yOffset=BAR_OFFSET, cornerRadiusEnd=2).encode(
        y=y, x=x, color=alt.Color("status:N", scale=colors, legend=None),
        tooltip=[alt.Tooltip("kr:N", title=label("key_result", lang)),
                 alt.Tooltip("pct:N", title=label("score" if finished else "progress", lang)),
                 alt.Tooltip("status_label:N", title=label("status", lang))])
    pace = alt.Chart(alt.NamedData("krs")).mark_tick(color="currentColor", thickness=2, size=BAR + 6, yOffset=BAR_OFFSET, opacity=0.7).encode(
        y=y, x="expected:Q")
    text = alt.Chart(alt.NamedData("krs")).mark_text(align="left", dx=4, yOffset=BAR_OFFSET, fontSize=11).encode(
        y=y, x="text_x:Q", text="pct:N")
    goal = alt.Chart(alt.NamedData("goal")).mark_rule(strokeDash=[4, 3], color=MUTED).encode(x="x:Q")
    names = _row_labels("krs", "kr", y)
    layers = (bars, text, names, goal) if finished else (bars, pace, text, names, goal)
    return _finish(alt.layer(*layers).properties(width=WIDTH))


def _objective_row(i: int, kp: KRProgress, finished: bool, data: ChartData) -> dict:
    if finished:
        shown = None if kp.score is None else max(0.0, min(1.0, kp.score))
        text = _status_text(kp, data) if kp.score is None else data.words.score(kp.score)
        if kp.score is None and not (kp.result and kp.result.word):
            text = data.words.score(None)  # "–": unscored, never a 0 bar
    else:
        shown = None if kp.progress is None else max(0.0, min(100.0, kp.progress * 100))
        text = data.words.pct(kp.progress)
    return {"kr": inline_plain(kp.key_result.title), "order": i, "shown": shown, "text_x": shown or 0, "pct": text,
            "expected": None if finished else kp.expected * 100, "status": kp.status.value,
            "status_label": _status_text(kp, data)}


def objective_chart(chart_id: str, obj: Objective, p: ObjectiveProgress, data: ChartData) -> Chart:
    lang, words = data.lang, data.words
    finished = data.today > obj.period.end
    rows = [_objective_row(i, kp, finished, data) for i, kp in enumerate(p.key_results)]
    success = success_line(obj.type, data.org) * (1 if finished else 100)
    score = words.score(p.score)
    cover = words.coverage(p.unscored, p.counted) if p.score is not None else ""
    if cover:
        score = f"{score}({cover})" if lang == "ja" else f"{score} ({cover})"
    if p.graded_whole:
        score = words.t("graded_whole", score=words.score(p.score), mean=words.score(p.kr_mean))
    status = words.status_label(p.status)
    if finished:  # an unscored objective says so once, never "Final score –"
        subtitle = status if p.score is None else f"{label('final_score', lang)} {score} · {status}"
    else:
        subtitle = f"{label('progress', lang)} {words.pct(p.progress)} · {label('score', lang)} {score} · {status}"
    alt_text = f"{inline_plain(obj.title)}: " + "; ".join(f"{r['kr']} {r['pct']} ({r['status_label']})" for r in rows) \
        + f". {subtitle}."
    spec = _fill(_objective_template(lang, finished), {"krs": rows, "goal": [{"x": success}]},
                 inline_plain(obj.title), subtitle, alt_text)
    spec["height"] = ROW * max(2, len(rows))
    return Chart(chart_id, spec, alt_text, inline_plain(obj.title), drawn_size(spec, spec["height"], ROOM_BARS))


# --- units and periods ------------------------------------------------------------------------------------
@kept
def _status_template(lang: str) -> dict[str, Any]:
    import altair as alt  # only when the template is not kept (kept_specs.py)

    every = (*STATUS_ORDER, *FINAL_ORDER)  # pace statuses, and a finished period's final states
    colors = alt.Scale(domain=[s.value for s in every], range=[STATUS_COLORS[s.value] for s in every])
    y = alt.Y("label:N", title=None, sort=alt.EncodingSortField("order", op="min"))
    bars = alt.Chart(alt.NamedData("counts")).mark_bar(height=16, cornerRadiusEnd=2).encode(
        y=y, x=alt.X("count:Q", title=label("objectives", lang), axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("status:N", scale=colors, legend=None),
        tooltip=[alt.Tooltip("label:N", title=label("status", lang)), alt.Tooltip("count:Q", title="#")])
    text = alt.Chart(alt.NamedData("counts")).mark_text(align="left", dx=4).encode(y=y, x="count:Q", text="count:Q")
    return _finish(alt.layer(bars, text).properties(width=WIDTH))


def status_chart(chart_id: str, title: str, counts: dict, data: ChartData) -> Chart:
    rows = [{"status": s.value, "label": data.words.status_label(s), "count": n, "order": i}
            for i, (s, n) in enumerate(counts.items())]
    alt_text = f"{title}: " + ", ".join(f"{r['label']} {r['count']}" for r in rows) + "."
    spec = _fill(_status_template(data.lang), {"counts": rows}, title, data.words.t("status_counts"), alt_text)
    return Chart(chart_id, spec, alt_text, title, drawn_size(spec, STATUS_ROW * len(rows), ROOM_STATUS))


# Unit and period scores: an unscored unit or period has no bar (never a 0.00) and a neutral "–" label;
# a score above 1.0 (an official unit_score of 1.2) is drawn clamped at 1.0 and labelled as written.
@kept
def _scores_template(lang: str) -> dict[str, Any]:
    import altair as alt  # only when the template is not kept (kept_specs.py)

    colors = alt.Scale(domain=list(BAND_COLORS), range=list(BAND_COLORS.values()))
    y = alt.Y("order:O", title=None, axis=None)  # by position: two units may share a name (see ROW)
    bars = alt.Chart(alt.NamedData("scores")).mark_bar(height=BAR, yOffset=BAR_OFFSET, cornerRadiusEnd=2).encode(
        y=y, x=alt.X("score:Q", title=label("score", lang), scale=alt.Scale(domain=[0, 1], clamp=True)),
        color=alt.Color("band:N", scale=colors, legend=None),
        tooltip=[alt.Tooltip("unit:N", title=label("unit", lang)), alt.Tooltip("score_text:N", title=label("score", lang))])
    text = alt.Chart(alt.NamedData("scores")).mark_text(align="left", dx=4, yOffset=BAR_OFFSET).encode(
        y=y, x="text_x:Q", text="score_text:N")
    goal = alt.Chart(alt.NamedData("goal")).mark_rule(strokeDash=[4, 3], color=MUTED).encode(x="x:Q")
    return _finish(alt.layer(bars, text, _row_labels("scores", "unit", y), goal).properties(width=WIDTH))


def _bar(score: float | None) -> float | None:
    """A bar's length: the score clamped to the 0–1 scale (its label says the real value); None: no bar."""
    return None if score is None else round(max(0.0, min(1.0, score)), 4)


def scores_chart(chart_id: str, title: str, scores: list[tuple[Unit, float | None]], data: ChartData) -> Chart:
    # numbers are written by text/ (the one rounding rule), never by Vega's own format strings
    ranked = sorted(scores, key=lambda us: (us[1] is None, -(us[1] or 0.0)))  # highest first, unscored last
    rows = [{"unit": u.name, "order": i, "score": _bar(s), "text_x": _bar(s) or 0, "score_text": data.words.score(s),
             "band": band(s)} for i, (u, s) in enumerate(ranked)]
    alt_text = f"{title}: " + ", ".join(
        f"{r['unit']} {r['score_text'] if r['score'] is not None else data.words.t('unscored')}" for r in rows) + "."
    goal = [{"x": success_line("aspirational", data.org)}]
    spec = _fill(_scores_template(data.lang), {"scores": rows, "goal": goal},
                 title, data.words.t("score_scale"), alt_text)
    spec["height"] = ROW * max(2, len(rows))
    return Chart(chart_id, spec, alt_text, title, drawn_size(spec, spec["height"], ROOM_BARS))


@kept
def _history_template(lang: str) -> dict[str, Any]:
    import altair as alt  # only when the template is not kept (kept_specs.py)

    x = alt.X("period:N", title=None, sort=alt.EncodingSortField("order", op="min"), axis=alt.Axis(labelAngle=0))
    y = alt.Y("score:Q", title=label("score", lang), scale=alt.Scale(domain=[0, 1], clamp=True))
    colors = alt.Scale(domain=list(BAND_COLORS), range=list(BAND_COLORS.values()))
    bars = alt.Chart(alt.NamedData("history")).mark_bar(width={"band": 0.7}, cornerRadiusEnd=2).encode(
        x=x, y=y, color=alt.Color("band:N", scale=colors, legend=None),
        tooltip=[alt.Tooltip("period:N", title=label("period", lang)), alt.Tooltip("score_text:N", title=label("score", lang))])
    text = alt.Chart(alt.NamedData("history")).mark_text(dy=-6).encode(
        x=x, y="text_y:Q", text="score_text:N")
    goal = alt.Chart(alt.NamedData("goal")).mark_rule(strokeDash=[4, 3], color=MUTED).encode(y="y:Q")
    return _finish(alt.layer(bars, text, goal).properties(width=WIDTH, height=HEIGHT - 40))


def history_chart(chart_id: str, unit: Unit, history: list[tuple[Period, float | None]], data: ChartData) -> Chart:
    rows = [{"period": data.words.period_name(p), "order": i, "score": _bar(s), "text_y": _bar(s) or 0,
             "score_text": data.words.score(s), "band": band(s)} for i, (p, s) in enumerate(history)]
    title = f"{unit.name}: {data.words.t('history')}"
    alt_text = f"{title}: " + ", ".join(
        f"{r['period']} {r['score_text'] if r['score'] is not None else data.words.t('unscored')}" for r in rows) + "."
    spec = _fill(_history_template(data.lang), {"history": rows,
                                                 "goal": [{"y": success_line("aspirational", data.org)}]},
                 title, data.words.t("score_scale"), alt_text)
    return Chart(chart_id, spec, alt_text, title, drawn_size(spec, HEIGHT - 40, ROOM_HISTORY))


def band(score: float | None) -> str:
    return "none" if score is None else score_band(score)


def iso(day: dt.date) -> str:
    return day.isoformat()
