"""Digest throughput: messages per second delivered to a local SMTP sink, and SQL statements per digest run.

For N subscribers (default 1,000 and 10,000) who all hear about one policy expiring in three days, one run of
arm + compose + deliver is timed and its SQL statements counted (a `before_cursor_execute` listener). Beside it
the floor: rendering the same templates and sending the same number of messages over one reused SMTP
connection, nothing else. Figures are printed as ratios from one run on one machine; nothing is asserted.

    python bench/digest_bench.py                 # 1,000 and 10,000 subscribers, SQLite
    python bench/digest_bench.py --sizes 500 2000 --db-url postgresql://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import smtplib
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, insert  # noqa: E402

from tracker.bootstrap import connect  # noqa: E402
from tracker.config import SmtpSettings, load_settings  # noqa: E402
from tracker.reminders import arm_notices, compose_digests, deliver_due  # noqa: E402
from tracker.reminders.digest import DigestLine, DigestView  # noqa: E402
from tracker.reminders.render import Renderer  # noqa: E402
from tracker.reminders.transport import SmtpTransport  # noqa: E402
from tracker.store.db import make_engine, upgrade  # noqa: E402
from tracker.store.schema.policies import Policy  # noqa: E402
from tracker.store.schema.reminders import Subscriber, Subscription  # noqa: E402

NOW = datetime(2025, 12, 1, 4, 0, tzinfo=timezone.utc)


class CountingSink:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def build(url: str, subscribers: int):
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
            {"email": f"s{i:05d}@example.org", "name": f"s{i}", "language": "zh" if i % 2 else "en",
             "frequency": "daily", "timezone": "Asia/Shanghai", "paused": False, "created_at": joined}
            for i in range(subscribers)])
        uow.session.execute(insert(Subscription), [
            {"subscriber_id": i + 1, "scope": "all", "kinds": ""} for i in range(subscribers)])
        uow.commit()
    return app


def run_tracker(app, port: int) -> tuple[float, int, int]:
    statements = 0

    def count(*_args, **_kw):
        nonlocal statements
        statements += 1

    event.listen(app.engine, "before_cursor_execute", count)
    transport = SmtpTransport(SmtpSettings("127.0.0.1", port, None, None, "none"), "bench@example.org")
    started = time.perf_counter()
    arm_notices(app, NOW)
    composed = compose_digests(app, NOW, ignore_time=True)
    compose_statements = statements
    sent = deliver_due(app, transport, NOW, limit=None).sent  # until nothing is claimable, one connection
    elapsed = time.perf_counter() - started
    event.remove(app.engine, "before_cursor_execute", count)
    assert composed == sent, (composed, sent)
    return elapsed, sent, compose_statements, statements - compose_statements


def run_floor(messages: int, port: int) -> float:
    """Render the same templates and send as many messages over one connection: the cost of the mail alone."""
    renderer = Renderer()
    view = DigestView("s1", "en", date(2025, 12, 1), {"expiring": [
        DigestLine(date(2025, 12, 4), 3, "expiry", "基准测试政策 (基准〔2025〕1号)", "基准测试政策")]})
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for i in range(messages):
            subject, text, html = renderer.render(view)
            email = EmailMessage()
            email["From"], email["To"], email["Subject"] = "bench@example.org", f"s{i:05d}@example.org", subject
            email.set_content(text)
            email.add_alternative(html, subtype="html")
            smtp.send_message(email)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--db-url", help="PostgreSQL admin URL; default: a SQLite file per size")
    args = parser.parse_args()
    from aiosmtpd.controller import Controller

    sink = CountingSink()
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    rows = []
    try:
        for n in args.sizes:
            if args.db_url:
                from sqlalchemy import create_engine, text
                from sqlalchemy.engine import make_url

                from tracker.config import normalise_database_url

                admin = normalise_database_url(args.db_url)
                name = f"tracker_bench_{n}_{int(time.time())}"
                with create_engine(admin, isolation_level="AUTOCOMMIT").connect() as conn:
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
                url = make_url(admin).set(database=name).render_as_string(hide_password=False)
            else:
                url = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
            app = build(url, n)
            elapsed, sent, composing, delivering = run_tracker(app, port)
            floor = run_floor(sent, port)
            rows.append((n, sent, elapsed, composing, delivering, floor))
            app.dispose()
    finally:
        controller.stop()
    print(f"{'subscribers':>11} {'messages':>8} {'msg/s':>8} {'floor msg/s':>11} {'tracker/floor time':>18} "
          f"{'arm+compose stmts':>17} {'delivery stmts/msg':>18}")
    for n, sent, elapsed, composing, delivering, floor in rows:
        print(f"{n:>11} {sent:>8} {sent / elapsed:>8.0f} {sent / floor:>11.0f} {elapsed / floor:>18.2f} "
              f"{composing:>17} {delivering / max(sent, 1):>18.2f}")
    if len(rows) > 1:
        (n0, _, _, c0, _, _), (n1, _, _, c1, _, _) = rows[0], rows[-1]
        print(f"arm+compose statements: x{c1 / c0:.2f} for x{n1 / n0:.0f} subscribers "
              f"(one read/write round per {1000} subscribers); delivery claims and records each message on its own")


if __name__ == "__main__":
    main()
