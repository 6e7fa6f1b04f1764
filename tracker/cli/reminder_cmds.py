"""Reminder commands: subscribers, digests, the outbox, and progress checks on targets."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, List, Optional

import typer

from tracker.cli.options import AsOfOption, DbOption, FormatOption, ListFormat, open_app, resolve_as_of

subscribers_app = typer.Typer(help="Manage who receives digests and about what.", no_args_is_help=True)
digest_app = typer.Typer(help="Preview and send email digests.", no_args_is_help=True)
outbox_app = typer.Typer(help="Inspect and manage the delivery outbox.", invoke_without_command=True)
checks_app = typer.Typer(help="Record progress checks on targets.", no_args_is_help=True)


class Language(str, Enum):
    zh = "zh"
    en = "en"


class Frequency(str, Enum):
    daily = "daily"
    weekly = "weekly"


CHECK_STATUSES = ("met", "on-track", "at-risk", "missed")


def _check_status(value: str) -> str:
    """on-track, on_track and On-Track alike: people type what the README's table shows, or what the JSON holds."""
    from tracker.errors import InvalidInput

    status = value.strip().lower().replace("_", "-")
    if status not in CHECK_STATUSES:
        raise InvalidInput(f"--status: expected met, on-track, at-risk or missed, got {value!r}")
    return status


class PreviewFormat(str, Enum):
    text = "text"
    html = "html"


def _noon(day, settings):
    """The moment a --as-of day stands for: noon in the configured zone (so every subscriber zone sees that day)."""
    from datetime import datetime, time

    return datetime.combine(day, time(12, 0), tzinfo=settings.zone)


@subscribers_app.command("add")
def subscribers_add(
    email: Annotated[str, typer.Argument(metavar="NAME", help="An email address, or a plain name for a subscriber reached only by --channel.")],
    name: Annotated[Optional[str], typer.Option(help="Display name used in the greeting.")] = None,
    agency: Annotated[Optional[List[str]], typer.Option(help="Hear about the measures this agency is responsible for (aliases match). Repeatable.")] = None,
    policy: Annotated[Optional[List[str]], typer.Option(help="Hear about this policy (REF or document number). Repeatable.")] = None,
    kind: Annotated[Optional[List[str]], typer.Option(help="Only these kinds: expiry, target, check, new (policies found at watched sources), repeal. Repeatable.")] = None,
    channel: Annotated[Optional[List[str]], typer.Option(help="Also deliver to this chat or webhook: wecombot://KEY, dingtalk://TOKEN[/SECRET], feishu://TOKEN[/SECRET], lark://…, slack://A/B/C, msteams://…, json(s)://host/path, or the service's https webhook URL. Repeatable.")] = None,
    language: Annotated[Language, typer.Option(help="Digest language.")] = Language.zh,
    frequency: Annotated[Frequency, typer.Option(help="Digest frequency.")] = Frequency.daily,
    timezone: Annotated[str, typer.Option(help="IANA zone for the subscriber's 'today' and send time.")] = "Asia/Shanghai",
    db: DbOption = None,
) -> None:
    """Subscribe NAME (an email address, or a team's name with --channel). Without --agency or --policy the
    subscriber hears about everything.

    Example: tracker subscribers add 经信委群 --agency 市经济信息化委 --channel wecombot://KEY
    """
    from tracker.clock import utc_now
    from tracker.reminders.subscribers import add_subscriber

    app = open_app(db)
    with app.uow() as uow:
        sub = add_subscriber(
            uow.session, email, now=utc_now(), name=name, agencies=agency or [], policies=policy or [],
            kinds=kind or [], language=language.value, frequency=frequency.value, timezone=timezone,
            channels=channel or [],
        )
        uow.commit()
        labels = [c.label for c in sub.channels]
        typer.echo(f"subscribed {sub.handle} ({sub.language}, {sub.frequency}, {sub.timezone})"
                   + (f" via {', '.join(labels)}" if labels else ""))


