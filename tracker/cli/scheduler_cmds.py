"""`tracker scheduler run` and `tracker scheduler status`."""

from __future__ import annotations

import os
from enum import Enum
from typing import Annotated

import typer

from tracker.cli.options import DbOption, settings_for

scheduler_app = typer.Typer(
    name="scheduler",
    help="Send digests on schedule: run the scheduler, or show what it did.",
    no_args_is_help=True,
)


class StatusFormat(str, Enum):
    text = "text"
    json = "json"


def run(
    db: DbOption = None,
    once: Annotated[bool, typer.Option("--once", help="Run every job that is due as of now once, then exit.")] = False,
) -> None:
    """Run the scheduler in the foreground: arm notices, build due digests, deliver the outbox, heartbeat.

    Logs go to stderr. SIGTERM or SIGINT finishes the message in flight and exits 0. Schedule settings come
    from the environment: TRACKER_DIGEST_TIME (08:30, in each subscriber's zone), TRACKER_WEEKLY_DAY (mon),
    TRACKER_DELIVERY_INTERVAL (300 s), TRACKER_COMPOSE_INTERVAL (60 s), TRACKER_REFRESH_INTERVAL (900 s),
    TRACKER_HEARTBEAT_INTERVAL (30 s), TRACKER_SCHEDULER_LEASE (120 s), TRACKER_DELIVERY_LEASE (300 s).

    Example: TRACKER_DIGEST_TIME=07:45 tracker scheduler run --db postgresql://tracker@db/tracker
    """
    import logging
    import sys

    from tracker.bootstrap import connect
    from tracker.scheduling.settings import load_schedule

    settings = settings_for(db)
    schedule = load_schedule(os.environ)
    connect(settings).dispose()  # a clear message and a non-zero exit now if the database is away or not migrated

    try:
        from tracker.reminders import make_transport
    except ImportError:
        from tracker.errors import TrackerError

        raise TrackerError("the reminders service (tracker.reminders) is missing from this installation") from None
    from tracker.scheduling.jobs import new_process_id
    from tracker.scheduling.runner import run_forever, run_once

    make_transport(settings)  # likewise for a broken mail configuration
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    process_id = new_process_id()
    if once:
        outcomes = run_once(settings.database_url, process_id, schedule)
        typer.echo(" ".join(f"{name}={outcome}" for name, outcome in outcomes.items()))
        if "error" in outcomes.values():
            raise typer.Exit(1)
        return
    run_forever(settings.database_url, process_id, schedule)


def status(
    db: DbOption = None,
    fmt: Annotated[StatusFormat, typer.Option("--format", help="Output format.")] = StatusFormat.text,
) -> None:
    """Show each job's last run, outcome and next run, the outbox backlog and failures, and live schedulers.

    A scheduler counts as alive if it sent a heartbeat within three heartbeat intervals.

    Example: tracker scheduler status --format json
    """
    from datetime import timedelta

    from tracker.bootstrap import connect
    from tracker.cli.output import dumps
    from tracker.clock import utc_now
    from tracker.scheduling.settings import load_schedule
    from tracker.scheduling.status import scheduler_status

    schedule = load_schedule(os.environ)
    app = connect(settings_for(db))
    try:
        report = scheduler_status(app, utc_now(), alive_within=timedelta(seconds=3 * schedule.heartbeat_interval))
    finally:
        app.dispose()
    if fmt is StatusFormat.json:
        typer.echo(dumps(report))
        return
    typer.echo("\n".join(_status_lines(report)))


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC") if value else "-"


def _status_lines(report: dict) -> list[str]:
    lines = ["jobs:"]
    if not report["jobs"]:
        lines.append("  (no job has run yet)")
    for job in report["jobs"]:
        line = (
            f"  {job['job']:<10} last run {_when(job['last_started_at'])}  {job['outcome'] or '-':<8}"
            f" next {_when(job['next_run_at'])}  runs {job['runs']}, failed {job['failures']}"
        )
        lines.append(line)
        if job["outcome"] == "error" and job["error"]:
            lines.append(f"    error: {job['error']}")
    box = report["outbox"]
    lines.append(
        f"outbox: {box['pending'] + box['sending']} waiting ({box['due_now']} due now"
        + (f", oldest due {_when(box['oldest_due_at'])}" if box["oldest_due_at"] else "")
        + (f", {box['in_flight']} claimed by a sender until {_when(box['in_flight_until'])}" if box["in_flight"] else "")
        + f"), {box['failed']} failed, {box['sent']} sent"
    )
    lines.append(f"schedulers alive: {report['alive']}")
    for proc in report["processes"]:
        state = "alive" if proc["alive"] else ("stopped" if proc["stopped_at"] else "silent")
        lines.append(f"  {proc['process']:<40} {state:<8} last heartbeat {_when(proc['beat_at'])}")
    for lease in report["leases"]:
        if lease["held"]:
            what = "digest leader" if lease["lease"] == "digests" else f"checking {lease['lease']}"
            lines.append(f"{what}: {lease['holder']} (lease until {_when(lease['expires_at'])})")
    return lines


def register(app: typer.Typer) -> None:
    """Add `tracker scheduler run|status` to the `tracker` app."""
    scheduler_app.command("run")(run)
    scheduler_app.command("status")(status)
    app.add_typer(scheduler_app)
