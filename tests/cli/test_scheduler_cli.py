"""`tracker scheduler run|status` at the command line: clear refusals at start, a readable status."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "name, value",
    [("TRACKER_DIGEST_TIME", "half past eight"), ("TRACKER_WEEKLY_DAY", "someday"),
     ("TRACKER_DELIVERY_INTERVAL", "often"), ("TRACKER_TIMEZONE", "Mars/Olympus_Mons")],
)
def test_run_refuses_a_malformed_setting_with_one_line_and_exit_2(run_cli, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    result = run_cli("scheduler", "run", "--once")
    assert result.exit_code == 2
    assert result.output.strip().startswith("error: ")
    assert name in result.output
    assert "Traceback" not in result.output


def test_run_refuses_a_database_that_is_not_migrated(tmp_path):
    from typer.testing import CliRunner

    from tracker.cli.app import app

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
