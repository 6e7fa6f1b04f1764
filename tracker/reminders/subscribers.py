"""Subscriber management: validated before anything is written, all or nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.config import load_zone
from tracker.errors import InvalidInput, NotFound
from tracker.store.queries import resolve_agency, resolve_policy
from tracker.store.schema.reminders import Channel, Subscriber, Subscription

KINDS = ("expiry", "target", "milestone", "check", "new", "repeal")


def normalise_email(address: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidInput(f"email {address!r}: {exc}") from None


def add_subscriber(
    session: Session,
    email: str,
    *,
    now: datetime,
    name: str | None = None,
    agencies: list[str] = (),
    policies: list[str] = (),
    kinds: list[str] = (),
    language: str = "zh",
    frequency: str = "daily",
    timezone: str = "Asia/Shanghai",
    channels: list[str] = (),
) -> Subscriber:
    """Subscribe an email address, or a plain name with --channel (a team's group chat needs no email)."""
    if "@" in email:
        address: str | None = normalise_email(email)
    else:
        address, name = None, (name or email).strip()
        if not channels:
            raise InvalidInput(f"email {email!r}: not an email address (a subscriber without email needs --channel URL)")
        if not name:
            raise InvalidInput("NAME: empty")
    if language not in ("zh", "en"):
        raise InvalidInput(f"--language: expected zh or en, got {language!r}")
    if frequency not in ("daily", "weekly"):
        raise InvalidInput(f"--frequency: expected daily or weekly, got {frequency!r}")
    load_zone(timezone, "--timezone")
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise InvalidInput(f"--kind: expected {', '.join(KINDS)}, got {bad[0]!r}")
    specs = parse_channels(channels)
    conn = session.connection()
    agency_ids = [aid for name_ in agencies for aid in resolve_agency(conn, name_)]
    policy_ids = [resolve_policy(conn, ref) for ref in policies]
    if address is not None and session.scalar(select(Subscriber.id).where(Subscriber.email == address)) is not None:
        raise InvalidInput(f"{address} is already subscribed (remove it first, or use pause/resume)")
    if address is None and session.scalar(select(Subscriber.id).where(Subscriber.name == name)) is not None:
        raise InvalidInput(f"NAME {name!r}: a subscriber of that name exists (remove it first, or use add-channel)")
    sub = Subscriber(email=address, name=name, language=language, frequency=frequency, timezone=timezone,
                     paused=False, created_at=now)
    session.add(sub)
    session.flush()
    kind_text = ",".join(sorted(set(kinds)))
    scopes = [("agency", a, None) for a in sorted(set(agency_ids))] + [("policy", None, p) for p in sorted(set(policy_ids))]
    for scope, agency_id, policy_id in scopes or [("all", None, None)]:
        session.add(Subscription(subscriber_id=sub.id, scope=scope, agency_id=agency_id, policy_id=policy_id, kinds=kind_text))
    _store_channels(session, sub, specs, now)
    session.flush()
    return sub


def parse_channels(urls) -> list[tuple[str, object]]:
    """(url, ChannelSpec) for each --channel, or InvalidInput naming the first bad one (never echoing it)."""
    from tracker.channels import parse_channel

    specs = []
    for number, url in enumerate(urls, 1):
        try:
            specs.append((url.strip(), parse_channel(url)))
        except ValueError as exc:
            which = f"--channel #{number}" if len(urls) > 1 else "--channel"
            raise InvalidInput(f"{which}: {exc}") from None
    return specs


def _store_channels(session: Session, sub: Subscriber, specs, now: datetime) -> list[Channel]:
    known = set(session.scalars(select(Channel.url).where(Channel.subscriber_id == sub.id))) if sub.id else set()
    added = []
    for url, spec in specs:
        if url in known:
            raise InvalidInput(f"--channel: {spec.label} is already a channel of {sub.handle}")
        known.add(url)
        channel = Channel(subscriber_id=sub.id, kind=spec.kind, url=url, label=spec.label, paused=False, created_at=now)
        session.add(channel)
        added.append(channel)
    return added


def add_channels(session: Session, who: str, urls: list[str], *, now: datetime) -> tuple[Subscriber, list[Channel]]:
    """More channels for an existing subscriber."""
    specs = parse_channels(urls)
    try:
        sub = find_subscriber(session, who)
    except NotFound as exc:
        raise InvalidInput(f"NAME: {exc}") from None  # bad input to this command, like a bad URL: exit 4
    added = _store_channels(session, sub, specs, now)
    session.flush()
    return sub, added


def find_subscriber(session: Session, who: str) -> Subscriber:
    """A subscriber by email address, or by name (a channel-only subscriber has no address)."""
    address = who.strip()
    sub = session.scalar(select(Subscriber).where(Subscriber.email == address))
    if sub is None and "@" not in address:
        named = list(session.scalars(select(Subscriber).where(Subscriber.name == address).limit(2)))
        if len(named) > 1:
            raise InvalidInput(f"{address!r} names several subscribers; use the email address")
        sub = named[0] if named else None
    if sub is None and "@" in address:
        try:
            address = normalise_email(who)
        except InvalidInput:
            raise NotFound(f"no subscriber {who!r}") from None
        sub = session.scalar(select(Subscriber).where(Subscriber.email == address))
    if sub is None:
        raise NotFound(f"no subscriber {who!r} (see `tracker subscribers list`)")
    return sub


def channel_of(session: Session, sub: Subscriber, channel_id: int) -> Channel:
    """One of the subscriber's channels by its number (shown as #N by `subscribers list`)."""
    channel = session.get(Channel, channel_id)
    if channel is None or channel.subscriber_id != sub.id:
        raise NotFound(f"{sub.handle} has no channel #{channel_id} (see `tracker subscribers list`)")
    return channel
