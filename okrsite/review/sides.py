"""The two sides of `okrsite diff`: a git ref's content extracted into a temporary directory (no
worktree, no checkout), the working tree, or a plain directory.

Every failure (not a repository, a bad ref, unrelated histories) is a SideError with a message a
contributor can act on; the CLI turns it into exit status 2.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path


class SideError(Exception):
    """A side of the comparison cannot be read; the message says why."""


@dataclass(frozen=True)
class Side:
    label: str  # what the comment calls it: a ref name, "working tree", a directory
    root: Path  # the content directory to load


@dataclass(frozen=True)
class Sides:
    base: Side
    head: Side
    prefix: str  # the content directory relative to the repository root, with "/" ("content/")


def _git(repo: Path, *args: str, data: bool = False) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False,
                              text=not data, timeout=120)
    except FileNotFoundError:
        raise SideError("git is not installed; compare two directories instead") from None
    except subprocess.TimeoutExpired:
        raise SideError(f"git {args[0]} took longer than 120 seconds") from None


def _repo_of(content: Path) -> tuple[Path, str]:
    """The repository's top directory and the content directory relative to it."""
    where = content if content.is_dir() else content.parent
    if not where.is_dir():
        raise SideError(f"{content} is not a directory")
    done = _git(where, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise SideError(f"{content} is not inside a git repository; give two directories to compare instead")
    top = Path(done.stdout.strip()).resolve()
    try:
        rel = content.resolve().relative_to(top).as_posix()
    except ValueError:
        raise SideError(f"{content} is not inside the repository {top}") from None
    return top, "" if rel == "." else rel


def _commit(top: Path, ref: str) -> str:
    if ref.startswith("-"):
        raise SideError(f"{ref!r} is not a git ref")
    done = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if done.returncode != 0:
        raise SideError(f"{ref!r} is not a commit, branch or tag of {top} (did the checkout fetch it? "
                        "use fetch-depth: 0 in actions/checkout)")
    return done.stdout.strip()


def _related(top: Path, base: str, head: str) -> None:
    done = _git(top, "merge-base", base, head)
    if done.returncode != 0:
        raise SideError("the two refs share no history (unrelated histories); compare refs of one repository")


def _extract(top: Path, commit: str, rel: str, into: Path) -> Path:
    """The content directory as it is in `commit`, written under `into`; empty when it did not exist yet."""
    target = into / (rel or ".")
    listing = _git(top, "ls-tree", "-d", "--name-only", commit, "--", rel) if rel else None
    if listing is not None and not listing.stdout.strip():
        target.mkdir(parents=True, exist_ok=True)
        return target
    done = _git(top, "archive", "--format=tar", commit, *([rel] if rel else []), data=True)
    if done.returncode != 0:
        raise SideError(f"git archive failed: {done.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        _extract_all(tar, into)
    target.mkdir(parents=True, exist_ok=True)
    return target


def _extract_all(tar: tarfile.TarFile, into: Path) -> None:
    """Regular files and directories only, inside `into` (git archive writes nothing else, but a
    repository is contributors' data: no link or absolute path may lead out)."""
    if hasattr(tarfile, "data_filter"):  # Python 3.11.4+
        tar.extractall(into, filter="data")
        return
    safe = [m for m in tar.getmembers() if (m.isfile() or m.isdir()) and not m.name.startswith("/")
            and ".." not in Path(m.name).parts]
    tar.extractall(into, members=safe)  # noqa: S202 - members checked above


@contextmanager
def open_sides(base: str, head: str | None, content: Path) -> Iterator[Sides]:
    """The two content directories to compare; temporary copies are removed on exit.

    Two directories compare as they are. Otherwise BASE and HEAD are refs of the repository holding
    `content`; without HEAD the working tree is the new side."""
    if Path(base).is_dir():
        if head is None or not Path(head).is_dir():
            raise SideError(f"{base} is a directory: give a second directory to compare it with")
        yield Sides(Side(base, Path(base)), Side(head, Path(head)), "")
        return
    top, rel = _repo_of(content)
    base_commit = _commit(top, base)
    head_commit = _commit(top, head) if head is not None else _commit(top, "HEAD")
    _related(top, base_commit, head_commit)
    prefix = f"{rel}/" if rel else ""
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="okrsite-diff-")))
        base_root = _extract(top, base_commit, rel, tmp / "base")
        if head is None:
            if not content.is_dir():
                raise SideError(f"{content} is not a directory")
            head_side = Side("working tree", content)
        else:
            head_side = Side(head, _extract(top, head_commit, rel, tmp / "head"))
        yield Sides(Side(base, base_root), head_side, prefix)
