"""Calendar feed tokens (one secret URL per subscriber, kept only as a SHA-256 digest) and the site's signing
keys: ORM classes mapped onto the Core tables of tracker.store.schema.tables."""

from __future__ import annotations

from tracker.store.schema import tables
from tracker.store.schema.base import Base


class FeedToken(Base):
    __table__ = tables.feed_token


class SiteKey(Base):
    __table__ = tables.site_key
