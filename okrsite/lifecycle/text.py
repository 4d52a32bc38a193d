"""Words of the files the lifecycle commands write, in the organization's language: they live in
the one label table (okrsite.text.i18n) with the site's, so a missing translation fails its test."""

from __future__ import annotations

from typing import Any

from ..text.i18n import label


def _t(key: str, lang: str, **kw: Any) -> str:
    return label(key, lang, **kw)
