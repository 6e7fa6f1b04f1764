"""Subscribers, their subscriptions, the notices armed for them, and the delivery outbox."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.store.schema.base import Base, UTCDateTime
from tracker.store.schema.policies import _in

NOTICE_KINDS = ("expiry", "target", "check", "date_change", "new", "repeal")
MESSAGE_STATUSES = ("pending", "sending", "sent", "failed")
CHANNEL_KINDS = ("wecom", "dingtalk", "feishu", "lark", "slack", "msteams", "json")


class Subscriber(Base):
    __tablename__ = "subscriber"
    __table_args__ = (
        CheckConstraint(_in("language", ("zh", "en")), name="language"),
        CheckConstraint(_in("frequency", ("daily", "weekly")), name="frequency"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(320), unique=True)  # None: a channel-only subscriber
    name: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="zh", server_default="zh")
    frequency: Mapped[str] = mapped_column(String(8), default="daily", server_default="daily")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai", server_default="Asia/Shanghai")
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

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
    """A chat or webhook destination of a subscriber (WeCom, DingTalk, Feishu/Lark, Slack, Teams, JSON).

    `url` holds the webhook key, token or signing secret and is read only by the channel's client; every
    listing, log line and error shows `label`, the masked form made when the channel was added.
    """

    __tablename__ = "channel"
    __table_args__ = (
        CheckConstraint(_in("kind", CHANNEL_KINDS), name="kind"),
        UniqueConstraint("subscriber_id", "url"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscriber.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    url: Mapped[str] = mapped_column(Text)  # secret: never shown, logged or exported
    label: Mapped[str] = mapped_column(Text)  # the masked URL
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    subscriber: Mapped[Subscriber] = relationship(back_populates="channels")

    def __repr__(self) -> str:  # the default repr would print the url
        return f"Channel(id={self.id!r}, kind={self.kind!r}, label={self.label!r})"


class Subscription(Base):
    """What a subscriber hears about: everything, one agency's measures, or one policy; optionally some kinds."""

    __tablename__ = "subscription"
    __table_args__ = (
        CheckConstraint(_in("scope", ("all", "agency", "policy")), name="scope"),
        UniqueConstraint("subscriber_id", "scope", "agency_id", "policy_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscriber.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(8))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"), index=True)
    policy_id: Mapped[int | None] = mapped_column(ForeignKey("policy.id", ondelete="CASCADE"), index=True)
    kinds: Mapped[str] = mapped_column(Text, default="", server_default="")  # comma list; empty = all kinds

    subscriber: Mapped[Subscriber] = relationship(back_populates="subscriptions")


class Notice(Base):
    """One reminder for one subscriber about one dated item, armed (written) before anything is sent.

    The unique key (subscriber, kind, item, the item's date, rule) makes arming idempotent, and including the
    item's date means a moved date arms fresh notices while the old ones stay as history.
    """

    __tablename__ = "notice"
    __table_args__ = (
        CheckConstraint(_in("kind", NOTICE_KINDS), name="kind"),
        UniqueConstraint("subscriber_id", "kind", "item_id", "item_date", "rule"),
        Index("ix_notice_subscriber_id_message_id", "subscriber_id", "message_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscriber.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[int] = mapped_column(Integer)  # policy id (expiry) or target id (target, check)
    item_date: Mapped[date] = mapped_column(Date)  # the date the notice is about
    rule: Mapped[str] = mapped_column(String(32))  # e.g. "before:90", "lapsed", "overdue:2", "changed"
    fires_on: Mapped[date] = mapped_column(Date)  # the day the rule says it is due
    armed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("message.id", ondelete="SET NULL"))


class Message(Base):
    """The delivery outbox: one digest, rendered and stored before it is sent, claimed by one sender.

    An email when `channel_id` is None, else a chat/webhook message whose `body_text` is a JSON list of the
    parts to post (a long digest split at item boundaries). The unique key is (subscriber, digest_key) and a
    channel's digest_key carries the channel (`daily:2026-11-21@7`), so there is one row per subscriber,
    channel and slot; the slot alone would leave email rows (channel NULL) unconstrained on both backends.
    """

    __tablename__ = "message"
    __table_args__ = (
        CheckConstraint(_in("status", MESSAGE_STATUSES), name="status"),
        UniqueConstraint("subscriber_id", "digest_key"),
        Index("ix_message_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscriber.id", ondelete="CASCADE"))
    digest_key: Mapped[str] = mapped_column(String(64))  # the digest slot, e.g. "daily:2026-11-21", "...@7"
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channel.id", ondelete="CASCADE"))
    # Parts of a split channel message already posted: a retry after part 2 of 3 failed posts part 2 onwards.
    parts_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claim_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    smtp_message_id: Mapped[str | None] = mapped_column(String(320))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    # The subscriber's one-click unsubscribe link (TRACKER_BASE_URL set), in the body and the List-Unsubscribe
    # header alike: stored with the message so what was composed is what is sent.
    unsubscribe_url: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    channel: Mapped[Channel | None] = relationship(lazy="joined")
