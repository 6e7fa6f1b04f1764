"""The scheduler's steps driven across days, zones, DST changes, downtime, leases and two processes, with time
injected, through the real reminders service, a real database and a real SMTP server.

The data is one policy expiring each day (its "1 day before" notice falls on the day before), so every local
day has something new to say and a due digest slot always yields a real digest.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from tests.reminder_factories import EPOCH, policy, subscriber
from tracker.scheduling.settings import ScheduleSettings
from tracker.scheduling.steps import compose_due_digests, deliver_one
from tracker.store.schema.reminders import Message, Notice

SCHEDULE = ScheduleSettings(lease=120)
TICK = timedelta(minutes=20)


def expiring_daily(app, first: date, days: int) -> None:
    with app.uow() as uow:
        for n in range(days):
            policy(uow.session, f"第{n}号到期政策", ref=f"p{n}", effective_to=first + timedelta(days=n))
        uow.commit()


def add_subscriber(app, email, zone, frequency="daily", joined=EPOCH):
    with app.uow() as uow:
        subscriber(uow.session, email, timezone_name=zone, frequency=frequency, joined=joined)
        uow.commit()


def drive(app, start, end, *, tick=TICK, holders=("a",)):
    """Run the compose step every `tick` from start to end, rotating through `holders` (processes)."""
    now, i = start, 0
    while now <= end:
        compose_due_digests(app, now, holder=holders[i % len(holders)], schedule=SCHEDULE)
        now, i = now + tick, i + 1


def digests(app):
    with app.uow() as uow:
        return uow.session.execute(
            select(Message.recipient, Message.digest_key, Message.created_at, Message.body_text).order_by(Message.id)
        ).all()


@pytest.mark.parametrize(
    "zone, transition",
    [
        ("Europe/Berlin", date(2026, 3, 29)),  # spring forward: 02:00 -> 03:00
        ("Europe/Berlin", date(2026, 10, 25)),  # fall back: 03:00 -> 02:00
        ("America/New_York", date(2026, 3, 8)),
        ("America/New_York", date(2026, 11, 1)),
    ],
)
def test_a_daily_subscriber_gets_exactly_one_digest_each_local_morning_across_a_dst_change(app, zone, transition):
    tz = ZoneInfo(zone)
    start = datetime.combine(transition - timedelta(days=2), datetime.min.time(), tzinfo=tz)
    end = datetime.combine(transition + timedelta(days=2), datetime.max.time(), tzinfo=tz)
    expiring_daily(app, transition - timedelta(days=1), 6)
    add_subscriber(app, "d@example.org", zone, joined=start)
    drive(app, start.astimezone(timezone.utc), end.astimezone(timezone.utc))

    rows = digests(app)
    built_on = [created.astimezone(tz) for _, _, created, _ in rows]
    assert [d.date() for d in built_on] == [transition + timedelta(days=n) for n in range(-2, 3)]
    for local in built_on:  # at the first tick at or after 08:30 local time, on both sides of the change
        assert (local.hour, local.minute) >= (8, 30)
        assert local - local.replace(hour=8, minute=30, second=0, microsecond=0) < TICK
    assert len({key for _, key, _, _ in rows}) == len(rows)
    # Each morning's digest names the policy whose last day is tomorrow (local); every notice went out once.
    for _, _, created, body in rows:
        assert (created.astimezone(tz).date() + timedelta(days=1)).isoformat() in body
    with app.uow() as uow:
        assert None not in uow.session.execute(select(Notice.message_id)).scalars().all()


def test_subscribers_in_different_zones_each_get_their_digest_at_their_own_morning(app):
    start = datetime(2026, 6, 1, tzinfo=timezone.utc)
    expiring_daily(app, date(2026, 5, 31), 5)
    add_subscriber(app, "sh@example.org", "Asia/Shanghai", joined=start)
    add_subscriber(app, "ny@example.org", "America/New_York", joined=start)
    drive(app, start, datetime(2026, 6, 2, 23, 59, tzinfo=timezone.utc))
    zones = {"sh@example.org": "Asia/Shanghai", "ny@example.org": "America/New_York"}
    local_hours = {(r, created.astimezone(ZoneInfo(zones[r])).hour) for r, _, created, _ in digests(app)}
    assert local_hours == {("sh@example.org", 8), ("ny@example.org", 8)}


def test_after_days_of_downtime_the_digest_is_built_once_with_everything_missed(app):
    day1 = datetime(2026, 5, 1, tzinfo=timezone.utc)
    expiring_daily(app, date(2026, 5, 2), 6)
    add_subscriber(app, "d@example.org", "Asia/Shanghai", joined=day1)
    drive(app, day1, day1 + timedelta(days=1))
    before = digests(app)
    back = day1 + timedelta(days=4, hours=3)  # 11:00 in Shanghai on 5 May, long after the 08:30 slot
    drive(app, back, back + timedelta(hours=2))
    rows = digests(app)
    assert len(rows) == len(before) + 1
    _, _, created, body = rows[-1]
    assert created == back  # at the first run after the downtime, not at the next morning
    for day in ("2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06"):  # what fell due while it was down
        assert day in body
    assert len({key for _, key, _, _ in rows}) == len(rows)


def test_running_the_same_step_twice_at_the_same_moment_builds_nothing_twice(app):
    expiring_daily(app, date(2026, 5, 2), 1)
    add_subscriber(app, "d@example.org", "Asia/Shanghai")
    now = datetime(2026, 5, 1, 1, 0, tzinfo=timezone.utc)  # 09:00 Shanghai
    first = compose_due_digests(app, now, holder="a", schedule=SCHEDULE)
    again = compose_due_digests(app, now, holder="a", schedule=SCHEDULE)
    assert (first.outcome, first.count) == ("ok", 1)
    assert (again.outcome, again.count) == ("idle", 0)


def test_only_the_lease_holder_builds_digests_and_a_silent_leader_is_replaced_within_one_lease(app):
    t = datetime(2026, 5, 1, 0, 0, tzinfo=timezone.utc)  # 08:00 Shanghai
    expiring_daily(app, date(2026, 5, 2), 1)
    add_subscriber(app, "d@example.org", "Asia/Shanghai", joined=t)
    assert compose_due_digests(app, t, holder="a", schedule=SCHEDULE).outcome == "idle"
    assert compose_due_digests(app, t + timedelta(seconds=5), holder="b", schedule=SCHEDULE).outcome == "standby"
    # "a" is killed before 08:30; "b" keeps asking and takes over once a's lease has run out
    slot = t + timedelta(minutes=30)
    assert compose_due_digests(app, t + timedelta(seconds=60), holder="b", schedule=SCHEDULE).outcome == "standby"
    taken = compose_due_digests(app, slot, holder="b", schedule=SCHEDULE)
    assert (taken.outcome, taken.count) == ("ok", 1)
    assert slot - t <= timedelta(seconds=SCHEDULE.lease) + timedelta(minutes=30)


def test_two_processes_asking_in_turn_build_each_days_digest_once(app):
    start = datetime(2026, 3, 1, tzinfo=timezone.utc)
    expiring_daily(app, date(2026, 3, 1), 17)
    add_subscriber(app, "a@example.org", "Europe/Berlin", joined=start)
    add_subscriber(app, "b@example.org", "America/New_York", frequency="weekly", joined=start)
    drive(app, start, datetime(2026, 3, 15, tzinfo=timezone.utc),
          tick=timedelta(minutes=55), holders=("a", "b", "b"))
    keys = Counter((r, k) for r, k, _, _ in digests(app))
    assert set(keys.values()) == {1}
    assert sum(1 for r, _ in keys if r == "a@example.org") == 14
    assert sum(1 for r, _ in keys if r == "b@example.org") == 2  # Mondays 2 and 9 March


def test_delivery_sends_each_due_digest_once_through_a_real_smtp_server(app):
    from tests.scheduler_smtp import running_sink
    from tracker.config import SmtpSettings
    from tracker.reminders.transport import SmtpTransport

    expiring_daily(app, date(2026, 5, 2), 1)
    for n in range(3):
        add_subscriber(app, f"s{n}@example.org", "Asia/Shanghai")
    now = datetime(2026, 5, 1, 1, 0, tzinfo=timezone.utc)
    compose_due_digests(app, now, holder="a", schedule=SCHEDULE)
    with running_sink() as (sink, port):
        transport = SmtpTransport(SmtpSettings("127.0.0.1", port, None, None, "none", 10.0), "tracker@example.org")
        sent = []
        for worker in ("a", "b", "a", "b", "a"):  # two workers taking turns, one message per step
            sent.append(deliver_one(app, transport, now, worker=worker, schedule=SCHEDULE).count)
    assert sent == [1, 1, 1, 0, 0]
    assert sorted(m["To"] for m in sink.messages) == ["s0@example.org", "s1@example.org", "s2@example.org"]
