"""Arm notices: for every active subscriber, write a row for each reminder that is due as of now.

The rows are written before anything is sent (unique key: subscriber, kind, item, item date, rule), so a
re-run inserts nothing new and a crash loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from tracker.domain.notices import (
    DueNotice,
    NoticeRules,
    check_notices,
    date_change_notice,
    expiry_notices,
    new_policy_notice,
    repeal_notice,
    target_notices,
)
from tracker.store.queries import agenda_items
from tracker.store.schema.policies import Agency, History, Policy, Target
from tracker.store.schema.reminders import Notice, Subscriber, Subscription


@dataclass(frozen=True)
class Interest:
    """What one subscriber hears about (resolved subscriptions)."""

    everything: bool
    policy_ids: frozenset[int]
    agency_names: frozenset[str]
    kinds: frozenset[str]  # empty = all kinds

    def wants(self, kind: str, policy_id: int, agencies: tuple[str, ...]) -> bool:
        base_kind = "expiry" if kind == "date_change:policy" else "target" if kind.startswith("date_change") else kind
        # A repeal ends a policy as an expiry does: those who hear of expiries hear of repeals. A milestone is a
        # target without a number: `target` covers both (as it always has), `milestone` only milestones.
        # A plan period's end (calendar feeds) is heard of by those who hear of expiries.
        covered = base_kind in self.kinds or (base_kind in ("repeal", "plan") and "expiry" in self.kinds) or (
            base_kind == "milestone" and "target" in self.kinds)
        if self.kinds and not covered:
            return False
        return self.everything or policy_id in self.policy_ids or bool(self.agency_names.intersection(agencies))


def interests(
    session: Session, subscriber_ids: list[int] | None = None, *, include_paused: bool = False
) -> dict[int, Interest]:
    """Each active subscriber's interest, in two queries. No subscription at all means everything.

    Paused subscribers get no digests, but their calendar feed still answers (`include_paused`)."""
    query = select(Subscriber.id)
    if not include_paused:
        query = query.where(Subscriber.paused.is_(False))
    if subscriber_ids is not None:
        query = query.where(Subscriber.id.in_(subscriber_ids))
    ids = list(session.scalars(query))
    rows = session.execute(
        select(Subscription.subscriber_id, Subscription.scope, Subscription.policy_id, Agency.name, Subscription.kinds)
        .outerjoin(Agency, Agency.id == Subscription.agency_id)
        .where(Subscription.subscriber_id.in_(ids))
    ).all()
    acc: dict[int, dict] = {i: {"all": False, "p": set(), "a": set(), "k": set(), "n": 0} for i in ids}
    for sub_id, scope, policy_id, agency_name, kinds in rows:
        entry = acc[sub_id]
        entry["n"] += 1
        if scope == "all":
            entry["all"] = True
        elif scope == "policy" and policy_id is not None:
            entry["p"].add(policy_id)
        elif scope == "agency" and agency_name is not None:
            entry["a"].add(agency_name)
        entry["k"].update(k for k in (kinds or "").split(",") if k)
    return {
        i: Interest(
            everything=e["all"] or (not e["p"] and not e["a"]),
            policy_ids=frozenset(e["p"]),
            agency_names=frozenset(e["a"]),
            kinds=frozenset(e["k"]),
        )
        for i, e in acc.items()
    }


@dataclass(frozen=True)
class Candidate:
    """A dated item and who it concerns: the policy and the agencies responsible."""

    kind: str
    policy_id: int
    agencies: tuple[str, ...]
    notices: tuple[DueNotice, ...]


def candidates(session: Session, today: date, rules: NoticeRules, since: datetime) -> list[Candidate]:
    """Every item with a notice due as of `today` (a day either side, for subscribers' zones)."""
    conn = session.connection()
    horizon = max((*rules.expiry_before, *rules.target_before, *rules.check_before, 0)) + 1
    start = today - timedelta(days=rules.lapsed_grace + 2)
    expiries, targets, checks = agenda_items(conn, start, today + timedelta(days=horizon))
    ref_ids = dict(session.execute(select(Policy.ref, Policy.id).where(Policy.ref.in_([e.policy.ref for e in expiries]))).all())
    target_policy = dict(
        session.execute(
            select(Target.id, Target.policy_id).where(Target.id.in_([t.target_id for t in (*targets, *checks)]))
        ).all()
    )
    out: list[Candidate] = []
    for day in (today - timedelta(days=1), today, today + timedelta(days=1)):
        for e in expiries:
            pid = ref_ids[e.policy.ref]
            out.append(Candidate("expiry", pid, e.agencies, tuple(expiry_notices(pid, e.effective_to, day, rules))))
        for t in targets:
            out.append(
                Candidate("milestone" if t.kind == "milestone" else "target", target_policy[t.target_id], t.agencies,
                          tuple(target_notices(t.target_id, t.due_on, day, rules)))
            )
        for c in checks:
            if c.outcome is None:
                out.append(
                    Candidate("check", target_policy[c.target_id], c.agencies,
                              tuple(check_notices(c.target_id, c.next_check_on, day, rules)))
                )
    out.extend(_date_changes(session, since))
    out.extend(_source_findings(session, since))
    return [c for c in out if c.notices]


def _date_changes(session: Session, since: datetime) -> list[Candidate]:
    """Policies extended and targets whose due date moved since `since`: their subscribers are told once."""
    rows = session.execute(
        select(History.policy_id, History.target_id, History.field, History.new_value, History.changed_at, Target.policy_id,
               Target.kind)
        .outerjoin(Target, Target.id == History.target_id)
        .where(
            History.changed_at >= since,
            History.old_value.is_not(None),
            History.new_value.is_not(None),
            or_(and_(History.field == "effective_to", History.policy_id.is_not(None)),
                and_(History.field == "due_on", History.target_id.is_not(None))),
        )
    ).all()
    if not rows:
        return []
    from tracker.store.queries import agencies_for

    policy_ids = {r[0] or r[5] for r in rows}
    _, by_policy = agencies_for(session.connection(), (), policy_ids)
    live = set(session.scalars(select(Policy.id).where(Policy.id.in_(policy_ids), Policy.state == "active")))
    out = []
    for policy_id, target_id, field, new_value, changed_at, target_policy, target_kind in rows:
        owner = policy_id if field == "effective_to" else target_policy
        if owner not in live:
            continue
        try:
            new_date = date.fromisoformat(str(new_value)[:10])
        except ValueError:
            continue
        kind = "policy" if field == "effective_to" else "target"
        item_id = policy_id if kind == "policy" else target_id
        notice = date_change_notice(kind, item_id, new_date, changed_at.date())
        # Who hears of it: a milestone's move is for those who follow milestones (base kind "milestone").
        audience = "milestone" if kind == "target" and target_kind == "milestone" else None
        out.append(Candidate(audience or f"date_change:{kind}", owner, by_policy.get(owner, ()), (notice,)))
    return out


def _source_findings(session: Session, since: datetime) -> list[Candidate]:
    """Policies a watched source brought, repealed or superseded since `since`: told once each.

    A new policy concerns the agencies its measures name and the agency the source publishes for.
    """
    from tracker.store.queries import agencies_for
    from tracker.store.schema.sources import Source, SourceEntry, SourceFinding

    rows = session.execute(
        select(SourceFinding.policy_id, SourceFinding.change, SourceFinding.found_at, Agency.name)
        .join(SourceEntry, SourceEntry.id == SourceFinding.entry_id)
        .join(Source, Source.id == SourceEntry.source_id)
        .outerjoin(Agency, Agency.id == Source.agency_id)
        .where(SourceFinding.found_at >= since, SourceFinding.change.in_(("new", "repealed", "superseded")))
        .order_by(SourceFinding.id)
    ).all()
    if not rows:
        return []
    _, by_policy = agencies_for(session.connection(), (), {r[0] for r in rows})
    out = []
    for policy_id, change, found_at, source_agency in rows:
        agencies = by_policy.get(policy_id, ())
        if change == "new":
            agencies = agencies + ((source_agency,) if source_agency and source_agency not in agencies else ())
            notice = new_policy_notice(policy_id, found_at.date())
            out.append(Candidate("new", policy_id, agencies, (notice,)))
        else:
            out.append(Candidate("repeal", policy_id, agencies, (repeal_notice(policy_id, change, found_at.date()),)))
    return out


def arm(session: Session, now: datetime, rules: NoticeRules, subscriber_ids: list[int] | None = None) -> int:
    """Insert the due notice rows for the subscribers (all active ones by default); returns rows added."""
    wanted = interests(session, subscriber_ids)
    if not wanted:
        return 0
    subs = {
        s.id: s
        for s in session.execute(
            select(Subscriber.id, Subscriber.timezone, Subscriber.created_at).where(Subscriber.id.in_(list(wanted)))
        )
    }
    today = now.date()
    earliest_join = min(s.created_at for s in subs.values())
    pool = candidates(session, today, rules, max(earliest_join, now - timedelta(days=rules.lapsed_grace + 1)))
    # Only notices recent enough to be due again can collide; older ones are left out of memory.
    reach = max((*rules.expiry_before, *rules.target_before, *rules.check_before, rules.lapsed_grace, rules.overdue_every))
    existing = set(
        session.execute(
            select(Notice.subscriber_id, Notice.kind, Notice.item_id, Notice.item_date, Notice.rule).where(
                Notice.subscriber_id.in_(list(wanted)), Notice.fires_on >= today - timedelta(days=reach + 2)
            )
        ).all()
    )
    rows = []
    for sub_id, interest in wanted.items():
        local_today = now.astimezone(ZoneInfo(subs[sub_id].timezone)).date()
        joined = subs[sub_id].created_at
        for cand in pool:
            if not interest.wants(cand.kind, cand.policy_id, cand.agencies):
                continue
            for n in cand.notices:
                if n.fires_on > local_today:
                    continue
                if n.kind in ("date_change", "new", "repeal") and n.fires_on < joined.date():
                    continue
                key = (sub_id, n.kind, n.item_id, n.item_date, n.rule)
                if key in existing:
                    continue
                existing.add(key)
                rows.append(
                    {"subscriber_id": sub_id, "kind": n.kind, "item_id": n.item_id, "item_date": n.item_date,
                     "rule": n.rule, "fires_on": n.fires_on, "armed_at": now}
                )
    if rows:
        _insert_ignoring_duplicates(session, rows)
    return len(rows)


def _insert_ignoring_duplicates(session: Session, rows: list[dict]) -> None:
    """Bulk insert; a row another process armed meanwhile is skipped by the unique key, not an error."""
    dialect = session.bind.dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(insert(Notice).on_conflict_do_nothing(), rows)
