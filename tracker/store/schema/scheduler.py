"""The scheduler's own bookkeeping: job runs, live scheduler processes (heartbeats) and leases.

None of this decides what is due (the reminder tables do); it only records what ran, who is alive, and which
process leads the jobs that build digests, so `tracker scheduler status` can answer and a killed leader is
replaced once its lease runs out.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.store.schema.base import Base, UTCDateTime
from tracker.store.schema.policies import _in

JOB_OUTCOMES = ("ok", "idle", "standby", "error")


class SchedulerJob(Base):
    """The last run of one scheduler job (one row per job name, across all processes)."""

    __tablename__ = "scheduler_job"
    __table_args__ = (CheckConstraint(_in("last_outcome", JOB_OUTCOMES), name="last_outcome"),)

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_outcome: Mapped[str | None] = mapped_column(String(16))
    last_did_work: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    last_process: Mapped[str | None] = mapped_column(String(200))
    next_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    runs: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SchedulerProcess(Base):
    """One scheduler process: its heartbeat says it is alive; `stopped_at` says it left cleanly."""

    __tablename__ = "scheduler_process"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)  # host:pid:random
    host: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SchedulerLease(Base):
    """Leadership of a group of jobs: held by one process until `expires_at`, renewed while it runs them."""

    __tablename__ = "scheduler_lease"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
