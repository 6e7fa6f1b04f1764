"""Parsing and arithmetic for the dates users type. Pure: no clock."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from tracker.errors import InvalidInput


def parse_day(value: str, what: str = "date") -> date:
    """`YYYY-MM-DD` to a date, or InvalidInput naming `what` (an option or field name)."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value or "")
    if not m:
        raise InvalidInput(f"{what}: {value!r} is not a date (expected YYYY-MM-DD)")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise InvalidInput(f"{what}: {value!r} is not a valid date ({exc})") from None


def add_months(day: date, months: int) -> date:
    """Calendar month arithmetic, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def window_end(as_of: date, within: str, what: str = "--within") -> date:
    """The last day (inclusive) of a look-ahead window: `90d`, `6m`, `1y`, `2w` or an explicit `YYYY-MM-DD`."""
    text = (within or "").strip().lower()
    m = re.fullmatch(r"(\d+)\s*([dwmy])", text)
    if m:
        n, unit = int(m[1]), m[2]
        if unit == "d":
            return as_of + timedelta(days=n)
        if unit == "w":
            return as_of + timedelta(weeks=n)
        if unit == "m":
            return add_months(as_of, n)
        return add_years(as_of, n)
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        end = parse_day(text, what)
        if end < as_of:
            raise InvalidInput(f"{what}: {within} is before the as-of day {as_of.isoformat()}")
        return end
    raise InvalidInput(f"{what}: {within!r} is not a window (use e.g. 90d, 2w, 6m, 1y or YYYY-MM-DD)")
