"""The runner: the only place that loops, sleeps and handles signals.

APScheduler 3 (in-memory job store, interval triggers) only decides *when to ask*; every job asks the tables
what is due as of now, so a missed or doubled trigger, a restart or a second process changes nothing.
"""

from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass

from tracker.scheduling import jobs
from tracker.scheduling.settings import ScheduleSettings

log = logging.getLogger("tracker.scheduler")


@dataclass(frozen=True)
class JobPlan:
    """One job, its plain arguments and how often the runner asks it."""

    name: str
    func: object
    kwargs: dict
    interval: float


def job_plans(database_url: str, process_id: str, schedule: ScheduleSettings) -> list[JobPlan]:
    """Every scheduler job in the order `--once` runs them: check sources, arm, build digests, deliver, say alive."""
    every = dict(database_url=database_url, process_id=process_id)
    table = [
        (jobs.SOURCES, jobs.check_sources, schedule.sources_interval, {}),
        (jobs.REFRESH, jobs.refresh_notices, schedule.refresh_interval, dict(lease=schedule.lease)),
        (jobs.COMPOSE, jobs.compose_digests, schedule.compose_interval,
         dict(digest_time=schedule.digest_time.strftime("%H:%M"), weekly_day=schedule.weekly_day,
              lease=schedule.lease)),
        (jobs.DELIVER, jobs.deliver_messages, schedule.delivery_interval,
         dict(delivery_lease=schedule.delivery_lease)),
        (jobs.HEARTBEAT, jobs.heartbeat, schedule.heartbeat_interval, {}),
    ]
    return [JobPlan(name, func, {**every, **extra, "interval": interval}, interval)
            for name, func, interval, extra in table]


def run_once(database_url: str, process_id: str, schedule: ScheduleSettings) -> dict[str, str]:
    """Run every job once, in order (for cron and for checks); the outcome of each job by name."""
    outcomes = {}
    for plan in job_plans(database_url, process_id, schedule):
        outcomes[plan.name] = plan.func(**plan.kwargs).outcome
    _leave(database_url, process_id)
    return outcomes


def run_forever(database_url: str, process_id: str, schedule: ScheduleSettings) -> None:
    """Run the jobs on their intervals until SIGTERM or SIGINT; then finish the message in flight and return."""
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.background import BackgroundScheduler

    # APScheduler logs every job start and finish, and every trigger skipped while a long delivery pass is still
    # running (harmless: the next pass picks up whatever is due); our jobs log what they did instead.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    stop = threading.Event()
    jobs.stop_requested.clear()

    def request_stop(signum, _frame):
        log.info("received %s; finishing the message in flight", signal.Signals(signum).name)
        jobs.stop_requested.set()
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    from tracker.store.db import load_orm

    load_orm()  # in this thread, before the job threads start (see load_orm)
    scheduler = BackgroundScheduler(
        executors={"default": ThreadPoolExecutor(max_workers=len(job_plans(database_url, process_id, schedule)))},
        # Only "when to ask" lives here: a late or skipped trigger is harmless, the tables say what is due.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    try:
        # Everything runs once at start (a restart catches up at once), then on its interval.
        for plan in job_plans(database_url, process_id, schedule):
            scheduler.add_job(plan.func, "interval", seconds=plan.interval, kwargs=plan.kwargs, id=plan.name,
                              name=plan.name, next_run_time=_now_for_apscheduler())
        scheduler.start()
        log.info("scheduler %s started", process_id)
        while not stop.wait(1.0):
            pass
    finally:
        scheduler.shutdown(wait=True)  # waits for running jobs; delivery stops after its current message
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _leave(database_url, process_id)
        log.info("scheduler %s stopped", process_id)


def _now_for_apscheduler():
    # APScheduler needs an aware first fire time; "now" here only tells it to fire at once.
    from tracker.clock import utc_now

    return utc_now()


def _leave(database_url: str, process_id: str) -> None:
    """On a clean exit: hand the digest lease over at once and mark this process stopped."""
    from tracker.clock import utc_now
    from tracker.scheduling import steps

    try:
        wiring = jobs._wired(database_url)
        steps.release_lease(wiring.app, steps.DIGEST_LEASE, process_id)
        steps.mark_stopped(wiring.app, utc_now(), process_id=process_id)
    except Exception as exc:  # noqa: BLE001 - the database may be the reason we are leaving
        log.warning("could not record the scheduler's exit: %s", jobs._one_line(exc))
    finally:
        jobs.forget_wiring()
