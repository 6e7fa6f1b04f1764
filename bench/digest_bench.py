"""Digest throughput: messages per second delivered to a local SMTP sink, and SQL statements per digest run.

For N subscribers (default 1,000 and 10,000) who all hear about one policy expiring in three days, one run of
arm + compose + deliver is timed and its SQL statements counted (a `before_cursor_execute` listener). Beside it
the floor: rendering the same templates and sending the same number of messages over one reused SMTP
connection, nothing else. Printed: msg/s of both and their ratio (the target is at least 0.7); nothing is
asserted. 10,000 subscribers take minutes on a busy machine: pick sizes with --sizes.

    python bench/digest_bench.py                 # 1,000 and 10,000 subscribers, SQLite
    python bench/digest_bench.py --sizes 500 2000 --db-url postgresql://postgres@127.0.0.1:5432/test
    python bench/digest_bench.py --sizes 1000 --repeat 3  # best of three runs of each
"""

from __future__ import annotations

import smtplib
import socket
import time
from email.message import EmailMessage

from delivery_harness import arguments, build, digest_view, fresh_database, measure, print_table

from tracker.config import SmtpSettings
from tracker.reminders.render import Renderer
from tracker.reminders.transport import SmtpTransport


class CountingSink:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def floor(port: int):
    """Render the same templates and send as many messages over one connection: the cost of the mail alone."""
    def run(messages: int) -> float:
        renderer = Renderer()
        view = digest_view()
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
    return run


def main() -> None:
    args = arguments(__doc__)
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(CountingSink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        runs = [
            measure(n, lambda n=n: build(fresh_database(args.db_url, f"bench_{n}"), n),
                    lambda: SmtpTransport(SmtpSettings("127.0.0.1", port, None, None, "none"), "bench@example.org"),
                    floor(port), args.repeat)
            for n in args.sizes
        ]
    finally:
        controller.stop()
    print_table(runs, "PostgreSQL" if args.db_url else "SQLite")


if __name__ == "__main__":
    main()
