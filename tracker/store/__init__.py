"""The database: SQLAlchemy models, engine wiring, unit of work and queries. I/O lives here."""
