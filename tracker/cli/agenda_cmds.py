"""`tracker upcoming`, `tracker policies` and `tracker show`: the read side of the tracker.

Module level imports only typer and the stdlib; the database, the domain and rich are imported inside the
commands so `tracker --help` stays light.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from tracker.cli.options import AsOfOption, DbOption, FormatOption, ListFormat


class KindChoice(str, Enum):
    expiry = "expiry"
    target = "target"
    milestone = "milestone"
    check = "check"


class StatusChoice(str, Enum):
    not_yet_in_force = "not_yet_in_force"
    in_force = "in_force"
    expiring = "expiring"
    expired = "expired"
    repealed = "repealed"
    superseded = "superseded"
    unknown = "unknown"


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


AgencyOption = Annotated[
    Optional[str], typer.Option("--agency", help="Only items of this agency (its name or any alias).")
]
ExpiringOption = Annotated[
    str,
    typer.Option(
        "--expiring-within",
        help="A policy in force is 'expiring' when its last day falls within this window (90d, 6m, 1y).",
    ),
]

UPCOMING_COLUMNS = [
    ("date", "date"),
    ("days_left", "days left"),
    ("kind", "kind"),
    ("policy", "policy"),
    ("measure", "measure"),
    ("agencies", "agencies"),
]
# json and csv carry the parts of the policy label separately, and what falls due.
UPCOMING_EXPORT_COLUMNS = UPCOMING_COLUMNS + [
    ("ref", "ref"),
    ("doc_number", "doc number"),
    ("title", "title"),
    ("subject", "subject"),
    ("overdue", "overdue"),
]
POLICY_COLUMNS = [
    ("ref", "ref"),
    ("status", "status"),
    ("effective_from", "from"),
    ("effective_to", "to (inclusive)"),
    ("window_source", "window"),
    ("title", "title"),
]


def upcoming(
    within: Annotated[
        str, typer.Option("--within", help="Look-ahead window: 90d, 6m, 1y (also 2w) or a last day YYYY-MM-DD.")
    ] = "90d",
    as_of: AsOfOption = None,
    kind: Annotated[
        Optional[list[KindChoice]], typer.Option("--kind", help="Only these kinds (repeatable).", show_default=False)
    ] = None,
    agency: AgencyOption = None,
    policy: Annotated[Optional[str], typer.Option("--policy", help="Only this policy (its ref or document number).")] = None,
    no_overdue: Annotated[bool, typer.Option("--no-overdue", help="Hide targets already past due.")] = False,
    fmt: FormatOption = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List what needs attention in a window: policies whose window ends, targets, milestones (dated
    obligations without a number) and progress checks that fall due, and open targets and milestones already
    past due (overdue, shown unless --no-overdue). Sorted by date.

    Example: tracker upcoming --within 6m --as-of 2025-01-01 --kind target --agency 市住房城乡建设管理委
    """
    from tracker.cli.options import open_app, resolve_as_of, settings_for
    from tracker.domain.agenda import AgendaKind, AgendaOptions, build_agenda
    from tracker.domain.dates import window_end
    from tracker.store.queries import read_agenda

    settings = settings_for(db)
    day = resolve_as_of(as_of, settings)
    until = window_end(day, within)
    kinds = frozenset(AgendaKind(k.value) for k in kind) if kind else frozenset(AgendaKind)
    app = open_app(db)
    try:
        with app.engine.connect() as conn:
            expiries, targets, checks = read_agenda(
                conn, day, until, kinds=[k.value for k in kinds], agency=agency, policy_ref=policy,
                include_overdue=not no_overdue,
            )
    finally:
        app.dispose()
    options = AgendaOptions(kinds=kinds, include_overdue=not no_overdue)
    entries = build_agenda(day, until, expiries=expiries, targets=targets, checks=checks, options=options)
    table = fmt is ListFormat.table
    rows = [_entry_row(e, table) for e in entries]
    _emit(rows, UPCOMING_COLUMNS if table else UPCOMING_EXPORT_COLUMNS, fmt, empty="nothing due")


