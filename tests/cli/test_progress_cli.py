"""Long commands show a progress bar on a terminal and nothing when piped or --quiet; the summary line always.

Run as real processes: on a pseudo-terminal (python's pty module) for the terminal case, through pipes otherwise.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.resources import seed_dir

REPO = Path(__file__).resolve().parents[2]


def _env(db_url: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "TRACKER_DATABASE_URL": db_url, "TERM": "xterm-256color",
            "COLUMNS": "120"}


def _on_a_terminal(args: list[str], db_url: str) -> tuple[int, str]:
    """Run `tracker ARGS` with stdout and stderr on a pseudo-terminal; (exit code, everything it wrote)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "tracker", *args], stdin=subprocess.DEVNULL, stdout=follower,
                               stderr=follower, env=_env(db_url), cwd=REPO)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return process.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def _piped(args: list[str], db_url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tracker", *args], capture_output=True, text=True,
                          env=_env(db_url), cwd=REPO, timeout=120)


def _backup(tmp_path: Path, policies: int = 400) -> Path:
    """A tracker/1 file big enough that importing it takes a moment."""
    doc = {"format": "tracker/1", "policies": [
        {"ref": f"p{i}", "title": f"测试办法{i}", "effective_from": "2024-01-01",
         "measures": [{"number": f"{k}.", "ordinal": k, "text": f"第{k}项", "agencies": [{"name": "市财政局"}]}
                      for k in range(1, 11)]}
        for i in range(policies)]}
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_shows_a_progress_bar_on_a_terminal(db_url, tmp_path):
    code, output = _on_a_terminal(["import", str(_backup(tmp_path))], db_url)
    assert code == 0, output
    assert "Importing backup.json" in output  # the bar (erased when done, but it was drawn)
    assert "400 policies imported from" in output


def test_import_piped_or_quiet_shows_only_the_summary(db_url, tmp_path):
    backup = _backup(tmp_path)
    piped = _piped(["import", str(backup)], db_url)
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == "" and piped.stdout == f"400 policies imported from {backup}\n"
    code, output = _on_a_terminal(["import", "--quiet", str(backup)], db_url)
    assert code == 0, output
    assert "Importing" not in output and "\x1b[" not in output
    assert output.strip() == f"400 policies imported from {backup}"


def test_ingest_of_many_files_shows_progress_on_a_terminal_and_a_summary_always(db_url, tmp_path):
    files = [str(p) for p in sorted((seed_dir() / "sources").glob("00[0-2]_*.txt"))]
    code, output = _on_a_terminal(["ingest", *files], db_url)
    assert code == 0, output
    assert "Ingesting" in output
    assert output.rstrip().splitlines()[-1].startswith("3 files, ")
    piped = _piped(["ingest", *files], db_url)
    assert piped.returncode == 0 and "Ingesting" not in piped.stdout + piped.stderr
    assert piped.stdout.splitlines()[-1].startswith("3 files, ") and "unchanged" in piped.stdout.splitlines()[-1]
