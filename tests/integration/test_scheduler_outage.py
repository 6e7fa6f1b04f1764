"""A database that goes away while the scheduler runs: logged, retried with backoff, nothing lost once back."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import pytest
from sqlalchemy.engine import make_url

from tests.scheduler_proxy import TcpProxy
from tests.reminder_factories import something_to_say
from tests.scheduler_smtp import running_sink
from tracker.scheduling import jobs



@pytest.fixture(autouse=True)
def _fresh_wiring():
    """The jobs cache an App and transport per database URL: build them from this test's settings."""
    jobs.forget_wiring()
    yield
    jobs.forget_wiring()

def test_jobs_back_off_while_the_database_is_away_and_catch_up_when_it_returns(app, db_url, monkeypatch, caplog):
    if not db_url.startswith("postgresql"):
        pytest.skip("a database server that goes away and comes back is a PostgreSQL scenario")
    something_to_say(app, [f"s{n}@example.org" for n in range(3)])
    server = make_url(db_url)
    proxy = TcpProxy(server.host or "127.0.0.1", server.port or 5432)
    proxy.start()
    via_proxy = server.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    monkeypatch.setattr(jobs, "FIRST_BACKOFF", timedelta(milliseconds=300))
    caplog.set_level(logging.INFO, logger="tracker.scheduler")

    with running_sink() as (sink, port):
        monkeypatch.setenv("TRACKER_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("TRACKER_SMTP_PORT", str(port))
        monkeypatch.setenv("TRACKER_SMTP_TLS", "none")
        assert jobs.heartbeat(via_proxy, "p", interval=1).outcome == "ok"

        proxy.stop()
        assert jobs.compose_digests(via_proxy, "p", "00:00", 0, lease=120, interval=1).outcome == "error"
        failures = [r for r in caplog.records if "failed" in r.getMessage()]
        assert len(failures) == 1 and "compose" in failures[0].getMessage()
        # asked again at once: still backing off, so no new attempt and no new log line
        assert jobs.compose_digests(via_proxy, "p", "00:00", 0, lease=120, interval=1).outcome == "error"
        assert len([r for r in caplog.records if "failed" in r.getMessage()]) == 1

        proxy.start()  # same port: the database is back
        time.sleep(0.35)  # let the short test backoff pass
        built = jobs.compose_digests(via_proxy, "p", "00:00", 0, lease=120, interval=1)
        sent = jobs.deliver_messages(via_proxy, "p", delivery_lease=60, interval=1)
    proxy.stop()
    assert (built.outcome, built.count) == ("ok", 3)
    assert (sent.outcome, sent.count) == ("ok", 3)
    assert sorted(m["To"] for m in sink.messages) == ["s0@example.org", "s1@example.org", "s2@example.org"]
    assert any("recovered" in r.getMessage() for r in caplog.records)
