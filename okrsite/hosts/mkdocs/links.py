"""Refusing links in the folders MkDocs reads, before it walks them.

MkDocs follows symbolic links in docs_dir: `leak.txt -> /etc/passwd` would be published as
/leak.txt, a linked folder copied and indexed, and `loop -> .` ends the build with ELOOP before
any plugin sees the files. So the folders are listed (without following links) at on_config,
and a link or special file stops the build with OKR022, naming each.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from ...diagnostics.formats import render_text
from ...source.idcheck import refused
from ...source.tree import scan


def refuse_links(*folders: Path) -> None:
    """Raise a PluginError listing every link or special file under the folders (each once)."""
    diags = []
    for folder in dict.fromkeys(Path(f).resolve() for f in folders):
        if folder.is_dir():
            diags += refused(folder, scan(folder).refused)
    if diags:
        report = render_text(diags, len(diags), color=False)
        raise PluginError(f"okrsite: links are not published (nothing is read through them):\n{report}")