@subscribers_app.command("set")
def subscribers_set(
    who: Annotated[str, typer.Argument(metavar="NAME", help="The subscriber's email address or name.")],
    name: Annotated[Optional[str], typer.Option(help="Display name used in the greeting.")] = None,
    language: Annotated[Optional[Language], typer.Option(help="Digest language.", show_default=False)] = None,
    frequency: Annotated[Optional[Frequency], typer.Option(help="Digest frequency.", show_default=False)] = None,
    timezone: Annotated[Optional[str], typer.Option(help="IANA zone for the subscriber's 'today' and send time.")] = None,
    db: DbOption = None,
) -> None:
    """Change a subscriber's name, language, frequency or time zone, keeping what they already received.

    Example: tracker subscribers set li@example.cn --language en --frequency weekly
    """
    from tracker.config import load_zone
    from tracker.errors import ConfigError, InvalidInput
    from tracker.reminders.subscribers import find_subscriber

    if name is None and language is None and frequency is None and timezone is None:
        raise InvalidInput("nothing to set: give --name, --language, --frequency or --timezone")
    if timezone is not None:
        try:
            load_zone(timezone, "--timezone")
        except ConfigError as exc:  # an option, not the configuration: bad input
            raise InvalidInput(str(exc)) from None
    app = open_app(db)
    with app.uow() as uow:
        sub = find_subscriber(uow.session, who)
        if name is not None:
            sub.name = name.strip() or None
        if language is not None:
            sub.language = language.value
        if frequency is not None:
            sub.frequency = frequency.value
        if timezone is not None:
            sub.timezone = timezone
        uow.commit()
        typer.echo(f"{sub.handle}: {sub.language}, {sub.frequency}, {sub.timezone}")


@subscribers_app.command("add-channel")
def subscribers_add_channel(
    who: Annotated[str, typer.Argument(metavar="NAME", help="The subscriber's email address or name.")],
    urls: Annotated[List[str], typer.Argument(metavar="URL...", help="Channel URLs (see `subscribers add --help`).")],
    db: DbOption = None,
) -> None:
    """Deliver NAME's digests to more chat or webhook channels too.

    Example: tracker subscribers add-channel li@example.cn dingtalk://TOKEN/SECRET
    """
    from tracker.clock import utc_now
    from tracker.reminders.subscribers import add_channels

    app = open_app(db)
    with app.uow() as uow:
        sub, added = add_channels(uow.session, who, urls, now=utc_now())
        uow.commit()
        typer.echo(f"added {', '.join(c.label for c in added)} to {sub.handle}")


@subscribers_app.command("test")
def subscribers_test(
    who: Annotated[str, typer.Argument(metavar="NAME", help="The subscriber's email address or name.")],
    db: DbOption = None,
) -> None:
    """Send a short test message now to NAME's email address and channels; records nothing.

    Exits 1 when a destination refused it, with the (masked) reason.
    Example: tracker subscribers test 经信委群
    """
    from tracker.clock import utc_now
    from tracker.reminders import make_transport, send_test

    app = open_app(db)
    results = send_test(app, make_transport(app.settings), who, utc_now())
    for where, error in results:
        typer.echo(f"sent: {where}" if error is None else f"failed: {error}", err=error is not None)
    if not results:
        typer.echo("nothing to test: no email address and no active channel")
    if any(error is not None for _, error in results):
        raise typer.Exit(1)


@subscribers_app.command("list")
def subscribers_list(fmt: FormatOption = ListFormat.table, db: DbOption = None) -> None:
    """List subscribers, their channels (secrets masked) and what they hear about.

    Example: tracker subscribers list --format json
    """
    from sqlalchemy import select

    from tracker.cli.output import emit_rows
    from tracker.store.schema.policies import Agency, Policy
    from tracker.store.schema.reminders import Channel, Subscriber, Subscription

    app = open_app(db)
    with app.uow(read_only=True) as uow:
        subs = list(uow.session.scalars(select(Subscriber).order_by(Subscriber.email, Subscriber.name)))
        scopes = uow.session.execute(
            select(Subscription.subscriber_id, Subscription.scope, Agency.name, Policy.ref, Subscription.kinds)
            .outerjoin(Agency, Agency.id == Subscription.agency_id)
            .outerjoin(Policy, Policy.id == Subscription.policy_id)
        ).all()
        # Only the masked label is read: the stored URL holds the secrets.
        channels = uow.session.execute(
            select(Channel.id, Channel.subscriber_id, Channel.label, Channel.paused).order_by(Channel.id)
        ).all()
    about: dict[int, list[str]] = {}
    for sid, scope, agency_name, ref, kinds in scopes:
        what = {"all": "everything", "agency": f"agency {agency_name}", "policy": f"policy {ref}"}[scope]
        about.setdefault(sid, []).append(what + (f" [{kinds}]" if kinds else ""))
    via: dict[int, list[str]] = {}
    for cid, sid, label, paused in channels:
        via.setdefault(sid, []).append(f"#{cid} {label}" + (" (paused)" if paused else ""))
    rows = [
        {"email": s.email, "name": s.name, "language": s.language, "frequency": s.frequency, "timezone": s.timezone,
         "paused": "yes" if s.paused else "no", "channels": "; ".join(via.get(s.id, [])),
         "about": "; ".join(about.get(s.id, []))}
        for s in subs
    ]
    emit_rows(rows, [("email", "email"), ("name", "name"), ("language", "lang"), ("frequency", "frequency"),
                     ("timezone", "zone"), ("paused", "paused"), ("channels", "channels"), ("about", "about")],
              fmt.value, empty="no subscribers")


