"""Channel throughput: messages per second posted to a local webhook server, and SQL statements per run.

For N channel-only subscribers (default 1,000 and 10,000), each with one JSON webhook channel, who all hear about
one policy expiring in three days, one run of arm + compose + deliver is timed and its SQL statements counted.
Beside it the floor: rendering the same chat message and posting as many over one reused HTTP connection,
nothing else. Printed: msg/s of both and their ratio (the target is at least 0.7); nothing is asserted.

    python bench/channels_bench.py                 # 1,000 and 10,000 subscribers, SQLite
    python bench/channels_bench.py --sizes 500 2000 --db-url postgresql://postgres@127.0.0.1:5432/test
    python bench/channels_bench.py --sizes 1000 --repeat 3  # best of three runs of each
"""

from __future__ import annotations

import json
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from delivery_harness import arguments, build, digest_view, fresh_database, measure, print_table

from tracker.reminders.chat import ChatRenderer
from tracker.reminders.render import Renderer
from tracker.reminders.transport import Dispatch, OutboxFolder


class Counter(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so both sides can reuse one connection
    count = 0

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        Counter.count += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def floor(port: int):
    """Render the same chat message and post as many over one connection: the cost of the posts alone."""
    def run(messages: int) -> float:
        import httpx

        chat = ChatRenderer(Renderer())
        view = digest_view()
        started = time.perf_counter()
        with httpx.Client() as client:
            for i in range(messages):
                text = chat.parts(view, "json")[0]
                body = json.dumps({"version": "1.0", "title": "digest", "message": text, "type": "info"},
                                  ensure_ascii=False)
                client.post(f"http://127.0.0.1:{port}/hook/{i}", content=body.encode("utf-8"),
                            headers={"Content-Type": "application/json"})
        return time.perf_counter() - started
    return run


def main() -> None:
    args = arguments(__doc__)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Counter)
    server.daemon_threads = True
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        runs = [
            measure(n, lambda n=n: build(fresh_database(args.db_url, f"chbench_{n}"), n,
                                         channel_url=lambda i: f"json://127.0.0.1:{port}/hook/{i}"),
                    lambda: Dispatch(OutboxFolder(Path(tempfile.mkdtemp()), "bench@example.org")),
                    floor(port), args.repeat)
            for n in args.sizes
        ]
    finally:
        server.shutdown()
    print_table(runs, "PostgreSQL" if args.db_url else "SQLite")


if __name__ == "__main__":
    main()
