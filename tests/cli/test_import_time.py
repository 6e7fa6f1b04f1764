"""`tracker --help` stays light, and `tracker upcoming` loads no migration, scheduling or template machinery."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def imported_modules(*args: str, env_extra: dict[str, str] | None = None) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", **(env_extra or {})}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tracker", *args], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    modules = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if not name.startswith("imported package"):
                modules.add(name)
    return modules


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_help_imports_no_database_migration_scheduler_or_template_library():
    loaded = top_level(imported_modules("--help"))
    assert "typer" in loaded  # the measurement itself works
    assert loaded.isdisjoint({"sqlalchemy", "alembic", "apscheduler", "jinja2"}), loaded & {
        "sqlalchemy", "alembic", "apscheduler", "jinja2"
    }


@pytest.mark.parametrize("args", [("upcoming", "--as-of", "2025-01-01"), ("upcoming", "--format", "json")])
def test_upcoming_imports_no_migration_scheduler_or_template_library(db_url, args):
    loaded = top_level(imported_modules(*args, env_extra={"TRACKER_DATABASE_URL": db_url}))
    assert "sqlalchemy" in loaded  # it really queried the database
    assert loaded.isdisjoint({"alembic", "apscheduler", "jinja2"}), loaded & {"alembic", "apscheduler", "jinja2"}


def test_the_head_revision_read_from_the_files_is_alembics_head():
    from alembic.script import ScriptDirectory

    from tracker.resources import migrations_dir
    from tracker.store.db import head_revision

    assert head_revision() == ScriptDirectory(str(migrations_dir())).get_current_head()
