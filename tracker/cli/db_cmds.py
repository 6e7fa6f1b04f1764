"""`tracker init`: create or upgrade the schema."""

from __future__ import annotations

import typer

from tracker.cli.options import DbOption, settings_for


def init(db: DbOption = None) -> None:
    """Create the database or upgrade it to the newest schema, by running the Alembic migrations.

    Example: tracker init --db sqlite:///tracker.db
    """
    from tracker.store.db import current_revision, describe_url, make_engine, upgrade

    settings = settings_for(db)
    engine = make_engine(settings.database_url, create=True)
    try:
        upgrade(engine)
        after = current_revision(engine)
    finally:
        engine.dispose()
    typer.echo(f"database {describe_url(settings.database_url)} is at migration {after}")


def register(app: typer.Typer) -> None:
    app.command()(init)