@subscribers_app.command("feed-url")
def subscribers_feed_url(
    email: str,
    rotate: Annotated[bool, typer.Option("--rotate", help="Issue a new URL; the old one stops working.")] = False,
    db: DbOption = None,
) -> None:
    """Print EMAIL's secret calendar feed URL (served by `tracker serve`) for Outlook, Google or Apple Calendar.

    The URL is shown once: only a hash of its token is stored. --rotate issues a new one and revokes the old.
    The host part is $TRACKER_BASE_URL (default http://127.0.0.1:8000).

    Example: tracker subscribers feed-url li@example.cn --rotate
    """
    from tracker.clock import utc_now
    from tracker.reminders.feed_tokens import issue_feed_token
    from tracker.reminders.subscribers import find_subscriber

    app = open_app(db)
    base = (app.settings.env.get("TRACKER_BASE_URL") or "http://127.0.0.1:8000").strip().rstrip("/")
    try:
        with app.uow() as uow:
            sub = find_subscriber(uow.session, email)
            token = issue_feed_token(uow.session, sub, now=utc_now(), rotate=rotate)
            uow.commit()
    finally:
        app.dispose()
    typer.echo(f"{base}/feed/{token}.ics")


ChannelOption = Annotated[Optional[int], typer.Option("--channel", help="Only this channel (its #number in `subscribers list`).")]


def _set_paused(email: str, paused: bool, db, channel_id: int | None = None) -> None:
    from tracker.reminders.subscribers import channel_of, find_subscriber

    app = open_app(db)
    with app.uow() as uow:
        sub = find_subscriber(uow.session, email)
        if channel_id is None:
            sub.paused = paused
            what = sub.handle
        else:
            channel = channel_of(uow.session, sub, channel_id)
            channel.paused = paused
            what = f"{sub.handle} channel #{channel.id} {channel.label}"
        uow.commit()
        typer.echo(f"{'paused' if paused else 'resumed'} {what}")


@subscribers_app.command("pause")
def subscribers_pause(email: str, channel: ChannelOption = None, db: DbOption = None) -> None:
    """Stop digests for EMAIL (or NAME) until resumed (notices are not armed while paused); with --channel,
    stop only that channel.

    Example: tracker subscribers pause li@example.cn --channel 3
    """
    _set_paused(email, True, db, channel)


@subscribers_app.command("resume")
def subscribers_resume(email: str, channel: ChannelOption = None, db: DbOption = None) -> None:
    """Resume digests for EMAIL (or NAME), or for one of its channels.

    Example: tracker subscribers resume li@example.cn
    """
    _set_paused(email, False, db, channel)


@subscribers_app.command("remove-channel")
def subscribers_remove_channel(
    who: Annotated[str, typer.Argument(metavar="NAME", help="The subscriber's email address or name.")],
    channel: Annotated[int, typer.Argument(help="The channel's #number in `subscribers list`.")],
    db: DbOption = None,
) -> None:
    """Remove one channel of NAME, with its outbox messages.

    Example: tracker subscribers remove-channel 经信委群 3
    """
    from tracker.reminders.subscribers import channel_of, find_subscriber

    app = open_app(db)
    with app.uow() as uow:
        sub = find_subscriber(uow.session, who)
        row = channel_of(uow.session, sub, channel)
        label = row.label
        uow.session.delete(row)
        uow.commit()
    typer.echo(f"removed channel #{channel} {label} of {sub.handle}")


@subscribers_app.command("remove")
def subscribers_remove(email: str, db: DbOption = None) -> None:
    """Remove EMAIL (or a channel-only subscriber's NAME) with its channels, subscriptions, notices and outbox
    messages.

    Example: tracker subscribers remove li@example.cn
    """
    from tracker.reminders.subscribers import find_subscriber

    app = open_app(db)
    with app.uow() as uow:
        sub = find_subscriber(uow.session, email)
        address = sub.handle
        uow.session.delete(sub)
        uow.commit()
    typer.echo(f"removed {address}")


