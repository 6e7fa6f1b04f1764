"""Delivery as real use runs it: several senders of every kind, a slow server, faults in the first batch.

Real processes (`tracker scheduler run --once`, `tracker digest send`), the real database (SQLite and
PostgreSQL through the migrations) and a real SMTP server (aiosmtpd) in the test process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.reminder_factories import something_to_say
from tests.reminder_smtp import smtp_server
from tests.scheduler_smtp import free_port, running_sink
from tracker.store.schema.reminders import Message

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 120  # seconds: every process below is bounded so CI cannot hang


def tracker_env(db_url: str, port: int, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TRACKER_DATABASE_URL": db_url,
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(port),
        "TRACKER_SMTP_TLS": "none",
        "TRACKER_SMTP_TIMEOUT": "5",
        "TRACKER_MAIL_FROM": "tracker@example.org",
        "TRACKER_DIGEST_TIME": "00:00",  # every subscriber's slot for today is already due
        **extra,
    }


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tracker", *args], cwd=REPO, env=env,
                            stdout=log.open("ab"), stderr=subprocess.STDOUT)


def statuses(app) -> dict[str, int]:
    with app.uow(read_only=True) as uow:
        return dict(uow.session.execute(select(Message.status, func.count()).group_by(Message.status)).all())


def duplicates(sink) -> int:
    return sum(n - 1 for n in sink.message_ids().values())


def test_a_slow_server_and_a_short_lease_do_not_make_two_schedulers_send_twice(app, db_url, tmp_path):
    """Each claim's lease starts when it is made: with 0.3 s a message and a 1.5 s lease, a pass that lasts
    many leases never claims a message already expired, so the second scheduler has nothing to steal."""
    emails = [f"s{n:02d}@example.org" for n in range(24)]
    something_to_say(app, emails)
    log = tmp_path / "schedulers.log"
    with running_sink(delay=0.3) as (sink, port):
        env = tracker_env(db_url, port, TRACKER_DELIVERY_LEASE="1.5")
        first = start(["scheduler", "run", "--once"], env, log)
        assert sink.wait_for(3, timeout=60), log.read_text()[-3000:]  # the first pass is well under way
        second = start(["scheduler", "run", "--once"], env, log)
        codes = [first.wait(timeout=TIMEOUT), second.wait(timeout=TIMEOUT)]
        assert codes == [0, 0], log.read_text()[-3000:]
        assert statuses(app) == {"sent": len(emails)}, log.read_text()[-3000:]
        assert sorted(m["To"] for m in sink.messages) == emails
        assert duplicates(sink) == 0


def test_two_digest_sends_and_a_scheduler_on_one_database_all_succeed_and_send_each_message_once(
    app, db_url, tmp_path
):
    """Every write transaction begins as a write on SQLite, so concurrent processes wait their turn instead
    of failing with "database is locked"; a message another sender holds is reported, not an error."""
    emails = [f"m{n:02d}@example.org" for n in range(30)]
    something_to_say(app, emails)
    logs = [tmp_path / f"p{i}.log" for i in range(3)]
    with running_sink(delay=0.05) as (sink, port):
        env = tracker_env(db_url, port)
        processes = [
            start(["digest", "send"], env, logs[0]),
            start(["scheduler", "run", "--once"], env, logs[1]),
            start(["digest", "send"], env, logs[2]),
        ]
        codes = [p.wait(timeout=TIMEOUT) for p in processes]
        output = "\n".join(f"--- {log.name}\n{log.read_text()[-2000:]}" for log in logs)
        assert codes == [0, 0, 0], output
        assert "database is locked" not in output
        assert statuses(app) == {"sent": len(emails)}, output
        assert sorted(m["To"] for m in sink.messages) == emails
        assert duplicates(sink) == 0


def test_digest_send_attempts_everything_despite_faults_in_the_first_batch_and_says_what_was_not_sent(
    app, db_url, tmp_path
):
    emails = [f"r{n:03d}@example.org" for n in range(130)]
    deferred = set(emails[0:100:10])  # ten 451s and ten 550s, all among the first hundred
    rejected = set(emails[5:100:10])
    something_to_say(app, emails)
    with smtp_server(defer=deferred, reject=rejected) as (sink, port):
        done = subprocess.run([sys.executable, "-m", "tracker", "digest", "send"], cwd=REPO,
                              env=tracker_env(db_url, port), capture_output=True, text=True, timeout=TIMEOUT)
        received = sorted(m["To"] for m in sink.messages)
    assert done.returncode == 1, done.stderr
    assert received == sorted(set(emails) - deferred - rejected)
    assert "sent 110 messages" in done.stdout
    assert "10 deferred (retry from" in done.stdout and "10 failed" in done.stdout
    assert statuses(app) == {"sent": 110, "pending": 10, "failed": 10}
    for address in deferred:
        assert f"deferred: {address}: " in done.stderr
    for address in rejected:
        assert f"failed: {address}: " in done.stderr
    assert "Traceback" not in done.stderr


def test_digest_send_with_the_server_down_exits_non_zero_and_says_why(app, db_url, tmp_path):
    emails = ["a@example.org", "b@example.org"]
    something_to_say(app, emails)
    done = subprocess.run([sys.executable, "-m", "tracker", "digest", "send"], cwd=REPO,
                          env=tracker_env(db_url, free_port()), capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 1
    assert "sent 0 messages" in done.stdout and "2 deferred" in done.stdout
    assert done.stderr.count("cannot connect") == 2
    assert statuses(app) == {"pending": 2}
