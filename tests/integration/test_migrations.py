"""The migrations are the only way the schema is built; they must match the models and run both ways."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from tracker.store.db import current_revision, downgrade, head_revision, make_engine, upgrade
from tracker.store.schema import metadata


def _drift(engine) -> list:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, metadata)


def test_models_and_migrations_do_not_drift(empty_db_url):
    engine = make_engine(empty_db_url)
    upgrade(engine)
    assert _drift(engine) == []
    engine.dispose()


def test_upgrade_downgrade_upgrade_round_trip(empty_db_url):
    engine = make_engine(empty_db_url)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert _drift(engine) == []
    engine.dispose()


def test_every_constraint_is_named_by_the_convention(empty_db_url):
    engine = make_engine(empty_db_url)
    upgrade(engine)
    insp = inspect(engine)
    for table in metadata.sorted_tables:
        for fk in insp.get_foreign_keys(table.name):
            assert fk["name"] and fk["name"].startswith(f"fk_{table.name}_"), (table.name, fk)
        for uq in insp.get_unique_constraints(table.name):
            assert uq["name"] and uq["name"].startswith(f"uq_{table.name}_"), (table.name, uq)
    engine.dispose()
