"""Build policies, measures, agencies, targets and checks directly with the ORM models, for read-side tests."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from itertools import count

from tracker.store.schema.policies import (
    Agency,
    AgencyAlias,
    History,
    Measure,
    MeasureAgency,
    Policy,
    Supersession,
    Target,
    TargetCheck,
)

RECORDED = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
_serial = count(1)


def policy(session, *, ref=None, title=None, effective_from=None, effective_to=None, state="active", **extra) -> Policy:
    n = next(_serial)
    p = Policy(
        ref=ref or f"policy-{n}",
        title=title or f"关于测试政策的若干措施{n}",
        effective_from=effective_from,
        effective_to=effective_to,
        window_source=extra.pop("window_source", "stated" if effective_from or effective_to else None),
        state=state,
        created_at=RECORDED,
        updated_at=RECORDED,
        **extra,
    )
    session.add(p)
    session.flush()
    return p


def agency(session, name: str, *aliases: str) -> Agency:
    a = Agency(name=name, aliases=[AgencyAlias(alias=x) for x in aliases])
    session.add(a)
    session.flush()
    return a


def measure(session, of: Policy, number: str, *agencies: Agency | tuple[Agency, str], title=None) -> Measure:
    ordinal = len(of.measures) + 1
    m = Measure(policy=of, number=number, ordinal=ordinal, title=title, text=f"措施{number}")
    for position, link in enumerate(agencies):
        who, role = link if isinstance(link, tuple) else (link, "responsible")
        m.agency_links.append(MeasureAgency(agency=who, role=role, position=position))
    session.add(m)
    session.flush()
    return m


def target(
    session, of: Policy, text: str, due_on: date | None, *, measure: Measure | None = None,
    outcome: str | None = None, next_check_on: date | None = None, quantity=None, unit=None,
) -> Target:
    t = Target(
        policy=of,
        measure=measure,
        text=text,
        due_on=due_on,
        outcome=outcome,
        next_check_on=next_check_on,
        quantity=Decimal(quantity) if quantity is not None else None,
        unit=unit,
    )
    session.add(t)
    session.flush()
    return t


def check(session, of: Target, checked_on: date, status: str, value=None, note=None) -> TargetCheck:
    c = TargetCheck(
        target=of, checked_on=checked_on, status=status, value=Decimal(value) if value is not None else None,
        note=note, recorded_at=RECORDED,
    )
    session.add(c)
    session.flush()
    return c


def supersedes(session, newer: Policy, older: Policy | None = None, *, doc_number=None, title=None) -> Supersession:
    s = Supersession(policy=newer, superseded=older, superseded_doc_number=doc_number, superseded_title=title)
    session.add(s)
    session.flush()
    return s


def history(session, of: Policy, field: str, old, new, reason=None, source=None) -> History:
    h = History(
        policy_id=of.id, field=field, old_value=old, new_value=new, reason=reason, source=source, changed_at=RECORDED
    )
    session.add(h)
    session.flush()
    return h
