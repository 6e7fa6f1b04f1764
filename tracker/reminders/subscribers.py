"""Subscriber management: validated before anything is written, all or nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.config import load_zone
from tracker.errors import InvalidInput, NotFound
from tracker.store.queries import resolve_agency, resolve_policy
from tracker.store.schema.reminders import Subscriber, Subscription

KINDS = ("expiry", "target", "check", "new", "repeal")


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
) -> Subscriber:
    address = normalise_email(email)
    if language not in ("zh", "en"):
        raise InvalidInput(f"--language: expected zh or en, got {language!r}")
    if frequency not in ("daily", "weekly"):
        raise InvalidInput(f"--frequency: expected daily or weekly, got {frequency!r}")
    load_zone(timezone, "--timezone")
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise InvalidInput(f"--kind: expected {', '.join(KINDS)}, got {bad[0]!r}")
    conn = session.connection()
    agency_ids = [aid for name_ in agencies for aid in resolve_agency(conn, name_)]
    policy_ids = [resolve_policy(conn, ref) for ref in policies]
    if session.scalar(select(Subscriber.id).where(Subscriber.email == address)) is not None:
        raise InvalidInput(f"{address} is already subscribed (remove it first, or use pause/resume)")
    sub = Subscriber(email=address, name=name, language=language, frequency=frequency, timezone=timezone,
                     paused=False, created_at=now)
    session.add(sub)
    session.flush()
    kind_text = ",".join(sorted(set(kinds)))
    scopes = [("agency", a, None) for a in sorted(set(agency_ids))] + [("policy", None, p) for p in sorted(set(policy_ids))]
    for scope, agency_id, policy_id in scopes or [("all", None, None)]:
        session.add(Subscription(subscriber_id=sub.id, scope=scope, agency_id=agency_id, policy_id=policy_id, kinds=kind_text))
    session.flush()
    return sub


def find_subscriber(session: Session, email: str) -> Subscriber:
    address = email.strip()
    sub = session.scalar(select(Subscriber).where(Subscriber.email == address))
    if sub is None:
        try:
            address = normalise_email(email)
        except InvalidInput:
            raise NotFound(f"no subscriber {email!r}") from None
        sub = session.scalar(select(Subscriber).where(Subscriber.email == address))
    if sub is None:
        raise NotFound(f"no subscriber {email!r} (see `tracker subscribers list`)")
    return sub
