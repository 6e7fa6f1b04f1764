"""`tracker ingest`, `tracker seed`, and hand corrections: `tracker set`, `tracker set-target`, `tracker agency alias`."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from tracker.cli.options import DbOption, FormatOption, ListFormat, QuietOption, settings_for


class IngestFormat(str, Enum):
    table = "table"
    json = "json"


class State(str, Enum):
    active = "active"
    repealed = "repealed"
    superseded = "superseded"


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Policy documents: .txt .md .html .pdf .docx", show_default=False)],
    source_url: Annotated[Optional[str], typer.Option("--source-url", help="Where the document was published.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be stored; write nothing.")] = False,
    fmt: Annotated[IngestFormat, typer.Option("--format", help="Report format.")] = IngestFormat.table,
    quiet: QuietOption = False,
    db: DbOption = None,
) -> None:
    """Read policy documents and store their policies, measures, agencies and targets.

    Each file is one transaction: a file that fails stores nothing, the others are still ingested, and the
    exit code is non-zero if any failed. --dry-run --format json prints the export shape and writes nothing.
    A progress bar shows on a terminal; a last line sums up (on stderr with --format json).

    Example: tracker ingest notice.html translation.pdf --source-url https://www.shanghai.gov.cn/...
    """
    from tracker.cli.progress import progress
    from tracker.clock import utc_now
    from tracker.store.exchange import export_document
    from tracker.store.ingest import ingest_file

    now = utc_now()
    app = None if dry_run else _open(db)
    today = _today(app, db, now)
    max_bytes = settings_for(db).ingest_max_bytes
    reports = []
    try:
        with progress("Ingesting", len(paths), quiet=quiet or len(paths) < 2) as bar:
            for p in paths:
                reports.append(ingest_file(app, p, now=now, today=today, source_url=source_url, dry_run=dry_run,
                                           max_bytes=max_bytes))
                bar.advance(1)
    finally:
        if app is not None:
            app.dispose()
    if fmt is IngestFormat.json:
        if dry_run:
            records = [r for rep in reports for r in rep.records]
            typer.echo(json.dumps(export_document(records, None), ensure_ascii=False, indent=2))
        else:
            typer.echo(json.dumps([_report_json(r) for r in reports], ensure_ascii=False, indent=2))
    else:
        for rep in reports:
            _print_report(rep, dry_run)
    failed = [r for r in reports if not r.ok]
    for rep in failed:
        typer.echo(f"error: {rep.error}", err=True)
    typer.echo(_summary(reports, dry_run), err=fmt is IngestFormat.json)
    if failed:
        raise typer.Exit(4)


def _summary(reports, dry_run: bool) -> str:
    """One line for the whole run: files, policies by what happened to them, failures."""
    actions: dict[str, int] = {}
    for rep in reports:
        for p in rep.policies:
            action = p["action"].split(" (")[0]  # "merged (doc_number)" counts as merged
            actions[action] = actions.get(action, 0) + 1
    policies = sum(actions.values())
    how = ", ".join(f"{n} {a}" for a, n in sorted(actions.items()))
    failed = sum(not r.ok for r in reports)
    return (f"{'dry run: ' if dry_run else ''}{len(reports)} {'file' if len(reports) == 1 else 'files'}, "
            f"{policies} {'policy' if policies == 1 else 'policies'}" + (f" ({how})" if how else "")
            + (f", {failed} failed" if failed else ""))


def _open(db):
    from tracker.cli.options import open_app

    return open_app(db)


def _today(app, db, now):
    from tracker.cli.options import settings_for
    from tracker.clock import local_today

    settings = app.settings if app is not None else settings_for(db)
    return local_today(settings.zone, now)


def _report_json(rep) -> dict:
    return {"file": rep.path, "ok": rep.ok, "error": rep.error, "language": rep.language,
            "policies": rep.policies, "problems": rep.problems}


def _print_report(rep, dry_run: bool) -> None:
    if not rep.ok:
        typer.echo(f"{rep.path}: FAILED")
        return
    typer.echo(f"{rep.path} ({rep.language}): {len(rep.policies)} {'policy' if len(rep.policies) == 1 else 'policies'}"
               + (" (dry run, nothing stored)" if dry_run else ""))
    for p in rep.policies:
        typer.echo(f"  {p['ref'] or '-'}  {p['title']}  [{p['action']}]")
        for note in p["notes"]:
            typer.echo(f"    - {note}")
    for problem in rep.problems:
        typer.echo(f"  ! {problem}")


def seed(quiet: QuietOption = False, db: DbOption = None) -> None:
    """Load the shipped seed: the source documents, the curated agencies and the overlay of hand corrections.

    Safe to run again: nothing changes the second time. A progress bar shows on a terminal.

    Example: tracker init && tracker seed
    """
    from tracker.cli.progress import progress
    from tracker.clock import local_today, utc_now
    from tracker.resources import seed_dir
    from tracker.store.ingest import apply_overlay, ingest_file, load_agencies, read_overlay

    app = _open(db)
    now = utc_now()
    today = local_today(app.settings.zone, now)
    folder = seed_dir()
    try:
        overlay = read_overlay(folder / "overlay.json")
        with app.uow() as uow:
            load_agencies(uow.session, folder / "agencies.json")
            uow.commit()
        files = sorted(p for p in (folder / "sources").iterdir() if p.suffix != ".md" and p.name != "README.md")
        reports = []
        with progress("Seeding", len(files), quiet=quiet) as bar:
            for p in files:
                reports.append(ingest_file(app, p, now=now, today=today))
                bar.advance(1)
        with app.uow() as uow:
            applied = apply_overlay(uow.session, overlay, now=now, today=today)
            uow.commit()
    finally:
        app.dispose()
    for rep in reports:
        typer.echo(f"{Path(rep.path).name}: " + (rep.error or ", ".join(f"{p['ref']} [{p['action']}]" for p in rep.policies)))
    typer.echo(f"overlay: {len(applied)} corrections applied")
    if any(not r.ok for r in reports):
        raise typer.Exit(4)


def _require_reason(reason: str | None) -> None:
    from tracker.errors import InvalidInput

    if not (reason or "").strip():
        # A hand correction overrides what the documents say; the history must say why.
        raise InvalidInput("--reason is required: say why (it is kept in the policy's history)")


def set_policy(
    ref: Annotated[str, typer.Argument(help="Policy reference (document number or slug).")],
    effective_from: Annotated[Optional[str], typer.Option("--effective-from", help="YYYY-MM-DD")] = None,
    effective_to: Annotated[Optional[str], typer.Option("--effective-to", help="YYYY-MM-DD, inclusive last day")] = None,
    plan_from: Annotated[Optional[str], typer.Option("--plan-from", help="YYYY-MM-DD, first day of the plan period")] = None,
    plan_to: Annotated[Optional[str], typer.Option("--plan-to", help="YYYY-MM-DD, last day of the plan period")] = None,
    title_en: Annotated[Optional[str], typer.Option("--title-en")] = None,
    state: Annotated[Optional[State], typer.Option("--state")] = None,
    measure: Annotated[Optional[str], typer.Option(
        "--measure", help="A measure (its number as printed, e.g. （五）) whose English counterpart --translation sets.")] = None,
    translation: Annotated[Optional[str], typer.Option(
        "--translation", help="The translation's measure paired with --measure (e.g. 5.), 'none', or 'auto'.")] = None,
    reason: Annotated[Optional[str], typer.Option("--reason", help="Why (required; kept in the history).")] = None,
    db: DbOption = None,
) -> None:
    """Correct a policy by hand. The field is pinned (re-ingest never overwrites it) and history records it.

    --measure with --translation pairs a measure with the English translation's measure by hand ('none': it
    has no English; 'auto': back to automatic alignment); re-ingesting either version keeps the pairing.

    Example: tracker set 沪府办规〔2023〕27号 --effective-to 2029-06-30 --reason "extended by notice 2028-12"
    """
    from tracker.clock import utc_now
    from tracker.domain.dates import parse_day
    from tracker.errors import InvalidInput

    _require_reason(reason)
    from tracker.store.queries import resolve_policy
    from tracker.store.schema.policies import Policy
    from tracker.store.writer import set_policy_field

    values = {}
    if effective_from is not None:
        values["effective_from"] = parse_day(effective_from, "--effective-from")
    if effective_to is not None:
        values["effective_to"] = parse_day(effective_to, "--effective-to")
    if plan_from is not None:
        values["plan_from"] = parse_day(plan_from, "--plan-from")
    if plan_to is not None:
        values["plan_to"] = parse_day(plan_to, "--plan-to")
    if title_en is not None:
        values["title_en"] = title_en.strip()
    if state is not None:
        values["state"] = state.value
    if (measure is None) != (translation is None):
        raise InvalidInput("--measure and --translation go together")
    if not values and measure is None:
        raise InvalidInput("nothing to set: give --effective-from, --effective-to, --plan-from, --plan-to, --title-en, --state or --measure")
    app = _open(db)
    now = utc_now()
    try:
        with app.uow() as uow:
            policy = uow.session.get(Policy, resolve_policy(uow.session.connection(), ref))
            start = values.get("effective_from", policy.effective_from)
            end = values.get("effective_to", policy.effective_to)
            if start and end and end < start:
                raise InvalidInput(f"--effective-to {end} is before effective_from {start}")
            plan_start, plan_end = values.get("plan_from", policy.plan_from), values.get("plan_to", policy.plan_to)
            if plan_start and plan_end and plan_end < plan_start:
                raise InvalidInput(f"--plan-to {plan_end} is before plan_from {plan_start}")
            changed = [f"{n} set" for n, v in values.items()
                       if set_policy_field(uow.session, policy, n, v, reason=reason, now=now)]
            if measure is not None:
                from tracker.store.bilingual import pair_by_hand

                changed.append(pair_by_hand(uow.session, policy, measure, translation, reason=reason, now=now))
            uow.commit()
            typer.echo(f"{policy.ref}: " + (", ".join(changed) or "no change") + " (pinned)")
    finally:
        app.dispose()


def set_target(
    ref: Annotated[str, typer.Argument(help="Policy reference.")],
    target: Annotated[int, typer.Option("--target", help="The target's id, as `tracker show` (#ID) and `tracker targets` print it.")],
    due_on: Annotated[Optional[str], typer.Option("--due-on", help="YYYY-MM-DD")] = None,
    quantity: Annotated[Optional[str], typer.Option("--quantity", help="A number, or a range LOW-HIGH (3-4).")] = None,
    unit: Annotated[Optional[str], typer.Option("--unit")] = None,
    reason: Annotated[Optional[str], typer.Option("--reason", help="Why (required; kept in the history).")] = None,
    db: DbOption = None,
) -> None:
    """Correct a target of a policy by hand (pinned; a due-date change is kept in history).

    Example: tracker set-target 沪府办规〔2023〕27号 --target 12 --due-on 2026-06-30 --reason "deferred"
    """
    from decimal import Decimal, InvalidOperation

    from tracker.clock import local_today, utc_now
    from tracker.domain.dates import parse_day
    from tracker.errors import InvalidInput, NotFound

    _require_reason(reason)
    from tracker.store.queries import resolve_policy
    from tracker.store.schema.policies import Policy, Target
    from tracker.store.writer import set_target_field

    values: dict = {}
    if due_on is not None:
        values["due_on"] = parse_day(due_on, "--due-on")
    if quantity is not None:
        low, dash, high = quantity.strip().partition("-") if not quantity.strip().startswith("-") else (quantity, "", "")
        try:
            values["quantity"] = Decimal(low)
            values["quantity_high"] = Decimal(high) if dash else None
        except InvalidOperation:
            raise InvalidInput(f"--quantity: {quantity!r} is not a number or a range LOW-HIGH") from None
        if dash and not values["quantity"] < values["quantity_high"]:
            raise InvalidInput(f"--quantity: the range {quantity!r} must go from low to high")
    if unit is not None:
        values["unit"] = unit
    if not values:
        raise InvalidInput("nothing to set: give --due-on, --quantity or --unit")
    app = _open(db)
    now = utc_now()
    try:
        with app.uow() as uow:
            policy = uow.session.get(Policy, resolve_policy(uow.session.connection(), ref))
            row = uow.session.get(Target, target)
            if row is None or row.policy_id != policy.id:
                raise NotFound(f"{policy.ref} has no target #{target} (see `tracker targets {policy.ref}`)")
            if "quantity" in values:
                # A range is compared as "between"; a single number leaves a range's comparator behind.
                if values["quantity_high"] is not None:
                    values["comparator"] = "between"
                elif row.comparator == "between":
                    values["comparator"] = "exactly"
            today = local_today(app.settings.zone, now)
            changed = [n for n, v in values.items()
                       if set_target_field(uow.session, row, n, v, reason=reason, now=now, today=today)]
            uow.commit()
            typer.echo(f"{policy.ref} target {target}: " + (", ".join(f"{n} set" for n in changed) or "no change") + " (pinned)")
    finally:
        app.dispose()


def agency_alias(
    name: Annotated[str, typer.Argument(help="The agency's canonical name (created if new).")],
    alias: Annotated[str, typer.Argument(help="Another name for it (short form, old name, English name).")],
    db: DbOption = None,
) -> None:
    """Record that ALIAS is another name of agency NAME; measures already linked to ALIAS move to NAME.

    Example: tracker agency alias 上海市经济和信息化委员会 市经济信息化委
    """
    from tracker.store.writer import add_alias

    app = _open(db)
    try:
        with app.uow() as uow:
            agency = add_alias(uow.session, name, alias)
            uow.commit()
            typer.echo(f"{alias} -> {agency.name}")
    finally:
        app.dispose()


def agency_english(
    name: Annotated[str, typer.Argument(help="The agency (its name or any alias).")],
    english: Annotated[str, typer.Argument(help="Its English name, as English readers should see it.")],
    db: DbOption = None,
) -> None:
    """Give agency NAME its English name (curated: a name learned from a translation never replaces it).
    The English name also finds the agency, like an alias (--agency, subscriptions).

    Example: tracker agency english 市体育局 "Shanghai Administration of Sports"
    """
    from tracker.errors import InvalidInput, NotFound
    from tracker.store.writer import add_alias, find_agency

    if not english.strip():
        raise InvalidInput("ENGLISH: the English name is empty")
    app = _open(db)
    try:
        with app.uow() as uow:
            agency = find_agency(uow.session, name)
            if agency is None:
                raise NotFound(f"no agency named {name!r} (names and aliases are matched)")
            taken = find_agency(uow.session, english)
            if taken is not None and taken.id != agency.id:
                raise InvalidInput(f"{english!r} already names agency {taken.name}")
            agency.name_en = " ".join(english.split())
            add_alias(uow.session, agency.name, english)
            uow.commit()
            typer.echo(f"{agency.name}: {agency.name_en}")
    finally:
        app.dispose()


def agencies(
    unmatched: Annotated[bool, typer.Option(
        "--unmatched", help="Only agencies with neither an alias nor an English name (likely new to the tracker).")] = False,
    fmt: FormatOption = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List agencies with their English names, aliases and how many measures name them.

    An agency that ingest created and nobody curated yet (no alias, no English name) is flagged `new?`: check
    whether it is a known agency under another name (`tracker agency alias`) or give it its English name.

    Example: tracker agencies --unmatched
    """
    from sqlalchemy import func, select

    from tracker.cli.options import open_app
    from tracker.cli.output import emit_rows
    from tracker.store.queries import agency_name_key
    from tracker.store.schema.tables import agency, agency_alias, measure_agency

    app = open_app(db)
    try:
        with app.engine.connect() as conn:
            aliases: dict[int, list[str]] = {}
            alias_rows = select(agency_alias.c.agency_id, agency_alias.c.alias).order_by(agency_alias.c.alias)
            for agency_id, alias in conn.execute(alias_rows):
                aliases.setdefault(agency_id, []).append(alias)
            counts = dict(conn.execute(
                select(measure_agency.c.agency_id, func.count()).group_by(measure_agency.c.agency_id)).all())
            found = list(conn.execute(select(agency.c.id, agency.c.name, agency.c.name_en).order_by(agency.c.name)))
    finally:
        app.dispose()
    table = fmt is ListFormat.table
    rows = []
    for agency_id, name, name_en in found:
        # The store keeps match keys (the name itself, a folded English name) as aliases too: not worth showing.
        keys = {name, agency_name_key(name), agency_name_key(name_en or "")}
        own = [a for a in aliases.get(agency_id, []) if a not in keys]
        new = not own and not name_en
        if unmatched and not new:
            continue
        rows.append({"name": name, "name_en": name_en or "", "aliases": "、".join(own) if table else own,
                     "measures": counts.get(agency_id, 0), "flag": "new?" if new else ""})
    emit_rows(rows, [("name", "name"), ("name_en", "English"), ("aliases", "aliases"), ("measures", "measures"),
                     ("flag", "flag")], fmt.value, empty="no agencies")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `tracker` app."""
    app.command()(agencies)
    app.command()(ingest)
    app.command()(seed)
    app.command("set")(set_policy)
    app.command("set-target")(set_target)
    agency_app = typer.Typer(name="agency", help="Agencies and their aliases.", no_args_is_help=True)
    agency_app.command("alias")(agency_alias)
    agency_app.command("english")(agency_english)
    app.add_typer(agency_app)
