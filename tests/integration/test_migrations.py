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


def test_the_channels_migration_keeps_subscribers_subscriptions_notices_and_messages(empty_db_url):
    """0008 recreates `subscriber` and `message` on SQLite: with foreign keys on, dropping the old tables would
    have cascaded to everything pointing at them."""
    from sqlalchemy import text

    engine = make_engine(empty_db_url)
    upgrade(engine, "0003")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO subscriber (id, email, language, frequency, timezone, paused, created_at) "
                          "VALUES (1, 'a@example.org', 'zh', 'daily', 'Asia/Shanghai', false, '2025-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO subscription (subscriber_id, scope, kinds) VALUES (1, 'all', '')"))
        conn.execute(text("INSERT INTO message (id, subscriber_id, digest_key, recipient, subject, body_text, body_html, "
                          "status, attempts, next_attempt_at, created_at) VALUES (1, 1, 'daily:2025-01-01', "
                          "'a@example.org', 's', 't', 'h', 'sent', 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO notice (subscriber_id, kind, item_id, item_date, rule, fires_on, armed_at, "
                          "message_id) VALUES (1, 'expiry', 1, '2025-02-01', 'before:30', '2025-01-01', "
                          "'2025-01-01 00:00:00', 1)"))
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM subscription")).scalar() == 1
        assert conn.execute(text("SELECT message_id FROM notice")).scalar() == 1
        assert conn.execute(text("SELECT channel_id, parts_sent FROM message")).one() == (None, 0)
    engine.dispose()
