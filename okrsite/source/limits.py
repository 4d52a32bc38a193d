"""How large a content file okrsite reads: a file over the cap is reported (OKR021), never read,
so one pasted log or generated dump cannot stall `okrsite check` or the build."""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics.diagnostic import Diagnostic, Location, Severity

DEFAULT_MAX_FILE_MB = 2.0  # a real objective or check-in is a few kilobytes


def oversized(path: str | Path, shown: str, max_mb: float = DEFAULT_MAX_FILE_MB,
              st: os.stat_result | None = None) -> Diagnostic | None:
    """OKR021 when the file at `path` is larger than `max_mb` megabytes, judged by its size on
    disk before a byte of it is read (`st`, its stat data when the caller has them); None when it
    is small enough (or cannot be stat'ed: the read that follows reports that)."""
    try:
        size = (st or os.stat(path)).st_size
    except OSError:
        return None
    limit = int(max_mb * 1024 * 1024)
    if size <= limit:
        return None
    return Diagnostic("OKR021", Severity.ERROR,
                      f"the file is {_mb(size)} MB, more than the {_mb(limit)} MB okrsite reads; it was not read",
                      Location(shown, 0, 0),
                      "shorten it (link to large material instead of pasting it), or raise `max_file_size_mb` "
                      "in okrsite.yml")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")
