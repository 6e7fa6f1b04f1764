"""Claims in batches: a server that slows down in the middle of a batch, a second sender, statements per
message and a stop with claims left. Real database (SQLite and PostgreSQL) and a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import asyncio
import threading
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import event, func, select

from tests.reminder_factories import policy, subscriber, target
from tests.scheduler_smtp import SmtpSink, running_sink
from tracker.clock import pass_clock
from tracker.config import SmtpSettings
from tracker.reminders import arm_notices, compose_digests, deliver_due
from tracker.reminders.transport import SmtpTransport
from tracker.store.schema.reminders import Message

NOW = datetime(2025, 12, 1, 4, 0, tzinfo=timezone.utc)


def smtp(port):
    return SmtpTransport(SmtpSettings(host="127.0.0.1", port=port, user=None, password=None, tls="none"),
                         "tracker@example.org")


def queue(app, count: int) -> list[str]:
    emails = [f"b{n:03d}@example.org" for n in range(count)]
    with app.uow() as uow:
        pol = policy(uow.session, "Housing policy", doc_number="沪府办规〔2023〕27号", effective_to=date(2025, 12, 31))
        target(uow.session, pol, due_on=date(2025, 12, 31))
        for e in emails:
            subscriber(uow.session, e)
        uow.commit()
    arm_notices(app, NOW)
    assert compose_digests(app, NOW, ignore_time=True) == count
    return emails


def statuses(app) -> dict[str, int]:
    with app.uow(read_only=True) as uow:
        return dict(uow.session.execute(select(Message.status, func.count()).group_by(Message.status)).all())


class SlowingSink(SmtpSink):
    """Answers the first `fast` messages at once, then takes `delay` seconds over each."""

    def __init__(self, fast: int, delay: float):
        super().__init__()
        self.fast, self.slow_delay, self.seen = fast, delay, 0

    async def handle_DATA(self, server, session, envelope):
        self.seen += 1
        if self.seen > self.fast:
            await asyncio.sleep(self.slow_delay)
        return await super().handle_DATA(server, session, envelope)


def test_a_server_that_slows_down_mid_batch_does_not_let_a_second_sender_take_or_repeat_a_claimed_message(app):
    """The first sender's batches grow while the server is fast (to 16 messages claimed for one lease); then,
    early in that batch, each message takes a fifth of the 2 s lease, and the batch would outlast it. Its
    claims are renewed before they run out, so the second sender, started then, takes only messages nobody
    holds: every message goes out once, and no sender finds its claim taken."""
    emails = queue(app, 60)
    clock = pass_clock(NOW)  # one clock for both senders, as the real clock is
    lease = timedelta(seconds=2)
    reports = {}

    def sender(name):
        reports[name] = deliver_due(app, smtp(port), NOW, limit=None, worker=name, lease=lease, clock=clock)

    with running_sink(sink=SlowingSink(fast=17, delay=0.4)) as (sink, port):
        first = threading.Thread(target=sender, args=("first",))
        first.start()
        assert sink.wait_for(19, timeout=60)  # the server has slowed down with a batch of the first in hand
        second = threading.Thread(target=sender, args=("second",))
        second.start()
        first.join(120)
        second.join(120)
    assert sum(r.sent for r in reports.values()) == len(emails)
    assert [r.lost_claims for r in reports.values()] == [0, 0]
    assert sorted(m["To"] for m in sink.messages) == emails
    assert max(sink.message_ids().values()) == 1
    assert statuses(app) == {"sent": len(emails)}


def test_a_delivery_pass_runs_at_most_two_statements_per_message(app):
    queue(app, 40)
    statements = []
    listener = lambda *args, **kw: statements.append(args[2])  # noqa: E731
    event.listen(app.engine, "before_cursor_execute", listener)
    try:
        with running_sink() as (sink, port):
            report = deliver_due(app, smtp(port), NOW, limit=None)
    finally:
        event.remove(app.engine, "before_cursor_execute", listener)
    assert report.sent == 40 and len(sink.messages) == 40
    assert len(statements) <= 2 * 40, statements


def test_a_stop_request_gives_back_the_claims_of_its_batch_at_once(app):
    queue(app, 12)
    with running_sink() as (sink, port):
        sent = []
        report = deliver_due(app, smtp(port), NOW, limit=None, worker="stopping",
                             should_stop=lambda: len(sink.messages) >= 4, on_done=sent.append)
        assert report.sent == 4 and len(sent) == 4  # batches of 1, 2, 4: three claims of the third not sent
        assert statuses(app) == {"sent": 4, "pending": 8}  # nothing left held by the stopped sender
        assert deliver_due(app, smtp(port), NOW + timedelta(seconds=1), limit=None).sent == 8
    assert len(sink.messages) == 12


def test_a_connection_the_server_closed_between_messages_is_replaced_and_the_pass_goes_on(app):
    """One connection serves the pass; when the server hangs up on it between two messages (an idle time-out,
    a restart), the next message goes on a new connection instead of being deferred."""
    from aiosmtpd.controller import Controller

    from tests.scheduler_smtp import free_port

    queue(app, 3)
    port = free_port()
    sink = SmtpSink()
    servers = [Controller(sink, hostname="127.0.0.1", port=port)]
    servers[0].start()

    def restart_after_the_first(_done):
        if len(sink.messages) == 1:
            servers[-1].stop()  # the server goes away, closing the connection the pass keeps
            servers.append(Controller(sink, hostname="127.0.0.1", port=port))
            servers[-1].start()

    try:
        report = deliver_due(app, smtp(port), NOW, limit=None, on_done=restart_after_the_first)
    finally:
        servers[-1].stop()
    assert (report.sent, report.deferred) == (3, [])
    assert len(sink.messages) == 3
