"""Policies, their source documents, measures, agencies, targets, progress checks and history: the ORM classes
for the code that writes. Their columns come from the Core tables in tracker.store.schema.tables (the one
definition of each table); the classes add the relationships.
"""

from __future__ import annotations

from sqlalchemy.orm import Mapped, relationship

from tracker.store.schema import tables
from tracker.store.schema.base import Base
from tracker.store.schema.tables import (  # noqa: F401  (re-exported: callers name them from here)
    CHECK_STATUSES,
    COMPARATORS,
    POLICY_STATES,
    ROLES,
    TARGET_KINDS,
    WINDOW_SOURCES,
    _in,
)


class Policy(Base):
    __table__ = tables.policy

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
    __table__ = tables.source_document

    policies: Mapped[list[Policy]] = relationship(secondary="policy_source", back_populates="sources")


class PolicySource(Base):
    __table__ = tables.policy_source


class Supersession(Base):
    __table__ = tables.supersession

    policy: Mapped[Policy] = relationship(back_populates="supersessions", foreign_keys=[tables.supersession.c.policy_id])
    superseded: Mapped[Policy | None] = relationship(foreign_keys=[tables.supersession.c.superseded_id])


class Measure(Base):
    __table__ = tables.measure

    policy: Mapped[Policy] = relationship(back_populates="measures")
    agency_links: Mapped[list[MeasureAgency]] = relationship(
        back_populates="measure", cascade="all, delete-orphan"
    )


class TranslatedMeasure(Base):
    __table__ = tables.translated_measure

    policy: Mapped[Policy] = relationship(back_populates="translated_measures")


class Agency(Base):
    __table__ = tables.agency

    aliases: Mapped[list[AgencyAlias]] = relationship(back_populates="agency", cascade="all, delete-orphan")


class AgencyAlias(Base):
    __table__ = tables.agency_alias

    agency: Mapped[Agency] = relationship(back_populates="aliases")


class MeasureAgency(Base):
    __table__ = tables.measure_agency

    measure: Mapped[Measure] = relationship(back_populates="agency_links")
    agency: Mapped[Agency] = relationship()


class Target(Base):
    __table__ = tables.target

    policy: Mapped[Policy] = relationship(back_populates="targets")
    measure: Mapped[Measure | None] = relationship()
    checks: Mapped[list[TargetCheck]] = relationship(
        back_populates="target", cascade="all, delete-orphan", order_by="TargetCheck.checked_on"
    )


class TargetCheck(Base):
    __table__ = tables.target_check

    target: Mapped[Target] = relationship(back_populates="checks")


class History(Base):
    __table__ = tables.history
