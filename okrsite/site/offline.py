"""An intranet site must not fetch anything from the internet: what in a page or a configuration
would make a browser load from another host (links to other hosts are fine)."""

from __future__ import annotations

import re

# canonical and alternate <link>s are fetched by nothing
_REMOTE_LOAD = re.compile(r"""<(?:script|img|iframe|source|embed|object|link(?![^>]*\brel=["']?(?:canonical|alternate)))"""
                          r"""\b[^>]*\b(?:src|href|data)=["']((?:https?:)?//[^"']+)""", re.I)
_REMOTE = re.compile(r"^(https?:)?//")


def remote_loads(html: str) -> list[str]:
    """The URLs on other hosts that a page loads."""
    return _REMOTE_LOAD.findall(html)


def asset_problems(assets: list[str], google_fonts: bool) -> list[str]:
    """What in a site's configuration loads from the internet: extra assets, the theme's web fonts."""
    problems = ["theme.font loads Google Fonts: set `theme: font: false`"] if google_fonts else []
    problems += [f"extra asset {path} is loaded from the internet" for path in assets if _REMOTE.match(path)]
    return problems
