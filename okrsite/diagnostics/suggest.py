""""Did you mean …?" hints: the nearest known name to a mistyped one."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 0.5) -> str:
    import difflib  # here: a check that finds nothing misspelt never needs it (issue 15, figure 1)

    found = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=cutoff)
    return found[0] if found else ""


def close_hint(word: str, choices: Iterable[str]) -> str:
    guess = closest(word, choices)
    return f"did you mean `{guess}`?" if guess else ""
