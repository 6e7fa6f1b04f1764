"""Deliver the outbox: claim a few messages at a time with one conditional update, send each, record each.

A claim is a lease that starts when the claim is made: a pass reads the clock for every batch it claims (the
pass clock below), never once for the whole pass, so a slow server or a run of time-outs cannot make a late
claim expire before it is even sent. A batch is small and sized so that it is sent within half its lease (the
pass measures its slowest send); should the server slow down after all, the unsent rest of the batch is
renewed before its lease runs out. A sender that dies between claim and record leaves its batch claimed until
the lease expires, and then any sender takes it again. Recording checks that the claim is still ours.

The one window in which a message can go out twice: a sender killed after the server accepted the message
(or while it was accepting it, after the end of DATA) and before the record. Each message is recorded on its
own, by one statement, as soon as the server answered, so at most one message per sender falls in it (the one
in flight); its stable Message-ID lets receivers spot the second copy. Chat and webhook messages (rows with a
channel) share the claims and the window: a post the service accepted just before the sender died goes out
again; a split message records how many parts are out whenever an attempt fails, so a retry starts at the
first part not posted.

Every statement here stands on its own (claim, renew, record, release), so the pass runs in a session whose
statements commit as they run (`app.uow(single_statements=True)`): one statement per message and one per
batch, no transaction held across a send.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import bindparam, column, func, literal_column, or_, select, update
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import TableClause

from tracker.clock import pass_clock
from tracker.reminders.transport import TransportError
from tracker.store.db import SINGLE_STATEMENT_OPTION
from tracker.store.schema.reminders import Channel, Message

log = logging.getLogger("tracker.delivery")

MAX_BACKOFF = timedelta(hours=1)
CLAIM_BATCH = 20  # most messages one claim takes: few statements per message, little held if the sender dies

_outbox = Message.__table__
_SENT_COLUMNS = ("id", "subscriber_id", "digest_key", "channel_id", "parts_sent", "recipient", "subject",
                 "body_text", "body_html", "attempts", "next_attempt_at", "unsubscribe_url")


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after each failed attempt, at most an hour."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def claimable(now: datetime, due_by: datetime | None = None, *, table=_outbox):
    """Waiting messages due by `due_by` (default `now`), or claims whose lease ran out by `now`.

    Due time and lease time are separate: `tracker digest send --as-of` a future day makes that day's
    messages due, but a live claim of another sender still expires on the real clock only. A caller that
    fixes `due_by` for a run also keeps the messages it deferred in that run from coming round again in it.
    """
    c = table.c
    return or_(
        (c.status == "pending") & (c.next_attempt_at <= (due_by or now)),
        (c.status == "sending") & (c.claim_expires_at <= now),
    )


class _SqliteNamed(TableClause):
    """The message table named in a FROM with an index clause on SQLite (other databases: its bare name).

    SQLite's planner, without ANALYZE statistics, looks both branches of the claimable OR up in
    ix_message_status_next_attempt_at, for the pick and again for the guard on the updated rows, and sorts
    every due row for each batch: at 10,000 due messages a claim took 95 ms, against 8 ms walking the partial
    index ix_message_due (which holds them in claim order) and updating the picked rows by rowid."""

    inherit_cache = True
    clause = ""


class _WalkedInClaimOrder(_SqliteNamed):
    inherit_cache = True
    clause = "INDEXED BY ix_message_due"


class _ByRowid(_SqliteNamed):  # NOT INDEXED still looks rows up by their INTEGER PRIMARY KEY
    inherit_cache = True
    clause = "NOT INDEXED"


@compiles(_WalkedInClaimOrder, "sqlite")
@compiles(_ByRowid, "sqlite")
def _with_index_clause(element, compiler, asfrom=False, **kw):
    name = compiler.visit_table(element, asfrom=asfrom, **kw)
    return f"{name} {element.clause}" if asfrom else name


_walked, _by_rowid = (kind(_outbox.name, *(column(c.name, c.type) for c in _outbox.c))
                      for kind in (_WalkedInClaimOrder, _ByRowid))


@dataclass
class Outgoing:
    """A claimed message as the transports read it (the stored row, plus its channel when it has one)."""

    id: int
    subscriber_id: int
    digest_key: str
    channel_id: int | None
    parts_sent: int
    recipient: str
    subject: str
    body_text: str
    body_html: str
    attempts: int  # attempts recorded before this one
    next_attempt_at: datetime
    unsubscribe_url: str | None = None  # the reader's one-click link, for the List-Unsubscribe header
    channel: object | None = None  # the channel's row (id, kind, url, label) for a chat or webhook message


def claim_batch(
    session: Session, now: datetime, worker: str, lease: timedelta, size: int, *, due_by: datetime | None = None
) -> list[Outgoing]:
    """Claim up to `size` due messages for `worker` until `now + lease`, oldest due first (the caller commits,
    or runs it in a single-statement session where it commits as it runs).

    One UPDATE ... RETURNING statement over the first `size` claimable ids: atomic on SQLite (a statement that
    writes holds the write lock from its start) and, with FOR UPDATE SKIP LOCKED on PostgreSQL, two senders
    never wait on or take the same row. The claimable condition is repeated on the rows so a lost race
    updates nothing. The channels of the batch's chat messages are read with one more statement.

    Taking a claim is not an attempt: attempts count answers (sent, deferred, failed) when they are recorded,
    so the claims of a sender that died, and a batch it never reached, do not lengthen the back-off.
    """
    if session.bind.dialect.name == "postgresql":
        # Picked once, in a materialised CTE: PostgreSQL may run an `IN (SELECT ... LIMIT n)` subquery again
        # for each row it updates, and so claim more than `size` rows.
        picked = (_pick(_outbox, now, due_by, size).with_for_update(skip_locked=True)
                  .cte("picked").prefix_with("MATERIALIZED"))
        target, which = _outbox, _outbox.c.id == picked.c.id
    else:  # SQLite runs the subquery once, into a temporary index
        target = _by_rowid
        which = target.c.id.in_(_pick(_walked, now, due_by, size))
    rows = session.execute(
        update(target)
        .where(which, claimable(now, due_by, table=target))
        .values(status="sending", claimed_by=worker, claim_expires_at=now + lease)
        .returning(*(target.c[name] for name in _SENT_COLUMNS))
    ).all()
    batch = sorted((Outgoing(**row._mapping) for row in rows), key=lambda m: (m.next_attempt_at, m.id))
    channel_ids = {m.channel_id for m in batch if m.channel_id is not None}
    if channel_ids:
        table = Channel.__table__
        channels = {c.id: c for c in session.execute(
            select(table.c.id, table.c.kind, table.c.url, table.c.label).where(table.c.id.in_(channel_ids)))}
        for message in batch:
            message.channel = channels.get(message.channel_id)
    return batch


def _pick(table, now: datetime, due_by: datetime | None, size: int):
    """The ids of the first `size` claimable messages in claim order. The status condition is implied by the
    claimable one, but written out, in the words of ix_message_due's own condition (literals: a bound
    parameter would not prove it), it lets the database walk that partial index in claim order and stop after
    `size` rows instead of sorting every due row for every batch."""
    to_send = table.c.status.in_([literal_column("'pending'"), literal_column("'sending'")])
    return (select(table.c.id).where(to_send, claimable(now, due_by, table=table))
            .order_by(table.c.next_attempt_at, table.c.id).limit(size))


def claim_one(
    session: Session, now: datetime, worker: str, lease: timedelta, *, due_by: datetime | None = None
) -> int | None:
    """Claim the next due message for `worker`; its id, or None when nothing is due. Commits the claim."""
    batch = claim_batch(session, now, worker, lease, 1, due_by=due_by)
    session.commit()
    return batch[0].id if batch else None


def _ours(ids, worker: str):
    return _outbox.c.id.in_(ids) & (_outbox.c.claimed_by == worker) & (_outbox.c.status == "sending")


def renew(db, ids: list[int], worker: str, until: datetime) -> set[int]:
    """Extend our claims on `ids` to `until`; the ids still ours (a claim that ran out may have been taken)."""
    return set(db.execute(
        update(_outbox).where(_ours(ids, worker)).values(claim_expires_at=until).returning(_outbox.c.id)
    ).scalars())


def release(db, ids: list[int], worker: str) -> None:
    """Give back claims we will not send in this pass (a stop request): due again at once, for any sender."""
    if ids:
        db.execute(update(_outbox).where(_ours(ids, worker))
                   .values(status="pending", claimed_by=None, claim_expires_at=None))


# The statement that records a message sent, built once: it runs once per message, and SQLAlchemy then only
# binds the values (no statement to build, no cache key to compute).
_RECORD_SENT = (
    update(_outbox)
    .where((_outbox.c.id == bindparam("message_id")) & (_outbox.c.claimed_by == bindparam("worker"))
           & (_outbox.c.status == "sending"))
    .values(status="sent", attempts=_outbox.c.attempts + 1, sent_at=bindparam("sent_at"),
            smtp_message_id=bindparam("smtp_id"), claim_expires_at=None, last_error=None)
)


def record_sent(db, message_id: int, worker: str, sent_at: datetime, smtp_id: str | None) -> bool:
    """Record that the server accepted our message; False when the claim is no longer ours. One statement,
    run as soon as the server answered, so a message sent is recorded before the next one goes out."""
    return bool(db.execute(_RECORD_SENT, {"message_id": message_id, "worker": worker, "sent_at": sent_at,
                                          "smtp_id": smtp_id}).rowcount)


def record(db, message_id: int, worker: str, values: dict) -> bool:
    """Store the outcome of our attempt, counting it; False when the claim is no longer ours (it expired and
    was taken). One statement."""
    return bool(db.execute(
        update(_outbox).where(_ours([message_id], worker)).values(attempts=_outbox.c.attempts + 1, **values)
    ).rowcount)


def next_batch_size(previous: int, slowest_send: float, lease: timedelta, left: int | None) -> int:
    """1, 2, 4 ... up to CLAIM_BATCH messages (a pass that finds one message claims one), but no more than are
    sent within half the lease at the slowest send seen so far, nor than are left of `limit`."""
    size = min(CLAIM_BATCH, previous * 2)
    if slowest_send > 0:
        size = min(size, int(lease.total_seconds() / 2 / slowest_send))
    size = max(size, 1)
    return size if left is None else min(size, left)


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
    on_done: Callable[[int], None] | None = None,
) -> DeliveryReport:
    """Send up to `limit` (None: every) claimable messages, each batch claimed as of the pass clock (which
    starts at `now`). `session` should commit each statement as it runs (`app.uow(single_statements=True)`).

    `due_by` lets a caller make messages due later than now (a digest sent for a future --as-of day); a
    deferred message is retried `backoff` after the later of the two, so the same run does not pick it again.
    `clock` continues a caller's pass clock across several calls. `on_done(n)` hears of every message
    attempted (sent, deferred or failed), for a progress bar.
    """
    options = session.get_bind().get_execution_options()
    if not (options.get(SINGLE_STATEMENT_OPTION) or options.get("isolation_level") == "AUTOCOMMIT"):
        raise ValueError("deliver() records each message as it goes: give it app.uow(single_statements=True)")
    clock = clock or pass_clock(now)
    report = DeliveryReport()
    done = 0
    size = slowest = 0
    batch: list[Outgoing] = []
    db = session.connection()  # one connection for the pass; each statement commits as it runs
    postgres = db.dialect.name == "postgresql"
    if postgres:
        # A commit that does not wait for its WAL to reach the disk (a record costs a third): as durable as
        # SQLite's WAL with synchronous=NORMAL, which every SQLite connection here uses. A sender's crash loses
        # nothing; a crash of the database server's machine may lose the last fraction of a second of records,
        # and those messages go out again after their lease, with the same Message-ID.
        db.exec_driver_sql("SET synchronous_commit TO off")
        # The claim's order is ix_message_due's (see claim_batch): without statistics yet (a table that compose
        # has just filled and autovacuum has not analysed) the planner would rather sort every due row for each
        # batch, which makes a pass quadratic in its messages. No statement of the pass needs a sort.
        db.exec_driver_sql("SET enable_sort TO off")
    try:
        while limit is None or done < limit:
            if should_stop is not None and should_stop():
                break  # a stop request waits for the message in flight only
            if not batch:
                size = next_batch_size(size, slowest, lease, None if limit is None else limit - done)
                claimed_at = clock()
                batch = claim_batch(session, claimed_at, worker, lease, size, due_by=due_by)
                expires = claimed_at + lease
                if not batch:
                    break
            elif clock() >= expires - lease / 2:
                # The server is slower than the batch was sized for: keep the rest of the batch ours.
                renewed_at = clock()
                kept = renew(db, [m.id for m in batch], worker, renewed_at + lease)
                batch = [m for m in batch if m.id in kept]
                expires = renewed_at + lease
                continue
            message = batch.pop(0)
            started = clock()
            _attempt(db, transport, message, worker, lease, report, clock, due_by or claimed_at)
            slowest = max(slowest, (clock() - started).total_seconds())
            done += 1
            if on_done is not None:
                on_done(1)
    finally:
        if batch:  # stopped (or failed) with claims not sent: give them back rather than hold them a lease
            try:
                release(db, [m.id for m in batch], worker)
            except Exception:  # noqa: BLE001 - the database went away: the claims then run out on their own
                log.warning("could not release %d claimed messages; they are retried once their claim runs out",
                            len(batch))
        if postgres:
            try:
                db.exec_driver_sql("RESET synchronous_commit")  # the connection goes back to the pool
                db.exec_driver_sql("RESET enable_sort")
            except Exception:  # noqa: BLE001 - a broken connection is discarded by the pool anyway
                pass
    session.commit()
    report.held_elsewhere = held_elsewhere(session, clock(), worker)
    return report


def _attempt(db, transport, message: Outgoing, worker: str, lease: timedelta, report: DeliveryReport,
             clock, not_before: datetime) -> None:
    """Send one claimed message and record the answer with one statement."""
    try:
        smtp_id = transport.send(message)  # a Dispatch sends email by SMTP and channel messages by HTTP
    except TransportError as exc:
        reason = str(exc)[:500]
        progress = {} if exc.parts_sent is None else {"parts_sent": exc.parts_sent}
        if exc.permanent:
            log.warning("message %s to %s failed permanently: %s", message.id, message.recipient, reason)
            if record(db, message.id, worker, {"status": "failed", "last_error": reason, "claim_expires_at": None,
                                                    **progress}):
                report.failed.append((message.recipient, reason))
        else:
            # The server's Retry-After, when it gave one, is the next attempt time; else our back-off.
            wait = exc.retry_after if exc.retry_after is not None else backoff(message.attempts + 1)
            retry_at = max(clock(), not_before) + wait
            log.info("message %s to %s deferred until %s: %s", message.id, message.recipient, retry_at, reason)
            values = {"status": "pending", "last_error": reason, "claim_expires_at": None, "next_attempt_at": retry_at,
                      **progress}
            if record(db, message.id, worker, values):
                report.deferred.append((message.recipient, retry_at, reason))
        return
    if record_sent(db, message.id, worker, clock(), smtp_id):
        report.sent += 1
    else:
        # Our lease ran out while the server took its time and another sender re-claimed the message:
        # it may go out twice. Said loudly, because the lease is too short for this server.
        report.lost_claims += 1
        log.warning("message %s to %s was sent but its claim had expired (lease %s too short?)",
                    message.id, message.recipient, lease)


def held_elsewhere(session: Session, now: datetime, worker: str) -> int:
    """Messages claimed by another sender whose lease has not run out."""
    count = session.execute(
        select(func.count()).select_from(Message).where(
            Message.status == "sending", Message.claim_expires_at > now, Message.claimed_by != worker
        )
    ).scalar_one()
    session.commit()
    return count
