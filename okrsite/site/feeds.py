"""Atom feeds of new check-ins and retrospectives, company-wide and per unit, so people can
follow a team from their feed reader or chat tool.

Entries are dated by their content (a check-in's date), never by the build, so two builds of
the same content give the same feed. Ids are tag URIs built from the source file, stable
wherever the site is hosted.

What an entry says about a KR or objective follows its period, as the pages do: while the period
runs, the pace status as of the check-in's date (and a grade where one was written); once it is
finished, the final state and final score, its word result, or "Unscored" — never a pace word,
never 0.00 for what nobody scored.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model.organization import CheckIn, KeyResult, LogEntry, Retro, Unit
from ..scoring.progress import KRProgress, ObjectiveProgress, kr_progress
from ..text import numbers
from ..text.escape import html_text, plain_text
from ..text.inline import inline_plain
from . import urls

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50


def _stamp(day) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _tag(view, rel: str, day) -> str:
    """A tag URI (RFC 4151) unique to this site: named by the site_url's host and path, so two
    companies' feeds (or two sites on one host) never share an id; `okrsite` without a site_url."""
    from urllib.parse import urlsplit

    parts = urlsplit(view.site_url or "")
    base = parts.path.strip("/")
    when = day if isinstance(day, str) else day.isoformat()
    return f"tag:{parts.hostname or 'okrsite'},{when}:{base + '/' if base else ''}{rel}"


def _link(view, src_uri: str) -> str:
    url = urls.to_url(src_uri.split("#")[0], view.use_directory_urls)
    fragment = ("#" + src_uri.split("#", 1)[1]) if "#" in src_uri else ""
    return (view.site_url.rstrip("/") + "/" + url if view.site_url else url) + fragment


def _log_html(view, log: LogEntry) -> str:
    parts = [f"<ul>{''.join(_check_in(view, c) for c in log.check_ins)}</ul>"] if log.check_ins else []
    for key, items in (("wins", log.wins), ("learnings", log.learnings),
                       ("blockers", log.sections.get("blockers", [])),
                       ("next_steps", log.sections.get("next_steps", []))):
        parts.append(_section(view, key, items))
    return "".join(parts)


def _check_in(view, c: CheckIn) -> str:
    kr = c.key_result
    confidence = f" ({view.t('confidence')} {numbers.confidence(c.confidence, view.lang)})" \
        if c.confidence is not None else ""
    said = [f"{view.t('chart_grade')} {view.score(c.grade)}"] if c.grade is not None else []
    if c.projection is not None:
        said.append(f"{view.t('projection')} {view.score(c.projection)}")
    value = view.value(kr, c.value) if c.value is not None else " · ".join(said) or view.value(kr, None)
    extra = " · ".join(said) if c.value is not None else ""
    return (f"<li>{html_text(inline_plain(kr.title))}: <b>{html_text(value)}</b>"
            f"{html_text(confidence)}{html_text(' · ' + extra if extra else '')}"
            f" — {html_text(_kr_state(view, kr, c))}</li>")


def _finished(view, period) -> bool:
    return view.today > period.end


def _kr_state(view, kr: KeyResult, c: CheckIn) -> str:
    """The KR's status beside a check-in: its pace on the check-in's day while the period runs, its
    final result once the period is finished."""
    if _finished(view, kr.objective.period):
        return _state(view, view.kr(kr))
    return _state(view, kr_progress(kr, view.org, c.date))


def _state(view, p: KRProgress | ObjectiveProgress) -> str:
    """One status and, where one exists, the score shown beside it: "On track", "On track · Score 0.40",
    "Final 0.4–0.6 · Final score 0.52 (1 of 3 KRs unscored)", "Deferred", "Unscored"."""
    result = getattr(p, "result", None)
    if result is not None and result.word:
        return view.t(result.word)
    status = view.status_label(p.status)
    if p.score is None:
        return status
    score = view.score(p.score)
    cover = view.words.coverage(p.unscored, p.counted) if isinstance(p, ObjectiveProgress) else ""
    if cover:
        score = f"{score}({cover})" if view.lang == "ja" else f"{score} ({cover})"
    return f"{status} · {view.t('final_score' if p.status.final else 'score')} {score}"


def _section(view, key: str, items: list[str]) -> str:
    """A labelled list of contributors' text, escaped: the feed's HTML is shown by feed readers."""
    if not items:
        return ""
    return f"<p><b>{html_text(view.t(key))}</b></p><ul>" + "".join(f"<li>{html_text(t)}</li>" for t in items) + "</ul>"