def _entry_row(entry, table: bool) -> dict:
    from tracker.domain.agenda import policy_label

    kind = entry.kind.value
    return {
        "date": entry.on,
        "days_left": entry.days_left,
        "kind": f"{kind} (overdue)" if table and entry.overdue else kind,
        "policy": policy_label(entry.policy),
        "measure": entry.measure,
        "agencies": list(entry.agencies) if not table else "、".join(entry.agencies),
        "ref": entry.policy.ref,
        "doc_number": entry.policy.doc_number,
        "title": entry.policy.title,
        "subject": entry.subject,
        "overdue": entry.overdue,
    }


def policies(
    status: Annotated[
        Optional[list[StatusChoice]],
        typer.Option("--status", help="Only policies with this status on the as-of day (repeatable).", show_default=False),
    ] = None,
    agency: AgencyOption = None,
    text: Annotated[
        Optional[str], typer.Option("--text", help="Only policies whose title, English title or ref contains this.")
    ] = None,
    as_of: AsOfOption = None,
    expiring_within: ExpiringOption = "90d",
    fmt: FormatOption = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List policies with their status as of a day (not_yet_in_force, in_force, expiring, expired, repealed,
    superseded, unknown) and the REF that `tracker show` and `--policy` take.

    Example: tracker policies --status expiring --as-of 2028-11-01 --agency 市发展改革委
    """
    from tracker.cli.options import open_app, resolve_as_of, settings_for
    from tracker.domain.dates import window_end
    from tracker.domain.status import policy_status
    from tracker.store.queries import policy_list, resolve_agency

    settings = settings_for(db)
    day = resolve_as_of(as_of, settings)
    horizon = (window_end(day, expiring_within, "--expiring-within") - day).days
    wanted = {s.value for s in status} if status else None
    app = open_app(db)
    try:
        with app.engine.connect() as conn:
            agency_ids = resolve_agency(conn, agency) if agency else None
            found = policy_list(conn, agency_ids=agency_ids, text=text)
    finally:
        app.dispose()
    rows = []
    for p in found:
        state = policy_status(p.effective_from, p.effective_to, p.state, day, horizon).value
        if wanted is None or state in wanted:
            rows.append({**p._asdict(), "status": state})
    _emit(rows, POLICY_COLUMNS, fmt, empty="no policies")


def show(
    ref: Annotated[str, typer.Argument(help="The policy's REF (as listed by `tracker policies`) or document number.")],
    as_of: AsOfOption = None,
    expiring_within: ExpiringOption = "90d",
    fmt: Annotated[ShowFormat, typer.Option("--format", help="Output format.")] = ShowFormat.text,
    db: DbOption = None,
) -> None:
    """Show one policy: its window and how it is known, status, measures with their agencies, targets and
    milestones with the sentence they came from and their last progress check, supersession links and the
    history of changes.

    Example: tracker show 沪府办规〔2023〕27号 --as-of 2025-06-30
    """
    from tracker.cli.options import open_app, resolve_as_of, settings_for
    from tracker.cli.output import dumps
    from tracker.cli.policy_view import detail_document, detail_text
    from tracker.domain.dates import window_end
    from tracker.store.queries import policy_detail, resolve_policy

    settings = settings_for(db)
    day = resolve_as_of(as_of, settings)
    horizon = (window_end(day, expiring_within, "--expiring-within") - day).days
    app = open_app(db)
    try:
        with app.engine.connect() as conn:
            detail = policy_detail(conn, resolve_policy(conn, ref))
    finally:
        app.dispose()
    document = detail_document(detail, day, horizon)
    typer.echo(dumps(document) if fmt is ShowFormat.json else detail_text(document))


def _emit(rows, columns, fmt, empty):
    from tracker.cli.output import emit_rows

    emit_rows(rows, columns, fmt.value, empty=empty)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `tracker` app."""
    app.command()(upcoming)
    app.command()(policies)
    app.command()(show)
