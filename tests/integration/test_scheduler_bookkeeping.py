"""Leases, heartbeats and job runs on the real database; time is injected, nothing sleeps."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tracker.scheduling.steps import (
    DIGEST_LEASE,
    StepResult,
    acquire_lease,
    beat,
    mark_stopped,
    record_run,
    release_lease,
)
from tracker.scheduling.status import scheduler_status

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
LEASE = timedelta(seconds=120)


def test_the_first_process_takes_the_lease_and_a_second_waits(app):
    assert acquire_lease(app, DIGEST_LEASE, "a", T0, LEASE)
    assert not acquire_lease(app, DIGEST_LEASE, "b", T0 + timedelta(seconds=1), LEASE)


def test_the_holder_renews_its_lease_and_keeps_it_past_the_first_expiry(app):
    assert acquire_lease(app, DIGEST_LEASE, "a", T0, LEASE)
    assert acquire_lease(app, DIGEST_LEASE, "a", T0 + timedelta(seconds=100), LEASE)
    assert not acquire_lease(app, DIGEST_LEASE, "b", T0 + timedelta(seconds=150), LEASE)


def test_a_silent_holder_is_replaced_once_its_lease_runs_out(app):
    assert acquire_lease(app, DIGEST_LEASE, "a", T0, LEASE)
    assert not acquire_lease(app, DIGEST_LEASE, "b", T0 + LEASE - timedelta(seconds=1), LEASE)
    assert acquire_lease(app, DIGEST_LEASE, "b", T0 + LEASE, LEASE)
    # the old holder, back from a pause, does not lead again while the new lease runs
    assert not acquire_lease(app, DIGEST_LEASE, "a", T0 + LEASE + timedelta(seconds=1), LEASE)


def test_a_released_lease_is_taken_at_once(app):
    assert acquire_lease(app, DIGEST_LEASE, "a", T0, LEASE)
    release_lease(app, DIGEST_LEASE, "a")
    assert acquire_lease(app, DIGEST_LEASE, "b", T0 + timedelta(seconds=1), LEASE)


def test_status_counts_a_beating_process_as_alive_and_a_silent_one_as_not(app):
    beat(app, T0, process_id="host:1:aa", host="host", pid=1)
    beat(app, T0, process_id="host:2:bb", host="host", pid=2)
    beat(app, T0 + timedelta(seconds=80), process_id="host:1:aa", host="host", pid=1)
    report = scheduler_status(app, T0 + timedelta(seconds=90), alive_within=timedelta(seconds=60))
    alive = {p["process"]: p["alive"] for p in report["processes"]}
    assert alive == {"host:1:aa": True, "host:2:bb": False}
    assert report["alive"] == 1


def test_a_process_that_stopped_cleanly_is_not_alive(app):
    beat(app, T0, process_id="p", host="h", pid=1)
    mark_stopped(app, T0 + timedelta(seconds=5), process_id="p")
    report = scheduler_status(app, T0 + timedelta(seconds=6), alive_within=timedelta(seconds=60))
    assert report["alive"] == 0
    assert report["processes"][0]["stopped_at"] is not None


def test_each_job_keeps_its_last_run_outcome_error_and_next_run(app):
    record_run(app, "deliver", process_id="p", started_at=T0, finished_at=T0, result=StepResult("ok", 3),
               next_run_at=T0 + timedelta(minutes=5))
    later = T0 + timedelta(minutes=5)
    record_run(app, "deliver", process_id="q", started_at=later, finished_at=later, result=None,
               error="OperationalError: connection refused", next_run_at=later + timedelta(minutes=5))
    record_run(app, "compose", process_id="p", started_at=T0, finished_at=T0, result=StepResult("idle"),
               next_run_at=T0 + timedelta(minutes=1))
    jobs = {j["job"]: j for j in scheduler_status(app, later, alive_within=timedelta(seconds=60))["jobs"]}
    assert jobs["deliver"]["outcome"] == "error"
    assert jobs["deliver"]["error"] == "OperationalError: connection refused"
    assert (jobs["deliver"]["runs"], jobs["deliver"]["failures"]) == (2, 1)
    assert jobs["deliver"]["next_run_at"] == later + timedelta(minutes=5)
    assert jobs["deliver"]["process"] == "q"
    assert jobs["compose"]["outcome"] == "idle"


def test_the_outbox_backlog_counts_waiting_due_and_failed_messages(app):
    from tracker.store.schema.reminders import Message, Subscriber

    with app.uow() as uow:
        subscriber = Subscriber(email="a@example.org", created_at=T0)
        uow.session.add(subscriber)
        uow.session.flush()

        def message(key, status, due):
            return Message(subscriber_id=subscriber.id, digest_key=key, recipient="a@example.org", subject="s",
                           body_text="t", body_html="h", status=status, next_attempt_at=due, created_at=T0)

        uow.session.add_all([
            message("daily:1", "pending", T0 - timedelta(hours=2)),
            message("daily:2", "pending", T0 + timedelta(hours=2)),
            message("daily:3", "failed", T0),
            message("daily:4", "sent", T0),
        ])
        uow.commit()
    outbox = scheduler_status(app, T0, alive_within=timedelta(seconds=60))["outbox"]
    assert (outbox["pending"], outbox["due_now"], outbox["failed"], outbox["sent"]) == (2, 1, 1, 1)
    assert outbox["oldest_due_at"] == T0 - timedelta(hours=2)
