"""The scheduler's compose step across DST changes and downtime, through the REAL reminders service.

tests/integration/test_scheduler_steps.py drives a stand-in that builds a digest per subscriber and slot
whatever there is to say; here the digests are the real ones: notices armed from policies that expire one a
day (so every local day has something new), composed with the templates, one message per subscriber and slot.
Time is injected; the database is real.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from tests.reminder_factories import policy, subscriber
from tracker.scheduling.settings import ScheduleSettings
from tracker.scheduling.steps import compose_due_digests
from tracker.store.schema.reminders import Message, Notice

SCHEDULE = ScheduleSettings(lease=120)
TICK = timedelta(minutes=20)


def world(app, first: date, days: int, zone: str, joined: datetime) -> None:
    """One policy expiring each day from `first` on (its "1 day before" notice falls on the day before),
    and one daily subscriber to everything in `zone`."""
    with app.uow() as uow:
        for n in range(days):
            day = first + timedelta(days=n)
            policy(uow.session, f"第{n}号到期政策", ref=f"p{n}", effective_to=day)
        subscriber(uow.session, "d@example.org", timezone_name=zone, joined=joined)
        uow.commit()


def drive(app, start: datetime, end: datetime) -> None:
    now = start
    while now <= end:
        compose_due_digests(app, now, holder="a", schedule=SCHEDULE)
        now += TICK


def digests(app) -> list:
    with app.uow() as uow:
        return uow.session.execute(
            select(Message.digest_key, Message.created_at, Message.body_text).order_by(Message.id)
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
def test_one_real_digest_each_local_morning_across_a_dst_change(app, zone, transition):
    tz = ZoneInfo(zone)
    start = datetime.combine(transition - timedelta(days=2), datetime.min.time(), tzinfo=tz)
    end = datetime.combine(transition + timedelta(days=2), datetime.max.time(), tzinfo=tz)
    world(app, transition - timedelta(days=1), 6, zone, joined=start)
    drive(app, start.astimezone(timezone.utc), end.astimezone(timezone.utc))

    rows = digests(app)
    built_on = [created.astimezone(tz) for _, created, _ in rows]
    assert [d.date() for d in built_on] == [transition + timedelta(days=n) for n in range(-2, 3)]
    for local in built_on:  # at the first tick at or after 08:30 local time, on both sides of the change
        assert (local.hour, local.minute) >= (8, 30)
        assert local - local.replace(hour=8, minute=30, second=0, microsecond=0) < TICK
    assert len({key for key, _, _ in rows}) == len(rows)
    # Each morning's digest names the policy whose last day is tomorrow (local), and every notice went out once.
    for (_, created, body) in rows:
        tomorrow = created.astimezone(tz).date() + timedelta(days=1)
        assert tomorrow.isoformat() in body
    with app.uow() as uow:
        notices = uow.session.execute(select(Notice.message_id)).scalars().all()
    assert notices and None not in notices


def test_after_days_of_downtime_the_real_digest_is_built_once_with_everything_missed(app):
    zone = "Asia/Shanghai"
    day1 = datetime(2026, 5, 1, tzinfo=timezone.utc)
    world(app, date(2026, 5, 2), 6, zone, joined=day1)
    drive(app, day1, day1 + timedelta(days=1))
    before = digests(app)
    back = day1 + timedelta(days=4, hours=3)  # 11:00 in Shanghai on 5 May, long after the 08:30 slot
    drive(app, back, back + timedelta(hours=2))
    rows = digests(app)
    assert len(rows) == len(before) + 1
    key, created, body = rows[-1]
    assert created == back  # at the first run after the downtime, not at the next morning
    # The notices that fell due while it was down are all in that one digest (policies ending 3 to 6 May).
    for day in ("2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06"):
        assert day in body
    assert len({k for k, _, _ in rows}) == len(rows)
