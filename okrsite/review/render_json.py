"""The diff as JSON for programs (a bot, a dashboard): every field of the typed result, values as
written in the files, dates as ISO text."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from .diff import OrgDiff, plain

_HIDDEN = {"kr"}  # model objects kept for formatting, not data


def _data(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _data(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name not in _HIDDEN}
    if isinstance(obj, (list, tuple)):
        return [_data(v) for v in obj]
    return plain(obj)


def diff_data(d: OrgDiff) -> dict[str, Any]:
    return {**_data(d), "empty": d.empty}


def render_json(d: OrgDiff) -> str:
    return json.dumps(diff_data(d), ensure_ascii=False, indent=2)
