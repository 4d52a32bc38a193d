"""Where `okrsite export --out DIR` may write: a new or empty folder, or one an export made.

An export replaces its own files on every run, so it must never be pointed at a folder a person
keeps files in: the first export writes a marker file (`.okrsite-export`) into the folder, and
a later export overwrites only in a folder that has it. Any other non-empty folder is refused
with the files that would have been overwritten. Writing itself is source/safewrite.py's: never
through a link, and what fails half-way is taken back (each file goes through a temporary name, so
a later export replaces a hard link instead of writing through it). Files that repeat another's
bytes (a current-period alias's images) are then made hard links to it (source/hardlinks.py).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..source.hardlinks import copies, link_copies
from ..source.safewrite import WriteFailed, write_all

MARKER = ".okrsite-export"
MARKER_TEXT = ("This folder was written by `okrsite export`; the next export may replace any file in it.\n"
               "Keep your own files elsewhere.\n")


@dataclass
class FolderRefused(Exception):
    """The --out folder holds files that okrsite did not write."""

    folder: Path
    would_overwrite: list[str] = field(default_factory=list)
    others: int = 0  # entries of the folder besides those

    def __str__(self) -> str:
        shown = ", ".join(self.would_overwrite[:20]) + (" …" if len(self.would_overwrite) > 20 else "")
        what = (f"it would overwrite {len(self.would_overwrite)} file(s): {shown}" if self.would_overwrite
                else f"it holds {self.others} file(s) or folder(s) okrsite did not write")
        return (f"{self.folder} is not empty and was not made by okrsite export ({MARKER} is missing): {what}; "
                "choose a new or empty folder")


def export_into(out: Path, files: Mapping[str, str | bytes]) -> list[str]:
    """Write `files` (relative paths) into `out` under the rules above; the paths written."""
    out = Path(out)
    if out.is_symlink():
        raise WriteFailed(str(out), "the folder is a symbolic link; give the folder itself")
    created = not out.exists()
    if created:
        try:
            out.mkdir(parents=True)
        except OSError as exc:
            raise WriteFailed(str(out), exc.strerror or str(exc)) from None
    elif not out.is_dir():
        raise WriteFailed(str(out), "it is not a folder")
    owned = (out / MARKER).is_file() and not (out / MARKER).is_symlink()
    if not owned:
        entries = os.listdir(out)
        if entries:
            clash = sorted(rel for rel in files if os.path.lexists(out / rel))
            raise FolderRefused(out, clash, len(entries) - len(clash))
    try:
        written = write_all(out, {MARKER: MARKER_TEXT, **files}, overwrite=owned)
    except WriteFailed:
        if created:
            try:
                out.rmdir()
            except OSError:
                pass
        raise
    link_copies(out, copies({rel: data for rel, data in files.items() if isinstance(data, bytes)}))
    return [rel for rel in written if rel != MARKER]
