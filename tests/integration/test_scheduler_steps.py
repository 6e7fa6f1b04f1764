"""The scheduler's steps driven across days, zones, leases and two processes, with time injected.

The reminders service is the stand-in with the same interface (tests/scheduler_fake_reminders.py), which builds
a digest for every due slot whatever there is to say: these tests are about when and how often the scheduler
asks. The database and the SMTP server are real. DST changes and downtime run through the real reminders
service in test_scheduler_real_service.py.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from tests.scheduler_fake_reminders import reminders_service  # noqa: F401  (fixture)
from tracker.scheduling.settings import ScheduleSettings
from tracker.scheduling.steps import compose_due_digests, deliver_one
from tracker.store.schema.reminders import Message, Subscriber

SCHEDULE = ScheduleSettings(lease=120)
TICK = timedelta(minutes=20)


@pytest.fixture(autouse=True)
def _stand_in(reminders_service):
    return reminders_service


def add_subscriber(app, email, zone, frequency="daily", joined=datetime(2020, 1, 1, tzinfo=timezone.utc)):
    with app.uow() as uow:
        uow.session.add(Subscriber(email=email, timezone=zone, frequency=frequency, created_at=joined))
        uow.commit()


def drive(app, start, end, *, tick=TICK, holders=("a",)):
    """Run the compose step every `tick` from start to end, rotating through `holders` (processes)."""
    now, i = start, 0
    while now <= end:
        compose_due_digests(app, now, holder=holders[i % len(holders)], schedule=SCHEDULE)
        now, i = now + tick, i + 1


def digests(app):
    with app.uow() as uow:
        rows = uow.session.execute(
            select(Message.recipient, Message.digest_key, Message.created_at).order_by(Message.id)
        ).all()
    return rows


def test_subscribers_in_different_zones_each_get_their_digest_at_their_own_morning(app):
    start = datetime(2026, 6, 1, tzinfo=timezone.utc)
    add_subscriber(app, "sh@example.org", "Asia/Shanghai", joined=start)
    add_subscriber(app, "ny@example.org", "America/New_York", joined=start)
    drive(app, start, datetime(2026, 6, 2, 23, 59, tzinfo=timezone.utc))
    local_hours = {
        (recipient, created.astimezone(ZoneInfo(zone)).hour)
        for recipient, _, created in digests(app)
        for r, zone in [("sh@example.org", "Asia/Shanghai"), ("ny@example.org", "America/New_York")]
        if r == recipient
    }
    assert local_hours == {("sh@example.org", 8), ("ny@example.org", 8)}


def test_running_the_same_step_twice_at_the_same_moment_builds_nothing_twice(app):
    add_subscriber(app, "d@example.org", "Asia/Shanghai")
    now = datetime(2026, 5, 1, 1, 0, tzinfo=timezone.utc)  # 09:00 Shanghai
    first = compose_due_digests(app, now, holder="a", schedule=SCHEDULE)
    again = compose_due_digests(app, now, holder="a", schedule=SCHEDULE)
    assert (first.outcome, first.count) == ("ok", 1)
    assert (again.outcome, again.count) == ("idle", 0)


def test_only_the_lease_holder_builds_digests_and_a_silent_leader_is_replaced_within_one_lease(app):
    t = datetime(2026, 5, 1, 0, 0, tzinfo=timezone.utc)  # 08:00 Shanghai
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
    add_subscriber(app, "a@example.org", "Europe/Berlin", joined=start)
    add_subscriber(app, "b@example.org", "America/New_York", frequency="weekly", joined=start)
    drive(app, start, datetime(2026, 3, 15, tzinfo=timezone.utc),
          tick=timedelta(minutes=25), holders=("a", "b", "b"))
    keys = Counter((r, k) for r, k, _ in digests(app))
    assert set(keys.values()) == {1}
    assert sum(1 for r, _ in keys if r == "a@example.org") == 14
    assert sum(1 for r, _ in keys if r == "b@example.org") == 2  # Mondays 2 and 9 March


def test_delivery_sends_each_due_digest_once_through_a_real_smtp_server(app, reminders_service):
    from tests.scheduler_smtp import running_sink

    for n in range(3):
        add_subscriber(app, f"s{n}@example.org", "Asia/Shanghai")
    now = datetime(2026, 5, 1, 1, 0, tzinfo=timezone.utc)
    compose_due_digests(app, now, holder="a", schedule=SCHEDULE)
    with running_sink() as (sink, port):
        transport = reminders_service.SmtpTransport("127.0.0.1", port, "tracker@example.org")
        sent = []
        for worker in ("a", "b", "a", "b", "a"):  # two workers taking turns, one message per step
            sent.append(deliver_one(app, transport, now, worker=worker, schedule=SCHEDULE).count)
    assert sent == [1, 1, 1, 0, 0]
    assert sorted(m["To"] for m in sink.messages) == ["s0@example.org", "s1@example.org", "s2@example.org"]
