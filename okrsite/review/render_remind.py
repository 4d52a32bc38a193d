"""A Reminder as Markdown (an issue, a PR, a terminal), JSON, or a chat webhook's payload (Slack
blocks, a Teams Adaptive Card). Contributors' text is escaped for each format by text/escape."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..text.escape import markdown_link_text, markdown_text, slack_text
from ..text.words import Words
from .diff import plain
from .kpi_review import remind_lines as kpi_remind_lines
from .remind import OwnerReminder, Reminder, StaleKR

SLACK_SECTION = 2900  # Slack refuses a section's text over 3000 characters
SLACK_BLOCKS = 48  # and a message of more than 50 blocks


def _quiet(w: Words, kr: StaleKR) -> str:
    return w.t("remind_quiet", days=kr.days) if kr.days is not None else w.t("remind_never")


def _owner_name(w: Words, o: OwnerReminder) -> str:
    return o.name if o.owner else w.t("remind_no_owner")


def _heading(w: Words, r: Reminder) -> str:
    return w.t("remind_title", day=w.date(r.today))


def render_markdown(r: Reminder) -> str:
    w = Words(r.lang)
    out = [f"### {_heading(w, r)}", ""]
    if not r.owners and not r.kpis:
        return "\n".join([*out, w.t("remind_none"), ""])
    if not r.site_url:
        out += [f"> {w.t('remind_no_site_url')}", ""]
    for o in r.owners:
        out += [f"#### {markdown_text(w.t('remind_owner', owner=_owner_name(w, o)))}", ""]
        for u in o.units:
            path = f"[`{u.add}`]({u.add_url})" if u.add_url else f"`{u.add}`"
            out.append(f"- **{markdown_text(u.name)}** ({u.period}): {w.t('remind_add', path=path)}")
            for kr in u.key_results:
                title = f"[{markdown_text(kr.title)}]({kr.page})" if r.site_url else f"{markdown_text(kr.title)} (`{kr.page}`)"
                out.append(f"  - {title}: {_quiet(w, kr)}")
        out.append("")
    if r.kpis:
        out += kpi_remind_lines(w, r.kpis, bool(r.site_url))
    return "\n".join(out).rstrip() + "\n"


def render_json(r: Reminder) -> str:
    return json.dumps({**_data(r), "count": r.count}, ensure_ascii=False, indent=2)


def _data(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_data(v) for v in obj]
    return plain(obj)


def _slack_owner(w: Words, o: OwnerReminder, site_url: str) -> str:
    lines = [f"*{slack_text(w.t('remind_owner', owner=_owner_name(w, o)))}*"]
    for u in o.units:
        path = f"<{u.add_url}|{slack_text(u.add)}>" if u.add_url else f"`{slack_text(u.add)}`"
        lines.append(f"• *{slack_text(u.name)}* ({u.period}): {w.t('remind_add', path=path)}")
        for kr in u.key_results:
            title = f"<{kr.page}|{slack_text(kr.title)}>" if site_url else f"{slack_text(kr.title)} (`{kr.page}`)"
            lines.append(f"    ◦ {title}: {_quiet(w, kr)}")
    text = "\n".join(lines)
    return text if len(text) <= SLACK_SECTION else text[: SLACK_SECTION - 1] + "…"


def render_slack(r: Reminder) -> str:
    """A Slack incoming-webhook payload: `text` for notifications, one section block per owner."""
    w = Words(r.lang)
    heading = _heading(w, r)
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": heading[:150]}}]
    if not r.owners:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": w.t("remind_none")}})
    elif not r.site_url:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": w.t("remind_no_site_url")}]})
    for o in r.owners[:SLACK_BLOCKS]:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _slack_owner(w, o, r.site_url)}})
    return json.dumps({"text": heading, "blocks": blocks}, ensure_ascii=False, indent=2)


def _teams_owner(w: Words, o: OwnerReminder, site_url: str) -> list[dict]:
    items: list[dict] = [{"type": "TextBlock", "weight": "Bolder", "wrap": True,
                          "text": markdown_link_text(w.t("remind_owner", owner=_owner_name(w, o)))}]
    for u in o.units:
        path = f"[{u.add}]({u.add_url})" if u.add_url else u.add
        lines = [f"{markdown_link_text(u.name)} ({u.period}): {w.t('remind_add', path=path)}"]
        for kr in u.key_results:
            title = f"[{markdown_link_text(kr.title)}]({kr.page})" if site_url else f"{markdown_link_text(kr.title)} ({kr.page})"
            lines.append(f"- {title}: {_quiet(w, kr)}")
        items.append({"type": "TextBlock", "wrap": True, "text": "\n".join(lines)})
    return items


def render_teams(r: Reminder) -> str:
    """A Teams incoming-webhook (Workflows) payload: a message with one Adaptive Card."""
    w = Words(r.lang)
    body: list[dict] = [{"type": "TextBlock", "size": "Large", "weight": "Bolder", "wrap": True,
                         "text": _heading(w, r)}]
    if not r.owners:
        body.append({"type": "TextBlock", "wrap": True, "text": w.t("remind_none")})
    elif not r.site_url:
        body.append({"type": "TextBlock", "wrap": True, "isSubtle": True, "text": w.t("remind_no_site_url")})
    for o in r.owners:
        body += _teams_owner(w, o, r.site_url)
    card = {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "version": "1.4", "body": body}
    payload = {"type": "message",
               "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}]}
    return json.dumps(payload, ensure_ascii=False, indent=2)


RENDERERS = {"markdown": render_markdown, "json": render_json, "slack": render_slack, "teams": render_teams}
