"""A progress bar for long commands: shown on a terminal (stderr is a tty), nothing when piped or --quiet.

The work below the CLI never imports rich: it takes a plain `advance(n)` callable (and, where the total is
only known once the work has started, a `total(n)` callable), so the same code runs under the scheduler,
in tests and here. The final one-line summary is the command's own business and is always printed.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator


class Progress:
    """What a long operation reports to: `advance(n)` done, `set_total(n)` once the total is known."""

    def __init__(self, advance: Callable[[int], None], set_total: Callable[[int | None], None]):
        self.advance = advance
        self.set_total = set_total


def _noop(*_args, **_kwargs) -> None:
    return None


SILENT = Progress(_noop, _noop)


def shown(quiet: bool = False, stream=None) -> bool:
    stream = stream or sys.stderr
    return not quiet and stream.isatty() and os.environ.get("TERM") != "dumb"


@contextmanager
def progress(description: str, total: int | None = None, *, quiet: bool = False) -> Iterator[Progress]:
    """A rich progress bar on stderr while the block runs, or a silent Progress when it would not be seen."""
    if not shown(quiet):
        yield SILENT
        return
    from rich.progress import (
        BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.console import Console

    bar = RichProgress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TimeRemainingColumn(), console=Console(stderr=True), transient=True,
    )
    with bar:
        task = bar.add_task(description, total=total)
        yield Progress(
            lambda n=1: bar.advance(task, n),
            lambda n: bar.update(task, total=n),
        )
