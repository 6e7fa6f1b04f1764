"""Fixtures shared by every tier.

Database tests run on real SQLite always and on real PostgreSQL when TRACKER_TEST_PG_URL names a server
(an admin URL; each test session creates and drops its own database there). With TRACKER_REQUIRE_PG=1
(as in CI) an unreachable PostgreSQL fails the run instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = os.environ.get("TRACKER_TEST_PG_URL")
REQUIRE_PG = os.environ.get("TRACKER_REQUIRE_PG") == "1"

_CLEAN_ENV = (
    "TRACKER_DATABASE_URL",
    "TRACKER_TIMEZONE",
    "TRACKER_OUTBOX_DIR",
    "TRACKER_SMTP_HOST",
    "TRACKER_SMTP_PORT",
    "TRACKER_SMTP_USER",
    "TRACKER_SMTP_PASSWORD",
    "TRACKER_SMTP_TLS",
    "TRACKER_MAIL_FROM",
    "XDG_DATA_HOME",
)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own TRACKER_HOME; nothing reads or writes the user's real data."""
    for name in _CLEAN_ENV:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("TRACKER_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    return home


def _backends() -> list[str]:
    if PG_ADMIN_URL or REQUIRE_PG:
        return ["sqlite", "postgresql"]
    return ["sqlite"]


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> Path:
    """One migrated SQLite file per session; each test gets a copy (migrating per test is slow)."""
    from tracker.store.db import make_engine, upgrade

    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def pg_admin_url() -> str:
    from tracker.config import normalise_database_url

    if not PG_ADMIN_URL:
        pytest.fail("TRACKER_REQUIRE_PG=1 but TRACKER_TEST_PG_URL is not set")
    return normalise_database_url(PG_ADMIN_URL)


@pytest.fixture(scope="session")
def pg_server_url():
    """A fresh, empty PostgreSQL database for this test session, dropped at the end."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = pg_admin_url()
    name = f"tracker_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    try:
        admin_engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with admin_engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL required but unreachable at {admin}: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin_engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin_engine.dispose()


@pytest.fixture(scope="session")
def _pg_migrated(pg_server_url):
    from tracker.store.db import make_engine, upgrade

    engine = make_engine(pg_server_url)
    upgrade(engine)
    engine.dispose()
    return pg_server_url


def _truncate_all(url: str) -> None:
    from sqlalchemy import text

    from tracker.store.db import make_engine
    from tracker.store.schema import metadata

    engine = make_engine(url)
    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=_backends())
def db_url(request, tmp_path) -> str:
    """URL of a clean database at the newest migration, on each backend in turn."""
    if request.param == "sqlite":
        path = tmp_path / "tracker.db"
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("_pg_migrated")
    _truncate_all(url)
    return url


@pytest.fixture(params=_backends())
def empty_db_url(request, tmp_path):
    """URL of an empty database (no tables) on each backend in turn, for migration tests."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = pg_admin_url()
    name = f"tracker_empty_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin_engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    with admin_engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin_engine.dispose()


@pytest.fixture
def settings(db_url, isolated_home):
    from tracker.config import load_settings

    return load_settings(database_url=db_url)


@pytest.fixture
def app(settings):
    """The wired application (engine + session factory) on a clean migrated database."""
    from tracker.bootstrap import connect

    application = connect(settings)
    yield application
    application.dispose()


@pytest.fixture
def run_cli(db_url):
    """Invoke the CLI in-process against the test database: run_cli("upcoming", "--as-of", "2025-01-01")."""
    from typer.testing import CliRunner

    from tracker.cli.app import app as cli_app

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, db: bool = True):
        argv = list(args)
        env = {"TRACKER_DATABASE_URL": db_url} if db else {}
        return runner.invoke(cli_app, argv, input=input, env=env, catch_exceptions=False)

    return invoke
