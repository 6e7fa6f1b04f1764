"""Calendars read from the database: the agenda of a window (CLI) and a subscriber's feed (server).

Both go through the listing queries `tracker upcoming` uses (read_agenda, agenda_items) and the pure
`build_agenda`, so a calendar has exactly the rows the agenda has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from tracker.domain.agenda import AgendaKind, AgendaOptions, build_agenda
from tracker.domain.notices import NoticeRules
from tracker.store.queries import read_agenda, read_plans
from tracker.store.timeline import calendar_facts
from tracker.web.ics import build_calendar

FEED_HORIZON_DAYS = 400  # a feed looks this far ahead (and back at overdue targets)


@dataclass(frozen=True)
class CalendarFile:
    body: bytes
    events: int


def agenda_calendar(
    session: Session,
    as_of: date,
    until: date,
    *,
    kinds: frozenset[AgendaKind] = frozenset(AgendaKind),
    agency: str | None = None,
    policy_ref: str | None = None,
    include_overdue: bool = True,
    language: str = "zh",
    rules: NoticeRules = NoticeRules(),
    base_url: str | None = None,
    interest=None,
) -> CalendarFile:
    """The agenda between `as_of` and `until` as an iCalendar file; `interest` narrows it to a subscriber's."""
    conn = session.connection()
    expiries, targets, checks = read_agenda(
        conn, as_of, until, kinds=[k.value for k in kinds], agency=agency, policy_ref=policy_ref,
        include_overdue=include_overdue,
    )
    plans = read_plans(conn, as_of, until, agency=agency, policy_ref=policy_ref) if AgendaKind.PLAN in kinds else []
    options = AgendaOptions(kinds=kinds, include_overdue=include_overdue)
    entries = build_agenda(as_of, until, expiries=expiries, targets=targets, checks=checks, options=options,
                           plans=plans)
    facts = calendar_facts(conn, [e.policy.ref for e in entries], [e.target_id for e in entries if e.target_id])
    if interest is not None:
        entries = [
            e for e in entries
            if interest.wants(e.kind.value, facts.policy_ids.get(e.policy.ref, -1), e.agencies)
        ]
    body = build_calendar(entries, facts, as_of=as_of, language=language, rules=rules, base_url=base_url)
    return CalendarFile(body, len(entries))


def subscriber_calendar(
    session: Session, subscriber_id: int, today: date, *, rules: NoticeRules, base_url: str | None
) -> CalendarFile:
    """What one subscriber hears about, as a feed in their language: from `today` on, overdue targets too."""
    from tracker.reminders.arming import interests
    from tracker.store.schema.reminders import Subscriber

    subscriber = session.get(Subscriber, subscriber_id)
    interest = interests(session, [subscriber_id], include_paused=True)[subscriber_id]
    return agenda_calendar(
        session, today, today + timedelta(days=FEED_HORIZON_DAYS), language=subscriber.language, rules=rules,
        base_url=base_url, interest=interest,
    )
