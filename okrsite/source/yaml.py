"""Reading a Markdown file with YAML front matter into data that remembers where it came from.

PyYAML's composer gives every node its position; we build plain Python data from the nodes
ourselves so that each value can be traced back to `line:column`, duplicate keys are
reported instead of silently overwritten, and no input (however odd) raises.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..diagnostics.diagnostic import Diagnostic, Location, Severity

try:  # libyaml is several times faster and keeps the same marks
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

Path_ = tuple[Any, ...]  # a path into the data: keys and list indexes

_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(---|\.\.\.)[ \t]*$")
_MAX_DEPTH = 64
MAX_VALUES = 10_000  # YAML values (keys, scalars, lists, mappings) in one front matter; a check-in has tens


@dataclass(frozen=True)
class Pos:
    """A position in a file, as diagnostics print it."""

    line: int  # 1-based, in the whole file
    column: int  # 1-based


class Located:
    """Data parsed from YAML plus the position of every key and value in it.

    The positions are worked out when first asked for (a diagnostic needs one): most files have
    no problem, and building a position for each of their values was most of `okrsite check`'s
    time. `source` is what they are worked out from then: the text the fast loader read, its
    display path and the lines before it in the file.

    Pickled (the check's parse cache keeps each file's source, source/parse_cache.py), a Located
    with a `source` keeps only that, not its data: the validated document holds the same values,
    and unpickling every file's data tree again was a tenth of checking a 2,000-unit organization
    (issue 15). The data is read again when first asked for. Until its positions are worked out
    it pickles as that one tuple (the class gives the rest): unpickling two `functools.partial`
    per file, as it first did, was a sixth of loading the cache."""

    _values: dict[Path_, Pos] | None = None  # class defaults: what a pickled one does not keep
    _keys: dict[Path_, Pos] | None = None
    _start: Pos = Pos(1, 1)
    _source: tuple[str, str, int] | None = None

    def __init__(self, data: Any, values: dict[Path_, Pos] | None = None, keys: dict[Path_, Pos] | None = None,
                 start: Pos = Pos(1, 1), source: tuple[str, str, int] | None = None) -> None:
        self._data = data
        self._values, self._keys, self._start = values, keys, start
        self._source = source  # (text, path, line_offset), or None when the data was built located

    @property
    def data(self) -> Any:
        if self._data is _UNREAD:
            self._data = _fast(self._source[0])  # the same again: the text does not change
        return self._data

    def __getstate__(self) -> dict[str, Any]:
        if self._source is None:
            return dict(self.__dict__)
        if self._values is None:
            return {"_data": _UNREAD, "_source": self._source}
        return {**self.__dict__, "_data": _UNREAD}

    def _located(self) -> None:
        if self._values is None and self._source is not None:
            self._values, self._keys, self._start = _positions(*self._source)

    @property
    def values(self) -> dict[Path_, Pos]:
        self._located()
        return self._values if self._values is not None else {}

    @property
    def keys(self) -> dict[Path_, Pos]:
        self._located()
        return self._keys if self._keys is not None else {}

    @property
    def start(self) -> Pos:
        self._located()
        return self._start

    def pos(self, path: Path_, *, key: bool = False) -> Pos:
        """Position of `path`, or of its nearest ancestor that exists in the file."""
        values, keys = self.values, self.keys
        path = tuple(path)
        while True:
            if key and path in keys:
                return keys[path]
            if path in values:
                return values[path]
            if path in keys:
                return keys[path]
            if not path:
                return self.start
            path = path[:-1]


@dataclass
class SourceFile:
    """A content file read once: its text split into front matter and Markdown body."""

    path: str  # display path used in diagnostics
    text: str
    front: Located | None
    body: str
    body_line: int  # line number where the body starts
    diagnostics: list[Diagnostic]

    def loc(self, path: Path_ = (), *, key: bool = False) -> Location:
        if self.front is None:
            return Location(self.path, 1, 1)
        p = self.front.pos(path, key=key)
        return Location(self.path, p.line, p.column)


def _diag(code: str, message: str, path: str, line: int, col: int, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, Location(path, line, col), hint)


def read_source(path: str, raw: bytes, *, front_matter_required: bool = True) -> SourceFile:
    """Decode and split one file; every problem becomes a diagnostic, never an exception."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return SourceFile(path, "", None, "", 1, [_diag(
            "OKR001", f"the file is not valid UTF-8 (byte {exc.start})", path, line, 1,
            "save the file as UTF-8 (not Shift_JIS)")])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        if not front_matter_required:
            return SourceFile(path, text, None, text, 1, [])
        return SourceFile(path, text, None, text, 1, [_diag(
            "OKR002", "the file has no front matter", path, 1, 1,
            "start the file with a line `---`, the YAML keys, then another `---` line")])
    end = next((i for i in range(1, len(lines)) if _END.match(lines[i])), None)
    if end is None:
        return SourceFile(path, text, None, "", 1, [_diag(
            "OKR002", "the front matter is never closed", path, 1, 1,
            "add a line `---` after the last YAML key")])
    yaml_text = "\n".join(lines[1:end]) + "\n"
    body = "\n".join(lines[end + 1:])
    located, diags = parse_yaml(yaml_text, path, line_offset=1)
    return SourceFile(path, text, located, body, end + 2, diags)


