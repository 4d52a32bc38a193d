"""Small SVG progress badges, like a CI badge: `進捗 | 62%`, coloured by status; in a finished
period `最終 | 0.72` (the final score in its state's colour) or `最終 | 未採点`, never a pace."""

from __future__ import annotations

import unicodedata

from ..scoring.progress import KRProgress, ObjectiveProgress
from ..text.escape import plain_text, xml_attr, xml_text
from ..text.words import Words
from .theme import STATUS_COLORS


def badge_words(words: Words, p: KRProgress | ObjectiveProgress) -> tuple[str, str, str]:
    """(label, value, status) of a KR's or objective's badge. The running period: its progress,
    coloured by pace, and its grade where one was written ("45% · Grade 0.40"). A finished period: "Final" and its final score (with "· 3 unscored" for an
    objective with unscored KRs), its word result (Deferred, Not applicable), or "Unscored"."""
    if not p.status.final:  # a grade written while the period runs is shown beside the progress
        grade = f" · {words.t('chart_grade')} {words.score(p.score)}" if p.score is not None else ""
        return words.t("progress"), words.pct(p.progress) + grade, p.status.value
    result = getattr(p, "result", None)
    if result is not None and result.word:
        value = words.t(result.word)
    elif p.score is None:
        value = words.status_label(p.status)
    else:
        value = words.score(p.score)
        if isinstance(p, ObjectiveProgress) and p.unscored:
            value += " · " + words.t("unscored_count", k=p.unscored)
    return words.t("final"), value, p.status.value


def text_width(text: str, size: float = 11) -> float:
    """An estimate good enough for a badge: wide (CJK) characters are square, others ~0.6 em."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)


def badge_svg(label: str, value: str, status: str, title: str) -> str:
    """The badge of `title` (contributors' text: escaped, on one line) showing `label | value`."""
    label, value, title = plain_text(label), plain_text(value), plain_text(title)
    color = STATUS_COLORS.get(status, STATUS_COLORS["not_started"])
    lw = round(text_width(label) + 12)
    vw = round(text_width(value) + 12)
    w = lw + vw
    label_x, value_x = lw / 2, lw + vw / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="20" role="img" '
        f'aria-label="{xml_attr(title)}: {xml_attr(label)} {xml_attr(value)}">'
        f"<title>{xml_text(title)}: {xml_text(label)} {xml_text(value)}</title>"
        f'<clipPath id="r"><rect width="{w}" height="20" rx="3"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{lw}" height="20" fill="#555"/>'
        f'<rect x="{lw}" width="{vw}" height="20" fill="{color}"/></g>'
        f'<g fill="#fff" text-anchor="middle" font-family="Verdana, DejaVu Sans, IPAexGothic, IPAGothic, sans-serif" '
        f'font-size="11"><text x="{label_x:g}" y="14">{xml_text(label)}</text>'
        f'<text x="{value_x:g}" y="14" font-weight="bold">{xml_text(value)}</text></g></svg>'
    )
