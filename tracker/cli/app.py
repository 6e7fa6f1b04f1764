"""The `tracker` command. Each command module registers its commands here."""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

from tracker.cli import (
    agenda_cmds, db_cmds, exchange_cmds, help_style, ingest_cmds, reminder_cmds, scheduler_cmds, sources_cmds,
    web_cmds,
)
from tracker.errors import TrackerError

help_style.apply()


def _database_error_message(exc: BaseException) -> str | None:
    """One line for a database that went away mid-command; None for anything that is a bug."""
    module = type(exc).__module__ or ""
    if module.startswith("sqlalchemy") and type(exc).__name__ in ("OperationalError", "InterfaceError"):

        orig = getattr(exc, "orig", exc)
        first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
        return f"database error: {first}"
    return None


def _warn_unknown_variables() -> None:
    """Once per command: a misspelt TRACKER_* variable is named, not silently ignored."""
    import os

    from tracker.config import unknown_variables

    for name in unknown_variables(os.environ):
        typer.echo(f"warning: unknown setting {name} is ignored", err=True)


def _is(exc: BaseException, name: str) -> bool:
    # Typer carries its own copy of click, so its exceptions are recognised by class name.
    return any(cls.__name__ == name for cls in type(exc).__mro__)


class TrackerGroup(TyperGroup):
    """Turns user mistakes (TrackerError, bad options) and lost databases into one line on stderr and a
    non-zero exit."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except Exception as exc:
            if _is(exc, "NoArgsIsHelpError"):  # `tracker` or `tracker digest` alone: the help, not an error
                typer.echo(exc.format_message())
                sys.exit(0)
            if _is(exc, "UsageError"):
                # A bad option, value or choice is bad input like any other: one line, exit 4 (click says 2,
                # which the README keeps for bad configuration).
                command = getattr(getattr(exc, "ctx", None), "command_path", "tracker")
                message = exc.format_message().replace("Value error, ", "")
                typer.echo(f"error: {message} (see `{command} --help`)", err=True)
                sys.exit(4)
            if _is(exc, "Abort"):
                typer.echo("aborted", err=True)
                sys.exit(1)
            raise
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        if not ctx.resilient_parsing:  # not while the shell completes a word
            _warn_unknown_variables()
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
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)



def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"tracker {version('compliance-deadline-tracker')}")
        except PackageNotFoundError:
            typer.echo("tracker (not installed as a package)")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Track Chinese policy documents: validity windows, measures, responsible agencies, targets and deadlines.

    Configuration comes from environment variables (TRACKER_DATABASE_URL, TRACKER_HOME, TRACKER_TIMEZONE,
    TRACKER_SMTP_*, TRACKER_OUTBOX_DIR); every command that reads the database also takes --db.
    """


for module in (db_cmds, agenda_cmds, exchange_cmds, ingest_cmds, reminder_cmds, scheduler_cmds, sources_cmds, web_cmds):
    module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    sys.exit(main())