def parse_yaml(text: str, path: str, *, line_offset: int = 0) -> tuple[Located | None, list[Diagnostic]]:
    """Parse one YAML document into located data. `line_offset` = lines before the YAML.

    The common case (plain keys, values, lists and mappings: what OKR files hold) is read by
    libyaml's loader with its positions left for later (`Located`); anything else (a duplicate
    key, an odd tag, a value the constructor refuses, nesting too deep, a syntax error) goes the
    located way, which reports it where it is. Both give the same data (tests/test_yaml_fast.py)."""
    try:
        refused = _refusal(text, path, _Lines(text, line_offset))
        if refused is not None:
            return None, [refused]
        data = _fast(text)
    except (_Unusual, yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        return parse_located(text, path, line_offset=line_offset)
    if data is _EMPTY:
        return Located(None, start=Pos(line_offset + 1, 1)), []
    return Located(data, source=(text, path, line_offset)), []


def parse_located(text: str, path: str, *, line_offset: int = 0) -> tuple[Located | None, list[Diagnostic]]:
    """Parse one YAML document, building the position of every value as it goes (what parse_yaml
    does for the files the fast loader does not take)."""
    try:
        refused = _refusal(text, path, _Lines(text, line_offset))
        if refused is not None:
            return None, [refused]
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark, message, hint = _explain(exc, text)
        p = _Lines(text, line_offset).pos(mark) if mark else Pos(line_offset + 1, 1)
        return None, [_diag("OKR003", f"YAML syntax error: {message}", path, p.line, p.column, hint)]
    except yaml.YAMLError as exc:  # e.g. several documents, reader errors
        return None, [_diag("OKR003", f"YAML error: {exc}", path, line_offset + 1, 1)]
    if node is None:
        return Located(None, start=Pos(line_offset + 1, 1)), []
    builder = _Builder(path, _Lines(text, line_offset))
    data = builder.build(node, ())
    start = builder.pos(node)
    return Located(data, builder.values, builder.keys, start), builder.diagnostics


def _positions(text: str, path: str, line_offset: int) -> tuple[dict[Path_, Pos], dict[Path_, Pos], Pos]:
    """The positions of a file the fast loader read (it read it, so this parse succeeds)."""
    located, _ = parse_located(text, path, line_offset=line_offset)
    if located is None:  # pragma: no cover - the fast loader accepted the same text
        return {}, {}, Pos(line_offset + 1, 1)
    return located.values, located.keys, located.start


class _Unread:
    """The data of an unpickled Located, not read again yet (one object, kept by reference)."""

    def __reduce__(self) -> str:
        return "_UNREAD"


class _Unusual(Exception):
    """The fast loader met something only the located builder treats as okrsite must."""


_EMPTY = object()
_UNREAD = _Unread()
_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# the tags whose values the located builder constructs exactly as SafeConstructor does
_PLAIN_TAGS = frozenset({_STR, _MAP, _SEQ, _TIMESTAMP, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                         "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"})


class _FastLoader(_Loader):  # type: ignore[misc, valid-type]
    """libyaml's safe loader, refusing (with _Unusual) whatever `_Builder` would read differently:
    duplicate or non-scalar keys (OKR005), merge keys and other tags (kept as text there),
    timestamps that are not dates (kept as text)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise _Unusual("a mapping tag on something else")
        out: dict[Any, Any] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                raise _Unusual("a key that is not a scalar")
            key = self.construct_object(knode, deep=True)
            if key in out:
                raise _Unusual("duplicate key")
            out[key] = self.construct_object(vnode, deep=deep)
        return out

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        value = super().construct_yaml_timestamp(node)
        if isinstance(value, dt.datetime) and value.tzinfo is None and value.time() == dt.time():
            return value.date()
        return value


def _undefined(loader: _FastLoader, node: yaml.Node) -> Any:
    raise _Unusual(node.tag)


# only the plain tags have constructors; any other tag (or a merge key) is _Unusual
_FastLoader.yaml_constructors = {tag: ctor for tag, ctor in yaml.constructor.SafeConstructor.yaml_constructors.items()
                                 if tag in _PLAIN_TAGS}
_FastLoader.yaml_multi_constructors = {}
_FastLoader.add_constructor(_TIMESTAMP, _FastLoader.construct_yaml_timestamp)
_FastLoader.add_constructor(None, _undefined)


def _fast(text: str) -> Any:
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:  # an empty document (or only comments)
            return _EMPTY
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    if _deeper(data, 0):
        raise _Unusual("nesting")
    return data


def _deeper(data: Any, depth: int) -> bool:
    """Whether some value lies more than _MAX_DEPTH levels deep (the builder reports it, OKR003)."""
    children = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    if not children:
        return False
    if depth + 1 > _MAX_DEPTH:
        return True
    return any(_deeper(c, depth + 1) for c in children if isinstance(c, (dict, list)))


def _refusal(text: str, path: str, lines: _Lines) -> Diagnostic | None:
    """What makes the YAML too costly to compose, found in the parser's events (streamed, nothing
    kept) before a node is built: an anchor (`&name`), since its aliases repeat its node and 500
    bytes of nested aliases would build billions of values (OKR020); or more than MAX_VALUES
    values, since each composed node costs hundreds of bytes and each unknown key a "did you
    mean" (OKR021). An alias without an anchor (`*bold*` meant as text) is left to the composer,
    which reports it as undefined. Small files without `&` skip the pass."""
    if len(text) <= MAX_VALUES and "&" not in text:
        return None
    count = 0
    for event in yaml.parse(text, Loader=_Loader):
        if not isinstance(event, yaml.NodeEvent):
            continue
        if event.anchor and not isinstance(event, yaml.AliasEvent):
            p = lines.pos(event.start_mark)
            return _diag("OKR020", f"YAML anchor `&{event.anchor}`: okrsite does not expand anchors and aliases",
                         path, p.line, p.column, "write the value out; OKR files have no use for anchors")
        count += 1
        if count > MAX_VALUES:
            p = lines.pos(event.start_mark)
            return _diag("OKR021", f"the front matter holds more than {MAX_VALUES:,} YAML values; it was not read",
                         path, p.line, p.column,
                         "an OKR file holds tens of values: split it, or link to long material instead of pasting it")
    return None


def _explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[Any, str, str]:
    """Where and what a YAML syntax error is, in words, pointing at the mistake: the parser often
    notices an unclosed `[` or quote only lines later, and says nothing about tabs."""
    mark = exc.problem_mark or exc.context_mark
    problem, context = exc.problem or "invalid YAML", exc.context or ""
    char = text[mark.index:mark.index + 1] if mark else ""
    if char == "\t" or "tab" in problem.lower():
        return mark, "a tab character; YAML is indented with spaces", "indent with spaces, not tabs"
    if exc.context_mark and context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")):
        opener, closer = ("[", "]") if "sequence" in context else ("{", "}")
        return exc.context_mark, f"the `{opener}` here is never closed with `{closer}`", (
            f"close it with `{closer}`, separate items with commas, or quote a value that contains `{opener}`")
    if exc.context_mark and context.startswith("while scanning a quoted scalar"):
        return exc.context_mark, "the quote here is never closed", "end the value with the same quote it starts with"
    if "expected key" in problem or "expected '-'" in problem:
        return mark, problem, "check the indentation: the keys of one mapping (or the items of a list) line up"
    if "alias" in problem:
        return mark, problem, "a value starting with `*` is read as a YAML alias: quote it"
    return mark, problem, "quote values that contain ': ', '#', or start with a special character"


class _Lines:
    """File positions of YAML marks. YAML also breaks lines at NEL, LS and PS (U+0085, U+2028,
    U+2029), which editors do not, so positions come from the mark's character index."""

    def __init__(self, text: str, line_offset: int) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.offset = line_offset

    def pos(self, mark: Any) -> Pos:
        line = bisect.bisect_right(self.starts, mark.index) - 1
        return Pos(line + 1 + self.offset, mark.index - self.starts[line] + 1)


