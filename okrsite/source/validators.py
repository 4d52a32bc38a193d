"""Each document model's pydantic validator, kept between runs (checks and builds).

Pydantic builds a model's validator in Python the first time a file of its kind is validated,
and the first build of a process also imports pydantic's schema machinery: 26 ms for the one
check-in a pull request adds, whose other files come from the parse cache (issue 15; about
50 ms for every kind in a check without its cache). pydantic-core pickles a validator as its
core schema, with the models and functions in it named, not copied, and unpickling one takes
about a millisecond. So the parse cache keeps, in its pack, each validator a run built
(source/parse_cache.py): the pack's fingerprint covers okrsite's source and pydantic's version,
so a kept validator is never older than the models it validates, and it is trusted exactly as
far as the pack is (the user's own cache home, never a repository).

Validators are per model class, as pydantic's own are, so this registry is per process.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from pydantic_core import SchemaValidator

_offered: dict[str, bytes] = {}  # pickled validators a parse cache's pack holds, by model name
_in_use: dict[str, Callable[[Any], Any]] = {}  # how this process validates each model
_built: dict[str, type[BaseModel]] = {}  # models whose validator this process built itself


def name_of(model: type[BaseModel]) -> str:
    return f"{model.__module__}.{model.__qualname__}"


def offer(kept: dict[str, bytes]) -> None:
    """Validators a trusted, current pack holds, to use instead of building them."""
    _offered.update({k: v for k, v in kept.items() if isinstance(k, str) and isinstance(v, bytes)})


def validate_with(model: type[BaseModel]) -> Callable[[Any], Any]:
    """`model.model_validate`, through the kept validator when one was offered."""
    name = name_of(model)
    found = _in_use.get(name)
    if found is None:
        kept = _unpickled(_offered.get(name))
        if kept is not None:
            found = kept.validate_python
        else:
            _offered.pop(name, None)  # damaged: not passed on to a pack
            found = model.model_validate
            _built[name] = model
        _in_use[name] = found
    return found


def kept() -> dict[str, bytes]:
    """Every validator this process can hand on, pickled, for a pack: those it was offered (by
    any current pack: they follow the same code) and those it built."""
    out = dict(_offered)
    for name, model in _built.items():
        validator = model.__dict__.get("__pydantic_validator__")
        if isinstance(validator, SchemaValidator):  # built (a model never validated holds a stand-in)
            try:
                out[name] = pickle.dumps(validator, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - a validator that cannot be pickled is simply built again
                continue
    return out


def _unpickled(pickled: bytes | None) -> SchemaValidator | None:
    if pickled is None:
        return None
    try:
        found = pickle.loads(pickled)
    except Exception:  # noqa: BLE001 - a damaged entry is built again, never a failure
        return None
    return found if isinstance(found, SchemaValidator) else None
