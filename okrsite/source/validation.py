"""Turning pydantic validation errors into located, plain-words diagnostics.

Invalid items are dropped and the rest of the document is validated again ("salvage"), so
one bad key result does not hide the others nor cause a cascade of "unknown KR" errors.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import typing
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics.diagnostic import Diagnostic, Severity
from ..diagnostics.suggest import closest
from .paths import slugify
from .validators import validate_with
from .yaml import Path_, SourceFile

# Lists and mappings of sub-documents whose broken items can be dropped one by one.
ITEM_CONTAINERS = {"key_results", "initiatives", "changes", "carry_forward", "updates", "scores", "steps",
                   "custom", "owners", "members", "tags", "wins", "went_well", "to_improve", "learnings"}

_TYPE_WORDS = {
    "float_type": "a number", "float_parsing": "a number", "int_type": "a whole number",
    "int_parsing": "a whole number", "int_from_float": "a whole number", "bool_type": "true/false",
    "bool_parsing": "true/false", "string_type": "text", "list_type": "a list", "dict_type": "a mapping",
    "model_type": "a mapping of keys", "model_attributes_type": "a mapping of keys",
    "finite_number": "a finite number", "none_required": "empty",
}
_NUM_WITH_UNIT = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*([^\d\s].*)$")
_BELONGS_ELSEWHERE = {
    "confidence": "confidence is recorded with each check-in in content/logs/, not on the key result",
    "current": "current values are recorded as check-ins in content/logs/, not in the objective file",
    "value": "values are recorded as check-ins in content/logs/, not in the objective file",
    "score": "final scores are written in the retrospective, content/retros/<period>/<unit>.md",
    "progress": "progress is computed from check-ins; record values in content/logs/",
}
_YAML_BOOL_WORDS = {"yes", "no", "on", "off", "true", "false", "y", "n"}


@dataclass
class Validated:
    """A document's validation: the model (None when nothing could be salvaged) and what was dropped."""

    doc: BaseModel | None
    diagnostics: list[Diagnostic]
    dropped: list[tuple[Path_, Any]] = field(default_factory=list)  # (path, raw item) removed by salvage


def validate(model: type[BaseModel], src: SourceFile, data: Any, base: Path_ = (),
             defaults: dict[str, Any] | None = None) -> Validated:
    """Validate `data` (found at `base` in the file) and salvage what is valid.

    `defaults` fill required keys that are missing, so that checking can go on; the
    document is then marked incomplete (its errors are reported all the same).
    """
    model_validate = validate_with(model)  # pydantic's, or the one the parse cache kept
    try:
        return Validated(model_validate(data), [])
    except ValidationError as exc:
        errors = exc.errors()
    diags = to_diagnostics(errors, model, src, data, base)
    if not isinstance(data, dict):
        return Validated(None, diags)
    work = copy.deepcopy(data)
    for key, value in (defaults or {}).items():
        work.setdefault(key, value)
    dropped: list[tuple[Path_, Any]] = []
    for attempt in range(4):
        removals = _removals(errors, work)
        if not removals and (attempt or not defaults):  # with defaults, a missing key alone is salvaged too
            break
        for path in sorted(removals, key=_order, reverse=True):
            item = _pop(work, path)
            dropped.append((base + path, item))
        try:
            return Validated(model_validate(work), diags, dropped)
        except ValidationError as exc:
            errors = exc.errors()
    return Validated(None, diags, dropped)


def _removals(errors: list[dict], data: dict) -> set[Path_]:
    out: set[Path_] = set()
    for err in errors:
        loc = _data_path(err["loc"], data)
        if not loc:
            continue
        if loc[0] in ITEM_CONTAINERS and len(loc) >= 2 and isinstance(data.get(loc[0]), (list, dict)):
            out.add(loc[:2])
        elif err["type"] != "missing" and loc[0] in data:
            out.add(loc[:1])
    return out


