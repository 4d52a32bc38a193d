"""Each file's parsed and validated document, kept between runs of `okrsite check` and builds, by
content hash.

A pull request changes a few files of thousands; parsing and validating the rest again was most
of the check's cost beyond its floor (issue 15). What one file reads to (its Document and its
diagnostics) depends only on its bytes, its path and okrsite's code, so an entry is used when
all three match; references between files are always resolved afresh. A file whose stat data
are those its entry was kept with is not read at all (`ParseCache.unchanged`, as git trusts its
index).

Where: `$OKRSITE_CACHE_DIR/check/`, else `$XDG_CACHE_HOME/okrsite/check/`, else
`~/.cache/okrsite/check/`: one pack per content directory. Never inside the repository: the
pack is a pickle, and a pickle can run code when read, so a file a contributor could commit (a
`.cache/` folder in a pull request) must never be one okrsite reads. A pack not owned by the
user running okrsite, unreadable, or written by other code is ignored, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pydantic
import yaml

from ..cachedirs import cache_home, replace_whole, source_hash  # the packs live in cache_home's `check/`
from . import validators

# bump when an entry's shape changes without any .py file of okrsite changing
FORMAT = 4
# a file changed less than this before a run began gets no stamp: a second change within the file
# system's timestamp granularity could leave its stamp as it was (git's "racily clean" entries)
RACY_NS = 2_000_000_000


def code_fingerprint(memo: Path | None = None) -> str:
    """What an entry depends on besides its file: okrsite's source (cachedirs.source_hash, kept in
    `memo`) and the libraries that shape an entry. Any change to the code that reads, checks or
    pickles a document makes every entry stale; a fresh install of the same files does not."""
    versions = f"{FORMAT} {sys.version} {pydantic.VERSION} {yaml.__version__}"
    return hashlib.blake2b(f"{versions}\0{source_hash(memo)}".encode(), digest_size=16).hexdigest()


def digest(shown: str, raw: bytes) -> bytes:
    """The key of one file's entry: its displayed path (diagnostics name it) and its bytes."""
    return hashlib.blake2b(shown.encode() + b"\0" + raw, digest_size=16).digest()


