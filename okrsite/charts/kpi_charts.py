"""KPI sparklines: a KPI's values with its healthy band, through the same specs, renderer, cache
and published paths as the KR charts (charts/catalog.py adds them; docs/kpis.md).

Chart id: `kpis/<unit>/<kpi>` (files charts/kpis/<unit>/<kpi>.svg, .dark.svg, .png, .html).
Values outside the band are drawn in the breached colour; the band's edges are dashed rules.
"""

from __future__ import annotations

from typing import Any

from ..model.kpis import Kpi, visible_kpis
from ..scoring.kpi_health import health, in_band
from ..text.i18n import label
from ..text.inline import inline_plain
from .data import ChartData
from .kept_specs import kept
from .specs import ROOM_KPI, Chart, _fill, _finish, drawn_size
from .theme import ACCENT, MUTED, STATUS_COLORS

WIDTH, HEIGHT = 320, 90
POINTS_IN_ALT = 12  # the text alternative lists the latest values, not a year of weeks


def kpi_chart_id(kpi: Kpi) -> str:
    return f"kpis/{kpi.unit.id}/{kpi.id}"


@kept
def _template(lang: str) -> dict[str, Any]:
    import altair as alt  # only when the template is not kept (kept_specs.py)

    x = alt.X("date:T", title=None, axis=alt.Axis(format="%m/%d", tickCount=4))
    y = alt.Y("y:Q", title=None, scale=alt.Scale(zero=False, nice=True), axis=alt.Axis(tickCount=3))
    tooltip = [alt.Tooltip("date:T", title=label("date", lang), format="%Y-%m-%d"),
               alt.Tooltip("label:N", title=label("kpi_latest", lang)),
               alt.Tooltip("note:N", title=label("note", lang))]
    frame = alt.Chart(alt.NamedData("frame")).mark_point(opacity=0).encode(x=x, y=y)
    edges = alt.Chart(alt.NamedData("band")).mark_rule(strokeDash=[4, 3], color=MUTED, strokeWidth=1).encode(y="y:Q")
    line = alt.Chart(alt.NamedData("values")).mark_line(color=ACCENT, strokeWidth=1.5).encode(x=x, y=y)
    points = alt.Chart(alt.NamedData("values")).mark_circle(size=30).encode(
        x=x, y=y, color=alt.Color("color:N", scale=None), tooltip=tooltip)
    return _finish(alt.layer(frame, edges, line, points).properties(width=WIDTH, height=HEIGHT))


def band_text(kpi: Kpi, lang: str, number) -> str:
    """The healthy band in words (`at least 30`, `30 – 70`); `number` formats a value with its unit."""
    if kpi.min is not None and kpi.max is not None:
        return label("kpi_band_both", lang, min=number(kpi.min), max=number(kpi.max))
    if kpi.min is not None:
        return label("kpi_band_min", lang, min=number(kpi.min))
    if kpi.max is not None:
        return label("kpi_band_max", lang, max=number(kpi.max))
    return label("kpi_band_none", lang)


def kpi_value(kpi: Kpi, value: float | None, data: ChartData | Any) -> str:
    """A KPI value as pages and charts print it: the number in the page's language and the KPI's unit."""
    if value is None:
        return "–"
    return f"{data.words.number(value)}{' ' if kpi.unit_label and kpi.unit_label[0].isalnum() else ''}{kpi.unit_label}"


def kpi_chart(kpi: Kpi, data: ChartData) -> Chart:
    def text(v: float) -> str:
        return kpi_value(kpi, v, data)

    rows = [{"date": r.date.isoformat(), "y": r.value, "label": text(r.value), "note": r.note or "",
             "color": STATUS_COLORS["on_track"] if in_band(kpi, r.value) else STATUS_COLORS["off_track"]}
            for r in kpi.readings if r.date <= data.today]
    edges = [v for v in (kpi.min, kpi.max) if v is not None]
    frame = [{"date": rows[0]["date"], "y": v} for v in edges] if rows else []
    h = health(kpi, data.today)
    band = band_text(kpi, data.lang, text)
    title = inline_plain(kpi.title)
    latest = h.latest
    alt_text = label("kpi_chart_alt", data.lang, title=title, latest=text(latest.value) if latest else "–",
                     date=data.words.date(latest.date) if latest else "–", state=label(f"kpi_{h.state}", data.lang),
                     band=band, values=", ".join(f"{data.words.short_date(dt_)} {v}" for dt_, v in
                                                 [(r.date, text(r.value)) for r in kpi.readings
                                                  if r.date <= data.today][-POINTS_IN_ALT:]))
    spec = _fill(_template(data.lang), {"values": rows, "band": [{"y": v} for v in edges], "frame": frame},
                 title, f"{label('kpi_band', data.lang)}: {band}", alt_text)
    return Chart(kpi_chart_id(kpi), spec, alt_text, title, drawn_size(spec, HEIGHT, ROOM_KPI))


def kpi_charts(data: ChartData) -> list[Chart]:
    """One sparkline per visible KPI that has a value, in a stable order."""
    book = visible_kpis(data.org)
    return [kpi_chart(k, data) for _, k in sorted(book.items.items()) if any(r.date <= data.today for r in k.readings)]
