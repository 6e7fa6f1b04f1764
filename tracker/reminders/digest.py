"""Compose digests: gather a subscriber's unsent notices, turn them into lines, render, store one message.

The view (groups and lines) is computed here in plain Python; the templates only format it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tracker.domain.agenda import short_title
from tracker.store.queries import agencies_for
from tracker.store.schema.policies import Measure, Policy, Target, TargetCheck
from tracker.store.schema.reminders import Message, Notice, Subscriber

GROUPS = ("overdue", "due_soon", "expiring", "changes")


@dataclass
class DigestLine:
    on: date
    days_left: int
    kind: str
    policy: str  # title (English where known and wanted) and 文号
    subject: str  # what falls due
    measure: str | None = None
    agencies: str = ""
    quantity: str | None = None
    last_check: str | None = None
    late: bool = False
    note: str | None = None  # e.g. the old date of a moved deadline


@dataclass
class DigestView:
    subscriber_name: str
    language: str
    day: date
    groups: dict[str, list[DigestLine]] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {g: len(self.groups.get(g, [])) for g in GROUPS}

    @property
    def empty(self) -> bool:
        return not any(self.groups.values())


def _group(notice: Notice) -> str:
    if notice.kind == "date_change":
        return "changes"
    if notice.kind == "expiry":
        return "expiring"
    if notice.rule.startswith("overdue"):
        return "overdue"
    return "due_soon"


def _quantity(t: Target, language: str) -> str | None:
    if t.quantity is None:
        return None
    q = t.quantity.normalize() if isinstance(t.quantity, Decimal) else t.quantity
    number = f"{q:,f}" if isinstance(q, Decimal) else str(q)
    words = {
        "en": {"at_least": "at least ", "at_most": "at most ", "about": "about ", "exactly": ""},
        "zh": {"at_least": "不少于", "at_most": "不超过", "about": "约", "exactly": ""},
    }[language]
    gap = " " if language == "en" else ""
    return f"{words.get(t.comparator, '')}{number}{gap}{t.unit or ''}".strip()


def build_view(session: Session, subscriber: Subscriber, notices: list[Notice], day: date) -> DigestView:
    """Lines for the notices, one per item per group (the most recent notice of an item speaks for it)."""
    lang = subscriber.language
    policy_ids = {n.item_id for n in notices if n.kind == "expiry" or n.rule == "changed:policy"}
    target_ids = {n.item_id for n in notices if n.kind in ("target", "check") or n.rule == "changed:target"}
    targets = {
        t.id: t for t in session.scalars(select(Target).where(Target.id.in_(target_ids)))
    } if target_ids else {}
    policy_ids |= {t.policy_id for t in targets.values()}
    policies = {p.id: p for p in session.scalars(select(Policy).where(Policy.id.in_(policy_ids)))} if policy_ids else {}
    measure_ids = {t.measure_id for t in targets.values() if t.measure_id}
    measures = dict(session.execute(select(Measure.id, Measure.number).where(Measure.id.in_(measure_ids))).all()) if measure_ids else {}
    by_measure, by_policy = agencies_for(session.connection(), measure_ids, policy_ids)
    last_checks: dict[int, TargetCheck] = {}
    if target_ids:
        for c in session.scalars(select(TargetCheck).where(TargetCheck.target_id.in_(target_ids)).order_by(TargetCheck.checked_on, TargetCheck.id)):
            last_checks[c.target_id] = c

    def label(p: Policy) -> str:
        title = p.title_en if lang == "en" and p.title_en else p.title
        return f"{short_title(title, 60)} ({p.doc_number or p.ref})"

    latest: dict[tuple[str, str, int], Notice] = {}
    for n in sorted(notices, key=lambda n: n.fires_on):
        latest[(_group(n), n.kind, n.item_id)] = n
    groups: dict[str, list[DigestLine]] = defaultdict(list)
    for (group, kind, item_id), n in latest.items():
        late = n.fires_on < day  # its most recent reminder should have gone out on an earlier day
        if kind == "expiry" or n.rule == "changed:policy":
            p = policies.get(item_id)
            if p is None:
                continue
            line = DigestLine(n.item_date, (n.item_date - day).days, kind, label(p), label(p),
                              agencies="、".join(by_policy.get(p.id, ())) if lang == "zh" else ", ".join(by_policy.get(p.id, ())),
                              late=late)
        else:
            t = targets.get(item_id)
            if t is None:
                continue
            p = policies[t.policy_id]
            names = by_measure.get(t.measure_id, ()) if t.measure_id else by_policy.get(p.id, ())
            check = last_checks.get(t.id)
            line = DigestLine(
                n.item_date, (n.item_date - day).days, kind, label(p), short_title(t.text, 80),
                measure=measures.get(t.measure_id), agencies=("、" if lang == "zh" else ", ").join(names),
                quantity=_quantity(t, lang),
                last_check=f"{check.checked_on.isoformat()} {check.status}" if check else None, late=late,
            )
        groups[group].append(line)
    for lines in groups.values():
        lines.sort(key=lambda line: (line.on, line.policy))
    return DigestView(subscriber.name or subscriber.email, lang, day, dict(groups))


def unsent_notices(session: Session, subscriber_id: int) -> list[Notice]:
    return list(
        session.scalars(
            select(Notice).where(Notice.subscriber_id == subscriber_id, Notice.message_id.is_(None)).order_by(Notice.id)
        )
    )


def compose_one(session: Session, subscriber: Subscriber, key: str, now: datetime, renderer) -> Message | None:
    """Render and store one message for `subscriber` in slot `key`, claiming its unsent notices; None if nothing."""
    notices = unsent_notices(session, subscriber.id)
    if not notices:
        return None
    day = now.astimezone(ZoneInfo(subscriber.timezone)).date()
    view = build_view(session, subscriber, notices, day)
    if view.empty:
        return None
    subject, text, html = renderer.render(view)
    message = Message(
        subscriber_id=subscriber.id, digest_key=key, recipient=subscriber.email, subject=subject,
        body_text=text, body_html=html, status="pending", attempts=0, next_attempt_at=now, created_at=now,
    )
    session.add(message)
    session.flush()  # the unique (subscriber, digest_key) refuses a second digest for the same slot here
    session.execute(
        update(Notice)
        .where(Notice.id.in_([n.id for n in notices]), Notice.message_id.is_(None))
        .values(message_id=message.id)
    )
    return message
