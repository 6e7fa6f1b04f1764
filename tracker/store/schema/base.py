"""Declarative base for the ORM classes, on the metadata of the Core tables (tracker.store.schema.tables)."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from tracker.store.schema.tables import NAMING_CONVENTION, UTCDateTime, metadata  # noqa: F401  (migrations name UTCDateTime here)


class Base(DeclarativeBase):
    metadata = metadata
