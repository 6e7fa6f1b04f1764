"""Policies, their source documents, measures, agencies, targets, progress checks and history."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.store.schema.base import Base, UTCDateTime

WINDOW_SOURCES = ("stated", "inferred", "extended", "manual")
POLICY_STATES = ("active", "repealed", "superseded")
ROLES = ("lead", "responsible", "supporting")
COMPARATORS = ("at_least", "at_most", "about", "exactly", "between")
CHECK_STATUSES = ("met", "on_track", "at_risk", "missed")
TARGET_KINDS = ("target", "milestone")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Policy(Base):
    __tablename__ = "policy"
    __table_args__ = (
        CheckConstraint(_in("window_source", WINDOW_SOURCES), name="window_source"),
        CheckConstraint(_in("state", POLICY_STATES), name="state"),
        CheckConstraint(
            "effective_to IS NULL OR effective_from IS NULL OR effective_to >= effective_from",
            name="window_order",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable short reference shown in every listing: the document number when there is one, else a slug.
    ref: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str | None] = mapped_column(Text)
    doc_number: Mapped[str | None] = mapped_column(String(200), unique=True)
    issuer: Mapped[str | None] = mapped_column(Text)
    issued_on: Mapped[date | None] = mapped_column(Date)
    published_on: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(8))
    effective_from: Mapped[date | None] = mapped_column(Date)
    # Inclusive: the last day the policy is in force. NULL means open-ended (or not known).
    effective_to: Mapped[date | None] = mapped_column(Date, index=True)
    window_source: Mapped[str | None] = mapped_column(String(16))
    window_basis: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default="active", server_default="active")
    # Fields corrected by hand (comma-separated names). Re-extraction never overwrites these.
    pinned: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    measures: Mapped[list[Measure]] = relationship(
        back_populates="policy", cascade="all, delete-orphan", order_by="Measure.ordinal"
    )
    targets: Mapped[list[Target]] = relationship(back_populates="policy", cascade="all, delete-orphan")
    supersessions: Mapped[list[Supersession]] = relationship(
        back_populates="policy", cascade="all, delete-orphan", foreign_keys="Supersession.policy_id"
    )
    sources: Mapped[list[SourceDocument]] = relationship(secondary="policy_source", back_populates="policies")
    translated_measures: Mapped[list[TranslatedMeasure]] = relationship(
        back_populates="policy", cascade="all, delete-orphan", order_by="TranslatedMeasure.ordinal"
    )


class SourceDocument(Base):
    __tablename__ = "source_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)  # file name as given, or the URL
    url: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    language: Mapped[str | None] = mapped_column(String(8))
    format: Mapped[str | None] = mapped_column(String(16))
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime)

    policies: Mapped[list[Policy]] = relationship(secondary="policy_source", back_populates="sources")


class PolicySource(Base):
    """One policy can come from several documents; one compilation document carries many policies."""

    __tablename__ = "policy_source"

    policy_id: Mapped[int] = mapped_column(ForeignKey("policy.id", ondelete="CASCADE"), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source_document.id", ondelete="CASCADE"), primary_key=True)


class Supersession(Base):
    """`policy` repeals or replaces another, known (`superseded_id`) or only named (doc number / title)."""

    __tablename__ = "supersession"

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policy.id", ondelete="CASCADE"), index=True)
    superseded_id: Mapped[int | None] = mapped_column(ForeignKey("policy.id", ondelete="SET NULL"), index=True)
    superseded_doc_number: Mapped[str | None] = mapped_column(String(200))
    superseded_title: Mapped[str | None] = mapped_column(Text)

    policy: Mapped[Policy] = relationship(back_populates="supersessions", foreign_keys=[policy_id])
    superseded: Mapped[Policy | None] = relationship(foreign_keys=[superseded_id])


class Measure(Base):
    __tablename__ = "measure"
    __table_args__ = (UniqueConstraint("policy_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policy.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(40))  # as printed
    ordinal: Mapped[int] = mapped_column(Integer)
    section: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    # The translation's measure paired with this one (its ordinal there) and its English title and text.
    title_en: Mapped[str | None] = mapped_column(Text)
    text_en: Mapped[str | None] = mapped_column(Text)
    en_ordinal: Mapped[int | None] = mapped_column(Integer)
    # How the pairing is known: "anchors", "order" or "manual" (a person's; re-alignment never changes it).
    # "manual" with no en_ordinal says "this measure has no English counterpart".
    alignment: Mapped[str | None] = mapped_column(String(16))

    policy: Mapped[Policy] = relationship(back_populates="measures")
    agency_links: Mapped[list[MeasureAgency]] = relationship(
        back_populates="measure", cascade="all, delete-orphan"
    )


class TranslatedMeasure(Base):
    """A measure as the English translation prints it, kept whole so the pairing can be redone or corrected."""

    __tablename__ = "translated_measure"
    __table_args__ = (UniqueConstraint("policy_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policy.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(40))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    agencies: Mapped[str] = mapped_column(Text, default="", server_default="")  # names as printed, one a line

    policy: Mapped[Policy] = relationship(back_populates="translated_measures")


class Agency(Base):
    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(300))

    aliases: Mapped[list[AgencyAlias]] = relationship(back_populates="agency", cascade="all, delete-orphan")


class AgencyAlias(Base):
    """Another name for an agency (short form, old name, English name). Stored normalised for matching."""

    __tablename__ = "agency_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200), unique=True)

    agency: Mapped[Agency] = relationship(back_populates="aliases")


class MeasureAgency(Base):
    __tablename__ = "measure_agency"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # order as printed

    measure: Mapped[Measure] = relationship(back_populates="agency_links")
    agency: Mapped[Agency] = relationship()


class Target(Base):
    __tablename__ = "target"
    __table_args__ = (
        CheckConstraint(_in("comparator", COMPARATORS), name="comparator"),
        CheckConstraint(_in("outcome", ("met", "missed")), name="outcome"),
        CheckConstraint(_in("kind", TARGET_KINDS), name="kind"),
        # Overdue = due before the day and still open; this index answers it without scanning closed targets.
        Index("ix_target_outcome_due_on", "outcome", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policy.id", ondelete="CASCADE"), index=True)
    measure_id: Mapped[int | None] = mapped_column(ForeignKey("measure.id", ondelete="SET NULL"), index=True)
    # A target counts something (quantity, unit, comparator); a milestone is a dated obligation without a
    # number (2024年6月底前建成…). One table: both have a due date, agencies, checks and the same notices.
    kind: Mapped[str] = mapped_column(String(16), default="target", server_default="target")
    text: Mapped[str] = mapped_column(Text)
    metric: Mapped[str | None] = mapped_column(Text)
    # From the translation's sentence paired with this target (same quantity and due date).
    text_en: Mapped[str | None] = mapped_column(Text)
    metric_en: Mapped[str | None] = mapped_column(Text)
    unit_en: Mapped[str | None] = mapped_column(String(80))
    quantity: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))
    # A range (3-4个, 10至15家): comparator "between", quantity the low end and quantity_high the high end.
    quantity_high: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))
    unit: Mapped[str | None] = mapped_column(String(40))
    comparator: Mapped[str] = mapped_column(String(16), default="exactly", server_default="exactly")
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    due_source: Mapped[str] = mapped_column(String(16), default="stated", server_default="stated")
    # Derived from the checks (the latest met/missed), kept here so "overdue" is an index lookup.
    outcome: Mapped[str | None] = mapped_column(String(16))
    # The next progress check date, derived from the checks and the cadence; indexed for `upcoming --kind check`.
    next_check_on: Mapped[date | None] = mapped_column(Date, index=True)
    pinned: Mapped[str] = mapped_column(Text, default="", server_default="")

    policy: Mapped[Policy] = relationship(back_populates="targets")
    measure: Mapped[Measure | None] = relationship()
    checks: Mapped[list[TargetCheck]] = relationship(
        back_populates="target", cascade="all, delete-orphan", order_by="TargetCheck.checked_on"
    )


class TargetCheck(Base):
    """A progress check on a target: what was measured, and whether it is met, on track, at risk or missed."""

    __tablename__ = "target_check"
    __table_args__ = (CheckConstraint(_in("status", CHECK_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("target.id", ondelete="CASCADE"), index=True)
    checked_on: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    checked_by: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    target: Mapped[Target] = relationship(back_populates="checks")


class History(Base):
    """Append-only log of changes to a policy's dates or status and to a target's due date."""

    __tablename__ = "history"

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int | None] = mapped_column(ForeignKey("policy.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int | None] = mapped_column(ForeignKey("target.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
