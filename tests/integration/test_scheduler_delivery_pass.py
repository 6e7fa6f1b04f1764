"""One delivery pass of the scheduler: a message the server turns away does not hold back the others."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.reminder_factories import something_to_say
from tests.scheduler_smtp import running_sink
from tracker.scheduling import jobs
from tracker.store.schema.reminders import Message



@pytest.fixture(autouse=True)
def _fresh_wiring():
    """The jobs cache an App and transport per database URL: build them from this test's settings."""
    jobs.forget_wiring()
    yield
    jobs.forget_wiring()

def test_a_refused_message_is_rescheduled_and_the_rest_are_sent_in_the_same_pass(app, db_url, monkeypatch):
    something_to_say(app, ["a-first@example.org", "b@example.org", "c@example.org"])  # refused one first
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
