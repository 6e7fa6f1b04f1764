"""`tracker scheduler run|status` at the command line: clear refusals at start, a readable status."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "name, value",
    [("TRACKER_DIGEST_TIME", "half past eight"), ("TRACKER_WEEKLY_DAY", "someday"),
     ("TRACKER_DELIVERY_INTERVAL", "often"), ("TRACKER_TIMEZONE", "Mars/Olympus_Mons"),
     ("TRACKER_SMTP_TLS", "sometimes")],
)
def test_run_refuses_a_malformed_setting_with_one_line_and_exit_2(run_cli, monkeypatch, name, value):
    monkeypatch.setenv("TRACKER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv(name, value)
    result = run_cli("scheduler", "run", "--once")
    assert result.exit_code == 2
    assert result.output.strip().startswith("error: ")
    assert name in result.output
    assert "Traceback" not in result.output


def test_run_refuses_a_database_that_is_not_migrated(tmp_path):
    from typer.testing import CliRunner

    from tracker.cli.app import app

    (tmp_path / "fresh.db").touch()  # a file, but never migrated (a missing file is refused before connecting)
    result = CliRunner().invoke(app, ["scheduler", "run", "--once", "--db", str(tmp_path / "fresh.db")])
    assert result.exit_code == 5
    assert "not initialised; run `tracker init`" in result.output
    assert "Traceback" not in result.output


def test_status_of_a_scheduler_that_never_ran_says_so(run_cli):
    result = run_cli("scheduler", "status")
    assert result.exit_code == 0, result.output
    assert "no job has run yet" in result.output
    assert "schedulers alive: 0" in result.output
    assert "0 failed" in result.output


def test_status_as_json_lists_jobs_outbox_and_processes(run_cli):
    import json

    result = run_cli("scheduler", "status", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) >= {"jobs", "outbox", "processes", "alive"}
    assert report["outbox"]["failed"] == 0


def _run_once(db_url, port, *extra):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    env = {**os.environ, "PYTHONPATH": str(REPO), "TRACKER_DATABASE_URL": db_url, "TRACKER_SMTP_HOST": "127.0.0.1",
           "TRACKER_SMTP_PORT": str(port), "TRACKER_SMTP_TLS": "none", "TRACKER_DIGEST_TIME": "00:00"}
    return subprocess.run([sys.executable, "-m", "tracker", "scheduler", "run", "--once", *extra],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=60)


def test_run_once_builds_and_sends_what_is_due_then_a_second_run_finds_nothing_to_do(app, db_url, run_cli):
    from tests.reminder_factories import something_to_say
    from tests.scheduler_smtp import running_sink

    something_to_say(app, [f"s{n}@example.org" for n in range(3)], zone="Europe/Berlin")
    with running_sink() as (sink, port):
        first = _run_once(db_url, port)
        second = _run_once(db_url, port)
    assert first.returncode == 0, first.stderr
    assert "compose=ok deliver=ok heartbeat=ok" in first.stdout
    assert second.returncode == 0, second.stderr
    assert "compose=idle deliver=idle" in second.stdout
    assert len(sink.messages) == 3

    status = run_cli("scheduler", "status")
    assert "deliver" in status.output and "compose" in status.output
    assert "0 waiting" in status.output and "3 sent" in status.output
    assert "schedulers alive: 0" in status.output  # --once leaves and says so
