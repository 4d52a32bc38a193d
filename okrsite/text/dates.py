"""Dates and periods in the reader's language (Babel's CLDR patterns): 2026年11月24日 / Nov 24, 2026."""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel import Locale
from babel.dates import format_skeleton

from ..model.periods import Period

LONG = "yMMMd"  # 2026年11月24日 / Nov 24, 2026
SHORT = "MMMd"  # 11月24日 / Nov 24


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang if lang in ("ja", "en") else "en")


@cache
def _format(day: dt.date, skeleton: str, lang: str) -> str:
    return format_skeleton(skeleton, day, locale=_locale(lang))


def format_date(day: dt.date | None, lang: str) -> str:
    return "" if day is None else _format(day, LONG, lang)


def format_short_date(day: dt.date | None, lang: str) -> str:
    return "" if day is None else _format(day, SHORT, lang)


def period_label(period: Period, lang: str, fiscal_year_start_month: int = 1) -> str:
    """2026-Q4 → 「2026年 第4四半期」 / "Q4 2026"; with a fiscal year → 「2026年度 第3四半期」 / "FY2026 Q3".

    A period with a label of its own (a custom period's `label`, or an id written the company's
    way such as FY27-Q4) is shown as that label in both languages."""
    if period.kind == "custom" or period.label:
        return period.label or period.id
    fiscal = fiscal_year_start_month != 1
    if lang == "ja":
        year = f"{period.fiscal_year}年度" if fiscal else f"{period.fiscal_year}年"
        part = f"第{period.index}四半期" if period.kind == "quarter" else ("上期" if period.index == 1 else "下期")
        return f"{year} {part}"
    year = f"FY{period.fiscal_year}" if fiscal else str(period.fiscal_year)
    part = f"Q{period.index}" if period.kind == "quarter" else f"H{period.index}"
    return f"{year} {part}" if fiscal else f"{part} {year}"


def period_range(period: Period, lang: str) -> str:
    return f"{format_date(period.start, lang)} – {format_date(period.end, lang)}"
