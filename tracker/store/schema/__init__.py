"""All tables. Importing this package registers every model on `Base.metadata` (Alembic's target)."""

from tracker.store.schema.base import Base
from tracker.store.schema import feeds, policies, reminders, scheduler, sources  # noqa: F401  (registers tables)

metadata = Base.metadata
