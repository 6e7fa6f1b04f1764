"""All tables. `metadata` (Alembic's target) holds every table, defined once as Core tables in `tables`; the
ORM classes of the sibling modules map onto them and are imported only by the code that writes, so the read
commands never import sqlalchemy.orm."""

from tracker.store.schema.tables import metadata  # noqa: F401
