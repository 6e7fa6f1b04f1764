"""Subscribers, their subscriptions, the notices armed for them, and the delivery outbox: the ORM classes
mapped onto the Core tables of tracker.store.schema.tables."""

from __future__ import annotations

from sqlalchemy.orm import Mapped, relationship

from tracker.store.schema import tables
from tracker.store.schema.base import Base
from tracker.store.schema.tables import CHANNEL_KINDS, MESSAGE_STATUSES, NOTICE_KINDS  # noqa: F401  (re-exported)


class Subscriber(Base):
    __table__ = tables.subscriber

    subscriptions: Mapped[list[Subscription]] = relationship(
        back_populates="subscriber", cascade="all, delete-orphan"
    )
    channels: Mapped[list[Channel]] = relationship(
        back_populates="subscriber", cascade="all, delete-orphan", order_by="Channel.id"
    )

    @property
    def handle(self) -> str:
        """How commands and listings name the subscriber: the email address, else the name."""
        return self.email or self.name or f"#{self.id}"


class Channel(Base):
    __table__ = tables.channel

    subscriber: Mapped[Subscriber] = relationship(back_populates="channels")

    def __repr__(self) -> str:  # the default repr would print the url
        return f"Channel(id={self.id!r}, kind={self.kind!r}, label={self.label!r})"


class Subscription(Base):
    __table__ = tables.subscription

    subscriber: Mapped[Subscriber] = relationship(back_populates="subscriptions")


class Notice(Base):
    __table__ = tables.notice


class Message(Base):
    __table__ = tables.message

    channel: Mapped[Channel | None] = relationship(lazy="joined")
