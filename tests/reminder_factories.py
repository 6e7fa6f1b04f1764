"""Build policies, targets and subscribers directly with the ORM models, for reminder tests."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

from tracker.store.schema.policies import Agency, History, Measure, MeasureAgency, Policy, Target
from tracker.store.schema.reminders import Subscriber, Subscription

EPOCH = datetime(2020, 1, 1, tzinfo=timezone.utc)


def policy(session, title="测试政策", *, ref=None, doc_number=None, effective_to=None, state="active", title_en=None):
    row = Policy(
        ref=ref or doc_number or title, title=title, title_en=title_en, doc_number=doc_number,
        effective_from=date(2020, 1, 1), effective_to=effective_to, window_source="stated" if effective_to else None,
        state=state, pinned="", created_at=EPOCH, updated_at=EPOCH,
    )
    session.add(row)
    session.flush()
    return row


def target(session, pol, *, due_on, text="到2025年建设5万套", quantity=50000, unit="套", agency=None, number="（一）"):
    from sqlalchemy import func, select

    ordinal = (session.scalar(select(func.max(Measure.ordinal)).where(Measure.policy_id == pol.id)) or 0) + 1
    measure = Measure(policy_id=pol.id, number=number, ordinal=ordinal, text=text)
    session.add(measure)
    session.flush()
    if agency is not None:
        found = session.query(Agency).filter_by(name=agency).one_or_none() or Agency(name=agency)
        session.add(found)
        session.flush()
        session.add(MeasureAgency(measure_id=measure.id, agency_id=found.id, role="lead", position=0))
    row = Target(policy_id=pol.id, measure_id=measure.id, text=text, quantity=Decimal(quantity), unit=unit,
                 comparator="exactly", due_on=due_on, pinned="")
    session.add(row)
    session.flush()
    return row


def subscriber(session, email, *, language="en", timezone_name="Asia/Shanghai", joined=EPOCH, agency_id=None,
               policy_id=None, frequency="daily"):
    row = Subscriber(email=email, name=email.split("@")[0], language=language, frequency=frequency,
                     timezone=timezone_name, paused=False, created_at=joined)
    session.add(row)
    session.flush()
    scope = "agency" if agency_id else "policy" if policy_id else "all"
    session.add(Subscription(subscriber_id=row.id, scope=scope, agency_id=agency_id, policy_id=policy_id, kinds=""))
    session.flush()
    return row


def history(session, pol, field, old, new, when):
    session.add(History(policy_id=pol.id, field=field, old_value=old, new_value=new, reason="extended", source="test",
                        changed_at=when))
    session.flush()


def something_to_say(app, emails: list[str], zone: str = "Asia/Shanghai") -> None:
    """Subscribers (joined two days ago, on the real clock) and a policy whose last day is tomorrow in `zone`,
    so the real reminders service has a digest for each of them today: for tests that run jobs on the clock."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from tracker.clock import local_today, utc_now

    now = utc_now()
    with app.uow() as uow:
        tomorrow = local_today(ZoneInfo(zone), now) + timedelta(days=1)
        policy(uow.session, "明日到期的政策", ref="expiring", effective_to=tomorrow)
        for email in emails:
            subscriber(uow.session, email, timezone_name=zone, joined=now - timedelta(days=2))
        uow.commit()
