"""Every `$ tracker ...` example in README.md runs, in order, against a database made by `tracker init` and
`tracker seed`; where the README shows the output, the output must be exactly that. So the README cannot
drift from the code or the shipped seed again.

To refresh the shown outputs after a deliberate change, run this test with README_UPDATE=1 and review the diff.

Files an example names (notice.html) are made in the working directory first. `tracker scheduler run` runs
for real as a process and is stopped with SIGTERM, as a service manager would.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.ingest_docs import notice
from tracker.cli.app import app as cli_app

REPO = Path(__file__).resolve().parents[2]
PROMPT = re.compile(r"^    \$ (tracker .*)$")


def readme_examples(text: str) -> list[tuple[int, str, list[str]]]:
    """(line number, command, expected output lines or []) for every `    $ tracker` line."""
    lines = text.splitlines()
    examples = []
    for i, line in enumerate(lines):
        match = PROMPT.match(line)
        if not match:
            continue
        command = re.split(r"\s{2,}#", match[1])[0].strip()  # a trailing `   # comment` is not part of it
        expected = []
        for follow in lines[i + 1:]:
            if not follow.startswith("    ") or PROMPT.match(follow) or not follow.strip():
                break
            expected.append(follow[4:].rstrip())
        examples.append((i + 1, command, expected))
    return examples


def test_the_readme_parser_finds_commands_and_their_output():
    text = "x\n\n    $ tracker a --b 1   # note\n    out 1\n    out 2\n    $ tracker c\n\n    $ tracker d\n"
    assert readme_examples(text) == [(3, "tracker a --b 1", ["out 1", "out 2"]), (6, "tracker c", []),
                                     (8, "tracker d", [])]


def _scheduler_runs_and_stops(env: dict[str, str], cwd: Path) -> tuple[int, str]:
    process = subprocess.Popen([sys.executable, "-m", "tracker", "scheduler", "run"], cwd=cwd,
                               env={**env, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    import threading

    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(" started" in ln for ln in lines) and process.poll() is None:
        time.sleep(0.1)  # its signal handlers are in place once it says it started
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    reader.join(10)
    return process.returncode, "".join(lines)


@pytest.mark.slow
def test_every_readme_example_runs_and_prints_what_the_readme_shows(tmp_path, monkeypatch):
    examples = readme_examples((REPO / "README.md").read_text(encoding="utf-8"))
    assert len(examples) >= 10
    env = {"TRACKER_HOME": str(tmp_path / "home"), "TRACKER_DATABASE_URL": "", "TRACKER_SMTP_HOST": "",
           "TRACKER_TIMEZONE": "Asia/Shanghai"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notice.html").write_text(
        "<html><body>" + "".join(f"<p>{ln}</p>" for ln in notice(number="沪府规〔2024〕21号").splitlines()) + "</body></html>",
        encoding="utf-8")
    runner = CliRunner()
    for args in (["init"], ["seed"]):
        assert runner.invoke(cli_app, args, catch_exceptions=False).exit_code == 0
    failures, updates = [], []
    for line_no, command, expected in examples:
        argv = shlex.split(command)[1:]
        redirect = None
        if ">" in argv:  # `tracker ... > FILE`, as the shell would
            redirect = tmp_path / argv[argv.index(">") + 1]
            argv = argv[:argv.index(">")]
        if argv[:2] == ["scheduler", "run"] and "--once" not in argv:
            code, output = _scheduler_runs_and_stops({**os.environ}, tmp_path)
            if code != 0:
                failures.append(f"README line {line_no}: `{command}` exited {code}\n{output[-1500:]}")
            continue
        result = runner.invoke(cli_app, argv, catch_exceptions=False)
        if result.exit_code != 0:
            failures.append(f"README line {line_no}: `{command}` exited {result.exit_code}: {result.output[-800:]}")
            continue
        if redirect is not None:
            redirect.write_text(result.stdout, encoding="utf-8")
            continue
        actual = [ln.rstrip() for ln in result.stdout.rstrip("\n").splitlines()]
        if expected and actual != expected and os.environ.get("README_UPDATE") == "1":
            updates.append((line_no, len(expected), actual))
        elif expected and actual != expected:
            failures.append(
                f"README line {line_no}: `{command}` printed\n" + "\n".join("    " + ln for ln in actual)
                + "\nbut the README shows\n" + "\n".join("    " + ln for ln in expected)
            )
    if updates:
        readme = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
        for line_no, old_length, actual in sorted(updates, reverse=True):
            readme[line_no:line_no + old_length] = ["    " + ln if ln else "" for ln in actual]
        (REPO / "README.md").write_text("\n".join(readme) + "\n", encoding="utf-8")
    assert not failures, "\n\n".join(failures)
