"""Atom feeds of new check-ins and retrospectives, company-wide and per unit, so people can
follow a team from their feed reader or chat tool.

Entries are dated by their content (a check-in's date), never by the build, so two builds of
the same content give the same feed. Ids are tag URIs built from the source file, stable
wherever the site is hosted.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model.organization import CheckIn, LogEntry, Retro, Unit
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
    confidence = f" ({view.t('confidence')} {numbers.confidence(c.confidence, view.lang)})" \
        if c.confidence is not None else ""
    return (f"<li>{html_text(inline_plain(c.key_result.title))}: <b>{html_text(view.value(c.key_result, c.value))}</b>"
            f"{html_text(confidence)}</li>")


def _section(view, key: str, items: list[str]) -> str:
    """A labelled list of contributors' text, escaped: the feed's HTML is shown by feed readers."""
    if not items:
        return ""
    return f"<p><b>{html_text(view.t(key))}</b></p><ul>" + "".join(f"<li>{html_text(t)}</li>" for t in items) + "</ul>"


def _retro_html(view, retro: Retro) -> str:
    return "".join(_section(view, key, getattr(retro, key)) for key in ("went_well", "to_improve", "learnings"))


def entries(view, unit: Unit | None = None) -> list[tuple]:
    """(date, kind, title, link, id, author, html) newest first."""
    out = []
    for log in view.org.logs:
        if log.unit.id not in view.units or (unit is not None and log.unit is not unit):
            continue
        title = view.t("feed_log_title", unit=log.unit.name, date=view.date(log.date))
        out.append((log.date, log.rel, title, _link(view, view.log_link(log)), _tag(view, log.rel, log.date),
                    view.person_name(log.author), _log_html(view, log)))
    for retro in view.org.retros:
        if retro.status != "published" or retro.unit.id not in view.units or (unit is not None and retro.unit is not unit):
            continue
        day = min(retro.period.end, view.today)
        title = view.t("feed_retro_title", unit=retro.unit.name, period=view.period_name(retro.period))
        out.append((day, retro.rel, title, _link(view, urls.retro_uri(retro.period, retro.unit)),
                    _tag(view, retro.rel, retro.period.end), retro.unit.name, _retro_html(view, retro)))
    out.sort(key=lambda e: (e[0], e[1]), reverse=True)
    return out[:MAX_ENTRIES]


def atom(view, unit: Unit | None = None) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": view.lang})
    name = unit.name if unit is not None else (view.root().name if view.root() else "OKR")
    path = urls.unit_feed(unit) if unit is not None else urls.FEED
    items = entries(view, unit)
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
    out = {urls.FEED: atom(view)}
    units = {log.unit for log in view.org.logs if log.unit.id in view.units}
    units |= {r.unit for r in view.org.retros if r.unit.id in view.units}
    for unit in sorted(units, key=lambda u: u.id):
        out[urls.unit_feed(unit)] = atom(view, unit)
    return out
