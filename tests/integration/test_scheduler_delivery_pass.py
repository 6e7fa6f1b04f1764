"""One delivery pass of the scheduler: a message the server turns away does not hold back the others."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.scheduler_fake_reminders import reminders_service  # noqa: F401  (fixture)
from tests.scheduler_smtp import running_sink
from tracker.clock import utc_now
from tracker.scheduling import jobs
from tracker.store.schema.reminders import Message, Subscriber


def test_a_refused_message_is_rescheduled_and_the_rest_are_sent_in_the_same_pass(
    app, db_url, reminders_service, monkeypatch
):
    with app.uow() as uow:
        for name in ("a-first", "b", "c"):  # the refused one comes first in the outbox
            uow.session.add(Subscriber(email=f"{name}@example.org", timezone="Asia/Shanghai",
                                       created_at=utc_now() - timedelta(days=2)))
        uow.commit()
    with running_sink(refuse=frozenset({"a-first@example.org"})) as (sink, port):
        monkeypatch.setenv("TRACKER_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("TRACKER_SMTP_PORT", str(port))
        monkeypatch.setenv("TRACKER_SMTP_TLS", "none")
        assert jobs.compose_digests(db_url, "p", "00:00", 0, lease=120, interval=60).count == 3
        result = jobs.deliver_messages(db_url, "p", delivery_lease=60, interval=300)
    assert (result.outcome, result.count) == ("ok", 2)
    assert sorted(m["To"] for m in sink.messages) == ["b@example.org", "c@example.org"]
    with app.uow() as uow:
        refused = uow.session.execute(
            select(Message.status, Message.last_error).where(Message.recipient == "a-first@example.org")
        ).one()
    assert refused.status == "pending" and "451" in refused.last_error
