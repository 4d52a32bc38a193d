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
FORMAT = 3
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
    """The entries of one content directory: relative path -> (digest, pickled entry, stamp,
    displayed path).

    Entries are pickled one by one, so a run that changed a few files pickles only those. A file
    whose stamp (size, modification and change times, inode, device) is the one its entry was kept
    with is not even read (`unchanged`), as git trusts its index: reading and hashing every file
    was a tenth of a pull request's check. Any write to a file changes its change time, which no
    program can set back; a file changed just before a run gets no stamp (RACY_NS) and is read."""

    def __init__(self, pack: Path, fingerprint: str) -> None:
        self.pack = pack
        self.fingerprint = fingerprint
        self._old, kept = _read_pack(pack, fingerprint)
        validators.offer(kept)  # the pack's pydantic validators (source/validators.py)
        self._new: dict[str, tuple] = {}
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

    def unchanged(self, rel: str, shown: str, st: os.stat_result | None) -> Any | None:
        """The cached entry of a file whose stamp is its entry's, without reading the file; else None."""
        old = self._old.get(rel)
        if old is None or old[2] is None or old[3] != shown or old[2] != self._stamp(st):
            return None
        value = _loaded(old[1])
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
            value = _loaded(old[1])
            if value is not None:
                self._new[rel] = old if old[2:] == (stamp, shown) else (key, old[1], stamp, shown)
                self._restamped |= self._new[rel] is not old
                self.hits += 1
                return value
        value = make()
        self.misses += 1
        try:
            self._new[rel] = (key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), stamp, shown)
        except Exception:  # noqa: BLE001 - an entry that cannot be pickled is simply not kept
            pass
        return value

    def save(self) -> None:
        """Write the pack when it changed (files added, changed or gone); never fails the check."""
        if self._new.keys() == self._old.keys() and not self.misses and not self._restamped:
            return
        pack = (self.fingerprint, self._new, validators.kept())
        try:  # the entries are pickled already: the pack is a dict of bytes (3.6 MB at 200 units)
            replace_whole(self.pack, pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            return


def _loaded(pickled: bytes) -> Any | None:
    try:
        return pickle.loads(pickled)
    except Exception:  # noqa: BLE001 - a damaged entry is a miss, never a failure
        return None


def _read_pack(pack: Path, fingerprint: str) -> tuple[dict[str, tuple], dict[str, bytes]]:
    """The pack's entries and kept validators, or none when it is missing, someone else's,
    damaged or stale."""
    try:
        with open(pack, "rb") as fh:
            if hasattr(os, "getuid") and os.fstat(fh.fileno()).st_uid != os.getuid():
                return {}, {}
            found, entries, kept = pickle.load(fh)
    except Exception:  # noqa: BLE001 - any unreadable pack is an empty cache
        return {}, {}
    if found != fingerprint or not isinstance(entries, dict) or not isinstance(kept, dict):
        return {}, {}
    return entries, kept
