"""The one value of mkdocs.yml that `okrsite remind` needs: site_url, for links people can click
from a chat. Read without MkDocs: the file may hold `!!python/...` or `!ENV` tags, which are
ignored here (only a plain string site_url counts)."""

from __future__ import annotations

from pathlib import Path

import yaml


class _Tolerant(yaml.SafeLoader):
    """A safe loader that reads any tagged value as nothing instead of failing on it."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url(config: Path) -> str:
    """mkdocs.yml's site_url, or "" when the file, the key or a usable value is missing."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Tolerant)  # noqa: S506 - safe subclass
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    value = data.get("site_url") if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) and value.strip().startswith(("http://", "https://")) else ""
