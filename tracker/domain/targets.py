"""Target life cycle: when a target is closed, and when its next progress check falls due. Pure."""

from __future__ import annotations

from datetime import date
from typing import Iterable

from tracker.domain.dates import add_months

DEFAULT_CHECK_INTERVAL_MONTHS = 3  # quarterly


def target_outcome(checks: Iterable[tuple[date, str]]) -> str | None:
    """'met' or 'missed' when the latest check closes the target, else None (still open).

    `checks` are (checked_on, status) pairs in any order; a later on-track check re-opens a target
    that was wrongly marked met, which is why only the latest one counts.
    """
    latest = max(checks, key=lambda c: c[0], default=None)
    if latest is not None and latest[1] in ("met", "missed"):
        return latest[1]
    return None


def period_end_on_or_after(day: date, interval_months: int = DEFAULT_CHECK_INTERVAL_MONTHS) -> date:
    """The first period end (last day of a month divisible by the interval: quarter ends for 3) on/after `day`."""
    if interval_months <= 0 or 12 % interval_months:
        raise ValueError("check interval must divide 12 (1, 2, 3, 4, 6 or 12 months)")
    month = day.month + (-day.month % interval_months)
    first_of_next = add_months(date(day.year, 1, 1), month)
    end = date.fromordinal(first_of_next.toordinal() - 1)
    return end


def next_check_on(
    due_on: date | None,
    start: date | None,
    last_checked_on: date | None,
    outcome: str | None,
    interval_months: int = DEFAULT_CHECK_INTERVAL_MONTHS,
) -> date | None:
    """The next progress check date of an open target, or None.

    Checks fall on period ends (quarter ends by default) strictly after the last recorded check, or on/after
    `start` (the policy's start, else the day the target was recorded) when none was recorded, and strictly
    before the due date: the due date itself is the target's own deadline, not a progress check.
    """
    if outcome is not None or due_on is None:
        return None
    if last_checked_on is not None:
        candidate = period_end_on_or_after(date.fromordinal(last_checked_on.toordinal() + 1), interval_months)
    elif start is not None:
        candidate = period_end_on_or_after(start, interval_months)
    else:
        return None
    return candidate if candidate < due_on else None


def check_due_on(
    next_check: date | None,
    due_on: date | None,
    as_of: date,
    interval_months: int = DEFAULT_CHECK_INTERVAL_MONTHS,
) -> date | None:
    """The progress check an open target has as of `as_of`.

    `next_check` is the stored next check (see `next_check_on`), computed when a check was last recorded. When
    that day passed with nothing recorded, the cadence goes on: the next check is the first period end on or
    after `as_of` (still strictly before the due date). Without this, a target whose check was skipped would
    drop out of every listing and digest until someone recorded a check.
    """
    if next_check is None or next_check >= as_of:
        return next_check
    rolled = period_end_on_or_after(as_of, interval_months)
    return rolled if due_on is not None and rolled < due_on else None
