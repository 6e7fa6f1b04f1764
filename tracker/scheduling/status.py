"""What `tracker scheduler status` shows, read with one query per section (no object graphs)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from tracker.reminders.delivery import claimable
from tracker.store.schema.reminders import Message
from tracker.store.schema.scheduler import SchedulerJob, SchedulerLease, SchedulerProcess

if TYPE_CHECKING:
    from tracker.bootstrap import App


def scheduler_status(app: App, now: datetime, *, alive_within: timedelta) -> dict:
    """Jobs (last run, outcome, next run), outbox backlog and failures, and scheduler processes as of `now`.

    A process counts as alive when it beat within `alive_within` and has not said it stopped.
    """
    with app.uow(read_only=True) as uow:
        s = uow.session
        jobs = [
            dict(
                job=j.name,
                last_started_at=j.last_started_at,
                last_finished_at=j.last_finished_at,
                outcome=j.last_outcome,
                error=j.last_error,
                next_run_at=j.next_run_at,
                runs=j.runs,
                failures=j.failures,
                process=j.last_process,
            )
            for j in s.execute(select(SchedulerJob).order_by(SchedulerJob.name)).scalars()
        ]
        counts = dict(s.execute(select(Message.status, func.count()).group_by(Message.status)).all())
        # Due now means a sender could claim it now; a message claimed by a sender whose lease has not run
        # out (even a dead one) is in flight until then, and shown as such.
        due = s.execute(select(func.count(), func.min(Message.next_attempt_at)).where(claimable(now))).one()
        in_flight = s.execute(
            select(func.count(), func.max(Message.claim_expires_at))
            .where(Message.status == "sending", Message.claim_expires_at > now)
        ).one()
        processes = [
            dict(
                process=p.id,
                host=p.host,
                pid=p.pid,
                started_at=p.started_at,
                beat_at=p.beat_at,
                stopped_at=p.stopped_at,
                alive=p.stopped_at is None and p.beat_at >= now - alive_within,
            )
            for p in s.execute(select(SchedulerProcess).order_by(SchedulerProcess.beat_at.desc()).limit(20)).scalars()
        ]
        leases = [
            dict(lease=l.name, holder=l.holder, expires_at=l.expires_at, held=l.expires_at > now)
            for l in s.execute(select(SchedulerLease)).scalars()
        ]
    return dict(
        as_of=now,
        jobs=jobs,
        outbox=dict(
            pending=counts.get("pending", 0),
            sending=counts.get("sending", 0),
            sent=counts.get("sent", 0),
            failed=counts.get("failed", 0),
            due_now=due[0],
            oldest_due_at=due[1],
            in_flight=in_flight[0],
            in_flight_until=in_flight[1],
        ),
        processes=processes,
        alive=sum(1 for p in processes if p["alive"]),
        leases=leases,
    )
