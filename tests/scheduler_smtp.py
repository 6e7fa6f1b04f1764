"""A real SMTP server (aiosmtpd) in the test process that keeps every message it accepts."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from email import message_from_bytes


class SmtpSink:
    def __init__(self, delay: float = 0.0, refuse: frozenset[str] = frozenset()):
        self.delay = delay  # seconds before each 250 reply, so a test can kill a sender mid-run
        self.refuse = refuse  # recipients answered with "451 try again later"
        self.messages: list = []
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        if self.delay:
            await asyncio.sleep(self.delay)
        with self._lock:
            self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def message_ids(self) -> Counter:
        with self._lock:
            return Counter(m["Message-ID"] for m in self.messages)

    def wait_for(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.messages) >= count:
                    return True
            time.sleep(0.05)
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class running_sink:
    """`with running_sink(delay) as (sink, port):` an SMTP server on 127.0.0.1 for the block's duration
    (serving `sink` when given, else a plain SmtpSink)."""

    def __init__(self, delay: float = 0.0, refuse: frozenset[str] = frozenset(), sink: SmtpSink | None = None):
        self.sink = sink or SmtpSink(delay, refuse)

    def __enter__(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.sink, hostname="127.0.0.1", port=free_port())
        self.controller.start()
        return self.sink, self.controller.port

    def __exit__(self, *exc):
        self.controller.stop()
