"""The rule catalogue refuses a code or a name given twice: rules are appended by many changes,
and a dict would silently keep the last one (docs/rules.md and every hint of the other would lie)."""

from __future__ import annotations

import dataclasses

import pytest

from okrsite.diagnostics.rules import _RULES, RULES, catalogue


def test_every_rule_of_the_catalogue_is_kept():
    assert len(RULES) == len(_RULES)


def test_a_code_given_twice_is_refused():
    twin = dataclasses.replace(_RULES[1], name="another-name")
    with pytest.raises(ValueError, match=_RULES[1].code):
        catalogue([*_RULES, twin])


def test_a_name_given_twice_is_refused():
    twin = dataclasses.replace(_RULES[1], code="OKR999")
    with pytest.raises(ValueError, match="OKR999"):
        catalogue([*_RULES, twin])
