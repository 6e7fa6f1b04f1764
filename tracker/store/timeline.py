"""Read queries for the calendar feeds and the timeline page: a fixed handful of statements per page or file.

The calendar and the page show the same policies and targets as `tracker upcoming` and `tracker show`; these
queries add what only they need: how often a date moved (SEQUENCE), the sentence a window was read from,
where each window was extended, and every target of the policies on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Sequence

from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection

from tracker.domain.dates import parse_day
from tracker.domain.timeline import TimelinePolicy, TimelineTarget
from tracker.errors import InvalidInput
from tracker.store.queries import (
    IN_LIMIT,
    check_t,
    history_t,
    link_t,
    measure_facts,
    policy_list,
    policy_t,
    target_t,
)
from tracker.store.schema.policies import PolicySource, SourceDocument

policy_source_t = PolicySource.__table__
source_t = SourceDocument.__table__


def _rounds(ids: Iterable[int]) -> list[list[int]]:
    ids = sorted(set(ids))
    return [ids[start:start + IN_LIMIT] for start in range(0, len(ids), IN_LIMIT)]


@dataclass
class CalendarFacts:
    """What an iCalendar event needs beyond its agenda row, keyed by policy ref and target id."""

    policy_ids: dict[str, int] = field(default_factory=dict)  # ref -> id
    window_basis: dict[str, str] = field(default_factory=dict)  # ref -> the sentence the window was read from
    end_changes: dict[str, int] = field(default_factory=dict)  # ref -> recorded moves of the last day
    plan_basis: dict[str, str] = field(default_factory=dict)  # ref -> the title or sentence the plan period came from
    plan_end_changes: dict[str, int] = field(default_factory=dict)  # ref -> recorded moves of the plan's last day
    due_changes: dict[int, int] = field(default_factory=dict)  # target id -> recorded moves of the due date
    checks_recorded: dict[int, int] = field(default_factory=dict)  # target id -> progress checks recorded
    stored_next_check: dict[int, date] = field(default_factory=dict)  # target id -> next_check_on as stored


def calendar_facts(conn: Connection, refs: Iterable[str], target_ids: Iterable[int]) -> CalendarFacts:
    """Basis sentences and date-change counts for the policies and targets of a calendar: four queries."""
    facts = CalendarFacts()
    refs = sorted(set(refs))
    for start in range(0, len(refs), IN_LIMIT):
        rows = conn.execute(
            select(policy_t.c.id, policy_t.c.ref, policy_t.c.window_basis, policy_t.c.plan_basis).where(
                policy_t.c.ref.in_(bindparam("refs", refs[start:start + IN_LIMIT], expanding=True))
            )
        )
        for row in rows:
            facts.policy_ids[row.ref] = row.id
            if row.window_basis:
                facts.window_basis[row.ref] = row.window_basis
            if row.plan_basis:
                facts.plan_basis[row.ref] = row.plan_basis
    ref_of = {pid: ref for ref, pid in facts.policy_ids.items()}
    for ids in _rounds(ref_of):
        rows = conn.execute(
            select(history_t.c.policy_id, history_t.c.field, func.count())
            .where(
                history_t.c.policy_id.in_(ids), history_t.c.target_id.is_(None),
                history_t.c.field.in_(("effective_to", "plan_to")),
            )
            .group_by(history_t.c.policy_id, history_t.c.field)
        )
        for pid, name, n in rows:
            (facts.end_changes if name == "effective_to" else facts.plan_end_changes)[ref_of[pid]] = n
    for ids in _rounds(target_ids):
        rows = conn.execute(
            select(history_t.c.target_id, func.count())
            .where(history_t.c.target_id.in_(ids), history_t.c.field == "due_on")
            .group_by(history_t.c.target_id)
        )
        facts.due_changes.update(dict(rows.all()))
        rows = conn.execute(
            select(check_t.c.target_id, func.count()).where(check_t.c.target_id.in_(ids)).group_by(check_t.c.target_id)
        )
        facts.checks_recorded.update(dict(rows.all()))
        rows = conn.execute(select(target_t.c.id, target_t.c.next_check_on).where(target_t.c.id.in_(ids)))
        facts.stored_next_check.update({tid: on for tid, on in rows if on is not None})
    return facts


# --- the timeline page --------------------------------------------------------------------------------------


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return parse_day(str(value)[:10])
    except (InvalidInput, ValueError):  # a history value that is not a date (e.g. an old free-text entry)
        return None


def timeline_rows(
    conn: Connection, *, agency_ids: Sequence[int] | None = None
) -> tuple[list[TimelinePolicy], list[TimelineTarget]]:
    """Every policy (narrowed to an agency's measures) with its agencies and extensions, and its targets."""
    found = policy_list(conn, agency_ids=agency_ids)
    ids = [p.id for p in found]
    earliest_end: dict[int, date] = {}
    for some in _rounds(ids):
        rows = conn.execute(
            select(history_t.c.policy_id, history_t.c.old_value).where(
                history_t.c.policy_id.in_(some), history_t.c.target_id.is_(None),
                history_t.c.field == "effective_to",
            )
        )
        for pid, old in rows:
            day = _day(old)
            if day is not None and (pid not in earliest_end or day < earliest_end[pid]):
                earliest_end[pid] = day
    kind_column = target_t.c.get("kind")
    columns = [target_t.c.id, target_t.c.policy_id, target_t.c.text, target_t.c.due_on, target_t.c.outcome,
               target_t.c.measure_id]
    if kind_column is not None:
        columns.append(kind_column.label("kind"))
    raw_targets = []
    for some in _rounds(ids):
        query = select(*columns).where(target_t.c.policy_id.in_(some), target_t.c.due_on.is_not(None))
        if agency_ids is not None:
            query = query.where(
                target_t.c.measure_id.in_(select(link_t.c.measure_id).where(link_t.c.agency_id.in_(agency_ids)))
            )
        raw_targets.extend(conn.execute(query.order_by(target_t.c.due_on, target_t.c.id)))
    by_measure, by_policy, numbers = measure_facts(
        conn, [t.measure_id for t in raw_targets if t.measure_id is not None], ids
    )
    policies = [
        TimelinePolicy(
            id=p.id, ref=p.ref, title=p.title, title_en=p.title_en, doc_number=p.doc_number, state=p.state,
            effective_from=p.effective_from, effective_to=p.effective_to, window_source=p.window_source,
            original_end=earliest_end.get(p.id)
            if p.effective_to is not None and earliest_end.get(p.id) is not None
            and earliest_end[p.id] < p.effective_to else None,
            agencies=by_policy.get(p.id, ()),
        )
        for p in found
    ]
    targets = [
        TimelineTarget(
            id=t.id, policy_id=t.policy_id, text=t.text, due_on=t.due_on, outcome=t.outcome,
            kind=(getattr(t, "kind", None) or "target"), measure=numbers.get(t.measure_id),
            agencies=by_measure.get(t.measure_id, ()),
        )
        for t in raw_targets
    ]
    return policies, targets


def policy_sources(conn: Connection, policy_id: int) -> list:
    """The documents a policy was read from: name, url, language, sha256."""
    return list(
        conn.execute(
            select(source_t.c.name, source_t.c.url, source_t.c.language, source_t.c.sha256)
            .select_from(source_t.join(policy_source_t, policy_source_t.c.source_id == source_t.c.id))
            .where(policy_source_t.c.policy_id == policy_id)
            .order_by(source_t.c.ingested_at, source_t.c.id)
        )
    )


def target_kinds(conn: Connection, policy_id: int) -> dict[int, str]:
    """Each target's kind; every target is a plain 'target' while the table has no kind column."""
    kind = target_t.c.get("kind")
    if kind is None:
        return {}
    return dict(conn.execute(select(target_t.c.id, kind).where(target_t.c.policy_id == policy_id)).all())