@digest_app.command("preview")
def digest_preview(
    email: str,
    as_of: AsOfOption = None,
    fmt: Annotated[PreviewFormat, typer.Option("--format", help="Which part to print.")] = PreviewFormat.text,
    sent: Annotated[bool, typer.Option("--sent", help="Show the last digest already sent to EMAIL instead.")] = False,
    db: DbOption = None,
) -> None:
    """Render the digest EMAIL would get as of a day, recording nothing (or, with --sent, the last one sent).

    Example: tracker digest preview li@example.cn --as-of 2025-10-01 --format html
    """
    from sqlalchemy import select

    from tracker.reminders import preview_digests
    from tracker.reminders.render import Renderer
    from tracker.reminders.subscribers import find_subscriber
    from tracker.store.schema.reminders import Message

    app = open_app(db)
    now = _noon(resolve_as_of(as_of, app.settings), app.settings)
    with app.uow(read_only=True) as uow:
        sub_id = find_subscriber(uow.session, email).id
        if sent:
            last = uow.session.scalars(
                select(Message).where(Message.subscriber_id == sub_id, Message.status == "sent")
                .order_by(Message.sent_at.desc(), Message.id.desc()).limit(1)
            ).first()
            if last is None:
                typer.echo("nothing sent yet")
                return
            _print_message(last, fmt)
            return
    views = preview_digests(app, now, [sub_id])
    if not views:
        typer.echo("nothing due")
        return
    renderer = Renderer(base_url=app.settings.env.get("TRACKER_BASE_URL"))
    link = None
    if renderer.base_url:
        # The subscriber's unsubscribe link as a digest carries it (read only: a preview makes no signing key).
        from tracker.reminders.unsubscribe import site_secret, unsubscribe_token, unsubscribe_url
        from tracker.store.schema.reminders import Subscriber

        with app.uow(read_only=True) as uow:
            secret = site_secret(uow.session, None)
            address = uow.session.get(Subscriber, sub_id).email
        if secret is not None and address:
            link = unsubscribe_url(renderer.base_url, unsubscribe_token(secret, sub_id, address))
    subject, text, html = renderer.render(views[0][1], link)
    typer.echo(f"Subject: {subject}\n")
    typer.echo(text if fmt is PreviewFormat.text else html)


@digest_app.command("send")
def digest_send(
    as_of: AsOfOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be sent; write and send nothing.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar (the summary line is still printed).")] = False,
    db: DbOption = None,
) -> None:
    """Arm due notices, compose one digest per subscriber and deliver the outbox (SMTP or the outbox folder).

    Works until nothing claimable is left, then prints what was sent, deferred (with the retry time), failed
    and held by another sender; exits 1 when a message was deferred or failed, with the reasons on stderr.
    Shows a progress bar while sending on a terminal (not when piped or with --quiet).

    Example: tracker digest send --as-of 2025-10-01
    """
    from datetime import timedelta

    from tracker.cli.progress import progress, shown
    from tracker.clock import pass_clock, utc_now
    from tracker.reminders import arm_notices, compose_digests, count_due, deliver_due, make_transport
    from tracker.scheduling.jobs import new_process_id
    from tracker.scheduling.settings import load_schedule

    app = open_app(db)
    clock = utc_now()
    now = _noon(resolve_as_of(as_of, app.settings), app.settings) if as_of else clock
    transport = make_transport(app.settings)
    lease = timedelta(seconds=load_schedule(app.settings.env).delivery_lease)
    if dry_run:
        _dry_run(app, now)
        return
    armed = arm_notices(app, now)
    queued = compose_digests(app, now, ignore_time=True)
    # Leases run on the real clock, read again here (arming and composing took time) and per claim; the
    # --as-of day only decides what is due, fixed for the run so a message deferred now is not retried in it.
    started = utc_now()
    due_by = max(started, now)
    total = count_due(app, started, due_by) if shown(quiet) else None  # only a bar on a terminal needs it
    with progress("Sending digests", total, quiet=quiet) as bar:
        report = deliver_due(
            app, transport, started, limit=None, worker=f"cli:{new_process_id()}", lease=lease,
            due_by=due_by, clock=pass_clock(started), on_done=bar.advance,
        )
    typer.echo(
        f"armed {armed} notices, composed {queued} digests, sent {report.sent} messages via {transport.describe()}"
        + _not_sent_summary(report)
    )
    for line in _not_sent_lines(report):
        typer.echo(line, err=True)
    if report.deferred or report.failed:
        raise typer.Exit(1)  # something this run should have sent was not; held messages are another's to send


