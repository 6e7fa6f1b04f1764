"""Scheduler jobs: importable module-level functions taking plain values, each reading the clock once.

APScheduler (or cron, via `tracker scheduler run --once`) calls these. Each job wires itself from the database
URL (cached per process, never at import time), reads `utc_now()` once, runs one step from
tracker.scheduling.steps and records the run. A failure is logged and recorded, never raised into the
scheduler; while the database is away the job backs off and tries again, and nothing is lost because the
tables, not the scheduler, say what is still due.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

from tracker.clock import utc_now
from tracker.scheduling.settings import ScheduleSettings
from tracker.scheduling.steps import StepResult

log = logging.getLogger("tracker.scheduler")

SOURCES, REFRESH, COMPOSE, DELIVER, HEARTBEAT = "sources", "refresh", "compose", "deliver", "heartbeat"
JOB_NAMES = (SOURCES, REFRESH, COMPOSE, DELIVER, HEARTBEAT)
FIRST_BACKOFF = timedelta(seconds=5)
MAX_BACKOFF = timedelta(minutes=5)
# A delivery pass sends at most this many messages, so one pass cannot starve the heartbeat for long.
MAX_MESSAGES_PER_PASS = 500

# Set by the runner on SIGTERM/SIGINT: delivery finishes the message in flight and stops claiming more.
stop_requested = threading.Event()


def new_process_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class _Wiring:
    app: object
    transport: object | None = None
    failures: dict[str, int] = field(default_factory=dict)
    retry_at: dict[str, datetime] = field(default_factory=dict)


_wiring: dict[str, _Wiring] = {}
_wiring_lock = threading.Lock()


def _wired(database_url: str) -> _Wiring:
    """The App for `database_url`, built on first use in this process (a lost database raises here)."""
    with _wiring_lock:
        wiring = _wiring.get(database_url)
        if wiring is None:
            from tracker.bootstrap import connect
            from tracker.config import load_settings

            wiring = _Wiring(app=connect(load_settings(database_url=database_url)))
            _wiring[database_url] = wiring
        return wiring


def _transport(wiring: _Wiring):
    if wiring.transport is None:
        from tracker.reminders import make_transport

        wiring.transport = make_transport(wiring.app.settings)
    return wiring.transport


def forget_wiring() -> None:
    """Dispose every cached engine (the runner calls this on exit; tests between runs)."""
    with _wiring_lock:
        for wiring in _wiring.values():
            wiring.app.dispose()
        _wiring.clear()


def _one_line(exc: BaseException) -> str:
    """The first line of an error, naming its type; a driver's own message for a lost database."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")


_backoff_state: dict[str, tuple[int, datetime]] = {}
_sqlite_writer = threading.Lock()


def _writer_lock(database_url: str, serialize: bool):
    """On SQLite, one job at a time per process: SQLite has one writer, and a transaction that reads before it
    writes is refused outright ("database is locked") when another wrote in between; jobs queuing here beat
    that. PostgreSQL jobs run side by side."""
    return _sqlite_writer if serialize and database_url.startswith("sqlite") else contextlib.nullcontext()


def _run(
    name: str, database_url: str, process_id: str, interval: float, step: Callable, *, serialize: bool = True
) -> StepResult:
    """Read the clock once, run `step(wiring, now)`, record the run and return its result.

    Errors are logged and recorded; after a failure the job waits (5 s, 10 s, ... up to 5 min) before trying
    again, so a database that went away produces a few log lines, not a crash loop.
    """
    with _writer_lock(database_url, serialize):
        now = utc_now()
        key = f"{database_url}|{name}"
        failures, retry_at = _backoff_state.get(key, (0, now))
        if now < retry_at:
            return StepResult("error")  # still backing off after the last failure
        started = time.monotonic()  # the finish time is now + elapsed: one wall-clock reading per run
        try:
            result = step(_wired(database_url), now)
        except Exception as exc:  # noqa: BLE001 - a job must never take the scheduler down
            failures += 1
            wait = min(FIRST_BACKOFF * 2 ** (failures - 1), MAX_BACKOFF)
            _backoff_state[key] = (failures, now + wait)
            error = _one_line(exc)
            log.warning("job %s failed (%s); retrying in %gs", name, error, wait.total_seconds())
            _try_record(name, database_url, process_id, now, started, None, error, interval)
            return StepResult("error")
        if failures:
            log.info("job %s recovered after %d failed attempt(s)", name, failures)
        _backoff_state.pop(key, None)
        if result.did_work:
            log.info("job %s: %s (%d)", name, result.outcome, result.count)
        _try_record(name, database_url, process_id, now, started, result, None, interval)
        return result


