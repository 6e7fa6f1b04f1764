"""Secret calendar feed URLs: a token of 256 random bits per subscriber, stored only as its SHA-256 digest.

The plain token is returned once, when it is issued; afterwards nothing can print it again (rotate to get a
new one, which also revokes the old). A lookup hashes the presented token, finds the row by digest and
confirms it with a constant-time comparison, so response times say nothing about how close a guess was.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tracker.errors import InvalidInput
from tracker.store.schema.feeds import FeedToken
from tracker.store.schema.reminders import Subscriber

TOKEN_BYTES = 32  # 256 bits; the issue asks for at least 128
# token_urlsafe's alphabet; anything else is refused before the database is asked.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32,128}")


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def issue_feed_token(session: Session, subscriber: Subscriber, *, now: datetime, rotate: bool = False) -> str:
    """A new feed token for `subscriber` (the only time it exists in plain). Without `rotate`, a subscriber
    who already has one is refused: the stored digest cannot be turned back into the URL."""
    existing = session.get(FeedToken, subscriber.id)
    if existing is not None and not rotate:
        raise InvalidInput(
            f"{subscriber.email} already has a feed URL (issued {existing.created_at:%Y-%m-%d}); it is stored "
            "hashed and cannot be shown again: use --rotate for a new one (the old one stops working)"
        )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.execute(delete(FeedToken).where(FeedToken.subscriber_id == subscriber.id))
    session.add(FeedToken(subscriber_id=subscriber.id, token_sha256=token_digest(token), created_at=now))
    session.flush()
    return token


def subscriber_for_token(session: Session, token: str) -> int | None:
    """The id of the subscriber whose feed token this is, or None (unknown, revoked or malformed)."""
    if not _TOKEN_SHAPE.fullmatch(token or ""):
        return None
    digest = token_digest(token)
    row = session.execute(
        select(FeedToken.subscriber_id, FeedToken.token_sha256).where(FeedToken.token_sha256 == digest)
    ).first()
    if row is None or not hmac.compare_digest(row.token_sha256, digest):
        return None
    return row.subscriber_id