def _not_sent_summary(report) -> str:
    parts = []
    if report.deferred:
        first = min(when for _, when, _ in report.deferred)
        parts.append(f"{len(report.deferred)} deferred (retry from {first:%Y-%m-%d %H:%M} UTC)")
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    if report.held_elsewhere:
        parts.append(f"{report.held_elsewhere} held by another sender")
    return "; " + ", ".join(parts) if parts else ""


def _not_sent_lines(report) -> list[str]:
    lines = [f"deferred: {to}: {reason} (retry at {when:%Y-%m-%d %H:%M} UTC)" for to, when, reason in report.deferred]
    lines += [f"failed: {to}: {reason} (see `tracker outbox list --status failed`)" for to, reason in report.failed]
    if report.held_elsewhere:
        lines.append(
            f"held: {report.held_elsewhere} messages are claimed by another sender (the scheduler or another "
            "`digest send`) whose claim has not run out; they are sent by it, or retried here once the claim expires"
        )
    if report.lost_claims:
        lines.append(
            f"warning: {report.lost_claims} messages were sent after their claim had run out and may reach their "
            "recipient twice; raise TRACKER_DELIVERY_LEASE above the server's slowest reply"
        )
    return lines


def _dry_run(app, now) -> None:
    from tracker.reminders import preview_digests

    views = preview_digests(app, now)
    for email, view in views:
        counts = ", ".join(f"{k} {v}" for k, v in view.counts.items() if v)
        typer.echo(f"would send to {email}: {counts}")
    typer.echo(f"dry run: {len(views)} digests would be sent; nothing was written")


@outbox_app.callback()
def outbox_default(ctx: typer.Context) -> None:
    """The delivery outbox: `tracker outbox` lists pending and failed messages.

    Example: tracker outbox list --status failed
    """
    if ctx.invoked_subcommand is None:
        outbox_list(status=None, fmt=ListFormat.table, db=None)


