"""One unit of scheduler work each, as functions of (app, now): tested directly, with time injected.

A step asks the tables what is due as of `now`, does it through the reminders service and says whether it did
anything. Looping, sleeping, signals and the wall clock belong to the runner (tracker.scheduling.runner).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Iterator

from sqlalchemy import case, delete, func, insert, literal, select, update
from sqlalchemy.exc import IntegrityError

from tracker.store.schema.base import UTCDateTime
from tracker.store.schema.scheduler import SchedulerJob, SchedulerLease, SchedulerProcess

if TYPE_CHECKING:
    from tracker.bootstrap import App
    from tracker.scheduling.settings import ScheduleSettings

# The jobs that build digests run in one process at a time (the lease holder); delivery needs no leader because
# every message is claimed row by row.
DIGEST_LEASE = "digests"
# Each watched source is checked under a lease of its own ("source:<id>"), released when the check ends; a
# check that dies keeps others off that source for this long.
SOURCE_LEASE_PERIOD = timedelta(minutes=30)


@dataclass(frozen=True)
class StepResult:
    outcome: str  # "ok" (did work), "idle" (nothing due), "standby" (another process leads)
    count: int = 0

    @property
    def did_work(self) -> bool:
        return self.count > 0


def _result(count: int) -> StepResult:
    return StepResult("ok" if count else "idle", count)


def acquire_lease(app: App, name: str, holder: str, now: datetime, period: timedelta) -> bool:
    """Take or renew the lease `name` for `holder` until now+period; False while another live holder has it.

    A conditional update (not read-then-write) so two processes racing for an expired lease cannot both win.
    """
    expires = now + period
    with app.uow() as uow:
        taken = uow.session.execute(
            update(SchedulerLease)
            .where(SchedulerLease.name == name)
            .where((SchedulerLease.holder == holder) | (SchedulerLease.expires_at <= now))
            .values(
                acquired_at=case(
                    (SchedulerLease.holder == holder, SchedulerLease.acquired_at),
                    else_=literal(now, UTCDateTime()),
                ),
                holder=holder,
                expires_at=expires,
            )
        ).rowcount
        if taken:
            uow.commit()
            return True
        exists = uow.session.execute(select(SchedulerLease.name).where(SchedulerLease.name == name)).first()
        if exists:
            return False
        try:
            uow.session.execute(
                insert(SchedulerLease).values(name=name, holder=holder, acquired_at=now, expires_at=expires)
            )
            uow.commit()
            return True
        except IntegrityError:
            return False  # another process created it first; it leads


def release_lease(app: App, name: str, holder: str) -> None:
    """Give up a lease on a clean exit, so another process takes over at once instead of after it expires."""
    with app.uow() as uow:
        uow.session.execute(delete(SchedulerLease).where(SchedulerLease.name == name, SchedulerLease.holder == holder))
        uow.commit()


def refresh_notices(app: App, now: datetime, *, holder: str, schedule: ScheduleSettings) -> StepResult:
    """Re-arm notices after data changes (extended policies, moved due dates, new subscribers)."""
    from tracker.reminders import arm_notices

    if not acquire_lease(app, DIGEST_LEASE, holder, now, timedelta(seconds=schedule.lease)):
        return StepResult("standby")
    return _result(arm_notices(app, now))


def compose_due_digests(app: App, now: datetime, *, holder: str, schedule: ScheduleSettings) -> StepResult:
    """Build every digest whose slot is due as of `now` and not yet built; counts the digests built.

    Notices are armed first, so a digest never misses a notice that fell due since the last refresh.
    """
    from tracker.reminders import arm_notices, compose_digests

    if not acquire_lease(app, DIGEST_LEASE, holder, now, timedelta(seconds=schedule.lease)):
        return StepResult("standby")
    arm_notices(app, now)
    return _result(compose_digests(app, now, send_at=schedule.digest_time, weekday=schedule.weekly_day))


def check_due_sources(app: App, now: datetime, *, holder: str, fetcher) -> StepResult:
    """Check every source whose next check has come, each under its own lease so no two processes fetch the
    same source at once. Counts the new documents. Their notices are armed by the refresh and compose jobs
    (the digest leader), not here: two processes arming at once is what the leader lease prevents."""
    from tracker.sources.watch import due_sources

    names = due_sources(app, now)
    if not names:
        return StepResult("idle")
    reports = [r for _, r in check_sources(app, names, fetcher, start=now, holder=holder, only_due=True) if r]
    if not reports:
        return StepResult("standby")
    return _result(sum(r.new_documents for r in reports))


def check_sources(app: App, names: list[str], fetcher, *, start: datetime, holder: str, only_due: bool = False,
                  dry_run: bool = False) -> Iterator[tuple[str, object]]:
    """Check `names` one after another, each under its own lease, yielding (name, CheckReport) as each is done
    (the report is None when another process holds the source or, with `only_due`, checked it since it was
    listed).

    Fetching takes its time (one request a second per host, time-outs), so each lease and check runs from the
    moment it starts (a pass clock from `start`), not from when the pass began.
    """
    from tracker.clock import local_today, pass_clock
    from tracker.sources.watch import check_source, is_due, source_lease_name

    clock = pass_clock(start)
    for name in names:
        at = clock()
        lease = source_lease_name(app, name)
        if not acquire_lease(app, lease, holder, at, SOURCE_LEASE_PERIOD):
            yield name, None  # another process is checking it
            continue
        try:
            report = None
            if not only_due or is_due(app, name, at):  # else another process checked it since it was listed
                report = check_source(app, name, fetcher, now=at, today=local_today(app.settings.zone, at),
                                      dry_run=dry_run)
        finally:
            release_lease(app, lease, holder)
        yield name, report


def deliver_one(app: App, transport, now: datetime, *, worker: str, schedule: ScheduleSettings) -> StepResult:
    """Claim and send at most one due message as of `now`."""
    report = deliver_pass(app, transport, now, worker=worker, schedule=schedule, limit=1)
    return _result(report.sent)


def deliver_pass(
    app: App, transport, now: datetime, *, worker: str, schedule: ScheduleSettings, limit: int, should_stop=None
):
    """Send up to `limit` claimable messages over one connection, each claim as of the pass clock started at
    `now`; the DeliveryReport. Stops early when `should_stop()` says so (after the message in flight)."""
    from tracker.reminders import deliver_due

    return deliver_due(
        app, transport, now, limit=limit, worker=worker, lease=timedelta(seconds=schedule.delivery_lease),
        should_stop=should_stop,
    )


def beat(app: App, now: datetime, *, process_id: str, host: str, pid: int) -> StepResult:
    """Record that this scheduler process is alive."""
    with app.uow() as uow:
        updated = uow.session.execute(
            update(SchedulerProcess)
            .where(SchedulerProcess.id == process_id)
            .values(beat_at=now, stopped_at=None)
        ).rowcount
        if not updated:
            uow.session.execute(
                insert(SchedulerProcess).values(
                    id=process_id, host=host, pid=pid, started_at=now, beat_at=now, stopped_at=None
                )
            )
        uow.commit()
    return StepResult("ok", 1)


def mark_stopped(app: App, now: datetime, *, process_id: str) -> None:
    with app.uow() as uow:
        uow.session.execute(
            update(SchedulerProcess).where(SchedulerProcess.id == process_id).values(stopped_at=now, beat_at=now)
        )
        uow.commit()


def record_run(
    app: App,
    name: str,
    *,
    process_id: str,
    started_at: datetime,
    finished_at: datetime,
    result: StepResult | None,
    error: str | None = None,
    next_run_at: datetime | None = None,
) -> None:
    """Keep the last run of job `name` (outcome, error, next run) for `tracker scheduler status`."""
    outcome = "error" if error is not None else (result.outcome if result else "idle")
    values = dict(
        last_started_at=started_at,
        last_finished_at=finished_at,
        last_outcome=outcome,
        last_did_work=bool(result and result.did_work),
        last_error=error,
        last_process=process_id,
        next_run_at=next_run_at,
    )
    for _ in range(2):  # the second pass covers two processes inserting the first row at once
        with app.uow() as uow:
            updated = uow.session.execute(
                update(SchedulerJob)
                .where(SchedulerJob.name == name)
                .values(
                    **values,
                    runs=SchedulerJob.runs + 1,
                    failures=SchedulerJob.failures + (1 if error is not None else 0),
                )
            ).rowcount
            if not updated:
                try:
                    uow.session.execute(
                        insert(SchedulerJob).values(name=name, runs=1, failures=int(error is not None), **values)
                    )
                except IntegrityError:
                    continue
            uow.commit()
            return
