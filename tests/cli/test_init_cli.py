"""`tracker init` runs the migrations; commands on an uninitialised or unreachable database fail cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import inspect

from tracker.store.db import head_revision, make_engine

REPO = Path(__file__).resolve().parents[2]


def _tracker(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], capture_output=True, text=True, env=full_env, timeout=120
    )


def test_init_creates_the_schema_through_the_migrations(empty_db_url):
    result = _tracker("init", "--db", empty_db_url)
    assert result.returncode == 0, result.stderr
    assert f"at migration {head_revision()}" in result.stdout
    engine = make_engine(empty_db_url)
    assert {"policy", "measure", "target", "alembic_version"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_init_twice_is_harmless(empty_db_url):
    assert _tracker("init", "--db", empty_db_url).returncode == 0
    again = _tracker("init", "--db", empty_db_url)
    assert again.returncode == 0, again.stderr


def test_an_unreachable_database_is_one_line_without_a_traceback():
    result = _tracker("init", "--db", "postgresql://nobody@127.0.0.1:9/nowhere")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: cannot reach database postgresql+psycopg://nobody@127.0.0.1:9/nowhere")


def test_alembic_upgrade_head_from_the_repository_root_works_too(tmp_path):
    url = f"sqlite:///{tmp_path / 'via-alembic.db'}"
    result = subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "TRACKER_DATABASE_URL": url},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    engine = make_engine(url)
    assert "policy" in inspect(engine).get_table_names()
    engine.dispose()
