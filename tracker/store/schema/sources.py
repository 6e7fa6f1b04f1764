"""Watched official sources (feeds and listing pages), every document URL they led to, and what changed.

A source row remembers how it was last fetched (ETag / Last-Modified for conditional requests) and how its
last check went. An entry is one document URL, seen once: it says whether the document was ingested, was a
duplicate of one on file, was not a policy, or failed (and is retried on the next check). A finding is what a
document did to a policy (born, extended, repealed, superseded); new-policy and repeal notices are armed from
findings. The ORM classes map onto the Core tables of tracker.store.schema.tables.
"""

from __future__ import annotations

from tracker.store.schema import tables
from tracker.store.schema.base import Base
from tracker.store.schema.tables import ENTRY_STATUSES, FINDING_CHANGES, SOURCE_KINDS  # noqa: F401  (re-exported)


class Source(Base):
    __table__ = tables.source


class SourceEntry(Base):
    __table__ = tables.source_entry


class SourceFinding(Base):
    __table__ = tables.source_finding
