"""The only place the wall clock is read. Commands and jobs call `utc_now()` once and pass the value down."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from typing import Callable
from zoneinfo import ZoneInfo


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def local_today(zone: ZoneInfo, now: datetime | None = None) -> date:
    """The calendar day in `zone` at `now` (default: the clock, read here once)."""
    return (now or utc_now()).astimezone(zone).date()


def pass_clock(start: datetime) -> Callable[[], datetime]:
    """A clock that starts at `start` and advances with real elapsed time.

    A long pass (delivering the outbox, checking sources) reads the wall clock once at its edge, or is given a
    simulated `now` in tests; each claim or lease in it then reads this clock, so it runs from the moment it is
    taken, not from the start of the pass.
    """
    origin = time.monotonic()
    return lambda: start + timedelta(seconds=time.monotonic() - origin)
