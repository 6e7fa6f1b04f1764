"""An aiosmtpd server for reminder tests: accepts, defers (451) or rejects (550) chosen recipients."""

from __future__ import annotations

from tests.scheduler_smtp import SmtpSink, running_sink


class ReplySink(SmtpSink):
    def __init__(self, defer=frozenset(), reject=frozenset()):
        super().__init__(refuse=frozenset(defer))
        self.reject = set(reject)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return "550 5.1.1 no such mailbox"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)

    def to(self, address: str) -> list:
        with self._lock:
            return [m for m in self.messages if m["To"] == address]


def smtp_server(**kw) -> running_sink:
    """`with smtp_server(defer=..., reject=...) as (sink, port):` a real SMTP server on 127.0.0.1."""
    return running_sink(sink=ReplySink(**kw))
