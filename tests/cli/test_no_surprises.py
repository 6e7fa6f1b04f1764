"""The CLI as a new user meets it: one clear line for every mistake, nothing created by reading, plain help."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main
from sqlalchemy import select
from typer.testing import CliRunner

from tests.ingest_docs import notice, write
from tracker.cli.app import app as cli_app

REPO = Path(__file__).resolve().parents[2]


def _invoke(*args, env=None):
    return CliRunner().invoke(cli_app, list(args), env=env or {}, catch_exceptions=False)


def test_an_unsupported_database_url_is_one_line_and_exit_2(tmp_path):
    result = _invoke("upcoming", env={"TRACKER_DATABASE_URL": "mysql://user@localhost/db", "TRACKER_HOME": str(tmp_path)})
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "mysql:// is not supported" in result.stderr and "Traceback" not in result.output


def test_read_only_commands_create_no_database_file_or_folder(tmp_path):
    home = tmp_path / "home"
    for args in (("upcoming",), ("policies",), ("show", "x"), ("subscribers", "list"), ("outbox", "list"),
                 ("scheduler", "status")):
        result = _invoke(*args, env={"TRACKER_HOME": str(home), "TRACKER_DATABASE_URL": ""})
        assert result.exit_code == 5, (args, result.output)
        assert "does not exist; run `tracker init`" in result.stderr
    assert not home.exists()
    assert _invoke("init", env={"TRACKER_HOME": str(home), "TRACKER_DATABASE_URL": ""}).exit_code == 0
    assert (home / "tracker.db").exists()


def test_an_unknown_tracker_variable_is_warned_about_once_with_the_likely_name(run_cli, monkeypatch):
    monkeypatch.setenv("TRACKER_SMTP_HOTS", "mail.example.org")
    result = run_cli("upcoming", "--as-of", "2025-01-01")
    assert result.exit_code == 0
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("warning:")]
    assert warnings == ["warning: unknown setting TRACKER_SMTP_HOTS (did you mean TRACKER_SMTP_HOST?) is ignored"]


def test_every_tracker_variable_the_code_reads_is_known():
    from tracker.config import KNOWN_VARIABLES

    named = set()
    for path in (REPO / "tracker").rglob("*.py"):
        named |= set(re.findall(r"\bTRACKER_[A-Z][A-Z0-9_]*[A-Z0-9]\b", path.read_text(encoding="utf-8")))
    prefixes = {n for n in named if any(k.startswith(n + "_") for k in KNOWN_VARIABLES)}  # e.g. TRACKER_SMTP
    assert named - prefixes - KNOWN_VARIABLES == set()


def test_a_bad_choice_or_unknown_option_is_one_line_and_exit_4(run_cli):
    for args, words in ((("upcoming", "--kind", "expiring"), "'expiring' is not one of"),
                        (("upcoming", "--no-such-option"), "No such option"),
                        (("policies", "--status", "lapsed"), "'lapsed' is not one of")):
        result = run_cli(*args)
        assert result.exit_code == 4, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], result.stderr


def test_check_status_takes_on_track_and_on_underscore_track(run_cli, app, tmp_path):
    from tracker.store.schema.policies import Target

    assert run_cli("ingest", str(write(tmp_path, "n.txt", notice()))).exit_code == 0
    with app.uow(read_only=True) as uow:
        target_id = uow.session.scalars(select(Target.id)).first()
    for spelling in ("on-track", "on_track", "On-Track"):
        result = run_cli("checks", "record", str(target_id), "--status", spelling, "--on", "2025-03-01")
        assert result.exit_code == 0, result.output
    result = run_cli("checks", "record", str(target_id), "--status", "fine")
    assert result.exit_code == 4 and "--status" in result.stderr


def test_help_names_no_python_types_and_version_prints(run_cli):
    root = typer.main.get_command(cli_app)

    def walk(command, path=()):
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, path + (name,))

    leftovers = {}
    for path in walk(root):
        text = run_cli(*path, "--help", db=False).output
        found = re.findall(r"<[a-z][^>]*>|\{[a-z_]+\}|list\[", text)
        if found:
            leftovers[" ".join(path)] = found
    assert leftovers == {}
    version = run_cli("--version", db=False)
    assert version.exit_code == 0 and re.fullmatch(r"tracker \S+\n", version.output)


def test_shell_completion_completes_command_names():
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(REPO), "_TRACKER_COMPLETE": "complete_bash",
           "COMP_WORDS": "tracker upc", "COMP_CWORD": "1"}
    done = subprocess.run([sys.executable, "-c", "import sys; sys.argv[0] = 'tracker'; from tracker.cli.app import main; main()"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["upcoming"], done.stderr
