"""The README's calendar, timeline and server examples run against the shipped seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SECTION = "<!-- section: calendars, timeline, web server (web) -->"


def examples() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    part = text.split(SECTION, 1)[1].split("<!-- section:", 1)[0]
    return [line.strip()[2:] for line in part.splitlines() if line.startswith("    $ tracker ")]


@pytest.mark.slow
def test_every_web_example_in_the_readme_runs_on_the_seed(tmp_path, isolated_home):
    commands = examples()
    assert len(commands) >= 4
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "TRACKER_HOME": str(isolated_home)}
    bin_dir = Path(sys.executable).parent
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"  # the venv's `tracker`
    for command in ["tracker init", "tracker seed", *commands]:
        result = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert result.returncode == 0, (command, result.stderr[-2000:])
    assert b"BEGIN:VEVENT" in (tmp_path / "deadlines.ics").read_bytes()
    assert b"BEGIN:VEVENT" in (tmp_path / "jingxin.ics").read_bytes()
    assert "Policy timeline" in (tmp_path / "timeline.html").read_text(encoding="utf-8")
