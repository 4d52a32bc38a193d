"""Learnings, blockers and next steps found in a check-in's Markdown body."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from okrsite.source.logbody import sections


def test_items_under_known_headings_in_japanese_and_english():
    body = "前置き\n\n## 学び\n- 件名を変えたら開封率が上がった\n- 初日の体験が\n  継続を決める\n\n## Blockers\n" \
           "データ欠損\n\n## 次のアクション\n1. セグメント別に配信\n\n## 雑記\n- これは拾わない\n"
    assert sections(body) == {
        "learnings": ["件名を変えたら開封率が上がった", "初日の体験が 継続を決める"],
        "blockers": ["データ欠損"],
        "next_steps": ["セグメント別に配信"],
    }


def test_headings_inside_code_fences_are_not_sections():
    assert sections("```\n## 学び\n- x\n```\n") == {}


def test_heading_variants():
    assert sections("### 学び：\n- a\n")["learnings"] == ["a"]
    assert sections("## Lessons learned\n- b\n")["learnings"] == ["b"]


def _words(text: str) -> str:
    return " ".join(text.split())


@given(st.text(max_size=400))
def test_never_raises_and_items_come_from_the_body(body):
    for items in sections(body).values():
        for item in items:
            assert _words(item) in _words(body)  # the whole item, as written (line breaks aside)


# headings as contributors write them, and the section each belongs to (docs/format.md); None: not collected
HEADINGS = {"学び": "learnings", "Learnings": "learnings", "## 気づき：": "learnings", "Lessons learned": "learnings",
            "ブロッカー": "blockers", "Risks": "blockers", "次のアクション": "next_steps", "Next steps": "next_steps",
            "雑記": None, "Notes": None}
TEXT = st.text(st.characters(whitelist_categories=("L", "N"), whitelist_characters=" 、。"), min_size=1,
               max_size=30).map(str.strip).filter(bool)


@given(st.lists(st.tuples(st.sampled_from(sorted(HEADINGS)), st.lists(TEXT, min_size=1, max_size=4),
                          st.booleans()), max_size=5))
def test_every_item_under_a_known_heading_is_collected_in_order(parts):
    body, expected = "前置き\n\n", {}
    for heading, items, as_list in parts:
        title = heading if heading.startswith("#") else f"## {heading}"
        lines = [f"- {item}" for item in items] if as_list else [f"{item}\n" for item in items]
        body += f"{title}\n" + "\n".join(lines) + "\n\n"
        if HEADINGS[heading] is not None:
            expected.setdefault(HEADINGS[heading], []).extend(items)
    assert sections(body) == expected
