"""What the delivery benches share: a fresh database per size, N subscribers who all hear about one policy
expiring in three days, a counted run of arm + compose + deliver, and the table of ratios against the floor.

The floor is measured before and after each run of the tracker, and the best run is compared with the mean
of the floors around it: on a shared machine the load changes while a bench runs, and the best of a few runs
(--repeat; one by default) is the least disturbed one. Nothing is asserted; the figures are ratios from one
machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, insert  # noqa: E402

from tracker.bootstrap import connect  # noqa: E402
from tracker.config import load_settings  # noqa: E402
from tracker.reminders import arm_notices, compose_digests, deliver_due  # noqa: E402
from tracker.reminders.digest import DigestLine, DigestView  # noqa: E402
from tracker.store.db import make_engine, upgrade  # noqa: E402
from tracker.store.schema.policies import Policy  # noqa: E402
from tracker.store.schema.reminders import Channel, Subscriber, Subscription  # noqa: E402

NOW = datetime(2025, 12, 1, 4, 0, tzinfo=timezone.utc)
TARGET = 0.7  # the tracker's throughput should be at least this share of the floor's


def arguments(doc: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="subscriber counts to run")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each size; the best is shown")
    parser.add_argument("--db-url", help="PostgreSQL admin URL (a database is created per size); default: a "
                                         "SQLite file per size")
    return parser.parse_args()


def fresh_database(admin_url: str | None, label: str) -> str:
    """A new, empty database's URL: a SQLite file, or a database created on the PostgreSQL server."""
    if not admin_url:
        return f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from tracker.config import normalise_database_url

    admin = normalise_database_url(admin_url)
    name = f"tracker_{label}_{int(time.time() * 1000)}"
    with create_engine(admin, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


def build(url: str, subscribers: int, *, channel_url: Callable[[int], str] | None = None):
    """Migrate `url` and fill it: one policy expiring in three days and `subscribers` who hear of everything,
    each by email, or (with `channel_url`) channel-only with one JSON webhook channel each."""
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    app = connect(load_settings({"TRACKER_HOME": tempfile.mkdtemp()}, database_url=url))
    joined = NOW - timedelta(days=30)
    with app.uow() as uow:
        uow.session.execute(insert(Policy).values(
            ref="bench-1", title="基准测试政策", doc_number="基准〔2025〕1号", effective_from=date(2020, 1, 1),
            effective_to=date(2025, 12, 4), window_source="stated", state="active", pinned="",
            created_at=joined, updated_at=joined))
        uow.session.execute(insert(Subscriber), [
            {"email": None if channel_url else f"s{i:05d}@example.org", "name": f"s{i}",
             "language": "zh" if i % 2 else "en", "frequency": "daily", "timezone": "Asia/Shanghai",
             "paused": False, "created_at": joined}
            for i in range(subscribers)])
        uow.session.execute(insert(Subscription), [
            {"subscriber_id": i + 1, "scope": "all", "kinds": ""} for i in range(subscribers)])
        if channel_url:
            uow.session.execute(insert(Channel), [
                {"subscriber_id": i + 1, "kind": "json", "url": channel_url(i), "label": "json://bench/****",
                 "paused": False, "created_at": joined}
                for i in range(subscribers)])
        uow.commit()
    return app


def digest_view() -> DigestView:
    """The digest every bench subscriber gets, for the floor to render."""
    return DigestView("s1", "en", date(2025, 12, 1), {"expiring": [
        DigestLine(date(2025, 12, 4), 3, "expiry", "基准测试政策 (基准〔2025〕1号)", "基准测试政策")]})


@dataclass
class Run:
    subscribers: int
    messages: int
    seconds: float
    compose_statements: int
    delivery_statements: int
    floor_seconds: float
    pass_seconds: float  # the delivery pass alone, without arming and composing

    @property
    def ratio(self) -> float:
        """The tracker's throughput as a share of the floor's (1.0: as fast as sending alone)."""
        return self.floor_seconds / self.seconds


def run_tracker(app, transport) -> tuple[float, int, int, int, float]:
    """Arm, compose and deliver everything once, timed, counting SQL statements (compose and delivery apart);
    (seconds, messages, arm+compose statements, delivery statements, seconds of the delivery pass alone)."""
    statements = 0

    def count(*_args, **_kw):
        nonlocal statements
        statements += 1

    event.listen(app.engine, "before_cursor_execute", count)
    started = time.perf_counter()
    arm_notices(app, NOW)
    composed = compose_digests(app, NOW, ignore_time=True)
    compose_statements = statements
    delivering = time.perf_counter()
    report = deliver_due(app, transport, NOW, limit=None)  # until nothing is claimable, one connection
    elapsed = time.perf_counter() - started
    event.remove(app.engine, "before_cursor_execute", count)
    assert composed == report.sent, (composed, report.sent, report.failed[:3], report.deferred[:3])
    return elapsed, report.sent, compose_statements, statements - compose_statements, elapsed - (delivering - started)


def measure(subscribers: int, make_app: Callable[[], object], make_transport: Callable[[], object],
            floor: Callable[[int], float], repeat: int = 1) -> Run:
    """The tracker's run `repeat` times (a fresh database each time) between measures of the floor; the best run
    against the floor measured around it."""
    floor(20)  # warm-up: imports, first connection, template compilation are not what is measured
    floors, runs = [floor(subscribers)], []
    for _ in range(repeat):
        app = make_app()
        try:
            runs.append(run_tracker(app, make_transport()))
        finally:
            app.dispose()
        floors.append(floor(runs[-1][1]))
    best = min(range(repeat), key=lambda i: runs[i][0])
    elapsed, sent, composing, delivering, pass_seconds = runs[best]
    # The floor beside the best run: the mean of the floors measured just before and just after it.
    return Run(subscribers, sent, elapsed, composing, delivering, (floors[best] + floors[best + 1]) / 2,
               pass_seconds)


def print_table(runs: list[Run], backend: str) -> None:
    print(f"backend: {backend}")
    print(f"{'subscribers':>11} {'messages':>8} {'msg/s':>8} {'floor msg/s':>11} {'ratio vs floor':>14} "
          f"{'pass alone':>10} {'arm+compose stmts':>17} {'delivery stmts/msg':>18}")
    for r in runs:
        flag = "" if r.ratio >= TARGET else f"  (below {TARGET})"
        print(f"{r.subscribers:>11} {r.messages:>8} {r.messages / r.seconds:>8.0f} "
              f"{r.messages / r.floor_seconds:>11.0f} {r.ratio:>14.2f} {r.floor_seconds / r.pass_seconds:>10.2f} "
              f"{r.compose_statements:>17} {r.delivery_statements / max(r.messages, 1):>18.2f}{flag}")
    print("ratio vs floor: arm + compose + deliver against render + send; pass alone: the delivery pass alone "
          "against the same floor")
    if len(runs) > 1:
        first, last = runs[0], runs[-1]
        print(f"arm+compose statements: x{last.compose_statements / max(first.compose_statements, 1):.2f} for "
              f"x{last.subscribers / first.subscribers:.0f} subscribers; delivery: one statement per message "
              "(its record) and a claim per batch")