def _retro_html(view, retro: Retro) -> str:
    """The unit's score ("Not graded" when nothing is scored), each objective's state and score, its
    dropped objectives with the day they were dropped, then the retrospective's own sections."""
    objectives = view.objectives_of(retro.unit, retro.period)
    graded = view.official_score(retro.unit, retro.period) is not None or view.mean_score(objectives) is not None
    score = view.unit_score_text(retro.unit, retro.period) if graded else view.t("not_graded")
    head = f"<p><b>{html_text(view.t('feed_unit_score'))}</b> {html_text(score)}</p>"
    rows = [(o, _state(view, view.progress(o))) for o in objectives]
    rows += [(o, view.history.dropped_on(o)) for o in view.history.dropped_objectives(retro.unit, retro.period)]
    if rows:  # a dropped objective keeps its title, counted nowhere (docs/format.md, dropped items)
        head += "<ul>" + "".join(f"<li>{html_text(inline_plain(o.title))}: {html_text(state)}</li>"
                                 for o, state in rows) + "</ul>"
    return head + "".join(_section(view, key, getattr(retro, key)) for key in ("went_well", "to_improve", "learnings"))


def entries(view, unit: Unit | None = None, html: dict | None = None) -> list[tuple]:
    """(date, kind, title, link, id, author, html) newest first. An entry's HTML is made only once it
    is among the newest MAX_ENTRIES, and once per build (`html`: by check-in or retrospective, shared
    by the company feed and the unit's)."""
    html = {} if html is None else html
    out = []
    for log in view.org.logs:
        if log.unit.id not in view.units or (unit is not None and log.unit is not unit):
            continue
        title = view.t("feed_log_title", unit=log.unit.name, date=view.date(log.date))
        out.append((log.date, log.rel, title, _link(view, view.log_link(log)), _tag(view, log.rel, log.date),
                    view.person_name(log.author), (_log_html, log)))
    for retro in view.org.retros:
        if retro.status != "published" or retro.unit.id not in view.units or (unit is not None and retro.unit is not unit):
            continue
        day = min(retro.period.end, view.today)
        title = view.t("feed_retro_title", unit=retro.unit.name, period=view.period_name(retro.period))
        out.append((day, retro.rel, title, _link(view, urls.retro_uri(retro.period, retro.unit)),
                    _tag(view, retro.rel, retro.period.end), retro.unit.name, (_retro_html, retro)))
    out.sort(key=lambda e: (e[0], e[1]), reverse=True)
    return [(*e[:-1], _html(view, html, *e[-1])) for e in out[:MAX_ENTRIES]]


def _html(view, made: dict, make, item) -> str:
    if id(item) not in made:
        made[id(item)] = make(view, item)
    return made[id(item)]


def atom(view, unit: Unit | None = None, html: dict | None = None) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": view.lang})
    name = unit.name if unit is not None else (view.root().name if view.root() else "OKR")
    path = urls.unit_feed(unit) if unit is not None else urls.FEED
    items = entries(view, unit, html)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _tag(view, path, "2000")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = plain_text(view.t("feed_title", name=name))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(items[0][0]) if items else _stamp(view.today)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": _link(view, path)})
    home = urls.unit_uri(unit) if unit is not None else urls.HOME
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": _link(view, home)})
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = plain_text(name)
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "okrsite"
    for day, _rel, title, link, entry_id, author, html in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = entry_id
        ET.SubElement(entry, f"{{{ATOM}}}title").text = plain_text(title)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(day)
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": link})
        ET.SubElement(ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = plain_text(author)
        ET.SubElement(entry, f"{{{ATOM}}}content", {"type": "html"}).text = html
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")


def feeds(view) -> dict[str, bytes]:
    """Every feed file: the company's, and one per unit that has check-ins or retrospectives."""
    html: dict[int, str] = {}  # an entry's HTML by its check-in or retrospective, made once
    out = {urls.FEED: atom(view, None, html)}
    units = {log.unit for log in view.org.logs if log.unit.id in view.units}
    units |= {r.unit for r in view.org.retros if r.unit.id in view.units}
    for unit in sorted(units, key=lambda u: u.id):
        out[urls.unit_feed(unit)] = atom(view, unit, html)
    return out
