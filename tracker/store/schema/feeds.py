"""Calendar feed tokens: one secret URL per subscriber, kept only as a SHA-256 digest (ORM class mapped onto
tracker.store.schema.tables.feed_token)."""

from __future__ import annotations

from tracker.store.schema import tables
from tracker.store.schema.base import Base


class FeedToken(Base):
    __table__ = tables.feed_token
