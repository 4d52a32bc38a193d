"""What `okrsite pages` needs from mkdocs.yml, read without MkDocs (the file may hold `!!python/...`
tags; they are ignored). The same keys the plugin reads from MkDocs's own configuration."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class _Tolerant(yaml.SafeLoader):
    """A safe loader that reads any tagged value as nothing instead of failing on it."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class PagesConfig:
    base: Path  # the folder of mkdocs.yml (relative settings start there)
    docs_dir: Path
    site_url: str = ""
    use_directory_urls: bool = True
    language: str = ""
    custom_dir: Path | None = None
    edit_base: str = ""  # repo_url + edit_uri
    plugin: dict = field(default_factory=dict)  # the okrsite plugin's options


def _url(value: object) -> str:
    return value.strip() if isinstance(value, str) and value.strip().startswith(("http://", "https://")) else ""


def _edit_base(data: dict) -> str:
    """repo_url + edit_uri, as MkDocs joins them (edit_uri may be a full address itself)."""
    repo, edit = _url(data.get("repo_url")), data.get("edit_uri")
    if not isinstance(edit, str) or not edit.strip():
        return ""
    return _url(edit) or (f"{repo.rstrip('/')}/{edit.strip().lstrip('/')}" if repo else "")


def _plugin_options(plugins: object) -> dict:
    for item in plugins if isinstance(plugins, list) else []:
        if item == "okrsite":
            return {}
        if isinstance(item, dict) and "okrsite" in item:
            return item["okrsite"] if isinstance(item["okrsite"], dict) else {}
    return {}


def build_day(cfg: PagesConfig, given: dt.date | None, environ: Mapping[str, str]) -> dt.date:
    """The day the pages are computed as of, as the plugin decides it: --today, else the plugin's
    `today`, else $OKRSITE_TODAY, else the real today (so both hosts build the same portal)."""
    if given is not None:
        return given
    value = cfg.plugin.get("today") or environ.get("OKRSITE_TODAY")
    if isinstance(value, dt.date):
        return value
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"today must be YYYY-MM-DD, got {value!r}") from None


def read_pages_config(config_file: Path) -> PagesConfig:
    """mkdocs.yml's values (defaults where the file or a key is missing: docs_dir `docs`)."""
    base = config_file.resolve().parent
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Tolerant)  # noqa: S506 - safe subclass
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    data = data if isinstance(data, dict) else {}
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    custom = theme.get("custom_dir")
    return PagesConfig(
        base=base,
        docs_dir=(base / str(data.get("docs_dir") or "docs")).resolve(),
        site_url=_url(data.get("site_url")),
        use_directory_urls=data.get("use_directory_urls") is not False,
        language=str(theme.get("language") or ""),
        custom_dir=(base / custom).resolve() if isinstance(custom, str) and custom else None,
        edit_base=_edit_base(data),
        plugin=_plugin_options(data.get("plugins")),
    )
