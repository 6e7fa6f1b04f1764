"""The `tracker` command. Each command module registers its commands here."""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

from tracker.cli import agenda_cmds, db_cmds, exchange_cmds, ingest_cmds, reminder_cmds, scheduler_cmds, sources_cmds
from tracker.errors import TrackerError


def _database_error_message(exc: BaseException) -> str | None:
    """One line for a database that went away mid-command; None for anything that is a bug."""
    module = type(exc).__module__ or ""
    if module.startswith("sqlalchemy") and type(exc).__name__ in ("OperationalError", "InterfaceError"):

        orig = getattr(exc, "orig", exc)
        first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
        return f"database error: {first}"
    return None


class TrackerGroup(TyperGroup):
    """Turns user mistakes (TrackerError) and lost databases into one line on stderr and a non-zero exit."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except Exception as exc:
            message = _database_error_message(exc)
            if message is None:
                raise
            typer.echo(f"error: {message}", err=True)
            raise typer.Exit(5) from None


app = typer.Typer(
    cls=TrackerGroup,
    name="tracker",
    help="Track Chinese policy documents: validity windows, measures, responsible agencies, targets and deadlines.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)



@app.callback()
def _root() -> None:
    """Track Chinese policy documents: validity windows, measures, responsible agencies, targets and deadlines.

    Configuration comes from environment variables (TRACKER_DATABASE_URL, TRACKER_HOME, TRACKER_TIMEZONE,
    TRACKER_SMTP_*, TRACKER_OUTBOX_DIR); every command that reads the database also takes --db.
    """


for module in (db_cmds, agenda_cmds, exchange_cmds, ingest_cmds, reminder_cmds, scheduler_cmds, sources_cmds):
    module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    sys.exit(main())
