"""What each command loads. `tracker --help` stays light (no database, no command module); the read commands
(`upcoming`, `policies`, `show`, `targets`, `agencies`) query with SQLAlchemy Core only: no ORM, no mapped
classes, no migrations, scheduler, templates or rich (output is piped), and no other command's module.

The modules are read from sys.modules as the process exits, so whatever imported them (an `import`
statement, importlib, a lazy import inside a function) they are counted.
"""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# Runs `tracker ARGS...` and writes the names of the modules loaded at exit to the file named first.
PROBE = """
import atexit, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w", encoding="utf-8").write("\\n".join(sorted(sys.modules))))
sys.argv[0] = "tracker"
from tracker.cli.app import main
main()
"""

COMMAND_MODULES = {f"tracker.cli.{name}" for name in (
    "agenda_cmds", "db_cmds", "exchange_cmds", "ingest_cmds", "reminder_cmds", "scheduler_cmds", "sources_cmds",
    "web_cmds",
)}
ORM_MODULES = {f"tracker.store.schema.{name}" for name in (
    "base", "policies", "reminders", "scheduler", "sources", "feeds",
)}
# Never needed to read: the ORM and its mapped classes, migrations, the scheduler, templates, rich (piped).
NOT_FOR_READING = {"sqlalchemy.orm", "alembic", "apscheduler", "jinja2", "rich", *ORM_MODULES}


def imported_modules(tmp_path, *args: str, env_extra: dict[str, str] | None = None) -> set[str]:
    out = tmp_path / "modules.txt"
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", **(env_extra or {})}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return set(out.read_text(encoding="utf-8").split())


def loaded(modules: set[str], names: set[str]) -> set[str]:
    """Which of `names` are loaded (a name also matches its submodules)."""
    return {n for n in names if any(m == n or m.startswith(n + ".") for m in modules)}


def test_help_imports_no_database_command_module_migration_scheduler_or_template_library(tmp_path):
    modules = imported_modules(tmp_path, "--help")
    assert "typer" in modules  # the measurement itself works
    assert loaded(modules, {"sqlalchemy", "pydantic", *NOT_FOR_READING, *COMMAND_MODULES}) == set()


@pytest.fixture
def one_policy(db_url):
    """A policy with a measure, an agency, a target due soon and a check, for the read commands to list."""
    from sqlalchemy.orm import Session

    from tests import agenda_factories as f
    from tracker.store.db import make_engine

    engine = make_engine(db_url)
    with Session(engine) as session:
        p = f.policy(session, ref="沪测〔2024〕1号", doc_number="沪测〔2024〕1号", effective_from=date(2024, 1, 1),
                     effective_to=date(2025, 2, 28))
        who = f.agency(session, "市测试委", "测试委")
        m = f.measure(session, p, "（一）", who)
        t = f.target(session, p, "到2025年，建设10个试点", date(2025, 3, 31), measure=m, quantity=10, unit="个")
        f.check(session, t, date(2024, 12, 31), "on_track", value=5)
        session.commit()
    engine.dispose()
    return db_url


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (("upcoming", "--as-of", "2025-01-01"), "agenda_cmds"),
        (("upcoming", "--as-of", "2025-01-01", "--format", "json"), "agenda_cmds"),
        (("policies", "--as-of", "2025-01-01"), "agenda_cmds"),
        (("show", "沪测〔2024〕1号", "--as-of", "2025-01-01"), "agenda_cmds"),
        (("targets",), "agenda_cmds"),
        (("agencies",), "ingest_cmds"),
    ],
    ids=["upcoming", "upcoming-json", "policies", "show", "targets", "agencies"],
)
def test_a_read_command_queries_with_core_only_and_loads_only_its_own_command_module(tmp_path, one_policy, args,
                                                                                      module):
    modules = imported_modules(tmp_path, *args, env_extra={"TRACKER_DATABASE_URL": one_policy})
    assert "sqlalchemy.engine" in modules and "tracker.store.schema.tables" in modules  # it really queried
    assert loaded(modules, NOT_FOR_READING) == set()
    assert loaded(modules, COMMAND_MODULES) == {f"tracker.cli.{module}"}


def test_the_head_revision_read_from_the_files_is_alembics_head():
    from alembic.script import ScriptDirectory

    from tracker.resources import migrations_dir
    from tracker.store.db import head_revision

    assert head_revision() == ScriptDirectory(str(migrations_dir())).get_current_head()
