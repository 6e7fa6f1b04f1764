"""Reminders end to end against a real SMTP server (aiosmtpd) and a real database, SQLite and PostgreSQL."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from email.policy import default as default_policy

import pytest
from sqlalchemy import func, select, text

from tests.reminder_factories import history, policy, subscriber, target
from tests.reminder_smtp import smtp_server
from tracker.config import SmtpSettings
from tracker.reminders import arm_notices, compose_digests, deliver_due
from tracker.reminders.delivery import claim_one
from tracker.reminders.transport import SmtpTransport
from tracker.store.schema.reminders import Message, Notice

NOW = datetime(2025, 12, 1, 4, 0, tzinfo=timezone.utc)  # 12:00 in Shanghai


def smtp(port, password=None, user=None):
    return SmtpTransport(SmtpSettings(host="127.0.0.1", port=port, user=user, password=password, tls="none"), "tracker@example.org")


def setup_world(app, emails=("a@example.org",), title="Housing policy"):
    with app.uow() as uow:
        pol = policy(uow.session, title, doc_number="沪府办规〔2023〕27号", effective_to=date(2025, 12, 31))
        target(uow.session, pol, due_on=date(2025, 12, 31))
        for e in emails:
            subscriber(uow.session, e)
        uow.commit()


def run(app, transport, now=NOW, **kw):
    arm_notices(app, now)
    queued = compose_digests(app, now, ignore_time=True)
    return queued, deliver_due(app, transport, now, **kw).sent


def plain_body(message) -> str:
    from email import message_from_bytes

    return message_from_bytes(message.as_bytes(), policy=default_policy).get_body(("plain",)).get_content()


def count(app, model, *where):
    with app.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model).where(*where))


def test_the_same_run_twice_sends_nothing_twice(app):
    setup_world(app, ("a@example.org", "b@example.org"))
    with smtp_server() as (sink, port):
        assert run(app, smtp(port)) == (2, 2)
        assert run(app, smtp(port)) == (0, 0)
        assert sorted(m["To"] for m in sink.messages) == ["a@example.org", "b@example.org"]
    assert count(app, Notice, Notice.message_id.is_(None)) == 0


def test_nothing_due_sends_no_email(app):
    with app.uow() as uow:
        pol = policy(uow.session, "Far away", effective_to=date(2030, 12, 31))
        subscriber(uow.session, "a@example.org")
        uow.commit()
    with smtp_server() as (sink, port):
        assert run(app, smtp(port)) == (0, 0)
        assert sink.messages == []


def test_two_senders_at_once_send_every_message_exactly_once(app):
    emails = [f"s{i:02d}@example.org" for i in range(24)]
    setup_world(app, emails)
    arm_notices(app, NOW)
    assert compose_digests(app, NOW, ignore_time=True) == len(emails)
    with smtp_server() as (sink, port):
        results = []

        def sender(name):
            results.append(deliver_due(app, smtp(port), NOW, limit=100, worker=name).sent)

        threads = [threading.Thread(target=sender, args=(f"w{i}",)) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sum(results) == len(emails)
        assert sorted(m["To"] for m in sink.messages) == sorted(emails)


def test_a_claim_abandoned_by_a_dead_sender_is_retried_after_the_lease(app):
    setup_world(app)
    arm_notices(app, NOW)
    compose_digests(app, NOW, ignore_time=True)
    with app.uow() as uow:
        assert claim_one(uow.session, NOW, "dead", timedelta(minutes=5)) is not None  # then the process "dies"
    with smtp_server() as (sink, port):
        assert deliver_due(app, smtp(port), NOW + timedelta(minutes=1)).sent == 0  # still leased
        assert deliver_due(app, smtp(port), NOW + timedelta(minutes=6)).sent == 1
        assert len(sink.messages) == 1


def test_a_crash_after_the_250_reply_resends_once_and_the_duplicate_is_countable(app):
    setup_world(app)
    arm_notices(app, NOW)
    compose_digests(app, NOW, ignore_time=True)
    with smtp_server() as (sink, port):
        with app.uow() as uow:
            message_id = claim_one(uow.session, NOW, "dying", timedelta(minutes=5))
            with smtp(port) as transport:
                transport.send(uow.session.get(Message, message_id))  # 250, then the crash: never recorded
        assert deliver_due(app, smtp(port), NOW + timedelta(minutes=6)).sent == 1
        ids = sink.message_ids()
        assert len(sink.messages) == 2 and len(ids) == 1  # one notice, sent twice, same Message-ID
    with app.uow() as uow:
        assert uow.session.scalar(select(Message.status)) == "sent"


def test_a_451_is_retried_later_and_a_550_fails_visibly_without_holding_back_others(app, run_cli):
    setup_world(app, ("ok@example.org", "later@example.org", "bad@example.org"))
    with smtp_server(defer={"later@example.org"}, reject={"bad@example.org"}) as (sink, port):
        assert run(app, smtp(port)) == (3, 1)
        assert [m["To"] for m in sink.messages] == ["ok@example.org"]
        with app.uow() as uow:
            statuses = dict(uow.session.execute(select(Message.recipient, Message.status)).all())
        assert statuses == {"ok@example.org": "sent", "later@example.org": "pending", "bad@example.org": "failed"}
        sink.refuse = frozenset()  # the server accepts it now
        assert deliver_due(app, smtp(port), NOW).sent == 0  # backoff: not yet
        assert deliver_due(app, smtp(port), NOW + timedelta(minutes=2)).sent == 1
        assert len(sink.to("later@example.org")) == 1
    listing = run_cli("outbox", "list", "--status", "failed")
    assert "bad@example.org" in listing.stdout and "550" in listing.stdout


def test_the_server_down_for_a_whole_run_means_everything_goes_by_the_next(app):
    setup_world(app, ("a@example.org", "b@example.org"))
    from tests.scheduler_smtp import free_port

    dead_port = free_port()
    queued, sent = run(app, smtp(dead_port))
    assert (queued, sent) == (2, 0)
    with smtp_server() as (sink, port):
        assert deliver_due(app, smtp(port), NOW + timedelta(hours=2)).sent == 2
        assert len(sink.messages) == 2


def test_a_week_in_which_nothing_ran_sends_every_due_notice_once_marked_late(app):
    setup_world(app)
    start = datetime(2025, 12, 20, 4, 0, tzinfo=timezone.utc)
    with smtp_server() as (sink, port):
        run(app, smtp(port), start)
        first = len(sink.messages)
        later = start + timedelta(days=8)  # the 7-day notices (12-24) fell due unseen
        run(app, smtp(port), later)
        body = plain_body(sink.messages[-1])
        assert len(sink.messages) == first + 1
        assert "[late]" in body
        run(app, smtp(port), later + timedelta(hours=1))
        assert len(sink.messages) == first + 1


def test_an_extension_tells_subscribers_once_and_rearms_for_the_new_date(app):
    with app.uow() as uow:
        pol = policy(uow.session, "Talent rules", effective_to=date(2025, 12, 31))
        subscriber(uow.session, "a@example.org")
        uow.commit()
    with smtp_server() as (sink, port):
        run(app, smtp(port))
        with app.uow() as uow:
            row = uow.session.get(type(pol), pol.id)
            row.effective_to = date(2027, 12, 31)
            history(uow.session, row, "effective_to", "2025-12-31", "2027-12-31", NOW + timedelta(days=1))
            uow.commit()
        day2 = NOW + timedelta(days=2)
        run(app, smtp(port), day2)
        body = plain_body(sink.messages[-1])
        assert "Date changes" in body and "2027-12-31" in body
        run(app, smtp(port), day2 + timedelta(hours=3))
        assert len(sink.messages) == 2


def test_a_superseded_policy_stops_its_notices(app):
    with app.uow() as uow:
        policy(uow.session, "Old rules", effective_to=date(2025, 12, 31), state="superseded")
        subscriber(uow.session, "a@example.org")
        uow.commit()
    assert arm_notices(app, NOW) == 0


def test_an_agency_subscriber_hears_only_about_that_agencys_measures(app):
    with app.uow() as uow:
        pol = policy(uow.session, "Mixed", effective_to=None)
        target(uow.session, pol, due_on=date(2025, 12, 31), agency="上海市商务委员会", text="A")
        target(uow.session, pol, due_on=date(2025, 12, 30), agency="上海市财政局", text="B", number="（二）")
        from tracker.store.schema.policies import Agency

        commerce = uow.session.scalar(select(Agency.id).where(Agency.name == "上海市商务委员会"))
        subscriber(uow.session, "c@example.org", agency_id=commerce)
        uow.commit()
    with smtp_server() as (sink, port):
        run(app, smtp(port))
        body = plain_body(sink.messages[0])
    assert "上海市商务委员会" in body and "上海市财政局" not in body


@pytest.mark.parametrize(
    "title",
    ["Evil\r\nBcc: victim@example.org", "Evil =?UTF-8?Q?=0ABcc:_victim@example.org?=", "<script>alert(1)</script>"],
)
def test_a_hostile_policy_title_cannot_add_a_header_or_run_in_the_html(app, title):
    setup_world(app, title=title)
    with smtp_server() as (sink, port):
        run(app, smtp(port))
        raw = sink.messages[0].as_bytes()
    from email import message_from_bytes

    parsed = message_from_bytes(raw, policy=default_policy)
    assert parsed["Bcc"] is None and "victim" not in (parsed["To"] or "")
    html = parsed.get_body(("html",)).get_content()
    assert "<script>" not in html
    if "script" in title:
        assert "&lt;script&gt;" in html


def test_the_smtp_password_never_appears_in_logs_errors_or_the_database(app, caplog):
    setup_world(app)
    secret = "s3cret-Pa55word"
    from tests.scheduler_smtp import free_port

    caplog.set_level(logging.DEBUG)
    transport = smtp(free_port(), password=secret, user="tracker")
    queued, sent = run(app, transport)
    assert sent == 0
    assert secret not in caplog.text
    with app.uow() as uow:
        errors = " ".join(e or "" for e in uow.session.scalars(select(Message.last_error)))
        dump = " ".join(str(r) for r in uow.session.execute(text("SELECT * FROM message")).all())
    assert "cannot connect" in errors
    assert secret not in errors and secret not in dump
    assert secret not in repr(transport.config)


def test_a_send_for_a_future_day_does_not_take_a_live_claim_of_another_sender(app):
    """--as-of decides what is due, the real clock when a claim runs out: a digest run for next month must not
    steal the message a scheduler is sending right now."""
    setup_world(app, ("a@example.org", "b@example.org"))
    arm_notices(app, NOW)
    compose_digests(app, NOW, ignore_time=True)
    with app.uow() as uow:
        assert claim_one(uow.session, NOW, "scheduler", timedelta(minutes=5)) is not None
    with smtp_server() as (sink, port):
        report = deliver_due(app, smtp(port), NOW + timedelta(seconds=30), limit=None, due_by=NOW + timedelta(days=30))
        assert (report.sent, report.held_elsewhere) == (1, 1)
        assert len(sink.messages) == 1


def test_the_first_retry_after_a_crash_waits_one_backoff_not_two(app):
    setup_world(app)
    arm_notices(app, NOW)
    compose_digests(app, NOW, ignore_time=True)
    with app.uow() as uow:
        claim_one(uow.session, NOW, "dead", timedelta(minutes=5))  # attempt 1, then the process dies
    retry_from = NOW + timedelta(minutes=6)
    with smtp_server(defer={"a@example.org"}) as (sink, port):
        report = deliver_due(app, smtp(port), retry_from)
    assert report.sent == 0 and len(report.deferred) == 1
    with app.uow(read_only=True) as uow:
        attempts, next_at = uow.session.execute(select(Message.attempts, Message.next_attempt_at)).one()
    assert attempts == 1  # the crashed claim was not an attempt that reached the server's answer
    assert timedelta(minutes=1) <= next_at - retry_from < timedelta(minutes=1, seconds=30)


def test_status_counts_a_message_held_by_a_dead_sender_as_in_flight_until_its_claim_runs_out(app):
    from tracker.scheduling.status import scheduler_status

    setup_world(app, ("a@example.org", "b@example.org"))
    arm_notices(app, NOW)
    compose_digests(app, NOW, ignore_time=True)
    with app.uow() as uow:
        claim_one(uow.session, NOW, "dead", timedelta(minutes=5))
    box = scheduler_status(app, NOW + timedelta(minutes=1), alive_within=timedelta(minutes=1))["outbox"]
    assert (box["due_now"], box["in_flight"]) == (1, 1)
    box = scheduler_status(app, NOW + timedelta(minutes=6), alive_within=timedelta(minutes=1))["outbox"]
    assert (box["due_now"], box["in_flight"]) == (2, 0)


def test_a_new_subscribers_first_digest_marks_nothing_late_that_fell_due_before_they_joined(app):
    """The 30-day notice of a policy ending 2025-12-31 fired on 12-01; someone joining on 12-20 gets it in their
    first digest as the state of things, not as a reminder that went missing."""
    with app.uow() as uow:
        pol = policy(uow.session, "Housing policy", doc_number="沪府办规〔2023〕27号", effective_to=date(2025, 12, 31))
        target(uow.session, pol, due_on=date(2025, 12, 31))
        subscriber(uow.session, "new@example.org", joined=datetime(2025, 12, 20, 1, 0, tzinfo=timezone.utc))
        uow.commit()
    joined_day = datetime(2025, 12, 20, 4, 0, tzinfo=timezone.utc)
    with smtp_server() as (sink, port):
        assert run(app, smtp(port), joined_day) == (1, 1)
        body = plain_body(sink.messages[0])
    assert "Housing policy" in body
    assert not [line for line in body.splitlines() if line.startswith("- ") and line.endswith("[late]")]


def test_a_policy_that_ended_before_the_digest_day_is_not_listed_as_expiring(app):
    with app.uow() as uow:
        policy(uow.session, "Old rules", doc_number="沪府规〔2020〕1号", effective_to=date(2025, 11, 30))
        subscriber(uow.session, "a@example.org", joined=datetime(2025, 11, 1, tzinfo=timezone.utc))
        uow.commit()
    with smtp_server() as (sink, port):
        run(app, smtp(port), datetime(2025, 12, 1, 4, 0, tzinfo=timezone.utc))
        body = plain_body(sink.messages[-1])
    assert "== Policies no longer in force ==" in body and "(ended 1 day ago)" in body
    assert "== Expiring policies ==" not in body
