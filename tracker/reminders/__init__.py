"""Reminders: notices armed per subscriber, digests composed from them, and the delivery outbox.

The service functions below are what the CLI (`tracker digest send`) and the scheduler's jobs call; each
takes the wired App and one `now` read by its caller.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from tracker.reminders.transport import TransportError, make_transport

COMPOSE_BATCH = 1000  # subscribers per read/write round: bounded memory, a fixed number of statements each

__all__ = ["arm_notices", "compose_digests", "deliver_due", "preview_digests", "make_transport", "send_test",
           "TransportError"]


def arm_notices(app, now: datetime) -> int:
    """Write the notice rows due as of `now` for every active subscriber; returns rows added."""
    from tracker.domain.notices import rules_from_env
    from tracker.reminders.arming import arm

    rules = rules_from_env(app.settings.env)
    with app.uow() as uow:
        added = arm(uow.session, now, rules)
        uow.commit()
    return added


def compose_digests(
    app, now: datetime, *, ignore_time: bool = False, send_at: time = time(8, 30), weekday: int = 0
) -> int:
    """One digest per subscriber whose slot is due and who has unsent notices, as one message for the email
    address and one per active channel; returns messages queued."""
    from sqlalchemy import select

    from tracker.domain.notices import digest_slot
    from tracker.reminders.digest import compose_batch, store_batch
    from tracker.reminders.render import Renderer
    from tracker.store.schema.reminders import Subscriber

    renderer = Renderer(base_url=app.settings.env.get("TRACKER_BASE_URL"))
    unsubscribe_link = None
    if renderer.base_url:
        # Digests carry a one-click unsubscribe link when `tracker serve` is reachable at TRACKER_BASE_URL.
        from tracker.reminders.unsubscribe import site_secret, unsubscribe_token, unsubscribe_url

        with app.uow() as uow:
            secret = site_secret(uow.session, now)
            uow.commit()

        def unsubscribe_link(subscriber_id: int, address: str | None) -> str:
            return unsubscribe_url(renderer.base_url, unsubscribe_token(secret, subscriber_id, address))
    with app.uow(read_only=True) as uow:
        subscribers = uow.session.execute(
            select(Subscriber.id, Subscriber.frequency, Subscriber.timezone, Subscriber.created_at)
            .where(Subscriber.paused.is_(False))
            .order_by(Subscriber.id)
        ).all()
    due = {}
    for sub in subscribers:
        key = digest_slot(sub.frequency, ZoneInfo(sub.timezone), now, send_at=send_at, weekday=weekday,
                          ignore_time=ignore_time, since=sub.created_at)
        if key is not None:
            due[sub.id] = key
    queued = 0
    ids = list(due)
    for start in range(0, len(ids), COMPOSE_BATCH):
        chunk = {i: due[i] for i in ids[start:start + COMPOSE_BATCH]}
        # Read and render in one transaction, then write in another that starts with its INSERT: on SQLite a
        # transaction that read and then writes is refused outright when another process wrote in between.
        with app.uow(read_only=True) as uow:
            composed = compose_batch(uow.session, chunk, now, renderer, unsubscribe_link)
        with app.uow() as uow:
            queued += store_batch(uow.session, composed)
            uow.commit()
    return queued


def preview_digests(app, now: datetime, subscriber_ids: list[int] | None = None) -> list[tuple[str, object]]:
    """(email or name, DigestView) for every digest that would be composed as of `now`. Arms notices in a transaction
    that is rolled back, so it records nothing."""
    from sqlalchemy import select

    from tracker.domain.notices import rules_from_env
    from tracker.reminders.arming import arm
    from tracker.reminders.digest import pending_views
    from tracker.store.schema.reminders import Subscriber

    with app.uow() as uow:  # never committed
        arm(uow.session, now, rules_from_env(app.settings.env), subscriber_ids)
        query = select(Subscriber.id).where(Subscriber.paused.is_(False))
        if subscriber_ids is not None:
            query = query.where(Subscriber.id.in_(subscriber_ids))
        views = pending_views(uow.session, list(uow.session.scalars(query)), now)
        return sorted(((sub.handle, view) for sub, _, view in views), key=lambda pair: pair[0])


def deliver_due(
    app,
    transport,
    now: datetime,
    *,
    limit: int | None = 50,
    worker: str = "cli",
    lease: timedelta = timedelta(minutes=5),
    due_by: datetime | None = None,
    clock=None,
    should_stop=None,
    on_done=None,
):
    """Send up to `limit` claimable messages through `transport` over one connection; a DeliveryReport.

    `now` starts the pass clock (each claim reads it, so its lease runs from the moment it is made); `due_by`
    makes messages due up to a later day (see delivery.deliver); `on_done(n)` hears of each message attempted.
    """
    from tracker.reminders.delivery import deliver

    # Claims and records are single statements that must each be committed at once (a record as soon as
    # the server answered): no BEGIN/COMMIT round trips around them.
    with app.uow(single_statements=True) as uow, transport:
        return deliver(uow.session, transport, now, limit=limit, worker=worker, lease=lease, due_by=due_by,
                       clock=clock, should_stop=should_stop, on_done=on_done)


def count_due(app, now: datetime, due_by: datetime | None = None) -> int:
    """Messages a delivery pass starting at `now` would find claimable (for a progress bar's total)."""
    from sqlalchemy import func, select

    from tracker.reminders.delivery import claimable
    from tracker.store.schema.reminders import Message

    with app.uow(read_only=True) as uow:
        return uow.session.execute(
            select(func.count()).select_from(Message.__table__).where(claimable(now, due_by))
        ).scalar_one()


TEST_TEXT = {
    "zh": ("合规提醒测试", "这是合规期限跟踪系统的测试消息：此渠道今后将收到提醒摘要。"),
    "en": ("Compliance tracker test", "A test message from the compliance deadline tracker: this channel will receive its digests."),
}


def send_test(app, transport, who: str, now: datetime) -> list[tuple[str, str | None]]:
    """Send a short test message now to the subscriber's email address and each of its channels, recording
    nothing; (where, None) for each delivery, (where, reason) for each failure."""
    import json
    from types import SimpleNamespace

    from tracker.reminders.chat import format_for
    from tracker.reminders.subscribers import find_subscriber

    with app.uow(read_only=True) as uow:
        sub = find_subscriber(uow.session, who)
        channels = [c for c in sub.channels if not c.paused]
        uow.session.expunge_all()
    subject, text = TEST_TEXT.get(sub.language, TEST_TEXT["zh"])
    key = f"test:{now:%Y%m%dT%H%M%S}"
    messages = []
    if sub.email:
        messages.append(SimpleNamespace(id=0, digest_key=key, recipient=sub.email, subject=subject, body_text=text,
                                        body_html=f"<p>{text}</p>", channel_id=None, channel=None))
    for channel in channels:
        body = f"**{subject}**\n{text}" if format_for(channel.kind).style == "md" else f"{subject}\n{text}"
        messages.append(SimpleNamespace(id=0, digest_key=key, recipient=channel.label, subject=subject,
                                        body_text=json.dumps([body], ensure_ascii=False), body_html="",
                                        channel_id=channel.id, channel=channel))
    results = []
    with transport:
        for message in messages:
            try:
                transport.send(message)
                results.append((message.recipient, None))
            except TransportError as exc:
                results.append((message.recipient, str(exc)))
    return results
