"""`tracker upcoming`, `tracker policies` and `tracker show`: the read side of the tracker.

Module level imports only typer and the stdlib; the database, the domain and rich are imported inside the
commands so `tracker --help` stays light.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from tracker.cli.options import AsOfOption, DbOption, FormatOption, LangOption, ListFormat


class KindChoice(str, Enum):
    expiry = "expiry"
    target = "target"
    milestone = "milestone"
    check = "check"
    plan = "plan"


class StatusChoice(str, Enum):
    not_yet_in_force = "not_yet_in_force"
    in_force = "in_force"
    expiring = "expiring"
    expired = "expired"
    repealed = "repealed"
    superseded = "superseded"
    unknown = "unknown"


class UpcomingFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    ics = "ics"


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
    ("what", "what falls due"),
    ("agencies", "agencies"),
]
# json and csv carry the parts of the policy label separately, and what falls due.
UPCOMING_EXPORT_COLUMNS = UPCOMING_COLUMNS + [
    ("ref", "ref"),
    ("doc_number", "doc number"),
    ("title", "title"),
    ("title_en", "title en"),
    ("agencies_en", "agencies en"),
    ("measure_en", "measure en"),
    ("subject", "subject"),
    ("subject_en", "subject en"),
    ("overdue", "overdue"),
    ("lapsed", "lapsed"),
]
POLICY_COLUMNS = [
    ("ref", "ref"),
    ("status", "status"),
    ("effective_from", "from"),
    ("effective_to", "to (inclusive)"),
    ("window_source", "window"),
    ("plan", "plan period"),
    ("title", "title"),
]
# json and csv: the plan period's days instead of its years.
POLICY_EXPORT_COLUMNS = [c for c in POLICY_COLUMNS if c[0] != "plan"] + [
    ("title_en", "title en"), ("plan_from", "plan from"), ("plan_to", "plan to")]


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
    include_lapsed: Annotated[bool, typer.Option(
        "--include-lapsed", help="Also list open targets of policies no longer in force (marked lapsed).")] = False,
    fmt: Annotated[
        UpcomingFormat, typer.Option("--format", help="Output format; ics is an iCalendar file (RFC 5545).")
    ] = UpcomingFormat.table,
    lang: LangOption = None,
    db: DbOption = None,
) -> None:
    """List what needs attention in a window: policies whose window ends, plans whose period ends (kind plan),
    targets, milestones (dated obligations without a number) and progress checks that fall due, and open
    targets and milestones already past due (overdue, shown unless --no-overdue). Sorted by date.

    With --format ics the same rows are written as an iCalendar file: one all-day event each, with alarms on
    the notice days, to import into Outlook, Google or Apple Calendar (a newer file updates the events).

    Example: tracker upcoming --within 6m --as-of 2025-01-01 --kind target --agency 市住房城乡建设管理委
    Example: tracker upcoming --within 1y --format ics --lang en > deadlines.ics
    """
    from tracker.cli.options import open_app, resolve_as_of, resolve_lang, settings_for
    from tracker.domain.agenda import AgendaKind, AgendaOptions, build_agenda
    from tracker.domain.dates import window_end
    from tracker.store.queries import agency_english_names, read_agenda, read_plans

    language = resolve_lang(lang)
    settings = settings_for(db)
    day = resolve_as_of(as_of, settings)
    until = window_end(day, within)
    kinds = frozenset(AgendaKind(k.value) for k in kind) if kind else frozenset(AgendaKind)
    if fmt is UpcomingFormat.ics:
        write_calendar(db, day, until, kinds=kinds, agency=agency, policy_ref=policy, include_overdue=not no_overdue,
                       language=language, output=None)
        return
    app = open_app(db)
    try:
        with app.engine.connect() as conn:
            expiries, targets, checks = read_agenda(
                conn, day, until, kinds=[k.value for k in kinds], agency=agency, policy_ref=policy,
                include_overdue=not no_overdue,
            )
            plans = read_plans(conn, day, until, agency=agency, policy_ref=policy) if AgendaKind.PLAN in kinds else []
            options = AgendaOptions(kinds=kinds, include_overdue=not no_overdue, include_lapsed=include_lapsed)
            entries = build_agenda(day, until, expiries=expiries, targets=targets, checks=checks, options=options,
                                   plans=plans)
            names_en = agency_english_names(conn, (n for e in entries for n in e.agencies))
    finally:
        app.dispose()
    table = fmt is UpcomingFormat.table
    rows = [_entry_row(e, table, language, names_en) for e in entries]
    _emit(rows, UPCOMING_COLUMNS if table else UPCOMING_EXPORT_COLUMNS, fmt, empty="nothing due")


def write_calendar(db, as_of, until, *, kinds=None, agency=None, policy_ref=None, include_overdue=True,
                   language="zh", output=None) -> None:
    """The agenda of [as_of, until] as an iCalendar file on stdout or in `output` (used by upcoming and export)."""
    from tracker.cli.options import open_app
    from tracker.domain.agenda import AgendaKind
    from tracker.domain.notices import rules_from_env
    from tracker.web.feeds import agenda_calendar

    app = open_app(db)
    try:
        with app.uow() as uow:
            calendar = agenda_calendar(
                uow.session, as_of, until, kinds=kinds or frozenset(AgendaKind), agency=agency,
                policy_ref=policy_ref, include_overdue=include_overdue, language=language,
                rules=rules_from_env(app.settings.env), base_url=app.settings.env.get("TRACKER_BASE_URL") or None,
            )
    finally:
        app.dispose()
    if output is None:
        typer.echo(calendar.body.decode("utf-8"), nl=False)
        return
    from tracker.cli.output import write_file

    write_file(output, calendar.body)
    typer.echo(f"{calendar.events} events written to {output}", err=True)



def _entry_row(entry, table: bool, lang: str = "zh", names_en: dict | None = None) -> dict:
    from tracker.domain.agenda import policy_label, short_title

    kind = entry.kind.value
    names_en = names_en or {}
    english = [names_en.get(n, n) for n in entry.agencies]
    label = policy_label(entry.policy)
    if lang == "en" and entry.policy.title_en:
        # English titles are long too, but a cut word is unreadable: cut at a word boundary.
        from tracker.domain.docnumbers import english_doc_number

        number = english_doc_number(entry.policy.doc_number) or entry.policy.doc_number
        label = _words(entry.policy.title_en, 60) + (f" ({number})" if number else "")
    shown = english if lang == "en" else list(entry.agencies)
    from tracker.domain.numbering import english_measure_number

    measure_en = english_measure_number(entry.measure)
    about_policy = kind in ("expiry", "plan")  # what falls due is the policy itself
    measure, what = entry.measure, "" if about_policy else short_title(_clause(entry.subject), 28)
    if kind == "plan":
        what = "plan period ends" if lang == "en" else "规划期结束"
    if lang == "en":
        measure = measure_en if table else entry.measure  # json and csv: the number as printed, and measure_en
        if not about_policy and entry.subject_en:
            what = _words(_clause_en(entry.subject_en), 60) if table else entry.subject_en
    return {
        "date": entry.on,
        "days_left": entry.days_left,
        "kind": f"{kind} (overdue)" if table and entry.overdue else (f"{kind} (lapsed)" if table and entry.lapsed else kind),
        "policy": label,
        "measure": measure,
        "agencies": shown if not table else ("、" if lang != "en" else "; ").join(shown),
        "agencies_en": english,
        "ref": entry.policy.ref,
        "doc_number": entry.policy.doc_number,
        "title": entry.policy.title,
        "title_en": entry.policy.title_en,
        "measure_en": measure_en,
        "subject": entry.subject,
        "subject_en": entry.subject_en,
        # Rows of one policy differ by what falls due: its first words (an expiry's is the policy itself).
        "what": what,
        "overdue": entry.overdue,
        "lapsed": entry.lapsed,
    }


def _clause(text: str) -> str:
    """The part of a target sentence that says what is due: from its date phrase on (到2025年，建设30个…)."""
    import re

    match = re.search(r"(?:到|至|在)?\d{4}年(?:底|末|前|年底前)?[，,]?", text or "")
    return (text[match.end():] if match and match.end() < len(text) else text).strip("，,。 ")


def _clause_en(text: str) -> str:
    """An English target sentence without its leading date phrase (By the end of 2025, …), capitalised."""
    import re

    rest = re.sub(r"^\s*(?:by|before|until)\s+(?:the\s+end\s+of\s+)?(?:the\s+year\s+(?:of\s+)?)?[^,]{0,20}?\d{4},\s*",
                  "", text or "", flags=re.I)
    return (rest[:1].upper() + rest[1:]) if rest else text


def _words(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


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
    lang: LangOption = None,
    db: DbOption = None,
) -> None:
    """List policies with their status as of a day (not_yet_in_force, in_force, expiring, expired, repealed,
    superseded, unknown) and the REF that `tracker show` and `--policy` take.

    Example: tracker policies --status expiring --as-of 2028-11-01 --agency 市发展改革委
    """
    from tracker.cli.options import open_app, resolve_as_of, resolve_lang, settings_for
    from tracker.domain.dates import window_end
    from tracker.domain.status import policy_status
    from tracker.store.queries import policy_list, resolve_agency

    english = resolve_lang(lang) == "en"
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
    # A Row's cells are read by position, their names looked up once: by name (or as a dict per row) the cells
    # cost more than the rest of the listing, which runs to 100,000 policies.
    at = {name: i for i, name in enumerate(found[0]._fields)} if found else {}
    ref, title, title_en, start, end, window, state, plan_from, plan_to = (at.get(n) for n in (
        "ref", "title", "title_en", "effective_from", "effective_to", "window_source", "state", "plan_from", "plan_to"))
    english_titles = english and fmt is ListFormat.table
    rows = []
    for p in found:
        status_now = policy_status(p[start], p[end], p[state], day, horizon).value
        if wanted is None or status_now in wanted:
            rows.append({
                "ref": p[ref], "status": status_now, "effective_from": p[start], "effective_to": p[end],
                "window_source": p[window], "title": (english_titles and p[title_en]) or p[title],
                "title_en": p[title_en], "plan_from": p[plan_from], "plan_to": p[plan_to],
                # A plan's period in years (2026-2030): not its window, the status ignores it.
                "plan": f"{p[plan_from].year}-{p[plan_to].year}" if p[plan_from] and p[plan_to] else None,
            })
    _emit(rows, POLICY_COLUMNS if fmt is ListFormat.table else POLICY_EXPORT_COLUMNS, fmt, empty="no policies")


def show(
    ref: Annotated[str, typer.Argument(help="The policy's REF (as listed by `tracker policies`) or document number.")],
    as_of: AsOfOption = None,
    expiring_within: ExpiringOption = "90d",
    fmt: Annotated[ShowFormat, typer.Option("--format", help="Output format.")] = ShowFormat.text,
    lang: LangOption = None,
    db: DbOption = None,
) -> None:
    """Show one policy: its window and how it is known, status, measures with their agencies, targets and
    milestones with the sentence they came from and their last progress check, supersession links and the
    history of changes.

    Example: tracker show 沪府办规〔2023〕27号 --as-of 2025-06-30
    """
    from tracker.cli.options import open_app, resolve_as_of, resolve_lang, settings_for
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
    typer.echo(dumps(document) if fmt is ShowFormat.json else detail_text(document, resolve_lang(lang)))


def targets(
    ref: Annotated[Optional[str], typer.Argument(help="Only this policy (its REF or document number).")] = None,
    open_only: Annotated[bool, typer.Option("--open", help="Only targets not yet closed by a met or missed check.")] = False,
    agency: AgencyOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List targets and milestones with the ids `tracker checks record` takes, by due date.

    Example: tracker targets 沪府办规〔2023〕27号 --open
    """
    from tracker.cli.options import open_app, resolve_as_of
    from tracker.domain.agenda import short_title
    from tracker.store.queries import target_listing

    app = open_app(db)
    day = resolve_as_of(as_of, app.settings)
    try:
        with app.engine.connect() as conn:
            found = target_listing(conn, policy_ref=ref, agency=agency, open_only=open_only)
    finally:
        app.dispose()
    table = fmt is ListFormat.table
    rows = []
    for t in found:
        state = t.outcome or ("overdue" if t.due_on is not None and t.due_on < day else "open")
        number = None if t.quantity is None else f"{t.quantity.normalize():f}"
        if number is not None and t.quantity_high is not None:
            number = f"{number}-{t.quantity_high.normalize():f}"
        amount = "" if number is None else f"{number} {t.unit or ''}".strip()
        rows.append({
            "id": t.id, "due_on": t.due_on, "kind": t.kind, "status": state,
            "policy": short_title(t.policy_title, 24) + (f" ({t.doc_number})" if t.doc_number else "") if table else t.policy_ref,
            "measure": t.measure, "quantity": amount, "text": short_title(t.text, 40) if table else t.text,
        })
    columns = [("id", "id"), ("due_on", "due"), ("kind", "kind"), ("status", "status"), ("policy", "policy"),
               ("measure", "measure"), ("quantity", "quantity"), ("text", "what")]
    _emit(rows, columns, fmt, empty="no targets")


def _emit(rows, columns, fmt, empty):
    from tracker.cli.output import emit_rows

    emit_rows(rows, columns, fmt.value, empty=empty)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `tracker` app."""
    app.command()(upcoming)
    app.command()(targets)
    app.command()(policies)
    app.command()(show)
