"""`tracker serve` (the read-only web server) and `tracker report --html` (the timeline as one file)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from tracker.cli.options import AsOfOption, DbOption


class PageLanguage(str, Enum):
    zh = "zh"
    en = "en"


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback unless you mean it).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.", min=0, max=65535)] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the timeline at /, a page per policy at /policy/REF, each subscriber's calendar feed at its secret
    URL (see `tracker subscribers feed-url`) and /healthz. Read-only; stops on Ctrl-C.

    Example: tracker serve --port 8000
    """
    from tracker.cli.options import open_app
    from tracker.web.serve import bind, run

    app = open_app(db)
    try:
        sock = bind(host, port)
        shown = f"[{host}]" if ":" in host else host
        typer.echo(f"serving http://{shown}:{sock.getsockname()[1]}/ (Ctrl-C to stop)", err=True)
        run(app, sock)
    finally:
        app.dispose()


def report(
    html: Annotated[Path, typer.Option("--html", help="Write the timeline page to this file.")],
    as_of: AsOfOption = None,
    agency: Annotated[Optional[str], typer.Option("--agency", help="Only this agency's policies (name or alias).")] = None,
    lang: Annotated[PageLanguage, typer.Option("--lang", help="Page language.")] = PageLanguage.zh,
    db: DbOption = None,
) -> None:
    """Write the timeline as one self-contained HTML file (no network needed to open it): policy windows as
    bars, today marked, extensions shown, expired and superseded greyed, targets coloured by status, filters by
    agency and status. Policy titles link to the server's pages when TRACKER_BASE_URL is set.

    Example: tracker report --html timeline.html --as-of 2025-12-01 --lang en
    """
    from tracker.cli.options import open_app, resolve_as_of
    from tracker.cli.output import write_file
    from tracker.web.pages import Links, policy_href, timeline_page

    app = open_app(db)
    try:
        day = resolve_as_of(as_of, app.settings)
        base = (app.settings.env.get("TRACKER_BASE_URL") or "").strip()
        links = Links(policy=policy_href(base, lang.value) if base else None)
        with app.engine.connect() as conn:
            page = timeline_page(conn, day, language=lang.value, agency=agency, links=links)
    finally:
        app.dispose()
    write_file(html, page.html)
    typer.echo(f"timeline written to {html}", err=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `tracker` app."""
    app.command()(serve)
    app.command()(report)