def _pop(data: Any, path: Path_) -> Any:
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if isinstance(parent, list):
        return parent.pop(path[-1])
    return parent.pop(path[-1], None)


def _order(path: Path_) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in path)


def _data_path(loc: tuple, data: Any) -> Path_:
    """The part of a pydantic `loc` that exists in the data (drops union-member tags)."""
    out: list[Any] = []
    cur = data
    for part in loc:
        if isinstance(cur, dict) and part in cur:
            out.append(part)
            cur = cur[part]
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            out.append(part)
            cur = cur[part]
        elif isinstance(cur, (dict, list)):
            out.append(part)  # a missing key: keep it, the caller points at the parent
            break
        else:
            break
    return tuple(out)


def _model_at(model: type[BaseModel] | None, path: Path_) -> type[BaseModel] | None:
    """The sub-model that holds the keys at `path` (for "did you mean" hints)."""
    cur: Any = model
    for part in path:
        cur = _unwrap(cur)
        if isinstance(part, int):
            continue
        if isinstance(cur, type) and issubclass(cur, BaseModel):
            f = _field(cur, part)
            if f is None:
                return None
            cur = f.annotation
        elif typing.get_origin(cur) is dict:
            cur = typing.get_args(cur)[1]
        else:
            return None
    cur = _unwrap(cur)
    return cur if isinstance(cur, type) and issubclass(cur, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    for _ in range(6):
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin is list:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            models = [a for a in typing.get_args(tp) if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = models[0] if models else typing.get_args(tp)[0]
        else:
            break
    return tp


def _field(model: type[BaseModel], key: Any):
    for name, f in model.model_fields.items():
        if key == (f.alias or name):
            return f
    return None


def allowed_keys(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def did_you_mean(word: str, choices: list[str]) -> str:
    return closest(word, choices, cutoff=0.6)


def dotted(path: Path_, root: str = "front matter") -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or root


def to_diagnostics(errors: list[dict], model: type[BaseModel], src: SourceFile, data: Any,
                   base: Path_ = ()) -> list[Diagnostic]:
    grouped: dict[tuple[Path_, str], list[dict]] = {}
    for err in errors:
        path = _data_path(err["loc"], data)
        kind = "type" if err["type"] in _TYPE_WORDS else err["type"]
        grouped.setdefault((path, kind), []).append(err)
    out = []
    for (path, _kind), errs in grouped.items():
        out.append(_one(errs, path, model, src, data, base))
    return out


def _value_at(data: Any, path: Path_) -> Any:
    cur = data
    for part in path:
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            return None
    return cur


@dataclass
class _Problem:
    """One validation error of pydantic's, with what the messages need to name it."""

    errs: list[dict]  # the error and, for unions, its alternatives
    path: Path_
    model: type[BaseModel]
    src: SourceFile
    data: Any
    base: Path_

    def __post_init__(self) -> None:
        err = self.errs[0]
        self.etype: str = err["type"]
        self.ctx: dict = err.get("ctx", {})
        self.name = dotted(self.path)
        self.last = self.path[-1] if self.path else ""
        self.is_key = bool(err["loc"]) and err["loc"][-1] == "[key]"  # in a mapping's key, not its value
        self.value = self.last if self.is_key else _value_at(self.data, self.path)
        # settings files (okrsite.yml) have no front matter: name the file instead
        self.root = "front matter" if self.src.path.endswith(".md") else self.src.path.rsplit("/", 1)[-1]

    @property
    def parent(self) -> str:
        return dotted(self.path[:-1], self.root)

    def diag(self, code: str, message: str, hint: str = "", *, key: bool = False,
             at: Path_ | None = None) -> Diagnostic:
        loc = self.src.loc(self.base + (self.path if at is None else at), key=key)
        return Diagnostic(code, Severity.ERROR, message, loc, hint)


def _one(errs: list[dict], path: Path_, model: type[BaseModel], src: SourceFile, data: Any,
         base: Path_) -> Diagnostic:
    p = _Problem(errs, path, model, src, data, base)
    handler = _HANDLERS.get(p.etype)
    if handler is None and (p.etype == "invalid_date" or p.etype.startswith("date")):
        handler = _date
    return (handler or _wrong_type)(p)


def _unknown_key(p: _Problem) -> Diagnostic:
    keys = allowed_keys(_model_at(p.model, p.path[:-1]))
    listed = "allowed keys here: " + ", ".join(keys) if keys else ""
    if p.etype == "invalid_key":  # e.g. `2026: ...`: YAML read the key as a number, and no key is one
        return p.diag("OKR101", f"unknown key `{p.last}` in {p.parent}", listed, key=True)
    guess = did_you_mean(str(p.last), keys)
    hint = f"did you mean `{guess}`?" if guess else listed
    if str(p.last) in _BELONGS_ELSEWHERE and str(p.last) not in keys:
        hint = _BELONGS_ELSEWHERE[str(p.last)]
    return p.diag("OKR101", f"unknown key `{p.last}` in {p.parent}", hint, key=True)


def _missing(p: _Problem) -> Diagnostic:
    sub = _model_at(p.model, p.path[:-1])
    f = _field(sub, p.last) if sub else None
    desc = (f.description or "") if f else ""
    message = f"`{p.last}` is required in {p.parent}"
    if p.last == "reason" and "changes" in p.path:
        message = "a mid-period change needs a `reason`"
        desc = "say why the target or key result changed; the reason is what others learn from"
    return p.diag("OKR102", message, desc, at=p.path[:-1])


# words teams write for a result that are not result words, and what to write instead (retro `status:`)
_RESULT_SYNONYMS = {
    "done": "a KR that was done takes a score: write `{score: 1.0, reason: …}`, not a status;",
    "complete": "a KR that was done takes a score: write `{score: 1.0, reason: …}`, not a status;",
    "achieved": "a KR that was achieved takes a score: write `{score: 1.0, reason: …}`, not a status;",
    "cancelled": "did you mean `dropped`?", "canceled": "did you mean `dropped`?",
    "postponed": "did you mean `deferred`?", "in-progress": "did you mean `wip`?",
    "ongoing": "did you mean `wip`?", "na": "did you mean `n/a`?", "not-applicable": "did you mean `n/a`?",
}


def _result_word_hint(value: str, choices: list[str]) -> str:
    """For a retro `status:` word: the nearest result word, else the nearest common synonym's advice."""
    guess = did_you_mean(value, choices)
    if guess:
        return f"did you mean `{guess}`?"
    near = did_you_mean(value.lower().replace(" ", "-"), list(_RESULT_SYNONYMS))
    return _RESULT_SYNONYMS[near] if near else ""


def _choice(p: _Problem) -> Diagnostic:
    choices = re.findall(r"'([^']*)'", p.ctx.get("expected", ""))
    value = p.value
    if "deferred" in choices and isinstance(value, str):  # a result in words
        said = _result_word_hint(value, choices)
        return p.diag("OKR104", f"`{value}` is not allowed for `{p.name}`",
                      (f"{said} " if said else "") + "allowed: " + ", ".join(choices))
    guess = did_you_mean(str(value), choices)
    hint = (f"did you mean `{guess}`? " if guess else "") + "allowed: " + ", ".join(choices)
    if isinstance(value, bool):
        hint += " (YAML reads yes/no/on/off as true/false)"
        value = str(value).lower()
    return p.diag("OKR104", f"`{value}` is not allowed for `{p.name}`", hint)


def _pattern(p: _Problem) -> Diagnostic:
    slug = slugify(str(p.value))
    like = "ids are lowercase letters, digits, '-' and '_'" + (f", e.g. `{slug}`" if slug else "")
    if p.is_key:
        return p.diag("OKR106", f"`{p.value}` is not a valid key result id in `{p.parent}`", like, key=True)
    if "aligns_to" in p.path[-2:] or p.last in ("ref", "key_result"):  # the fields that hold references, not ids
        return p.diag("OKR106", f"`{p.value}` is not a valid reference in `{p.name}`",
                      "write ids separated by '/', e.g. unit/objective/kr")
    return p.diag("OKR106", f"`{p.value}` is not a valid id in `{p.name}`", like)


_BOUNDS = {"greater_than": "greater than", "greater_than_equal": "at least",
           "less_than": "less than", "less_than_equal": "at most"}


def _range(p: _Problem) -> Diagnostic:
    limit = next(iter(p.ctx.values()), "")
    hint = ""
    if p.last == "confidence":
        hint = "confidence is a fraction: write 0.7, not 70"
    elif p.last in ("score", "grade", "projection", "objective", "unit_score") or p.path[:1] == ("scores",):
        hint = "scores are on a 0.0–1.0 scale, up to 2.0 for over-achievement; write 0.7, not 70"
    return p.diag("OKR105", f"`{p.name}` must be {_BOUNDS[p.etype]} {limit}, got {p.value}", hint)


def _priority(p: _Problem) -> Diagnostic:
    value = str(p.value).lower() if isinstance(p.value, bool) else p.value
    return p.diag("OKR104", f"`{value}` is not allowed for `{p.name}`",
                  "write P0–P9 or a number 0–9 (0 = most important)")


def _date(p: _Problem) -> Diagnostic:
    return p.diag("OKR107", f"`{p.name}`: {p.errs[0]['msg']}", "write dates as YYYY-MM-DD, e.g. 2026-12-31")


def _length(p: _Problem) -> Diagnostic:
    if p.etype == "string_too_short":
        return p.diag("OKR103", f"`{p.name}` must not be empty")
    return p.diag("OKR103", f"`{p.name}` is too long (at most {p.ctx.get('max_length', '')} characters)")


def _wrong_type(p: _Problem) -> Diagnostic:
    """Wrong types, possibly several alternatives of a union."""
    words = []
    for e in p.errs:
        w = _TYPE_WORDS.get(e["type"], e["msg"])
        if w not in words:
            words.append(w)
    return p.diag("OKR103", f"`{p.name}` must be {' or '.join(words)}, got {_describe(p.value)}",
                  _type_hint(p.value, words))


_HANDLERS = {"invalid_key": _unknown_key, "extra_forbidden": _unknown_key, "missing": _missing,
             "literal_error": _choice, "string_pattern_mismatch": _pattern, "invalid_priority": _priority,
             **dict.fromkeys(_BOUNDS, _range), "string_too_short": _length, "string_too_long": _length}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"{value} (a number)"
    if isinstance(value, str):
        return f"text `{value}`"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"a date ({value.isoformat()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _type_hint(value: Any, words: list[str]) -> str:
    if isinstance(value, str) and "a number" in words:
        m = _NUM_WITH_UNIT.match(value)
        if m:
            return f"write the number alone ({m.group(1)}) and put `{m.group(2).strip()}` in the KR's `unit`"
        return "write a number without quotes"
    if isinstance(value, bool) and "text" in words:
        return "YAML reads yes/no/on/off as true/false: quote the value"
    if isinstance(value, (int, float, dt.date)) and "text" in words:
        shown = value.isoformat() if isinstance(value, dt.date) else value
        return f"quote the value to make it text: \"{shown}\""
    if "a list" in words:
        return "write a list as [a, b] or one `- item` per line"
    if "a mapping" in words or "a mapping of keys" in words:
        return "write `key: value` pairs, indented below the key"
    if isinstance(value, str) and value.strip().lower() in _YAML_BOOL_WORDS and "true/false" in words:
        return "write true or false without quotes"
    return ""
