"""One-click unsubscribe links (RFC 8058): `TRACKER_BASE_URL/unsubscribe/TOKEN`, in each digest's body and in
its List-Unsubscribe header.

The token is the subscriber's id and an HMAC of it (and the address) under a random key this installation
keeps in the database (`site_key`), so every process on the database signs and checks alike and nothing per
subscriber has to be stored. The key never leaves the database: not printed, logged or exported. A link
stops working when the subscriber is removed (and its address or id changes), never pauses someone else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from datetime import datetime
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.store.schema.feeds import SiteKey
from tracker.store.schema.reminders import Subscriber

KEY_NAME = "unsubscribe"
_TOKEN = re.compile(r"(?P<id>[1-9][0-9]{0,18})\.(?P<mac>[A-Za-z0-9_-]{32})")


def site_secret(session: Session, now: datetime | None) -> bytes | None:
    """The signing key, made at random the first time a digest needs it (two processes at once: one insert
    wins); with `now` None it is only read (None: no link was ever made)."""
    row = session.get(SiteKey, KEY_NAME)
    if row is None and now is None:
        return None
    if row is None:
        dialect = session.bind.dialect.name
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        session.execute(insert(SiteKey).values(name=KEY_NAME, secret=secrets.token_hex(32), created_at=now)
                        .on_conflict_do_nothing())
        row = session.get(SiteKey, KEY_NAME, populate_existing=True)
    return bytes.fromhex(row.secret)


def _mac(secret: bytes, subscriber_id: int, address: str | None) -> str:
    digest = hmac.new(secret, f"unsubscribe:{subscriber_id}:{(address or '').lower()}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:32]


def unsubscribe_token(secret: bytes, subscriber_id: int, address: str | None) -> str:
    return f"{subscriber_id}.{_mac(secret, subscriber_id, address)}"


def unsubscribe_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/unsubscribe/{quote(token, safe='.')}"


def subscriber_for_unsubscribe_token(session: Session, secret: bytes | None, token: str) -> Subscriber | None:
    """The subscriber this link was made for, or None (malformed, forged, or the subscriber is gone)."""
    m = _TOKEN.fullmatch(token or "")
    if m is None or secret is None:
        return None
    subscriber = session.get(Subscriber, int(m["id"]))
    if subscriber is None:
        return None
    expected = _mac(secret, subscriber.id, subscriber.email)
    return subscriber if hmac.compare_digest(expected, m["mac"]) else None


def unsubscribe(session: Session, subscriber: Subscriber) -> bool:
    """Pause the subscriber's digests (reversible with `tracker subscribers resume`). True if it changed."""
    if subscriber.paused:
        return False
    subscriber.paused = True
    return True
