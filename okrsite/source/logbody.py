"""Structure in a check-in's Markdown body: items under the learnings, blockers and next-steps headings.

Teams write check-ins as ordinary Markdown; headings such as `## 学び` or `## Learnings`
mark the parts the site collects (the company-wide learnings page, the retrospective).
"""

from __future__ import annotations

import re

SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "learnings": ("学び", "学んだこと", "気づき", "learnings", "learning", "what we learned", "lessons", "lessons learned"),
    "blockers": ("ブロッカー", "障害", "課題", "阻害要因", "リスク", "blockers", "blocker", "risks", "issues"),
    "next_steps": ("次のアクション", "ネクストアクション", "次の一手", "次にやること", "next steps", "next", "next actions"),
}
_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+(.*)$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def _heading(line: str) -> str | None:
    """The text of an ATX heading line (`## 学び ##` → 学び), None for any other line. String code,
    not a regex: `(.*?)\\s*#*\\s*$` tried every split of a run of spaces and tabs, so one 6 KB
    heading line took minutes."""
    level = len(line) - len(line.lstrip("#"))
    if not 1 <= level <= 6 or not line[level:level + 1].isspace():
        return None
    return line[level:].strip().rstrip("#").rstrip()


def _section_of(heading: str) -> str | None:
    text = heading.strip()
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in ":："):  # `学び：`, `Learnings :`
        end -= 1
    text = text[:end].lower()
    for name, words in SECTION_HEADINGS.items():
        if text in words:
            return name
    return None


def sections(body: str) -> dict[str, list[str]]:
    """Items of each known section: its list items, or its paragraphs when it has no list."""
    out: dict[str, list[str]] = {}
    current: str | None = None
    paragraphs: list[str] = []
    items: list[list[str]] = []  # each item's lines, joined once at the end (not `+=`: quadratic)
    in_fence = False

    def close() -> None:
        if current is not None:
            found = [" ".join(item) for item in items] or [p for p in paragraphs if p]
            if found:
                out.setdefault(current, []).extend(found)

    para: list[str] = []
    for line in body.split("\n") + [""]:
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        heading = _heading(line)
        if heading is not None:
            if para:
                paragraphs.append(" ".join(para))
                para = []
            close()
            current, items, paragraphs = _section_of(heading), [], []
            continue
        if current is None:
            continue
        item = _ITEM.match(line)
        if item:
            if para:
                paragraphs.append(" ".join(para))
                para = []
            items.append([item.group(1).strip()])
        elif line.strip() == "":
            if para:
                paragraphs.append(" ".join(para))
                para = []
        elif items and line.startswith((" ", "\t")):
            items[-1].append(line.strip())  # continuation of a list item
        else:
            para.append(line.strip())
    close()
    return out
