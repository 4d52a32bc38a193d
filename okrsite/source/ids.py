"""Which ids are safe to become file and folder names: the one home of those rules.

Ids (unit ids, objective slugs, KR ids, period ids, the names of content files and folders)
become the names of the site's files (`units/<unit>/index.html`, `charts/okrs/<period>/<unit>/
<slug>/<kr>.dark.svg`, `periods/<period>/index.html`), of exports and of the files `okrsite
close` and `okrsite new period` write. An id that a file system reads differently, that names a
generated page, or that no file system can hold must be refused before anything is built
(OKR220–OKR223). Display text (titles, names) is only shown: invisible characters there get
OKR120, control characters OKR121 (both warnings; control characters are taken out of the text).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# The longest name okrsite appends to an id when it names an output file after it; every output
# name is `<id><suffix>` or `<id>/<generated name>` (charts/publish.py writes .svg, .dark.svg,
# .png, .vl.json and .html beside each chart id; MkDocs writes <id>.html or <id>/index.html; feeds
# <unit>.xml; content files are <id>.md). tests/test_ids.py compares this with what the site,
# the charts and the exports really write, so it cannot fall behind them.
OUTPUT_SUFFIXES = (".md", ".html", ".xml", ".svg", ".png", ".dark.svg", ".vl.json", ".dark.png")
NAME_MAX = 255  # bytes in one file name: ext4, APFS, NTFS (255 UTF-16 units) and most others
MAX_ID_BYTES = NAME_MAX - max(len(s.encode("utf-8")) for s in OUTPUT_SUFFIXES)

# Names the site generates in the folders ids are placed in: `index` is every folder's own page
# (units.md becomes units/index.html, so a unit `index` would replace it), `current` the charts
# that follow the current period (charts/periods/current/, charts/units/<unit>/current/).
# tests/test_ids.py derives the set from the pages (site/pages.py, site/urls.py) and charts the
# site really has.
RESERVED = frozenset({"index", "current"})

# Windows reserves these names in every folder, with any extension and in any case (CON.txt too).
_DEVICES = frozenset({"con", "prn", "aux", "nul", "conin$", "conout$", "clock$"}
                     | {f"{p}{n}" for p in ("com", "lpt") for n in (*"123456789", "¹", "²", "³")})
_NOT_ON_WINDOWS = set('<>:"|?*\\')
# Characters that change how text reads without being seen: bidi embeddings, overrides and
# isolates, zero-width spaces and joiners, the word joiner, the BOM and soft hyphen.
_INVISIBLE = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
                       "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")


@dataclass(frozen=True)
class IdProblem:
    """Why an id cannot name files of the site, as a diagnostic states it."""

    code: str  # OKR220 unsafe | OKR221 reserved | OKR223 too long
    message: str
    hint: str


def char_name(ch: str) -> str:
    """`U+000A LINE FEED`-style words for a character nobody can see."""
    name = unicodedata.name(ch, "") or {"\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\t": "TAB",
                                        "\0": "NUL"}.get(ch, "control character")
    return f"U+{ord(ch):04X} {name}"


def shown(value: str) -> str:
    """An id as a message can print it: invisible and control characters spelled out."""
    return "".join(f"<{char_name(c)}>" if _hidden(c) else c for c in value)


def _hidden(ch: str) -> bool:
    return ch in _INVISIBLE or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")


def id_problem(value: str, what: str, *, reserved: bool = True, generated: bool = True) -> IdProblem | None:
    """Why `value` cannot be the name of a file or folder okrsite reads or writes, or None.

    `what` names the id in the message (`unit id`, `period`, `key result id`, ...); `reserved`:
    the id is placed in a folder with generated pages (not so a KR id); `generated`: okrsite names
    files after it (not so a hand-written page, which is copied as it is)."""
    if not isinstance(value, str) or not value:
        return None
    return _id_problem(value, what, reserved, generated)


@functools.lru_cache(maxsize=8192)  # a path's period and unit repeat in thousands of file paths
def _id_problem(value: str, what: str, reserved: bool, generated: bool) -> IdProblem | None:
    if generated and len(value) > 4 * NAME_MAX:  # far too long: say so without reading it all
        return _too_long(len(value.encode("utf-8")), what)
    return _characters(value, what, generated) or _name(value, what, reserved and generated, generated)


def _characters(value: str, what: str, generated: bool) -> IdProblem | None:
    bad = next((c for c in value if _hidden(c)), None)
    if bad is not None:
        seen = shown(value)
        fixed = "".join(c for c in value if not _hidden(c)).strip()
        return IdProblem("OKR220", f"the {what} `{seen}` contains {char_name(bad)}, an invisible or control character",
                         "remove it (often pasted with the text)" + (f": write `{fixed}`" if fixed else ""))
    folded = unicodedata.normalize("NFKC", value)
    # an id must be one name however it is typed; a hand-written page (`ＯＫＲガイド.md`) keeps its own
    if generated and folded != value:
        return IdProblem("OKR220", f"the {what} `{value}` is written with fullwidth or compatibility characters; "
                         f"a file system or reader may take it for `{folded}`",
                         f"write it in plain ASCII: `{folded}`" if folded.isascii() else "write it in plain ASCII")
    if "/" in value or value in (".", "..") or any(c in _NOT_ON_WINDOWS for c in value):
        return IdProblem("OKR220", f"the {what} `{value}` is not a plain name (it holds `/`, `\\`, `..` or a "
                         "character Windows forbids in file names)", "use letters, digits, '-' and '_'")
    if value[-1] in ". " or value[0] == " ":
        return IdProblem("OKR220", f"the {what} `{value}` starts or ends with a space or a dot, which Windows drops",
                         f"write `{value.strip(' .')}`" if value.strip(" .") else "use letters, digits, '-' and '_'")
    return None


def _name(value: str, what: str, reserved: bool, generated: bool) -> IdProblem | None:
    stem = value.split(".", 1)[0].rstrip(" ").casefold()
    if stem in _DEVICES:
        return IdProblem("OKR220", f"the {what} `{value}` is a device name on Windows (`{stem.upper()}`): a checkout "
                         "there cannot create the file", f"choose another name, e.g. `{value}-team`")
    if reserved and value.casefold() in RESERVED:
        return IdProblem("OKR221", f"the {what} `{value}` is the name of a page okrsite generates",
                         f"choose another name, e.g. `{value}-1`; reserved: " + ", ".join(sorted(RESERVED)))
    size = len(value.encode("utf-8"))
    return _too_long(size, what) if generated and size > MAX_ID_BYTES else None


def _too_long(size: int, what: str) -> IdProblem:
    return IdProblem("OKR223", f"the {what} is {size} bytes long; okrsite's file names for it would exceed "
                     f"the {NAME_MAX}-byte limit of file systems",
                     f"keep ids to at most {MAX_ID_BYTES} characters (ASCII); shorter ids read better in URLs")


def fold(value: str) -> str:
    """The name a case-insensitive file system (macOS, Windows) takes `value` for."""
    return unicodedata.normalize("NFKC", value).casefold()


def case_collisions(paths: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(path, the earlier path it collides with) for every file or folder of `paths` (relative,
    '/'-separated) whose name differs from another's only in case, once per pair of names."""
    first: dict[str, str] = {}
    reported: set[str] = set()
    for path in paths:
        parts = path.split("/")
        for n in range(1, len(parts) + 1):
            prefix = "/".join(parts[:n])
            key = fold(prefix)
            other = first.setdefault(key, prefix)
            if other != prefix and key not in reported:
                reported.add(key)
                yield prefix, other
                break


