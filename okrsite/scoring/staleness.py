"""When a key result or a unit is stale: quiet for longer than `stale_after_days` in a running period.

The KR's flag on pages, the dashboard's "needs a check-in" list and `okrsite check` (OKR509)
all ask this one function, so they cannot disagree about the boundary day.
"""

from __future__ import annotations

import datetime as dt

from ..model.periods import Period


def days_since(last: dt.date | None, on: dt.date) -> int | None:
    """Days from the last check-in to `on`; None when there has been none."""
    return None if last is None else (on - last).days


def is_stale(last: dt.date | None, period: Period, on: dt.date, limit: int) -> bool:
    """Quiet for more than `limit` days on `on`: since the last check-in, or since the period
    started when there has been none. Only a running period can be stale: exactly `limit`
    days is not stale yet, one more is."""
    if not period.contains(on):
        return False
    return (on - (last if last is not None else period.start)).days > limit