class _Builder:
    def __init__(self, path: str, lines: _Lines) -> None:
        self.path = path
        self.lines = lines
        self.values: dict[Path_, Pos] = {}
        self.keys: dict[Path_, Pos] = {}
        self.diagnostics: list[Diagnostic] = []
        self.constructor = yaml.constructor.SafeConstructor()

    def pos(self, node: yaml.Node) -> Pos:
        return self.lines.pos(node.start_mark)

    def build(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        self.values.setdefault(path, self.pos(node))
        if depth > _MAX_DEPTH:
            p = self.pos(node)
            if any(d.code == "OKR003" for d in self.diagnostics):
                return None  # said once per file: a wide list at that depth would say it per item
            self.diagnostics.append(_diag("OKR003", f"YAML nested more than {_MAX_DEPTH} levels deep",
                                          self.path, p.line, p.column))
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for knode, vnode in node.value:
                key = self.scalar(knode) if isinstance(knode, yaml.ScalarNode) else _unhashable(knode)
                kp = self.pos(knode)
                if key in out:
                    first = self.keys.get(path + (key,))
                    self.diagnostics.append(Diagnostic(
                        "OKR005", Severity.ERROR, f"duplicate key `{key}`",
                        Location(self.path, kp.line, kp.column),
                        f"`{key}` is already set on line {first.line if first else '?'}; keep one",
                    ))
                    continue
                self.keys[path + (key,)] = kp
                out[key] = self.build(vnode, path + (key,), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, TypeError, OverflowError, yaml.YAMLError):
            # e.g. `2026-13-45` looks like a timestamp but is not a date: keep the text so
            # that validation reports it as an invalid date rather than crashing.
            return node.value
        if isinstance(value, (bytes, set)):
            return node.value
        if isinstance(value, dt.datetime) and value.tzinfo is None and value.time() == dt.time():
            return value.date()
        return value


def _unhashable(node: yaml.Node) -> str:
    return f"<{type(node).__name__.replace('Node', '').lower()} key>"


def plain(data: Any) -> Any:
    """Located data as JSON-compatible values (dates as ISO strings), for JSON Schema checks."""
    if isinstance(data, dict):
        return {str(k): plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    if isinstance(data, (dt.date, dt.datetime)):
        return data.isoformat()
    return data
