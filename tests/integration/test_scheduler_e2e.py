"""`tracker scheduler run` as real processes against a real SMTP server: SIGKILL, restart, two processes.

Exactly once, apart from the documented post-send crash window: a process killed after the server's 250 reply
and before it records the message as sent leaves the claim to expire, and the message is sent again. Such
duplicates are counted (at most one per killed process: it sends one message at a time).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.scheduler_smtp import running_sink
from tracker.clock import utc_now
from tracker.store.schema.reminders import Message, Subscriber

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 30
DEADLINE = 25.0  # seconds; every wait below is bounded so CI cannot hang


def add_subscribers(app, count):
    """Subscribers to everything, and a policy whose last day in force is three days away (by the real
    clock, which the scheduler process reads): every subscriber has a notice due, so a digest each."""
    from zoneinfo import ZoneInfo

    from tests.reminder_factories import policy

    now = utc_now()
    joined = now - timedelta(days=2)
    with app.uow() as uow:
        policy(uow.session, "即将到期的政策", doc_number="测试〔2026〕1号",
               effective_to=now.astimezone(ZoneInfo("Asia/Shanghai")).date() + timedelta(days=3))
        for n in range(count):
            uow.session.add(Subscriber(email=f"s{n:03d}@example.org", timezone="Asia/Shanghai", created_at=joined))
        uow.commit()


def start_scheduler(db_url, port, log_path: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TRACKER_DATABASE_URL": db_url,
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(port),
        "TRACKER_SMTP_TLS": "none",
        "TRACKER_MAIL_FROM": "tracker@example.org",
        "TRACKER_DIGEST_TIME": "00:00",  # every subscriber's slot for today is already due
        "TRACKER_COMPOSE_INTERVAL": "0.5",
        "TRACKER_DELIVERY_INTERVAL": "0.5",
        "TRACKER_HEARTBEAT_INTERVAL": "0.5",
        "TRACKER_REFRESH_INTERVAL": "5",
        "TRACKER_SCHEDULER_LEASE": "2",
        "TRACKER_DELIVERY_LEASE": "2",
    }
    log = log_path.open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "scheduler", "run"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )


def statuses(app) -> dict[str, int]:
    with app.uow() as uow:
        return dict(uow.session.execute(select(Message.status, func.count()).group_by(Message.status)).all())


def wait_until(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def stop(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
        return -999


def check_every_message_arrived_once(app, sink, log_path: Path, killed: int) -> int:
    """Every subscriber's digest arrived; returns the number of duplicates (the post-send window)."""
    received = sink.message_ids()
    assert statuses(app) == {"sent": SUBSCRIBERS}, log_path.read_text()[-3000:]
    assert len(received) == SUBSCRIBERS
    recipients = {m["To"] for m in sink.messages}
    assert recipients == {f"s{n:03d}@example.org" for n in range(SUBSCRIBERS)}
    duplicates = sum(n - 1 for n in received.values())
    assert duplicates <= killed, f"{duplicates} duplicates from {killed} killed process(es)"
    return duplicates


def test_a_scheduler_killed_mid_run_and_restarted_delivers_every_digest_once(app, db_url, tmp_path):
    add_subscribers(app, SUBSCRIBERS)
    log_path = tmp_path / "scheduler.log"
    with running_sink(delay=0.05) as (sink, port):
        first = start_scheduler(db_url, port, log_path)
        try:
            assert sink.wait_for(8, timeout=DEADLINE), log_path.read_text()[-3000:]
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        assert len(sink.messages) < SUBSCRIBERS, "the kill must land mid-run; slow the sink down"

        second = start_scheduler(db_url, port, log_path)
        try:
            done = wait_until(lambda: statuses(app).get("sent", 0) == SUBSCRIBERS, DEADLINE)
        finally:
            code = stop(second)
        assert done, log_path.read_text()[-3000:]
        assert code == 0, log_path.read_text()[-3000:]
        duplicates = check_every_message_arrived_once(app, sink, log_path, killed=1)
    print(f"post-send crash window duplicates: {duplicates}")
    assert "stopped" in log_path.read_text()


def test_two_schedulers_on_postgresql_share_the_work_and_survive_one_being_killed(app, db_url, tmp_path):
    if not db_url.startswith("postgresql"):
        pytest.skip("several scheduler processes on one database is the PostgreSQL deployment")
    add_subscribers(app, SUBSCRIBERS)
    log_path = tmp_path / "schedulers.log"
    with running_sink(delay=0.05) as (sink, port):
        one = start_scheduler(db_url, port, log_path)
        two = start_scheduler(db_url, port, log_path)
        try:
            assert sink.wait_for(8, timeout=DEADLINE), log_path.read_text()[-3000:]
            one.send_signal(signal.SIGKILL)
            one.wait(timeout=10)
            done = wait_until(lambda: statuses(app).get("sent", 0) == SUBSCRIBERS, DEADLINE)
        finally:
            if one.poll() is None:
                one.kill()
            code = stop(two)
        assert done, log_path.read_text()[-3000:]
        assert code == 0, log_path.read_text()[-3000:]
        duplicates = check_every_message_arrived_once(app, sink, log_path, killed=1)
        with app.uow() as uow:
            senders = set(uow.session.execute(select(Message.claimed_by)).scalars())
    print(f"post-send crash window duplicates: {duplicates}; processes that sent: {len(senders)}")


def test_sigterm_during_a_send_finishes_that_message_and_claims_no_more(app, db_url, tmp_path):
    add_subscribers(app, SUBSCRIBERS)
    log_path = tmp_path / "scheduler.log"
    with running_sink(delay=0.4) as (sink, port):
        process = start_scheduler(db_url, port, log_path)
        try:
            in_flight = wait_until(lambda: statuses(app).get("sending", 0) == 1 and len(sink.messages) >= 1,
                                   DEADLINE)
        finally:
            code = stop(process)
        assert in_flight, log_path.read_text()[-3000:]
        assert code == 0, log_path.read_text()[-3000:]
        after = statuses(app)
        received = len(sink.messages)
    assert "sending" not in after  # the message in flight was finished and recorded, not abandoned
    assert after.get("sent", 0) == received
    # and no further message was claimed: every digest composed so far that was not sent is still pending
    assert after.get("pending", 0) == sum(after.values()) - received > 0
    assert "received SIGTERM" in log_path.read_text()
