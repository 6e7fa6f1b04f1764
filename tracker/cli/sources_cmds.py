"""`tracker sources add|list|check|remove`: watch official feeds and listing pages for new documents."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated, Optional

import typer

from tracker.cli.options import DbOption, FormatOption, ListFormat

sources_app = typer.Typer(name="sources", help="Watch official sources (RSS/Atom feeds, listing pages) for new policies.",
                          no_args_is_help=True)


class Kind(str, Enum):
    feed = "feed"
    listing = "listing"


def _open(db):
    from tracker.cli.options import open_app

    return open_app(db)


def _fetcher():
    import os

    from tracker.sources.fetch import fetcher_from_env

    return fetcher_from_env(os.environ)


def _stamp(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "-"


def _every(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


@sources_app.command("add")
def sources_add(
    url: Annotated[str, typer.Argument(help="The feed or listing page (http or https).")],
    name: Annotated[Optional[str], typer.Option("--name", help="A short name (default: host and path).")] = None,
    kind: Annotated[Optional[Kind], typer.Option("--kind", help="feed (RSS/Atom) or listing (HTML page of links). Default: detected.")] = None,
    agency: Annotated[Optional[str], typer.Option("--agency", help="The agency publishing here: its subscribers hear of every new policy.")] = None,
    every: Annotated[str, typer.Option("--every", help="How often to check: 30m, 6h, 1d ...")] = "6h",
    db: DbOption = None,
) -> None:
    """Watch URL. It is fetched once now to check it is a feed, or a listing with document links.

    Example: tracker sources add https://www.gov.cn/zhengce/zuixin.htm --name gov-latest --kind listing --every 6h
    """
    from tracker.clock import utc_now
    from tracker.sources.watch import add_source

    every_seconds = _parse_every(every)
    app = _open(db)
    try:
        with _fetcher() as fetcher:
            row = add_source(app, url, name=name, kind=kind.value if kind else None, agency=agency,
                             every_seconds=every_seconds, fetcher=fetcher, now=utc_now())
    finally:
        app.dispose()
    typer.echo(f"watching {row.name}: {_shown(row.url)} ({row.kind}, every {_every(row.every_seconds)}"
               + (f", agency {row.agency}" if row.agency else "") + ")")


def _parse_every(every: str) -> int:
    import re

    from tracker.errors import InvalidInput

    m = re.fullmatch(r"\s*(\d+)\s*([mhd])\s*", every or "")
    if not m or int(m[1]) == 0:
        raise InvalidInput(f"--every: expected minutes, hours or days such as 30m, 6h or 1d, got {every!r}")
    return int(m[1]) * {"m": 60, "h": 3600, "d": 86400}[m[2]]


@sources_app.command("list")
def sources_list(fmt: FormatOption = ListFormat.table, db: DbOption = None) -> None:
    """List watched sources: last check, last new document, documents brought, URLs failing.

    Example: tracker sources list --format json
    """
    from tracker.sources.watch import list_sources

    app = _open(db)
    try:
        rows = list_sources(app)
    finally:
        app.dispose()
    if fmt is ListFormat.json:
        typer.echo(json.dumps([_row_json(r) for r in rows], ensure_ascii=False, indent=2))
        return
    if fmt is ListFormat.csv:
        import csv
        import sys

        writer = csv.writer(sys.stdout)
        writer.writerow(["name", "url", "kind", "agency", "every", "checked_at", "outcome", "error", "last_new_at",
                         "documents", "failing"])
        for r in rows:
            writer.writerow([r.name, _shown(r.url), r.kind, r.agency or "", _every(r.every_seconds), _stamp(r.checked_at),
                             r.check_outcome or "", r.check_error or "", _stamp(r.last_new_at), r.documents,
                             len(r.failures)])
        return
    if not rows:
        typer.echo("no sources (add one with `tracker sources add URL`)")
        return
    for r in rows:
        typer.echo(f"{r.name}  {r.kind}  every {_every(r.every_seconds)}  {_shown(r.url)}" + (f"  [{r.agency}]" if r.agency else ""))
        typer.echo(f"  last check: {_stamp(r.checked_at)} {r.check_outcome or 'never'}"
                   + (f" ({r.check_error})" if r.check_error else "")
                   + f"; last new document: {_stamp(r.last_new_at)}; documents: {r.documents}")
        for url, status, reason in r.failures:
            typer.echo(f"  ! {status}: {_shown(url)}" + (f" ({reason})" if reason else ""))


def _row_json(r) -> dict:
    return {
        "name": r.name, "url": _shown(r.url), "kind": r.kind, "agency": r.agency, "every_seconds": r.every_seconds,
        "checked_at": r.checked_at.isoformat() if r.checked_at else None, "outcome": r.check_outcome,
        "error": r.check_error, "last_new_at": r.last_new_at.isoformat() if r.last_new_at else None,
        "next_check_at": r.next_check_at.isoformat(), "documents": r.documents,
        "failures": [{"url": _shown(u), "status": s, "reason": why} for u, s, why in r.failures],
    }


@sources_app.command("check")
def sources_check(
    name: Annotated[Optional[str], typer.Argument(help="One source (default: every source).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would be fetched; fetch no document, store nothing.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar (the reports and summary line are still printed).")] = False,
    db: DbOption = None,
) -> None:
    """Check sources now: new documents are ingested (one transaction each) and changes become notices.

    Shows a progress bar on a terminal (not when piped or with --quiet) and ends with one summary line.
    Exit code 1 when a source or a document failed (failures are kept and retried on the next check).

    Example: tracker sources check gov-latest --dry-run
    """
    from tracker.cli.progress import progress
    from tracker.clock import utc_now
    from tracker.reminders import arm_notices
    from tracker.scheduling.steps import check_sources
    from tracker.sources.watch import source_names

    app = _open(db)
    now = utc_now()
    failed = checked = new = skipped = 0
    try:
        names = source_names(app, name)
        if not names:
            typer.echo("no sources (add one with `tracker sources add URL`)")
            return
        with _fetcher() as fetcher, progress("Checking sources", len(names), quiet=quiet) as bar:
            for source, report in check_sources(app, names, fetcher, start=now, holder=_holder(), dry_run=dry_run):
                bar.advance(1)
                if report is None:
                    typer.echo(f"{source}: being checked by a scheduler; skipped")
                    skipped += 1
                    continue
                _print_report(report)
                checked += 1
                new += report.new_documents
                failed += report.outcome == "failed" or any(
                    e.status in ("failed", "refused", "blocked") for e in report.entries)
        if not dry_run:
            arm_notices(app, utc_now())  # after the checks: what they found is due as of now
    finally:
        app.dispose()
    typer.echo(f"{'dry run: ' if dry_run else ''}{checked} of {len(names)} source{'s' if len(names) != 1 else ''} "
               f"checked, {new} new document{'s' if new != 1 else ''}, {failed} with failures"
               + (f", {skipped} skipped (being checked by a scheduler)" if skipped else ""))
    if failed:
        raise typer.Exit(1)


def _holder() -> str:
    import os
    import socket

    return f"cli:{socket.gethostname()}:{os.getpid()}"


def _print_report(report) -> None:
    head = {"ok": "checked", "not_modified": "not modified", "failed": "FAILED", "dry_run": "dry run"}[report.outcome]
    typer.echo(f"{report.source}: {head}" + (f" ({report.error})" if report.error else "")
               + f"; {report.new_documents} new document{'s' if report.new_documents != 1 else ''}")
    for e in report.entries:
        typer.echo(f"  {e.status}: {_shown(e.url)}" + (f" ({e.reason})" if e.reason else ""))
        for p in e.policies:
            typer.echo(f"    {p}")
        for c in e.changes:
            typer.echo(f"    -> {c}")


@sources_app.command("remove")
def sources_remove(
    name: Annotated[str, typer.Argument(help="The source's name.")],
    db: DbOption = None,
) -> None:
    """Stop watching a source. What it brought stays on file.

    Example: tracker sources remove gov-latest
    """
    from tracker.sources.watch import remove_source

    app = _open(db)
    try:
        remove_source(app, name)
    finally:
        app.dispose()
    typer.echo(f"no longer watching {name}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `tracker` app."""
    app.add_typer(sources_app)


_SECRET_PARAM = ("key", "token", "access_token", "secret", "sign", "signature", "password", "passwd", "apikey",
                 "api_key", "auth", "sid", "session")


def shown_url(url: str) -> str:
    """A URL as listings show it: user:password@ and secret-looking query values (token=, key=, ...) masked.
    A feed service's token in its URL is a secret like any other."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "****@" + netloc.rsplit("@", 1)[1]
    query = parts.query
    if query:
        pairs = [(k, "****" if k.lower() in _SECRET_PARAM else v) for k, v in parse_qsl(query, keep_blank_values=True)]
        query = urlencode(pairs, safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


_shown = shown_url
