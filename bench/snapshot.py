"""Benchmark a committed okrsite rather than the working tree (which may be mid-edit).

`snapshot(rev, dest)` extracts the `okrsite` package of a git revision into `dest`
(read-only for the repository: `git archive`). Put `dest` first on PYTHONPATH (or sys.path)
and `import okrsite`, `python -m okrsite` and the MkDocs plugin entry point all use that
copy: the editable install's finder comes after the path on sys.meta_path.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def describe_rev(rev: str) -> str:
    """`<short hash> <subject>` of a revision."""
    out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %s", rev],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def snapshot(rev: str, dest: Path) -> Path:
    data = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev, "okrsite"],
                          check=True, capture_output=True).stdout
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest
