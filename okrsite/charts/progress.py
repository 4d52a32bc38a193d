"""Progress of a cold build's chart rendering on a terminal: `okrsite: charts 120/823 · 31% from the cache`.

Rendering is most of a cold build (minutes for a large organization), so a person at a terminal is
told it moves; a log (not a terminal) or CI stays quiet unless asked (`charts: {progress: true}`).
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


def wanted(setting: bool | None, stream: TextIO | None = None) -> bool:
    """`setting` when given; else only on a terminal, and never where $CI is set."""
    if setting is not None:
        return setting
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("CI")


class TerminalProgress:
    """A callback for ChartRenderer: on a terminal one line redrawn at most five times a second; elsewhere
    (asked for in CI) a line every ten seconds; and a last line when done."""

    def __init__(self, stream: TextIO | None = None, every: float | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.every = every if every is not None else (0.2 if self.tty else 10.0)
        self._last = time.monotonic()

    def __call__(self, done: int, total: int, hits: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < self.every:
            return
        self._last = now
        share = round(100 * hits / total) if total else 100
        line = f"okrsite: charts {done}/{total} · {share}% from the cache"
        end = "\n" if done >= total else ""
        self.stream.write("\r" + line + end if self.tty else line + "\n")
        self.stream.flush()
