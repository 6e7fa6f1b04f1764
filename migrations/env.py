"""Alembic environment. The engine comes from `tracker init` (config.attributes) or from the settings."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context

from tracker.store.schema import metadata

config = context.config
if config.config_file_name is not None and not config.attributes.get("engine"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _engine():
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine
    from tracker.config import load_settings
    from tracker.store.db import make_engine

    return make_engine(load_settings().database_url)


def run_migrations_offline() -> None:
    from tracker.config import load_settings

    context.configure(
        url=load_settings().database_url,
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = _engine()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode recreates a table by copying it and dropping the old one; with foreign keys on, that
            # DROP would fire ON DELETE CASCADE / SET NULL in the tables that point at it. The pragma is
            # ignored inside a transaction, so it goes straight to the driver before the first BEGIN.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        context.configure(
            connection=connection,
            target_metadata=metadata,
            # SQLite cannot ALTER most things; batch mode recreates tables so downgrades work there too.
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        try:
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left {len(broken)} rows with dangling foreign keys")
            connection.commit()
        finally:
            if sqlite:
                connection.rollback()
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
