"""Deliver the outbox: claim one message at a time with a conditional update, send it, record the result.

A claim is a lease that starts when the claim is made: a pass reads the clock for every claim (the pass clock
below), never once for the whole pass, so a slow server or a run of time-outs cannot make a late claim expire
before it is even sent. A sender that dies between claim and record leaves the message claimed until the lease
expires, and then any sender takes it again. Recording checks that the claim is still ours.

The one window in which a message can go out twice: a sender killed after the server accepted the message
(or while it was accepting it, after the end of DATA) and before the record. At most one message per sender
falls in it (the one in flight); its stable Message-ID lets receivers spot the second copy. Chat and webhook
messages (rows with a channel) share the claims and the window: a post the service accepted just before the
sender died goes out again; a split message records how many parts are out whenever an attempt fails, so a
retry starts at the first part not posted.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.orm import Session

from tracker.clock import pass_clock
from tracker.reminders.transport import TransportError
from tracker.store.schema.reminders import Message

log = logging.getLogger("tracker.delivery")

MAX_BACKOFF = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after each failed attempt, at most an hour."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def claimable(now: datetime, due_by: datetime | None = None):
    """Waiting messages due by `due_by` (default `now`), or claims whose lease ran out by `now`.

    Due time and lease time are separate: `tracker digest send --as-of` a future day makes that day's
    messages due, but a live claim of another sender still expires on the real clock only. A caller that
    fixes `due_by` for a run also keeps the messages it deferred in that run from coming round again in it.
    """
    return or_(
        (Message.status == "pending") & (Message.next_attempt_at <= (due_by or now)),
        (Message.status == "sending") & (Message.claim_expires_at <= now),
    )


def claim_one(
    session: Session, now: datetime, worker: str, lease: timedelta, *, due_by: datetime | None = None
) -> int | None:
    """Claim the next due message for `worker`; its id, or None when nothing is due. Commits the claim.

    One UPDATE ... WHERE id = (SELECT ... LIMIT 1) statement: atomic on SQLite (a write transaction, BEGIN
    IMMEDIATE) and, with FOR UPDATE SKIP LOCKED on PostgreSQL, two senders never wait on or take the same
    row. The claimable condition is repeated on the row so a lost race updates nothing.

    A claim taken over from a sender whose lease ran out does not count as another attempt: that sender most
    likely died, and counting it would double the first back-off after a crash.
    """
    pick = (
        select(Message.id)
        .where(claimable(now, due_by))
        .order_by(Message.next_attempt_at, Message.id)
        .limit(1)
    )
    if session.bind.dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    claimed = session.execute(
        update(Message)
        .where(Message.id == pick.scalar_subquery(), claimable(now, due_by))
        .values(
            status="sending",
            claimed_by=worker,
            claim_expires_at=now + lease,
            attempts=Message.attempts + case((Message.status == "pending", 1), else_=0),
        )
        .returning(Message.id)
    ).scalar()
    session.commit()
    return claimed


def record(session: Session, message_id: int, worker: str, values: dict) -> bool:
    """Store the outcome of our attempt; False when the claim is no longer ours (it expired and was taken)."""
    updated = session.execute(
        update(Message)
        .where(Message.id == message_id, Message.claimed_by == worker, Message.status == "sending")
        .values(**values)
    ).rowcount
    session.commit()
    return bool(updated)


@dataclass
class DeliveryReport:
    """What a delivery run did, for the summary line and the exit code."""

    sent: int = 0
    deferred: list[tuple[str, datetime, str]] = field(default_factory=list)  # recipient, retry at, reason
    failed: list[tuple[str, str]] = field(default_factory=list)  # recipient, reason
    lost_claims: int = 0  # sent, but the claim had been taken over before we could record it
    held_elsewhere: int = 0  # claimed by another sender and not expired when we stopped


def deliver(
    session: Session,
    transport,
    now: datetime,
    *,
    limit: int | None,
    worker: str,
    lease: timedelta,
    due_by: datetime | None = None,
    clock: Callable[[], datetime] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> DeliveryReport:
    """Send up to `limit` (None: every) claimable messages, each claimed as of the pass clock (which starts at `now`).

    `due_by` lets a caller make messages due later than now (a digest sent for a future --as-of day); a
    deferred message is retried `backoff` after the later of the two, so the same run does not pick it again.
    `clock` continues a caller's pass clock across several calls.
    """
    clock = clock or pass_clock(now)
    report = DeliveryReport()
    for _ in range(limit) if limit is not None else itertools.count():
        if should_stop is not None and should_stop():
            break  # a stop request waits for the message in flight only
        claimed_at = clock()
        message_id = claim_one(session, claimed_at, worker, lease, due_by=due_by)
        if message_id is None:
            break
        message = session.get(Message, message_id, populate_existing=True)  # with its channel, if any
        session.commit()  # no transaction stays open across the slow send
        try:
            smtp_id = transport.send(message)  # a Dispatch sends email by SMTP and channel messages by HTTP
        except TransportError as exc:
            reason = str(exc)[:500]
            progress = {} if exc.parts_sent is None else {"parts_sent": exc.parts_sent}
            if exc.permanent:
                log.warning("message %s to %s failed permanently: %s", message.id, message.recipient, reason)
                if record(session, message_id, worker, {"status": "failed", "last_error": reason, "claim_expires_at": None, **progress}):
                    report.failed.append((message.recipient, reason))
            else:
                # The server's Retry-After, when it gave one, is the next attempt time; else our back-off.
                wait = exc.retry_after if exc.retry_after is not None else backoff(message.attempts)
                retry_at = max(clock(), due_by or claimed_at) + wait
                log.info("message %s to %s deferred until %s: %s", message.id, message.recipient, retry_at, reason)
                values = {"status": "pending", "last_error": reason, "claim_expires_at": None, "next_attempt_at": retry_at,
                          **progress}
                if record(session, message_id, worker, values):
                    report.deferred.append((message.recipient, retry_at, reason))
            continue
        values = {"status": "sent", "sent_at": clock(), "smtp_message_id": smtp_id, "claim_expires_at": None, "last_error": None}
        if record(session, message_id, worker, values):
            report.sent += 1
        else:
            # Our lease ran out while the server took its time and another sender re-claimed the message:
            # it may go out twice. Said loudly, because the lease is too short for this server.
            report.lost_claims += 1
            log.warning("message %s to %s was sent but its claim had expired (lease %s too short?)",
                        message.id, message.recipient, lease)
    report.held_elsewhere = held_elsewhere(session, clock(), worker)
    return report


def held_elsewhere(session: Session, now: datetime, worker: str) -> int:
    """Messages claimed by another sender whose lease has not run out."""
    count = session.execute(
        select(func.count()).select_from(Message).where(
            Message.status == "sending", Message.claim_expires_at > now, Message.claimed_by != worker
        )
    ).scalar_one()
    session.commit()
    return count
