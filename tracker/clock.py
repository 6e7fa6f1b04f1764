"""The only place the wall clock is read. Commands and jobs call `utc_now()` once and pass the value down."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def local_today(zone: ZoneInfo, now: datetime | None = None) -> date:
    """The calendar day in `zone` at `now` (default: the clock, read here once)."""
    return (now or utc_now()).astimezone(zone).date()
