"""Calendar feed tokens: one secret URL per subscriber, kept only as a SHA-256 digest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.store.schema.base import Base, UTCDateTime


class FeedToken(Base):
    """The digest of a subscriber's feed token. The token itself is shown once and never stored, so neither a
    database dump nor `tracker export` can reveal it; rotating replaces the row and the old URL stops working."""

    __tablename__ = "feed_token"

    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscriber.id", ondelete="CASCADE"), primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SiteKey(Base):
    """A secret this installation signs links with (one-click unsubscribe), made at random on first use and
    shared by every process on the database. Never printed, logged or exported."""

    __tablename__ = "site_key"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    secret: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
