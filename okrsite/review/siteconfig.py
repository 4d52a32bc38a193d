"""What `okrsite remind` needs from mkdocs.yml: site_url (links people can click from a chat) and
repo_url + edit_uri (a link that opens the git host's new-file form for the check-in to add).
Read without MkDocs: the file may hold `!!python/...` or `!ENV` tags, which are ignored here
(only plain string values count)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml


class _Tolerant(yaml.SafeLoader):
    """A safe loader that reads any tagged value as nothing instead of failing on it."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def _url(value: object) -> str:
    return value.strip() if isinstance(value, str) and value.strip().startswith(("http://", "https://")) else ""


@dataclass(frozen=True)
class SiteConfig:
    site_url: str = ""
    edit_base: str = ""  # where "edit this page" opens a file of docs_dir: repo_url + edit_uri

    def new_file_url(self, rel: str) -> str:
        """The git host's form for a new file `rel` (relative to docs_dir) in the folder edit_uri
        points into: GitHub's `…/new/BRANCH/DIR?filename=` and GitLab's `…/-/new/BRANCH/DIR?file_name=`
        (both parameters are given; each host reads its own). "" without an `/edit/` edit_uri."""
        head, found, tail = self.edit_base.rpartition("/edit/")
        if not found:
            return ""
        folder, _, name = rel.rpartition("/")
        base = f"{head}/new/{tail}".rstrip("/")
        path = "/".join(quote(part) for part in folder.split("/") if part)
        return f"{base}/{path}?filename={quote(name)}&file_name={quote(name)}"


def read_config(config: Path) -> SiteConfig:
    """The values of mkdocs.yml, or empty ones when the file or a key is missing or unusable."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Tolerant)  # noqa: S506 - safe subclass
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return SiteConfig()
    if not isinstance(data, dict):
        return SiteConfig()
    repo, edit = _url(data.get("repo_url")), data.get("edit_uri")
    if isinstance(edit, str) and edit.strip():
        edit_base = _url(edit) or (f"{repo.rstrip('/')}/{edit.strip().lstrip('/')}" if repo else "")
    else:
        edit_base = ""
    return SiteConfig(_url(data.get("site_url")), edit_base)
