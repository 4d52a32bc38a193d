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


@given(st.text(max_size=400))
def test_never_raises_and_items_come_from_the_body(body):
    for items in sections(body).values():
        for item in items:
            assert item.split(" ")[0] in body