class ParseCache:
    """The entries of one content directory: an index, relative path -> (digest, chunk, stamp,
    displayed path), and the chunks that hold the entries, each one pickle of {path: entry}.

    A run that changed a few files pickles only those, as one new chunk beside the old ones.
    Entries are pickled together, not one by one: one pickle shares its class references and
    repeated strings among all its entries, and loading them so took 40% less time than loading
    each file's own pickle (the largest part of a pull request's check beyond its start-up,
    issue 15). When the chunks hold more entries of files since changed or gone than live ones,
    or there are more than MAX_CHUNKS, the live entries are written as one chunk again.

    A file whose stamp (size, modification and change times, inode, device) is the one its
    entry was kept with is not even read (`unchanged`), as git trusts its index: reading and
    hashing every file was a tenth of a pull request's check. Any write to a file changes its
    change time, which no program can set back; a file changed just before a run gets no stamp
    (RACY_NS) and is read."""

    def __init__(self, pack: Path, fingerprint: str) -> None:
        self.pack = pack
        self.fingerprint = fingerprint
        (self._old, self._chunks), kept = _read_pack(pack, fingerprint)
        validators.offer(kept)  # the pack's pydantic validators (source/validators.py)
        self._opened: dict[int, dict[str, Any]] = {}  # chunk number -> its entries, once loaded
        self._new: dict[str, tuple] = {}  # the next index; chunk None: made in this run
        self._made: dict[str, Any] = {}
        self._began = time.time_ns()
        self.hits = self.misses = 0
        self._restamped = False

    @classmethod
    def for_content(cls, root: Path, home: Path | None = None) -> ParseCache:
        key = hashlib.blake2b(str(Path(root).resolve()).encode(), digest_size=8).hexdigest()
        folder = (home or cache_home()) / "check"
        return cls(folder / f"{key}.pickle", code_fingerprint(folder / "code-fingerprint"))

    def _stamp(self, st: os.stat_result | None) -> tuple | None:
        if st is None or max(st.st_mtime_ns, st.st_ctime_ns) > self._began - RACY_NS:
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)

    def _entry(self, rel: str, chunk: int) -> Any | None:
        """The kept entry of `rel` in its chunk (loaded once, whole), or None when it is damaged."""
        if chunk not in self._opened:
            self._opened[chunk] = _loaded(self._chunks, chunk)
        return self._opened[chunk].get(rel)

    def peek(self, rel: str) -> Any | None:
        """The entry kept for `rel`, whatever the file holds now (not counted as a hit)."""
        old = self._old.get(rel)
        return None if old is None else self._entry(rel, old[1])

    def unchanged(self, rel: str, shown: str, st: os.stat_result | None) -> Any | None:
        """The cached entry of a file whose stamp is its entry's, without reading the file; else None."""
        old = self._old.get(rel)
        if old is None or old[2] is None or old[3] != shown or old[2] != self._stamp(st):
            return None
        value = self._entry(rel, old[1])
        if value is not None:
            self._new[rel] = old
            self.hits += 1
        return value

    def get_or_make(self, rel: str, shown: str, raw: bytes, make: Callable[[], Any],
                    st: os.stat_result | None = None) -> Any:
        """The cached entry of this file if its key matches, else `make()` (then kept); `st`, the
        file's stat data when it was read, gives the entry its stamp."""
        key = digest(shown, raw)
        stamp = self._stamp(st)
        old = self._old.get(rel)
        if old is not None and old[0] == key:
            value = self._entry(rel, old[1])
            if value is not None:
                self._new[rel] = old if old[2:] == (stamp, shown) else (key, old[1], stamp, shown)
                self._restamped |= self._new[rel] is not old
                self.hits += 1
                return value
        value = make()
        self.misses += 1
        self._new[rel] = (key, None, stamp, shown)
        self._made[rel] = value
        return value

    def save(self) -> None:
        """Write the pack when it changed (files added, changed or gone); never fails the check.
        Called when the files are loaded, before anything resolves them: the entries pickled are
        as their files read."""
        if self._new.keys() == self._old.keys() and not self.misses and not self._restamped:
            return
        index, chunks = self._next_chunks()
        pack = (self.fingerprint, (index, chunks), validators.kept())
        try:  # the chunks are pickled already: the pack is mostly bytes (3 MB at 200 units), written as they are
            replace_whole(self.pack, lambda f: pickle.dump(pack, f, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            return

    def _next_chunks(self) -> tuple[dict[str, tuple], list[tuple[bytes, int]]]:
        """The new index and chunks: the old chunks that still hold live entries, and one more
        for the entries made in this run; or all live entries in one chunk, when the old chunks
        hold more dead entries than live ones or there would be too many."""
        live: dict[int, int] = {}
        for entry in self._new.values():
            if entry[1] is not None:
                live[entry[1]] = live.get(entry[1], 0) + 1
        dead = sum(self._chunks[c][1] - n for c, n in live.items())
        if len(live) + bool(self._made) > MAX_CHUNKS or dead > sum(live.values()):
            every = {rel: self._made[rel] if e[1] is None else self._opened[e[1]][rel] for rel, e in self._new.items()}
            return _in_one_chunk(self._new, every)
        renumber = {c: i for i, c in enumerate(sorted(live))}
        chunks = [self._chunks[c] for c in sorted(live)]
        made = _pickled_chunk(self._made)
        index = {rel: (e[0], renumber[e[1]] if e[1] is not None else len(chunks), *e[2:])
                 for rel, e in self._new.items() if e[1] is not None or rel in made[2]}
        if made[2]:
            chunks.append(made[:2])
        return index, chunks


MAX_CHUNKS = 8  # then the live entries are written as one chunk again (loading many chunks repeats work)


def _in_one_chunk(index: dict[str, tuple], entries: dict[str, Any]) -> tuple[dict[str, tuple], list[tuple[bytes, int]]]:
    data, count, kept = _pickled_chunk(entries)
    return {rel: (e[0], 0, *e[2:]) for rel, e in index.items() if rel in kept}, [(data, count)]


def _pickled_chunk(entries: dict[str, Any]) -> tuple[bytes, int, set[str]]:
    """One pickle of the entries, its count and the paths it holds: an entry that cannot be
    pickled is simply not kept (found by pickling each alone, only when the whole fails)."""
    try:
        return pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL), len(entries), set(entries)
    except Exception:  # noqa: BLE001 - some entry cannot be pickled: keep the others
        pass
    good = {}
    for rel, value in entries.items():
        try:
            pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - not kept
            continue
        good[rel] = value
    return pickle.dumps(good, protocol=pickle.HIGHEST_PROTOCOL), len(good), set(good)


def _loaded(chunks: list[tuple[bytes, int]], chunk: int) -> dict[str, Any]:
    """A chunk's entries; a damaged chunk holds none (each is a miss, never a failure)."""
    try:
        found = pickle.loads(chunks[chunk][0])
    except Exception:  # noqa: BLE001 - a damaged chunk is a miss, never a failure
        return {}
    return found if isinstance(found, dict) else {}


def _read_pack(pack: Path, fingerprint: str) -> tuple[tuple[dict[str, tuple], list[tuple[bytes, int]]], dict[str, bytes]]:
    """The pack's index and chunks, and its kept validators, or none when it is missing, someone
    else's, damaged or stale."""
    nothing: tuple = (({}, []), {})
    try:
        with open(pack, "rb") as fh:
            if hasattr(os, "getuid") and os.fstat(fh.fileno()).st_uid != os.getuid():
                return nothing
            found, (index, chunks), kept = pickle.load(fh)
    except Exception:  # noqa: BLE001 - any unreadable pack is an empty cache
        return nothing
    if found != fingerprint or not isinstance(index, dict) or not isinstance(chunks, list) or not isinstance(kept, dict):
        return nothing
    return (index, chunks), kept
