"""Wire once: build the engine, session factory and (later) mailer from Settings.

Commands and scheduler jobs call `connect()` at their edge; nothing here runs at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from tracker.config import Settings

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker


@dataclass
class App:
    settings: Settings
    engine: Engine

    @cached_property
    def session_factory(self) -> sessionmaker[Session]:
        """Made on first use: only the commands that open a unit of work import sqlalchemy.orm."""
        from tracker.store.db import make_session_factory

        return make_session_factory(self.engine)

    def uow(self, *, read_only: bool = False, single_statements: bool = False):
        """A unit of work; its transactions begin as writes unless `read_only`, or each statement is its own
        transaction with `single_statements` (see store.db.UnitOfWork)."""
        from tracker.store.db import UnitOfWork

        return UnitOfWork(self.session_factory, read_only=read_only, single_statements=single_statements)

    def dispose(self) -> None:
        self.engine.dispose()


def connect(settings: Settings, *, require_migrated: bool = True) -> App:
    """Engine (and, on first use, session factory) for the configured database; by default insists the schema is
    current."""
    from tracker.errors import DatabaseUnavailable
    from tracker.store.db import check_migrated, check_reachable, make_engine, sqlite_path

    path = sqlite_path(settings.database_url)
    if path is not None and not path.exists():
        # Connecting would create an empty file (and this command would then find it unmigrated).
        raise DatabaseUnavailable(f"database {path} does not exist; run `tracker init` (and `tracker seed`) first")
    engine = make_engine(settings.database_url)
    if require_migrated:
        check_migrated(engine)
    else:
        check_reachable(engine)
    return App(settings=settings, engine=engine)
