"""Watched official sources (feeds and listing pages), every document URL they led to, and what changed.

A source row remembers how it was last fetched (ETag / Last-Modified for conditional requests) and how its
last check went. An entry is one document URL, seen once: it says whether the document was ingested, was a
duplicate of one on file, was not a policy, or failed (and is retried on the next check). A finding is what a
document did to a policy (born, extended, repealed, superseded); new-policy and repeal notices are armed from
findings.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tracker.store.schema.base import Base, UTCDateTime
from tracker.store.schema.policies import _in

SOURCE_KINDS = ("feed", "listing")
ENTRY_STATUSES = ("ingested", "duplicate", "skipped", "failed", "refused", "blocked")
FINDING_CHANGES = ("new", "extended", "repealed", "superseded")


class Source(Base):
    __tablename__ = "source"
    __table_args__ = (CheckConstraint(_in("kind", SOURCE_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    url: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    # The agency publishing here: its subscribers hear of every new policy this source brings.
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id", ondelete="SET NULL"))
    every_seconds: Mapped[int] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    check_outcome: Mapped[str | None] = mapped_column(String(16))  # "ok", "not_modified", "failed"
    check_error: Mapped[str | None] = mapped_column(Text)
    last_new_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_check_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SourceEntry(Base):
    __tablename__ = "source_entry"
    __table_args__ = (CheckConstraint(_in("status", ENTRY_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    # One row per document URL whatever source listed it: a URL is fetched once.
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    tried_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source_document_id: Mapped[int | None] = mapped_column(ForeignKey("source_document.id", ondelete="SET NULL"))


class SourceFinding(Base):
    __tablename__ = "source_finding"
    __table_args__ = (
        CheckConstraint(_in("change", FINDING_CHANGES), name="change"),
        UniqueConstraint("entry_id", "policy_id", "change"),
        Index("ix_source_finding_found_at", "found_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("source_entry.id", ondelete="CASCADE"))
    policy_id: Mapped[int] = mapped_column(ForeignKey("policy.id", ondelete="CASCADE"), index=True)
    change: Mapped[str] = mapped_column(String(16))
    found_at: Mapped[datetime] = mapped_column(UTCDateTime)
