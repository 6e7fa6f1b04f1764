"""`tracker export` and `tracker import`: the whole database as `tracker/1` JSON, and back."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from tracker.cli.options import AsOfOption, DbOption, LangOption, QuietOption


class ExportFormat(str, Enum):
    json = "json"
    ics = "ics"


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Export format.")] = ExportFormat.json,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    as_of: AsOfOption = None,
    agency: Annotated[
        Optional[str], typer.Option("--agency", help="--format ics: only items of this agency (name or alias).")
    ] = None,
    policy: Annotated[
        Optional[str], typer.Option("--policy", help="--format ics: only this policy (ref or document number).")
    ] = None,
    lang: LangOption = None,
    db: DbOption = None,
) -> None:
    """Write every policy with its sources, measures, agencies, targets, checks and history as JSON (tracker/1).

    `status` is as of --as-of (default today); `tracker import` ignores it.

    With --format ics: every dated item from --as-of on (expiries, targets, milestones, progress checks, and
    targets already overdue) as an iCalendar file, one all-day event each with alarms on the notice days.

    Example: tracker export --format json --output backup.json
    Example: tracker export --format ics --agency 市发展改革委 --lang en --output deadlines.ics
    """
    from tracker.cli.options import open_app, resolve_as_of, resolve_lang, settings_for
    from tracker.errors import InvalidInput

    if fmt is ExportFormat.ics:
        from datetime import date

        from tracker.cli.agenda_cmds import write_calendar

        day = resolve_as_of(as_of, settings_for(db))
        write_calendar(db, day, date(9999, 12, 31), agency=agency, policy_ref=policy, language=resolve_lang(lang),
                       output=output)
        return
    if agency or policy:
        raise InvalidInput("--agency and --policy narrow --format ics only; the JSON export is the whole database")
    from tracker.store.exchange import agency_entries, export_document, policy_records

    app = open_app(db)
    try:
        day = resolve_as_of(as_of, app.settings)
        with app.uow(read_only=True) as uow:
            document = export_document(policy_records(uow.session), day, agency_entries(uow.session))
    finally:
        app.dispose()
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        from tracker.cli.output import write_file

        write_file(output, text)
        typer.echo(f"{len(document['policies'])} policies written to {output}", err=True)


def import_(
    file: Annotated[Path, typer.Argument(help="A tracker/1 JSON file (from `tracker export`).")],
    quiet: QuietOption = False,
    db: DbOption = None,
) -> None:
    """Read a tracker/1 JSON file into the database, all or nothing: a problem anywhere stores nothing.

    Policies are matched by ref (then document number) and replaced by the file's version. The file is read
    as a stream (memory stays flat however large it is), with a progress bar on a terminal.

    Example: tracker import backup.json
    """
    from tracker.cli.progress import progress
    from tracker.clock import local_today, utc_now
    from tracker.cli.options import open_app
    from tracker.errors import InvalidInput
    from tracker.store.exchange import stream_document
    from tracker.store.importer import import_policies

    if not file.is_file():
        raise InvalidInput(f"{file}: " + ("is a directory" if file.is_dir() else "no such file"))
    app = open_app(db)
    now = utc_now()
    try:
        today = local_today(app.settings.zone, now)
        with app.uow() as uow, progress(f"Importing {file.name} (MB)", file.stat().st_size / 1e6, quiet=quiet) as bar:
            records = stream_document(file, str(file), advance=lambda n: bar.advance(n / 1e6))
            stored = import_policies(uow.session, records, now=now, today=today, origin=str(file))
            uow.commit()
    finally:
        app.dispose()
    typer.echo(f"{stored.stored} policies imported from {file}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `tracker` app."""
    app.command()(export)
    app.command("import")(import_)
