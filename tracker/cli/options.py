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


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LangOption = Annotated[
    Optional[Lang],
    typer.Option(
        "--lang",
        help="Language of titles, measures, agencies and units shown: zh or en (English where a translation is on "
        "file). Default: $TRACKER_LANG, else zh. json and csv carry both.",
        show_default=False,
    ),
]

# Long commands show a progress bar on a terminal (tracker.cli.progress); their one-line summary is always printed.
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar (the final summary is still printed).")]


def resolve_lang(lang: Lang | None) -> str:
    """--lang, else $TRACKER_LANG, else zh (read here, at the edge)."""
    import os

    from tracker.errors import InvalidInput

    if lang is not None:
        return lang.value
    value = (os.environ.get("TRACKER_LANG") or "zh").strip().lower()
    if value not in ("zh", "en"):
        raise InvalidInput(f"TRACKER_LANG: expected zh or en, got {value!r}")
    return value


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
