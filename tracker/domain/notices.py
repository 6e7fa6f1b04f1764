"""Notice rules: which reminders are due for a dated item as of a day, and when digests fall due. Pure.

A notice is identified by (kind, item, the item's date, rule). Keeping the item's date in the key means an
extended policy or a moved due date arms fresh notices for the new date, while those already sent stay sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Mapping
from zoneinfo import ZoneInfo

from tracker.errors import ConfigError


@dataclass(frozen=True)
class NoticeRules:
    expiry_before: tuple[int, ...] = (180, 90, 30, 7, 1)  # days before a policy's last day in force
    lapsed_grace: int = 30  # the "it has lapsed" notice is still armed this many days after the lapse
    target_before: tuple[int, ...] = (90, 30, 7)  # days before a target's due date
    overdue_every: int = 30  # then a reminder every N days while the target is open ...
    overdue_cap: int = 12  # ... at most this many times
    check_before: tuple[int, ...] = (14, 3)  # days before a progress check


@dataclass(frozen=True)
class DueNotice:
    kind: str  # "expiry" | "target" | "check" | "date_change" | "new" | "repeal"
    item_id: int
    item_date: date
    rule: str  # "before:90", "lapsed", "overdue:2", "changed"
    fires_on: date


def _days_list(env: Mapping[str, str], name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    raw = env.get(name)
    if not raw:
        return default
    try:
        values = tuple(sorted({int(part) for part in raw.replace(" ", "").split(",") if part}, reverse=True))
    except ValueError:
        raise ConfigError(f"{name}: expected whole numbers of days separated by commas, got {raw!r}") from None
    if not values or any(v < 0 for v in values):
        raise ConfigError(f"{name}: expected whole numbers of days separated by commas, got {raw!r}")
    return values


def _positive(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    if not raw.strip().isdigit() or int(raw) <= 0:
        raise ConfigError(f"{name}: expected a positive whole number, got {raw!r}")
    return int(raw)


def rules_from_env(env: Mapping[str, str]) -> NoticeRules:
    """Rules with defaults, each changeable by an environment variable (see README, Reminders)."""
    base = NoticeRules()
    return NoticeRules(
        expiry_before=_days_list(env, "TRACKER_EXPIRY_NOTICE_DAYS", base.expiry_before),
        lapsed_grace=_positive(env, "TRACKER_LAPSED_NOTICE_GRACE_DAYS", base.lapsed_grace),
        target_before=_days_list(env, "TRACKER_TARGET_NOTICE_DAYS", base.target_before),
        overdue_every=_positive(env, "TRACKER_OVERDUE_EVERY_DAYS", base.overdue_every),
        overdue_cap=_positive(env, "TRACKER_OVERDUE_CAP", base.overdue_cap),
        check_before=_days_list(env, "TRACKER_CHECK_NOTICE_DAYS", base.check_before),
    )


def _before(kind: str, item_id: int, on: date, today: date, days: tuple[int, ...]) -> list[DueNotice]:
    # Every "N days before" notice whose day has come, as long as the date itself has not passed: after a
    # downtime the missed ones are still sent (once), and a digest shows the item once.
    if today > on:
        return []
    return [
        DueNotice(kind, item_id, on, f"before:{n}", on - timedelta(days=n))
        for n in days
        if on - timedelta(days=n) <= today
    ]


def expiry_notices(policy_id: int, last_day: date | None, today: date, rules: NoticeRules) -> list[DueNotice]:
    """Notices for a binding policy's inclusive last day in force (none for open-ended windows)."""
    if last_day is None:
        return []
    due = _before("expiry", policy_id, last_day, today, rules.expiry_before)
    lapsed = last_day + timedelta(days=1)
    if lapsed <= today <= lapsed + timedelta(days=rules.lapsed_grace):
        due.append(DueNotice("expiry", policy_id, last_day, "lapsed", lapsed))
    return due


def target_notices(target_id: int, due_on: date | None, today: date, rules: NoticeRules) -> list[DueNotice]:
    """Notices for an open target: before its due date, then every `overdue_every` days, up to the cap."""
    if due_on is None:
        return []
    due = _before("target", target_id, due_on, today, rules.target_before)
    first_overdue = due_on + timedelta(days=1)
    if today >= first_overdue:
        k = (today - first_overdue).days // rules.overdue_every
        if k < rules.overdue_cap:
            fires = first_overdue + timedelta(days=k * rules.overdue_every)
            due.append(DueNotice("target", target_id, due_on, f"overdue:{k + 1}", fires))
    return due


def check_notices(target_id: int, check_on: date | None, today: date, rules: NoticeRules) -> list[DueNotice]:
    if check_on is None:
        return []
    return _before("check", target_id, check_on, today, rules.check_before)


def date_change_notice(item_kind: str, item_id: int, new_date: date, changed_on: date) -> DueNotice:
    """Told once: the unique key (kind, item, new date, rule) makes a second arming a no-op."""
    return DueNotice("date_change", item_id, new_date, f"changed:{item_kind}", changed_on)


def new_policy_notice(policy_id: int, found_on: date) -> DueNotice:
    """A policy first seen at a watched source: told once (the day it was found is in the key)."""
    return DueNotice("new", policy_id, found_on, "new", found_on)


def repeal_notice(policy_id: int, change: str, found_on: date) -> DueNotice:
    """A policy repealed or superseded by a document found at a watched source (`change`: repealed, superseded)."""
    return DueNotice("repeal", policy_id, found_on, change, found_on)


def digest_slot(
    frequency: str,
    zone: ZoneInfo,
    now: datetime,
    *,
    send_at: time = time(8, 30),
    weekday: int = 0,
    ignore_time: bool = False,
    since: datetime | None = None,
) -> str | None:
    """The key of the latest digest slot that is due at `now`, or None.

    Daily slots are one per local calendar day, at `send_at` in the subscriber's zone, so a DST change can
    neither skip nor double a day. Weekly slots fall on `weekday`. With `ignore_time` (a manual send) the
    current day or week counts as due whatever the hour. Slots before `since` (when the subscriber joined)
    are never due.
    """
    local_now = now.astimezone(zone)
    for back in range(0, 8):
        day = local_now.date() - timedelta(days=back)
        if frequency == "weekly" and day.weekday() != weekday:
            continue
        fire = datetime.combine(day, send_at, tzinfo=zone)
        if not ignore_time and fire > now:
            continue
        if since is not None and not ignore_time and fire < since:
            return None
        if frequency == "weekly":
            year, week, _ = day.isocalendar()
            return f"weekly:{year}-W{week:02d}"
        return f"daily:{day.isoformat()}"
    return None
