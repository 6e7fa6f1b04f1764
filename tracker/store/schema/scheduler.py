"""The scheduler's own bookkeeping: job runs, live scheduler processes (heartbeats) and leases.

None of this decides what is due (the reminder tables do); it only records what ran, who is alive, and which
process leads the jobs that build digests, so `tracker scheduler status` can answer and a killed leader is
replaced once its lease runs out. The ORM classes map onto the Core tables of tracker.store.schema.tables.
"""

from __future__ import annotations

from tracker.store.schema import tables
from tracker.store.schema.base import Base
from tracker.store.schema.tables import JOB_OUTCOMES  # noqa: F401  (re-exported)


class SchedulerJob(Base):
    __table__ = tables.scheduler_job


class SchedulerProcess(Base):
    __table__ = tables.scheduler_process


class SchedulerLease(Base):
    __table__ = tables.scheduler_lease
