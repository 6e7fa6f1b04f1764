"""The command line: thin commands that parse, call a service or query, format, and map errors.

Command modules import only typer and the standard library at module level; SQLAlchemy, Alembic, Jinja2 and
APScheduler are imported inside the command bodies so `tracker --help` stays fast.
"""
