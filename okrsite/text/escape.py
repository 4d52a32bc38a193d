"""The one home of escaping: contributors' text (titles, wins, check-in notes, names) must never
become markup, wherever it goes: HTML built in Python, Atom feeds, SVG badges, alt text.

Jinja templates autoescape (site/templates.py); Python code that builds HTML or XML by hand
calls these; data for a <script> goes through script_json(), a title in a Markdown snippet
through markdown_link_text(). `markup()` is the only way to say "this is HTML okrsite made": its parts must
have gone through the functions here or through sanitize.clean_html.
"""

from __future__ import annotations

import json
import re

import markupsafe

# characters XML 1.0 forbids (C0 controls but tab/newline/return, lone surrogates, U+FFFE/U+FFFF):
# one of them in a title would make a feed or a badge not well-formed, so no reader shows it
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"\s+")


def plain_text(text: object) -> str:
    """One line of plain text for titles, alt text, badge and feed text: no characters XML
    forbids, runs of white space (line breaks) as one space."""
    return _SPACE.sub(" ", _NOT_XML.sub("", str(text))).strip()


def html_text(text: object) -> str:
    """Text inside an HTML element: `<b>` shows as `<b>`."""
    return str(markupsafe.escape(_NOT_XML.sub("", str(text))))


def html_attr(text: object) -> str:
    """Text inside a quoted HTML attribute value (quotes escaped too)."""
    return str(markupsafe.escape(plain_text(text)))


def xml_text(text: object) -> str:
    """Text inside an XML (SVG) element written by hand."""
    return html_text(text)


def xml_attr(text: object) -> str:
    """Text inside a quoted XML (SVG) attribute value written by hand."""
    return html_attr(text)


def markdown_link_text(text: object) -> str:
    """A title as the text of a Markdown link in a copy-paste snippet (`[![title](…)](…)`): one line,
    without the brackets that would end it."""
    return plain_text(text).replace("[", "").replace("]", "")


def script_json(data: object) -> str:
    """Data as JSON inside an HTML <script>: no `</script>` or `<!--` in a title can end the script."""
    text = json.dumps(data, ensure_ascii=False)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                       ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def markup(html: str) -> markupsafe.Markup:
    """HTML okrsite built (from escaped or sanitized parts), for templates to insert as it is."""
    return markupsafe.Markup(html)


# inline only (okrsite always writes a prefix before contributors' text, so `#`, `-`, `1.` never start a line)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def markdown_text(text: object) -> str:
    """Contributors' text inside Markdown okrsite writes (a pull-request comment, a chat message):
    one line, every Markdown character escaped so a title cannot become a link, an image or a table
    cell break, and `@` kept from pinging a person or a team (a word joiner after it)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain_text(text)).replace("@", "@\u2060")


def slack_text(text: object) -> str:
    """Contributors' text inside a Slack message (mrkdwn): one line, with the three characters Slack
    asks to escape, so a title cannot become a link or a mention (`<@U123>`, `<!channel>`)."""
    return plain_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
