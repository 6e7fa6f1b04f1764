"""The `tracker` command. Each command module registers its commands (`register(app)`); they are looked up
here by name, and a module is imported only when one of its commands runs.

`tracker --help` lists the commands from COMMANDS below without importing any command module, and
`tracker upcoming` builds only `upcoming` (typer reads every parameter of every command it builds, which
for the whole tree costs more than the listing does).
"""

from __future__ import annotations

import sys
from collections.abc import MutableMapping
from functools import cache

import typer
from typer.core import TyperCommand, TyperGroup

from tracker.cli import help_style
from tracker.errors import TrackerError

help_style.apply()

# Every command and command group of `tracker`, in the order `tracker --help` lists them: the module that
# registers it, and the first sentence of its help (all the listing shows of it).
# tests/cli/test_help.py checks this table against what the modules register and their help.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("db_cmds", "Create the database or upgrade it to the newest schema, by running the Alembic migrations."),
    "upcoming": ("agenda_cmds", "List what needs attention in a window: policies whose window ends, plans whose period "
                 "ends (kind plan), targets, milestones (dated obligations without a number) and progress checks that fall due, and open targets and "
                 "milestones already past due (overdue, shown unless --no-overdue)."),
    "targets": ("agenda_cmds", "List targets and milestones with the ids `tracker checks record` takes, by due date."),
    "policies": ("agenda_cmds", "List policies with their status as of a day (not_yet_in_force, in_force, expiring, "
                 "expired, repealed, superseded, unknown) and the REF that `tracker show` and `--policy` take."),
    "show": ("agenda_cmds", "Show one policy: its window and how it is known, status, measures with their agencies, "
             "targets and milestones with the sentence they came from and their last progress check, supersession "
             "links and the history of changes."),
    "export": ("exchange_cmds", "Write every policy with its sources, measures, agencies, targets, checks and history "
               "as JSON (tracker/1)."),
    "import": ("exchange_cmds", "Read a tracker/1 JSON file into the database, all or nothing: a problem anywhere "
               "stores nothing."),
    "agencies": ("ingest_cmds", "List agencies with their English names, aliases and how many measures name them."),
    "ingest": ("ingest_cmds", "Read policy documents and store their policies, measures, agencies and targets."),
    "seed": ("ingest_cmds", "Load the shipped seed: the source documents, the curated agencies and the overlay of hand "
             "corrections."),
    "set": ("ingest_cmds", "Correct a policy by hand."),
    "set-target": ("ingest_cmds", "Correct a target of a policy by hand (pinned; a due-date change is kept in "
                   "history)."),
    "serve": ("web_cmds", "Serve the timeline at /, a page per policy at /policy/REF, each subscriber's calendar feed "
              "at its secret URL (see `tracker subscribers feed-url`) and /healthz."),
    "report": ("web_cmds", "Write the timeline as one self-contained HTML file (no network needed to open it): policy "
               "windows as bars, today marked, extensions shown, expired and superseded greyed, targets coloured by "
               "status, filters by agency and status."),
    "agency": ("ingest_cmds", "Agencies and their aliases."),
    "subscribers": ("reminder_cmds", "Manage who receives digests and about what."),
    "digest": ("reminder_cmds", "Preview and send email digests."),
    "outbox": ("reminder_cmds", "Inspect and manage the delivery outbox."),
    "checks": ("reminder_cmds", "Record progress checks on targets."),
    "scheduler": ("scheduler_cmds", "Send digests on schedule: run the scheduler, or show what it did."),
    "sources": ("sources_cmds", "Watch official sources (RSS/Atom feeds, listing pages) for new policies."),
}


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


class _Commands(MutableMapping):
    """The root group's commands: every name of COMMANDS is listed, and a command is built when first looked up."""

    def __init__(self, build):
        self._build = build
        self._built: dict = {}

    def __getitem__(self, name: str):
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = self._build(name)
        return self._built[name]

    def __setitem__(self, name: str, command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self):
        return iter(dict.fromkeys([*COMMANDS, *self._built]))

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self._built))


@cache
def _registered(module_name: str) -> typer.Typer:
    """What one command module registers, on a Typer of its own (imported and registered once)."""
    from importlib import import_module

    registry = typer.Typer()
    import_module(f"tracker.cli.{module_name}").register(registry)
    return registry


def _build(name: str):
    """The click command or group `name`, built from its module's registration (and nothing else)."""
    from typer.main import get_command_from_info, get_command_name, get_group_from_info, solve_typer_info_defaults

    registry = _registered(COMMANDS[name][0])
    for info in registry.registered_commands:
        if (info.name or get_command_name(info.callback.__name__)) == name:
            return get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
            )
    for info in registry.registered_groups:
        if solve_typer_info_defaults(info).name == name:
            return get_group_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode,
                suggest_commands=app.suggest_commands,
            )
    raise LookupError(f"tracker.cli.{COMMANDS[name][0]} registers no command {name!r}")


class TrackerGroup(TyperGroup):
    """Turns user mistakes (TrackerError, bad options) and lost databases into one line on stderr and a
    non-zero exit. Its commands are built when looked up (see `_Commands`)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.commands = _Commands(_build)

    def list_commands(self, ctx) -> list[str]:
        return list(self.commands)  # the names only: TyperGroup's own would build every command

    def format_commands(self, ctx, formatter) -> None:
        # The listing shows each command's first sentence, shortened as click shortens it, from COMMANDS.
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, TyperCommand(name=name, help=summary).get_short_help_str(limit))
                for name, (_, summary) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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


def main() -> None:
    app()


if __name__ == "__main__":
    sys.exit(main())