@outbox_app.command("list")
def outbox_list(
    status: Annotated[Optional[str], typer.Option(help="pending, sending, sent or failed (default: all but sent).")] = None,
    fmt: FormatOption = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List outbox messages with their status, attempts and last error.

    Example: tracker outbox list --status failed
    """
    from sqlalchemy import select

    from tracker.cli.output import emit_rows
    from tracker.errors import InvalidInput
    from tracker.store.schema.reminders import Message

    if status and status not in ("pending", "sending", "sent", "failed"):
        raise InvalidInput(f"--status: expected pending, sending, sent or failed, got {status!r}")
    app = open_app(db)
    query = select(Message.id, Message.recipient, Message.digest_key, Message.status, Message.attempts,
                   Message.next_attempt_at, Message.sent_at, Message.last_error).order_by(Message.id)
    query = query.where(Message.status == status) if status else query.where(Message.status != "sent")
    with app.uow(read_only=True) as uow:
        rows = [dict(r._mapping) for r in uow.session.execute(query)]
    emit_rows(rows, [("id", "id"), ("recipient", "to"), ("digest_key", "digest"), ("status", "status"),
                     ("attempts", "attempts"), ("next_attempt_at", "next attempt"), ("sent_at", "sent"),
                     ("last_error", "last error")], fmt.value, empty="outbox empty")


@outbox_app.command("show")
def outbox_show(
    message_id: Annotated[int, typer.Argument(help="The message id `tracker outbox list` prints.")],
    fmt: Annotated[PreviewFormat, typer.Option("--format", help="Which part to print.")] = PreviewFormat.text,
    db: DbOption = None,
) -> None:
    """Show one outbox message, queued or sent: recipient, status, attempts, subject and body.

    Example: tracker outbox show 12 --format html
    """
    from tracker.errors import NotFound
    from tracker.store.schema.reminders import Message

    app = open_app(db)
    with app.uow(read_only=True) as uow:
        message = uow.session.get(Message, message_id)
        if message is None:
            raise NotFound(f"no outbox message with id {message_id} (see `tracker outbox list --status sent`)")
        _print_message(message, fmt)


def _print_message(message, fmt) -> None:
    when = f"sent {message.sent_at:%Y-%m-%d %H:%M} UTC" if message.sent_at else f"next attempt {message.next_attempt_at:%Y-%m-%d %H:%M} UTC"
    typer.echo(f"Message {message.id} to {message.recipient}: {message.status} ({when}), {message.attempts} attempts, "
               f"digest {message.digest_key}")
    if message.last_error:
        typer.echo(f"Last error: {message.last_error}")
    typer.echo(f"Subject: {message.subject}\n")
    body = message.body_text if fmt is PreviewFormat.text else message.body_html
    typer.echo(body or "(body purged by `tracker outbox purge`; the row stays so nothing is sent twice)")


@outbox_app.command("retry")
def outbox_retry(
    ids: Annotated[Optional[List[int]], typer.Argument(help="Message ids; default: every failed message.")] = None,
    db: DbOption = None,
) -> None:
    """Queue failed messages for another attempt now.

    Example: tracker outbox retry 12 15
    """
    from sqlalchemy import update

    from tracker.clock import utc_now
    from tracker.store.schema.reminders import Message

    app = open_app(db)
    with app.uow() as uow:
        query = update(Message).where(Message.status == "failed")
        if ids:
            query = query.where(Message.id.in_(ids))
        count = uow.session.execute(query.values(status="pending", next_attempt_at=utc_now(), claimed_by=None)).rowcount
        uow.commit()
    typer.echo(f"{count} messages queued again")


@outbox_app.command("purge")
def outbox_purge(
    older_than: Annotated[int, typer.Option(help="Days since sending.")] = 90,
    db: DbOption = None,
) -> None:
    """Drop the stored bodies of messages sent more than N days ago.

    The rows stay: they are the record of what was sent, which is what keeps a notice from going out twice.
    Example: tracker outbox purge --older-than 30
    """
    from datetime import timedelta

    from sqlalchemy import update

    from tracker.clock import utc_now
    from tracker.store.schema.reminders import Message

    app = open_app(db)
    with app.uow() as uow:
        count = uow.session.execute(
            update(Message)
            .where(Message.status == "sent", Message.sent_at < utc_now() - timedelta(days=older_than), Message.body_html != "")
            .values(body_text="", body_html="")
        ).rowcount
        uow.commit()
    typer.echo(f"purged the bodies of {count} sent messages")


@checks_app.command("record")
def checks_record(
    target: Annotated[int, typer.Argument(help="Target id (see `tracker show REF`).")],
    status: Annotated[str, typer.Option(help="met, on-track (or on_track), at-risk (or at_risk) or missed.")],
    value: Annotated[Optional[str], typer.Option(help="Measured value, e.g. 32000.")] = None,
    note: Annotated[Optional[str], typer.Option(help="What was found.")] = None,
    on: Annotated[Optional[str], typer.Option("--on", help="Check date YYYY-MM-DD (default: today).")] = None,
    by: Annotated[Optional[str], typer.Option(help="Who checked.")] = None,
    db: DbOption = None,
) -> None:
    """Record a progress check on a target; met or missed closes it (no more due or overdue notices).

    Example: tracker checks record 3 --value 32000 --status on-track --note "Q3 report"
    """
    from decimal import Decimal, InvalidOperation

    from tracker.clock import local_today, utc_now
    from tracker.domain.dates import parse_day
    from tracker.errors import InvalidInput, NotFound
    from tracker.store.schema.policies import Target, TargetCheck
    from tracker.store.writer import refresh_target

    status = _check_status(status)
    app = open_app(db)
    now = utc_now()  # the clock, read once: the record's timestamp and, without --on, the check's day
    day = parse_day(on, "--on") if on else local_today(app.settings.zone, now)
    try:
        amount = Decimal(value.replace(",", "")) if value is not None else None
    except InvalidOperation:
        raise InvalidInput(f"--value: {value!r} is not a number") from None
    with app.uow() as uow:
        row = uow.session.get(Target, target)
        if row is None:
            raise NotFound(f"no target with id {target} (see `tracker show REF`)")
        row.checks.append(TargetCheck(checked_on=day, value=amount, status=status.replace("-", "_"),
                                      note=note, checked_by=by, recorded_at=now))
        uow.session.flush()
        refresh_target(uow.session, row, day)
        uow.commit()
        typer.echo(f"recorded {status} for target {target} on {day.isoformat()}; next check {row.next_check_on or '-'}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `tracker` app."""
    app.add_typer(subscribers_app, name="subscribers")
    app.add_typer(digest_app, name="digest")
    app.add_typer(outbox_app, name="outbox")
    app.add_typer(checks_app, name="checks")
