"""Deliver the outbox: claim one message at a time with a conditional update, send it, record the result.

A claim is a lease: a sender that dies between claim and record leaves the message claimed until the lease
expires, and then any sender takes it again. A crash after the server's 250 reply but before the record is
the one window in which a message can go out twice; the stable Message-ID lets receivers spot it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from tracker.reminders.transport import TransportError
from tracker.store.schema.reminders import Message

log = logging.getLogger("tracker.delivery")

MAX_BACKOFF = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after each failed attempt, at most an hour."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def claimable(now: datetime):
    return or_(
        (Message.status == "pending") & (Message.next_attempt_at <= now),
        (Message.status == "sending") & (Message.claim_expires_at <= now),
    )


def claim_one(session: Session, now: datetime, worker: str, lease: timedelta) -> int | None:
    """Claim the next due message for `worker`; its id, or None when nothing is due. Commits the claim.

    One UPDATE ... WHERE id = (SELECT ... LIMIT 1) statement: atomic on SQLite (which takes the write lock
    for the statement) and, with FOR UPDATE SKIP LOCKED on PostgreSQL, two senders never wait on or take the
    same row. The claimable condition is repeated on the row so a lost race updates nothing.
    """
    pick = select(Message.id).where(claimable(now)).order_by(Message.next_attempt_at, Message.id).limit(1)
    if session.bind.dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    claimed = session.execute(
        update(Message)
        .where(Message.id == pick.scalar_subquery(), claimable(now))
        .values(status="sending", claimed_by=worker, claim_expires_at=now + lease, attempts=Message.attempts + 1)
        .returning(Message.id)
    ).scalar()
    session.commit()
    return claimed


def record(session: Session, message_id: int, worker: str, values: dict) -> None:
    # Only the current claim holder records: a sender whose lease expired and was re-claimed must not
    # overwrite the newer attempt's outcome.
    session.execute(
        update(Message).where(Message.id == message_id, Message.claimed_by == worker, Message.status == "sending").values(**values)
    )
    session.commit()


def deliver(session: Session, transport, now: datetime, *, limit: int, worker: str, lease: timedelta) -> int:
    """Send up to `limit` due messages; returns how many were sent."""
    sent = 0
    for _ in range(limit):
        message_id = claim_one(session, now, worker, lease)
        if message_id is None:
            break
        message = session.get(Message, message_id, populate_existing=True)
        # End the read transaction before the slow send: on SQLite a transaction that read and then writes is
        # refused outright ("database is locked") when another sender wrote in between.
        session.commit()
        try:
            smtp_id = transport.send(message)
        except TransportError as exc:
            if exc.permanent:
                log.warning("message %s to %s failed permanently: %s", message.id, message.recipient, exc)
                record(session, message_id, worker, {"status": "failed", "last_error": str(exc)[:500], "claim_expires_at": None})
            else:
                log.info("message %s to %s deferred: %s", message.id, message.recipient, exc)
                record(
                    session, message_id, worker,
                    {"status": "pending", "last_error": str(exc)[:500], "claim_expires_at": None,
                     "next_attempt_at": now + backoff(message.attempts)},
                )
            continue
        record(session, message_id, worker, {"status": "sent", "sent_at": now, "smtp_message_id": smtp_id, "claim_expires_at": None, "last_error": None})
        sent += 1
    return sent
