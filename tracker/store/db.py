"""Engine and session wiring, the unit of work, and running migrations.

Built once per command or job from Settings (see tracker.bootstrap); nothing connects at import time.
sqlalchemy.orm is imported only by the code that opens a unit of work: the read commands query with Core.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from tracker.errors import DatabaseUnavailable
from tracker.resources import migrations_dir

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "tracker_writes"  # execution option: this connection's transactions will write
# Execution option: every statement is its own transaction, committed as it runs (the outbox's one-statement
# claims and records). SQLite's driver is already in autocommit, so no BEGIN is sent at all.
SINGLE_STATEMENT_OPTION = "tracker_single_statements"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for another database or an in-memory one."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[1] if "///" in url else ""
    return Path(path).expanduser() if path and path != ":memory:" else None


def make_engine(url: str, *, echo: bool = False, create: bool = False) -> Engine:
    """An engine for `url`. SQLite gets foreign keys, WAL and a busy timeout on every connection.

    Only `create` (tracker init) makes the SQLite file's folder; every other command refuses a missing file
    (connect() checks first), so a read-only command never leaves a file or folder behind.
    """
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if create and path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        # hide_parameters: a driver error must not print the values it was given (webhook keys, feed tokens).
        engine = create_engine(url, echo=echo, hide_parameters=True,
                               connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; let SQLAlchemy emit BEGIN.
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, hide_parameters=True)


def _sqlite_begin(conn) -> None:
    # A transaction that will write begins as a write (BEGIN IMMEDIATE): it then waits on the busy timeout
    # for another writer. A deferred transaction that read first and then writes is refused at once
    # ("database is locked") when another process wrote in between. Plain reads stay deferred, so in WAL
    # mode they never wait for a writer. A lone statement takes the write lock it needs as it starts, so
    # single-statement sessions send no BEGIN: one round trip fewer per outbox message.
    options = conn.get_execution_options()
    if options.get(SINGLE_STATEMENT_OPTION):
        return
    if options.get(WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # autocommit at the driver; SQLAlchemy's "begin" hook emits BEGIN
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def describe_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is reported by the caller
        return "<unparseable database URL>"


def _unreachable(engine: Engine, exc: BaseException) -> DatabaseUnavailable:
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else type(exc).__name__
    return DatabaseUnavailable(f"cannot reach database {describe_url(str(engine.url))}: {reason}")


def check_reachable(engine: Engine) -> None:
    """Raise DatabaseUnavailable with one clean line if the database cannot be reached."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (OperationalError, SQLAlchemyError, OSError) as exc:
        raise _unreachable(engine, exc) from None


def check_migrated(engine: Engine) -> None:
    """Raise DatabaseUnavailable unless the database is reachable and its schema at the newest migration.

    Every command pays this, so it is one SELECT on alembic_version (reachability comes with it).
    """
    try:
        current = current_revision(engine)
    except (OperationalError, SQLAlchemyError, OSError) as exc:
        raise _unreachable(engine, exc) from None
    head = head_revision()
    if current != head:
        where = describe_url(str(engine.url))
        if current is None:
            raise DatabaseUnavailable(f"database {where} is not initialised; run `tracker init`")
        raise DatabaseUnavailable(
            f"database {where} is at migration {current}, this tracker needs {head}; run `tracker init`"
        )


def _alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str | None:
    """The newest migration's id, read from the migration files without importing alembic.

    Every command checks it, and loading alembic's ScriptDirectory would cost each `tracker upcoming` the
    alembic import; a test compares this with alembic's own answer.
    """
    import re

    revisions: dict[str, str | None] = {}
    for path in (migrations_dir() / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev = re.search(r"^revision\b[^=]*=\s*['\"]([^'\"]+)['\"]", source, re.M)
        down = re.search(r"^down_revision\b[^=]*=\s*(?:['\"]([^'\"]+)['\"]|None)", source, re.M)
        if rev:
            revisions[rev[1]] = down[1] if down else None
    heads = set(revisions) - set(revisions.values())
    return heads.pop() if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at; None when it has no alembic_version table (never initialised).

    One SELECT; the table is looked for only when that fails, so any other failure is raised, not taken for
    an empty database.
    """
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:
            conn.rollback()  # PostgreSQL refuses anything else in the failed transaction
            from sqlalchemy import inspect

            if inspect(conn).has_table("alembic_version"):
                raise
            return None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create or upgrade the schema by running the Alembic migrations (never create_all)."""
    from alembic import command

    check_reachable(engine)
    command.upgrade(_alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(_alembic_config(engine), revision)


class UnitOfWork:
    """One transaction. Leaving the block without `commit()` rolls everything back.

        with UnitOfWork(session_factory) as uow:
            uow.session.add(...)
            uow.commit()

    Every transaction of a unit of work begins as a write (BEGIN IMMEDIATE on SQLite, see _sqlite_begin)
    unless it is opened `read_only`: code that writes is then right by default, and reads that say so never
    queue behind a writer.

    `single_statements` is for code whose every write is one statement that must stand on its own (the
    outbox's claims and records): each statement commits as it runs, with no BEGIN sent, so `commit()` only
    ends the session's bookkeeping.
    """

    def __init__(self, session_factory: sessionmaker[Session], *, read_only: bool = False,
                 single_statements: bool = False):
        self._factory = session_factory
        self._read_only = read_only
        self._single_statements = single_statements
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        if self._single_statements:
            bind = self._factory.kw["bind"]
            # PostgreSQL: the driver's autocommit (reset when the connection goes back to the pool); SQLite's
            # driver is in autocommit already and the option only keeps _sqlite_begin from sending BEGIN.
            options = ({SINGLE_STATEMENT_OPTION: True} if bind.dialect.name == "sqlite"
                       else {"isolation_level": "AUTOCOMMIT"})
            self.session = self._factory(bind=bind.execution_options(**options))
        elif self._read_only:
            bind = self._factory.kw["bind"]
            self.session = self._factory(bind=bind.execution_options(**{WRITE_OPTION: False}))
        else:
            self.session = self._factory()
        return self

    def __exit__(self, *exc) -> None:
        # close() rolls back whatever was not committed; unlike rollback() it leaves loaded objects readable
        # (detached, not expired), so a command can format what it read after the block.
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


def load_orm() -> None:
    """Import every mapped class and configure the mappers, all at once.

    Mappers name each other by string (relationship("Target")) and are configured on first use. With modules
    imported lazily, a thread could otherwise configure them while another is half-way through importing a
    schema module, and the failure would stick for the life of the process (the scheduler's job threads).
    """
    from sqlalchemy.orm import configure_mappers

    from tracker.store.schema import feeds, policies, reminders, scheduler, sources  # noqa: F401

    configure_mappers()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    from sqlalchemy.orm import sessionmaker

    load_orm()  # before any session exists: no thread can see half the classes
    return sessionmaker(bind=engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)