# --- display text -------------------------------------------------------------------------------

def text_problems(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, bool, str, str]]:
    """(path, whether the mapping key itself is meant, code, message) for each string of front
    matter that holds a control character (OKR121: a NUL or escape in a title must never reach a
    page) or an invisible bidi or zero-width character (OKR120: text that reads other than it is)."""
    if isinstance(data, str):
        found = _text_problem(data)
        if found:
            yield (path, False, *found)
    elif isinstance(data, dict):
        for key, value in data.items():
            found = _text_problem(key) if isinstance(key, str) else None
            if found:
                yield (path + (key,), True, *found)
            yield from text_problems(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from text_problems(value, path + (i,))


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # category Cc but tab, newlines
_INVISIBLE_RE = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")


def may_hide(text: str) -> bool:
    """Whether front matter parsed from `text` may hold a string text_problems reports: the text
    holds such a character, or a backslash (a double-quoted YAML escape such as `\\u200b` makes
    one). Most files hold neither, and walking every string of their data was 5% of a check."""
    return "\\" in text or _CONTROL_RE.search(text) is not None or _INVISIBLE_RE.search(text) is not None


def _text_problem(text: str) -> tuple[str, str] | None:
    """One character class search each (linear, in C: front matter may be megabytes)."""
    control = _CONTROL_RE.search(text)
    if control is not None:
        return "OKR121", f"the text holds {char_name(control.group())}, a control character"
    bad = _INVISIBLE_RE.search(text)
    if bad is not None:
        return "OKR120", f"the text holds {char_name(bad.group())}, which cannot be seen but changes how it reads"
    return None
