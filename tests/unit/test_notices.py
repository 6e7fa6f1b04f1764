"""Notice rules and digest slots, with literal dates."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.notices import (
    NoticeRules,
    check_notices,
    digest_slot,
    expiry_notices,
    rules_from_env,
    target_notices,
)
from tracker.errors import ConfigError

RULES = NoticeRules()


def rules_of(notices):
    return sorted(n.rule for n in notices)


def test_expiry_notices_fire_on_their_day_before_the_inclusive_last_day():
    last = date(2028, 12, 31)
    assert rules_of(expiry_notices(1, last, date(2028, 7, 3), RULES)) == []
    assert rules_of(expiry_notices(1, last, date(2028, 7, 4), RULES)) == ["before:180"]
    assert rules_of(expiry_notices(1, last, date(2028, 12, 30), RULES)) == [
        "before:1", "before:180", "before:30", "before:7", "before:90",
    ]


def test_the_last_day_in_force_is_not_lapsed_and_the_next_day_is():
    last = date(2024, 2, 29)
    assert "lapsed" not in rules_of(expiry_notices(1, last, date(2024, 2, 29), RULES))
    lapsed = [n for n in expiry_notices(1, last, date(2024, 3, 1), RULES) if n.rule == "lapsed"]
    assert lapsed and lapsed[0].fires_on == date(2024, 3, 1)


def test_a_long_lapsed_policy_raises_no_notice():
    assert expiry_notices(1, date(2017, 10, 31), date(2026, 11, 21), RULES) == []


def test_open_ended_policies_and_undated_targets_raise_nothing():
    assert expiry_notices(1, None, date(2026, 1, 1), RULES) == []
    assert target_notices(1, None, date(2026, 1, 1), RULES) == []


def test_overdue_targets_are_reminded_every_thirty_days_up_to_the_cap():
    due = date(2025, 12, 31)
    first = target_notices(7, due, date(2026, 1, 1), RULES)
    assert [(n.rule, n.fires_on) for n in first if n.rule.startswith("overdue")] == [("overdue:1", date(2026, 1, 1))]
    later = target_notices(7, due, date(2026, 2, 5), RULES)
    assert [(n.rule, n.fires_on) for n in later] == [("overdue:2", date(2026, 1, 31))]
    capped = NoticeRules(overdue_cap=2)
    assert target_notices(7, due, date(2026, 3, 5), capped) == []


def test_check_notices_come_fourteen_and_three_days_before():
    assert rules_of(check_notices(3, date(2025, 3, 31), date(2025, 3, 17), RULES)) == ["before:14"]
    assert rules_of(check_notices(3, date(2025, 3, 31), date(2025, 3, 28), RULES)) == ["before:14", "before:3"]
    assert check_notices(3, date(2025, 3, 31), date(2025, 4, 1), RULES) == []


def test_rules_are_read_from_the_environment_and_checked():
    rules = rules_from_env({"TRACKER_EXPIRY_NOTICE_DAYS": "60, 10", "TRACKER_OVERDUE_CAP": "3"})
    assert rules.expiry_before == (60, 10) and rules.overdue_cap == 3
    with pytest.raises(ConfigError, match="TRACKER_EXPIRY_NOTICE_DAYS"):
        rules_from_env({"TRACKER_EXPIRY_NOTICE_DAYS": "soon"})
    with pytest.raises(ConfigError, match="TRACKER_OVERDUE_EVERY_DAYS"):
        rules_from_env({"TRACKER_OVERDUE_EVERY_DAYS": "0"})


SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_daily_slot_is_due_from_send_time_in_the_subscribers_zone():
    before = datetime(2026, 11, 21, 0, 29, tzinfo=timezone.utc)  # 08:29 in Shanghai
    after = datetime(2026, 11, 21, 0, 30, tzinfo=timezone.utc)
    assert digest_slot("daily", SHANGHAI, before) == "daily:2026-11-20"
    assert digest_slot("daily", SHANGHAI, after) == "daily:2026-11-21"


def test_a_manual_send_takes_the_current_day_whatever_the_hour():
    early = datetime(2026, 11, 20, 17, 0, tzinfo=timezone.utc)  # 01:00 on the 21st in Shanghai
    assert digest_slot("daily", SHANGHAI, early, ignore_time=True) == "daily:2026-11-21"


def test_weekly_slots_fall_on_the_configured_weekday():
    monday_morning = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)  # Mon 09:00 Shanghai
    assert digest_slot("weekly", SHANGHAI, monday_morning, weekday=0) == "weekly:2026-W48"
    sunday = datetime(2026, 11, 22, 1, 0, tzinfo=timezone.utc)
    assert digest_slot("weekly", SHANGHAI, sunday, weekday=0) == "weekly:2026-W47"


def test_no_slot_before_the_subscriber_joined():
    joined = datetime(2026, 11, 21, 3, 0, tzinfo=timezone.utc)
    same_evening = datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)
    assert digest_slot("daily", SHANGHAI, same_evening, since=joined) is None
    next_morning = datetime(2026, 11, 22, 1, 0, tzinfo=timezone.utc)
    assert digest_slot("daily", SHANGHAI, next_morning, since=joined) == "daily:2026-11-22"


@pytest.mark.parametrize("zone_name,start", [("Europe/Berlin", date(2026, 3, 27)), ("America/New_York", date(2026, 10, 30))])
def test_exactly_one_daily_slot_per_local_day_across_dst(zone_name, start):
    zone = ZoneInfo(zone_name)
    now = datetime.combine(start, time(0, 0), tzinfo=timezone.utc)
    seen = []
    for _ in range(6 * 24 * 4):  # six days in 15-minute steps
        key = digest_slot("daily", zone, now)
        if not seen or seen[-1] != key:
            seen.append(key)
        now += timedelta(minutes=15)
    days = [k.split(":", 1)[1] for k in seen]
    assert days == sorted(set(days))
    assert len(days) == len(set(days))
    consecutive = [date.fromisoformat(d) for d in days]
    assert all((b - a).days == 1 for a, b in zip(consecutive, consecutive[1:]))