def _try_record(name, database_url, process_id, now, started, result, error, interval) -> None:
    from tracker.scheduling.steps import record_run

    wiring = _wiring.get(database_url)
    if wiring is None:
        return
    try:
        record_run(
            wiring.app,
            name,
            process_id=process_id,
            started_at=now,
            finished_at=now + timedelta(seconds=time.monotonic() - started),
            result=result,
            error=error,
            next_run_at=now + timedelta(seconds=interval),
        )
    except Exception as exc:  # noqa: BLE001 - bookkeeping must not turn a success into a failure
        log.debug("could not record run of %s: %s", name, _one_line(exc))


def _schedule(**values) -> ScheduleSettings:
    return ScheduleSettings(**values)


def check_sources(database_url: str, process_id: str, interval: float) -> StepResult:
    """Check the watched sources whose next check has come (each under its own lease)."""
    from tracker.scheduling import steps
    from tracker.sources.fetch import fetcher_from_env

    def check(wiring: _Wiring, now: datetime) -> StepResult:
        with fetcher_from_env(os.environ) as fetcher:
            return steps.check_due_sources(wiring.app, now, holder=process_id, fetcher=fetcher)

    # Not serialised with the digest jobs: a check spends most of its time on the network (one request a second
    # per host), and each of its transactions opens with a write, so SQLite's busy timeout covers them.
    return _run(SOURCES, database_url, process_id, interval, check, serialize=False)


def refresh_notices(database_url: str, process_id: str, lease: float, interval: float) -> StepResult:
    """Re-arm notices (leader only)."""
    from tracker.scheduling import steps

    schedule = _schedule(lease=lease)
    return _run(
        REFRESH, database_url, process_id, interval,
        lambda w, now: steps.refresh_notices(w.app, now, holder=process_id, schedule=schedule),
    )


def compose_digests(
    database_url: str, process_id: str, digest_time: str, weekly_day: int, lease: float, interval: float
) -> StepResult:
    """Build the digests whose slot is due (leader only)."""
    from tracker.scheduling import steps
    from tracker.scheduling.settings import parse_time_of_day

    schedule = _schedule(digest_time=parse_time_of_day(digest_time, "digest_time"), weekly_day=weekly_day, lease=lease)
    return _run(
        COMPOSE, database_url, process_id, interval,
        lambda w, now: steps.compose_due_digests(w.app, now, holder=process_id, schedule=schedule),
    )


def deliver_messages(database_url: str, process_id: str, delivery_lease: float, interval: float) -> StepResult:
    """Send due messages one claim at a time until none is due or a stop is requested."""
    from tracker.scheduling import steps

    schedule = _schedule(delivery_lease=delivery_lease)

    def drain(wiring: _Wiring, now: datetime):
        # One pass, one SMTP connection, a clock read for every claim (a slow server cannot make a late claim
        # expire before it is sent); at most MAX_MESSAGES_PER_PASS, and a stop request waits for one message.
        report = steps.deliver_pass(
            wiring.app, _transport(wiring), now, worker=process_id, schedule=schedule,
            limit=MAX_MESSAGES_PER_PASS, should_stop=stop_requested.is_set,
        )
        if report.deferred or report.failed:
            log.info("delivery pass: %d sent, %d deferred, %d failed", report.sent, len(report.deferred), len(report.failed))
        return StepResult("ok" if report.sent else "idle", report.sent)

    return _run(DELIVER, database_url, process_id, interval, drain)


def heartbeat(database_url: str, process_id: str, interval: float) -> StepResult:
    """Say this process is alive."""
    from tracker.scheduling import steps

    return _run(
        HEARTBEAT, database_url, process_id, interval,
        lambda w, now: steps.beat(w.app, now, process_id=process_id, host=socket.gethostname(), pid=os.getpid()),
        # Its transactions write first (SQLite's busy timeout covers them), so a long delivery pass does not
        # make this process look dead.
        serialize=False,
    )
