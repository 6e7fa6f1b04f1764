"""Options shared by many commands, defined once. And the edge helpers every command uses."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from tracker.bootstrap import App
    from tracker.config import Settings

DbOption = Annotated[
    Optional[str],
    typer.Option(
        "--db",
        help="Database URL or SQLite file path. Default: $TRACKER_DATABASE_URL, else $TRACKER_HOME/tracker.db.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    Optional[str],
    typer.Option(
        "--as-of",
        help="The day to compute for (YYYY-MM-DD). Default: today in $TRACKER_TIMEZONE (Asia/Shanghai).",
        show_default=False,
    ),
]


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[ListFormat, typer.Option("--format", help="Output format.")]


def settings_for(db: str | None) -> Settings:
    from tracker.config import load_settings

    return load_settings(database_url=db)


def open_app(db: str | None, *, require_migrated: bool = True) -> App:
    """Settings and database for a command (the edge where configuration is read)."""
    from tracker.bootstrap import connect

    return connect(settings_for(db), require_migrated=require_migrated)


def resolve_as_of(as_of: str | None, settings: Settings) -> date:
    """The explicit --as-of day, or today in the configured zone (the clock is read here, once)."""
    from tracker.clock import local_today
    from tracker.domain.dates import parse_day

    if as_of:
        return parse_day(as_of, "--as-of")
    return local_today(settings.zone)
