"""A stand-in for `tracker.reminders` with the same interface, over the real tables and a real SMTP server.

The scheduler drives the reminders service through four functions (arm_notices, compose_digests, deliver_due,
make_transport). The scheduler's tests install this module in its place (the real service has its own tests);
it is deliberately plain: one digest per subscriber per slot (unique subscriber+digest_key), messages claimed
with a conditional update and a lease, sent over SMTP, recorded after the server's reply. The gap between that
reply and the record is the documented post-send crash window.
"""

from __future__ import annotations

import smtplib
import sys
from datetime import datetime, time, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from tracker.store.schema.reminders import Message, Subscriber


def digest_slot(frequency: str, zone: ZoneInfo, now: datetime, *, send_at: time, weekday: int,
                since: datetime) -> str | None:
    """The most recent slot in (since, now]: each local day's (or week's) send_at in the subscriber's zone."""
    local_day = now.astimezone(zone).date()
    for back in range(0, 8):
        day = local_day - timedelta(days=back)
        if frequency == "weekly" and day.weekday() != weekday:
            continue
        slot = datetime.combine(day, send_at, tzinfo=zone)
        if slot <= now:
            return f"{frequency}:{day.isoformat()}" if slot > since else None
    return None


def arm_notices(app, now: datetime) -> int:
    return 0


def compose_digests(app, now: datetime, *, ignore_time: bool = False, send_at=time(8, 30), weekday: int = 0) -> int:
    with app.uow() as uow:
        subscribers = uow.session.execute(
            select(Subscriber.id, Subscriber.email, Subscriber.frequency, Subscriber.timezone, Subscriber.created_at)
            .where(Subscriber.paused.is_(False))
        ).all()
    built = 0
    # One short write transaction per digest: on SQLite a transaction that reads and then writes can be refused
    # outright when another process wrote in between.
    for sub in subscribers:
        key = digest_slot(sub.frequency, ZoneInfo(sub.timezone), now, send_at=send_at, weekday=weekday,
                          since=sub.created_at)
        if key is None:
            continue
        with app.uow() as uow:
            try:
                uow.session.execute(
                    insert(Message).values(
                        subscriber_id=sub.id, digest_key=key, recipient=sub.email, subject=f"Digest {key}",
                        body_text=f"digest {key} for {sub.email}", body_html="<p>digest</p>",
                        status="pending", next_attempt_at=now, created_at=now,
                    )
                )
                uow.commit()
                built += 1
            except IntegrityError:
                pass  # already built, by an earlier run or another process
    return built


def _claimable(now: datetime):
    return or_(
        (Message.status == "pending") & (Message.next_attempt_at <= now),
        (Message.status == "sending") & (Message.claim_expires_at <= now),
    )


def deliver_due(app, transport, now: datetime, *, limit=50, worker="cli", lease=timedelta(minutes=5)) -> int:
    sent = 0
    with app.uow() as uow:
        ids = uow.session.execute(
            select(Message.id).where(_claimable(now)).order_by(Message.id).limit(limit)
        ).scalars().all()
    for message_id in ids:
        with app.uow() as uow:
            won = uow.session.execute(
                update(Message)
                .where(Message.id == message_id, _claimable(now))
                .values(status="sending", claimed_by=worker, claim_expires_at=now + lease,
                        attempts=Message.attempts + 1)
            ).rowcount
            if not won:
                continue
            message = uow.session.get(Message, message_id)
            uow.commit()  # expire_on_commit is off: `message` stays readable after the claim is committed
            try:
                smtp_id = transport.send(message)
            except (OSError, smtplib.SMTPException) as exc:
                uow.session.execute(
                    update(Message).where(Message.id == message_id)
                    .values(status="pending", next_attempt_at=now + timedelta(minutes=1), last_error=str(exc)[:200])
                )
                uow.commit()
                continue
            uow.session.execute(
                update(Message).where(Message.id == message_id)
                .values(status="sent", sent_at=now, smtp_message_id=smtp_id, claim_expires_at=None)
            )
            uow.commit()
            sent += 1
    return sent


class SmtpTransport:
    def __init__(self, host: str, port: int, mail_from: str):
        self.host, self.port, self.mail_from = host, port, mail_from

    def send(self, message: Message) -> str:
        email = EmailMessage()
        email["From"] = self.mail_from
        email["To"] = message.recipient
        email["Subject"] = message.subject
        email["Message-ID"] = f"<m{message.id}.{message.digest_key.replace(':', '.')}@tracker.test>"
        email.set_content(message.body_text)
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            smtp.send_message(email)
        return email["Message-ID"]


def make_transport(settings) -> SmtpTransport:
    if settings.smtp is None:
        raise AssertionError("the scheduler tests always configure an SMTP server")
    return SmtpTransport(settings.smtp.host, settings.smtp.port, settings.mail_from)


def install() -> None:
    """Put this module in place of tracker.reminders, in this process.

    Always, even once the real service exists: these tests are about the scheduler (restarts, kills, leases,
    outages), and their data (subscribers with a due slot) is what this stand-in turns into digests.
    """
    sys.modules["tracker.reminders"] = sys.modules[__name__]


@pytest.fixture
def reminders_service(monkeypatch):
    """This stand-in as `tracker.reminders` for one test; the jobs' cached wiring is dropped afterwards."""
    from tracker.scheduling import jobs

    monkeypatch.setitem(sys.modules, "tracker.reminders", sys.modules[__name__])
    yield sys.modules[__name__]
    jobs.forget_wiring()
